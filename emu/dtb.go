package emu

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
)

// The device tree rivet generates has the reference's nodes, properties and
// order, and the same block layout (header, structure, strings, then the
// memory reservation block), so it is byte-identical to the reference's
// except that rivet does not carry the reference's fixed 4 KiB "rng-seed"
// property under /chosen. A user who needs the exact reference tree supplies
// it as an image (dtb.backing_store.data_filename, --dtb-image).

const (
	fdtMagic         = 0xd00dfeed
	fdtVersion       = 17
	fdtCompVersion   = 16
	fdtBeginNode     = 1
	fdtEndNode       = 2
	fdtProp          = 3
	fdtEnd           = 9
	fdtHeaderSize    = 40
	fdtReserveSize   = 16
	fwReservedLength = 0x80000 // RAM kept for M-mode firmware
	cmVersionMajMin  = "0.21"
)

// fdtBuilder writes a flattened device tree.
type fdtBuilder struct {
	structBlock []byte
	strings     []byte
	stringOff   map[string]uint32
	open        int
}

func (b *fdtBuilder) u32(v uint32) { b.structBlock = binary.BigEndian.AppendUint32(b.structBlock, v) }

func (b *fdtBuilder) data(d []byte) {
	b.structBlock = append(b.structBlock, d...)
	for len(b.structBlock)%4 != 0 {
		b.structBlock = append(b.structBlock, 0)
	}
}

func (b *fdtBuilder) nameOff(name string) uint32 {
	if off, ok := b.stringOff[name]; ok {
		return off
	}
	off := uint32(len(b.strings))
	b.strings = append(append(b.strings, name...), 0)
	b.stringOff[name] = off
	return off
}

func (b *fdtBuilder) beginNode(name string) {
	b.u32(fdtBeginNode)
	b.data(append([]byte(name), 0))
	b.open++
}

func (b *fdtBuilder) beginNodeAt(name string, addr uint64) {
	b.beginNode(name + "@" + strconv.FormatUint(addr, 16))
}

func (b *fdtBuilder) endNode() { b.u32(fdtEndNode); b.open-- }

func (b *fdtBuilder) prop(name string, value []byte) {
	b.u32(fdtProp)
	b.u32(uint32(len(value)))
	b.u32(b.nameOff(name))
	b.data(value)
}

func (b *fdtBuilder) propEmpty(name string)         { b.prop(name, nil) }
func (b *fdtBuilder) propString(name, v string)     { b.prop(name, append([]byte(v), 0)) }
func (b *fdtBuilder) propStringData(name, v string) { b.prop(name, []byte(v)) } // no terminating NUL, as the reference writes init/entrypoint
func (b *fdtBuilder) propU32(name string, vs ...uint32) {
	var v []byte
	for _, x := range vs {
		v = binary.BigEndian.AppendUint32(v, x)
	}
	b.prop(name, v)
}
func (b *fdtBuilder) propU64(name string, vs ...uint64) {
	var v []byte
	for _, x := range vs {
		v = binary.BigEndian.AppendUint64(v, x)
	}
	b.prop(name, v)
}

func (b *fdtBuilder) finish() ([]byte, error) {
	if b.open != 0 {
		return nil, errors.New("device tree: a node was left open")
	}
	b.u32(fdtEnd)
	align8 := func(v int) int { return (v + 7) &^ 7 }
	structOff := fdtHeaderSize
	stringsOff := align8(structOff + len(b.structBlock))
	reserveOff := align8(stringsOff + len(b.strings))
	total := align8(reserveOff + fdtReserveSize)
	out := make([]byte, total)
	be := binary.BigEndian
	be.PutUint32(out[0:], fdtMagic)
	be.PutUint32(out[4:], uint32(total))
	be.PutUint32(out[8:], uint32(structOff))
	be.PutUint32(out[12:], uint32(stringsOff))
	be.PutUint32(out[16:], uint32(reserveOff))
	be.PutUint32(out[20:], fdtVersion)
	be.PutUint32(out[24:], fdtCompVersion)
	be.PutUint32(out[28:], 0) // boot cpu
	be.PutUint32(out[32:], uint32(len(b.strings)))
	be.PutUint32(out[36:], uint32(len(b.structBlock)))
	copy(out[structOff:], b.structBlock)
	copy(out[stringsOff:], b.strings)
	return out, nil
}

// isaString derives "rv64..." from misa's extension bits.
func isaString(misa uint64) string {
	s := "rv64"
	for i := 0; i < 26; i++ {
		if misa&(1<<i) != 0 {
			s += string(rune('a' + i))
		}
	}
	return s
}

// BuildDeviceTree returns the flattened device tree for a configuration
// whose drive starts and lengths are filled in.
func BuildDeviceTree(c *Config) ([]byte, error) { return buildDeviceTree(c, nil) }

// buildDeviceTree adds an rng-seed property under /chosen when seed is not
// nil (tests use it to compare byte for byte with the reference's trees).
func buildDeviceTree(c *Config, rngSeed []byte) ([]byte, error) {
	const intcPhandle, plicPhandle = 1, 2
	const xHost = 13
	if len(c.DTB.Bootargs) > maxBootargsLen {
		return nil, cfgErr("dtb.bootargs", nil, "longer than %d bytes", maxBootargsLen)
	}
	b := &fdtBuilder{stringOff: map[string]uint32{}}
	b.beginNode("")
	b.propU32("#address-cells", 2)
	b.propU32("#size-cells", 2)
	b.propString("compatible", "ucbbar,riscvemu-bar_dev")
	b.propString("model", "ucbbar,riscvemu-bare")

	b.beginNode("chosen")
	b.propString("bootargs", c.DTB.Bootargs)
	if rngSeed != nil {
		b.prop("rng-seed", rngSeed)
	}
	b.endNode()

	b.beginNode("cartesi-machine")
	b.propString("version", cmVersionMajMin)
	b.propStringData("init", c.DTB.Init)
	b.propStringData("entrypoint", c.DTB.Entrypoint)
	b.endNode()

	b.beginNode("cpus")
	b.propU32("#address-cells", 1)
	b.propU32("#size-cells", 0)
	b.propU32("timebase-frequency", RTCClockFreq/RTCFreqDiv)
	b.beginNodeAt("cpu", 0)
	b.propString("device_type", "cpu")
	b.propU32("reg", 0)
	b.propString("status", "okay")
	b.propString("compatible", "riscv")
	b.propString("riscv,isa", isaString(c.Processor.Registers.Misa))
	b.propString("mmu-type", "riscv,sv39")
	b.propU32("clock-frequency", RTCClockFreq)
	b.beginNode("interrupt-controller")
	b.propU32("#address-cells", 0)
	b.propU32("#interrupt-cells", 1)
	b.propEmpty("interrupt-controller")
	b.propString("compatible", "riscv,cpu-intc")
	b.propU32("phandle", intcPhandle)
	b.endNode()
	b.endNode()
	b.endNode()

	b.beginNode("soc")
	b.propU32("#address-cells", 2)
	b.propU32("#size-cells", 2)
	b.propString("compatible", "ucbbar,riscvemu-bar-soc\x00simple-bus")
	b.propEmpty("ranges")
	b.beginNodeAt("clint", CLINTStart)
	b.propString("compatible", "riscv,clint0")
	b.propU64("reg", CLINTStart, CLINTLength)
	b.propU32("interrupts-extended", intcPhandle, 3, intcPhandle, 7)
	b.endNode()
	b.beginNodeAt("plic", PLICStart)
	b.propU32("#interrupt-cells", 1)
	b.propEmpty("interrupt-controller")
	b.propString("compatible", "riscv,plic0")
	b.propU32("riscv,ndev", plicMaxIRQ)
	b.propU64("reg", PLICStart, PLICLength)
	b.propU32("interrupts-extended", intcPhandle, 9, intcPhandle, 11)
	b.propU32("phandle", plicPhandle)
	b.endNode()
	b.beginNodeAt("htif", HTIFStart)
	b.propString("compatible", "ucb,htif0")
	b.propU64("reg", HTIFStart, HTIFLength)
	b.propU32("interrupts-extended", intcPhandle, xHost)
	b.endNode()
	b.endNode()

	b.beginNodeAt("memory", RAMStart)
	b.propString("device_type", "memory")
	b.propU64("reg", RAMStart, c.RAM.Length)
	b.endNode()

	b.beginNode("reserved-memory")
	b.propU32("#address-cells", 2)
	b.propU32("#size-cells", 2)
	b.propEmpty("ranges")
	b.beginNodeAt("fw_resv", RAMStart)
	b.propU64("reg", RAMStart, fwReservedLength)
	b.propEmpty("no-map")
	b.endNode()
	b.endNode()

	for _, f := range c.FlashDrive {
		b.beginNodeAt("pmem", f.Start)
		b.propString("compatible", "pmem-region")
		b.propU64("reg", f.Start, f.Length)
		b.propEmpty("volatile")
		b.endNode()
	}
	for _, n := range c.NVRAM {
		b.beginNodeAt("uio", n.Start)
		b.propString("compatible", "generic-uio")
		b.propU64("reg", n.Start, n.Length)
		b.endNode()
	}
	if len(c.FlashDrive) > 0 || len(c.NVRAM) > 0 {
		b.beginNode("aliases")
		for i, f := range c.FlashDrive {
			target := fmt.Sprintf("/pmem@%x", f.Start)
			b.propString(fmt.Sprintf("flashdrive%d", i), target)
			if f.Label != "" {
				b.propString(f.Label, target)
			}
		}
		for i, n := range c.NVRAM {
			target := fmt.Sprintf("/uio@%x", n.Start)
			b.propString(fmt.Sprintf("nvram%d", i), target)
			if n.Label != "" {
				b.propString(n.Label, target)
			}
		}
		b.endNode()
	}

	b.beginNode("cmio")
	b.propU32("#address-cells", 2)
	b.propU32("#size-cells", 2)
	b.propString("compatible", "ctsi-cmio")
	b.beginNodeAt("rx_buffer", CMIORxStart)
	b.propU64("reg", CMIORxStart, CMIORxLength)
	b.endNode()
	b.beginNodeAt("tx_buffer", CMIOTxStart)
	b.propU64("reg", CMIOTxStart, CMIOTxLength)
	b.endNode()
	b.endNode()

	if iy := c.Processor.Registers.HtifIyield; iy != 0 {
		b.beginNode("yield")
		b.propString("compatible", "ctsi-yield")
		if iy&(1<<HTIFYieldCmdManual) != 0 {
			b.propEmpty("manual")
		}
		if iy&(1<<HTIFYieldCmdAutomatic) != 0 {
			b.propEmpty("automatic")
		}
		b.endNode()
	}
	b.endNode()
	blob, err := b.finish()
	if err != nil {
		return nil, err
	}
	if uint64(len(blob)) > DTBLength {
		return nil, fmt.Errorf("device tree: %d bytes do not fit in the %#x-byte range", len(blob), DTBLength)
	}
	return blob, nil
}

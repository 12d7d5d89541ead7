package jit_test

import (
	"encoding/binary"
	"fmt"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
)

// Guest code must never reach host memory: every access the JIT emits goes
// through the TLB (whose slots the interpreter fills after the PMA checks).
// These tests run hot loops of loads, stores, AMOs and jumps at addresses
// chosen to escape (tags that alias a live TLB slot, wrap-arounds, huge
// offsets, range edges, superpages reaching past RAM, and the host
// addresses of the machines' own memory and of canaries) on both engines:
// the states must agree (the accesses fault alike), the canaries and a
// bystander machine must stay untouched, and the process must not crash.

// Register roles in escape programs: s0 (x8) holds the address table, the
// other pointer registers take escape addresses from it on every pass.
var escapeRegs = []uint32{9, 10, 11, 12, 18, 19}

const (
	tablePA      = dataPA // the address table: data page 0
	tableEntries = 96
	hostEntries  = 24 // the table's last entries: host addresses, set by Prepare
)

// escapeProgram builds an escape program.
func escapeProgram(seed uint64, data []byte, force *shape) *program {
	g := &generator{c: newChooser(seed, data), img: make([]byte, ramSize), force: force, plainTable: true}
	g.p = &program{Seed: seed, RAM: g.img, Regs: emu.DefaultRegisters(), Hot: -1}
	g.setup()
	g.escapeTable()
	g.escapeBody()
	g.schedule()
	return g.p
}

// escapeAddresses lists guest addresses that must fault or reach only what
// they are mapped to.
func (g *generator) escapeAddresses() []uint64 {
	var out []uint64
	pages := []uint64{dataPA + 0x1000, dataPA + 0x5000, bodyPA, tablePA}
	for _, p := range pages {
		// Same TLB slot index (bits 12..19) as a live page, another tag.
		out = append(out, p+1<<20, p+1<<32, p^1<<63, p|0xFFFF<<48, p+1<<56, p-1<<20, p+1<<39, p+1<<48)
	}
	for _, k := range []uint64{0, 1, 3, 7, 8, 15, 4095, 4096} {
		out = append(out, ^uint64(0)-k, k)
	}
	for _, k := range []uint64{1, 2, 4, 8} {
		out = append(out, ramBase+ramSize-k, ramBase-k, 1<<56-k,
			emu.CLINTStart+emu.CLINTLength-k, emu.HTIFStart+emu.HTIFLength-k,
			emu.PLICStart+emu.PLICLength-k, emu.CMIORxStart+emu.CMIORxLength-k,
			emu.CMIOTxStart+emu.CMIOTxLength-k, emu.PMAsStart+emu.PMAsLength-k)
	}
	out = append(out, ramBase+ramSize, ramBase+ramSize+0x1000, 1<<56, 1<<57, 0x30000000, 1<<44-8,
		emu.ShadowStateStart+0x100, emu.ShadowTLBStart, emu.UarchRAMStart, emu.UarchShadowStart)
	if g.satpMode != 0 {
		half := uint64(1) << (12 + 9*uint(g.levels) - 1)
		out = append(out, megaVA+ramSize, megaVA+ramSize+8, megaVA+2<<20-8, megaVA+2<<20,
			gigaVA+ramSize, gigaVA+ramSize+0x1000, gigaVA+1<<30-8, badMegaVA+0x1000,
			half-8, half, half-1, -half, -half-8, -half+ramBase,
			windowVA, windowVA+windowPages*4096-8, windowVA+windowPages*4096)
	}
	return out
}

// escapeTable writes the address table (host entries are left zero).
func (g *generator) escapeTable() {
	addrs := g.escapeAddresses()
	for i := 0; i < tableEntries-hostEntries; i++ {
		a := addrs[i%len(addrs)]
		if i >= len(addrs) {
			a = pick(g.c, addrs) + uint64(g.c.intn(64))*8 - 256
		}
		g.put64(tablePA+uint64(8*i), a)
	}
	g.p.Regs.X[8] = tablePA
	g.p.Regs.X[rSP] = dataPA + 0x4000 + uint64(g.c.intn(512))*8
	g.goodRegs = []uint32{rSP}
	g.exoticRegs = escapeRegs
	g.note("%d escape addresses", len(addrs))
}

// escapeBody emits loops that load escape addresses and access them.
func (g *generator) escapeBody() {
	c := g.c
	g.at = bodyPA
	g.p.BodyStart = bodyPA
	for l := 0; l < 4+c.intn(6) && g.at < bodyLimitPA-0x2000; l++ {
		g.emit(encADDI(rT6, rZero, int64(17+c.intn(24))))
		start := g.at
		g.fixups = g.fixups[:0]
		for _, r := range escapeRegs {
			if c.pct(70) {
				g.emit(encLoad(3, r, 8, int64(8*c.intn(tableEntries))))
			}
		}
		for i := 0; i < 8+c.intn(24); i++ {
			g.escapeItem()
		}
		g.emit(encADDI(rT6, rT6, -1))
		g.emit(encBLT(rZero, rT6, int64(start)-int64(g.at)))
		g.resolve(start, g.at)
	}
	g.emit(encJAL(rZero, int64(bodyPA)-int64(g.at)))
	g.p.BodyEnd = g.at
	g.fill(g.at, bodyLimitPA)
}

// escapeItem is one access at an escape address, a valid access that fills
// the TLB, or pointer arithmetic.
func (g *generator) escapeItem() {
	c := g.c
	r := pick(c, escapeRegs)
	imm := pick(c, []int64{0, 0, 0, 8, -8, 2047, -2048, 2040, 1, -1, 4, int64(c.intn(4096)) - 2048})
	switch c.intn(12) {
	case 0, 1:
		g.emit(encLoad(uint32(c.intn(7)), g.rd(), r, imm))
	case 2, 3:
		g.emit(encStore(uint32(c.intn(4)), g.anyReg(), r, imm))
	case 4:
		g.emit(g.amoWordOn(r))
	case 5:
		w := uint32(2 + c.intn(2))
		if c.pct(50) {
			g.emit(encFLoad(w, uint32(c.intn(32)), r, imm))
		} else {
			g.emit(encFStore(w, uint32(c.intn(32)), r, imm))
		}
	case 6:
		if r <= 12 { // a compressed access through x9..x12
			g.emit16(encCMem(pick(c, []uint32{2, 3, 6, 7}), r, 13+uint32(c.intn(3)), uint32(8*c.intn(32))))
		} else {
			g.emit(encLoad(3, g.rd(), r, 0))
		}
	case 7, 8:
		g.emit(g.loadWordOn(rSP), g.storeWordOn(rSP)) // live slots, perhaps at the same index
	case 9:
		// Huge offsets: move the pointer by a table value or a shifted one.
		v := c.reg(valRegs)
		g.emit(encLoad(3, v, 8, int64(8*c.intn(tableEntries))))
		g.emit(encR(0, v, r, pick(c, []uint32{0, 0, 4}), r, opOp)) // add or xor
		g.emit(encLoad(uint32(c.intn(7)), g.rd(), r, imm))
	case 10:
		if c.pct(50) {
			g.emit(encJALR(rRA, r, imm)) // fetch there; a fault resumes at ra
		} else { // x0 as the base: addresses within 2 KiB of 0 and of 2^64
			g.emit(encLoad(uint32(c.intn(7)), g.rd(), rZero, imm), encStore(uint32(c.intn(4)), g.anyReg(), rZero, -imm))
		}
	default:
		g.emit(encADDI(r, r, imm))
		g.emit(encStore(3, g.anyReg(), r, 0))
	}
}

// canaries are host memory a guest must never write: a heap block and, where
// the host's layout lets us place them, pages next to each machine's RAM.
type canaries struct {
	heap   []byte
	mapped [][]byte
}

const canaryByte = 0xA5

func newCanaries(t testing.TB) *canaries {
	c := &canaries{heap: make([]byte, 1<<16)}
	for i := range c.heap {
		c.heap[i] = canaryByte
	}
	return c
}

// mapNear maps canary pages near a host range: in the first free 64 KiB
// slot below it and above it (within 256 MiB; a machine's ranges are
// usually mapped next to each other, and its own neighbours are checked
// through its root hash anyway).
func (c *canaries) mapNear(start unsafe.Pointer, length uintptr) {
	const size = 64 << 10
	var dists []uintptr
	for k := uintptr(0); k < 64; k++ {
		dists = append(dists, k*size)
	}
	for k := uintptr(1); k <= 256; k++ {
		dists = append(dists, k<<20)
	}
	for _, below := range []bool{true, false} {
		for _, d := range dists {
			at := uintptr(start) + length + d
			if below {
				at = uintptr(start) - size - d
			}
			// An address outside the Go heap, as a pointer for the mmap hint.
			hint := *(*unsafe.Pointer)(unsafe.Pointer(&at))
			p, err := unix.MmapPtr(-1, 0, hint, size, unix.PROT_READ|unix.PROT_WRITE,
				unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_FIXED_NOREPLACE)
			if err != nil {
				continue
			}
			if uintptr(p) != at { // a kernel without MAP_FIXED_NOREPLACE
				unix.MunmapPtr(p, size)
				return
			}
			b := unsafe.Slice((*byte)(p), size)
			for i := range b {
				b[i] = canaryByte
			}
			c.mapped = append(c.mapped, b)
			break
		}
	}
}

func (c *canaries) addresses() []uint64 {
	out := []uint64{uint64(uintptr(unsafe.Pointer(&c.heap[0]))), uint64(uintptr(unsafe.Pointer(&c.heap[len(c.heap)/2])))}
	for _, b := range c.mapped {
		out = append(out, uint64(uintptr(unsafe.Pointer(&b[0]))), uint64(uintptr(unsafe.Pointer(&b[len(b)-8]))))
	}
	return out
}

// check reports the first changed canary byte.
func (c *canaries) check() error {
	for k, b := range append([][]byte{c.heap}, c.mapped...) {
		for i, v := range b {
			if v != canaryByte {
				return fmt.Errorf("canary %d (at %p) byte %#x is %#x", k, &b[0], i, v)
			}
		}
	}
	return nil
}

func (c *canaries) close() {
	for _, b := range c.mapped {
		unix.MunmapPtr(unsafe.Pointer(&b[0]), uintptr(len(b)))
	}
	c.mapped = nil
}

// hostAddr is the host address of a machine range's first byte.
func hostAddr(m *emu.Machine, name string) unsafe.Pointer {
	b := m.RangeBytes()[name]
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(&b[0])
}

// checkEscape runs one escape program on both engines beside a bystander
// machine and canaries.
func checkEscape(t *testing.T, p *program, data []byte, st *runStats) {
	t.Helper()
	cn := newCanaries(t)
	defer cn.close()
	bystander, err := newMachine(p, true)
	if err != nil {
		t.Fatal(err)
	}
	defer bystander.Close()
	before := bystander.RootHash()
	p.Prepare = func(ref, fast *emu.Machine) error {
		var hosts []uint64
		for _, m := range []*emu.Machine{ref, fast, bystander} {
			for _, name := range []string{"RAM", "shadow state", "device tree", "CMIO tx buffer"} {
				a := uint64(uintptr(hostAddr(m, name)))
				hosts = append(hosts, a, a+ramSize-8)
			}
			cn.mapNear(hostAddr(m, "RAM"), ramSize)
		}
		hosts = append(hosts, cn.addresses()...)
		table := make([]byte, 8*hostEntries)
		for i := 0; i < hostEntries; i++ {
			binary.LittleEndian.PutUint64(table[8*i:], hosts[i%len(hosts)])
		}
		at := uint64(tablePA + 8*(tableEntries-hostEntries))
		if err := ref.WriteMemory(at, table); err != nil {
			return err
		}
		return fast.WriteMemory(at, table)
	}
	checkProgram(t, p, data, st)
	st.canaries += uint64(len(cn.mapped))
	if err := cn.check(); err != nil {
		t.Fatalf("seed %d: %v", p.Seed, err)
	}
	if bystander.RootHash() != before {
		t.Fatalf("seed %d: the bystander machine's state changed", p.Seed)
	}
	if err := bystander.VerifyHashTree(); err != nil {
		t.Fatalf("seed %d: bystander: %v", p.Seed, err)
	}
}

var escapeShapes = []shape{
	{prv: emu.PrvM},
	{prv: emu.PrvS},
	{prv: emu.PrvU, delegate: true},
	{prv: emu.PrvS, satpMode: 8},
	{prv: emu.PrvU, satpMode: 9, delegate: true},
	{prv: emu.PrvU, satpMode: 8},
	{prv: emu.PrvS, satpMode: 9},
	{prv: emu.PrvM, satpMode: 8, mprv: true},
	{prv: emu.PrvM, satpMode: 9, mprv: true},
}

// TestJITEscape runs escape programs in every mode (RIVET_FUZZ_LONG: more
// seeds per mode).
func TestJITEscape(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	perShape := uint64(1)
	if longRun() {
		perShape = 50
	}
	var st runStats
	for i, sh := range escapeShapes {
		for k := uint64(0); k < perShape; k++ {
			sh := sh
			checkEscape(t, escapeProgram(uint64(i)*1000+k, nil, &sh), nil, &st)
		}
	}
	t.Logf("%d programs, %d mcycles, %d comparisons, %d canary blocks near RAM", st.programs, st.cycles, st.compares, st.canaries)
}

// FuzzJITEscape: the seed also picks the mode.
func FuzzJITEscape(f *testing.F) {
	if !jit.Supported {
		f.Skip("the JIT has no backend for this host")
	}
	for seed := uint64(0); seed < uint64(len(escapeShapes)); seed++ {
		f.Add(seed, []byte{})
	}
	f.Fuzz(func(t *testing.T, seed uint64, data []byte) {
		sh := escapeShapes[seed%uint64(len(escapeShapes))]
		var st runStats
		checkEscape(t, escapeProgram(seed, data, &sh), data, &st)
	})
}

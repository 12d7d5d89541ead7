package difftest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
)

// Region is a hashed physical range compared after a mismatch.
type Region struct {
	Name          string
	Start, Length uint64
}

// Regions are the hashed ranges of the test machine.
var Regions = []Region{
	{"shadow", 0, 0x8000},
	{"pmas", pmaBase, 0x1000},
	{"uarch-shadow", uarchShadow, 0x1000},
	{"uarch-ram", uarchRAMBase, 0x200000},
	{"cmio-rx", rxBase, 0x200000},
	{"cmio-tx", txBase, 0x200000},
	{"dtb", dtbBase, 0x100000},
	{"ram", RAMStart, RAMLength},
}

// shadowNames names the 64-bit registers of the shadow page by offset
// (machine.md, "Shadow registers").
var shadowNames = func() map[uint64]string {
	m := map[uint64]string{}
	for i := 0; i < 32; i++ {
		m[uint64(i*8)] = fmt.Sprintf("x%d(%s)", i, regNames[i])
		m[0x118+uint64(i*8)] = fmt.Sprintf("f%d", i)
	}
	m[0x100], m[0x108], m[0x110], m[0x218] = "mcycle", "pc", "fcsr", "iprv"
	for i, n := range []string{"mstatus", "mtvec", "mscratch", "mepc", "mcause", "mtval", "misa", "mie", "mip",
		"medeleg", "mideleg", "mcounteren", "menvcfg", "mvendorid", "marchid", "mimpid",
		"stvec", "sscratch", "sepc", "scause", "stval", "satp", "scounteren", "senvcfg",
		"ilrsc", "icycleinstret", "iunrep", "imcyclemax", "iflags.X", "iflags.Y", "iflags.H",
		"clint.mtimecmp", "plic.girqpend", "plic.girqsrvd",
		"htif.tohost", "htif.fromhost", "htif.ihalt", "htif.iconsole", "htif.iyield"} {
		m[0x220+uint64(i*8)] = n
	}
	return m
}()

var tlbSetNames = []string{"code", "read", "write"}
var tlbFieldNames = []string{"vaddr_page", "vp_offset", "pma_index", "zero"}

// Diff is one 64-bit word that differs.
type Diff struct {
	Name     string // register name, TLB slot field, or region+address
	Class    string // for signatures: the register name, "tlb.<set>.<field>", or the region
	Addr     uint64
	Ref, Riv uint64
}

func (d Diff) String() string {
	return fmt.Sprintf("%-28s reference 0x%016x  rivet 0x%016x", d.Name, d.Ref, d.Riv)
}

// wordName names the 64-bit word at a physical address.
func wordName(r Region, addr uint64) (name, class string) {
	if r.Name == "shadow" {
		if addr < 0x1000 {
			if n, ok := shadowNames[addr]; ok {
				return n, n
			}
			return fmt.Sprintf("shadow+0x%x", addr), "shadow"
		}
		if addr < 0x7000 {
			off := addr - 0x1000
			set := off / 0x2000
			slot := (off % 0x2000) / 32
			field := (off % 32) / 8
			return fmt.Sprintf("tlb.%s[%d].%s", tlbSetNames[set], slot, tlbFieldNames[field]),
				fmt.Sprintf("tlb.%s.%s", tlbSetNames[set], tlbFieldNames[field])
		}
	}
	return fmt.Sprintf("%s@0x%x", r.Name, addr), r.Name
}

// diffRegion compares two dumps of a region word by word.
func diffRegion(r Region, ref, riv []byte) []Diff {
	var out []Diff
	for off := 0; off+8 <= len(ref) && off+8 <= len(riv); off += 8 {
		if bytes.Equal(ref[off:off+8], riv[off:off+8]) {
			continue
		}
		addr := r.Start + uint64(off)
		name, class := wordName(r, addr)
		out = append(out, Diff{Name: name, Class: class, Addr: addr,
			Ref: binary.LittleEndian.Uint64(ref[off:]), Riv: binary.LittleEndian.Uint64(riv[off:])})
	}
	return out
}

// diffEngines reads every region from both engines and compares them.
func diffEngines(ref, riv Engine) ([]Diff, error) {
	var out []Diff
	for _, r := range Regions {
		a, err := ref.Read(r.Start, r.Length)
		if err != nil {
			return nil, fmt.Errorf("reading %s from the reference: %w", r.Name, err)
		}
		b, err := riv.Read(r.Start, r.Length)
		if err != nil {
			return nil, fmt.Errorf("reading %s from rivet: %w", r.Name, err)
		}
		out = append(out, diffRegion(r, a, b)...)
	}
	return out, nil
}

// signature summarises diffs so minimisation keeps the same finding.
func signature(ds []Diff, note string) string {
	set := map[string]bool{}
	for _, d := range ds {
		set[d.Class] = true
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if note != "" {
		keys = append(keys, note)
	}
	return strings.Join(keys, ",")
}

// shadowWord reads a register from a shadow dump.
func shadowWord(shadow []byte, off uint64) uint64 {
	return binary.LittleEndian.Uint64(shadow[off:])
}

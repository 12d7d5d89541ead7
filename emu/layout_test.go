package emu

import (
	"testing"
	"unsafe"
)

// TestShadowLayout checks every register offset against machine.md's table.
func TestShadowLayout(t *testing.T) {
	var s Shadow
	check := func(name string, got uintptr, want uintptr) {
		t.Helper()
		if got != want {
			t.Errorf("%s at %#x, machine.md says %#x", name, got, want)
		}
	}
	check("x0", unsafe.Offsetof(s.X), 0x000)
	check("mcycle", unsafe.Offsetof(s.Mcycle), 0x100)
	check("pc", unsafe.Offsetof(s.PC), 0x108)
	check("fcsr", unsafe.Offsetof(s.Fcsr), 0x110)
	check("f0", unsafe.Offsetof(s.F), 0x118)
	check("iprv", unsafe.Offsetof(s.Iprv), 0x218)
	m := []uintptr{unsafe.Offsetof(s.Mstatus), unsafe.Offsetof(s.Mtvec), unsafe.Offsetof(s.Mscratch),
		unsafe.Offsetof(s.Mepc), unsafe.Offsetof(s.Mcause), unsafe.Offsetof(s.Mtval), unsafe.Offsetof(s.Misa),
		unsafe.Offsetof(s.Mie), unsafe.Offsetof(s.Mip), unsafe.Offsetof(s.Medeleg), unsafe.Offsetof(s.Mideleg),
		unsafe.Offsetof(s.Mcounteren), unsafe.Offsetof(s.Menvcfg), unsafe.Offsetof(s.Mvendorid),
		unsafe.Offsetof(s.Marchid), unsafe.Offsetof(s.Mimpid)}
	for i, off := range m {
		check("machine CSR", off, 0x220+uintptr(i)*8)
	}
	check("mvendorid", unsafe.Offsetof(s.Mvendorid), 0x288)
	check("mimpid", unsafe.Offsetof(s.Mimpid), 0x298)
	sv := []uintptr{unsafe.Offsetof(s.Stvec), unsafe.Offsetof(s.Sscratch), unsafe.Offsetof(s.Sepc),
		unsafe.Offsetof(s.Scause), unsafe.Offsetof(s.Stval), unsafe.Offsetof(s.Satp),
		unsafe.Offsetof(s.Scounteren), unsafe.Offsetof(s.Senvcfg)}
	for i, off := range sv {
		check("supervisor CSR", off, 0x2A0+uintptr(i)*8)
	}
	check("ilrsc", unsafe.Offsetof(s.Ilrsc), 0x2E0)
	check("icycleinstret", unsafe.Offsetof(s.Icycleinstret), 0x2E8)
	check("iunrep", unsafe.Offsetof(s.Iunrep), 0x2F0)
	check("imcyclemax", unsafe.Offsetof(s.Imcyclemax), 0x2F8)
	check("iflags.X", unsafe.Offsetof(s.IflagsX), 0x300)
	check("iflags.Y", unsafe.Offsetof(s.IflagsY), 0x308)
	check("iflags.H", unsafe.Offsetof(s.IflagsH), 0x310)
	check("clint.mtimecmp", unsafe.Offsetof(s.ClintMtimecmp), 0x318)
	check("plic.girqpend", unsafe.Offsetof(s.PlicGirqpend), 0x320)
	check("plic.girqsrvd", unsafe.Offsetof(s.PlicGirqsrvd), 0x328)
	check("htif.tohost", unsafe.Offsetof(s.HtifTohost), 0x330)
	check("htif.iyield", unsafe.Offsetof(s.HtifIyield), 0x350)
	check("size", unsafe.Sizeof(s), shadowUsed)
	if unsafe.Sizeof(tlbSlot{}) != 32 || unsafe.Sizeof(shadowTLB{}) != 3*0x2000 {
		t.Errorf("TLB slot %d bytes, sets %d bytes", unsafe.Sizeof(tlbSlot{}), unsafe.Sizeof(shadowTLB{}))
	}
}

// TestNewMachineState checks a fresh machine against machine.md's reset values,
// the invalid-slot encoding of the TLB and the PMA array.
func TestNewMachineState(t *testing.T) {
	m, err := New(DefaultConfig(4<<20), RuntimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	s := m.Shadow()
	want := map[string][2]uint64{
		"mvendorid": {s.Mvendorid, 0x6361727465736920}, "marchid": {s.Marchid, 21}, "mimpid": {s.Mimpid, 21},
		"misa": {s.Misa, 0x800000000014112D}, "mstatus": {s.Mstatus, 0x0000000A00000000}, "pc": {s.PC, 0x80000000},
		"iprv": {s.Iprv, 3}, "x11": {s.X[11], 0x7FF00000}, "ilrsc": {s.Ilrsc, ^uint64(0)},
		"imcyclemax": {s.Imcyclemax, ^uint64(0)}, "ihalt": {s.HtifIhalt, 1}, "iconsole": {s.HtifIconsole, 2},
		"iyield": {s.HtifIyield, 3},
	}
	for name, v := range want {
		if v[0] != v[1] {
			t.Errorf("%s = %#x, want %#x", name, v[0], v[1])
		}
	}
	for set := range m.tlb {
		for i, sl := range m.tlb[set] {
			if sl != (tlbSlot{VaddrPage: ^uint64(0), VpOffset: 0, PMAIndex: ^uint64(0), Zero: 0}) {
				t.Fatalf("TLB set %d slot %d = %+v, want invalid", set, i, sl)
			}
		}
	}
	// PMA array: RAM, device tree, CMIO tx, rx, HTIF, CLINT, PLIC, PMA array
	// with machine.md's observed flag words.
	pmas := (*[2 * maxPMAs]uint64)(m.pmaArray.host)
	wantPMAs := []uint64{
		0x80000000 | 0x0FD, 4 << 20,
		0x7FF00000 | 0x0FD, 0x100000,
		0x60800000 | 0x46D, 0x200000,
		0x60000000 | 0x3E5, 0x200000,
		0x40008000 | 0x28E, 0x1000,
		0x02000000 | 0x20E, 0xC0000,
		0x40100000 | 0x30E, 0x400000,
		0x00010000 | 0x0A5, 0x1000,
		0, 0,
	}
	for i, w := range wantPMAs {
		if pmas[i] != w {
			t.Errorf("PMA word %d = %#x, want %#x", i, pmas[i], w)
		}
	}
}

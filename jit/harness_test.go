package jit_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/rivetvm/rivet/emu"
)

// TestHarnessSkipsTraps: the generated trap handlers resume after every
// kind of exception (illegal 32- and 16-bit words, a faulting load, a fetch
// fault, ECALL) in every privilege and paging mode, so random code keeps
// running; both engines agree.
func TestHarnessSkipsTraps(t *testing.T) {
	shapes := []shape{
		{prv: emu.PrvM},
		{prv: emu.PrvS, satpMode: 8, delegate: true},
		{prv: emu.PrvS},
		{prv: emu.PrvU, satpMode: 9},
		{prv: emu.PrvU, delegate: true},
		{prv: emu.PrvU, satpMode: 8, delegate: true},
		{prv: emu.PrvM, satpMode: 8, mprv: true},
	}
	for _, sh := range shapes {
		t.Run(fmt.Sprintf("prv%d-satp%d-mprv%v-deleg%v", sh.prv, sh.satpMode, sh.mprv, sh.delegate), func(t *testing.T) {
			p := generateWith(7, nil, &sh)
			p.Regs.Imcyclemax, p.Regs.Mcycle = ^uint64(0), 0
			const count = 16 // a6
			var code []byte
			w32 := func(ws ...uint32) {
				for _, w := range ws {
					code = binary.LittleEndian.AppendUint32(code, w)
				}
			}
			w32(encADDI(count, rZero, 1), 0xFFFFFFFF, encADDI(count, count, 1))
			code = binary.LittleEndian.AppendUint16(code, wordCEBREAK)
			w32(encADDI(count, count, 1), encLoad(3, 17, rZero, 0), encADDI(count, count, 1),
				encJALR(rRA, rZero, 0), encADDI(count, count, 1), wordECALL, encADDI(count, count, 1))
			spin := bodyPA + uint64(len(code))
			w32(encJAL(rZero, 0))
			copy(p.RAM[bodyPA-ramBase:], code)
			p.Limit, p.Checks, p.Subs = 5000, []uint64{1000, 5000}, []uint64{10, 11, 12, 500}

			m, err := newMachine(p, false)
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			if _, err := m.Run(5000); err != nil {
				t.Fatal(err)
			}
			if got := m.Shadow().X[count]; got != 6 || m.PC() != spin {
				t.Fatalf("a6 = %d, pc %#x; want 6 at %#x (mcause %d mepc %#x scause %d sepc %#x)",
					got, m.PC(), spin, m.Shadow().Mcause, m.Shadow().Mepc, m.Shadow().Scause, m.Shadow().Sepc)
			}
			var st runStats
			if mm, err := compareRun(p, 0, &st); err != nil || mm != nil {
				t.Fatalf("engines differ: %v %+v", err, mm)
			}
		})
	}
}

// TestGenerateDeterministic: a seed and fuzz bytes always give the same
// program, and different seeds different ones.
func TestGenerateDeterministic(t *testing.T) {
	a, b, c := generate(5, []byte{1, 2, 3}), generate(5, []byte{1, 2, 3}), generate(6, []byte{1, 2, 3})
	if string(a.RAM) != string(b.RAM) || a.String() != b.String() || fmt.Sprint(a.Regs) != fmt.Sprint(b.Regs) {
		t.Fatal("the same inputs gave different programs")
	}
	if string(a.RAM) == string(c.RAM) {
		t.Fatal("different seeds gave the same RAM")
	}
}

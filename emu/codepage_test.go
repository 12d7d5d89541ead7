package emu_test

import (
	"encoding/binary"
	"testing"

	"github.com/rivetvm/rivet/emu"
	. "github.com/rivetvm/rivet/emu/emutest"
)

// TestStoresBesideCode: stores to data on the page of the running code keep
// working (the decoded code stands), and a store over an instruction that
// already ran is seen when it runs again after FENCE.I.
func TestStoresBesideCode(t *testing.T) {
	const data = 0x700 // same page as the code
	head := Program(
		AUIPC(T0, 0), ADDI(T0, T0, data), // t0 = &data (the program starts the page)
		LI(T1, 2000),
		SD(T1, T0, 0), // loop: data = t1; t1--; until 0
		ADDI(T1, T1, -1),
		BNE(T1, Zero, -8),
		ADDI(A1, Zero, 2), // two passes over the patched instruction
	)
	patch := len(head) // word index of the instruction overwritten
	pass := Program(
		ADDI(A0, Zero, 1),
		SD(A0, T0, 8),
		LI(T3, int32(ADDI(A0, Zero, 42))),
		SW(T3, T0, int32(patch*4-data)),
		uint32(0x0000100F), // fence.i
		ADDI(A1, A1, -1),
	)
	prog := Program(head, pass, BNE(A1, Zero, -int32(4*len(pass))), HaltSequence(0))
	if len(prog)*4 > data {
		t.Fatalf("program of %d bytes overlaps its data", len(prog)*4)
	}
	m := newProgramMachine(t, prog)
	if r, err := m.Run(1_000_000); err != nil || r != emu.BreakHalted {
		t.Fatalf("run: %v %v", r, err)
	}
	buf := make([]byte, 16)
	if err := m.ReadMemory(emu.RAMStart+data, buf); err != nil {
		t.Fatal(err)
	}
	if v := binary.LittleEndian.Uint64(buf); v != 1 {
		t.Errorf("data = %d, want 1 (the loop's last store)", v)
	}
	if v := binary.LittleEndian.Uint64(buf[8:]); v != 42 {
		t.Errorf("the patched instruction stored %d, want 42", v)
	}
}

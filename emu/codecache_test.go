package emu

import (
	"testing"

	"github.com/rivetvm/rivet/emu/isa"
)

func TestDecodedIn(t *testing.T) {
	cp := CodePage{Ins: new([codeSlots]isa.Insn)}
	// A 4-byte instruction at 0x100 and a 2-byte one at 0x104.
	cp.Ins[0x100/2] = isa.Insn{Op: isa.ADDI, Size: 4}
	cp.Ins[0x104/2] = isa.Insn{Op: isa.ADDI, Size: 2}
	cases := []struct {
		off, size uint64
		want      bool
	}{
		{0xF8, 8, false},  // ends just before
		{0xFC, 4, false},  // ends just before
		{0xFF, 1, false},  // the byte before
		{0x100, 1, true},  // first byte
		{0x102, 2, true},  // the 4-byte instruction's upper half
		{0x103, 1, true},  // its last byte
		{0x104, 1, true},  // the 2-byte instruction
		{0x105, 1, true},  // its second byte
		{0x106, 2, false}, // just after
		{0x0FE, 4, true},  // straddles into the first
		{0x100, 8, true},
		{0xFFE, 2, false},
	}
	for _, c := range cases {
		if got := cp.decodedIn(c.off, c.size); got != c.want {
			t.Errorf("decodedIn(%#x, %d) = %v, want %v", c.off, c.size, got, c.want)
		}
	}
}

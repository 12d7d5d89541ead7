package amd64

import (
	"testing"

	"github.com/rivetvm/rivet/emu/isa"
	"github.com/rivetvm/rivet/jit/ir"
)

// translateBlock is a block like the kernel's: stack stores and loads,
// arithmetic, a move, a constant and a conditional branch.
func translateBlock() *ir.Block {
	words := []uint32{
		0x7179,     // c.addi16sp sp, -48
		0xf406,     // c.sdsp ra, 40(sp)
		0xf022,     // c.sdsp s0, 32(sp)
		0xec26,     // c.sdsp s1, 24(sp)
		0x1800,     // c.addi4spn s0, sp, 48
		0x84aa,     // c.mv s1, a0
		0x00053783, // ld a5, 0(a0)
		0x0087b703, // ld a4, 8(a5)
		0x00e7b423, // sd a4, 8(a5)
		0x4501,     // c.li a0, 0
		0x00f70663, // beq a4, a5, +12
	}
	b := &ir.Block{End: ir.EndBranch}
	var off uint64
	for _, w := range words {
		in := isa.Decode(w)
		b.Insns = append(b.Insns, in)
		b.Raw = append(b.Raw, w)
		b.Offs = append(b.Offs, off)
		off += uint64(in.Size)
	}
	b.Next = off
	return b
}

// BenchmarkTranslate: go test -run '^$' -bench Translate ./jit/amd64/
func BenchmarkTranslate(b *testing.B) {
	be := New()
	blk := translateBlock()
	for _, in := range blk.Insns {
		if !be.Supported(&in, 0) && in.Op != isa.FP {
			b.Fatalf("%v not supported", in.Op)
		}
	}
	var bytes int
	for b.Loop() {
		code, err := be.Translate(blk, 0, 0)
		if err != nil {
			b.Fatal(err)
		}
		bytes = len(code.Bytes)
	}
	b.ReportMetric(float64(bytes), "bytes/block")
	b.ReportMetric(float64(len(blk.Insns)), "insns/block")
}

package amd64

import (
	"bytes"
	"fmt"
	"testing"

	goasm "github.com/twitchyliquid64/golang-asm"
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// The SSE/FMA encoder is checked against golang-asm like the integer one
// (asm_test.go): each case builds the same instruction both ways. Operands
// follow golang-asm's order (sources first, destination last).

func gx(x Xmm) obj.Addr { return obj.Addr{Type: obj.TYPE_REG, Reg: x86.REG_X0 + int16(x)} }

// assemble3 assembles a three-operand (VEX) instruction.
func assemble3(t *testing.T, as obj.As, from, from3, to obj.Addr) []byte {
	t.Helper()
	b, err := goasm.NewBuilder("amd64", 64)
	if err != nil {
		t.Fatal(err)
	}
	p := b.NewProg()
	p.As = as
	p.From = from
	p.RestArgs = []obj.Addr{from3}
	p.To = to
	b.AddInstruction(p)
	return b.Assemble()
}

var xmms = []Xmm{0, 1, 2, 3, 7, 8, 9, 15}

// fmaXmms are the second and third operands of the three-operand cases
// (every REX/VEX bit combination, fewer cases).
var fmaXmms = []Xmm{0, 7, 8, 15}

// sseCase is an encCase with an optional second source (VEX forms).
type sseCase struct {
	encCase
	from3 obj.Addr
}

func sseCases() []sseCase {
	var cs []sseCase
	scalarOps := []struct {
		op     SseOp
		sd, ss obj.As
	}{
		{SQRT, x86.ASQRTSD, x86.ASQRTSS}, {ADDS, x86.AADDSD, x86.AADDSS}, {MULS, x86.AMULSD, x86.AMULSS},
		{CVTS, x86.ACVTSD2SS, x86.ACVTSS2SD}, {SUBS, x86.ASUBSD, x86.ASUBSS}, {MINS, x86.AMINSD, x86.AMINSS},
		{DIVS, x86.ADIVSD, x86.ADIVSS}, {MAXS, x86.AMAXSD, x86.AMAXSS},
	}
	mems := []Mem{M(RBX, 0x118), M(RBX, 0), M(R12, 8), M(R13, -8), MI(RDX, RAX, 1, 0), M(R15, 52)}
	for _, x := range xmms {
		for _, y := range xmms {
			x, y, name := x, y, fmt.Sprintf("X%d,X%d", x, y)
			for _, o := range scalarOps {
				o := o
				cs = append(cs,
					sseCase{encCase: encCase{fmt.Sprintf("%v sd %s", o.sd, name), func(a *Asm) { a.Scalar(o.op, true, x, y) }, o.sd, gx(y), gx(x)}},
					sseCase{encCase: encCase{fmt.Sprintf("%v ss %s", o.ss, name), func(a *Asm) { a.Scalar(o.op, false, x, y) }, o.ss, gx(y), gx(x)}},
				)
			}
			cs = append(cs,
				sseCase{encCase: encCase{"UCOMISD " + name, func(a *Asm) { a.Ucomis(true, x, y) }, x86.AUCOMISD, gx(y), gx(x)}},
				sseCase{encCase: encCase{"UCOMISS " + name, func(a *Asm) { a.Ucomis(false, x, y) }, x86.AUCOMISS, gx(y), gx(x)}},
				sseCase{encCase: encCase{"COMISD " + name, func(a *Asm) { a.Comis(true, x, y) }, x86.ACOMISD, gx(y), gx(x)}},
				sseCase{encCase: encCase{"COMISS " + name, func(a *Asm) { a.Comis(false, x, y) }, x86.ACOMISS, gx(y), gx(x)}},
				sseCase{encCase: encCase{"ANDPD " + name, func(a *Asm) { a.Logic(ANDP, x, y) }, x86.AANDPD, gx(y), gx(x)}},
				sseCase{encCase: encCase{"ORPD " + name, func(a *Asm) { a.Logic(ORP, x, y) }, x86.AORPD, gx(y), gx(x)}},
				sseCase{encCase: encCase{"XORPD " + name, func(a *Asm) { a.Logic(XORP, x, y) }, x86.AXORPD, gx(y), gx(x)}},
			)
		}
		for _, m := range mems {
			x, m, name := x, m, fmt.Sprintf("X%d,%+v", x, m)
			for _, o := range scalarOps {
				o := o
				cs = append(cs,
					sseCase{encCase: encCase{fmt.Sprintf("%v sd mem %s", o.sd, name), func(a *Asm) { a.ScalarMem(o.op, true, x, m) }, o.sd, gmem(m), gx(x)}},
					sseCase{encCase: encCase{fmt.Sprintf("%v ss mem %s", o.ss, name), func(a *Asm) { a.ScalarMem(o.op, false, x, m) }, o.ss, gmem(m), gx(x)}},
				)
			}
			cs = append(cs,
				sseCase{encCase: encCase{"MOVSD load " + name, func(a *Asm) { a.LoadScalar(true, x, m) }, x86.AMOVSD, gmem(m), gx(x)}},
				sseCase{encCase: encCase{"MOVSS load " + name, func(a *Asm) { a.LoadScalar(false, x, m) }, x86.AMOVSS, gmem(m), gx(x)}},
				sseCase{encCase: encCase{"MOVSD store " + name, func(a *Asm) { a.StoreScalar(true, m, x) }, x86.AMOVSD, gx(x), gmem(m)}},
				sseCase{encCase: encCase{"MOVSS store " + name, func(a *Asm) { a.StoreScalar(false, m, x) }, x86.AMOVSS, gx(x), gmem(m)}},
			)
		}
		for _, r := range regs {
			x, r, name := x, r, fmt.Sprintf("X%d,%v", x, r)
			cs = append(cs,
				sseCase{encCase: encCase{"MOVQ to X " + name, func(a *Asm) { a.MovToXmm(true, x, r) }, x86.AMOVQ, greg2(r), gx(x)}},
				sseCase{encCase: encCase{"MOVL to X " + name, func(a *Asm) { a.MovToXmm(false, x, r) }, x86.AMOVL, greg2(r), gx(x)}},
				sseCase{encCase: encCase{"MOVQ from X " + name, func(a *Asm) { a.MovFromXmm(true, r, x) }, x86.AMOVQ, gx(x), greg2(r)}},
				sseCase{encCase: encCase{"MOVL from X " + name, func(a *Asm) { a.MovFromXmm(false, r, x) }, x86.AMOVL, gx(x), greg2(r)}},
				sseCase{encCase: encCase{"CVTTSD2SQ " + name, func(a *Asm) { a.CvtToInt(true, true, true, r, x) }, x86.ACVTTSD2SQ, gx(x), greg2(r)}},
				sseCase{encCase: encCase{"CVTTSD2SL " + name, func(a *Asm) { a.CvtToInt(true, true, false, r, x) }, x86.ACVTTSD2SL, gx(x), greg2(r)}},
				sseCase{encCase: encCase{"CVTSD2SQ " + name, func(a *Asm) { a.CvtToInt(true, false, true, r, x) }, x86.ACVTSD2SQ, gx(x), greg2(r)}},
				sseCase{encCase: encCase{"CVTSD2SL " + name, func(a *Asm) { a.CvtToInt(true, false, false, r, x) }, x86.ACVTSD2SL, gx(x), greg2(r)}},
				sseCase{encCase: encCase{"CVTTSS2SQ " + name, func(a *Asm) { a.CvtToInt(false, true, true, r, x) }, x86.ACVTTSS2SQ, gx(x), greg2(r)}},
				sseCase{encCase: encCase{"CVTSS2SL " + name, func(a *Asm) { a.CvtToInt(false, false, false, r, x) }, x86.ACVTSS2SL, gx(x), greg2(r)}},
				sseCase{encCase: encCase{"CVTSQ2SD " + name, func(a *Asm) { a.CvtFromInt(true, true, x, r) }, x86.ACVTSQ2SD, greg2(r), gx(x)}},
				sseCase{encCase: encCase{"CVTSL2SD " + name, func(a *Asm) { a.CvtFromInt(true, false, x, r) }, x86.ACVTSL2SD, greg2(r), gx(x)}},
				sseCase{encCase: encCase{"CVTSQ2SS " + name, func(a *Asm) { a.CvtFromInt(false, true, x, r) }, x86.ACVTSQ2SS, greg2(r), gx(x)}},
				sseCase{encCase: encCase{"CVTSL2SS " + name, func(a *Asm) { a.CvtFromInt(false, false, x, r) }, x86.ACVTSL2SS, greg2(r), gx(x)}},
			)
		}
		for _, y := range fmaXmms {
			for _, z := range fmaXmms {
				x, y, z, name := x, y, z, fmt.Sprintf("X%d,X%d,X%d", x, y, z)
				for _, o := range []struct {
					op     FmaOp
					sd, ss obj.As
				}{
					{VFMADD, x86.AVFMADD213SD, x86.AVFMADD213SS}, {VFMSUB, x86.AVFMSUB213SD, x86.AVFMSUB213SS},
					{VFNMADD, x86.AVFNMADD213SD, x86.AVFNMADD213SS}, {VFNMSUB, x86.AVFNMSUB213SD, x86.AVFNMSUB213SS},
				} {
					o := o
					cs = append(cs,
						sseCase{encCase: encCase{fmt.Sprintf("%v %s", o.sd, name), func(a *Asm) { a.Fma213(o.op, true, x, y, z) }, o.sd, gx(z), gx(x)}},
						sseCase{encCase: encCase{fmt.Sprintf("%v %s", o.ss, name), func(a *Asm) { a.Fma213(o.op, false, x, y, z) }, o.ss, gx(z), gx(x)}},
					)
					cs[len(cs)-2].from3, cs[len(cs)-1].from3 = gx(y), gx(y)
				}
			}
		}
	}
	for _, m := range mems {
		m := m
		cs = append(cs,
			sseCase{encCase: encCase{fmt.Sprintf("STMXCSR %+v", m), func(a *Asm) { a.Stmxcsr(m) }, x86.ASTMXCSR, obj.Addr{}, gmem(m)}},
			sseCase{encCase: encCase{fmt.Sprintf("LDMXCSR %+v", m), func(a *Asm) { a.Ldmxcsr(m) }, x86.ALDMXCSR, gmem(m), obj.Addr{}}},
			sseCase{encCase: encCase{fmt.Sprintf("TESTB %+v", m), func(a *Asm) { a.TestMem8(m, 0x80) }, x86.ATESTB, gimm(0x80), gmem(m)}},
			sseCase{encCase: encCase{fmt.Sprintf("TESTL %+v", m), func(a *Asm) { a.TestMem32(m, 0x6000) }, x86.ATESTL, gimm(0x6000), gmem(m)}},
		)
	}
	for _, r := range regs {
		for _, s := range regs {
			r, s := r, s
			cs = append(cs,
				sseCase{encCase: encCase{fmt.Sprintf("CMOVLNE %v,%v", r, s), func(a *Asm) { a.Cmov(CondNE, false, r, s) }, x86.ACMOVLNE, greg2(s), greg2(r)}},
				sseCase{encCase: encCase{fmt.Sprintf("CMOVQPS %v,%v", r, s), func(a *Asm) { a.Cmov(CondP, true, r, s) }, x86.ACMOVQPS, greg2(s), greg2(r)}},
			)
		}
	}
	return cs
}

func TestSSEEncoderAgainstGolangAsm(t *testing.T) {
	n := 0
	for _, c := range sseCases() {
		var a Asm
		c.mine(&a)
		var want []byte
		if c.from3.Type != obj.TYPE_NONE {
			want = assemble3(t, c.as, c.from, c.from3, c.to)
		} else {
			want = assemble(t, c.as, c.from, c.to)
		}
		if !bytes.Equal(a.B, want) {
			t.Errorf("%s: rivet % x, golang-asm % x", c.name, a.B, want)
			if n++; n > 30 {
				t.Fatal("too many mismatches")
			}
		}
	}
}

// The short jumps have no golang-asm counterpart that keeps a rel8, so they
// are checked against the manual's encodings.
func TestShortJumps(t *testing.T) {
	var a Asm
	s := a.Jcc8(CondP)
	a.Ret()
	a.Patch8(s, a.Here())
	j := a.Jmp8()
	a.Patch8(j, 0)
	want := []byte{0x7A, 0x01, 0xC3, 0xEB, 0xFB}
	if !bytes.Equal(a.B, want) {
		t.Fatalf("got % x, want % x", a.B, want)
	}
}

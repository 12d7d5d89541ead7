package amd64

import (
	"bytes"
	"fmt"
	"testing"

	goasm "github.com/twitchyliquid64/golang-asm"
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// The encoder is checked against golang-asm, an independent assembler: every
// case builds the same instruction both ways and compares the bytes.

func greg(r Reg) int16 { return x86.REG_AX + int16(r) }

func gmem(m Mem) obj.Addr {
	a := obj.Addr{Type: obj.TYPE_MEM, Reg: greg(m.Base), Offset: int64(m.Disp)}
	if m.Index != noReg {
		a.Index = greg(m.Index)
		a.Scale = int16(m.Scale)
	}
	return a
}

func greg2(r Reg) obj.Addr  { return obj.Addr{Type: obj.TYPE_REG, Reg: greg(r)} }
func gimm(v int64) obj.Addr { return obj.Addr{Type: obj.TYPE_CONST, Offset: v} }

// assemble assembles one instruction with golang-asm (rest: the further
// source operands of a three-operand VEX form).
func assemble(t *testing.T, as obj.As, from, to obj.Addr, rest ...obj.Addr) []byte {
	t.Helper()
	b, err := goasm.NewBuilder("amd64", 64)
	if err != nil {
		t.Fatal(err)
	}
	p := b.NewProg()
	p.As = as
	p.From = from
	p.RestArgs = rest
	p.To = to
	b.AddInstruction(p)
	return b.Assemble()
}

type encCase struct {
	name string
	mine func(a *Asm)
	as   obj.As
	from obj.Addr
	to   obj.Addr
}

var regs = []Reg{RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15}
var bases = []Reg{RBX, RSP, RBP, R12, R13, R15}
var disps = []int32{0, 8, 127, 128, -129}

func encCases() []encCase {
	var cs []encCase
	for _, r := range regs {
		for _, b := range bases {
			for _, d := range disps {
				m := M(b, d)
				r, name := r, fmt.Sprintf("%v,[%v%+d]", r, b, d)
				cs = append(cs,
					encCase{"MOVQ load " + name, func(a *Asm) { a.MovLoad64(r, m) }, x86.AMOVQ, gmem(m), greg2(r)},
					encCase{"MOVQ store " + name, func(a *Asm) { a.MovStore64(m, r) }, x86.AMOVQ, greg2(r), gmem(m)},
					encCase{"MOVL store " + name, func(a *Asm) { a.MovStore32(m, r) }, x86.AMOVL, greg2(r), gmem(m)},
					encCase{"MOVW store " + name, func(a *Asm) { a.MovStore16(m, r) }, x86.AMOVW, greg2(r), gmem(m)},
					encCase{"MOVB store " + name, func(a *Asm) { a.MovStore8(m, r) }, x86.AMOVB, greg2(r), gmem(m)},
					encCase{"MOVL load " + name, func(a *Asm) { a.Load32(r, m) }, x86.AMOVL, gmem(m), greg2(r)},
					encCase{"MOVLQSX " + name, func(a *Asm) { a.Load32S(r, m) }, x86.AMOVLQSX, gmem(m), greg2(r)},
					encCase{"MOVWLZX " + name, func(a *Asm) { a.Load16(r, m) }, x86.AMOVWLZX, gmem(m), greg2(r)},
					encCase{"MOVWQSX " + name, func(a *Asm) { a.Load16S(r, m) }, x86.AMOVWQSX, gmem(m), greg2(r)},
					encCase{"MOVBLZX " + name, func(a *Asm) { a.Load8(r, m) }, x86.AMOVBLZX, gmem(m), greg2(r)},
					encCase{"MOVBQSX " + name, func(a *Asm) { a.Load8S(r, m) }, x86.AMOVBQSX, gmem(m), greg2(r)},
					encCase{"LEAQ " + name, func(a *Asm) { a.Lea(r, m) }, x86.ALEAQ, gmem(m), greg2(r)},
					encCase{"ADDQ mem " + name, func(a *Asm) { a.AluRM(true, ADD, r, m) }, x86.AADDQ, gmem(m), greg2(r)},
					encCase{"CMPQ mem " + name, func(a *Asm) { a.AluRM(true, CMP, r, m) }, x86.ACMPQ, greg2(r), gmem(m)},
					encCase{"XORL mem " + name, func(a *Asm) { a.AluRM(false, XOR, r, m) }, x86.AXORL, gmem(m), greg2(r)},
					encCase{"BTSQ " + name, func(a *Asm) { a.BtsMem(m, r) }, x86.ABTSQ, greg2(r), gmem(m)},
					encCase{"BTQ " + name, func(a *Asm) { a.BtMem(m, r) }, x86.ABTQ, greg2(r), gmem(m)},
				)
			}
			m := MI(b, r, 8, 16)
			if r != RSP {
				cs = append(cs, encCase{fmt.Sprintf("MOVQ index [%v+%v*8+16]", b, r), func(a *Asm) { a.MovLoad64(RDX, m) }, x86.AMOVQ, gmem(m), greg2(RDX)})
			}
		}
		for _, s := range regs {
			r, s := r, s
			cs = append(cs,
				encCase{fmt.Sprintf("MOVQ %v,%v", r, s), func(a *Asm) { a.MovRR(r, s) }, x86.AMOVQ, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("ADDQ %v,%v", r, s), func(a *Asm) { a.AluRR(true, ADD, r, s) }, x86.AADDQ, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("SUBL %v,%v", r, s), func(a *Asm) { a.AluRR(false, SUB, r, s) }, x86.ASUBL, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("CMPQ %v,%v", r, s), func(a *Asm) { a.AluRR(true, CMP, r, s) }, x86.ACMPQ, greg2(r), greg2(s)},
				encCase{fmt.Sprintf("IMULQ %v,%v", r, s), func(a *Asm) { a.Imul(true, r, s) }, x86.AIMULQ, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("BTSQ %v,%v", r, s), func(a *Asm) { a.BtsRR(r, s) }, x86.ABTSQ, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("MOVLQSX %v,%v", r, s), func(a *Asm) { a.Movsxd(r, s) }, x86.AMOVLQSX, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("MOVBQSX %v,%v", r, s), func(a *Asm) { a.Movsx8(r, s) }, x86.AMOVBQSX, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("MOVBLZX %v,%v", r, s), func(a *Asm) { a.Movzx8(r, s) }, x86.AMOVBLZX, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("MOVWQSX %v,%v", r, s), func(a *Asm) { a.Movsx16(r, s) }, x86.AMOVWQSX, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("MOVWLZX %v,%v", r, s), func(a *Asm) { a.Movzx16(r, s) }, x86.AMOVWLZX, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("CMOVQLT %v,%v", r, s), func(a *Asm) { a.Cmov(CondL, true, r, s) }, x86.ACMOVQLT, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("CMOVQHI %v,%v", r, s), func(a *Asm) { a.Cmov(CondA, true, r, s) }, x86.ACMOVQHI, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("CMOVLCS %v,%v", r, s), func(a *Asm) { a.Cmov(CondB, false, r, s) }, x86.ACMOVLCS, greg2(s), greg2(r)},
				encCase{fmt.Sprintf("CMOVLGT %v,%v", r, s), func(a *Asm) { a.Cmov(CondG, false, r, s) }, x86.ACMOVLGT, greg2(s), greg2(r)},
			)
		}
		for _, imm := range []int32{0, 1, -1, 127, 128, -128, -129, 0x7FFFFFFF, -0x80000000} {
			r, imm := r, imm
			cs = append(cs,
				encCase{fmt.Sprintf("ADDQ $%d,%v", imm, r), func(a *Asm) { a.AluRI(true, ADD, r, imm) }, x86.AADDQ, gimm(int64(imm)), greg2(r)},
				encCase{fmt.Sprintf("ANDL $%d,%v", imm, r), func(a *Asm) { a.AluRI(false, AND, r, imm) }, x86.AANDL, gimm(int64(imm)), greg2(r)},
				encCase{fmt.Sprintf("CMPQ %v,$%d", r, imm), func(a *Asm) { a.AluRI(true, CMP, r, imm) }, x86.ACMPQ, greg2(r), gimm(int64(imm))},
			)
		}
		for _, n := range []uint8{1, 3, 31, 63} {
			r, n := r, n
			cs = append(cs,
				encCase{fmt.Sprintf("SHLQ $%d,%v", n, r), func(a *Asm) { a.ShiftRI(true, SHL, r, n) }, x86.ASHLQ, gimm(int64(n)), greg2(r)},
				encCase{fmt.Sprintf("SARL $%d,%v", n, r), func(a *Asm) { a.ShiftRI(false, SAR, r, n) }, x86.ASARL, gimm(int64(n)), greg2(r)},
			)
		}
		r := r
		cs = append(cs,
			encCase{fmt.Sprintf("SHRQ CX,%v", r), func(a *Asm) { a.ShiftRCL(true, SHR, r) }, x86.ASHRQ, greg2(RCX), greg2(r)},
			encCase{fmt.Sprintf("NOTQ %v", r), func(a *Asm) { a.Not(r) }, x86.ANOTQ, obj.Addr{}, greg2(r)},
			encCase{fmt.Sprintf("SETLT %v", r), func(a *Asm) { a.Setcc(CondL, r) }, x86.ASETLT, obj.Addr{}, greg2(r)},
			encCase{fmt.Sprintf("MULQ %v", r), func(a *Asm) { a.MulRDX(r) }, x86.AMULQ, greg2(r), obj.Addr{}},
			encCase{fmt.Sprintf("TESTQ %v", r), func(a *Asm) { a.Test32or64(true, r) }, x86.ATESTQ, greg2(r), greg2(r)},
			encCase{fmt.Sprintf("TESTL %v", r), func(a *Asm) { a.Test32or64(false, r) }, x86.ATESTL, greg2(r), greg2(r)},
			encCase{fmt.Sprintf("PUSHQ %v", r), func(a *Asm) { a.Push(r) }, x86.APUSHQ, greg2(r), obj.Addr{}},
			encCase{fmt.Sprintf("POPQ %v", r), func(a *Asm) { a.Pop(r) }, x86.APOPQ, obj.Addr{}, greg2(r)},
			encCase{fmt.Sprintf("BTQ $17, %v", r), func(a *Asm) { a.BtImm(r, 17) }, x86.ABTQ, gimm(17), greg2(r)},
			encCase{fmt.Sprintf("IDIVQ %v", r), func(a *Asm) { a.Idiv(true, r) }, x86.AIDIVQ, greg2(r), obj.Addr{}},
			encCase{fmt.Sprintf("IDIVL %v", r), func(a *Asm) { a.Idiv(false, r) }, x86.AIDIVL, greg2(r), obj.Addr{}},
			encCase{fmt.Sprintf("DIVQ %v", r), func(a *Asm) { a.Div(true, r) }, x86.ADIVQ, greg2(r), obj.Addr{}},
			encCase{fmt.Sprintf("DIVL %v", r), func(a *Asm) { a.Div(false, r) }, x86.ADIVL, greg2(r), obj.Addr{}},
		)
		for _, v := range []uint64{0, 1, 0xFFFFFFFF, 0x80000000, ^uint64(0), 0xFFFFFFFF80000000, 0x123456789A} {
			v := v
			as := obj.As(x86.AMOVQ)
			if v>>32 == 0 {
				as = x86.AMOVL // MovImm uses the zero-extending 32-bit move when it suffices
			}
			cs = append(cs, encCase{fmt.Sprintf("MOV $%#x,%v", v, r), func(a *Asm) { a.MovImm(r, v) }, as, gimm(map[bool]int64{true: int64(int32(uint32(v))), false: int64(v)}[v>>32 == 0]), greg2(r)})
		}
	}
	return cs
}

func TestEncoderAgainstGolangAsm(t *testing.T) {
	n := 0
	for _, b := range bases {
		for _, d := range disps {
			m := M(b, d)
			cs0 := []encCase{
				{fmt.Sprintf("CALL [%v%+d]", b, d), func(a *Asm) { a.CallMem(m) }, obj.ACALL, obj.Addr{}, gmem(m)},
				{fmt.Sprintf("MOVQ $-7, [%v%+d]", b, d), func(a *Asm) { a.MovStoreImm32(m, -7) }, x86.AMOVQ, gimm(-7), gmem(m)},
			}
			for _, c := range cs0 {
				var a Asm
				c.mine(&a)
				if want := assemble(t, c.as, c.from, c.to); !bytes.Equal(a.B, want) {
					t.Errorf("%s: rivet % x, golang-asm % x", c.name, a.B, want)
				}
			}
		}
	}
	cs := append(encCases(),
		encCase{"CQO", func(a *Asm) { a.Cqo(true) }, x86.ACQO, obj.Addr{}, obj.Addr{}},
		encCase{"CDQ", func(a *Asm) { a.Cqo(false) }, x86.ACDQ, obj.Addr{}, obj.Addr{}},
	)
	for _, c := range cs {
		var a Asm
		c.mine(&a)
		want := assemble(t, c.as, c.from, c.to)
		if !bytes.Equal(a.B, want) {
			t.Errorf("%s: rivet % x, golang-asm % x", c.name, a.B, want)
			if n++; n > 30 {
				t.Fatal("too many mismatches")
			}
		}
	}
}

// TestAlign: padding from any offset ends on the boundary, as one NOP of the
// SDM's table or as a short jump over INT3s, and the NOPs golang-asm can
// express are its bytes.
func TestAlign(t *testing.T) {
	for i, n := range nops {
		if len(n) != i {
			t.Fatalf("nops[%d] is %d bytes", i, len(n))
		}
	}
	for _, c := range []struct {
		size int
		from obj.Addr
	}{
		{3, gmem(M(RAX, 0))},
		{4, gmem(M(RAX, 1))},
		{5, gmem(MI(RAX, RAX, 1, 1))},
	} {
		want := assemble(t, x86.ANOPL, c.from, obj.Addr{})
		got := append([]byte(nil), nops[c.size]...)
		got[len(got)-1] = want[len(want)-1] // golang-asm needs a displacement of 1 to keep the disp8
		if !bytes.Equal(got, want) {
			t.Errorf("%d-byte NOP % x, golang-asm % x", c.size, nops[c.size], want)
		}
	}
	for start := 0; start < 130; start++ {
		var a Asm
		a.B = make([]byte, start)
		a.Align(64)
		pad := a.B[start:]
		switch {
		case len(a.B)%64 != 0:
			t.Fatalf("from %d: length %d", start, len(a.B))
		case len(pad) == 0, len(pad) < len(nops) && bytes.Equal(pad, nops[len(pad)]):
		case len(pad) >= len(nops) && pad[0] == 0xEB && int(pad[1]) == len(pad)-2:
		default:
			t.Fatalf("from %d: padding % x", start, pad)
		}
	}
}

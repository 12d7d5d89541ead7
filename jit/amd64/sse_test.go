package amd64

import (
	"bytes"
	"fmt"
	"testing"
	"unsafe"

	"github.com/rivetvm/rivet/emu"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// The SSE/FMA encoder is checked against golang-asm like the integer one
// (asm_test.go): each case builds the same instruction both ways. Operands
// follow golang-asm's order (sources first, destination last).

func gx(x Xmm) obj.Addr { return obj.Addr{Type: obj.TYPE_REG, Reg: x86.REG_X0 + int16(x)} }

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
				sseCase{encCase: encCase{"MOVAPS " + name, func(a *Asm) { a.MovXmm(x, y) }, x86.AMOVAPS, gx(y), gx(x)}},
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
			sseCase{encCase: encCase{fmt.Sprintf("TESTQ %+v", m), func(a *Asm) { a.TestMem64(m, -256) }, x86.ATESTQ, gimm(-256), gmem(m)}},
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
			want = assemble(t, c.as, c.from, c.to, c.from3)
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

// Which F/D encodings are translated: the rounding-mode and encoding rules
// of fp.go's decoder, case by case (the differential test in package jit
// checks what the translations compute).
func TestFPDecodeRules(t *testing.T) {
	opfp := func(funct7, rs2, rs1, rm, rd uint32) uint32 {
		return funct7<<25 | rs2<<20 | rs1<<15 | rm<<12 | rd<<7 | 0x53
	}
	fma := func(fmt, rm uint32) uint32 { return 3<<27 | fmt<<25 | 2<<20 | 1<<15 | rm<<12 | 4<<7 | 0x43 }
	cases := []struct {
		name string
		raw  uint32
		want bool
	}{
		{"fadd.d dyn", opfp(0x01, 2, 1, 7, 3), true},
		{"fadd.d rup", opfp(0x01, 2, 1, 3, 3), true},
		{"fadd.d rmm (SSE has no RMM)", opfp(0x01, 2, 1, 4, 3), false},
		{"fadd.d reserved rm 5", opfp(0x01, 2, 1, 5, 3), false},
		{"fadd.d reserved rm 6", opfp(0x01, 2, 1, 6, 3), false},
		{"fsqrt.s rs2 0", opfp(0x2C, 0, 1, 7, 3), true},
		{"fsqrt.s rs2 1 (illegal)", opfp(0x2C, 1, 1, 7, 3), false},
		{"fcvt.d.s rmm (exact)", opfp(0x21, 0, 1, 4, 3), true},
		{"fcvt.d.s reserved rm", opfp(0x21, 0, 1, 5, 3), false},
		{"fcvt.s.d rmm", opfp(0x20, 1, 1, 4, 3), false},
		{"fcvt.d.w rmm (exact)", opfp(0x69, 0, 1, 4, 3), true},
		{"fcvt.d.wu rmm (exact)", opfp(0x69, 1, 1, 4, 3), true},
		{"fcvt.d.l rmm", opfp(0x69, 2, 1, 4, 3), false},
		{"fcvt.s.w rmm", opfp(0x68, 0, 1, 4, 3), false},
		{"fcvt.w.d rtz", opfp(0x61, 0, 1, 1, 3), true},
		{"fcvt.w.d rmm", opfp(0x61, 0, 1, 4, 3), false},
		{"fcvt.lu.s dyn", opfp(0x60, 3, 1, 7, 3), true},
		{"fcvt.?.d rs2 4", opfp(0x61, 4, 1, 7, 3), false},
		{"fsgnjx.d", opfp(0x11, 2, 1, 2, 3), true},
		{"fsgnj funct3 3", opfp(0x11, 2, 1, 3, 3), false},
		{"fmax.s", opfp(0x14, 2, 1, 1, 3), true},
		{"fmin funct3 2", opfp(0x14, 2, 1, 2, 3), false},
		{"feq.d", opfp(0x51, 2, 1, 2, 3), true},
		{"fcmp funct3 3", opfp(0x51, 2, 1, 3, 3), false},
		{"fclass.s", opfp(0x70, 0, 1, 1, 3), true},
		{"fmv.x.d", opfp(0x71, 0, 1, 0, 3), true},
		{"fmv.x.w funct3 2", opfp(0x70, 0, 1, 2, 3), false},
		{"fmv.x.w rs2 1", opfp(0x70, 1, 1, 0, 3), false},
		{"fmv.w.x", opfp(0x78, 0, 1, 0, 3), true},
		{"fmv.d.x funct3 1", opfp(0x79, 0, 1, 1, 3), false},
		{"half precision (fmt 2)", opfp(0x02, 2, 1, 7, 3), false},
		{"fmadd.s fmt 2", fma(2, 7), false},
		{"fmadd.d rmm", fma(1, 4), false},
		{"flw", 2<<12 | 1<<15 | 3<<7 | 0x07, true},
		{"fld", 3<<12 | 1<<15 | 3<<7 | 0x07, true},
		{"flh (Zfh)", 1<<12 | 1<<15 | 3<<7 | 0x07, false},
		{"fsd", 3<<12 | 1<<15 | 2<<20 | 0x27, true},
		{"fsq", 4<<12 | 1<<15 | 2<<20 | 0x27, false},
		{"c.fld", 0x2000, true},
		{"c.fsd", 0xA000, true},
		{"c.fldsp", 0x2002, true},
		{"c.fsdsp", 0xA002, true},
		{"c.lw", 0x4000, false},
	}
	for _, c := range cases {
		if got := supportedFP(c.raw); got != c.want {
			t.Errorf("%s (%#08x): translated %v, want %v", c.name, c.raw, got, c.want)
		}
	}
	// Fused multiply-adds follow the host: translated only with FMA3.
	saved := hostFMA
	defer func() { hostFMA = saved }()
	for _, has := range []bool{false, true} {
		hostFMA = has
		if got := supportedFP(fma(1, 7)); got != has {
			t.Errorf("fmadd.d with host FMA %v: translated %v", has, got)
		}
	}
}

// The translator addresses registers in the shadow register page by fixed
// offsets (fcsr, f[] and mstatus for FP; the trap CSRs for system.go); they
// must be emu's.
func TestFPShadowOffsets(t *testing.T) {
	var s emu.Shadow
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"fcsr", shadowFcsr, unsafe.Offsetof(s.Fcsr)},
		{"f", shadowF, unsafe.Offsetof(s.F)},
		{"mstatus", shadowMstatus, unsafe.Offsetof(s.Mstatus)},
		{"iprv", shadowIprv, unsafe.Offsetof(s.Iprv)},
		{"satp", shadowSatp, unsafe.Offsetof(s.Satp)},
		{"read TLB set", shadowReadTLB, emu.ShadowTLBStart + 256*32},
		{"x", 0, unsafe.Offsetof(s.X)},
		{"mtvec", shadowMtvec, unsafe.Offsetof(s.Mtvec)},
		{"mscratch", shadowMscratch, unsafe.Offsetof(s.Mscratch)},
		{"mepc", shadowMepc, unsafe.Offsetof(s.Mepc)},
		{"mcause", shadowMcause, unsafe.Offsetof(s.Mcause)},
		{"mtval", shadowMtval, unsafe.Offsetof(s.Mtval)},
		{"mie", shadowMie, unsafe.Offsetof(s.Mie)},
		{"mip", shadowMip, unsafe.Offsetof(s.Mip)},
		{"stvec", shadowStvec, unsafe.Offsetof(s.Stvec)},
		{"sscratch", shadowSscratch, unsafe.Offsetof(s.Sscratch)},
		{"sepc", shadowSepc, unsafe.Offsetof(s.Sepc)},
		{"scause", shadowScause, unsafe.Offsetof(s.Scause)},
		{"stval", shadowStval, unsafe.Offsetof(s.Stval)},
		{"icycleinstret", shadowIcycleinstret, unsafe.Offsetof(s.Icycleinstret)},
	} {
		if c.got != c.want {
			t.Errorf("%s at %#x, emu.Shadow has it at %#x", c.name, c.got, c.want)
		}
	}
}

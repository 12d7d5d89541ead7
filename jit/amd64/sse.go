package amd64

// SSE2, FMA3 (VEX) and the few integer forms the floating-point translator
// needs beyond asm.go. sse_test.go checks every form against golang-asm.

// Xmm is an SSE register number (XMM0..XMM15).
type Xmm uint8

const (
	X0 Xmm = iota
	X1
	X2
	X3
)

// More condition codes (asm.go has the integer comparisons).
const (
	CondNO Cond = 0x1
	CondS  Cond = 0x8 // sign
	CondNS Cond = 0x9
	CondP  Cond = 0xA // parity: an unordered floating-point comparison
	CondNP Cond = 0xB
)

// Legacy SSE prefixes: the operand kind of a scalar instruction.
const (
	pfxNone   byte = 0
	pfxPacked byte = 0x66 // also the integer <-> XMM moves
	pfxDouble byte = 0xF2 // scalar double (sd)
	pfxSingle byte = 0xF3 // scalar single (ss)
)

func scalarPrefix(double bool) byte {
	if double {
		return pfxDouble
	}
	return pfxSingle
}

// sseMem emits [prefix] [REX] op ModRM for a register field reg (an XMM or
// general register number) and a memory operand.
func (a *Asm) sseMem(prefix byte, w bool, op opcode, reg Reg, m Mem) {
	if prefix != pfxNone {
		a.byte1(prefix)
	}
	a.opRegMem(w, op, reg, m)
}

// sseReg emits [prefix] [REX] op ModRM with mod=11.
func (a *Asm) sseReg(prefix byte, w bool, op opcode, reg, rm Reg) {
	if prefix != pfxNone {
		a.byte1(prefix)
	}
	a.opRegReg(w, op, reg, rm, false)
}

// SseOp is the opcode byte (after 0F) of a scalar arithmetic instruction;
// the prefix (scalarPrefix) selects single or double.
type SseOp opcode

const (
	SQRT SseOp = 0x0F51
	ADDS SseOp = 0x0F58
	MULS SseOp = 0x0F59
	CVTS SseOp = 0x0F5A // CVTSD2SS with the double prefix, CVTSS2SD with the single one
	SUBS SseOp = 0x0F5C
	MINS SseOp = 0x0F5D
	DIVS SseOp = 0x0F5E
	MAXS SseOp = 0x0F5F
)

// Scalar is op{sd,ss} dst, src.
func (a *Asm) Scalar(op SseOp, double bool, dst, src Xmm) {
	a.sseReg(scalarPrefix(double), false, opcode(op), Reg(dst), Reg(src))
}

// ScalarMem is op{sd,ss} dst, [m].
func (a *Asm) ScalarMem(op SseOp, double bool, dst Xmm, m Mem) {
	a.sseMem(scalarPrefix(double), false, opcode(op), Reg(dst), m)
}

// LoadScalar is MOVSD/MOVSS dst, [m] (the rest of dst is zeroed).
func (a *Asm) LoadScalar(double bool, dst Xmm, m Mem) {
	a.sseMem(scalarPrefix(double), false, 0x0F10, Reg(dst), m)
}

// StoreScalar is MOVSD/MOVSS [m], src.
func (a *Asm) StoreScalar(double bool, m Mem, src Xmm) {
	a.sseMem(scalarPrefix(double), false, 0x0F11, Reg(src), m)
}

// MovXmm is MOVAPS dst, src: the whole register, with no dependency on dst.
func (a *Asm) MovXmm(dst, src Xmm) { a.sseReg(pfxNone, false, 0x0F28, Reg(dst), Reg(src)) }

// MovToXmm is MOVQ dst, src (w) or MOVD dst, src32 (the rest of dst zeroed).
func (a *Asm) MovToXmm(w bool, dst Xmm, src Reg) { a.sseReg(pfxPacked, w, 0x0F6E, Reg(dst), src) }

// MovFromXmm is MOVQ dst, src (w) or MOVD dst32, src (zero-extending).
func (a *Asm) MovFromXmm(w bool, dst Reg, src Xmm) { a.sseReg(pfxPacked, w, 0x0F7E, Reg(src), dst) }

// Ucomis is UCOMISD/UCOMISS x, y: compares, raising invalid for a
// signalling NaN only; unordered sets ZF, PF and CF.
func (a *Asm) Ucomis(double bool, x, y Xmm) {
	a.sseReg(packedPrefix(double), false, 0x0F2E, Reg(x), Reg(y))
}

// Comis is COMISD/COMISS x, y: like Ucomis but raising invalid for any NaN.
func (a *Asm) Comis(double bool, x, y Xmm) {
	a.sseReg(packedPrefix(double), false, 0x0F2F, Reg(x), Reg(y))
}

// packedPrefix is 66 for the double form of the (U)COMIS and logical
// instructions, none for the single form.
func packedPrefix(double bool) byte {
	if double {
		return pfxPacked
	}
	return pfxNone
}

// Logical ops on whole XMM registers (ANDPD, ORPD, XORPD).
type SseLogic opcode

const (
	ANDP SseLogic = 0x0F54
	ORP  SseLogic = 0x0F56
	XORP SseLogic = 0x0F57
)

// Logic is ANDPD/ORPD/XORPD dst, src.
func (a *Asm) Logic(op SseLogic, dst, src Xmm) {
	a.sseReg(pfxPacked, false, opcode(op), Reg(dst), Reg(src))
}

// CvtToInt is CVT[T]S{D,S}2SI dst, src: to a 64-bit (w) or 32-bit integer,
// truncating (trunc) or rounding as MXCSR says.
func (a *Asm) CvtToInt(double, trunc, w bool, dst Reg, src Xmm) {
	op := opcode(0x0F2D)
	if trunc {
		op = 0x0F2C
	}
	a.sseReg(scalarPrefix(double), w, op, dst, Reg(src))
}

// CvtFromInt is CVTSI2S{D,S} dst, src: from a 64-bit (w) or 32-bit integer,
// rounding as MXCSR says.
func (a *Asm) CvtFromInt(double, w bool, dst Xmm, src Reg) {
	a.sseReg(scalarPrefix(double), w, 0x0F2A, Reg(dst), src)
}

// Stmxcsr is STMXCSR [m]; Ldmxcsr is LDMXCSR [m].
func (a *Asm) Stmxcsr(m Mem) { a.opRegMem(false, 0x0FAE, 3, m) }
func (a *Asm) Ldmxcsr(m Mem) { a.opRegMem(false, 0x0FAE, 2, m) }

// FmaOp is the opcode byte of a VFM*213S{D,S} instruction.
type FmaOp uint8

const (
	VFMADD  FmaOp = 0xA9 // dst = src1*dst + src2
	VFMSUB  FmaOp = 0xAB // dst = src1*dst - src2
	VFNMADD FmaOp = 0xAD // dst = -(src1*dst) + src2
	VFNMSUB FmaOp = 0xAF // dst = -(src1*dst) - src2
)

// Fma213 is VFM*213SD/SS dst, src1, src2 (one rounding; needs FMA3).
func (a *Asm) Fma213(op FmaOp, double bool, dst, src1, src2 Xmm) {
	// Three-byte VEX: C4, then R X B (inverted) and the 0F38 map, then W,
	// vvvv (src1, inverted), L=0 and pp=01 (the 66 prefix).
	b1 := byte(0x02)
	if dst < 8 {
		b1 |= 0x80
	}
	b1 |= 0x40 // no index register
	if src2 < 8 {
		b1 |= 0x20
	}
	b2 := byte(^src1&15)<<3 | 0x01
	if double {
		b2 |= 0x80
	}
	a.byte4(0xC4, b1, b2, byte(op))
	a.byte1(0xC0 | byte(dst&7)<<3 | byte(src2&7))
}

// Cmov is CMOVcc dst, src (64-bit with w, else 32-bit, zero-extending).
func (a *Asm) Cmov(c Cond, w bool, dst, src Reg) { a.opRegReg(w, 0x0F40|opcode(c), dst, src, false) }

// TestMem8 is TEST byte [m], imm; TestMem32 is TEST dword [m], imm.
func (a *Asm) TestMem8(m Mem, imm uint8) {
	a.opRegMem(false, 0xF6, 0, m)
	a.byte1(imm)
}

func (a *Asm) TestMem32(m Mem, imm uint32) {
	a.opRegMem(false, 0xF7, 0, m)
	a.imm32(int32(imm))
}

// TestMem64 is TEST qword [m], imm32 (sign-extended).
func (a *Asm) TestMem64(m Mem, imm int32) {
	a.opRegMem(true, 0xF7, 0, m)
	a.imm32(imm)
}

// Jcc8 emits a conditional jump with an 8-bit displacement and returns the
// offset of that displacement, to be fixed with Patch8.
func (a *Asm) Jcc8(c Cond) int {
	a.byte2(0x70|byte(c), 0)
	return len(a.B) - 1
}

// Jmp8 emits JMP rel8 and returns the offset of the displacement.
func (a *Asm) Jmp8() int {
	a.byte2(0xEB, 0)
	return len(a.B) - 1
}

// Patch8 points the rel8 at offset site to target; it panics when the
// distance does not fit, which is a bug in the translator (its short jumps
// cross a few fixed instructions only).
func (a *Asm) Patch8(site, target int) {
	d := target - (site + 1)
	if d < -128 || d > 127 {
		panic("amd64: short jump out of range")
	}
	a.B[site] = byte(int8(d))
}

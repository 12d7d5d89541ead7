package amd64

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// A minimal x86-64 encoder for the instructions the translator emits. It
// writes bytes directly (no assembler pass), which keeps translation in the
// microseconds; encoder_test.go checks every form against golang-asm, an
// independent assembler.

// Reg is a general-purpose register number (hardware encoding).
type Reg uint8

const (
	RAX Reg = iota
	RCX
	RDX
	RBX
	RSP
	RBP
	RSI
	RDI
	R8
	R9
	R10
	R11
	R12
	R13
	R14
	R15
	noReg Reg = 0xFF
)

var regNames = [...]string{"AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"}

func (r Reg) String() string {
	if int(r) < len(regNames) {
		return regNames[r]
	}
	return fmt.Sprintf("Reg(%d)", r)
}

// Mem is a memory operand [Base + Index*Scale + Disp].
type Mem struct {
	Base  Reg
	Index Reg // noReg for none
	Scale uint8
	Disp  int32
}

// M returns [base + disp].
func M(base Reg, disp int32) Mem { return Mem{Base: base, Index: noReg, Scale: 1, Disp: disp} }

// MI returns [base + index*scale + disp].
func MI(base, index Reg, scale uint8, disp int32) Mem {
	return Mem{Base: base, Index: index, Scale: scale, Disp: disp}
}

// Cond is an x86 condition code (the low nibble of Jcc/SETcc opcodes).
type Cond uint8

const (
	CondO  Cond = 0x0
	CondB  Cond = 0x2 // unsigned <
	CondAE Cond = 0x3 // unsigned >=
	CondE  Cond = 0x4
	CondNE Cond = 0x5
	CondBE Cond = 0x6
	CondA  Cond = 0x7 // unsigned >
	CondL  Cond = 0xC // signed <
	CondGE Cond = 0xD
	CondLE Cond = 0xE
	CondG  Cond = 0xF
)

// Asm accumulates machine code.
type Asm struct {
	B []byte
}

func (a *Asm) Len() int        { return len(a.B) }
func (a *Asm) byte1(b byte)    { a.B = append(a.B, b) }
func (a *Asm) byte2(b, c byte) { a.B = append(a.B, b, c) }
func (a *Asm) byte3(b, c, d byte) {
	a.B = append(a.B, b, c, d)
}
func (a *Asm) byte4(b, c, d, e byte) {
	a.B = append(a.B, b, c, d, e)
}
func (a *Asm) imm32(v int32)  { a.B = binary.LittleEndian.AppendUint32(a.B, uint32(v)) }
func (a *Asm) imm64(v uint64) { a.B = binary.LittleEndian.AppendUint64(a.B, v) }
func fitsInt8(v int32) bool   { return v >= -128 && v <= 127 }
func fitsInt32(v int64) bool  { return v >= -1<<31 && v < 1<<31 }

// rex emits a REX prefix when needed (or always, with force).
func (a *Asm) rex(w bool, reg, index, base Reg, force bool) {
	var b byte = 0x40
	if w {
		b |= 8
	}
	if reg != noReg && reg >= 8 {
		b |= 4
	}
	if index != noReg && index >= 8 {
		b |= 2
	}
	if base != noReg && base >= 8 {
		b |= 1
	}
	if b != 0x40 || force {
		a.byte1(b)
	}
}

// modrmMem emits ModRM (+SIB, +disp) for a register field and a memory operand.
func (a *Asm) modrmMem(reg Reg, m Mem) {
	r := byte(reg&7) << 3
	base := byte(m.Base & 7)
	var mod byte
	switch {
	case m.Disp == 0 && base != 5: // RBP/R13 need a displacement
		mod = 0
	case fitsInt8(m.Disp):
		mod = 1
	default:
		mod = 2
	}
	if m.Index == noReg && base != 4 { // RSP/R12 need a SIB byte
		a.byte1(mod<<6 | r | base)
	} else {
		idx := byte(4) // none
		if m.Index != noReg {
			idx = byte(m.Index & 7)
		}
		var ss byte
		switch m.Scale {
		case 2:
			ss = 1
		case 4:
			ss = 2
		case 8:
			ss = 3
		}
		a.byte2(mod<<6|r|4, ss<<6|idx<<3|base)
	}
	switch mod {
	case 1:
		a.byte1(byte(int8(m.Disp)))
	case 2:
		a.imm32(m.Disp)
	}
}

// opcode is one to three opcode bytes, most significant first (0x0FB7 is
// 0F B7); a leading zero byte cannot be expressed, and no opcode needs one.
type opcode uint32

func (a *Asm) opcode(op opcode) {
	switch {
	case op > 0xFFFF:
		a.byte3(byte(op>>16), byte(op>>8), byte(op))
	case op > 0xFF:
		a.byte2(byte(op>>8), byte(op))
	default:
		a.byte1(byte(op))
	}
}

// opRegMem emits REX.W? op reg, [mem]. It is rex, opcode and modrmMem in
// one: the instruction is put together in a local buffer and appended once
// (most of what the translator emits goes through here or opRegReg).
func (a *Asm) opRegMem(w bool, op opcode, reg Reg, m Mem) {
	b := a.window()
	n := 0
	rex := byte(0x40)
	if w {
		rex |= 8
	}
	if reg != noReg && reg >= 8 {
		rex |= 4
	}
	if m.Index != noReg && m.Index >= 8 {
		rex |= 2
	}
	if m.Base >= 8 {
		rex |= 1
	}
	if rex != 0x40 {
		b[n], n = rex, n+1
	}
	n += putOpcode(b[n:], op)
	r := byte(reg&7) << 3
	base := byte(m.Base & 7)
	var mod byte
	switch {
	case m.Disp == 0 && base != 5: // RBP/R13 need a displacement
		mod = 0
	case fitsInt8(m.Disp):
		mod = 1
	default:
		mod = 2
	}
	if m.Index == noReg && base != 4 { // RSP/R12 need a SIB byte
		b[n], n = mod<<6|r|base, n+1
	} else {
		idx := byte(4) // none
		if m.Index != noReg {
			idx = byte(m.Index & 7)
		}
		var ss byte
		switch m.Scale {
		case 2:
			ss = 1
		case 4:
			ss = 2
		case 8:
			ss = 3
		}
		b[n], b[n+1], n = mod<<6|r|4, ss<<6|idx<<3|base, n+2
	}
	switch mod {
	case 1:
		b[n], n = byte(int8(m.Disp)), n+1
	case 2:
		binary.LittleEndian.PutUint32(b[n:], uint32(m.Disp))
		n += 4
	}
	a.B = a.B[:len(a.B)+n]
}

// window returns the 16 bytes after the code, capacity made for them, for an
// instruction to be written in place (then a.B is extended over it).
func (a *Asm) window() []byte {
	if cap(a.B)-len(a.B) < 16 {
		a.B = slices.Grow(a.B, 16)
	}
	return a.B[len(a.B) : len(a.B)+16]
}

// putOpcode writes op's bytes into b and returns how many.
func putOpcode(b []byte, op opcode) int {
	switch {
	case op > 0xFFFF:
		b[0], b[1], b[2] = byte(op>>16), byte(op>>8), byte(op)
		return 3
	case op > 0xFF:
		b[0], b[1] = byte(op>>8), byte(op)
		return 2
	}
	b[0] = byte(op)
	return 1
}

// opRegReg emits op with ModRM mod=11: reg field reg, rm field rm.
func (a *Asm) opRegReg(w bool, op opcode, reg, rm Reg, forceRex bool) {
	b := a.window()
	n := 0
	rex := byte(0x40)
	if w {
		rex |= 8
	}
	if reg >= 8 {
		rex |= 4
	}
	if rm >= 8 {
		rex |= 1
	}
	if rex != 0x40 || forceRex {
		b[n], n = rex, n+1
	}
	n += putOpcode(b[n:], op)
	b[n], n = 0xC0|byte(reg&7)<<3|byte(rm&7), n+1
	a.B = a.B[:len(a.B)+n]
}

// MovLoad64 is MOV dst, qword [m].
func (a *Asm) MovLoad64(dst Reg, m Mem) { a.opRegMem(true, 0x8B, dst, m) }

// MovStore64 is MOV qword [m], src.
func (a *Asm) MovStore64(m Mem, src Reg) { a.opRegMem(true, 0x89, src, m) }

// MovStore32 is MOV dword [m], src.
func (a *Asm) MovStore32(m Mem, src Reg) { a.opRegMem(false, 0x89, src, m) }

// MovStore16 is MOV word [m], src.
func (a *Asm) MovStore16(m Mem, src Reg) { a.byte1(0x66); a.opRegMem(false, 0x89, src, m) }

// MovStore8 is MOV byte [m], src (a REX prefix makes SIL/DIL/... addressable).
func (a *Asm) MovStore8(m Mem, src Reg) {
	a.rex(false, src, m.Index, m.Base, src >= 4)
	a.byte1(0x88)
	a.modrmMem(src, m)
}

// Load32 is MOV dst32, dword [m] (zero-extends).
func (a *Asm) Load32(dst Reg, m Mem) { a.opRegMem(false, 0x8B, dst, m) }

// Load32S is MOVSXD dst, dword [m].
func (a *Asm) Load32S(dst Reg, m Mem) { a.opRegMem(true, 0x63, dst, m) }

// Load16 is MOVZX dst, word [m]; Load16S is MOVSX dst, word [m].
func (a *Asm) Load16(dst Reg, m Mem)  { a.opRegMem(false, 0x0FB7, dst, m) }
func (a *Asm) Load16S(dst Reg, m Mem) { a.opRegMem(true, 0x0FBF, dst, m) }

// Load8 is MOVZX dst, byte [m]; Load8S is MOVSX dst, byte [m].
func (a *Asm) Load8(dst Reg, m Mem)  { a.opRegMem(false, 0x0FB6, dst, m) }
func (a *Asm) Load8S(dst Reg, m Mem) { a.opRegMem(true, 0x0FBE, dst, m) }

// MovRR is MOV dst, src (64-bit).
func (a *Asm) MovRR(dst, src Reg) { a.opRegReg(true, 0x89, src, dst, false) }

// MovRR32 is MOV dst32, src32 (zero-extends).
func (a *Asm) MovRR32(dst, src Reg) { a.opRegReg(false, 0x89, src, dst, false) }

// MovImm32 is MOV dst32, imm32 (zero-extends); MovImm64 sign- or
// full-width immediate loads pick the shortest encoding.
func (a *Asm) MovImm(dst Reg, v uint64) {
	switch {
	case v>>32 == 0:
		a.rex(false, noReg, noReg, dst, false)
		a.byte1(0xB8 + byte(dst&7))
		a.imm32(int32(uint32(v)))
	case fitsInt32(int64(v)):
		a.rex(true, noReg, noReg, dst, false)
		a.byte2(0xC7, 0xC0|byte(dst&7))
		a.imm32(int32(int64(v)))
	default:
		a.rex(true, noReg, noReg, dst, false)
		a.byte1(0xB8 + byte(dst&7))
		a.imm64(v)
	}
}

// Arithmetic opcodes: the /digit for the 0x81 immediate group and the
// r/m,reg opcode of the register form.
type AluOp uint8

const (
	ADD AluOp = 0
	OR  AluOp = 1
	AND AluOp = 4
	SUB AluOp = 5
	XOR AluOp = 6
	CMP AluOp = 7
)

// AluRR is op dst, src (64-bit, or 32-bit with w false).
func (a *Asm) AluRR(w bool, op AluOp, dst, src Reg) {
	a.opRegReg(w, opcode(op)<<3|1, src, dst, false)
}

// AluRM is op dst, [m].
func (a *Asm) AluRM(w bool, op AluOp, dst Reg, m Mem) {
	a.opRegMem(w, opcode(op)<<3|3, dst, m)
}

// AluRI is op dst, imm32 (sign-extended; the imm8 form when it fits).
func (a *Asm) AluRI(w bool, op AluOp, dst Reg, imm int32) {
	a.rex(w, noReg, noReg, dst, false)
	switch {
	case fitsInt8(imm):
		a.byte3(0x83, 0xC0|byte(op)<<3|byte(dst&7), byte(int8(imm)))
	case dst == RAX: // the short accumulator form
		a.byte1(byte(op)<<3 | 5)
		a.imm32(imm)
	default:
		a.byte2(0x81, 0xC0|byte(op)<<3|byte(dst&7))
		a.imm32(imm)
	}
}

// AluMI is op qword [m], imm32.
func (a *Asm) AluMI(w bool, op AluOp, m Mem, imm int32) {
	a.rex(w, noReg, m.Index, m.Base, false)
	if fitsInt8(imm) {
		a.byte1(0x83)
		a.modrmMem(Reg(op), m)
		a.byte1(byte(int8(imm)))
		return
	}
	a.byte1(0x81)
	a.modrmMem(Reg(op), m)
	a.imm32(imm)
}

// Shift kinds (the /digit of the C1/D3 group).
type ShiftOp uint8

const (
	SHL ShiftOp = 4
	SHR ShiftOp = 5
	SAR ShiftOp = 7
)

// ShiftRI is shift dst, imm8.
func (a *Asm) ShiftRI(w bool, op ShiftOp, dst Reg, n uint8) {
	a.rex(w, noReg, noReg, dst, false)
	if n == 1 {
		a.byte2(0xD1, 0xC0|byte(op)<<3|byte(dst&7))
		return
	}
	a.byte3(0xC1, 0xC0|byte(op)<<3|byte(dst&7), n)
}

// ShiftRCL is shift dst, CL.
func (a *Asm) ShiftRCL(w bool, op ShiftOp, dst Reg) {
	a.rex(w, noReg, noReg, dst, false)
	a.byte2(0xD3, 0xC0|byte(op)<<3|byte(dst&7))
}

// Imul is IMUL dst, src (64- or 32-bit).
func (a *Asm) Imul(w bool, dst, src Reg) { a.opRegReg(w, 0x0FAF, dst, src, false) }

// MulRDX is MUL src (unsigned RDX:RAX = RAX*src); ImulRDX the signed form.
func (a *Asm) MulRDX(src Reg) { a.rex(true, noReg, noReg, src, false); a.byte2(0xF7, 0xE0|byte(src&7)) }
func (a *Asm) ImulRDX(src Reg) {
	a.rex(true, noReg, noReg, src, false)
	a.byte2(0xF7, 0xE8|byte(src&7))
}

// Cqo sign-extends RAX into RDX:RAX (CDQ: EAX into EDX:EAX with w false).
func (a *Asm) Cqo(w bool) {
	if w {
		a.byte2(0x48, 0x99)
		return
	}
	a.byte1(0x99)
}

// Idiv is IDIV src (RDX:RAX / src: quotient in RAX, remainder in RDX; the
// 32-bit form with w false). Div is the unsigned DIV.
func (a *Asm) Idiv(w bool, src Reg) {
	a.rex(w, noReg, noReg, src, false)
	a.byte2(0xF7, 0xF8|byte(src&7))
}
func (a *Asm) Div(w bool, src Reg) {
	a.rex(w, noReg, noReg, src, false)
	a.byte2(0xF7, 0xF0|byte(src&7))
}

// Lea is LEA dst, [m].
func (a *Asm) Lea(dst Reg, m Mem) { a.opRegMem(true, 0x8D, dst, m) }

// Movsxd is MOVSXD dst, src32.
func (a *Asm) Movsxd(dst, src Reg) { a.opRegReg(true, 0x63, dst, src, false) }

// Movsx8 is MOVSX dst, src8; Movzx8 is MOVZX dst32, src8.
func (a *Asm) Movsx8(dst, src Reg)  { a.opRegReg(true, 0x0FBE, dst, src, src >= 4) }
func (a *Asm) Movzx8(dst, src Reg)  { a.opRegReg(false, 0x0FB6, dst, src, src >= 4) }
func (a *Asm) Movsx16(dst, src Reg) { a.opRegReg(true, 0x0FBF, dst, src, false) }
func (a *Asm) Movzx16(dst, src Reg) { a.opRegReg(false, 0x0FB7, dst, src, false) }

// Setcc sets the low byte of dst from a condition.
func (a *Asm) Setcc(c Cond, dst Reg) {
	a.opRegReg(false, 0x0F90|opcode(c), 0, dst, dst >= 4)
}

// Not is NOT dst (64-bit).
func (a *Asm) Not(dst Reg) { a.rex(true, noReg, noReg, dst, false); a.byte2(0xF7, 0xD0|byte(dst&7)) }

// Test is TEST a, b (64-bit).
func (a *Asm) Test(x, y Reg) { a.opRegReg(true, 0x85, y, x, false) }

// Test32or64 is TEST r, r (64-bit, or 32-bit with w false).
func (a *Asm) Test32or64(w bool, r Reg) { a.opRegReg(w, 0x85, r, r, false) }

// Push is PUSH r; Pop is POP r (generated code may use a few stack slots
// below the trampoline's frame).
func (a *Asm) Push(r Reg) { a.rex(false, noReg, noReg, r, false); a.byte1(0x50 + byte(r&7)) }
func (a *Asm) Pop(r Reg)  { a.rex(false, noReg, noReg, r, false); a.byte1(0x58 + byte(r&7)) }

// CallMem is CALL qword [m].
func (a *Asm) CallMem(m Mem) { a.opRegMem(false, 0xFF, 2, m) }

// BtImm is BT r, bit (64-bit): CF = bit of r.
func (a *Asm) BtImm(r Reg, bit uint8) {
	a.rex(true, noReg, noReg, r, false)
	a.byte3(0x0F, 0xBA, 0xE0|byte(r&7))
	a.byte1(bit)
}

// BtMem is BT qword [m], r: CF = bit r of the bit string at m.
func (a *Asm) BtMem(m Mem, r Reg) { a.opRegMem(true, 0x0FA3, r, m) }

// BtsRR is BTS dst, bit: sets bit (bit mod 64) of dst.
func (a *Asm) BtsRR(dst, bit Reg) { a.opRegReg(true, 0x0FAB, bit, dst, false) }

// BtsMem is BTS qword [m], r: sets bit r of the bit string at m (microcoded:
// about ten times the cost of setBit's plain loads and stores).
func (a *Asm) BtsMem(m Mem, r Reg) { a.opRegMem(true, 0x0FAB, r, m) }

// MovStoreImm32 is MOV qword [m], imm32 (sign-extended).
func (a *Asm) MovStoreImm32(m Mem, imm int32) {
	a.opRegMem(true, 0xC7, 0, m)
	a.imm32(imm)
}

// TestRI32 is TEST r32, imm32.
func (a *Asm) TestRI32(r Reg, imm uint32) {
	a.opRegReg(false, 0xF7, 0, r, false)
	a.imm32(int32(imm))
}

// Ret is RET.
func (a *Asm) Ret() { a.byte1(0xC3) }

// Jcc emits a conditional jump with a 32-bit displacement and returns the
// offset of that displacement, to be fixed with Patch.
func (a *Asm) Jcc(c Cond) int {
	a.byte2(0x0F, 0x80|byte(c))
	a.imm32(0)
	return len(a.B) - 4
}

// Jmp emits JMP rel32 and returns the offset of the displacement.
func (a *Asm) Jmp() int {
	a.byte1(0xE9)
	a.imm32(0)
	return len(a.B) - 4
}

// JmpR is JMP reg.
func (a *Asm) JmpR(r Reg) { a.rex(false, noReg, noReg, r, false); a.byte2(0xFF, 0xE0|byte(r&7)) }

// Patch points the rel32 at offset site to target (both offsets in a.B).
func (a *Asm) Patch(site, target int) {
	binary.LittleEndian.PutUint32(a.B[site:], uint32(int32(target-(site+4))))
}

// nops are the recommended multi-byte NOPs (Intel SDM, NOP): nops[n] is n
// bytes long and decodes as one instruction.
var nops = [...][]byte{
	1: {0x90},
	2: {0x66, 0x90},
	3: {0x0F, 0x1F, 0x00},
	4: {0x0F, 0x1F, 0x40, 0x00},
	5: {0x0F, 0x1F, 0x44, 0x00, 0x00},
	6: {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
	7: {0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00},
	8: {0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
	9: {0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
}

// Align pads the code with NOPs until its length is a multiple of n (a
// power of two): one NOP, or a short jump over the padding when it is
// longer than the longest NOP, so that running through it costs one
// instruction.
func (a *Asm) Align(n int) {
	pad := -len(a.B) & (n - 1)
	switch {
	case pad == 0:
	case pad < len(nops):
		a.B = append(a.B, nops[pad]...)
	default:
		a.byte2(0xEB, byte(pad-2))
		for range pad - 2 {
			a.byte1(0xCC) // INT3: never reached
		}
	}
}

// Here returns the current offset, a jump target.
func (a *Asm) Here() int { return len(a.B) }

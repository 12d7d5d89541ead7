package difftest

import "fmt"

// Encoders for what the assembler (binutils 2.40) cannot write: the Zcb
// instructions, and whole instruction words that programs store into their
// own code. Bit layouts follow the RISC-V unprivileged specification.

// zcbLoadStore encodes C.LBU, C.LHU, C.LH, C.SB and C.SH. reg is rd' for
// loads and rs2' for stores (x8..x15); off is the unsigned offset (0..3 for
// bytes, 0 or 2 for halfwords).
func zcbLoadStore(op string, reg, base uint32, off uint32) (uint16, error) {
	if reg < 8 || reg > 15 || base < 8 || base > 15 {
		return 0, fmt.Errorf("%s: registers x%d, x%d are not in x8..x15", op, reg, base)
	}
	var funct6, bit6 uint32
	switch op {
	case "c.lbu":
		funct6 = 0b100000
	case "c.lhu":
		funct6 = 0b100001
	case "c.lh":
		funct6, bit6 = 0b100001, 1
	case "c.sb":
		funct6 = 0b100010
	case "c.sh":
		funct6 = 0b100011
	default:
		return 0, fmt.Errorf("zcb load/store: unknown op %q", op)
	}
	var immBits uint32
	if op == "c.lbu" || op == "c.sb" {
		if off > 3 {
			return 0, fmt.Errorf("%s: offset %d out of range", op, off)
		}
		immBits = (off&1)<<6 | (off>>1&1)<<5
	} else {
		if off != 0 && off != 2 {
			return 0, fmt.Errorf("%s: offset %d out of range", op, off)
		}
		immBits = bit6<<6 | (off>>1&1)<<5
	}
	return uint16(funct6<<10 | (base-8)<<7 | immBits | (reg-8)<<2), nil
}

// zcbUnary encodes C.ZEXT.B, C.SEXT.B, C.ZEXT.H, C.SEXT.H, C.ZEXT.W, C.NOT.
func zcbUnary(op string, rd uint32) (uint16, error) {
	codes := map[string]uint32{"c.zext.b": 0, "c.sext.b": 1, "c.zext.h": 2, "c.sext.h": 3, "c.zext.w": 4, "c.not": 5}
	sub, ok := codes[op]
	if !ok {
		return 0, fmt.Errorf("zcb unary: unknown op %q", op)
	}
	if rd < 8 || rd > 15 {
		return 0, fmt.Errorf("%s: register x%d is not in x8..x15", op, rd)
	}
	return uint16(0b100111<<10 | (rd-8)<<7 | 0b11<<5 | sub<<2 | 0b01), nil
}

// zcbMul encodes C.MUL rd', rs2'.
func zcbMul(rd, rs2 uint32) (uint16, error) {
	if rd < 8 || rd > 15 || rs2 < 8 || rs2 > 15 {
		return 0, fmt.Errorf("c.mul: registers x%d, x%d are not in x8..x15", rd, rs2)
	}
	return uint16(0b100111<<10 | (rd-8)<<7 | 0b10<<5 | (rs2-8)<<2 | 0b01), nil
}

// encI encodes an I-type instruction.
func encI(opcode, funct3, rd, rs1 uint32, imm int32) uint32 {
	return uint32(imm&0xFFF)<<20 | rs1<<15 | funct3<<12 | rd<<7 | opcode
}

// encR encodes an R-type instruction.
func encR(opcode, funct3, funct7, rd, rs1, rs2 uint32) uint32 {
	return funct7<<25 | rs2<<20 | rs1<<15 | funct3<<12 | rd<<7 | opcode
}

// isFloatWord reports whether a 32-bit word lies in the F/D opcode space
// (LOAD-FP, STORE-FP, the fused multiply-adds, OP-FP).
func isFloatWord(w uint32) bool {
	switch w & 0x7F {
	case 0x07, 0x27, 0x43, 0x47, 0x4B, 0x4F, 0x53:
		return true
	}
	return false
}

// isFloatHalf reports whether a 16-bit word is C.FLD, C.FSD, C.FLDSP or C.FSDSP.
func isFloatHalf(h uint16) bool {
	q, f3 := h&3, h>>13
	return (q == 0 || q == 2) && (f3 == 1 || f3 == 5)
}

// safeRandomWord reports whether a random 32-bit word may be placed in a
// program: it must not change control flow, touch CSRs or privilege, write
// a harness register, or be an F/D instruction (rivet does not implement F
// and D yet).
func safeRandomWord(w uint32, allowFloat bool) bool {
	if w&3 != 3 || w&0x1C == 0x1C { // not a 32-bit encoding
		return false
	}
	if !allowFloat && isFloatWord(w) {
		return false
	}
	switch w & 0x7F {
	case 0x63, 0x67, 0x6F, 0x73: // branches, JALR, JAL, SYSTEM
		return false
	case 0x23, 0x27: // stores have no rd
		return true
	}
	rd := (w >> 7) & 31
	return !reservedReg(rd)
}

// safeRandomHalf is safeRandomWord for 16-bit words.
func safeRandomHalf(h uint16, allowFloat bool) bool {
	q := h & 3
	if q == 3 {
		return false
	}
	if !allowFloat && isFloatHalf(h) {
		return false
	}
	f3 := h >> 13
	rdFull := uint32(h>>7) & 31
	rdp := 8 + uint32(h>>2)&7  // rd' at 4:2 (quadrant 0 loads, CIW)
	rs1p := 8 + uint32(h>>7)&7 // rd'/rs1' at 9:7 (quadrant 1 arithmetic)
	switch q {
	case 0:
		switch f3 {
		case 0: // C.ADDI4SPN writes rd'
			return !reservedReg(rdp)
		case 2, 3: // C.LW, C.LD
			return !reservedReg(rdp)
		case 4: // Zcb loads and stores
			if (h>>10)&7 <= 1 { // loads
				return !reservedReg(rdp)
			}
			return true
		}
		return true // stores, reserved
	case 1:
		switch f3 {
		case 0, 1, 2: // C.ADDI, C.ADDIW, C.LI
			return !reservedReg(rdFull)
		case 3: // C.LUI / C.ADDI16SP
			return !reservedReg(rdFull)
		case 4: // arithmetic on rd'
			return !reservedReg(rs1p)
		case 5, 6, 7: // C.J, C.BEQZ, C.BNEZ
			return false
		}
	case 2:
		switch f3 {
		case 0, 2, 3: // C.SLLI, C.LWSP, C.LDSP
			return !reservedReg(rdFull)
		case 4: // C.JR, C.MV, C.EBREAK, C.JALR, C.ADD
			rs2 := uint32(h>>2) & 31
			if rs2 == 0 { // C.JR / C.JALR / C.EBREAK
				return rdFull == 0 && (h>>12)&1 == 1 // only C.EBREAK
			}
			return !reservedReg(rdFull)
		}
		return true // SWSP, SDSP
	}
	return true
}

func reservedReg(r uint32) bool {
	switch r {
	case regRA, regSP, regGP, regTP, regS0, regLC, regP2:
		return true
	}
	return false
}

package isa

// Op is a decoded operation. None (0) marks an entry not decoded yet.
type Op uint8

// Operations.
const (
	None Op = iota
	Illegal
	NOP // FENCE, FENCE.I and the compressed hints
	LUI
	AUIPC
	JAL
	JALR
	BEQ
	BNE
	BLT
	BGE
	BLTU
	BGEU
	LB
	LH
	LW
	LD
	LBU
	LHU
	LWU
	SB
	SH
	SW
	SD
	ADDI
	SLTI
	SLTIU
	XORI
	ORI
	ANDI
	SLLI
	SRLI
	SRAI
	ADD
	SUB
	SLL
	SLT
	SLTU
	XOR
	SRL
	SRA
	OR
	AND
	MUL
	MULH
	MULHSU
	MULHU
	DIV
	DIVU
	REM
	REMU
	ADDIW
	SLLIW
	SRLIW
	SRAIW
	ADDW
	SUBW
	SLLW
	SRLW
	SRAW
	MULW
	DIVW
	DIVUW
	REMW
	REMUW
	SEXT_B // c.sext.b
	SEXT_H // c.sext.h
	ZEXT_H // c.zext.h
	ZEXT_W // c.zext.w
	EBREAK
	SYSTEM // ECALL, xRET, WFI, SFENCE.VMA, CSRs: executed from the raw word
	AMO    // LR, SC, AMOs: executed from the raw word
	FP     // F and D (incl. compressed FP loads and stores): from the raw word
	OpCount
)

// Insn is a decoded instruction (16 bytes; the JIT and the interpreter read
// it through these offsets).
type Insn struct {
	Op   Op
	Rd   uint8
	Rs1  uint8
	Rs2  uint8
	Size uint8 // 2 or 4 bytes
	_    [3]uint8
	Imm  uint64
}

func dR(op Op, insn uint32) Insn {
	return Insn{Op: op, Rd: uint8(insn>>7) & 31, Rs1: uint8(insn>>15) & 31, Rs2: uint8(insn>>20) & 31, Size: 4}
}

func dI(op Op, insn uint32, imm uint64) Insn {
	return Insn{Op: op, Rd: uint8(insn>>7) & 31, Rs1: uint8(insn>>15) & 31, Rs2: uint8(insn>>20) & 31, Size: 4, Imm: imm}
}

func dC(op Op, rd, rs1, rs2 uint32, imm uint64) Insn {
	return Insn{Op: op, Rd: uint8(rd), Rs1: uint8(rs1), Rs2: uint8(rs2), Size: 2, Imm: imm}
}

var illegal4 = Insn{Op: Illegal, Size: 4}
var illegal2 = Insn{Op: Illegal, Size: 2}

// Decode decodes one instruction; for a compressed instruction only the low
// 16 bits are looked at.
func Decode(insn uint32) Insn {
	if insn&3 != 3 {
		return decodeCompressed(insn)
	}
	funct3 := (insn >> 12) & 7
	switch (insn >> 2) & 31 {
	case 0x00: // LOAD
		if funct3 == 7 {
			return illegal4
		}
		return dI([...]Op{LB, LH, LW, LD, LBU, LHU, LWU}[funct3], insn, ImmI(insn))
	case 0x03: // MISC-MEM
		if funct3 > 1 {
			return illegal4
		}
		return Insn{Op: NOP, Size: 4}
	case 0x04: // OP-IMM
		imm := ImmI(insn)
		switch funct3 {
		case 0:
			return dI(ADDI, insn, imm)
		case 2:
			return dI(SLTI, insn, imm)
		case 3:
			return dI(SLTIU, insn, imm)
		case 4:
			return dI(XORI, insn, imm)
		case 6:
			return dI(ORI, insn, imm)
		case 7:
			return dI(ANDI, insn, imm)
		case 1:
			if insn>>26 != 0 {
				return illegal4
			}
			return dI(SLLI, insn, imm&63)
		default: // 5
			switch insn >> 26 {
			case 0:
				return dI(SRLI, insn, imm&63)
			case 0x10:
				return dI(SRAI, insn, imm&63)
			}
			return illegal4
		}
	case 0x05:
		return dI(AUIPC, insn, ImmU(insn))
	case 0x06: // OP-IMM-32
		switch funct3 {
		case 0:
			return dI(ADDIW, insn, ImmI(insn))
		case 1:
			if insn>>25 != 0 {
				return illegal4
			}
			return dI(SLLIW, insn, uint64((insn>>20)&31))
		case 5:
			switch insn >> 25 {
			case 0:
				return dI(SRLIW, insn, uint64((insn>>20)&31))
			case 0x20:
				return dI(SRAIW, insn, uint64((insn>>20)&31))
			}
		}
		return illegal4
	case 0x08: // STORE
		if funct3 > 3 {
			return illegal4
		}
		return dI([...]Op{SB, SH, SW, SD}[funct3], insn, ImmS(insn))
	case 0x0B:
		return Insn{Op: AMO, Size: 4}
	case 0x0C: // OP
		var op Op
		switch insn>>25<<3 | funct3 {
		case 0x00:
			op = ADD
		case 0x100:
			op = SUB
		case 0x01:
			op = SLL
		case 0x02:
			op = SLT
		case 0x03:
			op = SLTU
		case 0x04:
			op = XOR
		case 0x05:
			op = SRL
		case 0x105:
			op = SRA
		case 0x06:
			op = OR
		case 0x07:
			op = AND
		case 0x08:
			op = MUL
		case 0x09:
			op = MULH
		case 0x0A:
			op = MULHSU
		case 0x0B:
			op = MULHU
		case 0x0C:
			op = DIV
		case 0x0D:
			op = DIVU
		case 0x0E:
			op = REM
		case 0x0F:
			op = REMU
		default:
			return illegal4
		}
		return dR(op, insn)
	case 0x0D:
		return dI(LUI, insn, ImmU(insn))
	case 0x0E: // OP-32
		var op Op
		switch insn>>25<<3 | funct3 {
		case 0x00:
			op = ADDW
		case 0x100:
			op = SUBW
		case 0x01:
			op = SLLW
		case 0x05:
			op = SRLW
		case 0x105:
			op = SRAW
		case 0x08:
			op = MULW
		case 0x0C:
			op = DIVW
		case 0x0D:
			op = DIVUW
		case 0x0E:
			op = REMW
		case 0x0F:
			op = REMUW
		default:
			return illegal4
		}
		return dR(op, insn)
	case 0x18: // BRANCH
		var op Op
		switch funct3 {
		case 0:
			op = BEQ
		case 1:
			op = BNE
		case 4:
			op = BLT
		case 5:
			op = BGE
		case 6:
			op = BLTU
		case 7:
			op = BGEU
		default:
			return illegal4
		}
		return dI(op, insn, ImmB(insn))
	case 0x19:
		if funct3 != 0 {
			return illegal4
		}
		return dI(JALR, insn, ImmI(insn))
	case 0x1B:
		return dI(JAL, insn, ImmJ(insn))
	case 0x1C:
		return Insn{Op: SYSTEM, Size: 4}
	case 0x01, 0x09, 0x10, 0x11, 0x12, 0x13, 0x14:
		return Insn{Op: FP, Size: 4}
	}
	return illegal4
}

func decodeCompressed(insn uint32) Insn {
	switch (insn&3)<<3 | (insn>>13)&7 {
	case 0x00: // C.ADDI4SPN
		imm := CImmAddi4spn(insn)
		if imm == 0 {
			return illegal2
		}
		return dC(ADDI, CRs2p(insn), 2, 0, imm)
	case 0x01, 0x05, 0x11, 0x15: // C.FLD, C.FSD, C.FLDSP, C.FSDSP
		return Insn{Op: FP, Size: 2}
	case 0x02:
		return dC(LW, CRs2p(insn), CRs1p(insn), 0, CImmLW(insn))
	case 0x03:
		return dC(LD, CRs2p(insn), CRs1p(insn), 0, CImmLD(insn))
	case 0x04: // Zcb loads and stores
		r, base := CRs2p(insn), CRs1p(insn)
		switch (insn >> 10) & 7 {
		case 0:
			return dC(LBU, r, base, 0, uint64((insn>>6)&1|(insn>>4)&2))
		case 1:
			op := LHU
			if insn&0x40 != 0 {
				op = LH
			}
			return dC(op, r, base, 0, uint64((insn>>4)&2))
		case 2:
			return dC(SB, 0, base, r, uint64((insn>>6)&1|(insn>>4)&2))
		case 3:
			if insn&0x40 != 0 {
				return illegal2
			}
			return dC(SH, 0, base, r, uint64((insn>>4)&2))
		}
		return illegal2
	case 0x06:
		return dC(SW, 0, CRs1p(insn), CRs2p(insn), CImmLW(insn))
	case 0x07:
		return dC(SD, 0, CRs1p(insn), CRs2p(insn), CImmLD(insn))
	case 0x08: // C.ADDI, C.NOP, hints
		rd := CRd(insn)
		if rd == 0 {
			return Insn{Op: NOP, Size: 2}
		}
		return dC(ADDI, rd, rd, 0, CImm6(insn))
	case 0x09: // C.ADDIW
		rd := CRd(insn)
		if rd == 0 {
			return illegal2
		}
		return dC(ADDIW, rd, rd, 0, CImm6(insn))
	case 0x0A: // C.LI
		rd := CRd(insn)
		if rd == 0 {
			return Insn{Op: NOP, Size: 2}
		}
		return dC(ADDI, rd, 0, 0, CImm6(insn))
	case 0x0B: // C.ADDI16SP, C.LUI
		rd := CRd(insn)
		if rd == 2 {
			imm := CImmAddi16sp(insn)
			if imm == 0 {
				return illegal2
			}
			return dC(ADDI, 2, 2, 0, imm)
		}
		imm := CImmLUI(insn)
		if imm == 0 {
			return illegal2
		}
		if rd == 0 {
			return Insn{Op: NOP, Size: 2}
		}
		return dC(ADDI, rd, 0, 0, imm)
	case 0x0C:
		r := CRs1p(insn)
		switch (insn >> 10) & 3 {
		case 0:
			return dC(SRLI, r, r, 0, CShamt(insn))
		case 1:
			return dC(SRAI, r, r, 0, CShamt(insn))
		case 2:
			return dC(ANDI, r, r, 0, CImm6(insn))
		}
		r2 := CRs2p(insn)
		switch (insn>>10)&4 | (insn>>5)&3 {
		case 0:
			return dC(SUB, r, r, r2, 0)
		case 1:
			return dC(XOR, r, r, r2, 0)
		case 2:
			return dC(OR, r, r, r2, 0)
		case 3:
			return dC(AND, r, r, r2, 0)
		case 4:
			return dC(SUBW, r, r, r2, 0)
		case 5:
			return dC(ADDW, r, r, r2, 0)
		case 6:
			return dC(MUL, r, r, r2, 0)
		}
		switch (insn >> 2) & 7 {
		case 0:
			return dC(ANDI, r, r, 0, 0xFF)
		case 1:
			return dC(SEXT_B, r, r, 0, 0)
		case 2:
			return dC(ZEXT_H, r, r, 0, 0)
		case 3:
			return dC(SEXT_H, r, r, 0, 0)
		case 4:
			return dC(ZEXT_W, r, r, 0, 0)
		case 5:
			return dC(XORI, r, r, 0, ^uint64(0))
		}
		return illegal2
	case 0x0D:
		return dC(JAL, 0, 0, 0, CImmJ(insn))
	case 0x0E:
		return dC(BEQ, 0, CRs1p(insn), 0, CImmB(insn))
	case 0x0F:
		return dC(BNE, 0, CRs1p(insn), 0, CImmB(insn))
	case 0x10: // C.SLLI
		rd := CRd(insn)
		if rd == 0 {
			return Insn{Op: NOP, Size: 2}
		}
		return dC(SLLI, rd, rd, 0, CShamt(insn))
	case 0x12:
		rd := CRd(insn)
		if rd == 0 {
			return illegal2
		}
		return dC(LW, rd, 2, 0, CImmLWSP(insn))
	case 0x13:
		rd := CRd(insn)
		if rd == 0 {
			return illegal2
		}
		return dC(LD, rd, 2, 0, CImmLDSP(insn))
	case 0x14:
		rd, rs2 := CRd(insn), CRs2(insn)
		if insn&0x1000 == 0 {
			switch {
			case rs2 == 0 && rd == 0:
				return illegal2
			case rs2 == 0: // C.JR
				return dC(JALR, 0, rd, 0, 0)
			case rd == 0:
				return Insn{Op: NOP, Size: 2}
			}
			return dC(ADD, rd, 0, rs2, 0) // C.MV
		}
		switch {
		case rs2 == 0 && rd == 0:
			return Insn{Op: EBREAK, Size: 2}
		case rs2 == 0: // C.JALR
			return dC(JALR, 1, rd, 0, 0)
		case rd == 0:
			return Insn{Op: NOP, Size: 2}
		}
		return dC(ADD, rd, rd, rs2, 0)
	case 0x16:
		return dC(SW, 0, 2, CRs2(insn), CImmSWSP(insn))
	case 0x17:
		return dC(SD, 0, 2, CRs2(insn), CImmSDSP(insn))
	}
	return illegal2
}

// Sign-extended immediates.
func ImmI(insn uint32) uint64 { return uint64(int64(int32(insn) >> 20)) }
func ImmS(insn uint32) uint64 {
	return uint64(int64(int32(insn&0xFE000000)>>20) | int64((insn>>7)&0x1F))
}
func ImmB(insn uint32) uint64 {
	v := int32(insn&0x80000000)>>19 | int32((insn&0x80)<<4) | int32((insn>>20)&0x7E0) | int32((insn>>7)&0x1E)
	return uint64(int64(v))
}
func ImmU(insn uint32) uint64 { return uint64(int64(int32(insn & 0xFFFFF000))) }
func ImmJ(insn uint32) uint64 {
	v := int32(insn&0x80000000)>>11 | int32(insn&0xFF000) | int32((insn>>9)&0x800) | int32((insn>>20)&0x7FE)
	return uint64(int64(v))
}

// Compressed-format fields and immediates (RISC-V C extension, chapter 16).
func CRs1p(insn uint32) uint32 { return 8 + (insn>>7)&7 } // rs1'/rd'
func CRs2p(insn uint32) uint32 { return 8 + (insn>>2)&7 } // rs2'/rd'
func CRd(insn uint32) uint32   { return (insn >> 7) & 31 }
func CRs2(insn uint32) uint32  { return (insn >> 2) & 31 }

// CImm6 is the CI-format 6-bit immediate (bit 12 and bits 6:2), sign-extended.
func CImm6(insn uint32) uint64 {
	v := int64((insn>>2)&31) | int64((insn>>12)&1)<<5
	return uint64(v << 58 >> 58)
}

// CShamt is the CI/CB-format 6-bit shift amount.
func CShamt(insn uint32) uint64 { return uint64((insn>>2)&31 | (insn>>7)&32) }

func CImmJ(insn uint32) uint64 {
	v := (insn>>1)&0x800 | (insn>>7)&0x10 | (insn>>1)&0x300 | (insn<<2)&0x400 |
		(insn>>1)&0x40 | (insn<<1)&0x80 | (insn>>2)&0xE | (insn<<3)&0x20
	return uint64(int64(int32(v<<20) >> 20))
}

func CImmB(insn uint32) uint64 {
	v := (insn>>4)&0x100 | (insn>>7)&0x18 | (insn<<1)&0xC0 | (insn>>2)&0x6 | (insn<<3)&0x20
	return uint64(int64(int32(v<<23) >> 23))
}

func CImmAddi4spn(insn uint32) uint64 {
	return uint64((insn>>7)&0x30 | (insn>>1)&0x3C0 | (insn>>4)&0x4 | (insn>>2)&0x8)
}
func CImmLW(insn uint32) uint64 { return uint64((insn>>7)&0x38 | (insn>>4)&0x4 | (insn<<1)&0x40) }
func CImmLD(insn uint32) uint64 { return uint64((insn>>7)&0x38 | (insn<<1)&0xC0) }
func CImmAddi16sp(insn uint32) uint64 {
	v := (insn>>3)&0x200 | (insn>>2)&0x10 | (insn<<1)&0x40 | (insn<<4)&0x180 | (insn<<3)&0x20
	return uint64(int64(int32(v<<22) >> 22))
}
func CImmLUI(insn uint32) uint64 {
	v := (insn<<5)&0x20000 | (insn<<10)&0x1F000
	return uint64(int64(int32(v<<14) >> 14))
}
func CImmLWSP(insn uint32) uint64 { return uint64((insn>>7)&0x20 | (insn>>2)&0x1C | (insn<<4)&0xC0) }
func CImmLDSP(insn uint32) uint64 { return uint64((insn>>7)&0x20 | (insn>>2)&0x18 | (insn<<4)&0x1C0) }
func CImmSWSP(insn uint32) uint64 { return uint64((insn>>7)&0x3C | (insn>>1)&0xC0) }
func CImmSDSP(insn uint32) uint64 { return uint64((insn>>7)&0x38 | (insn>>1)&0x1C0) }

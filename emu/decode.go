package emu

// Decoding turns an instruction word into a dinsn: an operation and its
// operands with the immediate already sign-extended. Compressed instructions
// decode to the operation of their 32-bit equivalent with size 2. Every
// reserved or unknown encoding decodes to opIllegal, so the legality rules
// live here and the executor trusts what it is given. Decoding is pure: the
// same word always gives the same dinsn, which is what lets the run loop keep
// decoded pages.

// Operations. opNone (0) marks an entry not yet decoded.
const (
	opNone uint8 = iota
	opIllegal
	opNOP // FENCE, FENCE.I and the compressed hints
	opLUI
	opAUIPC
	opJAL
	opJALR
	opBEQ
	opBNE
	opBLT
	opBGE
	opBLTU
	opBGEU
	opLB
	opLH
	opLW
	opLD
	opLBU
	opLHU
	opLWU
	opSB
	opSH
	opSW
	opSD
	opADDI
	opSLTI
	opSLTIU
	opXORI
	opORI
	opANDI
	opSLLI
	opSRLI
	opSRAI
	opADD
	opSUB
	opSLL
	opSLT
	opSLTU
	opXOR
	opSRL
	opSRA
	opOR
	opAND
	opMUL
	opMULH
	opMULHSU
	opMULHU
	opDIV
	opDIVU
	opREM
	opREMU
	opADDIW
	opSLLIW
	opSRLIW
	opSRAIW
	opADDW
	opSUBW
	opSLLW
	opSRLW
	opSRAW
	opMULW
	opDIVW
	opDIVUW
	opREMW
	opREMUW
	opSEXTB // c.sext.b
	opSEXTH // c.sext.h
	opZEXTH // c.zext.h
	opZEXTW // c.zext.w
	opEBREAK
	opSYSTEM // ECALL, xRET, WFI, SFENCE.VMA, CSRs: executed from the raw word
	opAMO    // LR, SC, AMOs: executed from the raw word
	opFP     // F and D (incl. compressed FP loads and stores): from the raw word
	opCount
)

// dinsn is a decoded instruction.
type dinsn struct {
	op   uint8
	rd   uint8
	rs1  uint8
	rs2  uint8
	size uint8 // 2 or 4 bytes
	_    [3]uint8
	imm  uint64
}

func dR(op uint8, insn uint32) dinsn {
	return dinsn{op: op, rd: uint8(insn>>7) & 31, rs1: uint8(insn>>15) & 31, rs2: uint8(insn>>20) & 31, size: 4}
}

func dI(op uint8, insn uint32, imm uint64) dinsn {
	return dinsn{op: op, rd: uint8(insn>>7) & 31, rs1: uint8(insn>>15) & 31, rs2: uint8(insn>>20) & 31, size: 4, imm: imm}
}

func dC(op uint8, rd, rs1, rs2 uint32, imm uint64) dinsn {
	return dinsn{op: op, rd: uint8(rd), rs1: uint8(rs1), rs2: uint8(rs2), size: 2, imm: imm}
}

var illegal4 = dinsn{op: opIllegal, size: 4}
var illegal2 = dinsn{op: opIllegal, size: 2}

// decode decodes one instruction; for a compressed instruction only the low
// 16 bits are looked at.
func decode(insn uint32) dinsn {
	if insn&3 != 3 {
		return decodeCompressed(insn)
	}
	funct3 := (insn >> 12) & 7
	switch (insn >> 2) & 31 {
	case 0x00: // LOAD
		if funct3 == 7 {
			return illegal4
		}
		return dI([...]uint8{opLB, opLH, opLW, opLD, opLBU, opLHU, opLWU}[funct3], insn, immI(insn))
	case 0x03: // MISC-MEM
		if funct3 > 1 {
			return illegal4
		}
		return dinsn{op: opNOP, size: 4}
	case 0x04: // OP-IMM
		imm := immI(insn)
		switch funct3 {
		case 0:
			return dI(opADDI, insn, imm)
		case 2:
			return dI(opSLTI, insn, imm)
		case 3:
			return dI(opSLTIU, insn, imm)
		case 4:
			return dI(opXORI, insn, imm)
		case 6:
			return dI(opORI, insn, imm)
		case 7:
			return dI(opANDI, insn, imm)
		case 1:
			if insn>>26 != 0 {
				return illegal4
			}
			return dI(opSLLI, insn, imm&63)
		default: // 5
			switch insn >> 26 {
			case 0:
				return dI(opSRLI, insn, imm&63)
			case 0x10:
				return dI(opSRAI, insn, imm&63)
			}
			return illegal4
		}
	case 0x05:
		return dI(opAUIPC, insn, immU(insn))
	case 0x06: // OP-IMM-32
		switch funct3 {
		case 0:
			return dI(opADDIW, insn, immI(insn))
		case 1:
			if insn>>25 != 0 {
				return illegal4
			}
			return dI(opSLLIW, insn, uint64((insn>>20)&31))
		case 5:
			switch insn >> 25 {
			case 0:
				return dI(opSRLIW, insn, uint64((insn>>20)&31))
			case 0x20:
				return dI(opSRAIW, insn, uint64((insn>>20)&31))
			}
		}
		return illegal4
	case 0x08: // STORE
		if funct3 > 3 {
			return illegal4
		}
		return dI([...]uint8{opSB, opSH, opSW, opSD}[funct3], insn, immS(insn))
	case 0x0B:
		return dinsn{op: opAMO, size: 4}
	case 0x0C: // OP
		var op uint8
		switch insn>>25<<3 | funct3 {
		case 0x00:
			op = opADD
		case 0x100:
			op = opSUB
		case 0x01:
			op = opSLL
		case 0x02:
			op = opSLT
		case 0x03:
			op = opSLTU
		case 0x04:
			op = opXOR
		case 0x05:
			op = opSRL
		case 0x105:
			op = opSRA
		case 0x06:
			op = opOR
		case 0x07:
			op = opAND
		case 0x08:
			op = opMUL
		case 0x09:
			op = opMULH
		case 0x0A:
			op = opMULHSU
		case 0x0B:
			op = opMULHU
		case 0x0C:
			op = opDIV
		case 0x0D:
			op = opDIVU
		case 0x0E:
			op = opREM
		case 0x0F:
			op = opREMU
		default:
			return illegal4
		}
		return dR(op, insn)
	case 0x0D:
		return dI(opLUI, insn, immU(insn))
	case 0x0E: // OP-32
		var op uint8
		switch insn>>25<<3 | funct3 {
		case 0x00:
			op = opADDW
		case 0x100:
			op = opSUBW
		case 0x01:
			op = opSLLW
		case 0x05:
			op = opSRLW
		case 0x105:
			op = opSRAW
		case 0x08:
			op = opMULW
		case 0x0C:
			op = opDIVW
		case 0x0D:
			op = opDIVUW
		case 0x0E:
			op = opREMW
		case 0x0F:
			op = opREMUW
		default:
			return illegal4
		}
		return dR(op, insn)
	case 0x18: // BRANCH
		var op uint8
		switch funct3 {
		case 0:
			op = opBEQ
		case 1:
			op = opBNE
		case 4:
			op = opBLT
		case 5:
			op = opBGE
		case 6:
			op = opBLTU
		case 7:
			op = opBGEU
		default:
			return illegal4
		}
		return dI(op, insn, immB(insn))
	case 0x19:
		if funct3 != 0 {
			return illegal4
		}
		return dI(opJALR, insn, immI(insn))
	case 0x1B:
		return dI(opJAL, insn, immJ(insn))
	case 0x1C:
		return dinsn{op: opSYSTEM, size: 4}
	case 0x01, 0x09, 0x10, 0x11, 0x12, 0x13, 0x14:
		return dinsn{op: opFP, size: 4}
	}
	return illegal4
}

func decodeCompressed(insn uint32) dinsn {
	switch (insn&3)<<3 | (insn>>13)&7 {
	case 0x00: // C.ADDI4SPN
		imm := cImmAddi4spn(insn)
		if imm == 0 {
			return illegal2
		}
		return dC(opADDI, cRs2p(insn), 2, 0, imm)
	case 0x01, 0x05, 0x11, 0x15: // C.FLD, C.FSD, C.FLDSP, C.FSDSP
		return dinsn{op: opFP, size: 2}
	case 0x02:
		return dC(opLW, cRs2p(insn), cRs1p(insn), 0, cImmLW(insn))
	case 0x03:
		return dC(opLD, cRs2p(insn), cRs1p(insn), 0, cImmLD(insn))
	case 0x04: // Zcb loads and stores
		r, base := cRs2p(insn), cRs1p(insn)
		switch (insn >> 10) & 7 {
		case 0:
			return dC(opLBU, r, base, 0, uint64((insn>>6)&1|(insn>>4)&2))
		case 1:
			op := opLHU
			if insn&0x40 != 0 {
				op = opLH
			}
			return dC(op, r, base, 0, uint64((insn>>4)&2))
		case 2:
			return dC(opSB, 0, base, r, uint64((insn>>6)&1|(insn>>4)&2))
		case 3:
			if insn&0x40 != 0 {
				return illegal2
			}
			return dC(opSH, 0, base, r, uint64((insn>>4)&2))
		}
		return illegal2
	case 0x06:
		return dC(opSW, 0, cRs1p(insn), cRs2p(insn), cImmLW(insn))
	case 0x07:
		return dC(opSD, 0, cRs1p(insn), cRs2p(insn), cImmLD(insn))
	case 0x08: // C.ADDI, C.NOP, hints
		rd := cRd(insn)
		if rd == 0 {
			return dinsn{op: opNOP, size: 2}
		}
		return dC(opADDI, rd, rd, 0, cImm6(insn))
	case 0x09: // C.ADDIW
		rd := cRd(insn)
		if rd == 0 {
			return illegal2
		}
		return dC(opADDIW, rd, rd, 0, cImm6(insn))
	case 0x0A: // C.LI
		rd := cRd(insn)
		if rd == 0 {
			return dinsn{op: opNOP, size: 2}
		}
		return dC(opADDI, rd, 0, 0, cImm6(insn))
	case 0x0B: // C.ADDI16SP, C.LUI
		rd := cRd(insn)
		if rd == 2 {
			imm := cImmAddi16sp(insn)
			if imm == 0 {
				return illegal2
			}
			return dC(opADDI, 2, 2, 0, imm)
		}
		imm := cImmLUI(insn)
		if imm == 0 {
			return illegal2
		}
		if rd == 0 {
			return dinsn{op: opNOP, size: 2}
		}
		return dC(opADDI, rd, 0, 0, imm)
	case 0x0C:
		r := cRs1p(insn)
		switch (insn >> 10) & 3 {
		case 0:
			return dC(opSRLI, r, r, 0, cShamt(insn))
		case 1:
			return dC(opSRAI, r, r, 0, cShamt(insn))
		case 2:
			return dC(opANDI, r, r, 0, cImm6(insn))
		}
		r2 := cRs2p(insn)
		switch (insn>>10)&4 | (insn>>5)&3 {
		case 0:
			return dC(opSUB, r, r, r2, 0)
		case 1:
			return dC(opXOR, r, r, r2, 0)
		case 2:
			return dC(opOR, r, r, r2, 0)
		case 3:
			return dC(opAND, r, r, r2, 0)
		case 4:
			return dC(opSUBW, r, r, r2, 0)
		case 5:
			return dC(opADDW, r, r, r2, 0)
		case 6:
			return dC(opMUL, r, r, r2, 0)
		}
		switch (insn >> 2) & 7 {
		case 0:
			return dC(opANDI, r, r, 0, 0xFF)
		case 1:
			return dC(opSEXTB, r, r, 0, 0)
		case 2:
			return dC(opZEXTH, r, r, 0, 0)
		case 3:
			return dC(opSEXTH, r, r, 0, 0)
		case 4:
			return dC(opZEXTW, r, r, 0, 0)
		case 5:
			return dC(opXORI, r, r, 0, ^uint64(0))
		}
		return illegal2
	case 0x0D:
		return dC(opJAL, 0, 0, 0, cImmJ(insn))
	case 0x0E:
		return dC(opBEQ, 0, cRs1p(insn), 0, cImmB(insn))
	case 0x0F:
		return dC(opBNE, 0, cRs1p(insn), 0, cImmB(insn))
	case 0x10: // C.SLLI
		rd := cRd(insn)
		if rd == 0 {
			return dinsn{op: opNOP, size: 2}
		}
		return dC(opSLLI, rd, rd, 0, cShamt(insn))
	case 0x12:
		rd := cRd(insn)
		if rd == 0 {
			return illegal2
		}
		return dC(opLW, rd, 2, 0, cImmLWSP(insn))
	case 0x13:
		rd := cRd(insn)
		if rd == 0 {
			return illegal2
		}
		return dC(opLD, rd, 2, 0, cImmLDSP(insn))
	case 0x14:
		rd, rs2 := cRd(insn), cRs2(insn)
		if insn&0x1000 == 0 {
			switch {
			case rs2 == 0 && rd == 0:
				return illegal2
			case rs2 == 0: // C.JR
				return dC(opJALR, 0, rd, 0, 0)
			case rd == 0:
				return dinsn{op: opNOP, size: 2}
			}
			return dC(opADD, rd, 0, rs2, 0) // C.MV
		}
		switch {
		case rs2 == 0 && rd == 0:
			return dinsn{op: opEBREAK, size: 2}
		case rs2 == 0: // C.JALR
			return dC(opJALR, 1, rd, 0, 0)
		case rd == 0:
			return dinsn{op: opNOP, size: 2}
		}
		return dC(opADD, rd, rd, rs2, 0)
	case 0x16:
		return dC(opSW, 0, 2, cRs2(insn), cImmSWSP(insn))
	case 0x17:
		return dC(opSD, 0, 2, cRs2(insn), cImmSDSP(insn))
	}
	return illegal2
}

package emu

import (
	"github.com/rivetvm/rivet/emu/isa"

	"errors"

	sf "github.com/rivetvm/rivet/emu/softfloat"
)

var errClosed = errors.New("machine is closed")

// The F and D extensions. Every operation goes through the software IEEE 754
// library (emu/softfloat), so results and flags are the same on every host.
// Singles live NaN-boxed in the 64-bit registers; a wrongly boxed input reads
// as the canonical NaN. With mstatus.FS off every FP instruction is illegal.

const (
	canonicalNaN32 = 0x7fc00000
	signBit32      = 1 << 31
	signBit64      = uint64(1) << 63
)

func box32(v uint32) uint64 { return uint64(v) | 0xFFFFFFFF00000000 }

func unbox32(v uint64) uint32 {
	if v>>32 != 0xFFFFFFFF {
		return canonicalNaN32
	}
	return uint32(v)
}

func (m *Machine) illegalInsn(insn uint32, pc uint64) (execStatus, uint64) {
	return statusFailure, m.raiseException(pc, causeIllegalInsn, uint64(insn))
}

// roundingMode resolves the instruction's rm field (DYN reads frm); modes 5
// and 6, and DYN with such an frm, are illegal.
func roundingMode(insn uint32, fcsr uint64) (sf.RoundingMode, bool) {
	rm := (insn >> 12) & 7
	if rm == frmDyn {
		rm = uint32(fcsr >> fcsrFrmShift)
	}
	return sf.RoundingMode(rm), rm <= 4
}

// setFflags accumulates exception flags into fcsr.
func (m *Machine) setFflags(fcsr uint64, fl sf.Flags) {
	m.s.Fcsr = warlFcsr(fcsr&^fcsrFflagsMask | (fcsr&fcsrFflagsMask | uint64(fl)))
}

// execFP runs the F and D instructions (LOAD-FP, STORE-FP, the fused
// multiply-adds and OP-FP) and rejects every other unassigned major opcode.
func (m *Machine) execFP(insn uint32, pc, mcycle uint64) (execStatus, uint64) {
	s := m.s
	op := (insn >> 2) & 31
	switch op {
	case 0x01, 0x09, 0x10, 0x11, 0x12, 0x13, 0x14:
	default:
		return m.illegalInsn(insn, pc)
	}
	if m.fsOff() {
		return m.illegalInsn(insn, pc)
	}
	rd := (insn >> 7) & 31
	rs1 := (insn >> 15) & 31
	rs2 := (insn >> 20) & 31
	funct3 := (insn >> 12) & 7
	switch op {
	case 0x01: // FLW, FLD
		var size uint64
		switch funct3 {
		case 2:
			size = 4
		case 3:
			size = 8
		default:
			return m.illegalInsn(insn, pc)
		}
		v, npc, ok := m.readVirtual(pc, mcycle, s.X[rs1]+isa.ImmI(insn), size, false)
		if !ok {
			return statusFailure, npc
		}
		if size == 4 {
			v = box32(uint32(v))
		}
		s.F[rd] = v
		return statusSuccess, pc + 4
	case 0x09: // FSW, FSD
		var size uint64
		switch funct3 {
		case 2:
			size = 4
		case 3:
			size = 8
		default:
			return m.illegalInsn(insn, pc)
		}
		vaddr := s.X[rs1] + isa.ImmS(insn)
		st, npc := m.writeVirtual(pc, mcycle, vaddr, size, s.F[rs2]&sizeMask(size))
		if st == statusFailure {
			return st, npc
		}
		return st, npc + 4
	case 0x10, 0x11, 0x12, 0x13: // FMADD, FMSUB, FNMSUB, FNMADD
		fmt := (insn >> 25) & 3
		if fmt > 1 {
			return m.illegalInsn(insn, pc)
		}
		fcsr := m.readFcsr()
		rm, ok := roundingMode(insn, fcsr)
		if !ok {
			return m.illegalInsn(insn, pc)
		}
		rs3 := insn >> 27
		negProduct := op == 0x12 || op == 0x13
		negAddend := op == 0x11 || op == 0x13
		var fl sf.Flags
		if fmt == 0 {
			a, b, c := unbox32(s.F[rs1]), unbox32(s.F[rs2]), unbox32(s.F[rs3])
			if negProduct {
				a ^= signBit32
			}
			if negAddend {
				c ^= signBit32
			}
			var r uint32
			r, fl = sf.MulAdd32(a, b, c, rm)
			s.F[rd] = box32(r)
		} else {
			a, b, c := s.F[rs1], s.F[rs2], s.F[rs3]
			if negProduct {
				a ^= signBit64
			}
			if negAddend {
				c ^= signBit64
			}
			s.F[rd], fl = sf.MulAdd64(a, b, c, rm)
		}
		m.setFflags(fcsr, fl)
		return statusSuccess, pc + 4
	}
	return m.execOPFP(insn, pc, rd, rs1, rs2, funct3)
}

// execOPFP runs the OP-FP major opcode.
func (m *Machine) execOPFP(insn uint32, pc uint64, rd, rs1, rs2, funct3 uint32) (execStatus, uint64) {
	s := m.s
	funct7 := insn >> 25
	next := pc + 4
	switch funct7 {
	case 0x00, 0x04, 0x08, 0x0C, 0x2C: // FADD.S FSUB.S FMUL.S FDIV.S FSQRT.S
		fcsr := m.readFcsr()
		if funct7 == 0x2C && rs2 != 0 {
			return m.illegalInsn(insn, pc)
		}
		rm, ok := roundingMode(insn, fcsr)
		if !ok {
			return m.illegalInsn(insn, pc)
		}
		a, b := unbox32(s.F[rs1]), unbox32(s.F[rs2])
		var r uint32
		var fl sf.Flags
		switch funct7 {
		case 0x00:
			r, fl = sf.Add32(a, b, rm)
		case 0x04:
			r, fl = sf.Add32(a, b^signBit32, rm)
		case 0x08:
			r, fl = sf.Mul32(a, b, rm)
		case 0x0C:
			r, fl = sf.Div32(a, b, rm)
		case 0x2C:
			r, fl = sf.Sqrt32(a, rm)
		}
		s.F[rd] = box32(r)
		m.setFflags(fcsr, fl)
		return statusSuccess, next
	case 0x01, 0x05, 0x09, 0x0D, 0x2D: // FADD.D FSUB.D FMUL.D FDIV.D FSQRT.D
		fcsr := m.readFcsr()
		if funct7 == 0x2D && rs2 != 0 {
			return m.illegalInsn(insn, pc)
		}
		rm, ok := roundingMode(insn, fcsr)
		if !ok {
			return m.illegalInsn(insn, pc)
		}
		a, b := s.F[rs1], s.F[rs2]
		var r uint64
		var fl sf.Flags
		switch funct7 {
		case 0x01:
			r, fl = sf.Add64(a, b, rm)
		case 0x05:
			r, fl = sf.Add64(a, b^signBit64, rm)
		case 0x09:
			r, fl = sf.Mul64(a, b, rm)
		case 0x0D:
			r, fl = sf.Div64(a, b, rm)
		case 0x2D:
			r, fl = sf.Sqrt64(a, rm)
		}
		s.F[rd] = r
		m.setFflags(fcsr, fl)
		return statusSuccess, next
	case 0x10: // FSGNJ.S FSGNJN.S FSGNJX.S
		if funct3 > 2 {
			return m.illegalInsn(insn, pc)
		}
		fcsr := m.readFcsr()
		a, b := unbox32(s.F[rs1]), unbox32(s.F[rs2])
		var r uint32
		switch funct3 {
		case 0:
			r = a&^signBit32 | b&signBit32
		case 1:
			r = a&^signBit32 | (b & signBit32) ^ signBit32
		case 2:
			r = a ^ b&signBit32
		}
		s.F[rd] = box32(r)
		m.setFflags(fcsr, 0)
		return statusSuccess, next
	case 0x11: // FSGNJ.D FSGNJN.D FSGNJX.D
		if funct3 > 2 {
			return m.illegalInsn(insn, pc)
		}
		fcsr := m.readFcsr()
		a, b := s.F[rs1], s.F[rs2]
		var r uint64
		switch funct3 {
		case 0:
			r = a&^signBit64 | b&signBit64
		case 1:
			r = a&^signBit64 | (b & signBit64) ^ signBit64
		case 2:
			r = a ^ b&signBit64
		}
		s.F[rd] = r
		m.setFflags(fcsr, 0)
		return statusSuccess, next
	case 0x14: // FMIN.S FMAX.S
		if funct3 > 1 {
			return m.illegalInsn(insn, pc)
		}
		fcsr := m.readFcsr()
		a, b := unbox32(s.F[rs1]), unbox32(s.F[rs2])
		var r uint32
		var fl sf.Flags
		if funct3 == 0 {
			r, fl = sf.Min32(a, b)
		} else {
			r, fl = sf.Max32(a, b)
		}
		s.F[rd] = box32(r)
		m.setFflags(fcsr, fl)
		return statusSuccess, next
	case 0x15: // FMIN.D FMAX.D
		if funct3 > 1 {
			return m.illegalInsn(insn, pc)
		}
		fcsr := m.readFcsr()
		var r uint64
		var fl sf.Flags
		if funct3 == 0 {
			r, fl = sf.Min64(s.F[rs1], s.F[rs2])
		} else {
			r, fl = sf.Max64(s.F[rs1], s.F[rs2])
		}
		s.F[rd] = r
		m.setFflags(fcsr, fl)
		return statusSuccess, next
	case 0x50, 0x51: // FLE FLT FEQ (.S, .D)
		if funct3 > 2 {
			return m.illegalInsn(insn, pc)
		}
		fcsr := m.readFcsr()
		var r bool
		var fl sf.Flags
		if funct7 == 0x50 {
			a, b := unbox32(s.F[rs1]), unbox32(s.F[rs2])
			switch funct3 {
			case 0:
				r, fl = sf.Le32(a, b)
			case 1:
				r, fl = sf.Lt32(a, b)
			case 2:
				r, fl = sf.Eq32(a, b)
			}
		} else {
			a, b := s.F[rs1], s.F[rs2]
			switch funct3 {
			case 0:
				r, fl = sf.Le64(a, b)
			case 1:
				r, fl = sf.Lt64(a, b)
			case 2:
				r, fl = sf.Eq64(a, b)
			}
		}
		m.setFflags(fcsr, fl)
		if rd != 0 {
			s.X[rd] = b2u(r)
		}
		return statusSuccess, next
	}
	return m.execFPConvert(insn, pc, rd, rs1, rs2, funct3, funct7)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// execFPConvert runs the conversions, moves and classifications, selected by
// funct7 and rs2.
func (m *Machine) execFPConvert(insn uint32, pc uint64, rd, rs1, rs2, funct3, funct7 uint32) (execStatus, uint64) {
	s := m.s
	next := pc + 4
	switch funct7<<5 | rs2 {
	case 0x70<<5 | 0, 0x71<<5 | 0: // FMV.X.W / FCLASS.S, FMV.X.D / FCLASS.D
		double := funct7 == 0x71
		switch funct3 {
		case 0:
			if rd != 0 {
				if double {
					s.X[rd] = s.F[rs1]
				} else {
					s.X[rd] = sext32(s.F[rs1])
				}
			}
		case 1:
			if rd != 0 {
				if double {
					s.X[rd] = sf.Class64(s.F[rs1])
				} else {
					s.X[rd] = sf.Class32(unbox32(s.F[rs1]))
				}
			}
		default:
			return m.illegalInsn(insn, pc)
		}
		return statusSuccess, next
	case 0x78<<5 | 0, 0x79<<5 | 0: // FMV.W.X, FMV.D.X
		if funct3 != 0 {
			return m.illegalInsn(insn, pc)
		}
		if funct7 == 0x78 {
			s.F[rd] = box32(uint32(s.X[rs1]))
		} else {
			s.F[rd] = s.X[rs1]
		}
		return statusSuccess, next
	}
	fcsr := m.readFcsr()
	rm, ok := roundingMode(insn, fcsr)
	key := funct7<<5 | rs2
	switch key {
	case 0x20<<5 | 1, 0x21<<5 | 0: // FCVT.S.D, FCVT.D.S
		if !ok {
			return m.illegalInsn(insn, pc)
		}
		var fl sf.Flags
		if key == 0x20<<5|1 {
			var r uint32
			r, fl = sf.F64ToF32(s.F[rs1], rm)
			s.F[rd] = box32(r)
		} else {
			s.F[rd], fl = sf.F32ToF64(unbox32(s.F[rs1]))
		}
		m.setFflags(fcsr, fl)
		return statusSuccess, next
	case 0x60<<5 | 0, 0x60<<5 | 1, 0x60<<5 | 2, 0x60<<5 | 3, 0x61<<5 | 0, 0x61<<5 | 1, 0x61<<5 | 2, 0x61<<5 | 3:
		// FCVT.{W,WU,L,LU}.{S,D}
		if !ok {
			return m.illegalInsn(insn, pc)
		}
		var r uint64
		var fl sf.Flags
		if funct7 == 0x60 {
			a := unbox32(s.F[rs1])
			switch rs2 {
			case 0:
				v, f := sf.F32ToI32(a, rm)
				r, fl = uint64(int64(v)), f
			case 1:
				v, f := sf.F32ToU32(a, rm)
				r, fl = sext32(uint64(v)), f
			case 2:
				v, f := sf.F32ToI64(a, rm)
				r, fl = uint64(v), f
			case 3:
				r, fl = sf.F32ToU64(a, rm)
			}
		} else {
			a := s.F[rs1]
			switch rs2 {
			case 0:
				v, f := sf.F64ToI32(a, rm)
				r, fl = uint64(int64(v)), f
			case 1:
				v, f := sf.F64ToU32(a, rm)
				r, fl = sext32(uint64(v)), f
			case 2:
				v, f := sf.F64ToI64(a, rm)
				r, fl = uint64(v), f
			case 3:
				r, fl = sf.F64ToU64(a, rm)
			}
		}
		m.setFflags(fcsr, fl)
		if rd != 0 {
			s.X[rd] = r
		}
		return statusSuccess, next
	case 0x68<<5 | 0, 0x68<<5 | 1, 0x68<<5 | 2, 0x68<<5 | 3, 0x69<<5 | 0, 0x69<<5 | 1, 0x69<<5 | 2, 0x69<<5 | 3:
		// FCVT.{S,D}.{W,WU,L,LU}
		if !ok {
			return m.illegalInsn(insn, pc)
		}
		v := s.X[rs1]
		var fl sf.Flags
		if funct7 == 0x68 {
			var r uint32
			switch rs2 {
			case 0:
				r, fl = sf.I32ToF32(int32(v), rm)
			case 1:
				r, fl = sf.U32ToF32(uint32(v), rm)
			case 2:
				r, fl = sf.I64ToF32(int64(v), rm)
			case 3:
				r, fl = sf.U64ToF32(v, rm)
			}
			s.F[rd] = box32(r)
		} else {
			switch rs2 {
			case 0:
				s.F[rd], fl = sf.I32ToF64(int32(v), rm)
			case 1:
				s.F[rd], fl = sf.U32ToF64(uint32(v), rm)
			case 2:
				s.F[rd], fl = sf.I64ToF64(int64(v), rm)
			case 3:
				s.F[rd], fl = sf.U64ToF64(v, rm)
			}
		}
		m.setFflags(fcsr, fl)
		return statusSuccess, next
	}
	return m.illegalInsn(insn, pc)
}

// execCompressedFP runs C.FLD, C.FSD, C.FLDSP and C.FSDSP.
func (m *Machine) execCompressedFP(insn uint32, pc, mcycle uint64) (execStatus, uint64) {
	if m.fsOff() {
		return m.illegalInsn(insn, pc)
	}
	s := m.s
	var vaddr uint64
	var reg uint32
	load := false
	switch (insn&3)<<3 | (insn>>13)&7 {
	case 0x01: // C.FLD
		vaddr, reg, load = s.X[isa.CRs1p(insn)]+isa.CImmLD(insn), isa.CRs2p(insn), true
	case 0x05: // C.FSD
		vaddr, reg = s.X[isa.CRs1p(insn)]+isa.CImmLD(insn), isa.CRs2p(insn)
	case 0x11: // C.FLDSP
		vaddr, reg, load = s.X[2]+isa.CImmLDSP(insn), isa.CRd(insn), true
	case 0x15: // C.FSDSP
		vaddr, reg = s.X[2]+isa.CImmSDSP(insn), isa.CRs2(insn)
	default:
		return m.illegalInsn(insn, pc)
	}
	if load {
		v, npc, ok := m.readVirtual(pc, mcycle, vaddr, 8, false)
		if !ok {
			return statusFailure, npc
		}
		s.F[reg] = v
		return statusSuccess, pc + 2
	}
	st, npc := m.writeVirtual(pc, mcycle, vaddr, 8, s.F[reg])
	if st == statusFailure {
		return st, npc
	}
	return st, npc + 2
}

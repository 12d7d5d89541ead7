package emu

import (
	"github.com/rivetvm/rivet/emu/isa"
	"unsafe"
)

// runFast runs simple instructions until mcycle reaches st.End or an
// instruction needs the general path (left unexecuted, pc at it). It makes
// no calls on its hot path, so its locals stay in host registers.
func runFast(x *[32]uint64, hot *[3][tlbSetSize]hotSlot, st *EngineState, softYield bool) EngineExit {
	pc, mcycle, end := st.PC, st.Mcycle, st.End
	page, base := st.FetchPage, st.base
	exit := ExitEnd
loop:
	for ; mcycle < end; mcycle++ {
		off := pc ^ page
		if off >= pageOffMask-1 {
			exit = ExitFetch
			break
		}
		// Entries are 16 bytes, one per halfword: entry off/2 is at off*8.
		d := (*isa.Insn)(unsafe.Add(base, off*8))
		switch d.Op {
		case isa.ADDI:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = a + d.Imm
			}
			pc += uint64(d.Size)
		case isa.ADD:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = a + b
			}
			pc += uint64(d.Size)
		case isa.LD, isa.LW, isa.LWU, isa.LH, isa.LHU, isa.LB, isa.LBU:
			vaddr := x[d.Rs1&31] + d.Imm
			size := loadSize[d.Op]
			h := &hot[tlbRead][(vaddr>>Log2PageSize)&(tlbSetSize-1)]
			if !tlbHit(h.vaddrPage, vaddr, size) {
				exit = ExitMemory
				break loop
			}
			if rd := d.Rd & 31; rd != 0 {
				x[rd] = extendLoad(d.Op, loadHost(unsafe.Add(h.host, vaddr&pageOffMask), size))
			}
			pc += uint64(d.Size)
		case isa.SD, isa.SW, isa.SH, isa.SB:
			vaddr := x[d.Rs1&31] + d.Imm
			size := storeSize[d.Op]
			h := &hot[tlbWrite][(vaddr>>Log2PageSize)&(tlbSetSize-1)]
			if !tlbHit(h.vaddrPage, vaddr, size) {
				exit = ExitMemory
				break loop
			}
			storeHost(unsafe.Add(h.host, vaddr&pageOffMask), size, x[d.Rs2&31])
			pc += uint64(d.Size)
		case isa.BEQ:
			if a, b := x[d.Rs1&31], x[d.Rs2&31]; a == b {
				pc += d.Imm
			} else {
				pc += uint64(d.Size)
			}
		case isa.BNE:
			if a, b := x[d.Rs1&31], x[d.Rs2&31]; a != b {
				pc += d.Imm
			} else {
				pc += uint64(d.Size)
			}
		case isa.BLT:
			if a, b := x[d.Rs1&31], x[d.Rs2&31]; int64(a) < int64(b) {
				pc += d.Imm
			} else {
				pc += uint64(d.Size)
			}
		case isa.BGE:
			if a, b := x[d.Rs1&31], x[d.Rs2&31]; int64(a) >= int64(b) {
				pc += d.Imm
			} else {
				pc += uint64(d.Size)
			}
		case isa.BLTU:
			if a, b := x[d.Rs1&31], x[d.Rs2&31]; a < b {
				pc += d.Imm
			} else {
				pc += uint64(d.Size)
			}
		case isa.BGEU:
			if a, b := x[d.Rs1&31], x[d.Rs2&31]; a >= b {
				pc += d.Imm
			} else {
				pc += uint64(d.Size)
			}
		case isa.JAL:
			if rd := d.Rd & 31; rd != 0 {
				x[rd] = pc + uint64(d.Size)
			}
			pc += d.Imm
		case isa.JALR:
			target := (x[d.Rs1&31] + d.Imm) &^ 1
			if rd := d.Rd & 31; rd != 0 {
				x[rd] = pc + uint64(d.Size)
			}
			pc = target
		case isa.LUI:
			if rd := d.Rd & 31; rd != 0 {
				x[rd] = d.Imm
			}
			pc += uint64(d.Size)
		case isa.AUIPC:
			if rd := d.Rd & 31; rd != 0 {
				x[rd] = pc + d.Imm
			}
			pc += uint64(d.Size)
		case isa.SLTI:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = b2u(int64(a) < int64(d.Imm))
			}
			pc += uint64(d.Size)
		case isa.SLTIU:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = b2u(a < d.Imm)
			}
			pc += uint64(d.Size)
		case isa.XORI:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = a ^ d.Imm
			}
			pc += uint64(d.Size)
		case isa.ORI:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = a | d.Imm
			}
			pc += uint64(d.Size)
		case isa.ANDI:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = a & d.Imm
			}
			pc += uint64(d.Size)
		case isa.SLLI:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = a << d.Imm
			}
			pc += uint64(d.Size)
		case isa.SRLI:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = a >> d.Imm
			}
			pc += uint64(d.Size)
		case isa.SRAI:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = uint64(int64(a) >> d.Imm)
			}
			pc += uint64(d.Size)
		case isa.ADDIW:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = sext32(a + d.Imm)
			}
			pc += uint64(d.Size)
		case isa.SLLIW:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = sext32(uint64(uint32(a) << d.Imm))
			}
			pc += uint64(d.Size)
		case isa.SRLIW:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = sext32(uint64(uint32(a) >> d.Imm))
			}
			pc += uint64(d.Size)
		case isa.SEXT_B:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = uint64(int64(int8(a)))
			}
			pc += uint64(d.Size)
		case isa.SEXT_H:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = uint64(int64(int16(a)))
			}
			pc += uint64(d.Size)
		case isa.ZEXT_H:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = uint64(uint16(a))
			}
			pc += uint64(d.Size)
		case isa.ZEXT_W:
			if rd := d.Rd & 31; rd != 0 {
				a := x[d.Rs1&31]
				x[rd] = uint64(uint32(a))
			}
			pc += uint64(d.Size)
		case isa.SUB:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = a - b
			}
			pc += uint64(d.Size)
		case isa.SLL:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = a << (b & 63)
			}
			pc += uint64(d.Size)
		case isa.SLT:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = b2u(int64(a) < int64(b))
			}
			pc += uint64(d.Size)
		case isa.SLTU:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = b2u(a < b)
			}
			pc += uint64(d.Size)
		case isa.XOR:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = a ^ b
			}
			pc += uint64(d.Size)
		case isa.SRL:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = a >> (b & 63)
			}
			pc += uint64(d.Size)
		case isa.SRA:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = uint64(int64(a) >> (b & 63))
			}
			pc += uint64(d.Size)
		case isa.OR:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = a | b
			}
			pc += uint64(d.Size)
		case isa.AND:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = a & b
			}
			pc += uint64(d.Size)
		case isa.MUL:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = a * b
			}
			pc += uint64(d.Size)
		case isa.MULH:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = mulh(int64(a), int64(b))
			}
			pc += uint64(d.Size)
		case isa.MULHSU:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = mulhsu(int64(a), b)
			}
			pc += uint64(d.Size)
		case isa.MULHU:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = mulhu(a, b)
			}
			pc += uint64(d.Size)
		case isa.DIV:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = div64(int64(a), int64(b))
			}
			pc += uint64(d.Size)
		case isa.DIVU:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = divu64(a, b)
			}
			pc += uint64(d.Size)
		case isa.REM:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = rem64(int64(a), int64(b))
			}
			pc += uint64(d.Size)
		case isa.REMU:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = remu64(a, b)
			}
			pc += uint64(d.Size)
		case isa.ADDW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = sext32(a + b)
			}
			pc += uint64(d.Size)
		case isa.SUBW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = sext32(a - b)
			}
			pc += uint64(d.Size)
		case isa.SLLW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = sext32(uint64(uint32(a) << (b & 31)))
			}
			pc += uint64(d.Size)
		case isa.SRLW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = sext32(uint64(uint32(a) >> (b & 31)))
			}
			pc += uint64(d.Size)
		case isa.SRAW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = uint64(int64(int32(a) >> (b & 31)))
			}
			pc += uint64(d.Size)
		case isa.MULW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = sext32(uint64(uint32(a) * uint32(b)))
			}
			pc += uint64(d.Size)
		case isa.DIVW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = div32(int32(a), int32(b))
			}
			pc += uint64(d.Size)
		case isa.DIVUW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = divu32(uint32(a), uint32(b))
			}
			pc += uint64(d.Size)
		case isa.REMW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = rem32(int32(a), int32(b))
			}
			pc += uint64(d.Size)
		case isa.REMUW:
			if rd := d.Rd & 31; rd != 0 {
				a, b := x[d.Rs1&31], x[d.Rs2&31]
				x[rd] = remu32(uint32(a), uint32(b))
			}
			pc += uint64(d.Size)
		case isa.SRAIW:
			if rd := d.Rd & 31; rd != 0 {
				x[rd] = uint64(int64(int32(x[d.Rs1&31]) >> d.Imm))
			} else if d.Rs1 == 31 && softYield {
				exit = ExitGeneral // SRAIW x0, x31, imm: the soft-yield hint
				break loop
			}
			pc += uint64(d.Size)
		case isa.NOP:
			pc += uint64(d.Size)
		default: // isa.None (not decoded yet), or an operation for the general path
			exit = ExitGeneral
			if d.Op == isa.None {
				exit = ExitFetch
			}
			break loop
		}
	}
	st.PC, st.Mcycle = pc, mcycle
	return exit
}

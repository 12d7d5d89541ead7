package emu

import "unsafe"

// runFast runs simple instructions until mcycle reaches st.end or an
// instruction needs the general path (left unexecuted, pc at it). It makes
// no calls on its hot path, so its locals stay in host registers.
func runFast(x *[32]uint64, hot *[3][tlbSetSize]hotSlot, st *fastState, softYield bool) fastExit {
	pc, mcycle, end := st.pc, st.mcycle, st.end
	page, base := st.fetchPage, st.base
	exit := exitEnd
loop:
	for ; mcycle < end; mcycle++ {
		off := pc ^ page
		if off >= pageOffMask-1 {
			exit = exitFetch
			break
		}
		// Entries are 16 bytes, one per halfword: entry off/2 is at off*8.
		d := (*dinsn)(unsafe.Add(base, off*8))
		switch d.op {
		case opADDI:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = a + d.imm
			}
			pc += uint64(d.size)
		case opADD:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = a + b
			}
			pc += uint64(d.size)
		case opLD, opLW, opLWU, opLH, opLHU, opLB, opLBU:
			vaddr := x[d.rs1&31] + d.imm
			size := loadSize[d.op]
			h := &hot[tlbRead][(vaddr>>Log2PageSize)&(tlbSetSize-1)]
			if !tlbHit(h.vaddrPage, vaddr, size) {
				exit = exitMemory
				break loop
			}
			if rd := d.rd & 31; rd != 0 {
				x[rd] = extendLoad(d.op, loadHost(unsafe.Add(h.host, vaddr&pageOffMask), size))
			}
			pc += uint64(d.size)
		case opSD, opSW, opSH, opSB:
			vaddr := x[d.rs1&31] + d.imm
			size := storeSize[d.op]
			h := &hot[tlbWrite][(vaddr>>Log2PageSize)&(tlbSetSize-1)]
			if !tlbHit(h.vaddrPage, vaddr, size) {
				exit = exitMemory
				break loop
			}
			storeHost(unsafe.Add(h.host, vaddr&pageOffMask), size, x[d.rs2&31])
			pc += uint64(d.size)
		case opBEQ:
			if a, b := x[d.rs1&31], x[d.rs2&31]; a == b {
				pc += d.imm
			} else {
				pc += uint64(d.size)
			}
		case opBNE:
			if a, b := x[d.rs1&31], x[d.rs2&31]; a != b {
				pc += d.imm
			} else {
				pc += uint64(d.size)
			}
		case opBLT:
			if a, b := x[d.rs1&31], x[d.rs2&31]; int64(a) < int64(b) {
				pc += d.imm
			} else {
				pc += uint64(d.size)
			}
		case opBGE:
			if a, b := x[d.rs1&31], x[d.rs2&31]; int64(a) >= int64(b) {
				pc += d.imm
			} else {
				pc += uint64(d.size)
			}
		case opBLTU:
			if a, b := x[d.rs1&31], x[d.rs2&31]; a < b {
				pc += d.imm
			} else {
				pc += uint64(d.size)
			}
		case opBGEU:
			if a, b := x[d.rs1&31], x[d.rs2&31]; a >= b {
				pc += d.imm
			} else {
				pc += uint64(d.size)
			}
		case opJAL:
			if rd := d.rd & 31; rd != 0 {
				x[rd] = pc + uint64(d.size)
			}
			pc += d.imm
		case opJALR:
			target := (x[d.rs1&31] + d.imm) &^ 1
			if rd := d.rd & 31; rd != 0 {
				x[rd] = pc + uint64(d.size)
			}
			pc = target
		case opLUI:
			if rd := d.rd & 31; rd != 0 {
				x[rd] = d.imm
			}
			pc += uint64(d.size)
		case opAUIPC:
			if rd := d.rd & 31; rd != 0 {
				x[rd] = pc + d.imm
			}
			pc += uint64(d.size)
		case opSLTI:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = b2u(int64(a) < int64(d.imm))
			}
			pc += uint64(d.size)
		case opSLTIU:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = b2u(a < d.imm)
			}
			pc += uint64(d.size)
		case opXORI:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = a ^ d.imm
			}
			pc += uint64(d.size)
		case opORI:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = a | d.imm
			}
			pc += uint64(d.size)
		case opANDI:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = a & d.imm
			}
			pc += uint64(d.size)
		case opSLLI:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = a << d.imm
			}
			pc += uint64(d.size)
		case opSRLI:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = a >> d.imm
			}
			pc += uint64(d.size)
		case opSRAI:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = uint64(int64(a) >> d.imm)
			}
			pc += uint64(d.size)
		case opADDIW:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = sext32(a + d.imm)
			}
			pc += uint64(d.size)
		case opSLLIW:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = sext32(uint64(uint32(a) << d.imm))
			}
			pc += uint64(d.size)
		case opSRLIW:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = sext32(uint64(uint32(a) >> d.imm))
			}
			pc += uint64(d.size)
		case opSEXTB:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = uint64(int64(int8(a)))
			}
			pc += uint64(d.size)
		case opSEXTH:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = uint64(int64(int16(a)))
			}
			pc += uint64(d.size)
		case opZEXTH:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = uint64(uint16(a))
			}
			pc += uint64(d.size)
		case opZEXTW:
			if rd := d.rd & 31; rd != 0 {
				a := x[d.rs1&31]
				x[rd] = uint64(uint32(a))
			}
			pc += uint64(d.size)
		case opSUB:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = a - b
			}
			pc += uint64(d.size)
		case opSLL:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = a << (b & 63)
			}
			pc += uint64(d.size)
		case opSLT:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = b2u(int64(a) < int64(b))
			}
			pc += uint64(d.size)
		case opSLTU:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = b2u(a < b)
			}
			pc += uint64(d.size)
		case opXOR:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = a ^ b
			}
			pc += uint64(d.size)
		case opSRL:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = a >> (b & 63)
			}
			pc += uint64(d.size)
		case opSRA:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = uint64(int64(a) >> (b & 63))
			}
			pc += uint64(d.size)
		case opOR:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = a | b
			}
			pc += uint64(d.size)
		case opAND:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = a & b
			}
			pc += uint64(d.size)
		case opMUL:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = a * b
			}
			pc += uint64(d.size)
		case opMULH:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = mulh(int64(a), int64(b))
			}
			pc += uint64(d.size)
		case opMULHSU:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = mulhsu(int64(a), b)
			}
			pc += uint64(d.size)
		case opMULHU:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = mulhu(a, b)
			}
			pc += uint64(d.size)
		case opDIV:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = div64(int64(a), int64(b))
			}
			pc += uint64(d.size)
		case opDIVU:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = divu64(a, b)
			}
			pc += uint64(d.size)
		case opREM:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = rem64(int64(a), int64(b))
			}
			pc += uint64(d.size)
		case opREMU:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = remu64(a, b)
			}
			pc += uint64(d.size)
		case opADDW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = sext32(a + b)
			}
			pc += uint64(d.size)
		case opSUBW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = sext32(a - b)
			}
			pc += uint64(d.size)
		case opSLLW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = sext32(uint64(uint32(a) << (b & 31)))
			}
			pc += uint64(d.size)
		case opSRLW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = sext32(uint64(uint32(a) >> (b & 31)))
			}
			pc += uint64(d.size)
		case opSRAW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = uint64(int64(int32(a) >> (b & 31)))
			}
			pc += uint64(d.size)
		case opMULW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = sext32(uint64(uint32(a) * uint32(b)))
			}
			pc += uint64(d.size)
		case opDIVW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = div32(int32(a), int32(b))
			}
			pc += uint64(d.size)
		case opDIVUW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = divu32(uint32(a), uint32(b))
			}
			pc += uint64(d.size)
		case opREMW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = rem32(int32(a), int32(b))
			}
			pc += uint64(d.size)
		case opREMUW:
			if rd := d.rd & 31; rd != 0 {
				a, b := x[d.rs1&31], x[d.rs2&31]
				x[rd] = remu32(uint32(a), uint32(b))
			}
			pc += uint64(d.size)
		case opSRAIW:
			if rd := d.rd & 31; rd != 0 {
				x[rd] = uint64(int64(int32(x[d.rs1&31]) >> d.imm))
			} else if d.rs1 == 31 && softYield {
				exit = exitGeneral // SRAIW x0, x31, imm: the soft-yield hint
				break loop
			}
			pc += uint64(d.size)
		case opNOP:
			pc += uint64(d.size)
		default: // opNone (not decoded yet), or an operation for the general path
			exit = exitGeneral
			if d.op == opNone {
				exit = exitFetch
			}
			break loop
		}
	}
	st.pc, st.mcycle = pc, mcycle
	return exit
}

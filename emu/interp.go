package emu

import (
	"math/bits"
	"unsafe"
)

// This file is the interpreter: the reference semantics of every instruction,
// written once. The fast engine runs it as is; other engines (the logging and
// replaying steps) are to be generated from this source by rewriting its state
// accesses, never by writing instructions a second time.

// Run runs the machine until mcycle reaches mcycleEnd or something stops it
// earlier, and returns why it stopped. Halted, manually yielded and
// overflowed machines are fixed points: Run changes nothing and returns at
// once. Precedence, before and after running: overflow > halted > yielded
// manually > reached target.
func (m *Machine) Run(mcycleEnd uint64) (BreakReason, error) {
	if m.closed {
		return BreakFailed, errClosed
	}
	s := m.s
	if s.Mcycle >= s.Imcyclemax {
		return BreakMcycleOverflow, nil
	}
	if s.IflagsH != 0 {
		return BreakHalted, nil
	}
	if s.IflagsY != 0 {
		return BreakYieldedManually, nil
	}
	if s.Mcycle >= mcycleEnd {
		return BreakReachedTargetMcycle, nil
	}
	end := min(mcycleEnd, s.Imcyclemax)
	s.IflagsX = 0
	status := m.interpret(end)
	switch {
	case s.Mcycle >= s.Imcyclemax:
		return BreakMcycleOverflow, nil
	case s.IflagsH != 0:
		return BreakHalted, nil
	case s.IflagsY != 0:
		return BreakYieldedManually, nil
	case s.IflagsX != 0:
		return BreakYieldedAutomatically, nil
	case status == statusYield:
		return BreakYieldedSoftly, nil
	case status == statusConsoleOutput:
		return BreakConsoleOutput, nil
	case status == statusConsoleInput:
		return BreakConsoleInput, nil
	}
	return BreakReachedTargetMcycle, nil
}

// Sign-extended immediates.
func immI(insn uint32) uint64 { return uint64(int64(int32(insn) >> 20)) }
func immS(insn uint32) uint64 {
	return uint64(int64(int32(insn&0xFE000000)>>20) | int64((insn>>7)&0x1F))
}
func immB(insn uint32) uint64 {
	v := int32(insn&0x80000000)>>19 | int32((insn&0x80)<<4) | int32((insn>>20)&0x7E0) | int32((insn>>7)&0x1E)
	return uint64(int64(v))
}
func immU(insn uint32) uint64 { return uint64(int64(int32(insn & 0xFFFFF000))) }
func immJ(insn uint32) uint64 {
	v := int32(insn&0x80000000)>>11 | int32(insn&0xFF000) | int32((insn>>9)&0x800) | int32((insn>>20)&0x7FE)
	return uint64(int64(v))
}

// Compressed-format fields and immediates (RISC-V C extension, chapter 16).
func cRs1p(insn uint32) uint32 { return 8 + (insn>>7)&7 } // rs1'/rd'
func cRs2p(insn uint32) uint32 { return 8 + (insn>>2)&7 } // rs2'/rd'
func cRd(insn uint32) uint32   { return (insn >> 7) & 31 }
func cRs2(insn uint32) uint32  { return (insn >> 2) & 31 }

// cImm6 is the CI-format 6-bit immediate (bit 12 and bits 6:2), sign-extended.
func cImm6(insn uint32) uint64 {
	v := int64((insn>>2)&31) | int64((insn>>12)&1)<<5
	return uint64(v << 58 >> 58)
}

// cShamt is the CI/CB-format 6-bit shift amount.
func cShamt(insn uint32) uint64 { return uint64((insn>>2)&31 | (insn>>7)&32) }

func cImmJ(insn uint32) uint64 {
	v := (insn>>1)&0x800 | (insn>>7)&0x10 | (insn>>1)&0x300 | (insn<<2)&0x400 |
		(insn>>1)&0x40 | (insn<<1)&0x80 | (insn>>2)&0xE | (insn<<3)&0x20
	return uint64(int64(int32(v<<20) >> 20))
}

func cImmB(insn uint32) uint64 {
	v := (insn>>4)&0x100 | (insn>>7)&0x18 | (insn<<1)&0xC0 | (insn>>2)&0x6 | (insn<<3)&0x20
	return uint64(int64(int32(v<<23) >> 23))
}

func cImmAddi4spn(insn uint32) uint64 {
	return uint64((insn>>7)&0x30 | (insn>>1)&0x3C0 | (insn>>4)&0x4 | (insn>>2)&0x8)
}
func cImmLW(insn uint32) uint64 { return uint64((insn>>7)&0x38 | (insn>>4)&0x4 | (insn<<1)&0x40) }
func cImmLD(insn uint32) uint64 { return uint64((insn>>7)&0x38 | (insn<<1)&0xC0) }
func cImmAddi16sp(insn uint32) uint64 {
	v := (insn>>3)&0x200 | (insn>>2)&0x10 | (insn<<1)&0x40 | (insn<<4)&0x180 | (insn<<3)&0x20
	return uint64(int64(int32(v<<22) >> 22))
}
func cImmLUI(insn uint32) uint64 {
	v := (insn<<5)&0x20000 | (insn<<10)&0x1F000
	return uint64(int64(int32(v<<14) >> 14))
}
func cImmLWSP(insn uint32) uint64 { return uint64((insn>>7)&0x20 | (insn>>2)&0x1C | (insn<<4)&0xC0) }
func cImmLDSP(insn uint32) uint64 { return uint64((insn>>7)&0x20 | (insn>>2)&0x18 | (insn<<4)&0x1C0) }
func cImmSWSP(insn uint32) uint64 { return uint64((insn>>7)&0x3C | (insn>>1)&0xC0) }
func cImmSDSP(insn uint32) uint64 { return uint64((insn>>7)&0x38 | (insn>>1)&0x1C0) }

func mulh(a, b int64) uint64 {
	hi, _ := bits.Mul64(uint64(a), uint64(b))
	// Correct the unsigned high word for the operands' signs.
	if a < 0 {
		hi -= uint64(b)
	}
	if b < 0 {
		hi -= uint64(a)
	}
	return hi
}

func mulhsu(a int64, b uint64) uint64 {
	hi, _ := bits.Mul64(uint64(a), b)
	if a < 0 {
		hi -= b
	}
	return hi
}

func div64(a, b int64) uint64 {
	switch {
	case b == 0:
		return ^uint64(0)
	case b == -1 && a == -1<<63:
		return uint64(a)
	}
	return uint64(a / b)
}

func divu64(a, b uint64) uint64 {
	if b == 0 {
		return ^uint64(0)
	}
	return a / b
}

func rem64(a, b int64) uint64 {
	switch {
	case b == 0:
		return uint64(a)
	case b == -1 && a == -1<<63:
		return 0
	}
	return uint64(a % b)
}

func remu64(a, b uint64) uint64 {
	if b == 0 {
		return a
	}
	return a % b
}

func sext32(v uint64) uint64 { return uint64(int64(int32(v))) }

func div32(a, b int32) uint64 {
	switch {
	case b == 0:
		return ^uint64(0)
	case b == -1 && a == -1<<31:
		return uint64(int64(a))
	}
	return uint64(int64(a / b))
}

func divu32(a, b uint32) uint64 {
	if b == 0 {
		return ^uint64(0)
	}
	return sext32(uint64(a / b))
}

func rem32(a, b int32) uint64 {
	switch {
	case b == 0:
		return uint64(int64(a))
	case b == -1 && a == -1<<31:
		return 0
	}
	return uint64(int64(a % b))
}

func remu32(a, b uint32) uint64 {
	if b == 0 {
		return sext32(uint64(a))
	}
	return sext32(uint64(a % b))
}

// amoOp computes an AMO's new memory value from the old one (valm) and rs2.
// funct5 selects the operation; w says 32-bit.
func amoOp(funct5 uint32, valm, valr uint64, w bool) uint64 {
	if w {
		m32, r32 := int32(valm), int32(valr)
		switch funct5 {
		case 0x01:
			return uint64(uint32(r32))
		case 0x00:
			return uint64(uint32(m32 + r32))
		case 0x04:
			return uint64(uint32(m32 ^ r32))
		case 0x0C:
			return uint64(uint32(m32 & r32))
		case 0x08:
			return uint64(uint32(m32 | r32))
		case 0x10:
			return uint64(uint32(min(m32, r32)))
		case 0x14:
			return uint64(uint32(max(m32, r32)))
		case 0x18:
			return uint64(min(uint32(m32), uint32(r32)))
		case 0x1C:
			return uint64(max(uint32(m32), uint32(r32)))
		}
		return valm
	}
	switch funct5 {
	case 0x01:
		return valr
	case 0x00:
		return valm + valr
	case 0x04:
		return valm ^ valr
	case 0x0C:
		return valm & valr
	case 0x08:
		return valm | valr
	case 0x10:
		return uint64(min(int64(valm), int64(valr)))
	case 0x14:
		return uint64(max(int64(valm), int64(valr)))
	case 0x18:
		return min(valm, valr)
	case 0x1C:
		return max(valm, valr)
	}
	return valm
}

func validAMO(funct5 uint32) bool {
	switch funct5 {
	case 0x00, 0x01, 0x04, 0x08, 0x0C, 0x10, 0x14, 0x18, 0x1C:
		return true
	}
	return false
}

// interpret is the run loop. pc and mcycle live in locals and are written
// back to the shadow registers when it returns. The fetch cache (the last
// page fetched from) skips the code TLB for fetches inside that page; it is
// dropped whenever an instruction reports more than plain success, exactly
// where the reference drops it, so both fill the code TLB identically.
func (m *Machine) interpret(mcycleEnd uint64) execStatus {
	s := m.s
	x := &s.X
	pc := s.PC
	mcycle := s.Mcycle
	if pc&1 != 0 {
		pc = m.raiseException(pc, causeInsnMisaligned, pc)
	}
	fetchPage := ^pc
	var fetchHost unsafe.Pointer
	hotRead := &m.hot[tlbRead]
	hotWrite := &m.hot[tlbWrite]

	for mcycle < mcycleEnd {
		if mcycle%RTCFreqDiv == 0 {
			m.setRTCInterrupt(mcycle)
		}
		if npc, taken := m.raiseInterruptIfAny(pc); taken {
			pc = npc
			fetchPage = ^pc
		}
		tickEnd := mcycle + min(mcycleEnd-mcycle, RTCFreqDiv-mcycle%RTCFreqDiv)
	inner:
		for mcycle < tickEnd {
			var insn uint32
			if pc^fetchPage < pageOffMask-1 {
				insn = *(*uint32)(unsafe.Add(fetchHost, pc&pageOffMask))
			} else {
				var ok bool
				insn, pc, fetchPage, fetchHost, ok = m.fetchSlow(pc, fetchPage, fetchHost)
				if !ok {
					mcycle++
					continue
				}
			}
			status := statusSuccess

			if insn&3 == 3 {
				rd := (insn >> 7) & 31
				rs1 := (insn >> 15) & 31
				rs2 := (insn >> 20) & 31
				funct3 := (insn >> 12) & 7
				switch (insn >> 2) & 31 {
				case 0x04: // OP-IMM
					v := x[rs1]
					imm := immI(insn)
					var r uint64
					switch funct3 {
					case 0:
						r = v + imm
					case 2:
						if int64(v) < int64(imm) {
							r = 1
						}
					case 3:
						if v < imm {
							r = 1
						}
					case 4:
						r = v ^ imm
					case 6:
						r = v | imm
					case 7:
						r = v & imm
					case 1:
						if insn>>26 != 0 {
							goto illegal
						}
						r = v << (imm & 63)
					case 5:
						switch insn >> 26 {
						case 0:
							r = v >> (imm & 63)
						case 0x10:
							r = uint64(int64(v) >> (imm & 63))
						default:
							goto illegal
						}
					}
					if rd != 0 {
						x[rd] = r
					}
					pc += 4
				case 0x0C: // OP
					a, b := x[rs1], x[rs2]
					var r uint64
					switch insn>>25<<3 | funct3 {
					case 0x00:
						r = a + b
					case 0x100:
						r = a - b
					case 0x01:
						r = a << (b & 63)
					case 0x02:
						if int64(a) < int64(b) {
							r = 1
						}
					case 0x03:
						if a < b {
							r = 1
						}
					case 0x04:
						r = a ^ b
					case 0x05:
						r = a >> (b & 63)
					case 0x105:
						r = uint64(int64(a) >> (b & 63))
					case 0x06:
						r = a | b
					case 0x07:
						r = a & b
					case 0x08:
						r = a * b
					case 0x09:
						r = mulh(int64(a), int64(b))
					case 0x0A:
						r = mulhsu(int64(a), b)
					case 0x0B:
						r, _ = bits.Mul64(a, b)
					case 0x0C:
						r = div64(int64(a), int64(b))
					case 0x0D:
						r = divu64(a, b)
					case 0x0E:
						r = rem64(int64(a), int64(b))
					case 0x0F:
						r = remu64(a, b)
					default:
						goto illegal
					}
					if rd != 0 {
						x[rd] = r
					}
					pc += 4
				case 0x18: // BRANCH
					a, b := x[rs1], x[rs2]
					var taken bool
					switch funct3 {
					case 0:
						taken = a == b
					case 1:
						taken = a != b
					case 4:
						taken = int64(a) < int64(b)
					case 5:
						taken = int64(a) >= int64(b)
					case 6:
						taken = a < b
					case 7:
						taken = a >= b
					default:
						goto illegal
					}
					if taken {
						pc += immB(insn)
					} else {
						pc += 4
					}
				case 0x00: // LOAD
					if funct3 == 7 {
						goto illegal
					}
					vaddr := x[rs1] + immI(insn)
					size := uint64(1) << (funct3 & 3)
					var v uint64
					if h := &hotRead[(vaddr>>Log2PageSize)&(tlbSetSize-1)]; tlbHit(h.vaddrPage, vaddr, size) {
						v = loadHost(unsafe.Add(h.host, vaddr&pageOffMask), size)
					} else {
						var ok bool
						if v, pc, ok = m.loadSlow(pc, mcycle, vaddr, size, false); !ok {
							status = statusFailure
							break
						}
					}
					switch funct3 {
					case 0:
						v = uint64(int64(int8(v)))
					case 1:
						v = uint64(int64(int16(v)))
					case 2:
						v = sext32(v)
					}
					if rd != 0 {
						x[rd] = v
					}
					pc += 4
				case 0x08: // STORE
					if funct3 > 3 {
						goto illegal
					}
					vaddr := x[rs1] + immS(insn)
					size := uint64(1) << funct3
					v := x[rs2]
					if h := &hotWrite[(vaddr>>Log2PageSize)&(tlbSetSize-1)]; tlbHit(h.vaddrPage, vaddr, size) {
						storeHost(unsafe.Add(h.host, vaddr&pageOffMask), size, v)
					} else {
						st, npc := m.storeSlow(pc, mcycle, vaddr, size, v)
						pc = npc
						if st == statusFailure {
							status = statusFailure
							break
						}
						status = st
					}
					pc += 4
				case 0x0D: // LUI
					if rd != 0 {
						x[rd] = immU(insn)
					}
					pc += 4
				case 0x05: // AUIPC
					if rd != 0 {
						x[rd] = pc + immU(insn)
					}
					pc += 4
				case 0x1B: // JAL
					if rd != 0 {
						x[rd] = pc + 4
					}
					pc += immJ(insn)
				case 0x19: // JALR
					if funct3 != 0 {
						goto illegal
					}
					target := (x[rs1] + immI(insn)) &^ 1
					if rd != 0 {
						x[rd] = pc + 4
					}
					pc = target
				case 0x06: // OP-IMM-32
					v := x[rs1]
					var r uint64
					switch funct3 {
					case 0:
						r = sext32(v + immI(insn))
					case 1:
						if insn>>25 != 0 {
							goto illegal
						}
						r = sext32(uint64(uint32(v) << rs2))
					case 5:
						switch insn >> 25 {
						case 0:
							r = sext32(uint64(uint32(v) >> rs2))
						case 0x20:
							if rd == 0 && rs1 == 31 && m.opts.SoftYield {
								status = statusYield // SRAIW x0, x31, imm: soft yield hint
							}
							r = uint64(int64(int32(v) >> rs2))
						default:
							goto illegal
						}
					default:
						goto illegal
					}
					if rd != 0 {
						x[rd] = r
					}
					pc += 4
				case 0x0E: // OP-32
					a, b := x[rs1], x[rs2]
					var r uint64
					switch insn>>25<<3 | funct3 {
					case 0x00:
						r = sext32(a + b)
					case 0x100:
						r = sext32(a - b)
					case 0x01:
						r = sext32(uint64(uint32(a) << (b & 31)))
					case 0x05:
						r = sext32(uint64(uint32(a) >> (b & 31)))
					case 0x105:
						r = uint64(int64(int32(a) >> (b & 31)))
					case 0x08:
						r = sext32(uint64(uint32(a) * uint32(b)))
					case 0x0C:
						r = div32(int32(a), int32(b))
					case 0x0D:
						r = divu32(uint32(a), uint32(b))
					case 0x0E:
						r = rem32(int32(a), int32(b))
					case 0x0F:
						r = remu32(uint32(a), uint32(b))
					default:
						goto illegal
					}
					if rd != 0 {
						x[rd] = r
					}
					pc += 4
				case 0x03: // MISC-MEM
					switch funct3 {
					case 0, 1: // FENCE, FENCE.I: nothing to do in a single-hart interpreter
						pc += 4
					default:
						goto illegal
					}
				case 0x1C: // SYSTEM
					status, pc = m.execSystem(insn, pc, mcycle)
				case 0x0B: // AMO
					status, pc = m.execAMO(insn, pc, mcycle)
				default:
					status, pc = m.execFP(insn, pc, mcycle)
				}
			} else {
				switch (insn&3)<<3 | (insn>>13)&7 {
				case 0x00: // C.ADDI4SPN
					imm := cImmAddi4spn(insn)
					if imm == 0 {
						goto illegal
					}
					x[cRs2p(insn)] = x[2] + imm
					pc += 2
				case 0x02: // C.LW
					status, pc = m.cLoad(insn, pc, mcycle, cRs2p(insn), x[cRs1p(insn)]+cImmLW(insn), 4, true)
				case 0x03: // C.LD
					status, pc = m.cLoad(insn, pc, mcycle, cRs2p(insn), x[cRs1p(insn)]+cImmLD(insn), 8, false)
				case 0x04: // Zcb loads and stores
					base := x[cRs1p(insn)]
					r := cRs2p(insn)
					switch (insn >> 10) & 7 {
					case 0: // C.LBU
						status, pc = m.cLoad(insn, pc, mcycle, r, base+uint64((insn>>6)&1|(insn>>4)&2), 1, false)
					case 1: // C.LHU, C.LH
						off := uint64((insn >> 4) & 2)
						status, pc = m.cLoad(insn, pc, mcycle, r, base+off, 2, insn&0x40 != 0)
					case 2: // C.SB
						status, pc = m.cStore(pc, mcycle, base+uint64((insn>>6)&1|(insn>>4)&2), 1, x[r])
					case 3: // C.SH
						if insn&0x40 != 0 {
							goto illegal
						}
						status, pc = m.cStore(pc, mcycle, base+uint64((insn>>4)&2), 2, x[r])
					default:
						goto illegal
					}
				case 0x06: // C.SW
					status, pc = m.cStore(pc, mcycle, x[cRs1p(insn)]+cImmLW(insn), 4, x[cRs2p(insn)])
				case 0x07: // C.SD
					status, pc = m.cStore(pc, mcycle, x[cRs1p(insn)]+cImmLD(insn), 8, x[cRs2p(insn)])
				case 0x08: // C.ADDI, C.NOP and hints
					if rd := cRd(insn); rd != 0 {
						x[rd] += cImm6(insn)
					}
					pc += 2
				case 0x09: // C.ADDIW
					rd := cRd(insn)
					if rd == 0 {
						goto illegal
					}
					x[rd] = sext32(x[rd] + cImm6(insn))
					pc += 2
				case 0x0A: // C.LI
					if rd := cRd(insn); rd != 0 {
						x[rd] = cImm6(insn)
					}
					pc += 2
				case 0x0B: // C.ADDI16SP, C.LUI
					rd := cRd(insn)
					if rd == 2 {
						imm := cImmAddi16sp(insn)
						if imm == 0 {
							goto illegal
						}
						x[2] += imm
					} else {
						imm := cImmLUI(insn)
						if imm == 0 {
							goto illegal
						}
						if rd != 0 {
							x[rd] = imm
						}
					}
					pc += 2
				case 0x0C: // C.SRLI, C.SRAI, C.ANDI, register arithmetic, Zcb
					r := cRs1p(insn)
					switch (insn >> 10) & 3 {
					case 0:
						x[r] >>= cShamt(insn)
					case 1:
						x[r] = uint64(int64(x[r]) >> cShamt(insn))
					case 2:
						x[r] &= cImm6(insn)
					case 3:
						b := x[cRs2p(insn)]
						switch (insn>>10)&4 | (insn>>5)&3 {
						case 0:
							x[r] -= b
						case 1:
							x[r] ^= b
						case 2:
							x[r] |= b
						case 3:
							x[r] &= b
						case 4:
							x[r] = sext32(x[r] - b)
						case 5:
							x[r] = sext32(x[r] + b)
						case 6: // C.MUL
							x[r] *= b
						case 7:
							v := x[r]
							switch (insn >> 2) & 7 {
							case 0:
								v = uint64(uint8(v))
							case 1:
								v = uint64(int64(int8(v)))
							case 2:
								v = uint64(uint16(v))
							case 3:
								v = uint64(int64(int16(v)))
							case 4:
								v = uint64(uint32(v))
							case 5:
								v = ^v
							default:
								goto illegal
							}
							x[r] = v
						}
					}
					pc += 2
				case 0x0D: // C.J
					pc += cImmJ(insn)
				case 0x0E: // C.BEQZ
					if x[cRs1p(insn)] == 0 {
						pc += cImmB(insn)
					} else {
						pc += 2
					}
				case 0x0F: // C.BNEZ
					if x[cRs1p(insn)] != 0 {
						pc += cImmB(insn)
					} else {
						pc += 2
					}
				case 0x10: // C.SLLI
					if rd := cRd(insn); rd != 0 {
						x[rd] <<= cShamt(insn)
					}
					pc += 2
				case 0x12: // C.LWSP
					rd := cRd(insn)
					if rd == 0 {
						goto illegal
					}
					status, pc = m.cLoad(insn, pc, mcycle, rd, x[2]+cImmLWSP(insn), 4, true)
				case 0x13: // C.LDSP
					rd := cRd(insn)
					if rd == 0 {
						goto illegal
					}
					status, pc = m.cLoad(insn, pc, mcycle, rd, x[2]+cImmLDSP(insn), 8, false)
				case 0x14: // C.JR, C.MV, C.EBREAK, C.JALR, C.ADD
					rd, rs2 := cRd(insn), cRs2(insn)
					if insn&0x1000 == 0 {
						switch {
						case rs2 == 0 && rd == 0:
							goto illegal
						case rs2 == 0:
							pc = x[rd] &^ 1
						default:
							if rd != 0 {
								x[rd] = x[rs2]
							}
							pc += 2
						}
					} else {
						switch {
						case rs2 == 0 && rd == 0:
							pc = m.raiseException(pc, causeBreakpoint, pc)
							status = statusFailure
						case rs2 == 0:
							target := x[rd] &^ 1
							x[1] = pc + 2
							pc = target
						default:
							if rd != 0 {
								x[rd] += x[rs2]
							}
							pc += 2
						}
					}
				case 0x16: // C.SWSP
					status, pc = m.cStore(pc, mcycle, x[2]+cImmSWSP(insn), 4, x[cRs2(insn)])
				case 0x17: // C.SDSP
					status, pc = m.cStore(pc, mcycle, x[2]+cImmSDSP(insn), 8, x[cRs2(insn)])
				default: // C.FLD, C.FSD, C.FLDSP, C.FSDSP
					status, pc = m.execCompressedFP(insn, pc, mcycle)
				}
			}
			if status != statusSuccess {
				fetchPage = ^pc
				if status >= statusServeInterrupts {
					mcycle++
					if status == statusServeInterrupts {
						break inner
					}
					s.PC, s.Mcycle = pc, mcycle
					return status
				}
			}
			mcycle++
			continue
		illegal:
			pc = m.raiseException(pc, causeIllegalInsn, uint64(insn))
			fetchPage = ^pc
			mcycle++
		}
	}
	s.PC, s.Mcycle = pc, mcycle
	return statusSuccess
}

// cLoad is a compressed load into x[rd] (rd is never 0 here); signed selects
// sign extension.
func (m *Machine) cLoad(insn uint32, pc, mcycle uint64, rd uint32, vaddr, size uint64, signed bool) (execStatus, uint64) {
	var v uint64
	if h := &m.hot[tlbRead][(vaddr>>Log2PageSize)&(tlbSetSize-1)]; tlbHit(h.vaddrPage, vaddr, size) {
		v = loadHost(unsafe.Add(h.host, vaddr&pageOffMask), size)
	} else {
		var ok bool
		if v, pc, ok = m.loadSlow(pc, mcycle, vaddr, size, false); !ok {
			return statusFailure, pc
		}
	}
	if signed {
		shift := 64 - 8*size
		v = uint64(int64(v<<shift) >> shift)
	}
	m.s.X[rd] = v
	return statusSuccess, pc + 2
}

// cStore is a compressed store.
func (m *Machine) cStore(pc, mcycle, vaddr, size, v uint64) (execStatus, uint64) {
	if h := &m.hot[tlbWrite][(vaddr>>Log2PageSize)&(tlbSetSize-1)]; tlbHit(h.vaddrPage, vaddr, size) {
		storeHost(unsafe.Add(h.host, vaddr&pageOffMask), size, v)
		return statusSuccess, pc + 2
	}
	st, npc := m.storeSlow(pc, mcycle, vaddr, size, v)
	if st == statusFailure {
		return st, npc
	}
	return st, npc + 2
}

// execAMO runs LR, SC and the AMOs.
func (m *Machine) execAMO(insn uint32, pc, mcycle uint64) (execStatus, uint64) {
	s := m.s
	funct3 := (insn >> 12) & 7
	if funct3 != 2 && funct3 != 3 {
		return statusFailure, m.raiseException(pc, causeIllegalInsn, uint64(insn))
	}
	w := funct3 == 2
	size := uint64(8)
	if w {
		size = 4
	}
	rd := (insn >> 7) & 31
	funct5 := insn >> 27
	switch funct5 {
	case 0x02: // LR
		if (insn>>20)&31 != 0 {
			return statusFailure, m.raiseException(pc, causeIllegalInsn, uint64(insn))
		}
		vaddr := s.X[(insn>>15)&31]
		v, npc, ok := m.readVirtual(pc, mcycle, vaddr, size, false)
		if !ok {
			return statusFailure, npc
		}
		s.Ilrsc = vaddr
		if rd != 0 {
			if w {
				v = sext32(v)
			}
			s.X[rd] = v
		}
		return statusSuccess, pc + 4
	case 0x03: // SC
		vaddr := s.X[(insn>>15)&31]
		result := uint64(1)
		status := statusSuccess
		if s.Ilrsc == vaddr {
			st, npc := m.writeVirtual(pc, mcycle, vaddr, size, s.X[(insn>>20)&31])
			if st == statusFailure {
				return st, npc
			}
			status = st
			result = 0
		}
		s.Ilrsc = ^uint64(0)
		if rd != 0 {
			s.X[rd] = result
		}
		return status, pc + 4
	}
	if !validAMO(funct5) {
		return statusFailure, m.raiseException(pc, causeIllegalInsn, uint64(insn))
	}
	vaddr := s.X[(insn>>15)&31]
	valm, npc, ok := m.readVirtual(pc, mcycle, vaddr, size, true)
	if !ok {
		return statusFailure, npc
	}
	if w {
		valm = sext32(valm)
	}
	nv := amoOp(funct5, valm, s.X[(insn>>20)&31], w)
	st, npc := m.writeVirtual(pc, mcycle, vaddr, size, nv)
	if st == statusFailure {
		return st, npc
	}
	if rd != 0 {
		s.X[rd] = valm
	}
	return st, pc + 4
}

// readVirtual and writeVirtual are the TLB lookup plus slow path, for the
// less frequent accesses that do not inline them.
func (m *Machine) readVirtual(pc, mcycle, vaddr, size uint64, storeFaults bool) (uint64, uint64, bool) {
	if h := &m.hot[tlbRead][(vaddr>>Log2PageSize)&(tlbSetSize-1)]; tlbHit(h.vaddrPage, vaddr, size) {
		return loadHost(unsafe.Add(h.host, vaddr&pageOffMask), size), pc, true
	}
	return m.loadSlow(pc, mcycle, vaddr, size, storeFaults)
}

func (m *Machine) writeVirtual(pc, mcycle, vaddr, size, v uint64) (execStatus, uint64) {
	if h := &m.hot[tlbWrite][(vaddr>>Log2PageSize)&(tlbSetSize-1)]; tlbHit(h.vaddrPage, vaddr, size) {
		storeHost(unsafe.Add(h.host, vaddr&pageOffMask), size, v)
		return statusSuccess, pc
	}
	return m.storeSlow(pc, mcycle, vaddr, size, v)
}

// execSystem runs ECALL, EBREAK, xRET, WFI, SFENCE.VMA and the CSR
// instructions.
func (m *Machine) execSystem(insn uint32, pc, mcycle uint64) (execStatus, uint64) {
	s := m.s
	funct3 := (insn >> 12) & 7
	rd := (insn >> 7) & 31
	rs1 := (insn >> 15) & 31
	csr := insn >> 20
	illegal := func() (execStatus, uint64) {
		return statusFailure, m.raiseException(pc, causeIllegalInsn, uint64(insn))
	}
	switch funct3 {
	case 0:
		if rd != 0 {
			return illegal()
		}
		switch insn {
		case 0x00000073: // ECALL
			return statusFailure, m.raiseException(pc, causeEcallBase+s.Iprv, 0)
		case 0x00100073: // EBREAK
			return statusFailure, m.raiseException(pc, causeBreakpoint, pc)
		case 0x10200073: // SRET
			prv := s.Iprv
			ms := m.readMstatus()
			if prv < PrvS || prv == PrvS && ms&mstatusTSR != 0 {
				return illegal()
			}
			spp := (ms & mstatusSPP) >> mstatusSPPShift
			ms = ms&^mstatusSIE | ((ms>>5)&1)<<1
			ms |= mstatusSPIE
			ms &^= mstatusSPP
			if spp < PrvM {
				ms &^= mstatusMPRV
			}
			m.writeMstatus(ms)
			if prv != spp {
				m.setPrv(spp)
			}
			return statusServeInterrupts, warlEpc(s.Sepc)
		case 0x30200073: // MRET
			prv := s.Iprv
			if prv < PrvM {
				return illegal()
			}
			ms := m.readMstatus()
			mpp := (ms & mstatusMPP) >> mstatusMPPShift
			ms = ms&^mstatusMIE | ((ms>>7)&1)<<3
			ms |= mstatusMPIE
			ms &^= mstatusMPP
			if mpp < PrvM {
				ms &^= mstatusMPRV
			}
			m.writeMstatus(ms)
			if prv != mpp {
				m.setPrv(mpp)
			}
			return statusServeInterrupts, warlEpc(s.Mepc)
		case 0x10500073: // WFI: a no-op where legal (no host time reaches the state)
			prv := s.Iprv
			ms := m.readMstatus()
			if prv == PrvU || prv < PrvM && ms&mstatusTW != 0 {
				return illegal()
			}
			return statusSuccess, pc + 4
		}
		if insn&0xFE007FFF != 0x12000073 { // SFENCE.VMA
			return illegal()
		}
		prv := s.Iprv
		ms := m.readMstatus()
		if prv == PrvU || prv == PrvS && ms&mstatusTVM != 0 {
			return illegal()
		}
		if rs1 != 0 {
			_ = s.X[rs1] // the address is read, but megapages force a full flush
		}
		m.flushAllTLB()
		return statusFlushFetch, pc + 4
	case 1, 5: // CSRRW, CSRRWI
		var old uint64
		if rd != 0 {
			v, ok := m.readCSR(csr, mcycle)
			if !ok {
				return illegal()
			}
			old = v
		}
		val := uint64(rs1)
		if funct3 == 1 {
			val = s.X[rs1]
		}
		st := m.writeCSR(csr, mcycle, val)
		if st == statusFailure {
			return illegal()
		}
		if rd != 0 {
			s.X[rd] = old
		}
		return st, pc + 4
	case 2, 3, 6, 7: // CSRRS, CSRRC, CSRRSI, CSRRCI
		old, ok := m.readCSR(csr, mcycle)
		if !ok {
			return illegal()
		}
		var operand uint64
		if funct3 < 4 {
			operand = s.X[rs1]
		} else {
			operand = uint64(rs1)
		}
		st := statusSuccess
		if rs1 != 0 {
			nv := old | operand
			if funct3&1 != 0 {
				nv = old &^ operand
			}
			st = m.writeCSR(csr, mcycle, nv)
			if st == statusFailure {
				return illegal()
			}
		}
		if rd != 0 {
			s.X[rd] = old
		}
		return st, pc + 4
	}
	return illegal()
}

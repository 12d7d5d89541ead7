package emu

import (
	"github.com/rivetvm/rivet/emu/isa"

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

// interpret is the run loop. Between interrupt checks it alternates bursts
// of runFast (the simple instructions, without calls) with single steps of
// the general path below. The fetch cache (the last page fetched from) skips
// the code TLB for fetches inside that page; it is dropped whenever an
// instruction reports more than plain success, exactly where the reference
// drops it, so both fill the code TLB identically. (It is also dropped when a
// store hits a page with decoded code; a code TLB lookup then hits the same
// slot, which changes nothing.)
func (m *Machine) interpret(mcycleEnd uint64) execStatus {
	s := m.s
	x := &s.X
	var st EngineState
	st.PC, st.Mcycle = s.PC, s.Mcycle
	if st.PC&1 != 0 {
		st.PC = m.raiseException(st.PC, causeInsnMisaligned, st.PC)
	}
	st.FetchPage = ^st.PC
	softYield := m.opts.SoftYield

	for st.Mcycle < mcycleEnd {
		if st.Mcycle%RTCFreqDiv == 0 {
			m.setRTCInterrupt(st.Mcycle)
		}
		if npc, taken := m.raiseInterruptIfAny(st.PC); taken {
			st.PC = npc
			st.FetchPage = ^st.PC
		}
		st.End = st.Mcycle + min(mcycleEnd-st.Mcycle, RTCFreqDiv-st.Mcycle%RTCFreqDiv)
		tickEnd := st.End
		eng := m.engine
		// declinedTo: the engine declined up to here, so the interpreter
		// runs to it, the instructions runFast leaves included, before the
		// engine is asked again (asking after each of them would cost an
		// exit apiece: a block that does not fit before the tick would be
		// declined again after every FP instruction of its tail).
		declinedTo := st.Mcycle
		for st.Mcycle < tickEnd {
			var exit EngineExit
			if eng != nil && st.Mcycle >= declinedTo {
				exit = eng.Run(&st)
				if exit == ExitDeclined {
					declinedTo = min(st.Limit, tickEnd)
				}
			}
			if eng == nil || st.Mcycle < declinedTo {
				st.End = declinedTo
				if eng == nil {
					st.End = tickEnd
				}
				exit = runFast(x, &m.hot, &st, softYield)
				st.End = tickEnd
				if exit == ExitEnd {
					continue
				}
			}
			if exit == ExitEnd || st.Mcycle >= tickEnd {
				break // (an engine may stop exactly at the end with a block exit)
			}
			status := m.step(&st, exit)
			if status != statusSuccess {
				st.FetchPage = ^st.PC
				m.codeDropped = false
				if status >= statusServeInterrupts {
					if status == statusServeInterrupts {
						break
					}
					s.PC, s.Mcycle = st.PC, st.Mcycle
					return status
				}
			}
		}
	}
	s.PC, s.Mcycle = st.PC, st.Mcycle
	return statusSuccess
}

// step executes the one instruction at st.PC that runFast left (fetching
// and decoding it as needed), counting its cycle.
func (m *Machine) step(st *EngineState, why EngineExit) execStatus {
	s := m.s
	x := &s.X
	pc := st.PC
	var d *isa.Insn
	var insn uint32 // the raw word, read only for the operations that need it
	haveRaw := false
	inPage := true // d is the fetch page's own decoded entry
	if off := pc ^ st.FetchPage; off < pageOffMask-1 {
		d = &st.Code.Ins[off>>1]
		if d.Op == isa.None {
			*d = isa.Decode(*(*uint32)(unsafe.Add(st.Code.Host, off)))
		}
	} else {
		var ok bool
		var host unsafe.Pointer
		if st.Code != nil {
			host = st.Code.Host
		}
		var page uint64
		var code *CodePage
		insn, pc, page, _, code, ok = m.fetchSlow(pc, st.FetchPage, host, st.Code)
		st.setFetch(page, code)
		if !ok {
			st.PC = pc
			st.Mcycle++
			return statusSuccess // the fetch raised an exception; the cache is already dropped
		}
		if off := pc & pageOffMask; code != nil && page == pc&^pageOffMask && off <= pageOffMask-3 {
			// Within one page (after a trap, a return or a page change):
			// the page's decoded entry, decoded once.
			d = code.DecodeAt(off)
		} else {
			m.scratch = isa.Decode(insn) // across a page end: not cached
			d = &m.scratch
			inPage = false
		}
		haveRaw = true
	}
	if why == ExitFetch && inPage && isSimple(d.Op) {
		// Just decoded, or the fetch cache moved to this page (the fetch,
		// with its code-TLB fill, is done): runFast or the engine takes it
		// from there. Executing it here instead would hide every block
		// reached by a jump from another page from the engine, which would
		// then never see it start.
		return statusSuccess
	}
	rd, rs1 := d.Rd&31, d.Rs1&31
	mcycle := st.Mcycle
	status := statusSuccess
	switch d.Op {
	case isa.LD, isa.LW, isa.LWU, isa.LH, isa.LHU, isa.LB, isa.LBU, isa.SD, isa.SW, isa.SH, isa.SB:
		status, pc = m.memorySlow(d, pc, mcycle)
	case isa.EBREAK:
		pc = m.raiseException(pc, causeBreakpoint, pc)
		status = statusFailure
	case isa.SYSTEM, isa.AMO, isa.FP, isa.Illegal:
		if !haveRaw {
			insn = *(*uint32)(unsafe.Add(st.Code.Host, pc&pageOffMask))
		}
		switch d.Op {
		case isa.SYSTEM:
			m.stepEnd = st.End
			status, pc = m.execSystem(insn, pc, mcycle)
			mcycle += m.idle // WFI that waited (unreproducible machines)
			m.idle = 0
		case isa.AMO:
			status, pc = m.execAMO(insn, pc, mcycle)
		case isa.FP:
			if d.Size == 2 {
				status, pc = m.execCompressedFP(insn, pc, mcycle)
			} else {
				status, pc = m.execFP(insn, pc, mcycle)
			}
		default:
			pc = m.raiseException(pc, causeIllegalInsn, uint64(insn))
			status = statusFailure
		}
		if m.codeDropped && status == statusSuccess {
			status = statusFlushFetch
		}
	default:
		// A simple instruction fetched across a page end, or one whose
		// soft-yield hint fired: runFast executes it (alone).
		st.PC = pc
		exit := runFastOne(x, &m.hot, st, d)
		if exit == ExitMemory {
			status, st.PC = m.memorySlow(d, pc, mcycle)
			st.Mcycle = mcycle + 1
			return status
		}
		if d.Op == isa.SRAIW && rd == 0 && rs1 == 31 && m.opts.SoftYield {
			return statusYield
		}
		return statusSuccess
	}
	st.PC = pc
	st.Mcycle = mcycle + 1
	return status
}

// memorySlow finishes a load or store that missed the TLB (or needs a device
// or a trap).
func (m *Machine) memorySlow(d *isa.Insn, pc, mcycle uint64) (execStatus, uint64) {
	x := &m.s.X
	vaddr := x[d.Rs1&31] + d.Imm
	if size := loadSize[d.Op]; size != 0 {
		v, npc, ok := m.readVirtual(pc, mcycle, vaddr, size, false)
		if !ok {
			return statusFailure, npc
		}
		if rd := d.Rd & 31; rd != 0 {
			x[rd] = extendLoad(d.Op, v)
		}
		if m.codeDropped { // the page walk wrote a PTE inside a code page
			return statusFlushFetch, pc + uint64(d.Size)
		}
		return statusSuccess, pc + uint64(d.Size)
	}
	st, npc := m.writeVirtual(pc, mcycle, vaddr, storeSize[d.Op], x[d.Rs2&31])
	if st == statusFailure {
		return st, npc
	}
	return st, pc + uint64(d.Size)
}

// isSimple reports whether runFast executes an operation.
func isSimple(op isa.Op) bool {
	return op != isa.None && op < isa.EBREAK
}

// Access sizes of the load and store operations.
var loadSize = [isa.OpCount]uint64{isa.LB: 1, isa.LBU: 1, isa.LH: 2, isa.LHU: 2, isa.LW: 4, isa.LWU: 4, isa.LD: 8}
var storeSize = [isa.OpCount]uint64{isa.SB: 1, isa.SH: 2, isa.SW: 4, isa.SD: 8}

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
			if s.Iunrep != 0 {
				m.idleInWFI(mcycle)
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
			switch funct3 {
			case 3:
				nv = old &^ operand
			case 7:
				// The reference complements the 5-bit immediate in 32 bits,
				// so CSRRCI also clears bits 63..32; compatibility keeps it.
				nv = old & uint64(^uint32(operand))
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

package emu

// Traps, interrupts and privilege changes. These are the reference's
// semantics, with state reads and writes in the reference's order so that a
// logging engine generated from this source records the same accesses.

// execStatus is what executing one instruction asks of the run loop. The
// order matters: anything above statusSuccess invalidates the fetch cache;
// statusServeInterrupts and above end the inner loop.
type execStatus uint8

const (
	statusSuccess execStatus = iota
	statusFailure            // an exception was raised; pc is the handler
	statusFlushFetch
	statusServeInterrupts
	statusYield
	statusHalt
	statusConsoleOutput
	statusConsoleInput
)

func (m *Machine) readMstatus() uint64    { return warlMstatus(m.s.Mstatus) }
func (m *Machine) writeMstatus(v uint64)  { m.s.Mstatus = warlMstatus(v) }
func (m *Machine) readMie() uint64        { return warlMie(m.s.Mie) }
func (m *Machine) readMip() uint64        { return warlMip(m.s.Mip) }
func (m *Machine) writeMip(v uint64)      { m.s.Mip = warlMip(v) }
func (m *Machine) readMideleg() uint64    { return warlMideleg(m.s.Mideleg) }
func (m *Machine) readMedeleg() uint64    { return warlMedeleg(m.s.Medeleg) }
func (m *Machine) readSatp() uint64       { return warlSatp(m.s.Satp) }
func (m *Machine) readFcsr() uint64       { return warlFcsr(m.s.Fcsr) }
func (m *Machine) readMcounteren() uint64 { return warlCounteren(m.s.Mcounteren) }
func (m *Machine) readScounteren() uint64 { return warlCounteren(m.s.Scounteren) }
func (m *Machine) writeIlrscInvalid()     { m.s.Ilrsc = ^uint64(0) }
func (m *Machine) setMip(mask uint64)     { m.writeMip(m.readMip() | mask) }
func (m *Machine) resetMip(mask uint64)   { m.writeMip(m.readMip() &^ mask) }

// setPrv changes the privilege level: every TLB set is flushed and the LR/SC
// reservation is dropped.
func (m *Machine) setPrv(prv uint64) {
	m.s.Iprv = prv
	m.flushAllTLB()
	m.writeIlrscInvalid()
}

// raiseException takes a trap (exception or interrupt) at pc and returns the
// handler's address.
func (m *Machine) raiseException(pc, cause, tval uint64) uint64 {
	s := m.s
	if cause == causeIllegalInsn && tval&3 != 3 {
		tval = uint64(uint16(tval)) // a compressed instruction's upper half is the next one's
	}
	deleg := false
	prv := s.Iprv
	if prv <= PrvS {
		if cause&causeInterruptFlag != 0 {
			deleg = (m.readMideleg()>>(cause&63))&1 != 0
		} else {
			deleg = (m.readMedeleg()>>(cause&63))&1 != 0
		}
	}
	s.Icycleinstret++
	if deleg {
		s.Scause = cause
		s.Sepc = warlEpc(pc)
		s.Stval = tval
		ms := m.readMstatus()
		ms = ms&^mstatusSPIE | ((ms>>1)&1)<<5
		ms = ms&^mstatusSPP | prv<<mstatusSPPShift
		ms &^= mstatusSIE
		m.writeMstatus(ms)
		if prv != PrvS {
			m.setPrv(PrvS)
		}
		return warlTvec(s.Stvec)
	}
	s.Mcause = cause
	s.Mepc = warlEpc(pc)
	s.Mtval = tval
	ms := m.readMstatus()
	ms = ms&^mstatusMPIE | ((ms>>3)&1)<<7
	ms = ms&^mstatusMPP | prv<<mstatusMPPShift
	ms &^= mstatusMIE
	m.writeMstatus(ms)
	if prv != PrvM {
		m.setPrv(PrvM)
	}
	return warlTvec(s.Mtvec)
}

// pendingInterrupts returns the pending and enabled interrupt bits.
func (m *Machine) pendingInterrupts() uint32 {
	mip := m.readMip()
	mie := m.readMie()
	pending := uint32(mip & mie)
	if pending == 0 {
		return 0
	}
	var enabled uint32
	switch m.s.Iprv {
	case PrvM:
		if m.readMstatus()&mstatusMIE != 0 {
			enabled = ^uint32(m.readMideleg())
		}
	case PrvS:
		if m.readMstatus()&mstatusSIE != 0 {
			enabled = ^uint32(0)
		} else {
			enabled = ^uint32(m.readMideleg())
		}
	default:
		enabled = ^uint32(0)
	}
	return pending & enabled
}

// interruptPriority is the order in which simultaneous interrupts are taken.
var interruptPriority = [...]uint32{mipMEIP, mipMSIP, mipMTIP, mipSEIP, mipSSIP, mipSTIP}

// raiseInterruptIfAny takes the highest-priority pending interrupt, if any.
// It reports whether one was taken (the fetch cache must then be dropped).
func (m *Machine) raiseInterruptIfAny(pc uint64) (uint64, bool) {
	mask := m.pendingInterrupts()
	if mask == 0 {
		return pc, false
	}
	for _, bit := range interruptPriority {
		if mask&bit != 0 {
			num := uint64(0)
			for b := bit; b > 1; b >>= 1 {
				num++
			}
			return m.raiseException(pc, num|causeInterruptFlag, 0), true
		}
	}
	// Bits outside the six standard ones cannot be pending (mip and mie are
	// legalised), so this is unreachable; take the lowest set bit anyway.
	return pc, false
}

// setRTCInterrupt sets MTIP at a tick when mtimecmp has been reached.
func (m *Machine) setRTCInterrupt(mcycle uint64) {
	timecmpCycle := m.s.ClintMtimecmp * RTCFreqDiv
	if timecmpCycle <= mcycle && timecmpCycle != 0 {
		m.setMip(mipMTIP)
	}
}

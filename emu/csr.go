package emu

// CSR numbers.
const (
	csrFflags        = 0x001
	csrFrm           = 0x002
	csrFcsr          = 0x003
	csrCycle         = 0xC00
	csrTime          = 0xC01
	csrInstret       = 0xC02
	csrSstatus       = 0x100
	csrSie           = 0x104
	csrStvec         = 0x105
	csrScounteren    = 0x106
	csrSenvcfg       = 0x10A
	csrSscratch      = 0x140
	csrSepc          = 0x141
	csrScause        = 0x142
	csrStval         = 0x143
	csrSip           = 0x144
	csrSatp          = 0x180
	csrMvendorid     = 0xF11
	csrMarchid       = 0xF12
	csrMimpid        = 0xF13
	csrMhartid       = 0xF14
	csrMconfigptr    = 0xF15
	csrMstatus       = 0x300
	csrMisa          = 0x301
	csrMedeleg       = 0x302
	csrMideleg       = 0x303
	csrMie           = 0x304
	csrMtvec         = 0x305
	csrMcounteren    = 0x306
	csrMenvcfg       = 0x30A
	csrMcountinhibit = 0x320
	csrMhpmevent3    = 0x323
	csrMhpmevent31   = 0x33F
	csrMscratch      = 0x340
	csrMepc          = 0x341
	csrMcause        = 0x342
	csrMtval         = 0x343
	csrMip           = 0x344
	csrTselect       = 0x7A0
	csrTdata1        = 0x7A1
	csrTdata2        = 0x7A2
	csrTdata3        = 0x7A3
	csrMcycle        = 0xB00
	csrMinstret      = 0xB02
	csrMhpmcounter3  = 0xB03
	csrMhpmcounter31 = 0xB1F
)

// counterEnabled reports whether the current privilege may read a counter.
func (m *Machine) counterEnabled(mask uint64) bool {
	en := uint64(mcounterenRMask)
	prv := m.s.Iprv
	if prv <= PrvS {
		en &= m.readMcounteren()
		if prv < PrvS {
			en &= m.readScounteren()
		}
	}
	return en&mask == mask
}

func (m *Machine) fsOff() bool { return m.readMstatus()&mstatusFS == 0 }

// readCSR returns a CSR's value, or false when the access is illegal.
func (m *Machine) readCSR(csr uint32, mcycle uint64) (uint64, bool) {
	s := m.s
	if uint64((csr>>8)&3) > s.Iprv {
		return 0, false
	}
	switch csr {
	case csrFflags:
		if m.fsOff() {
			return 0, false
		}
		return m.readFcsr() & fcsrFflagsMask, true
	case csrFrm:
		if m.fsOff() {
			return 0, false
		}
		return (m.readFcsr() & fcsrFrmMask) >> fcsrFrmShift, true
	case csrFcsr:
		if m.fsOff() {
			return 0, false
		}
		return m.readFcsr(), true
	case csrCycle:
		if !m.counterEnabled(mcounterenCY) {
			return 0, false
		}
		return mcycle, true
	case csrInstret:
		if !m.counterEnabled(mcounterenIR) {
			return 0, false
		}
		return mcycle - s.Icycleinstret, true
	case csrTime:
		if !m.counterEnabled(mcounterenTM) {
			return 0, false
		}
		return mcycle / RTCFreqDiv, true
	case csrSstatus:
		return m.readMstatus() & sstatusRMask, true
	case csrSenvcfg:
		return warlSenvcfg(s.Senvcfg), true
	case csrSie:
		mie := m.readMie()
		return mie & m.readMideleg(), true
	case csrStvec:
		return warlTvec(s.Stvec), true
	case csrScounteren:
		return m.readScounteren(), true
	case csrSscratch:
		return s.Sscratch, true
	case csrSepc:
		return warlEpc(s.Sepc), true
	case csrScause:
		return s.Scause, true
	case csrStval:
		return s.Stval, true
	case csrSip:
		mip := m.readMip()
		return mip & m.readMideleg(), true
	case csrSatp:
		ms := m.readMstatus()
		if s.Iprv == PrvS && ms&mstatusTVM != 0 {
			return 0, false
		}
		return m.readSatp(), true
	case csrMstatus:
		return m.readMstatus(), true
	case csrMenvcfg:
		return warlMenvcfg(s.Menvcfg), true
	case csrMisa:
		return s.Misa, true
	case csrMedeleg:
		return m.readMedeleg(), true
	case csrMideleg:
		return m.readMideleg(), true
	case csrMie:
		return m.readMie(), true
	case csrMtvec:
		return warlTvec(s.Mtvec), true
	case csrMcounteren:
		return m.readMcounteren(), true
	case csrMscratch:
		return s.Mscratch, true
	case csrMepc:
		return warlEpc(s.Mepc), true
	case csrMcause:
		return s.Mcause, true
	case csrMtval:
		return s.Mtval, true
	case csrMip:
		return m.readMip(), true
	case csrMcycle:
		return mcycle, true
	case csrMinstret:
		return mcycle - s.Icycleinstret, true
	case csrMvendorid:
		return s.Mvendorid, true
	case csrMarchid:
		return s.Marchid, true
	case csrMimpid:
		return s.Mimpid, true
	case csrMhartid, csrMconfigptr, csrMcountinhibit, csrTselect, csrTdata1, csrTdata2, csrTdata3:
		return 0, true
	}
	if csr >= csrMhpmcounter3 && csr <= csrMhpmcounter31 || csr >= csrMhpmevent3 && csr <= csrMhpmevent31 {
		return 0, true
	}
	return 0, false
}

// writeCSR writes a CSR; statusFailure means the write is illegal.
func (m *Machine) writeCSR(csr uint32, mcycle, val uint64) execStatus {
	s := m.s
	if csr&0xC00 == 0xC00 {
		return statusFailure // read-only
	}
	if uint64((csr>>8)&3) > s.Iprv {
		return statusFailure
	}
	switch csr {
	case csrFflags:
		if m.fsOff() {
			return statusFailure
		}
		s.Fcsr = warlFcsr(m.readFcsr()&^fcsrFflagsMask | val&fcsrFflagsMask)
	case csrFrm:
		if m.fsOff() {
			return statusFailure
		}
		s.Fcsr = warlFcsr(m.readFcsr()&^fcsrFrmMask | (val<<fcsrFrmShift)&fcsrFrmMask)
	case csrFcsr:
		if m.fsOff() {
			return statusFailure
		}
		s.Fcsr = warlFcsr(val)
	case csrSstatus:
		ms := m.readMstatus()
		return m.writeMstatusCSR(ms&^sstatusWMask | val&sstatusWMask)
	case csrSenvcfg:
		s.Senvcfg = warlSenvcfg(val)
	case csrSie:
		mie := m.readMie()
		mask := m.readMideleg()
		s.Mie = warlMie(mie&^mask | val&mask)
		return statusServeInterrupts
	case csrStvec:
		s.Stvec = warlTvec(val)
	case csrScounteren:
		s.Scounteren = warlCounteren(val)
	case csrSscratch:
		s.Sscratch = val
	case csrSepc:
		s.Sepc = warlEpc(val)
	case csrScause:
		s.Scause = val
	case csrStval:
		s.Stval = val
	case csrSip:
		mask := m.readMideleg()
		mip := m.readMip()
		m.writeMip(mip&^mask | val&mask)
		return statusServeInterrupts
	case csrSatp:
		return m.writeSatp(val)
	case csrMstatus:
		return m.writeMstatusCSR(val)
	case csrMenvcfg:
		s.Menvcfg = warlMenvcfg(val)
	case csrMedeleg:
		s.Medeleg = warlMedeleg(val)
	case csrMideleg:
		s.Mideleg = warlMideleg(val)
		return statusServeInterrupts
	case csrMie:
		s.Mie = warlMie(val)
		return statusServeInterrupts
	case csrMtvec:
		s.Mtvec = warlTvec(val)
	case csrMcounteren:
		s.Mcounteren = warlCounteren(val)
	case csrMscratch:
		s.Mscratch = val
	case csrMepc:
		s.Mepc = warlEpc(val)
	case csrMcause:
		s.Mcause = val
	case csrMtval:
		s.Mtval = val
	case csrMip:
		mip := m.readMip()
		m.writeMip(mip&^mipSRW | val&mipSRW)
		return statusServeInterrupts
	case csrMcycle:
		return statusFailure // mcycle measures progress; the reference refuses writes
	case csrMinstret:
		// mcycle is incremented after this instruction, hence the +1.
		s.Icycleinstret = (mcycle + 1) - val
	case csrMisa, csrMcountinhibit, csrTselect, csrTdata1, csrTdata2, csrTdata3:
		// writes ignored
	default:
		if csr >= csrMhpmcounter3 && csr <= csrMhpmcounter31 || csr >= csrMhpmevent3 && csr <= csrMhpmevent31 {
			return statusSuccess // hardwired to zero: writes ignored
		}
		return statusFailure
	}
	return statusSuccess
}

func (m *Machine) writeSatp(val uint64) execStatus {
	s := m.s
	ms := m.readMstatus()
	if s.Iprv == PrvS && ms&mstatusTVM != 0 {
		return statusFailure
	}
	old := m.readSatp()
	if !satpModeSupported(val >> satpModeShift) {
		return statusSuccess // an unsupported mode leaves satp unchanged
	}
	nv := val & satpRWMask
	s.Satp = warlSatp(nv)
	if (old^nv)&satpModeMask != 0 { // ASIDLEN is 0: only MODE changes flush
		m.flushAllTLB()
		return statusFlushFetch
	}
	return statusSuccess
}

func (m *Machine) writeMstatusCSR(val uint64) execStatus {
	old := m.readMstatus() & mstatusRMask
	if (val&mstatusMPP)>>mstatusMPPShift == PrvHS {
		val &^= mstatusMPP
	}
	ms := old&^mstatusWMask | val&mstatusWMask
	if ms&mstatusFS != 0 {
		ms |= mstatusFSDirty | mstatusSD
	} else {
		ms &^= mstatusSD
	}
	m.writeMstatus(ms)
	mod := old ^ ms
	flushRead := mod&(mstatusMXR|mstatusSUM) != 0
	flushWrite := mod&mstatusSUM != 0
	if mod&mstatusMPRV != 0 || ms&mstatusMPRV != 0 && mod&mstatusMPP != 0 {
		flushRead, flushWrite = true, true
	}
	if flushRead {
		m.flushTLBSet(tlbRead)
	}
	if flushWrite {
		m.flushTLBSet(tlbWrite)
	}
	if mod&(mstatusSIE|mstatusMIE) != 0 {
		return statusServeInterrupts
	}
	return statusSuccess
}

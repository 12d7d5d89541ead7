package emu

import "time"

// The devices: CLINT, HTIF and PLIC. Their state lives in shadow registers
// (hashed); the device ranges themselves are not hashed.

func (m *Machine) readDevice(r *memRange, offset, size, mcycle uint64) (uint64, bool) {
	switch r.did() {
	case DIDCLINT:
		return m.clintRead(offset, size, mcycle)
	case DIDHTIF:
		return m.htifRead(offset, size)
	case DIDPLIC:
		return m.plicRead(offset, size)
	}
	return 0, false
}

func (m *Machine) writeDevice(r *memRange, offset, size, val, mcycle uint64) execStatus {
	switch r.did() {
	case DIDCLINT:
		return m.clintWrite(offset, size, val)
	case DIDHTIF:
		return m.htifWrite(offset, size, val)
	case DIDPLIC:
		return m.plicWrite(offset, size, val)
	}
	return statusFailure
}

func (m *Machine) clintRead(offset, size, mcycle uint64) (uint64, bool) {
	switch {
	case offset == clintMsip && size == 4:
		if m.readMip()&mipMSIP != 0 {
			return 1, true
		}
		return 0, true
	case offset == clintMtimecmp && size == 8:
		return m.s.ClintMtimecmp, true
	case offset == clintMtime && size == 8:
		return mcycle / RTCFreqDiv, true
	}
	return 0, false
}

func (m *Machine) clintWrite(offset, size, val uint64) execStatus {
	switch {
	case offset == clintMsip && size == 4:
		if val&1 != 0 {
			m.setMip(mipMSIP)
			return statusServeInterrupts
		}
		m.resetMip(mipMSIP)
		return statusSuccess
	case offset == clintMtimecmp && size == 8:
		m.s.ClintMtimecmp = val
		m.resetMip(mipMTIP)
		return statusSuccess
	}
	return statusFailure
}

func (m *Machine) htifRead(offset, size uint64) (uint64, bool) {
	if size != 8 {
		return 0, false
	}
	s := m.s
	switch offset {
	case htifTohost:
		return s.HtifTohost, true
	case htifFromhost:
		return s.HtifFromhost, true
	case htifIhalt:
		return s.HtifIhalt, true
	case htifIconsole:
		return s.HtifIconsole, true
	case htifIyield:
		return s.HtifIyield, true
	}
	return 0, false
}

func (m *Machine) htifWrite(offset, size, val uint64) execStatus {
	if size != 8 {
		return statusFailure
	}
	switch offset {
	case htifTohost:
		return m.htifWriteTohost(val)
	case htifFromhost:
		m.s.HtifFromhost = val
		return statusSuccess
	}
	return statusFailure
}

func (m *Machine) htifWriteTohost(tohost uint64) execStatus {
	s := m.s
	dev, cmd, data := tohost>>56, (tohost>>48)&0xFF, tohost&0xFFFFFFFF
	s.HtifTohost = tohost
	switch dev {
	case HTIFDevHalt:
		if cmd == HTIFHaltCmdHalt && data&1 != 0 {
			s.IflagsH = 1
			return statusHalt
		}
	case HTIFDevConsole:
		if cmd >= 64 || (s.HtifIconsole>>cmd)&1 == 0 {
			return statusSuccess
		}
		switch cmd {
		case HTIFConsoleCmdPutchar:
			if w := m.opts.ConsoleOutput; w != nil {
				w.Write([]byte{byte(data)})
			}
			s.HtifFromhost = htifBuild(HTIFDevConsole, cmd, 0, 0)
			if m.opts.BreakOnConsoleOutput {
				return statusConsoleOutput
			}
		case HTIFConsoleCmdGetchar:
			c := -1
			if in := m.opts.ConsoleInput; in != nil {
				c = in.Getchar()
			}
			s.HtifFromhost = htifBuild(HTIFDevConsole, cmd, 0, uint64(uint32(c+1)))
		}
	case HTIFDevYield:
		if cmd >= 64 || (s.HtifIyield>>cmd)&1 == 0 {
			return statusSuccess
		}
		switch cmd {
		case HTIFYieldCmdManual:
			s.IflagsY = 1
			s.HtifFromhost = htifBuild(HTIFDevYield, cmd, 0, 0)
			return statusYield
		case HTIFYieldCmdAutomatic:
			s.IflagsX = 1
			s.HtifFromhost = htifBuild(HTIFDevYield, cmd, 0, 0)
			return statusYield
		}
	}
	return statusSuccess
}

func (m *Machine) plicRead(offset, size uint64) (uint64, bool) {
	if offset&3 != 0 || size != 4 || offset > PLICLength {
		return 0, false
	}
	s := m.s
	switch {
	case offset >= 4 && offset <= 0x7C:
		return 1, true // every source has the lowest priority
	case offset == plicPending:
		return uint64(uint32(s.PlicGirqpend) &^ uint32(s.PlicGirqsrvd)), true
	case offset == plicEnabled:
		return plicEnabledMask, true
	case offset == plicClaimComplete:
		pend := uint32(s.PlicGirqpend)
		srvd := uint32(s.PlicGirqsrvd)
		ip := pend &^ srvd
		if ip == 0 {
			return 0, true
		}
		id := uint32(31)
		for ip&(1<<id) == 0 {
			id--
		}
		srvd |= 1 << id
		s.PlicGirqsrvd = uint64(srvd)
		if pend&^srvd == 0 {
			m.resetMip(mipMEIP | mipSEIP)
		}
		return uint64(id), true
	}
	return 0, true
}

func (m *Machine) plicWrite(offset, size, val uint64) execStatus {
	if offset&3 != 0 || size != 4 || offset > PLICLength {
		return statusFailure
	}
	if offset != plicClaimComplete {
		return statusSuccess
	}
	id := uint32(val)
	if id < 1 || id > plicMaxIRQ {
		return statusSuccess
	}
	s := m.s
	pend := uint32(s.PlicGirqpend)
	srvd := uint32(s.PlicGirqsrvd) &^ (1 << id)
	s.PlicGirqsrvd = uint64(srvd)
	if pend&^srvd == 0 {
		m.resetMip(mipMEIP | mipSEIP)
		return statusSuccess
	}
	m.setMip(mipMEIP | mipSEIP)
	return statusServeInterrupts
}

// rtcCyclesPerMicrosecond converts host time to mcycles (the 128 MHz clock
// the device tree announces).
const rtcCyclesPerMicrosecond = RTCClockFreq / 1_000_000

// idleInWFI waits, in an unreproducible machine with a console that can
// wait, until a character is typed or the guest's next timer event is due
// (mtimecmp, but never past the current RTC tick or the run's end), and
// records the cycles that host time covered in m.idle.
func (m *Machine) idleInWFI(mcycle uint64) {
	w, ok := m.opts.ConsoleInput.(ConsoleWaiter)
	if !ok {
		return
	}
	// The WFI itself takes the cycle at mcycle; the wait may use the rest
	// up to the step's end.
	limit := m.stepEnd
	if cmp := m.s.ClintMtimecmp; cmp < ^uint64(0)/RTCFreqDiv {
		limit = min(limit, cmp*RTCFreqDiv)
	}
	if limit <= mcycle+1 {
		return
	}
	room := limit - mcycle - 1
	start := time.Now()
	w.WaitInput(time.Duration(room/rtcCyclesPerMicrosecond) * time.Microsecond)
	waited := uint64(time.Since(start).Microseconds()) * rtcCyclesPerMicrosecond
	m.idle = min(waited, room)
}

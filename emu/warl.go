package emu

// WARL legalisation, applied when these registers are written and read, as
// the reference does (so a stored machine with illegal values reads legal
// ones).

func warlMstatus(v uint64) uint64 {
	v &= mstatusRMask
	if (v&mstatusMPP)>>mstatusMPPShift == PrvHS {
		v &^= mstatusMPP
	}
	if v&mstatusFS != 0 {
		v |= mstatusFSDirty | mstatusSD
	} else {
		v &^= mstatusSD
	}
	return v
}

func warlMenvcfg(v uint64) uint64   { return v & menvcfgRMask }
func warlSenvcfg(v uint64) uint64   { return v & senvcfgRMask }
func warlMedeleg(v uint64) uint64   { return v & medelegWMask }
func warlMideleg(v uint64) uint64   { return v & mipSRW }
func warlMie(v uint64) uint64       { return v & mipRWMask }
func warlMip(v uint64) uint64       { return v & mipRWMask }
func warlTvec(v uint64) uint64      { return v &^ 3 }
func warlEpc(v uint64) uint64       { return v &^ 1 }
func warlCounteren(v uint64) uint64 { return v & mcounterenRWMask }
func warlFcsr(v uint64) uint64      { return v & fcsrRWMask }
func satpModeSupported(m uint64) bool {
	return m == satpModeBare || m == satpModeSv39 || m == satpModeSv48
}

func warlSatp(v uint64) uint64 {
	if !satpModeSupported(v >> satpModeShift) {
		return 0
	}
	return v & satpRWMask
}

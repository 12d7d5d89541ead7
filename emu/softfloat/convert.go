package softfloat

// roundToInt rounds a to an integer in mode rm and returns its sign, its
// magnitude and whether rounding was inexact. huge reports a magnitude of
// 2^64 or more, an infinity, or a NaN; RISC-V converts a NaN like +infinity,
// so a NaN reports neg == false.
func roundToInt[F float](a uint64, rm RoundingMode) (neg bool, mag uint64, inexact, huge bool) {
	f := formatOf[F]()
	if f.isNaN(a) {
		return false, 0, false, true
	}
	neg = f.sign(a) != 0
	if f.isInf(a) {
		return neg, 0, false, true
	}
	if f.isZero(a) {
		return neg, 0, false, false
	}
	exp, sig := unpack[F](a) // |a| = sig × 2^exp, sig in [2^63, 2^64)
	switch {
	case exp > 0:
		return neg, 0, false, true
	case exp == 0:
		return neg, sig, false, false
	}
	n := uint(-exp)
	var kept, rem, half uint64
	switch {
	case n > 64:
		kept, rem, half = 0, 1, 1<<63 // below one half, but not zero
	case n == 64:
		kept, rem, half = 0, sig, 1<<63
	default:
		kept, rem, half = sig>>n, sig&(1<<n-1), 1<<(n-1)
	}
	if rem == 0 {
		return neg, kept, false, false
	}
	sign := uint64(0)
	if neg {
		sign = 1
	}
	if roundsUp(rm, sign, kept&1, rem, half) {
		kept++ // kept < 2^63 here, so this cannot wrap
	}
	return neg, kept, true, false
}

// toSigned converts a to a signed integer of the given width (32 or 64)
// with RISC-V saturation: out of range gives the bound of a's sign, NaN the
// largest positive value, both with NV alone; in range, NX when inexact.
func toSigned[F float](a uint64, rm RoundingMode, width uint) (int64, Flags) {
	neg, mag, inexact, huge := roundToInt[F](a, rm)
	maxPos := uint64(1)<<(width-1) - 1
	switch {
	case neg && (huge || mag > maxPos+1):
		return -int64(maxPos) - 1, NV
	case !neg && (huge || mag > maxPos):
		return int64(maxPos), NV
	}
	r := int64(mag)
	if neg {
		r = int64(-mag) // two's complement; mag <= 2^63 here
	}
	if inexact {
		return r, NX
	}
	return r, 0
}

// toUnsigned converts a to an unsigned integer of the given width (32 or
// 64) with RISC-V saturation: a negative value that does not round to 0
// gives 0, too large or NaN gives the maximum, both with NV alone.
func toUnsigned[F float](a uint64, rm RoundingMode, width uint) (uint64, Flags) {
	neg, mag, inexact, huge := roundToInt[F](a, rm)
	maxVal := ^uint64(0) >> (64 - width)
	switch {
	case neg && (huge || mag != 0):
		return 0, NV
	case !neg && (huge || mag > maxVal):
		return maxVal, NV
	}
	if inexact {
		return mag, NX
	}
	return mag, 0
}

// fromInt converts the integer of sign neg and magnitude mag, rounding in mode
// rm. Zero converts to +0.
func fromInt[F float](neg bool, mag uint64, rm RoundingMode) (uint64, Flags) {
	if mag == 0 {
		return 0, 0
	}
	sign := uint64(0)
	if neg {
		sign = 1
	}
	return roundPack[F](sign, 0, mag, rm)
}

func fromSigned[F float](v int64, rm RoundingMode) (uint64, Flags) {
	if v < 0 {
		return fromInt[F](true, -uint64(v), rm) // -uint64 also handles MinInt64
	}
	return fromInt[F](false, uint64(v), rm)
}

// convert changes a from format From to format To, rounding in mode rm when
// narrowing (widening is always exact).
func convert[To, From float](a uint64, rm RoundingMode) (uint64, Flags) {
	f, to := formatOf[From](), formatOf[To]()
	if f.isNaN(a) {
		_, flags := f.nanResult(a, a)
		return to.canonicalNaN(), flags
	}
	sign := f.sign(a)
	if f.isInf(a) {
		return to.zero(sign) | to.infinity(), 0
	}
	if f.isZero(a) {
		return to.zero(sign), 0
	}
	exp, sig := unpack[From](a)
	return roundPack[To](sign, exp, sig, rm)
}

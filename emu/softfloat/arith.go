package softfloat

import "math/bits"

// add returns a + b rounded. Subtraction is add with b's sign flipped.
func add[F float](a, b uint64, rm RoundingMode) (uint64, Flags) {
	f := formatOf[F]()
	// Order by magnitude; the encoding orders magnitudes like integers, with
	// NaNs above infinity, so a NaN or infinity operand ends up in a.
	if a&f.absMask() < b&f.absMask() {
		a, b = b, a
	}
	if f.isSpecial(a) {
		if f.isNaN(a) {
			return f.nanResult(a, b)
		}
		if f.isInf(b) && f.sign(a) != f.sign(b) {
			return f.canonicalNaN(), NV // inf - inf
		}
		return a, 0
	}
	if f.isZero(b) {
		if !f.isZero(a) {
			return a, 0
		}
		if f.sign(a) == f.sign(b) {
			return a, 0
		}
		return f.zero(exactZeroSign(rm)), 0
	}
	signA, signB := f.sign(a), f.sign(b)
	expA, sigA := unpack[F](a)
	expB, sigB := unpack[F](b)
	// Leave bit 63 free for the carry of the sum. Bit 0 of a significand is
	// always zero (at most 53 significant bits), so this loses nothing.
	sigA >>= 1
	sigB >>= 1
	// |a| >= |b| implies expA >= expB. At least 10 bits below the format's
	// precision plus the sticky bit keep the difference correctly rounded.
	sigB = shiftRightJam(sigB, uint(expA-expB))
	if signA == signB {
		return roundPack[F](signA, expA+1, sigA+sigB, rm)
	}
	diff := sigA - sigB
	if diff == 0 {
		return f.zero(exactZeroSign(rm)), 0
	}
	return roundPack[F](signA, expA+1, diff, rm)
}

// mul returns a × b rounded.
func mul[F float](a, b uint64, rm RoundingMode) (uint64, Flags) {
	f := formatOf[F]()
	sign := f.sign(a ^ b)
	if f.isSpecial(a) || f.isSpecial(b) {
		if f.isNaN(a) || f.isNaN(b) {
			return f.nanResult(a, b)
		}
		if f.isZero(a) || f.isZero(b) {
			return f.canonicalNaN(), NV // inf × 0
		}
		return f.zero(sign) | f.infinity(), 0
	}
	if f.isZero(a) || f.isZero(b) {
		return f.zero(sign), 0
	}
	expA, sigA := unpack[F](a)
	expB, sigB := unpack[F](b)
	hi, lo := bits.Mul64(sigA, sigB)
	if lo != 0 {
		hi |= 1 // hi has at least 63 significant bits: bit 0 is far below the rounding point
	}
	return roundPack[F](sign, expA+expB+64, hi, rm)
}

// div returns a / b rounded.
func div[F float](a, b uint64, rm RoundingMode) (uint64, Flags) {
	f := formatOf[F]()
	sign := f.sign(a ^ b)
	if f.isNaN(a) || f.isNaN(b) {
		return f.nanResult(a, b)
	}
	if f.isInf(a) {
		if f.isInf(b) {
			return f.canonicalNaN(), NV // inf / inf
		}
		return f.zero(sign) | f.infinity(), 0
	}
	if f.isInf(b) {
		return f.zero(sign), 0
	}
	if f.isZero(b) {
		if f.isZero(a) {
			return f.canonicalNaN(), NV // 0 / 0
		}
		return f.zero(sign) | f.infinity(), DZ
	}
	if f.isZero(a) {
		return f.zero(sign), 0
	}
	expA, sigA := unpack[F](a)
	expB, sigB := unpack[F](b)
	// Div64 needs its high word below the divisor. Halving sigA is exact
	// (bit 0 is zero) and leaves a quotient of 63 or 64 significant bits.
	if sigA >= sigB {
		sigA >>= 1
		expA++
	}
	q, r := bits.Div64(sigA, 0, sigB)
	if r != 0 {
		q |= 1
	}
	return roundPack[F](sign, expA-expB-64, q, rm)
}

// sqrt returns the square root of a rounded.
func sqrt[F float](a uint64, rm RoundingMode) (uint64, Flags) {
	f := formatOf[F]()
	if f.isNaN(a) {
		return f.nanResult(a, a)
	}
	if f.isZero(a) {
		return a, 0 // sqrt(-0) = -0
	}
	if f.sign(a) != 0 {
		return f.canonicalNaN(), NV
	}
	if f.isInf(a) {
		return a, 0
	}
	exp, sig := unpack[F](a)
	// Widen to a 128-bit N = sig × 2^shift in [2^124, 2^126) with an even
	// exponent exp-shift, so that sqrt(a) = sqrt(N) × 2^((exp-shift)/2).
	shift := uint(61)
	if (exp-61)&1 != 0 {
		shift = 62
	}
	root, exact := isqrt128(sig>>(64-shift), sig<<shift)
	if !exact {
		root |= 1 // root has 63 significant bits: the sticky bit is far below the rounding point
	}
	return roundPack[F](0, (exp-int(shift))>>1, root, rm)
}

// mulAdd returns a × b + c with a single rounding.
func mulAdd[F float](a, b, c uint64, rm RoundingMode) (uint64, Flags) {
	f := formatOf[F]()
	signP := f.sign(a ^ b)
	signC := f.sign(c)
	if f.isSpecial(a) || f.isSpecial(b) || f.isSpecial(c) {
		// RISC-V raises NV for inf × 0 even when c is a quiet NaN.
		if f.isInf(a) && f.isZero(b) || f.isZero(a) && f.isInf(b) {
			return f.canonicalNaN(), NV
		}
		if f.isNaN(a) || f.isNaN(b) || f.isNaN(c) {
			r, flags := f.nanResult(a, b)
			if f.isSignalingNaN(c) {
				flags = NV
			}
			return r, flags
		}
		if f.isInf(a) || f.isInf(b) {
			if f.isInf(c) && signC != signP {
				return f.canonicalNaN(), NV // inf - inf
			}
			return f.zero(signP) | f.infinity(), 0
		}
		return c, 0 // c infinite, product finite
	}
	if f.isZero(a) || f.isZero(b) {
		// An exactly zero product: the sum is c, except for the sign of 0 + 0.
		if f.isZero(c) && signC != signP {
			return f.zero(exactZeroSign(rm)), 0
		}
		return c, 0
	}
	expA, sigA := unpack[F](a)
	expB, sigB := unpack[F](b)
	// The exact product P = pHi·2^64 + pLo is in [2^126, 2^128); halve it
	// (exactly: each factor has zero low bits) to leave room for a carry.
	pHi, pLo := bits.Mul64(sigA, sigB)
	pLo = pLo>>1 | pHi<<63
	pHi >>= 1
	expP := expA + expB + 1
	if f.isZero(c) {
		return roundPack128[F](signP, expP, pHi, pLo, rm)
	}
	// Place c in the same 128-bit frame, leading bit at 126 like the product.
	expC, sigC := unpack[F](c)
	cHi, cLo := sigC>>1, sigC<<63
	expC -= 63
	// Align the operand with the smaller exponent to the larger one.
	exp := expP
	if expP >= expC {
		cHi, cLo = shiftRightJam128(cHi, cLo, uint(expP-expC))
	} else {
		pHi, pLo = shiftRightJam128(pHi, pLo, uint(expC-expP))
		exp = expC
	}
	if signP == signC {
		lo, carry := bits.Add64(pLo, cLo, 0)
		hi, _ := bits.Add64(pHi, cHi, carry) // both below 2^127: no overflow
		return roundPack128[F](signP, exp, hi, lo, rm)
	}
	// Subtract the smaller magnitude from the larger; the larger's sign wins.
	sign := signP
	if pHi < cHi || pHi == cHi && pLo < cLo {
		pHi, pLo, cHi, cLo = cHi, cLo, pHi, pLo
		sign = signC
	}
	lo, borrow := bits.Sub64(pLo, cLo, 0)
	hi, _ := bits.Sub64(pHi, cHi, borrow)
	if hi|lo == 0 {
		return f.zero(exactZeroSign(rm)), 0
	}
	return roundPack128[F](sign, exp, hi, lo, rm)
}

// roundPack128 rounds the nonzero magnitude (hi·2^64 + lo) × 2^exp.
func roundPack128[F float](sign uint64, exp int, hi, lo uint64, rm RoundingMode) (uint64, Flags) {
	if hi == 0 {
		return roundPack[F](sign, exp, lo, rm)
	}
	lz := uint(bits.LeadingZeros64(hi))
	sig := hi<<lz | lo>>(64-lz) // Go shifts of 64 give 0, so lz == 0 works too
	if lo<<lz != 0 {
		sig |= 1
	}
	return roundPack[F](sign, exp+64-int(lz), sig, rm)
}

// shiftRightJam128 is shiftRightJam on the 128-bit value hi·2^64 + lo.
func shiftRightJam128(hi, lo uint64, n uint) (uint64, uint64) {
	switch {
	case n == 0:
		return hi, lo
	case n < 64:
		sticky := uint64(0)
		if lo<<(64-n) != 0 {
			sticky = 1
		}
		return hi >> n, hi<<(64-n) | lo>>n | sticky
	case n < 128:
		sticky := uint64(0)
		if lo != 0 || hi<<(128-n) != 0 {
			sticky = 1
		}
		return 0, hi>>(n-64) | sticky
	}
	if hi|lo != 0 {
		return 0, 1
	}
	return 0, 0
}

// isqrt128 returns floor(sqrt(N)) for N = hi·2^64 + lo in [2^124, 2^126),
// and whether the root is exact. The root lies in [2^62, 2^63).
func isqrt128(hi, lo uint64) (root uint64, exact bool) {
	// sqrt(N) < sqrt((hi+1)·2^64) <= (isqrt(hi)+1)·2^32: an overestimate
	// within a relative 2^-30, from which integer Newton steps descend
	// monotonically to floor(sqrt(N)) in two or three steps.
	x := (isqrt64(hi) + 1) << 32
	for range 8 {
		// x >= floor(sqrt(N)) >= 2^62 > hi, so Div64 cannot overflow.
		q, _ := bits.Div64(hi, lo, x)
		y := x>>1 + q>>1 + x&q&1 // floor((x+q)/2) without overflowing
		if y >= x {
			break
		}
		x = y
	}
	sqHi, sqLo := bits.Mul64(x, x)
	return x, sqHi == hi && sqLo == lo
}

// isqrt64 returns floor(sqrt(n)) for n in [2^60, 2^62).
func isqrt64(n uint64) uint64 {
	// Start on the tangent of sqrt at c = 1.5·2^30, which lies above the
	// curve (within 8.4% on this range); Newton steps then descend.
	const c = 3 << 29
	x := (n/c + c) >> 1
	for range 8 {
		y := (x + n/x) >> 1
		if y >= x {
			break
		}
		x = y
	}
	return x
}

package softfloat

// An exact oracle on math/big integers. It computes the exact result of an
// operation (or, for division and square root, enough quotient or root bits
// plus a sticky bit for the remainder) and rounds it to the format by the
// rules of IEEE 754 directly: choose the quantum 2^k of the result's binade
// (or of the subnormal range), round the integer multiple, then detect
// overflow and tininess. It shares no code with the package. It is the only
// oracle for RMM, which C's fenv lacks, and the differential test checks it
// against the host FPU in the other four modes.

import (
	"math/big"
)

// fmtSpec are a format's parameters, written out again for the oracle.
type fmtSpec struct {
	p    int // precision in bits, hidden bit included
	emin int // exponent of the smallest normal
	emax int // exponent of the largest finite binade
}

var (
	spec32 = fmtSpec{p: 24, emin: -126, emax: 127}
	spec64 = fmtSpec{p: 53, emin: -1022, emax: 1023}
)

func (s fmtSpec) fracBits() int { return s.p - 1 }
func (s fmtSpec) expField() int { return s.emax - s.emin + 2 } // all-ones exponent
func (s fmtSpec) bias() int     { return s.emax }
func (s fmtSpec) signShift() int {
	return s.fracBits() + big.NewInt(int64(s.expField())).BitLen()
}

// exactNum is (-1)^neg × m × 2^exp. When sticky is set the true value is
// strictly between that and (m+1) × 2^exp in magnitude.
type exactNum struct {
	neg    bool
	m      *big.Int
	exp    int
	sticky bool
}

// decode returns x as an exact number; ok is false for zeros, infinities
// and NaNs.
func (s fmtSpec) decode(x uint64) (n exactNum, ok bool) {
	frac := x & (1<<s.fracBits() - 1)
	e := int(x>>s.fracBits()) & s.expField()
	n.neg = x>>s.signShift()&1 != 0
	switch {
	case e == s.expField():
		return n, false
	case e == 0 && frac == 0:
		return n, false
	case e == 0:
		n.m = new(big.Int).SetUint64(frac)
		n.exp = s.emin - s.fracBits()
	default:
		n.m = new(big.Int).SetUint64(frac | 1<<s.fracBits())
		n.exp = e - s.bias() - s.fracBits()
	}
	return n, true
}

// roundUpDecision reports whether a magnitude with kept integer part of
// parity odd must go up, given how the discarded part compares with one
// half (cmpHalf) and whether it is nonzero.
func roundUpDecision(rm RoundingMode, neg, odd bool, cmpHalf int, nonzero bool) bool {
	switch rm {
	case RNE:
		return cmpHalf > 0 || cmpHalf == 0 && odd
	case RTZ:
		return false
	case RDN:
		return nonzero && neg
	case RUP:
		return nonzero && !neg
	case RMM:
		return cmpHalf >= 0
	}
	panic("bad rounding mode")
}

// roundAt rounds |n| to a multiple of 2^k and returns the multiple and
// whether it was inexact.
func roundAt(n exactNum, k int, rm RoundingMode) (*big.Int, bool) {
	if k <= n.exp {
		if n.sticky {
			panic("oracle: rounding position below the sticky bit")
		}
		return new(big.Int).Lsh(n.m, uint(n.exp-k)), false
	}
	s := uint(k - n.exp)
	q := new(big.Int).Rsh(n.m, s)
	rem := new(big.Int).Sub(n.m, new(big.Int).Lsh(q, s))
	half := new(big.Int).Lsh(big.NewInt(1), s-1)
	cmp := rem.Cmp(half)
	if cmp == 0 && n.sticky {
		cmp = 1
	}
	nonzero := rem.Sign() != 0 || n.sticky
	if roundUpDecision(rm, n.neg, q.Bit(0) == 1, cmp, nonzero) {
		q.Add(q, big.NewInt(1))
	}
	return q, nonzero
}

// round returns the bits and flags of n rounded to the format.
func (s fmtSpec) round(n exactNum, rm RoundingMode) (uint64, Flags) {
	if n.m.Sign() == 0 {
		panic("oracle: round of zero")
	}
	signBit := uint64(0)
	if n.neg {
		signBit = 1 << s.signShift()
	}
	lead := n.m.BitLen() - 1 + n.exp // exponent of the leading bit
	k := max(lead, s.emin) - (s.p - 1)
	q, inexact := roundAt(n, k, rm)
	// Tiny after rounding: below 2^emin once rounded to p bits with an
	// unbounded exponent.
	tiny := false
	if lead < s.emin {
		tiny = true
		if lead == s.emin-1 {
			q2, _ := roundAt(n, lead-(s.p-1), rm)
			if q2.BitLen() > s.p {
				tiny = false
			}
		}
	}
	var flags Flags
	if inexact {
		flags |= NX
		if tiny {
			flags |= UF
		}
	}
	if q.BitLen() > s.p { // a carry to the next binade: q == 2^p
		q.Rsh(q, 1)
		k++
	}
	if q.BitLen() < s.p { // subnormal or zero: k is the subnormal quantum
		return signBit | q.Uint64(), flags
	}
	if k+s.p-1 > s.emax {
		toInf := rm == RNE || rm == RMM || rm == RDN && n.neg || rm == RUP && !n.neg
		maxFinite := uint64(s.expField()-1)<<s.fracBits() | (1<<s.fracBits() - 1)
		if toInf {
			return signBit | uint64(s.expField())<<s.fracBits(), OF | NX
		}
		return signBit | maxFinite, OF | NX
	}
	biased := uint64(k + s.p - 1 + s.bias())
	frac := new(big.Int).Sub(q, new(big.Int).Lsh(big.NewInt(1), uint(s.p-1))).Uint64()
	return signBit | biased<<s.fracBits() | frac, flags
}

// align returns x's and y's significands scaled to their common (smaller)
// exponent, and that exponent.
func align(x, y exactNum) (*big.Int, *big.Int, int) {
	e := min(x.exp, y.exp)
	return new(big.Int).Lsh(x.m, uint(x.exp-e)), new(big.Int).Lsh(y.m, uint(y.exp-e)), e
}

// signedAdd returns x + y for exact (non-sticky) numbers; ok is false for
// an exact zero sum, whose sign is a special case left to the caller.
func signedAdd(x, y exactNum) (exactNum, bool) {
	mx, my, e := align(x, y)
	if x.neg {
		mx.Neg(mx)
	}
	if y.neg {
		my.Neg(my)
	}
	sum := mx.Add(mx, my)
	if sum.Sign() == 0 {
		return exactNum{}, false
	}
	neg := sum.Sign() < 0
	return exactNum{neg: neg, m: sum.Abs(sum), exp: e}, true
}

// The exact operations. Each returns ok == false when an operand is zero,
// infinite or NaN, or the exact result is zero: there the rounding mode
// does not matter (except for RDN's zero sign, which the caller's other
// oracle covers), and the caller takes the host's round-to-nearest answer.

func exactAdd(s fmtSpec, a, b uint64, rm RoundingMode) (uint64, Flags, bool) {
	x, okx := s.decode(a)
	y, oky := s.decode(b)
	if !okx || !oky {
		return 0, 0, false
	}
	sum, ok := signedAdd(x, y)
	if !ok {
		return 0, 0, false
	}
	r, fl := s.round(sum, rm)
	return r, fl, true
}

func exactMul(s fmtSpec, a, b uint64, rm RoundingMode) (uint64, Flags, bool) {
	x, okx := s.decode(a)
	y, oky := s.decode(b)
	if !okx || !oky {
		return 0, 0, false
	}
	prod := exactNum{neg: x.neg != y.neg, m: new(big.Int).Mul(x.m, y.m), exp: x.exp + y.exp}
	r, fl := s.round(prod, rm)
	return r, fl, true
}

func exactDiv(s fmtSpec, a, b uint64, rm RoundingMode) (uint64, Flags, bool) {
	x, okx := s.decode(a)
	y, oky := s.decode(b)
	if !okx || !oky {
		return 0, 0, false
	}
	// Scale the dividend so that the quotient has at least p+3 bits; the
	// remainder becomes the sticky bit.
	scale := 2*s.p + 4 + max(0, y.m.BitLen()-x.m.BitLen())
	num := new(big.Int).Lsh(x.m, uint(scale))
	q, rem := new(big.Int).QuoRem(num, y.m, new(big.Int))
	quo := exactNum{neg: x.neg != y.neg, m: q, exp: x.exp - y.exp - scale, sticky: rem.Sign() != 0}
	r, fl := s.round(quo, rm)
	return r, fl, true
}

func exactSqrt(s fmtSpec, a uint64, rm RoundingMode) (uint64, Flags, bool) {
	x, ok := s.decode(a)
	if !ok || x.neg {
		return 0, 0, false
	}
	m, e := new(big.Int).Set(x.m), x.exp
	if e&1 != 0 {
		m.Lsh(m, 1)
		e--
	}
	// sqrt(m × 2^e) = sqrt(m × 2^(2K)) × 2^((e-2K)/2), with K large enough
	// for a root of at least p+3 bits.
	const extra = 64
	m.Lsh(m, 2*extra)
	root := new(big.Int).Sqrt(m)
	sq := new(big.Int).Mul(root, root)
	res := exactNum{m: root, exp: (e - 2*extra) / 2, sticky: sq.Cmp(m) != 0}
	r, fl := s.round(res, rm)
	return r, fl, true
}

func exactMulAdd(s fmtSpec, a, b, c uint64, rm RoundingMode) (uint64, Flags, bool) {
	x, okx := s.decode(a)
	y, oky := s.decode(b)
	if !okx || !oky {
		return 0, 0, false
	}
	prod := exactNum{neg: x.neg != y.neg, m: new(big.Int).Mul(x.m, y.m), exp: x.exp + y.exp}
	z, okz := s.decode(c)
	if !okz {
		if c&^(1<<s.signShift()) != 0 {
			return 0, 0, false // infinite or NaN addend
		}
		r, fl := s.round(prod, rm) // a zero addend: the product alone
		return r, fl, true
	}
	sum, ok := signedAdd(prod, z)
	if !ok {
		return 0, 0, false
	}
	r, fl := s.round(sum, rm)
	return r, fl, true
}

func exactFromInt(s fmtSpec, neg bool, mag uint64, rm RoundingMode) (uint64, Flags, bool) {
	if mag == 0 {
		return 0, 0, false
	}
	r, fl := s.round(exactNum{neg: neg, m: new(big.Int).SetUint64(mag)}, rm)
	return r, fl, true
}

func exactNarrow(a uint64, rm RoundingMode) (uint64, Flags, bool) {
	x, ok := spec64.decode(a)
	if !ok {
		return 0, 0, false
	}
	r, fl := spec32.round(x, rm)
	return r, fl, true
}

// exactToInt converts a to an integer of the given width and signedness
// with RISC-V's saturation, rounding with roundAt at the units place. The
// result is in the differential test's form: signed 32-bit results
// sign-extended, unsigned ones zero-extended.
func exactToInt(s fmtSpec, a uint64, rm RoundingMode, signed bool, width int) (uint64, Flags, bool) {
	x, ok := s.decode(a)
	if !ok {
		return 0, 0, false // zeros, infinities and NaNs: rules, not rounding
	}
	q, inexact := roundAt(x, 0, rm)
	lo, hi := new(big.Int), new(big.Int).Lsh(big.NewInt(1), uint(width)) // [0, 2^width)
	if signed {
		lo.Neg(new(big.Int).Lsh(big.NewInt(1), uint(width-1)))
		hi.Lsh(big.NewInt(1), uint(width-1))
	}
	hi.Sub(hi, big.NewInt(1))
	v := new(big.Int).Set(q)
	if x.neg {
		v.Neg(v)
	}
	bound := func(b *big.Int) uint64 {
		if width == 32 && signed {
			return uint64(b.Int64())
		}
		if b.Sign() < 0 {
			return uint64(b.Int64())
		}
		return b.Uint64()
	}
	switch {
	case v.Cmp(lo) < 0:
		return bound(lo), NV, true
	case v.Cmp(hi) > 0:
		return bound(hi), NV, true
	}
	var fl Flags
	if inexact {
		fl = NX
	}
	return bound(v), fl, true
}

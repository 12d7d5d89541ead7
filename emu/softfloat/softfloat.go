package softfloat

import "math/bits"

// RoundingMode is a RISC-V rounding mode, numbered as in the frm field and
// the rm field of an instruction. Callers resolve DYN (7) to frm and reject
// the reserved encodings before calling; values above RMM round like RNE.
type RoundingMode uint8

// The five RISC-V rounding modes.
const (
	RNE RoundingMode = 0 // to nearest, ties to even
	RTZ RoundingMode = 1 // toward zero
	RDN RoundingMode = 2 // down, toward negative infinity
	RUP RoundingMode = 3 // up, toward positive infinity
	RMM RoundingMode = 4 // to nearest, ties away from zero (to max magnitude)
)

func (rm RoundingMode) String() string {
	switch rm {
	case RNE:
		return "RNE"
	case RTZ:
		return "RTZ"
	case RDN:
		return "RDN"
	case RUP:
		return "RUP"
	case RMM:
		return "RMM"
	}
	return "RoundingMode(reserved)"
}

// Flags holds IEEE 754 exception flags in the layout of the RISC-V fflags
// CSR, so callers OR them straight into fcsr.
type Flags uint8

// The five accrued exception flags.
const (
	NX Flags = 1 << 0 // inexact
	UF Flags = 1 << 1 // underflow: tiny after rounding and inexact
	OF Flags = 1 << 2 // overflow
	DZ Flags = 1 << 3 // divide by zero
	NV Flags = 1 << 4 // invalid operation

	// AllFlags is the mask of the bits an operation can raise.
	AllFlags Flags = NX | UF | OF | DZ | NV
)

func (f Flags) String() string {
	if f == 0 {
		return "-"
	}
	s := ""
	for _, n := range [...]struct {
		bit  Flags
		name string
	}{{NV, "NV"}, {DZ, "DZ"}, {OF, "OF"}, {UF, "UF"}, {NX, "NX"}} {
		if f&n.bit != 0 {
			if s != "" {
				s += "|"
			}
			s += n.name
		}
	}
	if f&^AllFlags != 0 {
		s += "|?"
	}
	return s
}

// Canonical quiet NaNs: the only NaNs an operation returns.
const (
	CanonicalNaN32 = 0x7fc00000
	CanonicalNaN64 = 0x7ff8000000000000
)

// format describes an IEEE 754 binary interchange format by its field widths,
// packed into one constant so that no package-level variables are needed:
// the low byte is the fraction width, the next byte the exponent width.
// Internally both formats travel in uint64 words; a binary32 value sits in
// the low 32 bits.
type format uint16

const (
	binary32 format = 23 | 8<<8
	binary64 format = 52 | 11<<8
)

// float is the storage type of a format, and so selects it: uint32 holds
// binary32 and uint64 binary64. Every function below that is too large to
// inline is generic over it and starts with f := formatOf[F](): Go compiles
// one copy per storage type, so f is a constant there and the small format
// methods, inlined, fold to constants (no shifts by variable amounts).
type float interface{ ~uint32 | ~uint64 }

func formatOf[F float]() format {
	if uint64(^F(0)) == ^uint64(0) {
		return binary64
	}
	return binary32
}

func (f format) mantBits() uint       { return uint(f & 0xff) }
func (f format) expBits() uint        { return uint(f >> 8) }
func (f format) width() uint          { return 1 + f.expBits() + f.mantBits() }
func (f format) bias() int            { return 1<<(f.expBits()-1) - 1 }
func (f format) expMax() uint64       { return 1<<f.expBits() - 1 } // biased exponent of Inf/NaN
func (f format) mantMask() uint64     { return 1<<f.mantBits() - 1 }
func (f format) signShift() uint      { return f.width() - 1 }
func (f format) absMask() uint64      { return 1<<f.signShift() - 1 }
func (f format) quietBit() uint64     { return 1 << (f.mantBits() - 1) }
func (f format) infinity() uint64     { return f.expMax() << f.mantBits() }
func (f format) maxFinite() uint64    { return f.infinity() - 1 }
func (f format) sign(x uint64) uint64 { return x >> f.signShift() & 1 }
func (f format) biasedExp(x uint64) uint64 {
	return x >> f.mantBits() & f.expMax()
}

func (f format) canonicalNaN() uint64 {
	return f.infinity() | f.quietBit()
}

func (f format) isNaN(x uint64) bool {
	return x&f.absMask() > f.infinity()
}

func (f format) isSignalingNaN(x uint64) bool {
	return f.isNaN(x) && x&f.quietBit() == 0
}

func (f format) isInf(x uint64) bool {
	return x&f.absMask() == f.infinity()
}

func (f format) isZero(x uint64) bool {
	return x&f.absMask() == 0
}

// isSpecial reports whether x is an infinity or a NaN.
func (f format) isSpecial(x uint64) bool {
	return x&f.absMask() >= f.infinity()
}

// nanResult is the result of an operation with a NaN operand: the canonical
// NaN, with NV when any operand is signalling.
func (f format) nanResult(a, b uint64) (uint64, Flags) {
	if f.isSignalingNaN(a) || f.isSignalingNaN(b) {
		return f.canonicalNaN(), NV
	}
	return f.canonicalNaN(), 0
}

// zero returns a zero of the given sign (0 or 1).
func (f format) zero(sign uint64) uint64 {
	return sign << f.signShift()
}

// exactZeroSign is the sign of an exact zero sum of two operands of opposite
// signs (IEEE 754 6.3): +0 in every mode except RDN, which gives -0.
func exactZeroSign(rm RoundingMode) uint64 {
	if rm == RDN {
		return 1
	}
	return 0
}

// unpack splits a finite nonzero x into (exp, sig) with x's magnitude equal
// to sig × 2^exp and sig normalised so that bit 63 is set. Subnormals are
// normalised too, so callers never see them.
func unpack[F float](x uint64) (exp int, sig uint64) {
	f := formatOf[F]()
	e := f.biasedExp(x)
	m := x & f.mantMask()
	if e == 0 {
		lz := bits.LeadingZeros64(m)
		// m × 2^(1-bias-mantBits), with m shifted up by lz.
		return 1 - f.bias() - int(f.mantBits()) - lz, m << uint(lz)
	}
	return int(e) - f.bias() - 63, (m | 1<<f.mantBits()) << (63 - f.mantBits())
}

// shiftRightJam shifts x right by n, ORing every bit shifted out into bit 0
// (the "sticky" bit), so that later rounding still sees that the value was
// inexact.
func shiftRightJam(x uint64, n uint) uint64 {
	switch {
	case n == 0:
		return x
	case n >= 64:
		if x != 0 {
			return 1
		}
		return 0
	}
	sticky := uint64(0)
	if x<<(64-n) != 0 {
		sticky = 1
	}
	return x>>n | sticky
}

// roundsUp reports whether a value whose kept part has parity odd (0 or 1)
// and whose discarded part is rem, against half = the weight of half a unit
// in the last kept place, must be incremented in magnitude. rem may carry a
// jammed sticky bit; that never changes the outcome as long as half > 1.
func roundsUp(rm RoundingMode, sign, odd, rem, half uint64) bool {
	switch rm {
	case RTZ:
		return false
	case RDN:
		return rem != 0 && sign != 0
	case RUP:
		return rem != 0 && sign == 0
	case RMM:
		return rem >= half
	}
	return rem > half || rem == half && odd != 0
}

// overflow returns the result of a rounded value too large for the format:
// infinity, or the largest finite value when the mode rounds toward zero for
// that sign.
func overflow[F float](sign uint64, rm RoundingMode) (uint64, Flags) {
	f := formatOf[F]()
	toInf := true
	switch rm {
	case RTZ:
		toInf = false
	case RDN:
		toInf = sign != 0
	case RUP:
		toInf = sign == 0
	}
	r := f.maxFinite()
	if toInf {
		r = f.infinity()
	}
	return f.zero(sign) | r, OF | NX
}

// roundPack rounds the nonzero magnitude sig × 2^exp (sig need not be
// normalised) to format F in mode rm and packs it with the sign. This is
// the only place where results are rounded, so it alone decides NX, UF and
// OF. Tininess is detected after rounding, as RISC-V requires: a result is
// tiny when rounding it to the format's precision with an unbounded exponent
// gives a magnitude below the smallest normal.
func roundPack[F float](sign uint64, exp int, sig uint64, rm RoundingMode) (uint64, Flags) {
	f := formatOf[F]()
	if sig == 0 {
		return f.zero(sign), 0
	}
	lz := bits.LeadingZeros64(sig)
	sig <<= uint(lz)
	exp -= lz
	// Now sig is in [2^63, 2^64): the value is 1.xxx × 2^(exp+63).
	biased := exp + 63 + f.bias()
	if biased >= int(f.expMax()) {
		return overflow[F](sign, rm)
	}
	roundBits := 63 - f.mantBits() // bits below the format's precision
	half := uint64(1) << (roundBits - 1)
	remMask := uint64(1)<<roundBits - 1
	if biased <= 0 {
		// Below the normal range before rounding. Only a value just under
		// the smallest normal (biased == 0) can round up to it at full
		// precision, in which case it is not tiny.
		tiny := true
		if biased == 0 {
			kept := sig >> roundBits
			allOnes := uint64(1)<<(f.mantBits()+1) - 1
			if kept == allOnes && roundsUp(rm, sign, 1, sig&remMask, half) {
				tiny = false
			}
		}
		sig = shiftRightJam(sig, uint(1-biased))
		kept, rem := sig>>roundBits, sig&remMask
		if roundsUp(rm, sign, kept&1, rem, half) {
			kept++ // may carry into the smallest normal: the packing below handles it
		}
		if rem == 0 {
			return f.zero(sign) | kept, 0
		}
		flags := NX
		if tiny {
			flags |= UF
		}
		return f.zero(sign) | kept, flags
	}
	kept, rem := sig>>roundBits, sig&remMask
	if roundsUp(rm, sign, kept&1, rem, half) {
		kept++
	}
	// kept includes the leading 1, which adds one to the exponent field;
	// a rounding carry out of the significand adds one more.
	r := uint64(biased-1)<<f.mantBits() + kept
	if r >= f.infinity() {
		return overflow[F](sign, rm)
	}
	if rem != 0 {
		return f.zero(sign) | r, NX
	}
	return f.zero(sign) | r, 0
}

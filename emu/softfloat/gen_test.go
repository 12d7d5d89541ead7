package softfloat

// Operand generators for the differential and unit tests: random bit
// patterns biased toward the classes where floating-point code goes wrong
// (zeros, subnormals, the edges of the normal range, NaNs with odd payloads,
// values near integer limits and rounding ties), plus operands chosen in
// relation to each other (cancellation, alignment shifts, products and
// quotients landing near overflow or in the subnormal range).

import (
	"math"
	"math/rand/v2"
)

type gen struct {
	r *rand.Rand
	f format
}

func newGen(f format, seed uint64) gen {
	return gen{r: rand.New(rand.NewPCG(seed, 0x5eed_f10a7)), f: f}
}

func (g gen) sign() uint64 { return g.r.Uint64N(2) << g.f.signShift() }

// near returns v plus a small random offset, clamped to [0, limit].
func (g gen) near(v, limit uint64, spread int) uint64 {
	d := g.r.IntN(2*spread+1) - spread
	switch {
	case d < 0 && uint64(-d) > v:
		return 0
	case d > 0 && v+uint64(d) > limit:
		return limit
	}
	return v + uint64(d)
}

// mant returns a fraction field with a random useful shape.
func (g gen) mant() uint64 {
	mm := g.f.mantMask()
	nb := g.f.mantBits()
	switch g.r.IntN(8) {
	case 0:
		return g.near(0, mm, 3)
	case 1:
		return g.near(mm, mm, 3)
	case 2: // a few bits set: exact results and ties
		m := uint64(0)
		for range 1 + g.r.IntN(3) {
			m |= 1 << g.r.UintN(nb)
		}
		return m
	case 3: // a run of ones ending at a random place
		return mm >> g.r.UintN(nb) << g.r.UintN(nb) & mm
	case 4: // halfway patterns: a one followed by zeros
		return (g.r.Uint64()&mm)>>g.r.UintN(nb)<<1 | 1<<g.r.UintN(nb)&mm
	}
	return g.r.Uint64() & mm
}

// withExp builds a value of the given biased exponent and fraction.
func (g gen) withExp(biased int, frac uint64) uint64 {
	return uint64(biased)<<g.f.mantBits() | frac&g.f.mantMask()
}

// float returns a random operand biased toward edge classes.
func (g gen) float() uint64 {
	f := g.f
	emax := int(f.expMax())
	bias := f.bias()
	switch g.r.IntN(24) {
	case 0, 1, 2:
		return g.r.Uint64() >> (64 - f.width())
	case 3: // infinities, zeros, NaNs of every kind
		switch g.r.IntN(6) {
		case 0:
			return g.sign()
		case 1:
			return g.sign() | f.infinity()
		case 2:
			return g.sign() | f.canonicalNaN()
		case 3: // quiet NaN, random payload
			return g.sign() | f.infinity() | f.quietBit() | g.r.Uint64()&f.mantMask()
		case 4: // signalling NaN, random nonzero payload
			p := g.r.Uint64() & (f.quietBit() - 1)
			if p == 0 {
				p = 1
			}
			return g.sign() | f.infinity() | p
		default:
			return g.sign() | f.infinity() | 1<<g.r.UintN(f.mantBits()-1)
		}
	case 4, 5: // subnormals
		m := g.mant()
		if m == 0 {
			m = 1
		}
		return g.sign() | m
	case 6: // around the smallest normal
		return g.sign() | g.withExp(g.r.IntN(3), g.mant())
	case 7: // around the largest finite value
		return g.sign() | g.withExp(emax-1-g.r.IntN(3), g.mant())
	case 8, 9: // around 1
		return g.sign() | g.withExp(bias+g.r.IntN(9)-4, g.mant())
	case 10, 11: // around the integer limits 2^31, 2^32, 2^63, 2^64 and small integers
		k := [...]int{0, 1, 2, 22, 23, 24, 30, 31, 32, 33, 51, 52, 53, 62, 63, 64, 65}[g.r.IntN(17)]
		return g.sign() | g.withExp(bias+k-g.r.IntN(2), g.mant())
	case 12, 13: // any exponent, shaped fraction
		return g.sign() | g.withExp(1+g.r.IntN(emax-1), g.mant())
	}
	// moderate exponents, random fraction
	return g.sign() | g.withExp(bias-60+g.r.IntN(121), g.r.Uint64())
}

// expOf returns x's unbiased exponent (subnormals report the minimum).
func (g gen) expOf(x uint64) int {
	e := int(g.f.biasedExp(x))
	if e == 0 {
		e = 1
	}
	return e - g.f.bias()
}

// withUnbiased builds a random-fraction value with unbiased exponent e,
// falling back to a subnormal or the largest exponent out of range.
func (g gen) withUnbiased(e int, sign uint64) uint64 {
	b := e + g.f.bias()
	switch {
	case b >= int(g.f.expMax()):
		b = int(g.f.expMax()) - 1
	case b < 1:
		m := g.mant() >> uint(min(1-b, 63))
		if m == 0 {
			m = 1
		}
		return sign | m
	}
	return sign | g.withExp(b, g.mant())
}

// targetExp picks a result exponent where rounding is delicate: overflow,
// the edge of the subnormal range, deep in it, or ordinary.
func (g gen) targetExp() int {
	emin := 1 - g.f.bias()
	emaxE := g.f.bias()
	p := int(g.f.mantBits()) + 1
	return [...]int{emaxE, emaxE + 1, emaxE - 1, emin, emin - 1, emin + 1, emin - p/2, emin - p, emin - p - 1, emin - p + 1, 0, -1}[g.r.IntN(12)]
}

// second returns b for a binary operation with first operand a.
func (g gen) second(op string, a uint64) uint64 {
	f := g.f
	switch g.r.IntN(10) {
	case 0: // equal or opposite: exact cancellation, x/x, ties of min/max
		return a ^ g.sign()
	case 1: // a few units in the last place away, either sign
		return g.near(a&f.absMask(), f.absMask(), 4) | g.sign()
	case 2, 3: // exponent apart by around the precision: alignment edges
		p := int(f.mantBits()) + 1
		return g.withUnbiased(g.expOf(a)-g.r.IntN(2*p+6)+p+3, g.sign())
	case 4, 5: // result near overflow or in the subnormal range
		switch op {
		case "mul":
			return g.withUnbiased(g.targetExp()-g.expOf(a), g.sign())
		case "div":
			return g.withUnbiased(g.expOf(a)-g.targetExp(), g.sign())
		}
	}
	return g.float()
}

// addend returns c for a fused multiply-add of a and b: often close to
// -(a×b) so that the sum cancels, or near it in exponent.
func (g gen) addend(a, b uint64) uint64 {
	f := g.f
	prod, ok := hostProduct(f, a, b)
	if !ok || g.r.IntN(3) == 0 {
		return g.second("add", a)
	}
	switch g.r.IntN(4) {
	case 0: // the rounded product, negated: massive cancellation
		return prod ^ 1<<f.signShift()
	case 1: // a few units away from it
		return g.near(prod&f.absMask(), f.absMask(), 3) | g.sign()
	case 2: // within the precision's range of exponents
		p := int(f.mantBits()) + 1
		return g.withUnbiased(g.expOf(prod)-g.r.IntN(2*p+6)+p+3, g.sign())
	}
	return g.float()
}

// hostProduct returns a×b rounded to nearest by Go's host arithmetic, only
// to aim addends; it is never an expected value.
func hostProduct(f format, a, b uint64) (uint64, bool) {
	if f == binary32 {
		p := float32(float64(math.Float32frombits(uint32(a))) * float64(math.Float32frombits(uint32(b))))
		if math.IsNaN(float64(p)) || math.IsInf(float64(p), 0) || p == 0 {
			return 0, false
		}
		return uint64(math.Float32bits(p)), true
	}
	p := math.Float64frombits(a) * math.Float64frombits(b)
	if math.IsNaN(p) || math.IsInf(p, 0) || p == 0 {
		return 0, false
	}
	return math.Float64bits(p), true
}

// integer returns a random integer biased toward the edges of the int32,
// uint32, int64 and uint64 ranges, powers of two and values needing
// rounding to 24 or 53 bits (including exact ties).
func (g gen) integer() uint64 {
	switch g.r.IntN(8) {
	case 0:
		return g.r.Uint64()
	case 1: // near a power of two, either sign
		v := g.near(1<<g.r.UintN(64), math.MaxUint64, 3)
		if g.r.IntN(2) == 0 {
			v = -v
		}
		return v
	case 2: // near the range limits
		return g.near([...]uint64{0, math.MaxInt32, 1 << 31, math.MaxUint32, math.MaxInt64, 1 << 63, math.MaxUint64}[g.r.IntN(7)], math.MaxUint64, 3)
	case 3: // a few bits more than a format's precision: ties and near-ties
		p := [...]uint{24, 53}[g.r.IntN(2)]
		d := 1 + g.r.UintN(3) // bits to round off
		w := p + d
		v := 1<<(w-1) | g.r.Uint64()&(1<<(w-1)-1)
		if g.r.IntN(2) == 0 {
			v = v&^(1<<d-1) | 1<<(d-1) // exactly halfway
		}
		return v << g.r.UintN(65-w)
	case 4: // small
		return uint64(g.r.IntN(2001) - 1000)
	case 5: // random width
		return g.r.Uint64() >> g.r.UintN(64)
	}
	v := g.r.Uint64() >> g.r.UintN(40)
	if g.r.IntN(2) == 0 {
		v = -v
	}
	return v
}

// edgeFloats is a fixed list of values every operation is tried on.
func edgeFloats(f format) []uint64 {
	bias := uint64(f.bias())
	mb := uint64(f.mantBits())
	one := bias << mb
	var v []uint64
	for _, x := range []uint64{
		0,                               // +0
		1,                               // smallest subnormal
		2,                               // next one
		f.mantMask(),                    // largest subnormal
		f.quietBit(),                    // a mid subnormal
		1 << mb,                         // smallest normal
		1<<mb | 1,                       // just above it
		2 << mb,                         // twice the smallest normal
		f.maxFinite(),                   // largest finite
		f.maxFinite() - 1,               // just below it
		(f.expMax() - 1) << mb,          // largest power of two
		f.infinity(),                    // infinity
		f.canonicalNaN(),                // canonical quiet NaN
		f.canonicalNaN() | 1,            // quiet NaN, payload
		f.infinity() | 1,                // signalling NaN
		f.infinity() | f.quietBit() - 1, // signalling NaN, full payload
		one,                             // 1
		one | 1,                         // 1 + ulp
		one - 1,                         // 1 - ulp/2
		one | f.quietBit(),              // 1.5
		(bias + 1) << mb,                // 2
		(bias+1)<<mb | f.quietBit(),     // 3
		(bias - 1) << mb,                // 0.5
		(bias-1)<<mb | f.quietBit(),     // 0.75
		(bias+1)<<mb | f.quietBit()>>1,  // 2.5
		(bias + 31) << mb,               // 2^31
		(bias+31)<<mb - 1,               // just below 2^31
		(bias + 32) << mb,               // 2^32
		(bias+32)<<mb - 1,               // just below 2^32
		(bias + 63) << mb,               // 2^63
		(bias+63)<<mb - 1,               // just below 2^63
		(bias + 64) << mb,               // 2^64
		(bias+64)<<mb - 1,               // just below 2^64
		(bias+mb)<<mb | 1,               // 2^p-1 + 1: the last odd integer
		(bias+mb+1)<<mb | 1,             // beyond it: integers step by 2
	} {
		v = append(v, x, x|1<<f.signShift())
	}
	return v
}

// edgeIntegers is a fixed list of integer operands.
func edgeIntegers() []uint64 {
	var v []uint64
	for _, x := range []uint64{
		0, 1, 2, 3, 7, math.MaxInt32, 1 << 31, math.MaxUint32, 1 << 32,
		math.MaxInt64, 1 << 63, math.MaxUint64,
		1<<24 + 1, 1<<24 + 3, 1<<25 + 2, 1<<25 + 6, 1<<53 + 1, 1<<53 + 3, 1<<54 + 2, 1<<54 + 6,
		1<<24 - 1, 1<<53 - 1, 0x7fffff80, 0x7fffffc0, 0xffffff80, 0x7fffffffffffffc0, 0x7ffffffffffffe00,
		0xffffffffffffff80, 0xfffffffffffff800, 0xfffffffffffffc00,
	} {
		v = append(v, x, -x)
	}
	return v
}

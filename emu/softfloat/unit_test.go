package softfloat

// Hand-derived edge cases. Every expected value here was worked out from
// IEEE 754 and the RISC-V F/D chapter (the reasoning is in the case names
// and comments), not produced by this package.

import (
	"math"
	"testing"
)

func d(x float64) uint64 { return math.Float64bits(x) }
func s(x float32) uint64 { return uint64(math.Float32bits(x)) }

// Named binary64 and binary32 bit patterns.
const (
	dPosZero   = 0x0000000000000000
	dNegZero   = 0x8000000000000000
	dMinSub    = 0x0000000000000001 // 2^-1074
	dMaxSub    = 0x000fffffffffffff
	dMinNorm   = 0x0010000000000000 // 2^-1022
	dMax       = 0x7fefffffffffffff
	dInf       = 0x7ff0000000000000
	dNegInf    = 0xfff0000000000000
	dQNaN      = 0x7ff8000000000000
	dQNaNPay   = 0xfff8000000000123 // negative quiet NaN with a payload
	dSNaN      = 0x7ff0000000000001
	dOne       = 0x3ff0000000000000
	dOnePlus   = 0x3ff0000000000001 // 1 + 2^-52
	dTwo       = 0x4000000000000000
	dHalfULP1  = 0x3ca0000000000000 // 2^-53: half an ulp of 1
	sPosZero   = 0x00000000
	sNegZero   = 0x80000000
	sMinSub    = 0x00000001 // 2^-149
	sMinNorm   = 0x00800000
	sMaxSub    = 0x007fffff
	sMax       = 0x7f7fffff
	sInf       = 0x7f800000
	sNegInf    = 0xff800000
	sQNaN      = 0x7fc00000
	sSNaN      = 0x7f800001
	sQNaNPay   = 0xffc00001
	sTwoTo64   = 0x5f800000
	sBelow2_64 = 0x5f7fffff
)

type unitCase struct {
	name   string
	got    func() (uint64, Flags)
	want   uint64
	wantFl Flags
}

func runUnit(t *testing.T, cases []unitCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, fl := c.got()
			if got != c.want || fl != c.wantFl {
				t.Errorf("got %#x %v, want %#x %v", got, fl, c.want, c.wantFl)
			}
		})
	}
}

// Wrappers giving every operation the (uint64, Flags) shape.
func add64(a, b uint64, rm RoundingMode) func() (uint64, Flags) {
	return func() (uint64, Flags) { return Add64(a, b, rm) }
}
func sub64(a, b uint64, rm RoundingMode) func() (uint64, Flags) {
	return func() (uint64, Flags) { return Sub64(a, b, rm) }
}
func mul64(a, b uint64, rm RoundingMode) func() (uint64, Flags) {
	return func() (uint64, Flags) { return Mul64(a, b, rm) }
}
func div64(a, b uint64, rm RoundingMode) func() (uint64, Flags) {
	return func() (uint64, Flags) { return Div64(a, b, rm) }
}
func sqrt64(a uint64, rm RoundingMode) func() (uint64, Flags) {
	return func() (uint64, Flags) { return Sqrt64(a, rm) }
}
func fma64(a, b, c uint64, rm RoundingMode) func() (uint64, Flags) {
	return func() (uint64, Flags) { return MulAdd64(a, b, c, rm) }
}
func u32(f func() (uint32, Flags)) func() (uint64, Flags) {
	return func() (uint64, Flags) { r, fl := f(); return uint64(r), fl }
}
func i32(f func() (int32, Flags)) func() (uint64, Flags) {
	return func() (uint64, Flags) { r, fl := f(); return uint64(uint32(r)), fl }
}
func i64(f func() (int64, Flags)) func() (uint64, Flags) {
	return func() (uint64, Flags) { r, fl := f(); return uint64(r), fl }
}
func boolean(f func() (bool, Flags)) func() (uint64, Flags) {
	return func() (uint64, Flags) { r, fl := f(); return b2u(r), fl }
}

func TestAddSubUnit(t *testing.T) {
	runUnit(t, []unitCase{
		{"1+2", add64(d(1), d(2), RNE), d(3), 0},
		{"0.1+0.2 RNE", add64(d(0.1), d(0.2), RNE), 0x3fd3333333333334, NX},
		{"0.1+0.2 RTZ", add64(d(0.1), d(0.2), RTZ), 0x3fd3333333333333, NX},
		{"+0 + -0 RNE is +0", add64(dPosZero, dNegZero, RNE), dPosZero, 0},
		{"+0 + -0 RDN is -0", add64(dPosZero, dNegZero, RDN), dNegZero, 0},
		{"-0 + -0 is -0", add64(dNegZero, dNegZero, RUP), dNegZero, 0},
		{"x + -x RNE is +0", add64(d(1.25), d(-1.25), RNE), dPosZero, 0},
		{"x + -x RMM is +0", add64(d(1.25), d(-1.25), RMM), dPosZero, 0},
		{"x + -x RDN is -0", add64(d(1.25), d(-1.25), RDN), dNegZero, 0},
		{"1 - 1 RDN is -0", sub64(dOne, dOne, RDN), dNegZero, 0},
		{"x + 0 keeps x, subnormal", add64(dMaxSub, dNegZero, RNE), dMaxSub, 0},
		{"inf + -inf invalid", add64(dInf, dNegInf, RNE), dQNaN, NV},
		{"inf - inf invalid", sub64(dInf, dInf, RNE), dQNaN, NV},
		{"inf + inf", add64(dInf, dInf, RNE), dInf, 0},
		{"inf + finite", add64(d(-3), dInf, RNE), dInf, 0},
		{"qNaN + 1 quiet", add64(dQNaNPay, dOne, RNE), dQNaN, 0},
		{"inf + qNaN quiet", add64(dInf, dQNaN, RNE), dQNaN, 0},
		{"sNaN + 1 invalid", add64(dOne, dSNaN, RNE), dQNaN, NV},
		{"qNaN + sNaN invalid", add64(dQNaNPay, dSNaN, RNE), dQNaN, NV},
		{"max + max RNE overflows to inf", add64(dMax, dMax, RNE), dInf, OF | NX},
		{"max + max RTZ gives max", add64(dMax, dMax, RTZ), dMax, OF | NX},
		{"max + max RDN gives max", add64(dMax, dMax, RDN), dMax, OF | NX},
		{"max + max RUP gives inf", add64(dMax, dMax, RUP), dInf, OF | NX},
		{"-max + -max RDN gives -inf", add64(dMax|1<<63, dMax|1<<63, RDN), dNegInf, OF | NX},
		{"-max + -max RUP gives -max", add64(dMax|1<<63, dMax|1<<63, RUP), dMax | 1<<63, OF | NX},
		{"max + half ulp RNE: tie to even max? max is odd, rounds up, overflows",
			add64(dMax, 0x7c90000000000000, RNE), dInf, OF | NX}, // half ulp of max = 2^970
		{"max + below half ulp RNE stays max", add64(dMax, 0x7c8fffffffffffff, RNE), dMax, NX},
		{"subnormal + subnormal exact, no UF", add64(dMinSub, dMinSub, RNE), 2, 0},
		{"min normal - min sub = max sub exactly", sub64(dMinNorm, dMinSub, RNE), dMaxSub, 0},
		{"1 + half ulp RNE ties to even 1", add64(dOne, dHalfULP1, RNE), dOne, NX},
		{"1 + half ulp RMM ties away", add64(dOne, dHalfULP1, RMM), dOnePlus, NX},
		{"1 + half ulp RUP", add64(dOne, dHalfULP1, RUP), dOnePlus, NX},
		{"1 + half ulp RDN", add64(dOne, dHalfULP1, RDN), dOne, NX},
		{"(1+ulp) + half ulp RNE ties to even 1+2ulp", add64(dOnePlus, dHalfULP1, RNE), 0x3ff0000000000002, NX},
		{"-1 - half ulp RDN", sub64(d(-1), dHalfULP1, RDN), dOnePlus | 1<<63, NX},
		{"-1 - half ulp RUP", sub64(d(-1), dHalfULP1, RUP), d(-1), NX},
		{"1 - tiny RTZ gives the value below 1", sub64(dOne, dMinSub, RTZ), 0x3fefffffffffffff, NX},
		{"1 - tiny RNE gives 1", sub64(dOne, dMinSub, RNE), dOne, NX},
		{"1 + tiny RUP gives 1+ulp", add64(dOne, dMinSub, RUP), dOnePlus, NX},
		{"binary32 1 + 2^-24 RNE", u32(func() (uint32, Flags) { return Add32(0x3f800000, 0x33800000, RNE) }), 0x3f800000, NX},
		{"binary32 1 + 2^-24 RMM", u32(func() (uint32, Flags) { return Add32(0x3f800000, 0x33800000, RMM) }), 0x3f800001, NX},
		{"binary32 sNaN - 1", u32(func() (uint32, Flags) { return Sub32(sSNaN, 0x3f800000, RNE) }), sQNaN, NV},
		{"binary32 max + max RTZ", u32(func() (uint32, Flags) { return Add32(sMax, sMax, RTZ) }), sMax, OF | NX},
	})
}

func TestMulUnit(t *testing.T) {
	// a × b = (2^27-1)(2^27+1) × 2^-1076 = 2^-1022 - 2^-1076: just under the
	// smallest normal, exactly halfway between the largest subnormal and
	// 2^-1022 once rounded to 53 bits with an unbounded exponent. Rounding
	// up there gives 2^-1022, which is not tiny, so RNE raises no UF; RTZ
	// and RDN stay subnormal and raise UF.
	a := d(float64(1<<27-1) * math.Ldexp(1, -600))
	b := d(float64(1<<27+1) * math.Ldexp(1, -476))
	runUnit(t, []unitCase{
		{"1.5 × 1.5", mul64(d(1.5), d(1.5), RNE), d(2.25), 0},
		{"-2 × 0.5", mul64(d(-2), d(0.5), RNE), d(-1), 0},
		{"0 × -3 is -0", mul64(dPosZero, d(-3), RNE), dNegZero, 0},
		{"inf × 0 invalid", mul64(dInf, dNegZero, RNE), dQNaN, NV},
		{"0 × inf invalid", mul64(dPosZero, dInf, RNE), dQNaN, NV},
		{"inf × -2", mul64(dInf, d(-2), RNE), dNegInf, 0},
		{"qNaN × 0 quiet", mul64(dQNaN, dPosZero, RNE), dQNaN, 0},
		{"sNaN × inf invalid", mul64(dSNaN, dInf, RNE), dQNaN, NV},
		{"max × 2 RNE", mul64(dMax, dTwo, RNE), dInf, OF | NX},
		{"max × 2 RTZ", mul64(dMax, dTwo, RTZ), dMax, OF | NX},
		{"max × -2 RUP", mul64(dMax, d(-2), RUP), dMax | 1<<63, OF | NX},
		{"max × max RDN positive", mul64(dMax, dMax, RDN), dMax, OF | NX},
		{"min normal × 0.5 exact subnormal, no UF", mul64(dMinNorm, d(0.5), RNE), 0x0008000000000000, 0},
		{"min sub × 0.5 RNE ties to even 0", mul64(dMinSub, d(0.5), RNE), dPosZero, UF | NX},
		{"min sub × 0.5 RMM ties away", mul64(dMinSub, d(0.5), RMM), dMinSub, UF | NX},
		{"min sub × 0.5 RUP", mul64(dMinSub, d(0.5), RUP), dMinSub, UF | NX},
		{"-min sub × 0.5 RUP is -0", mul64(dMinSub|1<<63, d(0.5), RUP), dNegZero, UF | NX},
		{"3 × min sub × 0.5 RNE ties to even 2", mul64(3, d(0.5), RNE), 2, UF | NX},
		{"min sub × min sub RUP", mul64(dMinSub, dMinSub, RUP), dMinSub, UF | NX},
		{"min sub × min sub RTZ", mul64(dMinSub, dMinSub, RTZ), dPosZero, UF | NX},
		{"tininess after rounding: RNE rounds to min normal, no UF", mul64(a, b, RNE), dMinNorm, NX},
		{"tininess after rounding: RMM rounds to min normal, no UF", mul64(a, b, RMM), dMinNorm, NX},
		{"tininess after rounding: RUP rounds to min normal, no UF", mul64(a, b, RUP), dMinNorm, NX},
		{"tininess after rounding: RTZ stays subnormal, UF", mul64(a, b, RTZ), dMaxSub, UF | NX},
		{"tininess after rounding: RDN stays subnormal, UF", mul64(a, b, RDN), dMaxSub, UF | NX},
		{"binary32 3 × 1/3 rounded", u32(func() (uint32, Flags) { return Mul32(0x40400000, 0x3eaaaaab, RNE) }), 0x3f800000, NX},
		{"binary32 max × 2 RUP", u32(func() (uint32, Flags) { return Mul32(sMax, 0x40000000, RUP) }), sInf, OF | NX},
		{"binary32 min sub × 0.5 RNE", u32(func() (uint32, Flags) { return Mul32(sMinSub, 0x3f000000, RNE) }), sPosZero, UF | NX},
	})
}

func TestDivUnit(t *testing.T) {
	runUnit(t, []unitCase{
		{"6 / 3", div64(d(6), d(3), RNE), d(2), 0},
		{"1 / 3 RNE", div64(dOne, d(3), RNE), 0x3fd5555555555555, NX},
		{"1 / 3 RUP", div64(dOne, d(3), RUP), 0x3fd5555555555556, NX},
		{"-1 / 3 RDN", div64(d(-1), d(3), RDN), 0xbfd5555555555556, NX},
		{"2 / 3 RNE rounds up", div64(dTwo, d(3), RNE), 0x3fe5555555555555, NX},
		{"1 / 0 divide by zero", div64(dOne, dPosZero, RNE), dInf, DZ},
		{"-1 / +0", div64(d(-1), dPosZero, RNE), dNegInf, DZ},
		{"1 / -0", div64(dOne, dNegZero, RNE), dNegInf, DZ},
		{"0 / 0 invalid", div64(dPosZero, dNegZero, RNE), dQNaN, NV},
		{"inf / inf invalid", div64(dInf, dNegInf, RNE), dQNaN, NV},
		{"inf / 0 is inf, no DZ", div64(dInf, dPosZero, RNE), dInf, 0},
		{"0 / inf", div64(dNegZero, dInf, RNE), dNegZero, 0},
		{"1 / -inf", div64(dOne, dNegInf, RNE), dNegZero, 0},
		{"qNaN / 0 quiet", div64(dQNaN, dPosZero, RNE), dQNaN, 0},
		{"0 / sNaN invalid", div64(dPosZero, dSNaN, RNE), dQNaN, NV},
		{"min sub / 2 RNE", div64(dMinSub, dTwo, RNE), dPosZero, UF | NX},
		{"min sub / 2 RMM", div64(dMinSub, dTwo, RMM), dMinSub, UF | NX},
		{"max / min sub overflows", div64(dMax, dMinSub, RNE), dInf, OF | NX},
		{"max / 0.5 RTZ", div64(dMax, d(0.5), RTZ), dMax, OF | NX},
		{"min normal / 2^52 = min sub exact", div64(dMinNorm, d(1<<52), RNE), dMinSub, 0},
		{"binary32 1 / 3", u32(func() (uint32, Flags) { return Div32(0x3f800000, 0x40400000, RNE) }), 0x3eaaaaab, NX},
		{"binary32 1 / 0", u32(func() (uint32, Flags) { return Div32(0x3f800000, sNegZero, RNE) }), sNegInf, DZ},
	})
}

func TestSqrtUnit(t *testing.T) {
	runUnit(t, []unitCase{
		{"sqrt 4", sqrt64(d(4), RNE), dTwo, 0},
		{"sqrt 2 RNE", sqrt64(dTwo, RNE), 0x3ff6a09e667f3bcd, NX},
		{"sqrt 2 RTZ", sqrt64(dTwo, RTZ), 0x3ff6a09e667f3bcc, NX},
		{"sqrt 2 RUP", sqrt64(dTwo, RUP), 0x3ff6a09e667f3bcd, NX},
		{"sqrt 0.25", sqrt64(d(0.25), RNE), d(0.5), 0},
		{"sqrt -0 is -0", sqrt64(dNegZero, RNE), dNegZero, 0},
		{"sqrt +0", sqrt64(dPosZero, RNE), dPosZero, 0},
		{"sqrt -1 invalid", sqrt64(d(-1), RNE), dQNaN, NV},
		{"sqrt -min sub invalid", sqrt64(dMinSub|1<<63, RNE), dQNaN, NV},
		{"sqrt -inf invalid", sqrt64(dNegInf, RNE), dQNaN, NV},
		{"sqrt inf", sqrt64(dInf, RNE), dInf, 0},
		{"sqrt qNaN quiet", sqrt64(dQNaNPay, RNE), dQNaN, 0},
		{"sqrt sNaN invalid", sqrt64(dSNaN, RNE), dQNaN, NV},
		{"sqrt min sub = 2^-537 exact", sqrt64(dMinSub, RNE), d(math.Ldexp(1, -537)), 0},
		{"sqrt 2^-1073 (odd exponent subnormal) = sqrt2 × 2^-537", sqrt64(2, RNE), 0x1e66a09e667f3bcd, NX},
		{"sqrt max RNE", sqrt64(dMax, RNE), 0x5fefffffffffffff, NX},
		{"binary32 sqrt 2", u32(func() (uint32, Flags) { return Sqrt32(0x40000000, RNE) }), 0x3fb504f3, NX},
		{"binary32 sqrt 2 RTZ", u32(func() (uint32, Flags) { return Sqrt32(0x40000000, RTZ) }), 0x3fb504f3, NX},
		{"binary32 sqrt 2 RUP", u32(func() (uint32, Flags) { return Sqrt32(0x40000000, RUP) }), 0x3fb504f4, NX},
		{"binary32 sqrt -0", u32(func() (uint32, Flags) { return Sqrt32(sNegZero, RNE) }), sNegZero, 0},
		{"binary32 sqrt -2", u32(func() (uint32, Flags) { return Sqrt32(0xc0000000, RNE) }), sQNaN, NV},
	})
}

func TestMulAddUnit(t *testing.T) {
	neg := func(x uint64) uint64 { return x ^ 1<<63 }
	runUnit(t, []unitCase{
		{"1×1+1", fma64(dOne, dOne, dOne, RNE), dTwo, 0},
		{"single rounding: 0.1×10-1", fma64(d(0.1), d(10), d(-1), RNE), 0x3c90000000000000, 0},
		{"(1+ε)(1-ε)-1 = -ε² exactly, ε = 2^-52", fma64(dOnePlus, 0x3feffffffffffffe, d(-1), RNE), 0xb970000000000000, 0},
		{"inf×0+qNaN invalid (RISC-V)", fma64(dInf, dPosZero, dQNaN, RNE), dQNaN, NV},
		{"0×inf+qNaN invalid (RISC-V)", fma64(dNegZero, dInf, dQNaNPay, RNE), dQNaN, NV},
		{"inf×0+1 invalid", fma64(dInf, dPosZero, dOne, RNE), dQNaN, NV},
		{"qNaN×0+1 quiet", fma64(dQNaN, dPosZero, dOne, RNE), dQNaN, 0},
		{"1×1+sNaN invalid", fma64(dOne, dOne, dSNaN, RNE), dQNaN, NV},
		{"inf×1-inf invalid", fma64(dInf, dOne, dNegInf, RNE), dQNaN, NV},
		{"inf×1+inf", fma64(dInf, dOne, dInf, RNE), dInf, 0},
		{"-inf×1+inf invalid", fma64(dNegInf, dOne, dInf, RNE), dQNaN, NV},
		{"2×3-inf", fma64(dTwo, d(3), dNegInf, RNE), dNegInf, 0},
		{"max×2-inf: infinite addend wins", fma64(dMax, dTwo, dNegInf, RNE), dNegInf, 0},
		{"1×1-1 RNE is +0", fma64(dOne, dOne, d(-1), RNE), dPosZero, 0},
		{"1×1-1 RDN is -0", fma64(dOne, dOne, d(-1), RDN), dNegZero, 0},
		{"-0×1+0 RNE is +0", fma64(dNegZero, dOne, dPosZero, RNE), dPosZero, 0},
		{"-0×1+0 RDN is -0", fma64(dNegZero, dOne, dPosZero, RDN), dNegZero, 0},
		{"-0×1-0 is -0", fma64(dNegZero, dOne, dNegZero, RNE), dNegZero, 0},
		{"0×1+subnormal returns it", fma64(dPosZero, dOne, dMaxSub|1<<63, RNE), dMaxSub | 1<<63, 0},
		{"tiny product + 0 underflows", fma64(dMinSub, d(0.5), dPosZero, RNE), dPosZero, UF | NX},
		{"tiny product + 1 RUP", fma64(dMinSub, dMinSub, dOne, RUP), dOnePlus, NX},
		{"tiny product - 1 RTZ", fma64(dMinSub, dMinSub, d(-1), RTZ), 0xbfefffffffffffff, NX},
		{"max×2-max = max exactly", fma64(dMax, dTwo, neg(dMax), RNE), dMax, 0},
		{"max×max overflow", fma64(dMax, dMax, dOne, RTZ), dMax, OF | NX},
		// FNMADD computes (-a)×b - c: for a×b = +0 and c = -0 that is
		// (-0) + (+0) = +0 in RNE, where negating a rounded a×b+c would give -0.
		{"FNMADD as negated inputs: zero sign", fma64(neg(dPosZero), dOne, neg(dNegZero), RNE), dPosZero, 0},
		// FNMSUB computes (-a)×b + c; in RDN -(1×1)+1 is -0.
		{"FNMSUB as negated inputs: RDN zero", fma64(neg(dOne), dOne, dOne, RDN), dNegZero, 0},
		{"binary32 inf×0+qNaN invalid", u32(func() (uint32, Flags) { return MulAdd32(sInf, sPosZero, sQNaN, RNE) }), sQNaN, NV},
		{"binary32 1×1-1 RDN", u32(func() (uint32, Flags) { return MulAdd32(0x3f800000, 0x3f800000, 0xbf800000, RDN) }), sNegZero, 0},
	})
}

func TestMinMaxUnit(t *testing.T) {
	mn := func(a, b uint64) func() (uint64, Flags) { return func() (uint64, Flags) { return Min64(a, b) } }
	mx := func(a, b uint64) func() (uint64, Flags) { return func() (uint64, Flags) { return Max64(a, b) } }
	runUnit(t, []unitCase{
		{"min(-0,+0)", mn(dNegZero, dPosZero), dNegZero, 0},
		{"min(+0,-0)", mn(dPosZero, dNegZero), dNegZero, 0},
		{"max(-0,+0)", mx(dNegZero, dPosZero), dPosZero, 0},
		{"max(+0,-0)", mx(dPosZero, dNegZero), dPosZero, 0},
		{"min(1,2)", mn(dOne, dTwo), dOne, 0},
		{"min(-1,-2)", mn(d(-1), d(-2)), d(-2), 0},
		{"max(-1,-2)", mx(d(-1), d(-2)), d(-1), 0},
		{"min(-inf,max)", mn(dMax, dNegInf), dNegInf, 0},
		{"max(inf,1)", mx(dOne, dInf), dInf, 0},
		{"min(qNaN,1) is 1, quiet", mn(dQNaNPay, dOne), dOne, 0},
		{"max(1,qNaN) is 1, quiet", mx(dOne, dQNaN), dOne, 0},
		{"min(sNaN,1) is 1, invalid", mn(dSNaN, dOne), dOne, NV},
		{"max(-0,sNaN) is -0, invalid", mx(dNegZero, dSNaN), dNegZero, NV},
		{"min(qNaN,qNaN) canonical", mn(dQNaNPay, dQNaNPay), dQNaN, 0},
		{"max(sNaN,qNaN) canonical, invalid", mx(dSNaN, dQNaNPay), dQNaN, NV},
		{"min returns subnormals unchanged", mn(dMaxSub, dMinNorm), dMaxSub, 0},
		{"binary32 min(-0,+0)", u32(func() (uint32, Flags) { return Min32(sPosZero, sNegZero) }), sNegZero, 0},
		{"binary32 max(sNaN,2)", u32(func() (uint32, Flags) { return Max32(sSNaN, 0x40000000) }), 0x40000000, NV},
		{"binary32 max(qNaN,qNaN)", u32(func() (uint32, Flags) { return Max32(sQNaNPay, sQNaN) }), sQNaN, 0},
	})
}

func TestCompareUnit(t *testing.T) {
	eq := func(a, b uint64) func() (uint64, Flags) { return boolean(func() (bool, Flags) { return Eq64(a, b) }) }
	lt := func(a, b uint64) func() (uint64, Flags) { return boolean(func() (bool, Flags) { return Lt64(a, b) }) }
	le := func(a, b uint64) func() (uint64, Flags) { return boolean(func() (bool, Flags) { return Le64(a, b) }) }
	runUnit(t, []unitCase{
		{"eq(+0,-0)", eq(dPosZero, dNegZero), 1, 0},
		{"lt(-0,+0)", lt(dNegZero, dPosZero), 0, 0},
		{"le(-0,+0)", le(dNegZero, dPosZero), 1, 0},
		{"le(+0,-0)", le(dPosZero, dNegZero), 1, 0},
		{"eq(1,1)", eq(dOne, dOne), 1, 0},
		{"eq(1,1+ulp)", eq(dOne, dOnePlus), 0, 0},
		{"lt(-1,1)", lt(d(-1), dOne), 1, 0},
		{"lt(-2,-1)", lt(d(-2), d(-1)), 1, 0},
		{"lt(-1,-2)", lt(d(-1), d(-2)), 0, 0},
		{"lt(1,1)", lt(dOne, dOne), 0, 0},
		{"le(1,1)", le(dOne, dOne), 1, 0},
		{"lt(-inf,inf)", lt(dNegInf, dInf), 1, 0},
		{"lt(max,inf)", lt(dMax, dInf), 1, 0},
		{"le(inf,inf)", le(dInf, dInf), 1, 0},
		{"lt(min sub,min normal)", lt(dMinSub, dMinNorm), 1, 0},
		{"eq(qNaN,qNaN) quiet", eq(dQNaN, dQNaN), 0, 0},
		{"eq(sNaN,1) invalid", eq(dSNaN, dOne), 0, NV},
		{"eq(1,sNaN) invalid", eq(dOne, dSNaN), 0, NV},
		{"lt(qNaN,1) invalid", lt(dQNaN, dOne), 0, NV},
		{"le(1,qNaN) invalid", le(dOne, dQNaNPay), 0, NV},
		{"binary32 le(-0,+0)", boolean(func() (bool, Flags) { return Le32(sNegZero, sPosZero) }), 1, 0},
		{"binary32 lt(qNaN,qNaN)", boolean(func() (bool, Flags) { return Lt32(sQNaN, sQNaN) }), 0, NV},
		{"binary32 eq(qNaN,1)", boolean(func() (bool, Flags) { return Eq32(sQNaN, 0x3f800000) }), 0, 0},
	})
}

func TestClassUnit(t *testing.T) {
	for _, c := range []struct {
		name string
		d    uint64
		s    uint32
		want uint64
	}{
		{"-inf", dNegInf, sNegInf, ClassNegInf},
		{"-normal", d(-1), 0xbf800000, ClassNegNormal},
		{"-subnormal", dMinSub | 1<<63, sMinSub | 1<<31, ClassNegSubnormal},
		{"-0", dNegZero, sNegZero, ClassNegZero},
		{"+0", dPosZero, sPosZero, ClassPosZero},
		{"+subnormal", dMaxSub, sMaxSub, ClassPosSubnormal},
		{"+normal", dMinNorm, sMinNorm, ClassPosNormal},
		{"+inf", dInf, sInf, ClassPosInf},
		{"sNaN", dSNaN, sSNaN, ClassSignalingNaN},
		{"-sNaN", dSNaN | 1<<63, sSNaN | 1<<31, ClassSignalingNaN},
		{"qNaN", dQNaN, sQNaN, ClassQuietNaN},
		{"-qNaN with payload", dQNaNPay, sQNaNPay, ClassQuietNaN},
	} {
		if got := Class64(c.d); got != c.want {
			t.Errorf("Class64 %s: got %#x, want %#x", c.name, got, c.want)
		}
		if got := Class32(c.s); got != c.want {
			t.Errorf("Class32 %s: got %#x, want %#x", c.name, got, c.want)
		}
	}
}

func TestToIntUnit(t *testing.T) {
	const (
		maxI32 = 0x7fffffff
		minI32 = 0x80000000 // as uint32 bits
	)
	toI32 := func(a uint64, rm RoundingMode) func() (uint64, Flags) {
		return i32(func() (int32, Flags) { return F64ToI32(a, rm) })
	}
	toU32 := func(a uint64, rm RoundingMode) func() (uint64, Flags) {
		return u32(func() (uint32, Flags) { return F64ToU32(a, rm) })
	}
	toI64 := func(a uint64, rm RoundingMode) func() (uint64, Flags) {
		return i64(func() (int64, Flags) { return F64ToI64(a, rm) })
	}
	toU64 := func(a uint64, rm RoundingMode) func() (uint64, Flags) {
		return func() (uint64, Flags) { return F64ToU64(a, rm) }
	}
	m := func(v int32) uint64 { return uint64(uint32(v)) }
	runUnit(t, []unitCase{
		{"2.5 RNE", toI32(d(2.5), RNE), 2, NX},
		{"2.5 RMM", toI32(d(2.5), RMM), 3, NX},
		{"2.5 RUP", toI32(d(2.5), RUP), 3, NX},
		{"2.5 RDN", toI32(d(2.5), RDN), 2, NX},
		{"2.5 RTZ", toI32(d(2.5), RTZ), 2, NX},
		{"3.5 RNE", toI32(d(3.5), RNE), 4, NX},
		{"-2.5 RNE", toI32(d(-2.5), RNE), m(-2), NX},
		{"-2.5 RMM", toI32(d(-2.5), RMM), m(-3), NX},
		{"-2.5 RDN", toI32(d(-2.5), RDN), m(-3), NX},
		{"-2.5 RUP", toI32(d(-2.5), RUP), m(-2), NX},
		{"-0.4 RUP gives 0", toI32(d(-0.4), RUP), 0, NX},
		{"7 exact", toI32(d(7), RNE), 7, 0},
		{"-0 exact", toI32(dNegZero, RNE), 0, 0},
		{"min sub RUP gives 1", toI32(dMinSub, RUP), 1, NX},
		{"min sub RNE gives 0", toI32(dMinSub, RNE), 0, NX},
		{"2^31-1 exact", toI32(d(maxI32), RNE), maxI32, 0},
		{"2^31-0.5 RNE rounds to 2^31: invalid, no NX", toI32(d(2147483647.5), RNE), maxI32, NV},
		{"2^31-0.5 RTZ", toI32(d(2147483647.5), RTZ), maxI32, NX},
		{"2^31-0.5 RDN", toI32(d(2147483647.5), RDN), maxI32, NX},
		{"2^31 invalid", toI32(d(2147483648), RTZ), maxI32, NV},
		{"-2^31 exact", toI32(d(-2147483648), RNE), minI32, 0},
		{"-2^31-0.5 RNE ties to even -2^31", toI32(d(-2147483648.5), RNE), minI32, NX},
		{"-2^31-0.5 RTZ", toI32(d(-2147483648.5), RTZ), minI32, NX},
		{"-2^31-0.5 RDN invalid", toI32(d(-2147483648.5), RDN), minI32, NV},
		{"-2^31-0.5 RMM invalid", toI32(d(-2147483648.5), RMM), minI32, NV},
		{"1e300 invalid", toI32(d(1e300), RNE), maxI32, NV},
		{"-1e300 invalid", toI32(d(-1e300), RNE), minI32, NV},
		{"+inf", toI32(dInf, RNE), maxI32, NV},
		{"-inf", toI32(dNegInf, RNE), minI32, NV},
		{"qNaN gives max", toI32(dQNaN, RNE), maxI32, NV},
		{"negative NaN gives max too", toI32(dQNaNPay, RNE), maxI32, NV},
		{"sNaN gives max", toI32(dSNaN, RNE), maxI32, NV},

		{"U32 -0.5 RNE rounds to -0: fine", toU32(d(-0.5), RNE), 0, NX},
		{"U32 -0.5 RDN rounds to -1: invalid", toU32(d(-0.5), RDN), 0, NV},
		{"U32 -0.5 RMM rounds to -1: invalid", toU32(d(-0.5), RMM), 0, NV},
		{"U32 -1 invalid", toU32(d(-1), RTZ), 0, NV},
		{"U32 -0", toU32(dNegZero, RNE), 0, 0},
		{"U32 -inf", toU32(dNegInf, RNE), 0, NV},
		{"U32 NaN", toU32(dQNaNPay, RNE), 0xffffffff, NV},
		{"U32 2^32-1", toU32(d(4294967295), RNE), 0xffffffff, 0},
		{"U32 2^32-0.5 RNE invalid", toU32(d(4294967295.5), RNE), 0xffffffff, NV},
		{"U32 2^32-0.5 RTZ", toU32(d(4294967295.5), RTZ), 0xffffffff, NX},
		{"U32 2^32", toU32(d(4294967296), RTZ), 0xffffffff, NV},
		{"U32 2^31 fits", toU32(d(2147483648), RNE), 0x80000000, 0},

		{"I64 2^63 invalid", toI64(d(9223372036854775808), RNE), math.MaxInt64, NV},
		{"I64 largest below 2^63", toI64(0x43dfffffffffffff, RNE), 0x7ffffffffffffc00, 0},
		{"I64 -2^63 exact", toI64(d(-9223372036854775808), RNE), 1 << 63, 0},
		{"I64 below -2^63", toI64(0xc3e0000000000001, RNE), 1 << 63, NV},
		{"I64 NaN", toI64(dQNaN, RNE), math.MaxInt64, NV},
		{"I64 -inf", toI64(dNegInf, RNE), 1 << 63, NV},
		{"I64 -1.5 RNE", toI64(d(-1.5), RNE), uint64(1<<64 - 2), NX},
		{"I64 2^51+0.5 RNE ties to even", toI64(d(2251799813685248.5), RNE), 2251799813685248, NX},
		{"I64 2^51+1.5 RNE ties to even", toI64(d(2251799813685249.5), RNE), 2251799813685250, NX},
		{"I64 0.5 - ulp RNE", toI64(0x3fdfffffffffffff, RNE), 0, NX},
		{"I64 0.5 - ulp RMM", toI64(0x3fdfffffffffffff, RMM), 0, NX},
		{"I64 1 - ulp RMM", toI64(0x3fefffffffffffff, RMM), 1, NX},

		{"U64 2^64 invalid", toU64(d(18446744073709551616), RNE), math.MaxUint64, NV},
		{"U64 largest below 2^64", toU64(0x43efffffffffffff, RNE), 0xfffffffffffff800, 0},
		{"U64 2^63 fits", toU64(d(9223372036854775808), RNE), 1 << 63, 0},
		{"U64 -0.3 RUP rounds to -0", toU64(d(-0.3), RUP), 0, NX},
		{"U64 -0.3 RDN invalid", toU64(d(-0.3), RDN), 0, NV},
		{"U64 NaN", toU64(dSNaN, RNE), math.MaxUint64, NV},
		{"U64 inf", toU64(dInf, RNE), math.MaxUint64, NV},

		{"F32ToI32 2^31 invalid", i32(func() (int32, Flags) { return F32ToI32(0x4f000000, RNE) }), maxI32, NV},
		{"F32ToI32 -2^31 exact", i32(func() (int32, Flags) { return F32ToI32(0xcf000000, RNE) }), minI32, 0},
		{"F32ToI32 largest below 2^31", i32(func() (int32, Flags) { return F32ToI32(0x4effffff, RNE) }), 0x7fffff80, 0},
		{"F32ToU32 -0.75 RNE invalid", u32(func() (uint32, Flags) { return F32ToU32(0xbf400000, RNE) }), 0, NV},
		{"F32ToU32 NaN", u32(func() (uint32, Flags) { return F32ToU32(sQNaNPay, RNE) }), 0xffffffff, NV},
		{"F32ToI64 2^63 invalid", i64(func() (int64, Flags) { return F32ToI64(0x5f000000, RNE) }), math.MaxInt64, NV},
		{"F32ToI64 -2^63 exact", i64(func() (int64, Flags) { return F32ToI64(0xdf000000, RNE) }), 1 << 63, 0},
		{"F32ToU64 largest below 2^64", func() (uint64, Flags) { return F32ToU64(sBelow2_64, RNE) }, 0xffffff0000000000, 0},
		{"F32ToU64 2^64 invalid", func() (uint64, Flags) { return F32ToU64(sTwoTo64, RNE) }, math.MaxUint64, NV},
		{"F32ToU64 1.5 RMM", func() (uint64, Flags) { return F32ToU64(0x3fc00000, RMM) }, 2, NX},
	})
}

func TestFromIntUnit(t *testing.T) {
	runUnit(t, []unitCase{
		{"I64 0 is +0", func() (uint64, Flags) { return I64ToF64(0, RDN) }, dPosZero, 0},
		{"I64 -1", func() (uint64, Flags) { return I64ToF64(-1, RNE) }, d(-1), 0},
		{"I64 2^53+1 RNE ties to even", func() (uint64, Flags) { return I64ToF64(1<<53+1, RNE) }, d(1 << 53), NX},
		{"I64 2^53+1 RMM", func() (uint64, Flags) { return I64ToF64(1<<53+1, RMM) }, d(1<<53 + 2), NX},
		{"I64 2^53+1 RUP", func() (uint64, Flags) { return I64ToF64(1<<53+1, RUP) }, d(1<<53 + 2), NX},
		{"I64 2^53+3 RNE ties to even (up)", func() (uint64, Flags) { return I64ToF64(1<<53+3, RNE) }, d(1<<53 + 4), NX},
		{"I64 -(2^53+1) RDN", func() (uint64, Flags) { return I64ToF64(-(1<<53 + 1), RDN) }, d(-(1<<53 + 2)), NX},
		{"I64 -(2^53+1) RUP", func() (uint64, Flags) { return I64ToF64(-(1<<53 + 1), RUP) }, d(-(1 << 53)), NX},
		{"I64 min", func() (uint64, Flags) { return I64ToF64(math.MinInt64, RNE) }, d(-9223372036854775808), 0},
		{"I64 max RNE", func() (uint64, Flags) { return I64ToF64(math.MaxInt64, RNE) }, d(9223372036854775808), NX},
		{"I64 max RTZ", func() (uint64, Flags) { return I64ToF64(math.MaxInt64, RTZ) }, 0x43dfffffffffffff, NX},
		{"U64 max RNE", func() (uint64, Flags) { return U64ToF64(math.MaxUint64, RNE) }, d(18446744073709551616), NX},
		{"U64 max RTZ", func() (uint64, Flags) { return U64ToF64(math.MaxUint64, RTZ) }, 0x43efffffffffffff, NX},
		{"I32 min exact", func() (uint64, Flags) { return I32ToF64(math.MinInt32, RNE) }, d(-2147483648), 0},
		{"U32 max exact", func() (uint64, Flags) { return U32ToF64(math.MaxUint32, RTZ) }, d(4294967295), 0},
		{"F32 from I32 2^24+1 RNE", u32(func() (uint32, Flags) { return I32ToF32(1<<24+1, RNE) }), 0x4b800000, NX},
		{"F32 from I32 2^24+1 RMM", u32(func() (uint32, Flags) { return I32ToF32(1<<24+1, RMM) }), 0x4b800001, NX},
		{"F32 from I32 -(2^24+1) RDN", u32(func() (uint32, Flags) { return I32ToF32(-(1<<24 + 1), RDN) }), 0xcb800001, NX},
		{"F32 from I32 max RNE", u32(func() (uint32, Flags) { return I32ToF32(math.MaxInt32, RNE) }), 0x4f000000, NX},
		{"F32 from I32 0", u32(func() (uint32, Flags) { return I32ToF32(0, RDN) }), sPosZero, 0},
		{"F32 from U32 max RTZ", u32(func() (uint32, Flags) { return U32ToF32(math.MaxUint32, RTZ) }), 0x4f7fffff, NX},
		{"F32 from I64 min", u32(func() (uint32, Flags) { return I64ToF32(math.MinInt64, RNE) }), 0xdf000000, 0},
		{"F32 from U64 max RNE", u32(func() (uint32, Flags) { return U64ToF32(math.MaxUint64, RNE) }), sTwoTo64, NX},
		{"F32 from U64 max RTZ", u32(func() (uint32, Flags) { return U64ToF32(math.MaxUint64, RTZ) }), sBelow2_64, NX},
	})
}

func TestFloatConvertUnit(t *testing.T) {
	narrow := func(a uint64, rm RoundingMode) func() (uint64, Flags) {
		return u32(func() (uint32, Flags) { return F64ToF32(a, rm) })
	}
	widen := func(a uint32) func() (uint64, Flags) {
		return func() (uint64, Flags) { return F32ToF64(a) }
	}
	// 2^-126 - 2^-151: 25 ones, just under binary32's smallest normal and
	// halfway at 24 bits; see TestMulUnit for the tininess reasoning.
	const justUnderMinNorm32 = 0x380ffffff0000000
	runUnit(t, []unitCase{
		{"widen 1.5", widen(0x3fc00000), d(1.5), 0},
		{"widen -0", widen(sNegZero), dNegZero, 0},
		{"widen min sub", widen(sMinSub), d(math.Ldexp(1, -149)), 0},
		{"widen max sub", widen(sMaxSub), d(math.Ldexp(float64(0x7fffff), -149)), 0},
		{"widen -inf", widen(sNegInf), dNegInf, 0},
		{"widen qNaN", widen(sQNaNPay), dQNaN, 0},
		{"widen sNaN", widen(sSNaN), dQNaN, NV},
		{"narrow 1.5", narrow(d(1.5), RNE), 0x3fc00000, 0},
		{"narrow 0.1 RNE", narrow(d(0.1), RNE), 0x3dcccccd, NX},
		{"narrow 0.1 RTZ", narrow(d(0.1), RTZ), 0x3dcccccc, NX},
		{"narrow 1e300 RNE", narrow(d(1e300), RNE), sInf, OF | NX},
		{"narrow 1e300 RTZ", narrow(d(1e300), RTZ), sMax, OF | NX},
		{"narrow -1e300 RUP", narrow(d(-1e300), RUP), sMax | 1<<31, OF | NX},
		{"narrow 1e-300 RNE", narrow(d(1e-300), RNE), sPosZero, UF | NX},
		{"narrow 1e-300 RUP", narrow(d(1e-300), RUP), sMinSub, UF | NX},
		{"narrow -1e-300 RDN", narrow(d(-1e-300), RDN), sMinSub | 1<<31, UF | NX},
		{"narrow binary64 subnormal RUP", narrow(dMinSub, RUP), sMinSub, UF | NX},
		{"narrow binary64 subnormal RNE", narrow(dMinSub, RNE), sPosZero, UF | NX},
		{"narrow exact binary32 subnormal, no UF", narrow(d(math.Ldexp(3, -149)), RNE), 3, 0},
		{"narrow just under min normal RNE: not tiny", narrow(justUnderMinNorm32, RNE), sMinNorm, NX},
		{"narrow just under min normal RTZ: tiny", narrow(justUnderMinNorm32, RTZ), sMaxSub, UF | NX},
		{"narrow binary32 max + half ulp RNE overflows", narrow(0x47effffff0000000, RNE), sInf, OF | NX},
		{"narrow binary32 max + less than half ulp", narrow(0x47efffffefffffff, RNE), sMax, NX},
		{"narrow binary32 max exact", narrow(0x47efffffe0000000, RNE), sMax, 0},
		{"narrow -0", narrow(dNegZero, RNE), sNegZero, 0},
		{"narrow inf", narrow(dInf, RTZ), sInf, 0},
		{"narrow qNaN", narrow(dQNaNPay, RNE), sQNaN, 0},
		{"narrow sNaN", narrow(dSNaN, RNE), sQNaN, NV},
	})
}

// TestIsqrt checks the integer square roots behind Sqrt at the ends of their
// ranges and on perfect squares, where Newton's method is most fragile.
func TestIsqrt(t *testing.T) {
	for _, n := range []uint64{1 << 60, 1<<60 + 1, 1<<62 - 1, 3 << 60, (1<<31 - 1) * (1<<31 - 1), (1 << 30) * (1 << 30), (1<<31-1)*(1<<31-1) - 1} {
		if n < 1<<60 || n >= 1<<62 {
			continue
		}
		r := isqrt64(n)
		if r*r > n || (r+1)*(r+1) <= n {
			t.Errorf("isqrt64(%#x) = %#x, not the floor of the root", n, r)
		}
	}
	for _, c := range []struct{ hi, lo uint64 }{
		{1 << 60, 0}, {1 << 60, 1}, {1<<62 - 1, math.MaxUint64}, {3 << 60, 0},
	} {
		r, exact := isqrt128(c.hi, c.lo)
		sqHi, sqLo := mul128(r, r)
		nextHi, nextLo := mul128(r+1, r+1)
		if less128(c.hi, c.lo, sqHi, sqLo) || !less128(c.hi, c.lo, nextHi, nextLo) {
			t.Errorf("isqrt128(%#x, %#x) = %#x, not the floor of the root", c.hi, c.lo, r)
		}
		if exact != (sqHi == c.hi && sqLo == c.lo) {
			t.Errorf("isqrt128(%#x, %#x): exact = %v", c.hi, c.lo, exact)
		}
	}
	// Perfect squares of the largest roots.
	for _, r := range []uint64{1<<63 - 1, 1<<63 - 2, 1 << 62, 1<<62 + 1} {
		hi, lo := mul128(r, r)
		got, exact := isqrt128(hi, lo)
		if got != r || !exact {
			t.Errorf("isqrt128(%d²) = %d, exact %v", r, got, exact)
		}
	}
}

func mul128(a, b uint64) (uint64, uint64) {
	// Schoolbook on 32-bit halves, independent of math/bits.
	aH, aL, bH, bL := a>>32, a&0xffffffff, b>>32, b&0xffffffff
	ll := aL * bL
	lh := aL * bH
	hl := aH * bL
	hh := aH * bH
	mid := ll>>32 + lh&0xffffffff + hl&0xffffffff
	lo := ll&0xffffffff | mid<<32
	hi := hh + lh>>32 + hl>>32 + mid>>32
	return hi, lo
}

func less128(aHi, aLo, bHi, bLo uint64) bool {
	return aHi < bHi || aHi == bHi && aLo < bLo
}

// TestNoAllocations checks that no operation allocates, on ordinary,
// subnormal and NaN operands.
func TestNoAllocations(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation changes allocation counts")
	}
	var sink uint64
	for _, v := range []struct{ a, b, c uint64 }{
		{d(1.5), d(-2.25), d(3)}, {dMinSub, dMaxSub, dNegZero}, {dSNaN, dQNaNPay, dInf},
	} {
		for _, op := range diffOps() {
			allocs := testing.AllocsPerRun(20, func() {
				r, fl := op.soft(v.a, v.b, v.c, RMM)
				sink += r + uint64(fl)
			})
			if allocs != 0 {
				t.Errorf("%s allocates %.0f times per call", op.name, allocs)
			}
		}
	}
	_ = sink
}

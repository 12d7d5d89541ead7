package softfloat

// Fuzz targets: random bit patterns and rounding-mode bytes (reserved modes
// included) through every operation. They check that nothing panics and that
// invariants hold: NaN results are canonical, flags stay within the five
// fflags bits, comparisons agree with each other, Min/Max return an operand,
// conversions saturate, exact round trips are exact, and commutative
// operations commute. Where the host oracle is available each input is also
// checked against it (or, for RMM or without cgo, against the exact
// oracle), like the differential test.
//
//	go test -run '^$' -fuzz FuzzBinary64 ./emu/softfloat
//	go test -run '^$' -fuzz FuzzBinary32 ./emu/softfloat
//	go test -run '^$' -fuzz FuzzFromInt ./emu/softfloat

import (
	"math"
	"testing"

	"github.com/rivetvm/rivet/emu/softfloat/internal/hostfp"
)

func FuzzBinary64(f *testing.F) {
	for _, v := range [][3]uint64{
		{dOne, dTwo, dQNaN}, {dInf, dPosZero, dQNaN}, {dMinSub, d(0.5), dNegZero}, {dMax, dMax, dNegInf},
		{dSNaN, dQNaNPay, dOne}, {dMinNorm, 0x3fefffffffffffff, dMaxSub}, {d(2147483647.5), d(-0.5), d(1e300)},
	} {
		for rm := range uint8(6) {
			f.Add(v[0], v[1], v[2], rm)
		}
	}
	ops := opsOf(binary64)
	f.Fuzz(func(t *testing.T, a, b, c uint64, rmByte uint8) {
		rm := RoundingMode(rmByte)
		checkInvariants(t, binary64, a, b, c, rm)
		checkAgainstOracles(t, ops, a, b, c, rm)
	})
}

func FuzzBinary32(f *testing.F) {
	for _, v := range [][3]uint32{
		{0x3f800000, 0x40000000, sQNaN}, {sInf, sPosZero, sQNaN}, {sMinSub, 0x3f000000, sNegZero},
		{sMax, sMax, sNegInf}, {sSNaN, sQNaNPay, 0x3f800000}, {0x4f000000, 0xbf000000, 0xcf000000},
	} {
		for rm := range uint8(6) {
			f.Add(v[0], v[1], v[2], rm)
		}
	}
	ops := opsOf(binary32)
	f.Fuzz(func(t *testing.T, a, b, c uint32, rmByte uint8) {
		rm := RoundingMode(rmByte)
		checkInvariants(t, binary32, uint64(a), uint64(b), uint64(c), rm)
		checkAgainstOracles(t, ops, uint64(a), uint64(b), uint64(c), rm)
		// The binary64 value of a narrows back exactly.
		w, fl := F32ToF64(a)
		if !binary32.isNaN(uint64(a)) {
			back, fl2 := F64ToF32(w, rm)
			if back != a || fl|fl2 != 0 {
				t.Errorf("F64ToF32(F32ToF64(%#x)) = %#x %v %v", a, back, fl, fl2)
			}
		}
	})
}

func FuzzFromInt(f *testing.F) {
	for _, v := range edgeIntegers() {
		f.Add(v, uint8(0))
		f.Add(v, uint8(4))
	}
	var ops []diffOp
	for _, op := range diffOps() {
		if op.shape == fromInteger {
			ops = append(ops, op)
		}
	}
	f.Fuzz(func(t *testing.T, v uint64, rmByte uint8) {
		rm := RoundingMode(rmByte)
		for _, op := range ops {
			r, fl := op.soft(v, 0, 0, rm)
			checkFlags(t, op.name, fl)
			if op.result.isNaN(r) || op.result.isInf(r) {
				t.Errorf("%s(%#x) = %#x: integers convert to finite numbers", op.name, v, r)
			}
		}
		// 32-bit integers convert to binary64 exactly and back.
		x := int32(v)
		w, fl := I32ToF64(x, rm)
		back, fl2 := F64ToI32(w, rm)
		if back != x || fl|fl2 != 0 {
			t.Errorf("F64ToI32(I32ToF64(%d)) = %d %v %v", x, back, fl, fl2)
		}
		u := uint32(v)
		w, fl = U32ToF64(u, rm)
		backU, fl2 := F64ToU32(w, rm)
		if backU != u || fl|fl2 != 0 {
			t.Errorf("F64ToU32(U32ToF64(%d)) = %d %v %v", u, backU, fl, fl2)
		}
		checkAgainstOracles(t, ops, v, 0, 0, rm)
	})
}

func opsOf(f format) []diffOp {
	var ops []diffOp
	for _, op := range diffOps() {
		if op.f == f && op.shape != fromInteger {
			ops = append(ops, op)
		}
	}
	return ops
}

func checkFlags(t *testing.T, name string, fl Flags) {
	t.Helper()
	if fl&^AllFlags != 0 {
		t.Errorf("%s: flags %#x outside fflags", name, uint8(fl))
	}
}

// checkAgainstOracles compares each operation with the oracles of the
// differential test (the exact oracle alone where the host is unavailable)
// when rm is valid.
func checkAgainstOracles(t *testing.T, ops []diffOp, a, b, c uint64, rm RoundingMode) {
	t.Helper()
	if rm > RMM {
		return
	}
	for _, op := range ops {
		mode := rm
		if !op.rounds {
			mode = RNE
		}
		want, wantFl, src, ok := op.expect(a, b, c, mode, hostfp.Available)
		if !ok {
			continue
		}
		got, gotFl := op.soft(a, b, c, mode)
		if !op.agree(got, want) || gotFl != wantFl {
			t.Errorf("%s(%#x, %#x, %#x) %v: got %#x %v, want %#x %v (oracle %d)",
				op.name, a, b, c, mode, got, gotFl, want, wantFl, src)
		}
	}
}

// wide is a format-independent view of the operations, for the invariants.
type wide struct {
	add, sub, mul, div func(a, b uint64, rm RoundingMode) (uint64, Flags)
	sqrt               func(a uint64, rm RoundingMode) (uint64, Flags)
	fma                func(a, b, c uint64, rm RoundingMode) (uint64, Flags)
	min, max           func(a, b uint64) (uint64, Flags)
	eq, lt, le         func(a, b uint64) (bool, Flags)
	class              func(a uint64) uint64
	toI32, toI64       func(a uint64, rm RoundingMode) (int64, Flags)
	toU32, toU64       func(a uint64, rm RoundingMode) (uint64, Flags)
}

func wideOps(f format) wide {
	if f == binary64 {
		return wide{
			add: Add64, sub: Sub64, mul: Mul64, div: Div64, sqrt: Sqrt64, fma: MulAdd64,
			min: Min64, max: Max64, eq: Eq64, lt: Lt64, le: Le64, class: Class64,
			toI32: func(a uint64, rm RoundingMode) (int64, Flags) { r, fl := F64ToI32(a, rm); return int64(r), fl },
			toI64: F64ToI64,
			toU32: func(a uint64, rm RoundingMode) (uint64, Flags) { r, fl := F64ToU32(a, rm); return uint64(r), fl },
			toU64: F64ToU64,
		}
	}
	w2 := func(op func(a, b uint32, rm RoundingMode) (uint32, Flags)) func(a, b uint64, rm RoundingMode) (uint64, Flags) {
		return func(a, b uint64, rm RoundingMode) (uint64, Flags) {
			r, fl := op(uint32(a), uint32(b), rm)
			return uint64(r), fl
		}
	}
	mm := func(op func(a, b uint32) (uint32, Flags)) func(a, b uint64) (uint64, Flags) {
		return func(a, b uint64) (uint64, Flags) { r, fl := op(uint32(a), uint32(b)); return uint64(r), fl }
	}
	cmp := func(op func(a, b uint32) (bool, Flags)) func(a, b uint64) (bool, Flags) {
		return func(a, b uint64) (bool, Flags) { return op(uint32(a), uint32(b)) }
	}
	return wide{
		add: w2(Add32), sub: w2(Sub32), mul: w2(Mul32), div: w2(Div32),
		sqrt: func(a uint64, rm RoundingMode) (uint64, Flags) { r, fl := Sqrt32(uint32(a), rm); return uint64(r), fl },
		fma: func(a, b, c uint64, rm RoundingMode) (uint64, Flags) {
			r, fl := MulAdd32(uint32(a), uint32(b), uint32(c), rm)
			return uint64(r), fl
		},
		min: mm(Min32), max: mm(Max32), eq: cmp(Eq32), lt: cmp(Lt32), le: cmp(Le32),
		class: func(a uint64) uint64 { return Class32(uint32(a)) },
		toI32: func(a uint64, rm RoundingMode) (int64, Flags) { r, fl := F32ToI32(uint32(a), rm); return int64(r), fl },
		toI64: func(a uint64, rm RoundingMode) (int64, Flags) { return F32ToI64(uint32(a), rm) },
		toU32: func(a uint64, rm RoundingMode) (uint64, Flags) {
			r, fl := F32ToU32(uint32(a), rm)
			return uint64(r), fl
		},
		toU64: func(a uint64, rm RoundingMode) (uint64, Flags) { return F32ToU64(uint32(a), rm) },
	}
}

func checkInvariants(t *testing.T, f format, a, b, c uint64, rm RoundingMode) {
	t.Helper()
	w := wideOps(f)
	signBit := uint64(1) << f.signShift()
	float := func(name string, r uint64, fl Flags) {
		t.Helper()
		checkFlags(t, name, fl)
		if f.isNaN(r) && r != f.canonicalNaN() {
			t.Errorf("%s(%#x, %#x, %#x) %v: non-canonical NaN %#x", name, a, b, c, rm, r)
		}
		if r>>f.width() != 0 {
			t.Errorf("%s: result %#x wider than the format", name, r)
		}
	}
	sum, sumFl := w.add(a, b, rm)
	float("add", sum, sumFl)
	if r, fl := w.add(b, a, rm); r != sum || fl != sumFl {
		t.Errorf("add(%#x, %#x) does not commute", a, b)
	}
	if r, fl := w.sub(a, b^signBit, rm); r != sum || fl != sumFl {
		t.Errorf("sub(%#x, -%#x) differs from add", a, b)
	}
	prod, prodFl := w.mul(a, b, rm)
	float("mul", prod, prodFl)
	if r, fl := w.mul(b, a, rm); r != prod || fl != prodFl {
		t.Errorf("mul(%#x, %#x) does not commute", a, b)
	}
	r, fl := w.div(a, b, rm)
	float("div", r, fl)
	r, fl = w.sqrt(a, rm)
	float("sqrt", r, fl)
	fused, fusedFl := w.fma(a, b, c, rm)
	float("fma", fused, fusedFl)
	if r, fl := w.fma(b, a, c, rm); r != fused || fl != fusedFl {
		t.Errorf("fma(%#x, %#x, %#x) does not commute in its factors", a, b, c)
	}

	aNaN, bNaN := f.isNaN(a), f.isNaN(b)
	anySignaling := f.isSignalingNaN(a) || f.isSignalingNaN(b)
	for _, op := range []struct {
		name string
		fn   func(a, b uint64) (uint64, Flags)
	}{{"min", w.min}, {"max", w.max}} {
		r, fl := op.fn(a, b)
		float(op.name, r, fl)
		switch {
		case aNaN && bNaN:
			if r != f.canonicalNaN() {
				t.Errorf("%s(%#x, %#x) = %#x, want the canonical NaN", op.name, a, b, r)
			}
		case r != a && r != b:
			t.Errorf("%s(%#x, %#x) = %#x, not an operand", op.name, a, b, r)
		}
		if (fl == NV) != anySignaling || fl&^NV != 0 {
			t.Errorf("%s(%#x, %#x) flags %v", op.name, a, b, fl)
		}
		if r2, fl2 := op.fn(b, a); r2 != r || fl2 != fl {
			t.Errorf("%s(%#x, %#x) is not symmetric", op.name, a, b)
		}
	}

	eq, eqFl := w.eq(a, b)
	lt, ltFl := w.lt(a, b)
	le, leFl := w.le(a, b)
	gt, _ := w.lt(b, a)
	for _, fl := range []Flags{eqFl, ltFl, leFl} {
		checkFlags(t, "compare", fl)
	}
	if aNaN || bNaN {
		if eq || lt || le || ltFl != NV || leFl != NV || (eqFl == NV) != anySignaling {
			t.Errorf("compare with NaN (%#x, %#x): eq %v %v lt %v %v le %v %v", a, b, eq, eqFl, lt, ltFl, le, leFl)
		}
	} else {
		if eqFl|ltFl|leFl != 0 {
			t.Errorf("compare (%#x, %#x) raised flags", a, b)
		}
		if le != (lt || eq) || b2u(eq)+b2u(lt)+b2u(gt) != 1 {
			t.Errorf("compare (%#x, %#x) inconsistent: eq %v lt %v gt %v le %v", a, b, eq, lt, gt, le)
		}
	}

	if cls := w.class(a); cls == 0 || cls&(cls-1) != 0 || cls >= 1<<10 {
		t.Errorf("class(%#x) = %#x, want exactly one of the ten bits", a, cls)
	}

	type signedConv struct {
		name     string
		fn       func(uint64, RoundingMode) (int64, Flags)
		min, max int64
	}
	for _, cv := range []signedConv{
		{"toI32", w.toI32, math.MinInt32, math.MaxInt32},
		{"toI64", w.toI64, math.MinInt64, math.MaxInt64},
	} {
		r, fl := cv.fn(a, rm)
		checkFlags(t, cv.name, fl)
		if fl&^(NV|NX) != 0 || fl == NV|NX {
			t.Errorf("%s(%#x) flags %v", cv.name, a, fl)
		}
		if fl&NV != 0 && r != cv.min && r != cv.max {
			t.Errorf("%s(%#x) = %d with NV: not saturated", cv.name, a, r)
		}
		if aNaN && (r != cv.max || fl != NV) {
			t.Errorf("%s(NaN %#x) = %d %v, want max with NV", cv.name, a, r, fl)
		}
	}
	type unsignedConv struct {
		name string
		fn   func(uint64, RoundingMode) (uint64, Flags)
		max  uint64
	}
	for _, cv := range []unsignedConv{{"toU32", w.toU32, math.MaxUint32}, {"toU64", w.toU64, math.MaxUint64}} {
		r, fl := cv.fn(a, rm)
		checkFlags(t, cv.name, fl)
		if fl&^(NV|NX) != 0 || fl == NV|NX {
			t.Errorf("%s(%#x) flags %v", cv.name, a, fl)
		}
		if fl&NV != 0 && r != 0 && r != cv.max {
			t.Errorf("%s(%#x) = %d with NV: not saturated", cv.name, a, r)
		}
		if aNaN && (r != cv.max || fl != NV) {
			t.Errorf("%s(NaN %#x) = %d %v, want max with NV", cv.name, a, r, fl)
		}
	}
}

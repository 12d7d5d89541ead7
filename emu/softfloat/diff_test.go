package softfloat

// The differential test: every operation, in every rounding mode, on edge
// operands and on random operands biased toward edge classes, against an
// independent oracle.
//
// Oracles:
//   - RNE, RTZ, RDN, RUP: the host FPU (internal/hostfp, x86-64 SSE through
//     cgo), with the rounding mode set by fesetround and the flags read back
//     by fetestexcept.
//   - RMM, which C cannot select: the exact big-integer oracle of
//     oracle_test.go for every operation that rounds (arithmetic and all
//     conversions); it is itself checked against the host on a quarter of
//     the cases in the other four modes (and in RMM too for conversions to
//     integers, where the host has round()). Where that oracle declines
//     (zero, infinite or NaN operands, exact zero results) the rounding mode
//     plays no part, so the host's round-to-nearest answer is expected.
//   - Without cgo (e.g. a CI image with no C compiler) the host is
//     unavailable: every rounding operation is then checked against the exact
//     oracle alone, in all five modes, on the cases where it answers; the
//     others (FMIN/FMAX, comparisons, FCLASS, F32ToF64) rely on the unit
//     tables and the fuzz invariants.
//
// Where the host and RISC-V legitimately differ, the expectation follows
// RISC-V (the list is in the package doc):
//   - NaN results: x86 propagates payloads and uses a negative default NaN;
//     only NaN-ness is compared, and our NaN must be the canonical one.
//   - fma(inf, 0, qNaN) and fma(0, inf, qNaN): x86 raises no invalid flag,
//     RISC-V raises NV; the expectation is the canonical NaN with NV.
//   - Float-to-integer conversions, FMIN/FMAX and FCLASS: hostfp applies
//     RISC-V's rules to host-computed roundings, comparisons and
//     classifications (see the hostfp doc).
//
// Case counts: 60 000 random cases per rounding mode and operation (300 000
// per operation; operations without a rounding mode get the same total in
// one mode), plus the edge lists; RIVET_FP_LONG=1 multiplies the random
// cases by 20, -short divides them by 15. RIVET_FP_SEED changes the seed.

import (
	"hash/fnv"
	"math"
	"os"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/rivetvm/rivet/emu/softfloat/internal/hostfp"
)

type operandShape int

const (
	unary operandShape = iota
	binary
	ternary
	fromInteger
)

// diffOp is one operation under test.
type diffOp struct {
	name   string
	f      format // operand format; for conversions from integers, the result format
	shape  operandShape
	rounds bool   // takes a rounding mode
	result format // float result format; 0 for integer and boolean results
	hostOp hostfp.Op
	host64 bool // hostfp.Run64 (binary64 operands or result) rather than Run32
	soft   func(a, b, c uint64, rm RoundingMode) (uint64, Flags)
	// exact is the big-integer oracle, used for RMM; nil where the host
	// covers RMM itself.
	exact func(a, b, c uint64, rm RoundingMode) (uint64, Flags, bool)
	// operands draws random operands; nil for the default of the shape.
	operands func(g gen) (a, b, c uint64)
	// extraEdges are fixed operands beyond the format's edge list.
	extraEdges func() [][3]uint64
	relation   string // how the second operand relates to the first: "add", "mul", "div"
	// hostRMM marks operations the host can also do in RMM (float to
	// integer, through round()); there the exact oracle is checked against
	// the host in all five modes.
	hostRMM bool
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func sext32(v int32) uint64 { return uint64(int64(v)) }

func diffOps() []diffOp {
	s32, s64 := spec32, spec64
	ops := []diffOp{
		{name: "Add32", f: binary32, shape: binary, rounds: true, result: binary32, hostOp: hostfp.Add, relation: "add",
			soft: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := Add32(uint32(a), uint32(b), rm)
				return uint64(r), fl
			},
			exact: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactAdd(s32, a, b, rm) }},
		{name: "Sub32", f: binary32, shape: binary, rounds: true, result: binary32, hostOp: hostfp.Sub, relation: "add",
			soft: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := Sub32(uint32(a), uint32(b), rm)
				return uint64(r), fl
			},
			exact: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactAdd(s32, a, b^1<<31, rm) }},
		{name: "Mul32", f: binary32, shape: binary, rounds: true, result: binary32, hostOp: hostfp.Mul, relation: "mul",
			soft: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := Mul32(uint32(a), uint32(b), rm)
				return uint64(r), fl
			},
			exact: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactMul(s32, a, b, rm) }},
		{name: "Div32", f: binary32, shape: binary, rounds: true, result: binary32, hostOp: hostfp.Div, relation: "div",
			soft: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := Div32(uint32(a), uint32(b), rm)
				return uint64(r), fl
			},
			exact: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactDiv(s32, a, b, rm) }},
		{name: "Sqrt32", f: binary32, shape: unary, rounds: true, result: binary32, hostOp: hostfp.Sqrt,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := Sqrt32(uint32(a), rm)
				return uint64(r), fl
			},
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactSqrt(s32, a, rm) }},
		{name: "MulAdd32", f: binary32, shape: ternary, rounds: true, result: binary32, hostOp: hostfp.FMA,
			soft: func(a, b, c uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := MulAdd32(uint32(a), uint32(b), uint32(c), rm)
				return uint64(r), fl
			},
			exact: func(a, b, c uint64, rm RoundingMode) (uint64, Flags, bool) { return exactMulAdd(s32, a, b, c, rm) }},
		{name: "Min32", f: binary32, shape: binary, result: binary32, hostOp: hostfp.Min, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) {
				r, fl := Min32(uint32(a), uint32(b))
				return uint64(r), fl
			}},
		{name: "Max32", f: binary32, shape: binary, result: binary32, hostOp: hostfp.Max, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) {
				r, fl := Max32(uint32(a), uint32(b))
				return uint64(r), fl
			}},
		{name: "Eq32", f: binary32, shape: binary, hostOp: hostfp.Eq, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) {
				r, fl := Eq32(uint32(a), uint32(b))
				return b2u(r), fl
			}},
		{name: "Lt32", f: binary32, shape: binary, hostOp: hostfp.Lt, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) {
				r, fl := Lt32(uint32(a), uint32(b))
				return b2u(r), fl
			}},
		{name: "Le32", f: binary32, shape: binary, hostOp: hostfp.Le, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) {
				r, fl := Le32(uint32(a), uint32(b))
				return b2u(r), fl
			}},
		{name: "Class32", f: binary32, shape: unary, hostOp: hostfp.Class,
			soft: func(a, _, _ uint64, _ RoundingMode) (uint64, Flags) { return Class32(uint32(a)), 0 }},
		{name: "F32ToI32", hostRMM: true,
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactToInt(s32, a, rm, true, 32) },
			f:     binary32, shape: unary, rounds: true, hostOp: hostfp.ToI32,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := F32ToI32(uint32(a), rm)
				return sext32(r), fl
			}},
		{name: "F32ToU32", hostRMM: true,
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactToInt(s32, a, rm, false, 32) },
			f:     binary32, shape: unary, rounds: true, hostOp: hostfp.ToU32,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := F32ToU32(uint32(a), rm)
				return uint64(r), fl
			}},
		{name: "F32ToI64", hostRMM: true,
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactToInt(s32, a, rm, true, 64) },
			f:     binary32, shape: unary, rounds: true, hostOp: hostfp.ToI64,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := F32ToI64(uint32(a), rm)
				return uint64(r), fl
			}},
		{name: "F32ToU64", hostRMM: true,
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactToInt(s32, a, rm, false, 64) },
			f:     binary32, shape: unary, rounds: true, hostOp: hostfp.ToU64,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) { return F32ToU64(uint32(a), rm) }},
		{name: "I32ToF32", f: binary32, shape: fromInteger, rounds: true, result: binary32, hostOp: hostfp.FromI32,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := I32ToF32(int32(a), rm)
				return uint64(r), fl
			},
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) {
				v := int64(int32(a))
				return exactFromInt(s32, v < 0, absInt(v), rm)
			}},
		{name: "U32ToF32", f: binary32, shape: fromInteger, rounds: true, result: binary32, hostOp: hostfp.FromU32,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := U32ToF32(uint32(a), rm)
				return uint64(r), fl
			},
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) {
				return exactFromInt(s32, false, uint64(uint32(a)), rm)
			}},
		{name: "I64ToF32", f: binary32, shape: fromInteger, rounds: true, result: binary32, hostOp: hostfp.FromI64,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := I64ToF32(int64(a), rm)
				return uint64(r), fl
			},
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) {
				return exactFromInt(s32, int64(a) < 0, absInt(int64(a)), rm)
			}},
		{name: "U64ToF32", f: binary32, shape: fromInteger, rounds: true, result: binary32, hostOp: hostfp.FromU64,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := U64ToF32(a, rm)
				return uint64(r), fl
			},
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactFromInt(s32, false, a, rm) }},
		{name: "F32ToF64", f: binary32, shape: unary, result: binary64, hostOp: hostfp.Widen,
			soft: func(a, _, _ uint64, _ RoundingMode) (uint64, Flags) { return F32ToF64(uint32(a)) }},
		{name: "F64ToF32", f: binary64, shape: unary, rounds: true, result: binary32, hostOp: hostfp.Narrow, host64: true,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := F64ToF32(a, rm)
				return uint64(r), fl
			},
			exact:    func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactNarrow(a, rm) },
			operands: narrowOperand, extraEdges: narrowEdges},

		{name: "Add64", f: binary64, shape: binary, rounds: true, result: binary64, hostOp: hostfp.Add, relation: "add",
			soft:  func(a, b, _ uint64, rm RoundingMode) (uint64, Flags) { return Add64(a, b, rm) },
			exact: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactAdd(s64, a, b, rm) }},
		{name: "Sub64", f: binary64, shape: binary, rounds: true, result: binary64, hostOp: hostfp.Sub, relation: "add",
			soft:  func(a, b, _ uint64, rm RoundingMode) (uint64, Flags) { return Sub64(a, b, rm) },
			exact: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactAdd(s64, a, b^1<<63, rm) }},
		{name: "Mul64", f: binary64, shape: binary, rounds: true, result: binary64, hostOp: hostfp.Mul, relation: "mul",
			soft:  func(a, b, _ uint64, rm RoundingMode) (uint64, Flags) { return Mul64(a, b, rm) },
			exact: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactMul(s64, a, b, rm) }},
		{name: "Div64", f: binary64, shape: binary, rounds: true, result: binary64, hostOp: hostfp.Div, relation: "div",
			soft:  func(a, b, _ uint64, rm RoundingMode) (uint64, Flags) { return Div64(a, b, rm) },
			exact: func(a, b, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactDiv(s64, a, b, rm) }},
		{name: "Sqrt64", f: binary64, shape: unary, rounds: true, result: binary64, hostOp: hostfp.Sqrt,
			soft:  func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) { return Sqrt64(a, rm) },
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactSqrt(s64, a, rm) }},
		{name: "MulAdd64", f: binary64, shape: ternary, rounds: true, result: binary64, hostOp: hostfp.FMA,
			soft:  func(a, b, c uint64, rm RoundingMode) (uint64, Flags) { return MulAdd64(a, b, c, rm) },
			exact: func(a, b, c uint64, rm RoundingMode) (uint64, Flags, bool) { return exactMulAdd(s64, a, b, c, rm) }},
		{name: "Min64", f: binary64, shape: binary, result: binary64, hostOp: hostfp.Min, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) { return Min64(a, b) }},
		{name: "Max64", f: binary64, shape: binary, result: binary64, hostOp: hostfp.Max, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) { return Max64(a, b) }},
		{name: "Eq64", f: binary64, shape: binary, hostOp: hostfp.Eq, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) {
				r, fl := Eq64(a, b)
				return b2u(r), fl
			}},
		{name: "Lt64", f: binary64, shape: binary, hostOp: hostfp.Lt, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) {
				r, fl := Lt64(a, b)
				return b2u(r), fl
			}},
		{name: "Le64", f: binary64, shape: binary, hostOp: hostfp.Le, relation: "add",
			soft: func(a, b, _ uint64, _ RoundingMode) (uint64, Flags) {
				r, fl := Le64(a, b)
				return b2u(r), fl
			}},
		{name: "Class64", f: binary64, shape: unary, hostOp: hostfp.Class,
			soft: func(a, _, _ uint64, _ RoundingMode) (uint64, Flags) { return Class64(a), 0 }},
		{name: "F64ToI32", hostRMM: true,
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactToInt(s64, a, rm, true, 32) },
			f:     binary64, shape: unary, rounds: true, hostOp: hostfp.ToI32,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := F64ToI32(a, rm)
				return sext32(r), fl
			}},
		{name: "F64ToU32", hostRMM: true,
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactToInt(s64, a, rm, false, 32) },
			f:     binary64, shape: unary, rounds: true, hostOp: hostfp.ToU32,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := F64ToU32(a, rm)
				return uint64(r), fl
			}},
		{name: "F64ToI64", hostRMM: true,
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactToInt(s64, a, rm, true, 64) },
			f:     binary64, shape: unary, rounds: true, hostOp: hostfp.ToI64,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) {
				r, fl := F64ToI64(a, rm)
				return uint64(r), fl
			}},
		{name: "F64ToU64", hostRMM: true,
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactToInt(s64, a, rm, false, 64) },
			f:     binary64, shape: unary, rounds: true, hostOp: hostfp.ToU64,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) { return F64ToU64(a, rm) }},
		{name: "I32ToF64", f: binary64, shape: fromInteger, rounds: true, result: binary64, hostOp: hostfp.FromI32,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) { return I32ToF64(int32(a), rm) },
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) {
				v := int64(int32(a))
				return exactFromInt(s64, v < 0, absInt(v), rm)
			}},
		{name: "U32ToF64", f: binary64, shape: fromInteger, rounds: true, result: binary64, hostOp: hostfp.FromU32,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) { return U32ToF64(uint32(a), rm) },
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) {
				return exactFromInt(s64, false, uint64(uint32(a)), rm)
			}},
		{name: "I64ToF64", f: binary64, shape: fromInteger, rounds: true, result: binary64, hostOp: hostfp.FromI64,
			soft: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) { return I64ToF64(int64(a), rm) },
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) {
				return exactFromInt(s64, int64(a) < 0, absInt(int64(a)), rm)
			}},
		{name: "U64ToF64", f: binary64, shape: fromInteger, rounds: true, result: binary64, hostOp: hostfp.FromU64,
			soft:  func(a, _, _ uint64, rm RoundingMode) (uint64, Flags) { return U64ToF64(a, rm) },
			exact: func(a, _, _ uint64, rm RoundingMode) (uint64, Flags, bool) { return exactFromInt(s64, false, a, rm) }},
	}
	for i := range ops {
		if ops[i].f == binary64 {
			ops[i].host64 = true
		}
	}
	return ops
}

func absInt(v int64) uint64 {
	if v < 0 {
		return -uint64(v)
	}
	return uint64(v)
}

// narrowOperand draws binary64 operands for F64ToF32: a third anywhere, the
// rest with exponents at the edges of binary32's range, half of those with
// a binary32-shaped fraction followed by a tie or near-tie in the bits that
// narrowing rounds off (so that ties at the overflow and tininess
// boundaries come up).
func narrowOperand(g gen) (uint64, uint64, uint64) {
	g32 := gen{r: g.r, f: binary32}
	switch g.r.IntN(3) {
	case 0:
		return g.float(), 0, 0
	case 1:
		return g.withUnbiased(g32.targetExp(), g.sign()), 0, 0
	}
	const dropped = 52 - 23
	frac := g32.mant()<<dropped | g.near(1<<(dropped-1), 1<<dropped-1, 2)
	e := g32.targetExp() + binary64.bias()
	return g.sign() | uint64(e)<<52 | frac, 0, 0
}

// narrowEdges are binary64 values just around binary32's limits: the
// largest finite value and the smallest normal, each plus or minus a tie.
func narrowEdges() [][3]uint64 {
	var out [][3]uint64
	const dropped = 52 - 23
	for _, e := range []int{127, -126, -127, -149, -150} {
		for _, frac := range []uint64{0, 0x7fffff, 0x7ffffe, 1} {
			for _, low := range []uint64{0, 1<<(dropped-1) - 1, 1 << (dropped - 1), 1<<(dropped-1) + 1} {
				for _, sign := range []uint64{0, 1 << 63} {
					v := sign | uint64(e+1023)<<52 | frac<<dropped | low
					out = append(out, [3]uint64{v, 0, 0})
				}
			}
		}
	}
	return out
}

// draw returns random operands for op.
func (op *diffOp) draw(g gen) (a, b, c uint64) {
	if op.operands != nil {
		return op.operands(g)
	}
	switch op.shape {
	case unary:
		return g.float(), 0, 0
	case binary:
		a = g.float()
		b = g.second(op.relation, a)
		if g.r.IntN(2) == 0 {
			a, b = b, a
		}
		return a, b, 0
	case ternary:
		a = g.float()
		b = g.second("mul", a)
		return a, b, g.addend(a, b)
	}
	return g.integer(), 0, 0
}

// edges returns the fixed operand tuples for op.
func (op *diffOp) edges() [][3]uint64 {
	var out [][3]uint64
	if op.extraEdges != nil {
		out = op.extraEdges()
	}
	if op.shape == fromInteger {
		for _, v := range edgeIntegers() {
			out = append(out, [3]uint64{v, 0, 0})
		}
		return out
	}
	e := edgeFloats(op.f)
	switch op.shape {
	case unary:
		for _, a := range e {
			out = append(out, [3]uint64{a, 0, 0})
		}
	case binary:
		for _, a := range e {
			for _, b := range e {
				out = append(out, [3]uint64{a, b, 0})
			}
		}
	case ternary:
		sub := e[:24] // zeros, subnormals, extremes, infinities and NaNs of both signs
		for _, a := range sub {
			for _, b := range sub {
				for _, c := range sub {
					out = append(out, [3]uint64{a, b, c})
				}
			}
		}
	}
	return out
}

// hostIsInfTimesZero reports whether a and b are an infinity and a zero,
// classified by Go's host floats (independently of the package).
func hostIsInfTimesZero(f format, a, b uint64) bool {
	x, y := hostFloat(f, a), hostFloat(f, b)
	return math.IsInf(x, 0) && y == 0 || x == 0 && math.IsInf(y, 0)
}

func hostFloat(f format, v uint64) float64 {
	if f == binary32 {
		return float64(math.Float32frombits(uint32(v)))
	}
	return math.Float64frombits(v)
}

// hostExpect is the host's answer, adjusted where RISC-V differs.
func (op *diffOp) hostExpect(a, b, c uint64, rm RoundingMode) (uint64, Flags) {
	run := hostfp.Run32
	if op.host64 {
		run = hostfp.Run64
	}
	r, fl := run(op.hostOp, a, b, c, uint8(rm))
	if op.hostOp == hostfp.FMA && hostIsInfTimesZero(op.f, a, b) {
		// RISC-V raises NV for inf × 0 even with a quiet NaN addend; x86
		// does not. The result is a NaN either way.
		return op.f.canonicalNaN(), NV
	}
	return r, Flags(fl)
}

type source int

const (
	fromHost source = iota
	fromExact
	fromHostRNE
)

// expect returns the oracle's answer for one case and which oracle gave it.
// Without the host, only the exact oracle answers; ok is false where it
// declines (special operands and exact zeros, covered by the unit tests).
func (op *diffOp) expect(a, b, c uint64, rm RoundingMode, host bool) (r uint64, fl Flags, src source, ok bool) {
	if !host {
		if op.exact == nil {
			return 0, 0, fromExact, false
		}
		r, fl, ok = op.exact(a, b, c, rm)
		return r, fl, fromExact, ok
	}
	r, fl, src = op.expectHost(a, b, c, rm)
	return r, fl, src, true
}

func (op *diffOp) expectHost(a, b, c uint64, rm RoundingMode) (uint64, Flags, source) {
	if rm == RMM && op.exact != nil {
		if r, fl, ok := op.exact(a, b, c, RMM); ok {
			return r, fl, fromExact
		}
		r, fl := op.hostExpect(a, b, c, RNE)
		return r, fl, fromHostRNE
	}
	r, fl := op.hostExpect(a, b, c, rm)
	return r, fl, fromHost
}

// agree compares results, by NaN-ness for NaNs: a NaN we return must be
// the canonical one.
func (op *diffOp) agree(got, want uint64) bool {
	if op.result != 0 && op.result.isNaN(want) {
		return got == op.result.canonicalNaN()
	}
	return got == want
}

func diffScale(t *testing.T) int {
	n := 60000
	if os.Getenv("RIVET_FP_LONG") != "" {
		n *= 20
	} else if testing.Short() {
		n /= 15
	}
	return n
}

func diffSeed(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	seed := h.Sum64()
	if s := os.Getenv("RIVET_FP_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 0, 64)
		if err == nil {
			seed ^= v
		}
	}
	return seed
}

// diffStats are the case counts of one operation.
type diffStats struct {
	cases, edges, vsHost, vsExact, vsHostRNE, oracleChecks, mismatches, oracleMismatches int
}

func TestDifferential(t *testing.T) {
	host := hostfp.Available
	if !host {
		t.Logf("host oracle unavailable (%s): checking rounding operations against the exact oracle only", hostfp.Unavailable)
	}
	perMode := diffScale(t)
	var total, totalMismatch atomic.Int64
	t.Run("ops", func(t *testing.T) {
		for _, op := range diffOps() {
			t.Run(op.name, func(t *testing.T) {
				if !host && op.exact == nil {
					t.Skip("no exact oracle for this operation; it needs the host oracle")
				}
				t.Parallel()
				st := runDiff(t, &op, perMode, host)
				total.Add(int64(st.cases))
				totalMismatch.Add(int64(st.mismatches + st.oracleMismatches))
			})
		}
	})
	t.Logf("differential: %d cases over %d operations, %d mismatches", total.Load(), len(diffOps()), totalMismatch.Load())
}

func runDiff(t *testing.T, op *diffOp, perMode int, host bool) diffStats {
	var st diffStats
	modes := []RoundingMode{RNE, RTZ, RDN, RUP, RMM}
	n := perMode
	if !op.rounds {
		modes = modes[:1]
		n *= 5
	}
	const maxReports = 10
	check := func(a, b, c uint64, rm RoundingMode, validate bool) bool {
		want, wantFl, src, ok := op.expect(a, b, c, rm, host)
		if !ok {
			return false
		}
		st.cases++
		got, gotFl := op.soft(a, b, c, rm)
		switch {
		case !host:
			st.vsExact++
		case src == fromHost:
			st.vsHost++
		case src == fromExact:
			st.vsExact++
		case src == fromHostRNE:
			st.vsHostRNE++
		}
		if !op.agree(got, want) || gotFl != wantFl {
			st.mismatches++
			if st.mismatches <= maxReports {
				t.Errorf("%s(%#x, %#x, %#x) %v: got %#x %v, want %#x %v (oracle %d)",
					op.name, a, b, c, rm, got, gotFl, want, wantFl, src)
			}
		}
		// Check the exact oracle itself against the host, in every mode
		// the host has.
		if host && validate && (rm != RMM || op.hostRMM) && op.exact != nil {
			if r, fl, ok := op.exact(a, b, c, rm); ok {
				hostR, hostFl := op.hostExpect(a, b, c, rm)
				st.oracleChecks++
				if !op.agree(r, hostR) || fl != hostFl {
					st.oracleMismatches++
					if st.oracleMismatches <= maxReports {
						t.Errorf("oracle self-check %s(%#x, %#x, %#x) %v: exact oracle %#x %v, host %#x %v",
							op.name, a, b, c, rm, r, fl, hostR, hostFl)
					}
				}
			}
		}
		return true
	}
	for _, e := range op.edges() {
		for _, rm := range modes {
			if check(e[0], e[1], e[2], rm, true) {
				st.edges++
			}
		}
	}
	g := newGen(op.f, diffSeed(op.name))
	for _, rm := range modes {
		for i := range n {
			a, b, c := op.draw(g)
			check(a, b, c, rm, i%4 == 0)
		}
	}
	t.Logf("%s: %d cases (%d edge, %d random), oracle: host %d, exact %d, host-RNE for RMM specials %d; "+
		"exact-oracle self-checks vs host %d; mismatches %d, oracle mismatches %d",
		op.name, st.cases, st.edges, st.cases-st.edges, st.vsHost, st.vsExact, st.vsHostRNE,
		st.oracleChecks, st.mismatches, st.oracleMismatches)
	return st
}

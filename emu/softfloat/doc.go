// Package softfloat implements in software the IEEE 754 binary32 and binary64
// arithmetic of the RISC-V F and D extensions, bit for bit as the Cartesi
// Machine 0.21.0 computes it (the RISC-V unprivileged spec's rules, which the
// reference follows). Design note: machine.md, "Floating point".
//
// # What it owns
//
// Add, Sub, Mul, Div, Sqrt and the fused MulAdd; Min and Max (FMIN/FMAX);
// the comparisons Eq, Lt, Le (FEQ/FLT/FLE); Class (FCLASS); and every FCVT
// between binary32, binary64 and 32/64-bit signed and unsigned integers, for
// both formats. Operands and results are raw bit patterns: binary32 in a
// uint32, binary64 in a uint64. Every operation also returns the exception
// flags it raised, as Flags in the fflags layout (NX, UF, OF, DZ, NV); callers
// OR them into fcsr. No operation allocates, panics or loops unboundedly, for
// any input (fuzzed).
//
// The callers own the rest of the F and D extensions: NaN-boxing (an
// improperly boxed binary32 operand reads as CanonicalNaN32 before it gets
// here), resolving the DYN rounding mode from frm and rejecting the reserved
// modes as illegal instructions (modes above RMM are treated as RNE here),
// sign injection (FSGNJ*), moves, loads and stores, and the sign extension of
// 32-bit conversion results (FCVT.W[U].* write the 32-bit result, as returned
// by F32ToI32/F32ToU32/F64ToI32/F64ToU32, sign-extended to 64 bits on RV64).
//
// # Imports and determinism
//
// The package imports nothing from rivet and nothing but math/bits from the
// standard library. Its results reach the hashed machine state, so they must
// be identical on every host: it uses no floating-point types, literals or
// host floating-point operations at all, only integer arithmetic
// (TestNoHostFloatingPoint checks the source). It has no state.
//
// # Rules
//
// NaNs: every NaN result is the canonical quiet NaN (CanonicalNaN32,
// CanonicalNaN64), whatever the operands' payloads. A signalling NaN operand
// raises NV in every operation except Class; FEQ raises NV only for a
// signalling NaN, FLT and FLE for any NaN. FMIN/FMAX are IEEE 754-2019
// minimumNumber/maximumNumber as RISC-V specifies them: -0 < +0, a single NaN
// operand yields the other operand, two NaNs yield the canonical NaN, and NV
// is raised for a signalling NaN.
//
// Rounding: the five RISC-V modes, RNE, RTZ, RDN, RUP and RMM (ties away from
// zero). An exactly zero sum of operands with opposite signs is +0, or -0 in
// RDN.
//
// Flags: NX when the rounded result differs from the exact one. OF when the
// rounded result (with unbounded exponent) exceeds the largest finite value;
// the result is then infinity, or the largest finite value in the modes that
// round toward zero for its sign, always with NX. UF when the result is tiny
// and inexact, where tininess is detected after rounding: the result is tiny
// if rounding it to the format's precision with an unbounded exponent gives a
// magnitude below the smallest normal. So a value just below the smallest
// normal that rounds up to it raises NX alone. An exact subnormal result
// raises nothing. DZ for a finite nonzero value divided by zero. NV for
// invalid operations: inf - inf, 0 × inf, 0/0, inf/inf, the square root of a
// negative nonzero value, signalling NaNs as above, and out-of-range or NaN
// conversions to integers.
//
// Fused multiply-add: MulAdd computes a×b+c with one rounding. RISC-V
// requires NV for inf × 0 even when c is a quiet NaN (IEEE 754 leaves that
// case to the implementation; x86 does not raise it). FMSUB, FNMSUB and
// FNMADD are MulAdd on sign-flipped inputs: FMSUB = MulAdd(a, b, -c),
// FNMSUB = MulAdd(-a, b, c), FNMADD = MulAdd(-a, b, -c), flipping only the
// sign bit. That is exact and is what the RISC-V spec defines ("negate the
// product, then add or subtract"): flipping a sign changes no magnitude, so
// the single rounding and every flag are those of the defined operation; NaN
// results are canonical whatever their sign and NaN signalling-ness ignores
// the sign. It is not the same as negating the rounded result of FMADD: in
// RDN and RUP the rounding direction would be mirrored, and an exactly zero
// result takes its sign from the rule above. For example FNMADD of a×b = +0
// and c = -0 in RNE is (-0) + (+0) = +0, not -(+0 + -0) = -0. The reference
// computes the same way.
//
// Conversions to integers round in the given mode and then saturate as
// RISC-V specifies: NaN converts to the largest value of the type; a value
// whose rounded magnitude is out of range converts to the bound of its sign
// (0 for negative values converting to unsigned types); both raise NV and
// nothing else. A negative value that rounds to zero converts to an unsigned
// 0 without NV (with NX). In range, NX is raised when the value was not an
// integer. Conversions from integers round in the given mode (those that are
// always exact ignore it) and convert 0 to +0. F32ToF64 is exact; F64ToF32
// rounds like an arithmetic result.
//
// # How it is tested
//
// Hand-derived tables per operation; a differential test of every operation
// in every rounding mode against the host FPU through a cgo helper
// (internal/hostfp, used only by tests) and, for RMM, against an exact
// math/big oracle (see diff_test.go for the few places where RISC-V and the
// host legitimately differ); fuzz targets checking invariants and the same
// oracles; benchmarks. The differential test skips, with the reason, where
// cgo or linux/amd64 is unavailable. RIVET_FP_LONG=1 runs twenty times more
// random cases.
package softfloat

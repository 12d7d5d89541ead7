// Package hostfp runs single IEEE 754 operations on the host's FPU, with a
// chosen rounding mode and the exception flags read back, as an independent
// oracle for the softfloat differential tests. Only softfloat's _test.go
// files import it; it is never part of a machine.
//
// It is built with cgo on linux/amd64 only: x86 SSE detects tininess after
// rounding, as RISC-V does, and its masked-underflow flag is raised only for
// tiny inexact results, as RISC-V's UF is. Elsewhere Available is false and
// the tests skip with Unavailable as the reason.
//
// What comes from the hardware: every arithmetic result and its flags
// (fesetround, feclearexcept, fetestexcept around one operation), the
// integer-to-float and float-to-float casts, comparisons, and the rounding of
// float-to-integer conversions (rint in the selected mode; round for RMM).
// What does not: C's float-to-integer casts are undefined out of range, so
// ToI32..ToU64 apply RISC-V's saturation rule to the host-rounded value in C
// (NaN and too-large give the maximum, too-small the minimum, with NV alone;
// NX when in range and inexact). C's fmin and fmax leave signalling NaNs and
// the order of -0 and +0 unspecified, so Min and Max choose by the host's
// comparison and pick by sign for equal values (-0 < +0), return the other
// operand for one NaN and the canonical NaN for two, and raise NV for a
// signalling NaN (issignaling). Class builds the RISC-V mask from
// fpclassify, signbit and issignaling. The host has no RMM rounding mode: rm 4 is
// accepted only by the ToX conversions.
package hostfp

// Op names a host operation.
type Op int

// The operations; the values match hostfp.h.
const (
	Add Op = iota
	Sub
	Mul
	Div
	Sqrt
	FMA
	Eq
	Lt
	Le
	Class
	Min
	Max
	ToI32
	ToU32
	ToI64
	ToU64
	FromI32
	FromU32
	FromI64
	FromU64
	Widen  // binary32 to binary64 (Run32 only)
	Narrow // binary64 to binary32 (Run64 only)
)

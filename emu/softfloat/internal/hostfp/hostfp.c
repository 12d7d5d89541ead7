// Host IEEE 754 operations for the softfloat differential tests. Every
// function sets the host rounding mode, clears the host exception flags, runs
// one operation on the hardware and reads the flags back. Operands travel as
// bit patterns and are loaded through volatile objects, so that the compiler
// neither folds the operation nor moves it across the fenv calls.

#define _GNU_SOURCE
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "hostfp.h"

// cgo only passes allow-listed flags, so the options that make GCC respect
// the dynamic rounding mode and signalling NaNs are set here.
#pragma GCC optimize("rounding-math", "signaling-nans", "fp-contract=off", "no-fast-math")

static int host_round(int rm) {
	switch (rm) {
	case 1: return FE_TOWARDZERO;
	case 2: return FE_DOWNWARD;
	case 3: return FE_UPWARD;
	}
	return FE_TONEAREST;
}

// RISC-V fflags layout.
enum { NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16 };

static unsigned riscv_flags(int ex) {
	unsigned f = 0;
	if (ex & FE_INEXACT) f |= NX;
	if (ex & FE_UNDERFLOW) f |= UF;
	if (ex & FE_OVERFLOW) f |= OF;
	if (ex & FE_DIVBYZERO) f |= DZ;
	if (ex & FE_INVALID) f |= NV;
	return f;
}

static float as_f32(uint64_t v) { uint32_t u = (uint32_t)v; float f; memcpy(&f, &u, 4); return f; }
static double as_f64(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static uint64_t bits_f32(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static uint64_t bits_f64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

// min_max applies RISC-V's FMIN/FMAX rule (IEEE 754-2019 minimumNumber and
// maximumNumber) using the host's comparison; want_min selects FMIN.
#define MIN_MAX(NAME, T, BITS, CANON)                                            \
	static uint64_t NAME(T x, T y, int want_min, unsigned *flags) {          \
		*flags = (issignaling(x) || issignaling(y)) ? NV : 0;            \
		if (isnan(x) && isnan(y)) return CANON;                          \
		if (isnan(x)) return BITS(y);                                    \
		if (isnan(y)) return BITS(x);                                    \
		if (x == y) /* equal values, -0 and +0 included: order by sign */ \
			return ((signbit(x) != 0) == want_min) ? BITS(x) : BITS(y); \
		return ((x < y) == want_min) ? BITS(x) : BITS(y);                \
	}
MIN_MAX(min_max32, float, bits_f32, 0x7fc00000u)
MIN_MAX(min_max64, double, bits_f64, 0x7ff8000000000000ull)

// RISC-V FCLASS from the host's classification.
static uint64_t classify(int cls, int neg, int signaling) {
	switch (cls) {
	case FP_NAN: return signaling ? 1u << 8 : 1u << 9;
	case FP_INFINITE: return neg ? 1u << 0 : 1u << 7;
	case FP_ZERO: return neg ? 1u << 3 : 1u << 4;
	case FP_SUBNORMAL: return neg ? 1u << 2 : 1u << 5;
	}
	return neg ? 1u << 1 : 1u << 6;
}

// to_int applies RISC-V's saturating float-to-integer rule to the host's
// rounding of x: r is rint(x) in the selected mode (or round(x) for RMM),
// [lo, hi] the target range as exact doubles. NaN converts like +infinity.
static uint64_t to_int(double x, double r, double lo, double hi, uint64_t lo_bits, uint64_t hi_bits,
	int is_signed, unsigned *flags) {
	if (isnan(x)) { *flags = NV; return hi_bits; }
	if (r < lo) { *flags = NV; return lo_bits; }
	if (r > hi) { *flags = NV; return hi_bits; }
	*flags = r != x ? NX : 0;
	if (is_signed) return (uint64_t)(int64_t)r;
	return (uint64_t)r;
}

// Bounds as exact doubles. The upper bounds 2^31-1 and 2^32-1 are exact in
// double; for 64 bits the test is r >= 2^63 or r >= 2^64, written as r > the
// largest double below it.
#define I32_LO (-2147483648.0)
#define I32_HI (2147483647.0)
#define U32_HI (4294967295.0)
#define I64_LO (-9223372036854775808.0)
#define I64_HI (9223372036854774784.0)  /* largest double below 2^63 */
#define U64_HI (18446744073709549568.0) /* largest double below 2^64 */

static unsigned convert_to_int(int op, double x, double r, uint64_t *res) {
	unsigned flags = 0;
	switch (op) {
	case HOSTFP_TO_I32:
		*res = to_int(x, r, I32_LO, I32_HI, (uint64_t)(int64_t)INT32_MIN, INT32_MAX, 1, &flags);
		break;
	case HOSTFP_TO_U32:
		// Every negative value that does not round to zero is out of range.
		*res = to_int(x, r, 0.0, U32_HI, 0, UINT32_MAX, 0, &flags);
		break;
	case HOSTFP_TO_I64:
		*res = to_int(x, r, I64_LO, I64_HI, (uint64_t)INT64_MIN, INT64_MAX, 1, &flags);
		break;
	case HOSTFP_TO_U64:
		*res = to_int(x, r, 0.0, U64_HI, 0, UINT64_MAX, 0, &flags);
		break;
	}
	return flags;
}

unsigned hostfp_run32(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint64_t *res) {
	volatile float x = as_f32(a), y = as_f32(b), z = as_f32(c);
	volatile float r = 0;
	volatile double rd = 0;
	unsigned extra = 0;
	int use_fenv = 1;
	fesetround(host_round(rm));
	feclearexcept(FE_ALL_EXCEPT);
	switch (op) {
	case HOSTFP_ADD: r = x + y; *res = bits_f32(r); break;
	case HOSTFP_SUB: r = x - y; *res = bits_f32(r); break;
	case HOSTFP_MUL: r = x * y; *res = bits_f32(r); break;
	case HOSTFP_DIV: r = x / y; *res = bits_f32(r); break;
	case HOSTFP_SQRT: r = sqrtf(x); *res = bits_f32(r); break;
	case HOSTFP_FMA: r = fmaf(x, y, z); *res = bits_f32(r); break;
	case HOSTFP_EQ: *res = x == y; break;
	case HOSTFP_LT: *res = x < y; break;
	case HOSTFP_LE: *res = x <= y; break;
	case HOSTFP_TO_I32: case HOSTFP_TO_U32: case HOSTFP_TO_I64: case HOSTFP_TO_U64: {
		float xf = x;
		float rf = rm == 4 ? roundf(xf) : rintf(xf);
		use_fenv = 0;
		extra = convert_to_int(op, xf, rf, res);
		break;
	}
	case HOSTFP_FROM_I32: { volatile int32_t i = (int32_t)a; r = (float)i; *res = bits_f32(r); break; }
	case HOSTFP_FROM_U32: { volatile uint32_t i = (uint32_t)a; r = (float)i; *res = bits_f32(r); break; }
	case HOSTFP_FROM_I64: { volatile int64_t i = (int64_t)a; r = (float)i; *res = bits_f32(r); break; }
	case HOSTFP_FROM_U64: { volatile uint64_t i = a; r = (float)i; *res = bits_f32(r); break; }
	case HOSTFP_WIDEN: rd = (double)x; *res = bits_f64(rd); break;
	case HOSTFP_MIN: case HOSTFP_MAX:
		*res = min_max32(x, y, op == HOSTFP_MIN, &extra);
		use_fenv = 0;
		break;
	case HOSTFP_CLASS: {
		float xf = x;
		*res = classify(fpclassify(xf), signbit(xf) != 0, issignaling(xf));
		use_fenv = 0;
		break;
	}
	}
	int ex = fetestexcept(FE_ALL_EXCEPT);
	fesetround(FE_TONEAREST);
	return (use_fenv ? riscv_flags(ex) : 0) | extra;
}

unsigned hostfp_run64(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint64_t *res) {
	volatile double x = as_f64(a), y = as_f64(b), z = as_f64(c);
	volatile double r = 0;
	volatile float rf = 0;
	unsigned extra = 0;
	int use_fenv = 1;
	fesetround(host_round(rm));
	feclearexcept(FE_ALL_EXCEPT);
	switch (op) {
	case HOSTFP_ADD: r = x + y; *res = bits_f64(r); break;
	case HOSTFP_SUB: r = x - y; *res = bits_f64(r); break;
	case HOSTFP_MUL: r = x * y; *res = bits_f64(r); break;
	case HOSTFP_DIV: r = x / y; *res = bits_f64(r); break;
	case HOSTFP_SQRT: r = sqrt(x); *res = bits_f64(r); break;
	case HOSTFP_FMA: r = fma(x, y, z); *res = bits_f64(r); break;
	case HOSTFP_EQ: *res = x == y; break;
	case HOSTFP_LT: *res = x < y; break;
	case HOSTFP_LE: *res = x <= y; break;
	case HOSTFP_TO_I32: case HOSTFP_TO_U32: case HOSTFP_TO_I64: case HOSTFP_TO_U64: {
		double xd = x;
		double rr = rm == 4 ? round(xd) : rint(xd);
		use_fenv = 0;
		extra = convert_to_int(op, xd, rr, res);
		break;
	}
	case HOSTFP_FROM_I32: { volatile int32_t i = (int32_t)a; r = (double)i; *res = bits_f64(r); break; }
	case HOSTFP_FROM_U32: { volatile uint32_t i = (uint32_t)a; r = (double)i; *res = bits_f64(r); break; }
	case HOSTFP_FROM_I64: { volatile int64_t i = (int64_t)a; r = (double)i; *res = bits_f64(r); break; }
	case HOSTFP_FROM_U64: { volatile uint64_t i = a; r = (double)i; *res = bits_f64(r); break; }
	case HOSTFP_NARROW: rf = (float)x; *res = bits_f32(rf); break;
	case HOSTFP_MIN: case HOSTFP_MAX:
		*res = min_max64(x, y, op == HOSTFP_MIN, &extra);
		use_fenv = 0;
		break;
	case HOSTFP_CLASS: {
		double xd = x;
		*res = classify(fpclassify(xd), signbit(xd) != 0, issignaling(xd));
		use_fenv = 0;
		break;
	}
	}
	int ex = fetestexcept(FE_ALL_EXCEPT);
	fesetround(FE_TONEAREST);
	return (use_fenv ? riscv_flags(ex) : 0) | extra;
}

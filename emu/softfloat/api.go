package softfloat

// Exported operations. Each takes and returns raw IEEE 754 bit patterns
// (binary32 in a uint32, binary64 in a uint64) and returns the exception
// flags it raised; callers OR the flags into fcsr.fflags.

// Add32 returns a + b.
func Add32(a, b uint32, rm RoundingMode) (uint32, Flags) {
	r, fl := add[uint32](uint64(a), uint64(b), rm)
	return uint32(r), fl
}

// Sub32 returns a - b.
func Sub32(a, b uint32, rm RoundingMode) (uint32, Flags) {
	r, fl := add[uint32](uint64(a), uint64(b^1<<31), rm)
	return uint32(r), fl
}

// Mul32 returns a × b.
func Mul32(a, b uint32, rm RoundingMode) (uint32, Flags) {
	r, fl := mul[uint32](uint64(a), uint64(b), rm)
	return uint32(r), fl
}

// Div32 returns a / b.
func Div32(a, b uint32, rm RoundingMode) (uint32, Flags) {
	r, fl := div[uint32](uint64(a), uint64(b), rm)
	return uint32(r), fl
}

// Sqrt32 returns the square root of a.
func Sqrt32(a uint32, rm RoundingMode) (uint32, Flags) {
	r, fl := sqrt[uint32](uint64(a), rm)
	return uint32(r), fl
}

// MulAdd32 returns a × b + c rounded once (FMADD.S). FMSUB, FNMSUB and
// FNMADD flip the sign bits of the inputs first; see the package doc.
func MulAdd32(a, b, c uint32, rm RoundingMode) (uint32, Flags) {
	r, fl := mulAdd[uint32](uint64(a), uint64(b), uint64(c), rm)
	return uint32(r), fl
}

// Min32 is FMIN.S.
func Min32(a, b uint32) (uint32, Flags) {
	r, fl := fmin[uint32](uint64(a), uint64(b))
	return uint32(r), fl
}

// Max32 is FMAX.S.
func Max32(a, b uint32) (uint32, Flags) {
	r, fl := fmax[uint32](uint64(a), uint64(b))
	return uint32(r), fl
}

// Eq32 is FEQ.S: quiet, NV only for a signalling NaN.
func Eq32(a, b uint32) (bool, Flags) { return eq[uint32](uint64(a), uint64(b)) }

// Lt32 is FLT.S: signalling, NV for any NaN.
func Lt32(a, b uint32) (bool, Flags) { return lt[uint32](uint64(a), uint64(b)) }

// Le32 is FLE.S: signalling, NV for any NaN.
func Le32(a, b uint32) (bool, Flags) { return le[uint32](uint64(a), uint64(b)) }

// Class32 is FCLASS.S.
func Class32(a uint32) uint64 { return class[uint32](uint64(a)) }

// F32ToI32 is FCVT.W.S.
func F32ToI32(a uint32, rm RoundingMode) (int32, Flags) {
	r, fl := toSigned[uint32](uint64(a), rm, 32)
	return int32(r), fl
}

// F32ToU32 is FCVT.WU.S.
func F32ToU32(a uint32, rm RoundingMode) (uint32, Flags) {
	r, fl := toUnsigned[uint32](uint64(a), rm, 32)
	return uint32(r), fl
}

// F32ToI64 is FCVT.L.S.
func F32ToI64(a uint32, rm RoundingMode) (int64, Flags) {
	return toSigned[uint32](uint64(a), rm, 64)
}

// F32ToU64 is FCVT.LU.S.
func F32ToU64(a uint32, rm RoundingMode) (uint64, Flags) {
	return toUnsigned[uint32](uint64(a), rm, 64)
}

// I32ToF32 is FCVT.S.W.
func I32ToF32(v int32, rm RoundingMode) (uint32, Flags) {
	r, fl := fromSigned[uint32](int64(v), rm)
	return uint32(r), fl
}

// U32ToF32 is FCVT.S.WU.
func U32ToF32(v uint32, rm RoundingMode) (uint32, Flags) {
	r, fl := fromInt[uint32](false, uint64(v), rm)
	return uint32(r), fl
}

// I64ToF32 is FCVT.S.L.
func I64ToF32(v int64, rm RoundingMode) (uint32, Flags) {
	r, fl := fromSigned[uint32](v, rm)
	return uint32(r), fl
}

// U64ToF32 is FCVT.S.LU.
func U64ToF32(v uint64, rm RoundingMode) (uint32, Flags) {
	r, fl := fromInt[uint32](false, v, rm)
	return uint32(r), fl
}

// F32ToF64 is FCVT.D.S; it is exact, so it takes no rounding mode.
func F32ToF64(a uint32) (uint64, Flags) {
	return convert[uint64, uint32](uint64(a), RNE)
}

// F64ToF32 is FCVT.S.D.
func F64ToF32(a uint64, rm RoundingMode) (uint32, Flags) {
	r, fl := convert[uint32, uint64](a, rm)
	return uint32(r), fl
}

// Add64 returns a + b.
func Add64(a, b uint64, rm RoundingMode) (uint64, Flags) { return add[uint64](a, b, rm) }

// Sub64 returns a - b.
func Sub64(a, b uint64, rm RoundingMode) (uint64, Flags) { return add[uint64](a, b^1<<63, rm) }

// Mul64 returns a × b.
func Mul64(a, b uint64, rm RoundingMode) (uint64, Flags) { return mul[uint64](a, b, rm) }

// Div64 returns a / b.
func Div64(a, b uint64, rm RoundingMode) (uint64, Flags) { return div[uint64](a, b, rm) }

// Sqrt64 returns the square root of a.
func Sqrt64(a uint64, rm RoundingMode) (uint64, Flags) { return sqrt[uint64](a, rm) }

// MulAdd64 returns a × b + c rounded once (FMADD.D). FMSUB, FNMSUB and
// FNMADD flip the sign bits of the inputs first; see the package doc.
func MulAdd64(a, b, c uint64, rm RoundingMode) (uint64, Flags) {
	return mulAdd[uint64](a, b, c, rm)
}

// Min64 is FMIN.D.
func Min64(a, b uint64) (uint64, Flags) { return fmin[uint64](a, b) }

// Max64 is FMAX.D.
func Max64(a, b uint64) (uint64, Flags) { return fmax[uint64](a, b) }

// Eq64 is FEQ.D: quiet, NV only for a signalling NaN.
func Eq64(a, b uint64) (bool, Flags) { return eq[uint64](a, b) }

// Lt64 is FLT.D: signalling, NV for any NaN.
func Lt64(a, b uint64) (bool, Flags) { return lt[uint64](a, b) }

// Le64 is FLE.D: signalling, NV for any NaN.
func Le64(a, b uint64) (bool, Flags) { return le[uint64](a, b) }

// Class64 is FCLASS.D.
func Class64(a uint64) uint64 { return class[uint64](a) }

// F64ToI32 is FCVT.W.D.
func F64ToI32(a uint64, rm RoundingMode) (int32, Flags) {
	r, fl := toSigned[uint64](a, rm, 32)
	return int32(r), fl
}

// F64ToU32 is FCVT.WU.D.
func F64ToU32(a uint64, rm RoundingMode) (uint32, Flags) {
	r, fl := toUnsigned[uint64](a, rm, 32)
	return uint32(r), fl
}

// F64ToI64 is FCVT.L.D.
func F64ToI64(a uint64, rm RoundingMode) (int64, Flags) { return toSigned[uint64](a, rm, 64) }

// F64ToU64 is FCVT.LU.D.
func F64ToU64(a uint64, rm RoundingMode) (uint64, Flags) { return toUnsigned[uint64](a, rm, 64) }

// I32ToF64 is FCVT.D.W; it is always exact.
func I32ToF64(v int32, rm RoundingMode) (uint64, Flags) { return fromSigned[uint64](int64(v), rm) }

// U32ToF64 is FCVT.D.WU; it is always exact.
func U32ToF64(v uint32, rm RoundingMode) (uint64, Flags) {
	return fromInt[uint64](false, uint64(v), rm)
}

// I64ToF64 is FCVT.D.L.
func I64ToF64(v int64, rm RoundingMode) (uint64, Flags) { return fromSigned[uint64](v, rm) }

// U64ToF64 is FCVT.D.LU.
func U64ToF64(v uint64, rm RoundingMode) (uint64, Flags) { return fromInt[uint64](false, v, rm) }

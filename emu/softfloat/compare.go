package softfloat

// FCLASS result bits (RISC-V unprivileged spec, FCLASS.S/FCLASS.D): exactly
// one is set for any input.
const (
	ClassNegInf       = 1 << 0
	ClassNegNormal    = 1 << 1
	ClassNegSubnormal = 1 << 2
	ClassNegZero      = 1 << 3
	ClassPosZero      = 1 << 4
	ClassPosSubnormal = 1 << 5
	ClassPosNormal    = 1 << 6
	ClassPosInf       = 1 << 7
	ClassSignalingNaN = 1 << 8
	ClassQuietNaN     = 1 << 9
)

// less reports a < b for non-NaN a and b, where -0 and +0 are equal.
func less[F float](a, b uint64) bool {
	f := formatOf[F]()
	if (a|b)&f.absMask() == 0 {
		return false
	}
	signA, signB := f.sign(a), f.sign(b)
	if signA != signB {
		return signA != 0
	}
	if signA == 0 {
		return a < b
	}
	return a > b
}

// eq is FEQ: a quiet comparison, NV only for a signalling NaN.
func eq[F float](a, b uint64) (bool, Flags) {
	f := formatOf[F]()
	if f.isNaN(a) || f.isNaN(b) {
		_, flags := f.nanResult(a, b)
		return false, flags
	}
	return a == b || (a|b)&f.absMask() == 0, 0
}

// lt is FLT: a signalling comparison, NV for any NaN.
func lt[F float](a, b uint64) (bool, Flags) {
	f := formatOf[F]()
	if f.isNaN(a) || f.isNaN(b) {
		return false, NV
	}
	return less[F](a, b), 0
}

// le is FLE: a signalling comparison, NV for any NaN.
func le[F float](a, b uint64) (bool, Flags) {
	f := formatOf[F]()
	if f.isNaN(a) || f.isNaN(b) {
		return false, NV
	}
	return !less[F](b, a), 0
}

// minMaxNaN handles FMIN/FMAX with at least one NaN operand: the other
// operand if it is a number, else the canonical NaN; NV for a signalling NaN.
func minMaxNaN[F float](a, b uint64) (uint64, Flags) {
	f := formatOf[F]()
	_, flags := f.nanResult(a, b)
	switch {
	case !f.isNaN(a):
		return a, flags
	case !f.isNaN(b):
		return b, flags
	}
	return f.canonicalNaN(), flags
}

// fmin is FMIN (IEEE 754-2019 minimumNumber, with -0 < +0).
func fmin[F float](a, b uint64) (uint64, Flags) {
	f := formatOf[F]()
	if f.isNaN(a) || f.isNaN(b) {
		return minMaxNaN[F](a, b)
	}
	if f.sign(a) != f.sign(b) {
		if f.sign(a) != 0 {
			return a, 0
		}
		return b, 0
	}
	if less[F](b, a) {
		return b, 0
	}
	return a, 0
}

// fmax is FMAX (IEEE 754-2019 maximumNumber, with -0 < +0).
func fmax[F float](a, b uint64) (uint64, Flags) {
	f := formatOf[F]()
	if f.isNaN(a) || f.isNaN(b) {
		return minMaxNaN[F](a, b)
	}
	if f.sign(a) != f.sign(b) {
		if f.sign(a) != 0 {
			return b, 0
		}
		return a, 0
	}
	if less[F](a, b) {
		return b, 0
	}
	return a, 0
}

// class is FCLASS.
func class[F float](a uint64) uint64 {
	f := formatOf[F]()
	neg := f.sign(a) != 0
	pick := func(negBit, posBit uint64) uint64 {
		if neg {
			return negBit
		}
		return posBit
	}
	e, m := f.biasedExp(a), a&f.mantMask()
	switch {
	case e == f.expMax() && m != 0:
		if m&f.quietBit() != 0 {
			return ClassQuietNaN
		}
		return ClassSignalingNaN
	case e == f.expMax():
		return pick(ClassNegInf, ClassPosInf)
	case e == 0 && m == 0:
		return pick(ClassNegZero, ClassPosZero)
	case e == 0:
		return pick(ClassNegSubnormal, ClassPosSubnormal)
	}
	return pick(ClassNegNormal, ClassPosNormal)
}

package softfloat

// Benchmarks of the binary64 operations the interpreter leans on, over a
// ring of 1024 varied normal operands so that branch prediction does not
// see one input.
//
//	go test -run '^$' -bench . ./emu/softfloat

import (
	"math/rand/v2"
	"testing"
)

func benchOperands() []uint64 {
	r := rand.New(rand.NewPCG(1, 2))
	v := make([]uint64, 1024)
	for i := range v {
		// Normal numbers with exponents in [2^-64, 2^64): no overflow or
		// underflow in any operation below.
		v[i] = uint64(r.IntN(2))<<63 | uint64(1023-64+r.IntN(128))<<52 | r.Uint64()&(1<<52-1)
	}
	return v
}

var benchSink uint64

func benchBinary(b *testing.B, op func(a, b uint64, rm RoundingMode) (uint64, Flags)) {
	v := benchOperands()
	var acc uint64
	i := 0
	for b.Loop() {
		r, fl := op(v[i&1023], v[(i+1)&1023], RNE)
		acc += r + uint64(fl)
		i++
	}
	benchSink = acc
}

func BenchmarkAdd64(b *testing.B) { benchBinary(b, Add64) }
func BenchmarkMul64(b *testing.B) { benchBinary(b, Mul64) }
func BenchmarkDiv64(b *testing.B) { benchBinary(b, Div64) }

func BenchmarkMulAdd64(b *testing.B) {
	v := benchOperands()
	var acc uint64
	i := 0
	for b.Loop() {
		r, fl := MulAdd64(v[i&1023], v[(i+1)&1023], v[(i+2)&1023], RNE)
		acc += r + uint64(fl)
		i++
	}
	benchSink = acc
}

func BenchmarkSqrt64(b *testing.B) {
	v := benchOperands()
	var acc uint64
	i := 0
	for b.Loop() {
		r, fl := Sqrt64(v[i&1023]&^(1<<63), RNE)
		acc += r + uint64(fl)
		i++
	}
	benchSink = acc
}

func BenchmarkAdd32(b *testing.B) {
	v := benchOperands()
	var acc uint64
	i := 0
	for b.Loop() {
		r, fl := Add32(uint32(v[i&1023]>>32), uint32(v[(i+1)&1023]>>32), RNE)
		acc += uint64(r) + uint64(fl)
		i++
	}
	benchSink = acc
}

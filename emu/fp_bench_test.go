package emu_test

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/rivetvm/rivet/emu"
	. "github.com/rivetvm/rivet/emu/emutest"
)

// The cost of software floating point: the same N x N matrix multiply, in
// doubles (fmadd.d, or fmul.d + fadd.d) and in 64-bit integers (mul + add),
// run endlessly by guest code; each benchmark reports guest MIPS as
// bench_test.go does. The fmul/fadd and integer kernels have the same shape
// (ld, ld, op, op, three loop instructions), so their MIPS compare directly.
//
//	go test ./emu -run '^$' -bench 'Matmul|IntLoop'

const (
	matN      = 16      // matrix order
	matA      = 0x10000 // A, B and C (row-major, 8-byte elements), from RAMStart
	matB      = 0x11000
	matC      = 0x12000
	matStride = 8 * matN
)

// matmulProgram computes C = A * B over and over. The inner loop runs kernel
// with a0 = &A[i][k], a1 = &B[k][j] and the accumulator (fa0 or a5), which
// zeroAcc clears before the loop and storeAcc stores to (a2) = &C[i][j].
func matmulProgram(kernel []uint32, zeroAcc, storeAcc uint32) []uint32 {
	k := int32(len(kernel))
	kloop := Program(kernel,
		ADDI(A0, A0, 8),
		ADD(A1, A1, S3),
		ADDI(T6, T6, -1),
	)
	kloop = append(kloop, BNE(T6, Zero, -4*(k+3)))
	jloop := Program(
		ADDI(A0, A3, 0), // &A[i][0]
		ADDI(A1, A4, 0), // &B[0][j]
		zeroAcc,
		ADDI(T6, Zero, matN),
		kloop,
		storeAcc,
		ADDI(A2, A2, 8),
		ADDI(A4, A4, 8),
		ADDI(T5, T5, -1),
	)
	jloop = append(jloop, BNE(T5, Zero, -4*int32(len(jloop))))
	iloop := Program(
		ADDI(A4, S1, 0), // &B[0][0]
		ADDI(T5, Zero, matN),
		jloop,
		ADD(A3, A3, S3),
		ADDI(T4, T4, -1),
	)
	iloop = append(iloop, BNE(T4, Zero, -4*int32(len(iloop))))
	outer := Program(
		ADDI(A2, S2, 0), // &C[0][0]
		ADDI(A3, S0, 0), // &A[0][0]
		ADDI(T4, Zero, matN),
		iloop,
	)
	outer = append(outer, JAL(Zero, -4*int32(len(outer))))
	return Program(
		AUIPC(S0, matA>>12), // the program starts at RAMStart
		AUIPC(S1, matB>>12),
		ADDI(S1, S1, -4),
		AUIPC(S2, matC>>12),
		ADDI(S2, S2, -12),
		LUI(T0, 0x6), // mstatus.FS = Dirty: FP on
		CSRRS(Zero, 0x300, T0),
		ADDI(S3, Zero, matStride),
		outer,
	)
}

func fpMatmulFMA() []uint32 {
	return matmulProgram(Program(
		FLD(FT0, A0, 0),
		FLD(FT1, A1, 0),
		FMADDD(FA0, FT0, FT1, FA0, DYN),
	), FMVDX(FA0, Zero), FSD(FA0, A2, 0))
}

func fpMatmulMulAdd() []uint32 {
	return matmulProgram(Program(
		FLD(FT0, A0, 0),
		FLD(FT1, A1, 0),
		FMULD(FT0, FT0, FT1, DYN),
		FADDD(FA0, FA0, FT0, DYN),
	), FMVDX(FA0, Zero), FSD(FA0, A2, 0))
}

func intMatmul() []uint32 {
	return matmulProgram(Program(
		LD(T0, A0, 0),
		LD(T1, A1, 0),
		MUL(T0, T0, T1),
		ADD(A5, A5, T0),
	), ADDI(A5, Zero, 0), SD(A5, A2, 0))
}

// matFloat is element (i, j) of A (b = 0) or B (b = 1): values of mixed
// sizes and signs whose products and sums are inexact, so rounding happens.
func matFloat(i, j, b int) float64 {
	return float64((i*7+j*3+b*5)%11-5)/3 + float64(j-i)*1e-3
}

// matInt is the integer element (i, j) of A (b = 0) or B (b = 1).
func matInt(i, j, b int) uint64 {
	return uint64(int64((i*7+j*3+b*5)%11-5) * int64(i+j+b+1) * 0x10001)
}

// newMatmulMachine loads prog and the A and B matrices.
func newMatmulMachine(tb testing.TB, prog []uint32, elem func(i, j, b int) uint64) *emu.Machine {
	tb.Helper()
	m := newProgramMachine(tb, prog)
	for b, base := range []uint64{matA, matB} {
		buf := make([]byte, 8*matN*matN)
		for i := range matN {
			for j := range matN {
				binary.LittleEndian.PutUint64(buf[8*(i*matN+j):], elem(i, j, b))
			}
		}
		if err := m.WriteMemory(emu.RAMStart+base, buf); err != nil {
			tb.Fatal(err)
		}
	}
	return m
}

func matFloatBits(i, j, b int) uint64 { return math.Float64bits(matFloat(i, j, b)) }

// TestMatmulPrograms checks that the benchmark programs compute C = A * B:
// the expected values come from the host (math.FMA, or a product rounded
// before the sum; the host's IEEE arithmetic under round-to-nearest-even,
// the mode frm holds), not from rivet.
func TestMatmulPrograms(t *testing.T) {
	for _, tc := range []struct {
		name string
		prog []uint32
		elem func(i, j, b int) uint64
		want func(i, j int) uint64
	}{
		{"fmadd.d", fpMatmulFMA(), matFloatBits, func(i, j int) uint64 {
			acc := 0.0
			for k := range matN {
				acc = math.FMA(matFloat(i, k, 0), matFloat(k, j, 1), acc)
			}
			return math.Float64bits(acc)
		}},
		{"fmul.d+fadd.d", fpMatmulMulAdd(), matFloatBits, func(i, j int) uint64 {
			acc := 0.0
			for k := range matN {
				p := matFloat(i, k, 0) * matFloat(k, j, 1)
				acc += p
			}
			return math.Float64bits(acc)
		}},
		{"int", intMatmul(), matInt, func(i, j int) uint64 {
			var acc uint64
			for k := range matN {
				acc += matInt(i, k, 0) * matInt(k, j, 1)
			}
			return acc
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMatmulMachine(t, tc.prog, tc.elem)
			// one full product takes about N^3 * 7 + N^2 * 9 instructions
			if _, err := m.Run(2 * (matN*matN*matN*8 + matN*matN*10)); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 8*matN*matN)
			if err := m.ReadMemory(emu.RAMStart+matC, buf); err != nil {
				t.Fatal(err)
			}
			for i := range matN {
				for j := range matN {
					got := binary.LittleEndian.Uint64(buf[8*(i*matN+j):])
					if want := tc.want(i, j); got != want {
						t.Fatalf("C[%d][%d] = %#x, want %#x", i, j, got, want)
					}
				}
			}
		})
	}
}

// benchMatmul runs a matmul program as benchProgram does.
func benchMatmul(b *testing.B, prog []uint32, elem func(i, j, b int) uint64) {
	RunMIPS(b, newMatmulMachine(b, prog, elem), 10_000_000)
}

func BenchmarkInterpFPMatmulFMA(b *testing.B)    { benchMatmul(b, fpMatmulFMA(), matFloatBits) }
func BenchmarkInterpFPMatmulMulAdd(b *testing.B) { benchMatmul(b, fpMatmulMulAdd(), matFloatBits) }
func BenchmarkInterpIntMatmul(b *testing.B)      { benchMatmul(b, intMatmul(), matInt) }

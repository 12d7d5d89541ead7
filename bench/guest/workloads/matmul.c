/*
 * matmul.c - double-precision matrix multiply, C = A x B with 96 x 96
 * matrices (i-k-j loop order), repeated with A changing by one element each
 * round so no round repeats another. Floating-point multiply-add throughput
 * and loads.
 *
 * Built with -ffp-contract=off on every target, so a*b+c is two roundings
 * everywhere and the checksum (bits of the results) is the same.
 */
#include "bench.h"

const char workload_name[] = "matmul";

#define N 96

static double A[N][N], B[N][N], C[N][N];

uint64_t workload(uint64_t scale_milli)
{
	uint64_t rounds = bench_scaled(30, scale_milli), sum = 0;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			A[i][j] = (double)((i * N + j) % 17) * 0.25 - 2.0;
			B[i][j] = (double)((i + 3 * j) % 13) * 0.5 - 3.0;
		}
	for (uint64_t r = 0; r < rounds; r++) {
		for (int i = 0; i < N; i++) {
			for (int j = 0; j < N; j++)
				C[i][j] = 0.0;
			for (int k = 0; k < N; k++) {
				double a = A[i][k];
				for (int j = 0; j < N; j++)
					C[i][j] += a * B[k][j];
			}
		}
		sum = bench_mix(sum, bench_double_bits(C[r % N][(r * 7) % N]));
		A[r % N][(r * 3) % N] += 1.0;
	}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			sum = bench_mix(sum, bench_double_bits(C[i][j]));
	return sum;
}

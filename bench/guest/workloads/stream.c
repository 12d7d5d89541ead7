/*
 * stream.c - a STREAM-like memory kernel on three arrays of 256Ki 64-bit
 * integers (2 MiB each): copy (memcpy), scale, add and triad, in turn.
 * Sequential loads and stores, memory bandwidth; integer so that it runs on
 * machines without the D extension too.
 *
 * Checksum: a sample of every array after each round, and their final sums.
 */
#include <string.h>

#include "bench.h"

const char workload_name[] = "stream";

#define N (1 << 18)

static uint64_t a[N], b[N], c[N];

uint64_t workload(uint64_t scale_milli)
{
	uint64_t rounds = bench_scaled(40, scale_milli), sum = 0;
	for (long i = 0; i < N; i++) {
		a[i] = (uint64_t)i * 3 + 1;
		b[i] = (uint64_t)i ^ 0x5555;
	}
	for (uint64_t r = 0; r < rounds; r++) {
		memcpy(c, a, sizeof c);
		for (long i = 0; i < N; i++)
			b[i] = 3 * c[i];
		for (long i = 0; i < N; i++)
			c[i] = a[i] + b[i];
		for (long i = 0; i < N; i++)
			a[i] = b[i] + 5 * c[i] + r;
		sum = bench_mix(sum, a[r % N] ^ b[(r * 7) % N] ^ c[(r * 13) % N]);
	}
	uint64_t sa = 0, sb = 0, sc = 0;
	for (long i = 0; i < N; i++) {
		sa += a[i];
		sb += b[i];
		sc += c[i];
	}
	sum = bench_mix(sum, sa);
	sum = bench_mix(sum, sb);
	return bench_mix(sum, sc);
}

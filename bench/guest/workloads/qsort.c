/*
 * qsort.c - quicksort (median of three, Hoare partition, insertion sort
 * below 16 elements) of 256Ki pseudo-random 32-bit numbers, a fresh array
 * each round. Data-dependent branches and memory traffic.
 *
 * Checksum: the sorted arrays, each element weighted by its index.
 */
#include "bench.h"

const char workload_name[] = "qsort";

#define N (1 << 18)

static uint32_t a[N];

static void insertion_sort(uint32_t *v, long n)
{
	for (long i = 1; i < n; i++) {
		uint32_t x = v[i];
		long j = i - 1;
		while (j >= 0 && v[j] > x) {
			v[j + 1] = v[j];
			j--;
		}
		v[j + 1] = x;
	}
}

static inline void swap(uint32_t *x, uint32_t *y)
{
	uint32_t t = *x;
	*x = *y;
	*y = t;
}

/* Sorts v[0..n); recurses into the smaller part and loops on the larger, so
 * the stack depth stays logarithmic. */
static void quicksort(uint32_t *v, long n)
{
	while (n > 16) {
		long mid = n / 2;
		if (v[mid] < v[0])
			swap(&v[mid], &v[0]);
		if (v[n - 1] < v[0])
			swap(&v[n - 1], &v[0]);
		if (v[n - 1] < v[mid])
			swap(&v[n - 1], &v[mid]);
		uint32_t pivot = v[mid];
		long i = -1, j = n;
		for (;;) {
			do
				i++;
			while (v[i] < pivot);
			do
				j--;
			while (v[j] > pivot);
			if (i >= j)
				break;
			swap(&v[i], &v[j]);
		}
		long left = j + 1;
		if (left < n - left) {
			quicksort(v, left);
			v += left;
			n -= left;
		} else {
			quicksort(v + left, n - left);
			n = left;
		}
	}
	insertion_sort(v, n);
}

uint64_t workload(uint64_t scale_milli)
{
	uint64_t rounds = bench_scaled(8, scale_milli), sum = 0, seed = 0xC0FFEE;
	for (uint64_t r = 0; r < rounds; r++) {
		for (long i = 0; i < N; i++)
			a[i] = (uint32_t)(bench_rand(&seed) >> 32);
		quicksort(a, N);
		uint64_t s = 0;
		for (long i = 0; i < N; i++)
			s += (uint64_t)a[i] * (uint64_t)(i + 1);
		sum = bench_mix(sum, s);
	}
	return sum;
}

/*
 * sieve.c - the sieve of Eratosthenes over a byte array: counts the primes
 * below 4,000,000 (283,146 of them) again and again. Memory-bound stores
 * with strides, then a sequential scan.
 */
#include <string.h>

#include "bench.h"

const char workload_name[] = "sieve";

#define LIMIT 4000000

static uint8_t composite[LIMIT];

static uint64_t sieve_once(void)
{
	memset(composite, 0, sizeof composite);
	for (uint64_t i = 2; i * i < LIMIT; i++)
		if (!composite[i])
			for (uint64_t j = i * i; j < LIMIT; j += i)
				composite[j] = 1;
	uint64_t count = 0, sum = 0;
	for (uint64_t i = 2; i < LIMIT; i++)
		if (!composite[i]) {
			count++;
			sum += i;
		}
	return count ^ (sum << 20);
}

uint64_t workload(uint64_t scale_milli)
{
	uint64_t rounds = bench_scaled(6, scale_milli), sum = 0;
	for (uint64_t r = 0; r < rounds; r++)
		sum = bench_mix(sum, sieve_once());
	return sum;
}

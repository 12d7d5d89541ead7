/*
 * fib.c - naive doubly recursive Fibonacci: fib(27) again and again.
 * Calls, returns and stack traffic.
 */
#include "bench.h"

const char workload_name[] = "fib";

/* Read each round so the compiler cannot compute fib(27) once and reuse it. */
static volatile uint64_t fib_n = 27;

static uint64_t __attribute__((noinline)) fib(uint64_t n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

uint64_t workload(uint64_t scale_milli)
{
	uint64_t rounds = bench_scaled(50, scale_milli), sum = 0;
	for (uint64_t r = 0; r < rounds; r++)
		sum = bench_mix(sum, fib(fib_n));
	return sum;
}

/*
 * hello.c - the demo program: a greeting, then a short computation (the
 * primes below 100,000, by trial division) whose result it prints as a
 * checksum. A fraction of a second on rivet's interpreter.
 *
 *     make -C bench demo            # prints the path of out/rivet/hello.elf
 *     bin/rivet run --elf bench/out/rivet/hello.elf
 *
 * Expected output: 9592 primes, the largest 99991.
 */
#include "bench.h"

const char workload_name[] = "hello";

uint64_t workload(uint64_t scale_milli)
{
	(void)scale_milli;
	bench_puts("Hello from a bare-metal RISC-V program!\n");
	uint64_t count = 0, largest = 0;
	for (uint64_t n = 2; n < 100000; n++) {
		int prime = 1;
		for (uint64_t d = 2; d * d <= n; d++)
			if (n % d == 0) {
				prime = 0;
				break;
			}
		if (prime) {
			count++;
			largest = n;
		}
	}
	bench_puts("primes below 100000: ");
	bench_put_dec(count);
	bench_puts(", the largest ");
	bench_put_dec(largest);
	bench_puts("\n");
	return count << 32 | largest;
}

/*
 * rt_hosted.c - runtime of the Linux (qemu-riscv64) and native builds.
 *
 * Usage: PROGRAM [SCALE_MILLI]   (default 1000)
 */
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

void bench_puts(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(1, s, n);
		if (w <= 0)
			exit(1);
		s += w;
		n -= (size_t)w;
	}
}

uint64_t bench_trap_roundtrip(uint64_t x)
{
	syscall(SYS_getppid);
	return x + 11; /* what the bare-metal handler returns: x + mcause */
}

int main(int argc, char **argv)
{
	uint64_t scale = 1000;
	if (argc > 2) {
		bench_puts("usage: PROGRAM [SCALE_MILLI]\n");
		return 2;
	}
	if (argc == 2) {
		char *end;
		scale = strtoull(argv[1], &end, 10);
		if (*argv[1] < '0' || *argv[1] > '9' || *end != 0 || scale == 0) {
			bench_puts("bench: SCALE_MILLI must be a positive integer\n");
			return 2;
		}
	}
	return bench_main(scale);
}

/* common.c - the part of the runtime shared by every build. */
#include "bench.h"

void bench_put_dec(uint64_t v)
{
	char buf[21];
	int i = sizeof buf - 1;
	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	bench_puts(&buf[i]);
}

void bench_put_hex(uint64_t v)
{
	char buf[17];
	for (int i = 15; i >= 0; i--) {
		buf[i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
	buf[16] = 0;
	bench_puts(buf);
}

int bench_main(uint64_t scale_milli)
{
	uint64_t sum = workload(scale_milli);
	bench_puts("bench ");
	bench_puts(workload_name);
	bench_puts(" scale_milli=");
	bench_put_dec(scale_milli);
	bench_puts(" checksum=");
	bench_put_hex(sum);
	bench_puts("\n");
	return 0;
}

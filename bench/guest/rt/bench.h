/*
 * bench.h - the interface between a benchmark workload and its runtime.
 *
 * A workload is one C file that defines
 *
 *     const char workload_name[] = "sieve";
 *     uint64_t workload(uint64_t scale_milli);
 *
 * workload() does an amount of work proportional to scale_milli / 1000 and
 * returns a checksum of everything it computed, so that a wrong result can
 * never pass as a fast one. It must give the same checksum on every build
 * (bare metal, Linux, native x86-64): no host time, no addresses, no
 * unspecified behaviour, floating point only through + - * / and sqrt.
 *
 * The runtime (rt_bare.c for the bare-metal machines, rt_hosted.c for Linux
 * and native) reads the scale, calls workload() once and prints
 *
 *     bench <name> scale_milli=<n> checksum=<16 hex digits>
 *
 * then exits with status 0. Anything unexpected (a trap on bare metal) exits
 * with a non-zero status after printing what happened.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

extern const char workload_name[];
uint64_t workload(uint64_t scale_milli);

/* Console output: a string, an unsigned number in decimal or as 16 hex digits. */
void bench_puts(const char *s);
void bench_put_dec(uint64_t v);
void bench_put_hex(uint64_t v);

/*
 * One round trip into the machine and back. Bare metal: an ecall taken by
 * the M-mode trap handler, which returns x + mcause (11, ecall from M-mode)
 * and resumes after the ecall with mret. Linux and native: one system call
 * (getppid), then the same arithmetic, so the checksum is the same.
 */
uint64_t bench_trap_roundtrip(uint64_t x);

/* base * scale_milli / 1000, at least 1: the size of a scaled loop. */
static inline uint64_t bench_scaled(uint64_t base, uint64_t scale_milli)
{
	uint64_t n = base * scale_milli / 1000;
	return n ? n : 1;
}

/* A small, fast, deterministic generator (xorshift64*) for test data. */
static inline uint64_t bench_rand(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Mixes v into a running checksum (order-sensitive). */
static inline uint64_t bench_mix(uint64_t sum, uint64_t v)
{
	sum ^= v + 0x9E3779B97F4A7C15ULL + (sum << 6) + (sum >> 2);
	return sum;
}

/* The bits of a double, for checksums of floating-point results. */
static inline uint64_t bench_double_bits(double d)
{
	union { double d; uint64_t u; } x = { d };
	return x.u;
}

/* Stops the compiler from deleting or hoisting a computation. */
#define BENCH_KEEP(v) __asm__ volatile("" : : "r"(v) : "memory")

/* Shared by every runtime: runs the workload and prints the result line. */
int bench_main(uint64_t scale_milli);

#endif

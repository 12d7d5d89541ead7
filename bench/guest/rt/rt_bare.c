/*
 * rt_bare.c - runtime of the bare-metal builds (rivet, the Cartesi
 * reference, QEMU's spike machine).
 *
 * Console and halt go through HTIF: a 64-bit store of
 * (device << 56) | (command << 48) | payload to tohost. Console putchar is
 * device 1, command 1, the byte as payload; halt is device 0, command 0,
 * payload (exit code << 1) | 1. Where tohost lives is decided at link time:
 * rivet and the Cartesi machine have the device at a fixed address
 * (0x40008000, given with --defsym), QEMU's spike machine maps it wherever
 * the ELF's `tohost` symbol is (htif_tohost.S, the riscv-tests convention).
 */
#include "bench.h"

extern volatile uint64_t tohost;

/*
 * The scale of this run in thousandths. The harness patches this word in a
 * copy of the ELF (it finds it by its symbol name), so one build serves every
 * scale; keep its name, type and initial value in sync with bench/elf.go.
 */
volatile uint64_t bench_param_scale_milli = 1000;

static void htif_putchar(char c)
{
	tohost = (1ULL << 56) | (1ULL << 48) | (uint8_t)c;
}

static void __attribute__((noreturn)) htif_exit(uint64_t code)
{
	tohost = (code << 1) | 1;
	for (;;)
		;
}

void bench_puts(const char *s)
{
	while (*s)
		htif_putchar(*s++);
}

uint64_t bench_trap_roundtrip(uint64_t x)
{
	register uint64_t a0 __asm__("a0") = x;
	__asm__ volatile("ecall" : "+r"(a0) : : "t0", "t1", "memory");
	return a0;
}

void __attribute__((noreturn)) bench_unexpected_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval)
{
	bench_puts("bench: unexpected trap mcause=0x");
	bench_put_hex(mcause);
	bench_puts(" mepc=0x");
	bench_put_hex(mepc);
	bench_puts(" mtval=0x");
	bench_put_hex(mtval);
	bench_puts("\n");
	htif_exit(3);
}

void __attribute__((noreturn)) bench_bare_main(void)
{
	uint64_t scale = bench_param_scale_milli;
	if (scale == 0) {
		bench_puts("bench: bench_param_scale_milli is 0\n");
		htif_exit(2);
	}
	htif_exit(bench_main(scale));
}

/*
 * traps.c - round trips into the machine and back. Bare metal: ecall from
 * M-mode, taken by the runtime's trap vector, which returns with mret (the
 * cost of a trap, as an OS kernel's system calls and a hypervisor's exits
 * pay it). Linux and native: one getppid system call each (see
 * bench_trap_roundtrip), which is the nearest thing a process has.
 *
 * Checksum: a running hash of what each round trip returned.
 */
#include "bench.h"

const char workload_name[] = "traps";

uint64_t workload(uint64_t scale_milli)
{
	uint64_t rounds = bench_scaled(16000000, scale_milli), sum = 0;
	for (uint64_t i = 0; i < rounds; i++)
		sum = sum * 31 + bench_trap_roundtrip(i);
	return sum;
}

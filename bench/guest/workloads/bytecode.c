/*
 * bytecode.c - a small stack-machine interpreter (a switch in a loop, the
 * way many scripting VMs start) running a hashing loop written in its
 * bytecode. Indirect branches and short dependent chains.
 *
 * Checksum: the value the bytecode program returns.
 */
#include "bench.h"

const char workload_name[] = "bytecode";

enum op {
	OP_PUSH,  /* push the next code word */
	OP_LOAD,  /* push local[next word] */
	OP_STORE, /* pop into local[next word] */
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_XOR,
	OP_AND,
	OP_SHR,   /* pop n, pop x, push x >> (n & 63) */
	OP_DUP,
	OP_JZ,    /* pop; jump to the next word's address if zero */
	OP_JNZ,   /* pop; jump if non-zero */
	OP_HALT,  /* return the top of the stack */
};

/*
 * locals: 0 = i (counts down from n), 1 = acc, 2 = x
 *   acc = 1; x = 0
 *   do {
 *       acc = acc * 31 + i
 *       acc ^= acc >> 13
 *       if ((i & 3) == 0) x += acc
 *   } while (--i != 0)
 *   return acc ^ x
 */
#define ITER_SLOT 1 /* index of the iteration count in program[] */
static uint64_t program[] = {
	OP_PUSH, 0, OP_STORE, 0,
	OP_PUSH, 1, OP_STORE, 1,
	OP_PUSH, 0, OP_STORE, 2,
	/* 12: loop */
	OP_LOAD, 1, OP_PUSH, 31, OP_MUL, OP_LOAD, 0, OP_ADD, OP_STORE, 1,
	OP_LOAD, 1, OP_PUSH, 13, OP_SHR, OP_LOAD, 1, OP_XOR, OP_STORE, 1,
	OP_LOAD, 0, OP_PUSH, 3, OP_AND, OP_JNZ, 46,
	OP_LOAD, 2, OP_LOAD, 1, OP_ADD, OP_STORE, 2,
	/* 46: skip */
	OP_LOAD, 0, OP_PUSH, 1, OP_SUB, OP_DUP, OP_STORE, 0, OP_JNZ, 12,
	OP_LOAD, 1, OP_LOAD, 2, OP_XOR, OP_HALT,
};

static uint64_t run(const uint64_t *code)
{
	uint64_t stack[64], local[8] = { 0 };
	uint64_t *sp = stack; /* points above the top element */
	const uint64_t *pc = code;
	for (;;) {
		switch (*pc++) {
		case OP_PUSH: *sp++ = *pc++; break;
		case OP_LOAD: *sp++ = local[*pc++ & 7]; break;
		case OP_STORE: local[*pc++ & 7] = *--sp; break;
		case OP_ADD: sp--; sp[-1] += sp[0]; break;
		case OP_SUB: sp--; sp[-1] -= sp[0]; break;
		case OP_MUL: sp--; sp[-1] *= sp[0]; break;
		case OP_XOR: sp--; sp[-1] ^= sp[0]; break;
		case OP_AND: sp--; sp[-1] &= sp[0]; break;
		case OP_SHR: sp--; sp[-1] >>= sp[0] & 63; break;
		case OP_DUP: sp[0] = sp[-1]; sp++; break;
		case OP_JZ: pc = *--sp == 0 ? code + *pc : pc + 1; break;
		case OP_JNZ: pc = *--sp != 0 ? code + *pc : pc + 1; break;
		case OP_HALT: return sp[-1];
		default: return 0xBADC0DE;
		}
	}
}

uint64_t workload(uint64_t scale_milli)
{
	program[ITER_SLOT] = bench_scaled(1200000, scale_milli);
	return run(program);
}

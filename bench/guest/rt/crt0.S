/*
 * crt0.S - start-up and trap vector of the bare-metal builds.
 *
 * The machine starts here in M-mode at 0x80000000 (the link puts .text.init
 * first). We set up gp, sp and mtvec, enable the F and D instructions
 * (mstatus.FS = Initial; the reset value is Off, which makes them illegal),
 * zero .bss and call bench_bare_main, which never returns: it halts through
 * HTIF.
 */
	.section .text.init, "ax", @progbits
	.globl _start
_start:
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, __stack_top
	la	t0, bench_trap_vector
	csrw	mtvec, t0
	li	t0, 1 << 13
	csrs	mstatus, t0
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	bench_bare_main
3:	j	3b

/*
 * The M-mode trap vector (direct mode, so 4-byte aligned).
 *
 * ecall from M-mode (mcause 11) is the round trip that bench_trap_roundtrip
 * measures: it returns a0 + mcause and resumes after the ecall. Only t0 and
 * t1 are used, and the ecall's inline assembly declares both clobbered.
 * Any other trap is a bug in the program or the machine: switch to a stack
 * of our own (sp may be what failed) and report it; that never returns.
 */
	.text
	.balign 4
	.globl bench_trap_vector
bench_trap_vector:
	csrr	t0, mcause
	li	t1, 11
	bne	t0, t1, 1f
	add	a0, a0, t0
	csrr	t1, mepc
	addi	t1, t1, 4
	csrw	mepc, t1
	mret
1:	la	sp, __trap_stack_top
	csrr	a0, mcause
	csrr	a1, mepc
	csrr	a2, mtval
	call	bench_unexpected_trap
2:	j	2b

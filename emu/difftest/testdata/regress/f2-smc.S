# F2 regression: a store to an instruction that has already run must change
# what runs the next time (the reference decodes every instruction from
# memory). Each block runs its loop twice: the first pass rewrites the slot,
# the second pass runs the new instruction. The blocks run in M mode, then
# again in U mode (bare, where U may reach HTIF), and halts through HTIF.
	.option norvc
	.globl _start
_start:
	la	t0, trap
	csrw	mtvec, t0
	li	s1, 0			# pass: 0 = M mode, 1 = U mode
body:
	# SW over a 4-byte instruction
	li	t6, 2
1:
slot_w:	addi	a1, a1, 1
	la	t0, slot_w
	lw	t1, repl_w
	sw	t1, 0(t0)
	addi	t6, t6, -1
	bnez	t6, 1b
	# SH over a 2-byte instruction
	li	t6, 2
1:
slot_h:	.half	0x0685			# c.addi a3, 1
	.half	0x0001			# c.nop
	la	t0, slot_h
	lhu	t1, repl_h
	sh	t1, 0(t0)
	addi	t6, t6, -1
	bnez	t6, 1b
	# SB over one byte of an instruction (its immediate)
	li	t6, 2
1:
slot_b:	addi	a5, a5, 1
	la	t0, slot_b
	lbu	t1, repl_b+2
	sb	t1, 2(t0)
	addi	t6, t6, -1
	bnez	t6, 1b
	# SD over two instructions, then FENCE.I
	li	t6, 2
1:
slot_d:	addi	s2, s2, 1
	addi	s3, s3, 1
	la	t0, slot_d
	ld	t1, repl_d
	sd	t1, 0(t0)
	fence.i
	addi	t6, t6, -1
	bnez	t6, 1b
	# restore the slots for the next pass
	la	t0, slot_w
	lw	t1, orig_w
	sw	t1, 0(t0)
	la	t0, slot_h
	li	t1, 0x0685
	sh	t1, 0(t0)
	la	t0, slot_b
	lw	t1, orig_b
	sw	t1, 0(t0)
	la	t0, slot_d
	ld	t1, orig_d
	sd	t1, 0(t0)
	bnez	s1, done
	# second pass in U mode
	li	s1, 1
	li	t0, 0x1800
	csrc	mstatus, t0		# MPP = U
	la	t0, body
	csrw	mepc, t0
	mret
trap:					# nothing should trap; if it does, halt
done:
	li	t0, 1
	li	t1, 0x40008000
	sd	t0, 0(t1)
1:	j	1b

	.balign	8
repl_d:	addi	s4, s4, 1
	addi	s5, s5, 1
orig_d:	addi	s2, s2, 1
	addi	s3, s3, 1
repl_w:	addi	a2, a2, 1
orig_w:	addi	a1, a1, 1
repl_b:	addi	a5, a5, 2
orig_b:	addi	a5, a5, 1
repl_h:	.half	0x0705			# c.addi a4, 1
	.half	0x0001

# F1 regression: CSRRCI writes csr & zext32(~uimm), so bits 63..32 of the
# written value are always zero (the reference complements the 5-bit
# immediate in 32 bits). With uimm = 0 nothing is written.
	.option norvc
	.globl _start
_start:
	la	t0, trap
	csrw	mtvec, t0
	li	t0, -1
	csrw	mscratch, t0
	csrrci	a0, mscratch, 1		# mscratch = 0x00000000fffffffe
	csrrci	a1, mscratch, 0		# no write: mscratch unchanged
	csrr	a2, mscratch
	csrw	mepc, t0
	csrrci	x0, mepc, 4		# mepc = 0x00000000fffffffa (bit 0 reads as 0)
	csrr	a3, mepc
	li	t1, 0x8000000000000007
	csrw	mcause, t1
	csrrci	a4, mcause, 2		# the interrupt bit goes too: 5
	csrr	a5, mcause
	# satp: an Sv39 value loses MODE, so satp becomes Bare and every TLB
	# set is flushed; fill the TLBs first with a few accesses
	la	t2, data
	ld	t3, 0(t2)
	sd	t3, 8(t2)
	li	t1, 0x8000000000080123	# Sv39, PPN 0x80123 (M mode does not translate)
	csrw	satp, t1
	csrrci	a6, satp, 3
	csrr	a7, satp
	# S mode: sscratch
	csrw	sscratch, t0
	li	t1, 0x1800
	csrc	mstatus, t1
	li	t1, 0x800
	csrs	mstatus, t1		# MPP = S
	la	t1, smode
	csrw	mepc, t1
	mret
smode:
	csrrci	s2, sscratch, 31	# sscratch = 0x00000000ffffffe0
	csrr	s3, sscratch
	ecall
trap:
	li	t0, 1
	li	t1, 0x40008000
	sd	t0, 0(t1)
1:	j	1b
	.balign	8
data:	.quad	0x0123456789abcdef, 0

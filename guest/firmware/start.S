/* rivet firmware: M-mode entry, trap vector and the one fault-tolerant load.
 *
 * Entry state (machine.md): pc = 0x80000000 in M-mode, a0 = hart id, a1 = device tree.
 * mscratch holds the M-mode stack top while S- or U-mode runs and 0 while the firmware runs,
 * so a trap taken inside the firmware is told apart from one taken below it. */
#include "machine.h"

	.section .text.start, "ax"
	.globl _start
_start:
	csrw	mie, zero
	mv	s0, a0
	mv	s1, a1
#ifdef FW_DTB_ADDR
	/* Only for the QEMU smoke test: QEMU's Spike machine ignores -dtb, so the test loads
	 * its own tree at FW_DTB_ADDR and the firmware hands that to the kernel instead. */
	li	s1, FW_DTB_ADDR
#endif
	/* Zero .bss (RAM starts zeroed, but the firmware should not depend on it). */
	la	t0, fw_bss_start
	la	t1, fw_bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	la	sp, fw_stack_top
	csrw	mscratch, zero
	la	t0, fw_trap_entry
	csrw	mtvec, t0
	mv	a0, s0
	mv	a1, s1
	call	fw_init
	/* fw_init set mepc, mstatus.MPP = S and the delegations; hand the M stack to mscratch. */
	la	t0, fw_stack_top
	csrw	mscratch, t0
	mv	a0, s0
	mv	a1, s1
	li	ra, 0
	li	sp, 0
	li	gp, 0
	li	tp, 0
	li	t0, 0
	li	t1, 0
	li	s0, 0
	li	s1, 0
	mret

	.text
	.align 2
	.globl fw_trap_entry
fw_trap_entry:
	csrrw	sp, mscratch, sp
	beqz	sp, fw_trap_from_m
	addi	sp, sp, -FW_FRAME_SIZE
	sd	x1, 1*8(sp)
	sd	x3, 3*8(sp)
	sd	x4, 4*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	csrrw	t0, mscratch, zero	/* interrupted sp; mscratch = 0 marks "in firmware" */
	sd	t0, 2*8(sp)
	csrr	t0, mepc
	sd	t0, FW_FRAME_MEPC(sp)
	mv	a0, sp
	call	fw_trap
	ld	t0, FW_FRAME_MEPC(sp)
	csrw	mepc, t0
	addi	t0, sp, FW_FRAME_SIZE
	csrw	mscratch, t0
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	ld	sp, 2*8(sp)
	mret

/* A trap taken while the firmware runs. The only one expected is an access fault in one of
 * the access helpers below (a DBCN buffer that is not memory, or an S/U address that faults
 * while a misaligned access is emulated); it resumes at that helper's error return. Only t0,
 * t1 and t2 are used here: callers of the helpers treat them as clobbered. */
fw_trap_from_m:
	csrrw	sp, mscratch, sp	/* back to the firmware's own sp; mscratch = 0 again */
	csrr	t0, mepc
	la	t1, fw_safe_lbu_load
	la	t2, fw_safe_lbu_fault
	beq	t0, t1, 1f
	la	t1, fw_safe_sb_store
	la	t2, fw_safe_sb_fault
	beq	t0, t1, 1f
	la	t1, fw_mprv_lbu_load
	la	t2, fw_mprv_lbu_fault
	beq	t0, t1, 1f
	la	t1, fw_mprv_lhu_load
	la	t2, fw_mprv_lhu_fault
	beq	t0, t1, 1f
	la	t1, fw_mprv_sb_store
	la	t2, fw_mprv_sb_fault
	beq	t0, t1, 1f
	li	a0, FW_EXIT_FATAL
	j	fw_halt
1:	csrw	mepc, t2
	mret

/* long fw_safe_lbu(unsigned long paddr): the byte at paddr, or -1 if reading it faults. */
	.globl fw_safe_lbu
fw_safe_lbu:
fw_safe_lbu_load:
	lbu	a0, 0(a0)
	ret
fw_safe_lbu_fault:
	li	a0, -1
	ret

/* long fw_safe_sb(unsigned long paddr, unsigned long byte): 0, or -1 if writing faults. */
	.globl fw_safe_sb
fw_safe_sb:
fw_safe_sb_store:
	sb	a1, 0(a0)
	li	a0, 0
	ret
fw_safe_sb_fault:
	li	a0, -1
	ret

/* Accesses with the privilege and translation of the trapped mode (mstatus.MPRV with MPP as
 * the trap left it; a1 or a2 = the mstatus bits to set: MPRV, and MXR for instruction reads).
 * They return -1 on a fault; mcause and mtval then describe it, and mstatus.MPP is no longer
 * the trapped mode's, so the caller restores mstatus. */
/* long fw_mprv_lbu(unsigned long vaddr, unsigned long bits) */
	.globl fw_mprv_lbu
fw_mprv_lbu:
	csrs	mstatus, a1
fw_mprv_lbu_load:
	lbu	a0, 0(a0)
	csrc	mstatus, a1
	ret
fw_mprv_lbu_fault:
	csrc	mstatus, a1
	li	a0, -1
	ret

/* long fw_mprv_lhu(unsigned long vaddr, unsigned long bits): vaddr is 2-byte aligned. */
	.globl fw_mprv_lhu
fw_mprv_lhu:
	csrs	mstatus, a1
fw_mprv_lhu_load:
	lhu	a0, 0(a0)
	csrc	mstatus, a1
	ret
fw_mprv_lhu_fault:
	csrc	mstatus, a1
	li	a0, -1
	ret

/* long fw_mprv_sb(unsigned long vaddr, unsigned long byte, unsigned long bits) */
	.globl fw_mprv_sb
fw_mprv_sb:
	csrs	mstatus, a2
fw_mprv_sb_store:
	sb	a1, 0(a0)
	csrc	mstatus, a2
	li	a0, 0
	ret
fw_mprv_sb_fault:
	csrc	mstatus, a2
	li	a0, -1
	ret

/* void fw_halt(unsigned long exit_code): HTIF halt; never returns. Uses only a0 and t0. */
	.globl fw_halt
fw_halt:
	slli	a0, a0, 1
	ori	a0, a0, 1	/* device 0, command 0, data = exit_code << 1 | 1 */
	li	t0, FW_HTIF_TOHOST
	fence	iorw, iorw
	sd	a0, 0(t0)
1:	wfi
	j	1b

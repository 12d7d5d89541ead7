/*
 * timer: the CLINT timer and its access rules. mtime = mcycle / 8192 and
 * is read-only; mtimecmp is a 64-bit register; MTIP is set only at an
 * 8192-cycle tick, when mtimecmp != 0 and mtimecmp * 8192 <= mcycle, so a
 * comparison value already in the past waits for the next tick; writing
 * mtimecmp clears MTIP; a timer interrupt is taken exactly at the tick.
 * Only 32-bit msip and 64-bit mtimecmp/mtime accesses are valid; anything
 * else is an access fault.
 */
#include "rivet_test.h"

#define MTIMECMP_SET(reg) li t0, CLINT_MTIMECMP; sd reg, 0(t0)
#define CHECK_MTIP(val) csrr a0, mip; andi a0, a0, MIP_MTIP; CHECK(a0, val)
/* spins until MTIP is set; a2 + 1 is then the cycle of the mip read that saw it */
#define WAIT_MTIP 4: csrr a2, mcycle; csrr a1, mip; andi a1, a1, MIP_MTIP; beqz a1, 4b

RVT_CODE_BEGIN

    /* mtimecmp holds 64 bits */
    CASE; li a0, 0x123456789abcdef0; MTIMECMP_SET(a0); ld a1, 0(t0); CHECK(a1, 0x123456789abcdef0); MTIMECMP_SET(zero); ld a1, 0(t0); CHECK(a1, 0)

#ifndef RVT_QEMU /* QEMU: its CLINT accepts other sizes, mtime is writable, MTIP follows host time */
    /* access rules */
    CASE; li t0, CLINT_MSIP; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_MSIP, ld a0, 0(t0))
    CASE; li t0, CLINT_MSIP; TRAP_TVAL(CAUSE_STORE_ACCESS, CLINT_MSIP, sd a0, 0(t0))
    CASE; li t0, CLINT_MSIP; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_MSIP, lb a0, 0(t0))
    CASE; li t0, CLINT_MSIP; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_MSIP, lhu a0, 0(t0))
    CASE; li t0, CLINT_MSIP; TRAP_TVAL(CAUSE_STORE_ACCESS, CLINT_MSIP, sb a0, 0(t0))
    CASE; li t0, CLINT_MSIP + 4; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_MSIP + 4, lw a0, 0(t0))
    CASE; li t0, CLINT_MTIMECMP; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_MTIMECMP, lw a0, 0(t0))
    CASE; li t0, CLINT_MTIMECMP; TRAP_TVAL(CAUSE_STORE_ACCESS, CLINT_MTIMECMP, sw a0, 0(t0))
    CASE; li t0, CLINT_MTIMECMP + 4; TRAP_TVAL(CAUSE_STORE_ACCESS, CLINT_MTIMECMP + 4, sw a0, 0(t0))
    CASE; li t0, CLINT_MTIMECMP + 8; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_MTIMECMP + 8, ld a0, 0(t0))
    CASE; li t0, CLINT_MTIME; TRAP_TVAL(CAUSE_STORE_ACCESS, CLINT_MTIME, sd a0, 0(t0))
    CASE; li t0, CLINT_MTIME; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_MTIME, lw a0, 0(t0))
    CASE; li t0, CLINT_MTIME - 8; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_MTIME - 8, ld a0, 0(t0))
    CASE; li t0, CLINT_BASE + 8; TRAP_TVAL(CAUSE_LOAD_ACCESS, CLINT_BASE + 8, ld a0, 0(t0))
    /* misaligned: the alignment check comes first */
    CASE; li t0, CLINT_MTIME + 4; TRAP_TVAL(CAUSE_MISALIGNED_LOAD, CLINT_MTIME + 4, ld a0, 0(t0))

    /* the timer interrupt is taken exactly at the tick after mtime reaches mtimecmp */
    CASE; li t0, CLINT_MTIME; ld s0, 0(t0); addi s0, s0, 1; MTIMECMP_SET(s0); CHECK_MTIP(0); li a0, MIP_MTIP; csrw mie, a0; \
        csrr s4, mtvec; la a0, tick_stub; csrw mtvec, a0; la a0, 2f; csrw mscratch, a0; csrsi mstatus, MSTATUS_MIE; 1: j 1b; \
        2: csrw mtvec, s4; slli s0, s0, LOG2_CYCLES_PER_TICK; CHECK_REG(s5, s0); andi a0, s6, MIP_MTIP; CHECK(a0, MIP_MTIP); csrw mie, zero
    /* writing mtimecmp clears MTIP */
    CASE; CHECK_MTIP(MIP_MTIP); li a0, -1; MTIMECMP_SET(a0); CHECK_MTIP(0)
    /* a value already in the past: MTIP waits for the next tick */
    CASE; li a0, 1; MTIMECMP_SET(a0); CHECK_MTIP(0); WAIT_MTIP; addi a2, a2, 1; li a3, CYCLES_PER_TICK - 1; and a2, a2, a3; li a3, 4; bltu a2, a3, 1f; j rvt_fail; 1:
    /* rewriting the same past value clears MTIP again until the next tick */
    CASE; CHECK_MTIP(MIP_MTIP); li a0, 1; MTIMECMP_SET(a0); CHECK_MTIP(0); WAIT_MTIP; addi a2, a2, 1; li a3, CYCLES_PER_TICK - 1; and a2, a2, a3; \
        li a3, 4; bltu a2, a3, 1f; j rvt_fail; 1:
    /* MTIP stays set across ticks while mtimecmp is not written */
    CASE; li t0, CLINT_MTIME; ld s0, 0(t0); 1: ld s1, 0(t0); beq s0, s1, 1b; CHECK_MTIP(MIP_MTIP)
    /* mtimecmp = 0 never fires, however far mtime goes */
    CASE; MTIMECMP_SET(zero); CHECK_MTIP(0); li t0, CLINT_MTIME; ld s0, 0(t0); addi s0, s0, 2; 1: ld s1, 0(t0); csrr a0, mip; andi a0, a0, MIP_MTIP; \
        beqz a0, 2f; j rvt_fail; 2: bltu s1, s0, 1b
    /* mtimecmp far ahead: not yet */
    CASE; li t0, CLINT_MTIME; ld s0, 0(t0); addi s0, s0, 3; MTIMECMP_SET(s0); li t0, CLINT_MTIME; 1: ld s1, 0(t0); addi s1, s1, 1; bltu s1, s0, 1b; \
        CHECK_MTIP(0); WAIT_MTIP; addi a2, a2, 1; srli a2, a2, LOG2_CYCLES_PER_TICK; CHECK_REG(a2, s0)
    /* the interrupt fires in S and U whatever MIE says, still at the tick */
    CASE; li t0, CLINT_MTIME; ld s0, 0(t0); addi s0, s0, 1; MTIMECMP_SET(s0); li a0, MIP_MTIP; csrw mie, a0; csrr s4, mtvec; la a0, tick_stub; csrw mtvec, a0; \
        la a0, 2f; csrw mscratch, a0; GO_U; 1: j 1b; 2: csrw mtvec, s4; slli s0, s0, LOG2_CYCLES_PER_TICK; CHECK_REG(s5, s0); csrw mie, zero; \
        ld a0, RVT_USER0(tp); srli a0, a0, 11; andi a0, a0, 3; CHECK(a0, PRV_U)
    CASE; MTIMECMP_SET(zero)
#endif

RVT_PASS

    /* a timer interrupt handler: s5 = mcycle at entry, s6 = mip; returns to mscratch in M with MIE off */
    .balign 4
tick_stub:
    csrr s5, mcycle
    csrr s6, mip
    csrr t0, mstatus
    sd t0, RVT_USER0(tp)
    csrr t0, mscratch
    csrw mepc, t0
    li t0, MSTATUS_MPIE | MSTATUS_MPP
    csrs mstatus, t0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    mret

RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

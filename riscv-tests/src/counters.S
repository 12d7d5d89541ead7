/*
 * counters: mcycle, minstret, cycle, instret, time and CLINT mtime.
 * mcycle grows by exactly one per instruction attempt (a trapping
 * instruction included; taking a trap costs nothing more), minstret is
 * mcycle minus the number of traps taken, time = mtime = mcycle / 8192, and
 * the user counters are gated by mcounteren (in S and U) and scounteren
 * (in U). WFI is a one-cycle no-op.
 */
#include "rivet_test.h"

/* reading counter csr in S-mode (U-mode) must trap / must not trap */
#define S_TRAPS(csr) CASE; GO_S; TRAP_ILLEGAL_SELF(csrr a0, csr); CHECK_TRAP_FROM(PRV_S)
#define U_TRAPS(csr) CASE; GO_U; TRAP_ILLEGAL_SELF(csrr a0, csr); CHECK_TRAP_FROM(PRV_U)
#define S_READS(csr) CASE; GO_S; NO_TRAP(csrr a0, csr); GO_M
#define U_READS(csr) CASE; GO_U; NO_TRAP(csrr a0, csr); GO_M

RVT_CODE_BEGIN

#ifndef RVT_QEMU /* QEMU: counters are not exact instruction counts */
    /* one cycle and one instruction per instruction */
    CASE; csrr a0, mcycle; csrr a1, mcycle; sub a2, a1, a0; CHECK(a2, 1)
    CASE; csrr a0, minstret; csrr a1, minstret; sub a2, a1, a0; CHECK(a2, 1)
    CASE; csrr a0, cycle; csrr a1, mcycle; sub a2, a1, a0; CHECK(a2, 1)
    CASE; csrr a0, instret; csrr a1, minstret; sub a2, a1, a0; CHECK(a2, 1)
    CASE; csrr a0, mcycle; nop; nop; nop; nop; nop; csrr a1, mcycle; sub a2, a1, a0; CHECK(a2, 6)
    CASE; csrr a0, mcycle; li a3, 10; 1: addi a3, a3, -1; bnez a3, 1b; csrr a1, mcycle; sub a2, a1, a0; CHECK(a2, 22)
    /* without traps, mcycle - minstret stays constant */
    CASE; csrr a0, mcycle; csrr a1, minstret; sub s0, a0, a1; li a3, 100; 1: addi a3, a3, -1; bnez a3, 1b; \
        csrr a0, mcycle; csrr a1, minstret; sub s1, a0, a1; CHECK_REG(s0, s1)
    /* each trap adds one to mcycle - minstret: the trapping instruction costs a cycle but retires nothing */
    CASE; csrr s0, mcycle; csrr s1, minstret; TRAP(CAUSE_MACHINE_ECALL, ecall); csrr s2, mcycle; csrr s3, minstret; \
        sub a0, s2, s0; sub a1, s3, s1; sub a2, a0, a1; CHECK(a2, 1)
    CASE; csrr s0, mcycle; csrr s1, minstret; TRAP(CAUSE_MACHINE_ECALL, ecall); TRAP(CAUSE_ILLEGAL_INSN, .word 0); \
        la a1, 1f + 1; TRAP(CAUSE_MISALIGNED_LOAD, lh a0, 0(a1)); 1: csrr s2, mcycle; csrr s3, minstret; \
        sub a0, s2, s0; sub a1, s3, s1; sub a2, a0, a1; CHECK(a2, 3)
    /* the same for traps from U and S */
    CASE; csrr s0, mcycle; csrr s1, minstret; GO_U; GO_M; GO_S; GO_M; csrr s2, mcycle; csrr s3, minstret; \
        sub a0, s2, s0; sub a1, s3, s1; sub a2, a0, a1; CHECK(a2, 2)
    /* a trapping instruction costs exactly one cycle: the first handler instruction
       runs at the cycle after it (the handler here is a two-instruction stub) */
    CASE; csrr s4, mtvec; la a0, cycle_stub; csrw mtvec, a0; la a0, 1f; csrw mscratch, a0; \
        csrr s0, mcycle; ecall; 1: csrw mtvec, s4; sub a0, s5, s0; CHECK(a0, 2)

    /* time and CLINT mtime are mcycle / 8192 */
    CASE; csrr a0, mcycle; csrr a1, time; addi a0, a0, 1; srli a0, a0, LOG2_CYCLES_PER_TICK; CHECK_REG(a1, a0)
    CASE; li t0, CLINT_MTIME; csrr a0, mcycle; ld a1, 0(t0); addi a0, a0, 1; srli a0, a0, LOG2_CYCLES_PER_TICK; CHECK_REG(a1, a0)
    /* watch time tick over: it changes exactly when mcycle reaches a multiple of 8192 */
    CASE; csrr s0, time; 1: csrr a0, mcycle; csrr a1, time; addi a2, a0, 1; srli a2, a2, LOG2_CYCLES_PER_TICK; \
        CHECK_REG(a1, a2); beq a1, s0, 1b; addi a0, a0, 1; li a3, CYCLES_PER_TICK - 1; and a0, a0, a3; li a3, 8; bltu a0, a3, 2f; j rvt_fail; 2:
    CASE; li t0, CLINT_MTIME; ld s0, 0(t0); 1: csrr a0, mcycle; ld a1, 0(t0); addi a2, a0, 1; srli a2, a2, LOG2_CYCLES_PER_TICK; \
        CHECK_REG(a1, a2); beq a1, s0, 1b
    /* WFI is a no-op that costs one cycle */
    CASE; csrr a0, mcycle; wfi; csrr a1, mcycle; sub a2, a1, a0; CHECK(a2, 2)
#endif

    /* gating: M-mode reads regardless of mcounteren */
    CASE; csrw mcounteren, zero; csrw scounteren, zero; NO_TRAP(csrr a0, cycle; csrr a0, instret)
#ifndef RVT_QEMU /* QEMU: the spike machine has no time CSR source, reads trap */
    CASE; NO_TRAP(csrr a0, time)
#endif
    /* mcounteren = 0: S and U trap */
    S_TRAPS(cycle)
    S_TRAPS(time)
    S_TRAPS(instret)
    U_TRAPS(cycle)
    U_TRAPS(time)
    U_TRAPS(instret)
    /* one bit at a time in S */
    CASE; csrwi mcounteren, 1
    S_READS(cycle)
    S_TRAPS(time)
    S_TRAPS(instret)
#ifndef RVT_QEMU /* QEMU: time traps anyway */
    CASE; csrwi mcounteren, 2
    S_TRAPS(cycle)
    S_READS(time)
    S_TRAPS(instret)
#endif
    CASE; csrwi mcounteren, 4
    S_TRAPS(cycle)
    S_TRAPS(time)
    S_READS(instret)
    /* U needs the bit in both mcounteren and scounteren */
    CASE; csrwi mcounteren, 7; csrwi scounteren, 0
    U_TRAPS(cycle)
    U_TRAPS(time)
    U_TRAPS(instret)
    CASE; csrwi scounteren, 1
    U_READS(cycle)
    U_TRAPS(instret)
    CASE; csrwi scounteren, 4
    U_READS(instret)
    U_TRAPS(cycle)
#ifndef RVT_QEMU /* QEMU: time traps anyway */
    CASE; csrwi scounteren, 2
    U_READS(time)
#endif
    CASE; csrwi mcounteren, 0; csrwi scounteren, 7
    U_TRAPS(cycle)
    U_TRAPS(instret)
    /* scounteren does not gate S */
    CASE; csrwi mcounteren, 1; csrwi scounteren, 0
    S_READS(cycle)
    /* the machine counters stay M-only whatever mcounteren says */
    CASE; csrwi mcounteren, 7; csrwi scounteren, 7
    S_TRAPS(mcycle)
    S_TRAPS(minstret)
    U_TRAPS(mcycle)
    U_TRAPS(minstret)
#ifndef RVT_QEMU /* QEMU: counters are not exact instruction counts */
    /* the user counters read the same values in S and U */
    CASE; GO_S; csrr a0, cycle; csrr a1, cycle; csrr a2, instret; csrr a3, instret; GO_M; sub a0, a1, a0; CHECK(a0, 1); sub a2, a3, a2; CHECK(a2, 1)
    CASE; GO_U; csrr a0, cycle; csrr a1, instret; csrr a2, time; GO_M; sub a1, a1, a0; csrr a3, mcycle; csrr a4, minstret; sub a3, a4, a3; \
        addi a1, a1, -1; CHECK_REG(a1, a3)
#endif
    csrw mcounteren, zero; csrw scounteren, zero

RVT_PASS

    /* a trap handler stub: records mcycle in s5 and returns to mscratch */
    .balign 4
cycle_stub:
    csrr s5, mcycle
    csrr t0, mscratch
    csrw mepc, t0
    mret

RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

/*
 * traps: synchronous exceptions and their delegation. ECALL and EBREAK
 * (and C.EBREAK) from M, S and U with their causes, mepc and mtval (0 for
 * ECALL, the pc for breakpoints, the instruction bits for illegal
 * instructions); the mstatus updates of a trap into M (MPIE = MIE, MIE = 0,
 * MPP = previous privilege); medeleg delegation to S (scause, sepc, stval,
 * SPP, SPIE = SIE, SIE = 0) for traps from S and U only, never from M, and
 * the reserved encodings of the SYSTEM opcode.
 */
#include "rivet_test.h"

/* from S or U when ecall is delegated: reach M through a non-delegated illegal instruction */
#define GO_M_ILLEGAL TRAP_RESUME_AT(93f); .word 0; 93:
/* the field of the recorded status */
#define CHECK_STATUS_BITS(mask, val) ld a0, RVT_STATUS(tp); li a1, mask; and a0, a0, a1; CHECK(a0, val)

RVT_CODE_BEGIN

    /* ECALL from each privilege */
    CASE; TRAP_TVAL(CAUSE_MACHINE_ECALL, 0, ecall); CHECK_TRAP_FROM(PRV_M)
    CASE; GO_S; TRAP_TVAL(CAUSE_SUPERVISOR_ECALL, 0, ecall); CHECK_TRAP_FROM(PRV_S)
    CASE; GO_U; TRAP_TVAL(CAUSE_USER_ECALL, 0, ecall); CHECK_TRAP_FROM(PRV_U)
    /* the CSRs themselves (the handler has pointed mepc at the resume address) */
    CASE; TRAP(CAUSE_MACHINE_ECALL, ecall); CHECK_CSR(mcause, CAUSE_MACHINE_ECALL); CHECK_CSR(mtval, 0); csrr a0, mepc; \
        la a1, 98b; CHECK_REG(a0, a1)
    /* EBREAK: breakpoint with mtval = pc */
    CASE; TRAP(CAUSE_BREAKPOINT, ebreak); CHECK_TRAP_FROM(PRV_M)
#ifndef RVT_QEMU /* QEMU: leaves mtval = 0 on breakpoints */
    CHECK_ENV_LABEL(RVT_TVAL, 97b)
#endif
    CASE; GO_S; TRAP(CAUSE_BREAKPOINT, ebreak); CHECK_TRAP_FROM(PRV_S)
#ifndef RVT_QEMU /* QEMU: leaves mtval = 0 on breakpoints */
    CHECK_ENV_LABEL(RVT_TVAL, 97b)
#endif
    CASE; GO_U; TRAP(CAUSE_BREAKPOINT, ebreak); CHECK_TRAP_FROM(PRV_U)
#ifndef RVT_QEMU /* QEMU: leaves mtval = 0 on breakpoints */
    CHECK_ENV_LABEL(RVT_TVAL, 97b)
#endif
    CASE; GO_U; TRAP(CAUSE_BREAKPOINT, .option push; .option rvc; c.ebreak; .option pop); CHECK_TRAP_FROM(PRV_U)

    /* mstatus on a trap into M */
    CASE; csrsi mstatus, MSTATUS_MIE; TRAP(CAUSE_MACHINE_ECALL, ecall); CHECK_STATUS_BITS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_M)
    CASE; csrci mstatus, MSTATUS_MIE; li a0, MSTATUS_MPIE; csrs mstatus, a0; TRAP(CAUSE_MACHINE_ECALL, ecall); \
        CHECK_STATUS_BITS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPP_M)
    /* MIE in S-mode is irrelevant but still copied to MPIE */
    CASE; li a0, MSTATUS_MPIE; csrs mstatus, a0; GO_S; TRAP(CAUSE_SUPERVISOR_ECALL, ecall); CHECK_STATUS_BITS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_S)
    CASE; li a0, MSTATUS_MPIE; csrc mstatus, a0; GO_U; TRAP(CAUSE_USER_ECALL, ecall); CHECK_STATUS_BITS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, 0)
    /* the S bits are left alone by a trap into M */
    CASE; li a0, MSTATUS_SIE | MSTATUS_SPP; csrs mstatus, a0; GO_S; TRAP(CAUSE_SUPERVISOR_ECALL, ecall); \
        CHECK_STATUS_BITS(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SIE | MSTATUS_SPP); li a0, MSTATUS_SIE | MSTATUS_SPP; csrc mstatus, a0

    /* illegal instructions: mtval = the instruction bits */
    ILLEGAL32(0xffffffff)
    ILLEGAL32(0x0000007f)           /* a 64-bit-format opcode */
    ILLEGAL32(0x0000003f)           /* a 48-bit-format opcode */
    ILLEGAL32(0x0000005b)           /* custom-2 */
    ILLEGAL32(0x0000000b)           /* custom-0 */
    ILLEGAL32(0x00000077)           /* OP-P / reserved */
    /* reserved SYSTEM encodings */
    ILLEGAL32(0x00000573)           /* ecall with rd = a0 */
    ILLEGAL32(0x00008073)           /* ecall with rs1 = ra */
    ILLEGAL32(0x00100473)           /* ebreak with rd = s0 */
    ILLEGAL32(0x00200073)           /* uret (no N extension) */
    ILLEGAL32(0x00300073)           /* imm = 3 */
    ILLEGAL32(0x70200073)           /* mnret (no Smrnmi) */
    ILLEGAL32(0x7b200073)           /* dret (no debug mode) */
#ifndef RVT_QEMU /* QEMU: implements H */
    ILLEGAL32(0x6005c573)           /* hlv.b (funct3 100, no H) */
    ILLEGAL32(0x22000073)           /* hfence.vvma */
    ILLEGAL32(0x62000073)           /* hfence.gvma */
#endif
    ILLEGAL32(0x00d00073)           /* wrs.nto (no Zawrs) */
    ILLEGAL32(0x01d00073)           /* wrs.sto */
    /* illegal from S and U record the privilege */
    CASE; GO_S; TRAP_ILLEGAL(0xffffffff, .word 0xffffffff); CHECK_TRAP_FROM(PRV_S)
    CASE; GO_U; TRAP_ILLEGAL(0, .word 0); CHECK_TRAP_FROM(PRV_U)

    /* delegation: ecall from U handled in S */
    CASE; li a0, 1 << CAUSE_USER_ECALL; csrw medeleg, a0; GO_U; STRAP(CAUSE_USER_ECALL, ecall); CHECK_TRAP_FROM(PRV_U); CHECK_TRAP_TVAL(0); \
        csrr a0, scause; csrr a1, stval; GO_M; CHECK(a0, CAUSE_USER_ECALL); CHECK(a1, 0)
    /* ecall from S is not delegated by that bit */
    CASE; GO_S; TRAP(CAUSE_SUPERVISOR_ECALL, ecall); CHECK_TRAP_LEVEL(3)
    /* ecall from S delegated to S itself */
    CASE; li a0, 1 << CAUSE_SUPERVISOR_ECALL; csrw medeleg, a0; GO_S; STRAP(CAUSE_SUPERVISOR_ECALL, ecall); CHECK_TRAP_FROM(PRV_S); GO_M_ILLEGAL; \
        CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN); CHECK_TRAP_LEVEL(3)
    /* traps in M are never delegated */
    CASE; li a0, -1; csrw medeleg, a0; TRAP(CAUSE_MACHINE_ECALL, ecall)
    CASE; TRAP(CAUSE_ILLEGAL_INSN, .word 0)
    CASE; TRAP(CAUSE_BREAKPOINT, ebreak)
#ifndef RVT_QEMU /* QEMU: performs misaligned loads */
    CASE; la a1, scratch + 2; TRAP(CAUSE_MISALIGNED_LOAD, lw a0, 0(a1))
#endif
    CASE; TRAP(CAUSE_LOAD_ACCESS, ld a0, 0(zero))
    /* ecall from M is not delegable at all */
#ifndef RVT_QEMU /* QEMU: medeleg bit 11 is writable */
    CASE; csrr a0, medeleg; srli a0, a0, CAUSE_MACHINE_ECALL; andi a0, a0, 1; CHECK(a0, 0)
#endif
    csrw medeleg, zero
    /* illegal instruction from S and U, delegated */
    CASE; li a0, 1 << CAUSE_ILLEGAL_INSN; csrw medeleg, a0; GO_S; STRAP(CAUSE_ILLEGAL_INSN, .word 0xffffffff); CHECK_TRAP_TVAL(0xffffffff); CHECK_TRAP_FROM(PRV_S); GO_M
    CASE; GO_U; STRAP(CAUSE_ILLEGAL_INSN, csrr a0, mstatus); CHECK_TRAP_FROM(PRV_U); CHECK_TVAL_INSN(97b); GO_M
    /* breakpoint from U delegated: stval = pc */
    CASE; li a0, 1 << CAUSE_BREAKPOINT; csrw medeleg, a0; GO_U; STRAP(CAUSE_BREAKPOINT, ebreak); CHECK_TRAP_FROM(PRV_U)
#ifndef RVT_QEMU /* QEMU: leaves stval = 0 on breakpoints */
    CHECK_ENV_LABEL(RVT_TVAL, 97b)
#endif
    GO_M
    /* misaligned load from S delegated: stval = address */
    CASE; li a0, 1 << CAUSE_MISALIGNED_LOAD; csrw medeleg, a0; la a1, scratch + 1; GO_S
#ifndef RVT_QEMU /* QEMU: performs misaligned loads */
    STRAP(CAUSE_MISALIGNED_LOAD, lh a0, 0(a1)); CHECK_TRAP_FROM(PRV_S); CHECK_ENV_LABEL(RVT_TVAL, scratch + 1)
#endif
    GO_M
    /* access faults from U delegated */
    CASE; li a0, (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_STORE_ACCESS); csrw medeleg, a0; GO_U; STRAP(CAUSE_LOAD_ACCESS, ld a0, 8(zero)); \
        CHECK_TRAP_TVAL(8); CHECK_TRAP_FROM(PRV_U); GO_M
    CASE; GO_U; li a1, 0x100; STRAP(CAUSE_STORE_ACCESS, sd a0, 0(a1)); CHECK_TRAP_TVAL(0x100); GO_M
    /* a cause not delegated goes to M even from U */
    CASE; GO_U; TRAP(CAUSE_ILLEGAL_INSN, .word 0); CHECK_TRAP_LEVEL(3); CHECK_TRAP_FROM(PRV_U)
    /* sstatus on a delegated trap: SPIE = SIE, SIE = 0, SPP = previous; mstatus M bits untouched */
    CASE; li a0, 1 << CAUSE_ILLEGAL_INSN; csrw medeleg, a0; li a0, MSTATUS_MPIE; csrc mstatus, a0; GO_S; csrsi sstatus, MSTATUS_SIE; \
        STRAP(CAUSE_ILLEGAL_INSN, .word 0); CHECK_STATUS_BITS(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE | MSTATUS_SPP); \
        csrr a2, sstatus; GO_M; andi a2, a2, MSTATUS_SIE | MSTATUS_SPIE; CHECK(a2, MSTATUS_SPIE)   /* after the handler's sret */
    CASE; csrci mstatus, MSTATUS_SIE; GO_U; STRAP(CAUSE_ILLEGAL_INSN, .word 0); CHECK_STATUS_BITS(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, 0); GO_M
    csrw medeleg, zero

    /* mtvec and stvec mode bits are ignored (no vectored mode): traps go to the base */
    CASE; csrr s0, mtvec; ori a0, s0, 1; csrw mtvec, a0; TRAP(CAUSE_MACHINE_ECALL, ecall); csrw mtvec, s0
    CASE; csrr s0, stvec; ori a0, s0, 1; csrw stvec, a0; li a0, 1 << CAUSE_USER_ECALL; csrw medeleg, a0; GO_U; STRAP(CAUSE_USER_ECALL, ecall); GO_M; \
        csrw stvec, s0; csrw medeleg, zero

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
scratch:
    .dword 0, 0
RVT_DATA_END

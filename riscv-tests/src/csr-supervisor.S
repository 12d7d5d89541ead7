/*
 * csr-supervisor: the supervisor-level CSRs: WARL masks (stvec, sepc,
 * senvcfg, scounteren, satp with its supported modes, Sv57 and others left
 * unchanged, no ASID bits), sstatus as a view of mstatus, sie/sip as views
 * of mie/mip through mideleg (the reference lets sip write every delegated
 * bit), and the privilege checks: M-level CSRs trap in S, S-level ones in
 * U, satp traps in S when mstatus.TVM = 1, FP CSRs follow mstatus.FS.
 */
#include "rivet_test.h"

/* the S-level bits of mip (elsewhere a machine-timer interrupt may be pending) */
#define CHECK_MIP_S(v) csrr a0, mip; andi a0, a0, 0x222; CHECK(a0, v)
/* runs in S-mode; the instruction must raise illegal instruction (resumes in M) */
#define S_ILLEGAL(...) CASE; GO_S; TRAP_ILLEGAL_SELF(__VA_ARGS__); CHECK_TRAP_FROM(PRV_S)
/* the same in U-mode */
#define U_ILLEGAL(...) CASE; GO_U; TRAP_ILLEGAL_SELF(__VA_ARGS__); CHECK_TRAP_FROM(PRV_U)

RVT_CODE_BEGIN

    /* stvec: direct mode only */
#ifndef RVT_QEMU /* QEMU: keeps vectored mode */
    CASE; csrr s0, stvec; li a0, 0x80001003; csrw stvec, a0; csrr a1, stvec; csrw stvec, s0; CHECK(a1, 0x80001000)
    CASE; csrr s0, stvec; li a0, -1; csrw stvec, a0; csrr a1, stvec; csrw stvec, s0; CHECK(a1, 0xfffffffffffffffc)
    /* sepc: bit 0 reads 0 */
    CASE; li a0, -1; csrw sepc, a0; CHECK_CSR(sepc, 0xfffffffffffffffe)
    CASE; li a0, 0x80000001; csrw sepc, a0; CHECK_CSR(sepc, 0x80000000)
    /* senvcfg: FIOM only; scounteren: CY, TM, IR */
    CASE; li a0, -1; csrw senvcfg, a0; CHECK_CSR(senvcfg, 1); csrw senvcfg, zero; CHECK_CSR(senvcfg, 0)
    CASE; li a0, -1; csrw scounteren, a0; CHECK_CSR(scounteren, 7); csrw scounteren, zero
#endif
    /* full-width registers */
    CASE; li a0, 0x0123456789abcdef; csrw sscratch, a0; CHECK_CSR(sscratch, 0x0123456789abcdef)
    CASE; li a0, -1; csrw scause, a0; CHECK_CSR(scause, -1)
    CASE; li a0, 0x8000000000000009; csrw scause, a0; CHECK_CSR(scause, 0x8000000000000009)
    CASE; li a0, 0xfedcba9876543210; csrw stval, a0; CHECK_CSR(stval, 0xfedcba9876543210)

    /* satp: Bare, Sv39 and Sv48; PPN has 44 bits; there are no ASID bits */
    CASE; li a0, SATP_MODE_SV39 | 0x123; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV39 | 0x123)
    CASE; li a0, SATP_MODE_SV48 | 0xfffffffffff; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV48 | 0xfffffffffff)
#ifndef RVT_QEMU /* QEMU: 16 ASID bits, Sv57 supported, Bare keeps nothing */
    CASE; li a0, SATP_MODE_SV39 | 0x0ffff00000000456; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV39 | 0x456)
    /* an unsupported mode (Sv57 included) leaves satp unchanged */
    CASE; li a0, SATP_MODE_SV57 | 0x789; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV39 | 0x456)
    CASE; li a0, SATP_MODE_SV57; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV39 | 0x456)
    /* Bare keeps the PPN field written with it */
    CASE; li a0, 0x0ffff00000000abc; csrw satp, a0; CHECK_CSR(satp, 0xabc)
#endif
    CASE; li a0, SATP_MODE_SV48 | 0x321; csrw satp, a0
    CASE; li a0, (1 << 60) | 0x111; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV48 | 0x321)
    CASE; li a0, (7 << 60) | 0x111; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV48 | 0x321)
    CASE; li a0, (11 << 60) | 0x111; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV48 | 0x321)
    CASE; li a0, (15 << 60) | 0x111; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV48 | 0x321)
    CASE; li a0, -1; csrw satp, a0; CHECK_CSR(satp, SATP_MODE_SV48 | 0x321)
    CASE; csrw satp, zero; CHECK_CSR(satp, 0)

    /* sstatus is a view of mstatus */
#ifndef RVT_QEMU /* QEMU: different sstatus masks */
    CASE; li a0, -1; csrw mstatus, a0; CHECK_CSR(sstatus, 0x80000002000C6122)
    CASE; csrw mstatus, zero; CHECK_CSR(sstatus, 0x0000000200000000)
    CASE; li a0, -1; csrw sstatus, a0; CHECK_CSR(mstatus, 0x8000000A000C6122); CHECK_CSR(sstatus, 0x80000002000C6122)
    /* sstatus writes leave the machine-only bits alone */
    CASE; li a0, MSTATUS_MIE | MSTATUS_MPP_M | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_SIE | MSTATUS_SPP | MSTATUS_SUM; \
        csrw mstatus, a0; csrw sstatus, zero; CHECK_CSR(mstatus, 0x0000000A00000000 | MSTATUS_MIE | MSTATUS_MPP_M | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
    CASE; li a0, MSTATUS_MXR | MSTATUS_SPIE | MSTATUS_MPIE; csrw sstatus, a0; CHECK_CSR(sstatus, 0x0000000200000000 | MSTATUS_MXR | MSTATUS_SPIE)
    CASE; li a0, MSTATUS_FS_INITIAL; csrs sstatus, a0; CHECK_CSR(sstatus, 0x8000000200006000 | MSTATUS_MXR | MSTATUS_SPIE)
#endif
    csrw mstatus, zero

    /* sie and sip are mie and mip masked by mideleg */
#ifndef RVT_QEMU /* QEMU: wider mie/mideleg masks (H extension) */
    CASE; csrw mideleg, zero; li a0, -1; csrw mie, a0; CHECK_CSR(sie, 0); csrw sie, zero; CHECK_CSR(mie, 0xaaa)
    CASE; li a0, -1; csrw mideleg, a0; CHECK_CSR(sie, 0x222); csrw sie, zero; CHECK_CSR(mie, 0x888)
    CASE; li a0, MIP_SSIP | MIP_MSIP; csrw sie, a0; CHECK_CSR(mie, 0x88a); CHECK_CSR(sie, 0x2)
    CASE; li a0, MIP_STIP; csrw mideleg, a0; li a0, -1; csrw sie, a0; CHECK_CSR(mie, 0x8aa); CHECK_CSR(sie, 0x20)
#endif
    csrw mie, zero
    CASE; li a0, -1; csrw mideleg, a0; li a0, MIP_SSIP; csrw sip, a0; CHECK_MIP_S(MIP_SSIP); CHECK_CSR(sip, MIP_SSIP); csrw sip, zero; CHECK_MIP_S(0)
#ifndef RVT_QEMU /* QEMU: only SSIP is writable through sip */
    CASE; li a0, -1; csrw sip, a0; CHECK_MIP_S(0x222); CHECK_CSR(sip, 0x222); csrw sip, zero; CHECK_MIP_S(0)
#endif
    CASE; li a0, MIP_SSIP; csrw mideleg, a0; li a0, -1; csrw sip, a0; CHECK_MIP_S(MIP_SSIP); li a0, -1; csrw mip, a0; CHECK_CSR(sip, MIP_SSIP); \
        csrw mideleg, zero; CHECK_CSR(sip, 0); csrw sip, zero; CHECK_MIP_S(0x222)
    csrw mip, zero; csrw mideleg, zero

    /* in S-mode: the supervisor CSRs are accessible */
    CASE; GO_S; NO_TRAP(csrr a0, sstatus; csrr a0, sie; csrr a0, stvec; csrr a0, scounteren; csrr a0, senvcfg; csrr a0, sscratch; \
        csrr a0, sepc; csrr a0, scause; csrr a0, stval; csrr a0, sip; csrr a0, satp); GO_M
    CASE; GO_S; li a0, 0x55; csrw sscratch, a0; csrr a1, sscratch; GO_M; CHECK(a1, 0x55); CHECK_CSR(sscratch, 0x55)
    CASE; GO_S; li a0, MSTATUS_SUM; csrs sstatus, a0; GO_M; csrr a0, mstatus; li a1, MSTATUS_SUM; and a0, a0, a1; CHECK(a0, MSTATUS_SUM); csrc mstatus, a1
    CASE; GO_S; csrw satp, zero; csrr a0, satp; GO_M; CHECK(a0, 0)
    /* and the machine-level ones are not */
    S_ILLEGAL(csrr a0, mstatus)
    S_ILLEGAL(csrr a0, misa)
    S_ILLEGAL(csrr a0, medeleg)
    S_ILLEGAL(csrr a0, mideleg)
    S_ILLEGAL(csrr a0, mie)
    S_ILLEGAL(csrr a0, mtvec)
    S_ILLEGAL(csrr a0, mcounteren)
    S_ILLEGAL(csrr a0, menvcfg)
    S_ILLEGAL(csrr a0, mscratch)
    S_ILLEGAL(csrr a0, mepc)
    S_ILLEGAL(csrr a0, mcause)
    S_ILLEGAL(csrr a0, mtval)
    S_ILLEGAL(csrr a0, mip)
    S_ILLEGAL(csrr a0, mcycle)
    S_ILLEGAL(csrr a0, minstret)
    S_ILLEGAL(csrr a0, mvendorid)
    S_ILLEGAL(csrr a0, marchid)
    S_ILLEGAL(csrr a0, mimpid)
    S_ILLEGAL(csrr a0, mhartid)
    S_ILLEGAL(csrr a0, 0xf15)
    S_ILLEGAL(csrr a0, 0xb03)
    S_ILLEGAL(csrr a0, 0x320)
    S_ILLEGAL(csrr a0, 0x323)
    S_ILLEGAL(csrr a0, 0x7a0)
    S_ILLEGAL(csrw mstatus, zero)
    S_ILLEGAL(csrw misa, zero)
    S_ILLEGAL(csrw medeleg, zero)
    S_ILLEGAL(csrw mideleg, zero)
    S_ILLEGAL(csrw mie, zero)
    S_ILLEGAL(csrw mtvec, zero)
    S_ILLEGAL(csrw mcounteren, zero)
    S_ILLEGAL(csrw menvcfg, zero)
    S_ILLEGAL(csrw mscratch, zero)
    S_ILLEGAL(csrw mepc, zero)
    S_ILLEGAL(csrw mcause, zero)
    S_ILLEGAL(csrw mtval, zero)
    S_ILLEGAL(csrw mip, zero)
    S_ILLEGAL(csrw mcycle, zero)
    S_ILLEGAL(csrw minstret, zero)
    S_ILLEGAL(csrw 0xb03, zero)
    S_ILLEGAL(csrw 0x320, zero)
    S_ILLEGAL(csrw 0x323, zero)
    S_ILLEGAL(csrw 0x7a0, zero)
    /* satp traps in S while TVM = 1; M is not affected */
    CASE; li a0, MSTATUS_TVM; csrs mstatus, a0; NO_TRAP(csrr a1, satp; csrw satp, zero)
    S_ILLEGAL(csrr a0, satp)
    S_ILLEGAL(csrw satp, zero)
    S_ILLEGAL(csrrs a0, satp, zero)
    CASE; li a0, MSTATUS_TVM; csrc mstatus, a0
    /* FP CSRs trap in S and U while FS is Off; with FS on they are accessible */
    S_ILLEGAL(csrr a0, fcsr)
    U_ILLEGAL(csrr a0, fflags)
    CASE; li a0, MSTATUS_FS_INITIAL; csrs mstatus, a0; GO_U; li a0, 0x21; csrw fcsr, a0; csrr a1, frm; GO_M; CHECK(a1, 1)
    CASE; GO_S; csrr a1, fcsr; GO_M; CHECK(a1, 0x21); li a0, MSTATUS_FS; csrc mstatus, a0

    /* in U-mode: supervisor and machine CSRs trap */
    U_ILLEGAL(csrr a0, sstatus)
    U_ILLEGAL(csrr a0, sie)
    U_ILLEGAL(csrr a0, stvec)
    U_ILLEGAL(csrr a0, scounteren)
    U_ILLEGAL(csrr a0, senvcfg)
    U_ILLEGAL(csrr a0, sscratch)
    U_ILLEGAL(csrr a0, sepc)
    U_ILLEGAL(csrr a0, scause)
    U_ILLEGAL(csrr a0, stval)
    U_ILLEGAL(csrr a0, sip)
    U_ILLEGAL(csrr a0, satp)
    U_ILLEGAL(csrr a0, mstatus)
    U_ILLEGAL(csrr a0, mscratch)
    U_ILLEGAL(csrr a0, mhartid)
    U_ILLEGAL(csrr a0, mcycle)
    U_ILLEGAL(csrw sstatus, zero)
    U_ILLEGAL(csrw sie, zero)
    U_ILLEGAL(csrw stvec, zero)
    U_ILLEGAL(csrw scounteren, zero)
    U_ILLEGAL(csrw senvcfg, zero)
    U_ILLEGAL(csrw sscratch, zero)
    U_ILLEGAL(csrw sepc, zero)
    U_ILLEGAL(csrw scause, zero)
    U_ILLEGAL(csrw stval, zero)
    U_ILLEGAL(csrw sip, zero)
    U_ILLEGAL(csrw satp, zero)
    U_ILLEGAL(csrw mscratch, zero)

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

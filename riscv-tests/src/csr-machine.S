/*
 * csr-machine: the machine-level CSRs of the reference, read from M-mode:
 * identification and boot values, WARL masks of every writable CSR, CSRs
 * hardwired to zero whose writes are ignored, read-only CSRs (writes trap,
 * also csrrs/csrrc with a zero register that is not x0), CSRs the reference
 * does not have (illegal), mcycle (read-only in practice: writes trap),
 * minstret writes, the floating-point CSRs gated by mstatus.FS, and the
 * semantics of the six CSR instructions.
 */
#include "rivet_test.h"

/* mstatus without MPIE (every MRET, including the trap handler's, sets it) */
#define CHECK_MSTATUS(v) csrr a0, mstatus; li a1, ~MSTATUS_MPIE; and a0, a0, a1; CHECK(a0, v)

RVT_CODE_BEGIN

    /* identification */
#ifndef RVT_QEMU /* QEMU: its own ids; misa has H */
    CASE; CHECK_CSR(mvendorid, MVENDORID_VALUE)
    CASE; CHECK_CSR(marchid, MARCHID_VALUE)
    CASE; CHECK_CSR(mimpid, MIMPID_VALUE)
    CASE; CHECK_CSR(misa, MISA_VALUE)
    /* misa writes are ignored */
    CASE; li a0, 0; NO_TRAP(csrw misa, a0); CHECK_CSR(misa, MISA_VALUE)
    CASE; li a0, -1; NO_TRAP(csrw misa, a0); CHECK_CSR(misa, MISA_VALUE)
    CASE; NO_TRAP(csrci misa, 4; csrsi misa, 2); CHECK_CSR(misa, MISA_VALUE)
#endif
    CASE; CHECK_CSR(mhartid, 0)
    CASE; CHECK_CSR(0xf15, 0)          /* mconfigptr */

    /* boot values recorded by the environment before it changed anything */
#ifndef RVT_QEMU /* QEMU: its boot ROM leaves values in t0 and a2, a1 points at its own device tree, counters run */
    CASE; CHECK_ENV(RVT_BOOT_XREGS, 0)
    CASE; CHECK_ENV(RVT_BOOT_A0, 0)
    CASE; CHECK_ENV(RVT_BOOT_A1, DTB_START)
    CASE; CHECK_ENV(RVT_BOOT_MSTATUS, MSTATUS_RESET)
    /* mcycle counts every instruction from 0 at boot; minstret equals it until the first trap */
    CASE; la a0, rvt_boot_mcycle_at; la a1, _start; sub a0, a0, a1; srli a0, a0, 2; ld a2, RVT_BOOT_MCYCLE(tp); CHECK_REG(a2, a0); \
        addi a0, a0, 1; ld a2, RVT_BOOT_MINSTRET(tp); CHECK_REG(a2, a0)
#endif
    CASE; CHECK_ENV(RVT_BOOT_MCAUSE, 0)
    CASE; CHECK_ENV(RVT_BOOT_MEPC, 0)
    CASE; CHECK_ENV(RVT_BOOT_MTVAL, 0)
    /* reset values of CSRs the environment does not touch */
    CASE; CHECK_CSR(mie, 0)
#ifndef RVT_QEMU /* QEMU: MTIP is pending (mtimecmp = 0 <= mtime) */
    CASE; CHECK_CSR(mip, 0)
#endif
    CASE; CHECK_CSR(medeleg, 0)
    CASE; CHECK_CSR(mideleg, 0)
    CASE; CHECK_CSR(mcounteren, 0)
    CASE; CHECK_CSR(menvcfg, 0)
    CASE; CHECK_CSR(mscratch, 0)
    CASE; CHECK_CSR(sscratch, 0)
    CASE; CHECK_CSR(sepc, 0)
    CASE; CHECK_CSR(scause, 0)
    CASE; CHECK_CSR(stval, 0)
    CASE; CHECK_CSR(satp, 0)
    CASE; CHECK_CSR(scounteren, 0)
    CASE; CHECK_CSR(senvcfg, 0)

    /* mstatus: writable bits, read-only UXL = SXL = 2, MPP = 2 reads as 0, FS != 0 reads as Dirty with SD */
#ifndef RVT_QEMU /* QEMU: other writable bits (MPV, GVA with H), MPP = 2 kept, FS not forced to Dirty */
    CASE; csrw mstatus, zero; CHECK_CSR(mstatus, MSTATUS_RESET)
    CASE; li a0, -1; csrw mstatus, a0; CHECK_CSR(mstatus, 0x8000000A007E79AA)
    CASE; li a0, 0x1000; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET)
    CASE; li a0, 0x0800; csrw mstatus, a0; CHECK_CSR(mstatus, 0x0000000A00000800)
    CASE; li a0, 0x1800; csrw mstatus, a0; CHECK_CSR(mstatus, 0x0000000A00001800)
    CASE; li a0, MSTATUS_FS_INITIAL; csrw mstatus, a0; CHECK_CSR(mstatus, 0x8000000A00006000)
    CASE; li a0, 0x4000; csrw mstatus, a0; CHECK_CSR(mstatus, 0x8000000A00006000)
    CASE; li a0, MSTATUS_SD; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET)
    /* VS, XS, UBE, SBE, MBE, UXL, SXL and the reserved bits ignore writes */
    CASE; li a0, 0x7fffffd5ff818655; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET)
    CASE; li a0, 0x0000000000000600; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET)
    CASE; li a0, 0x0000003000018040; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET)
    /* each writable bit alone */
    CASE; li a0, MSTATUS_SIE; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_SIE)
    CASE; li a0, MSTATUS_SPIE; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_SPIE)
    CASE; li a0, MSTATUS_MPIE; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_MPIE)
    CASE; li a0, MSTATUS_SPP; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_SPP)
    CASE; li a0, MSTATUS_SUM; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_SUM)
    CASE; li a0, MSTATUS_MXR; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_MXR)
    CASE; li a0, MSTATUS_TVM; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_TVM)
    CASE; li a0, MSTATUS_TW; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_TW)
    CASE; li a0, MSTATUS_TSR; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_TSR)
    CASE; li a0, MSTATUS_MPRV | MSTATUS_MPP_M; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_MPRV | MSTATUS_MPP_M)
    CASE; li a0, MSTATUS_MIE; csrw mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET | MSTATUS_MIE)
    /* csrs / csrc act on the legal value */
    CASE; csrw mstatus, zero; li a0, 0x1000; csrs mstatus, a0; CHECK_CSR(mstatus, MSTATUS_RESET)
    CASE; li a0, 0x2000; csrs mstatus, a0; li a0, 0x4000; csrc mstatus, a0; CHECK_CSR(mstatus, 0x8000000A00006000)   /* FS can only be Off or Dirty */
    CASE; csrw mstatus, zero; CHECK_CSR(mstatus, MSTATUS_RESET)
#endif
    csrw mstatus, zero

    /* WARL masks */
#ifndef RVT_QEMU /* QEMU: different masks (H extension bits, ecall-from-M delegable, all counters) */
    CASE; li a0, -1; csrw medeleg, a0; CHECK_CSR(medeleg, 0xb3ff)   /* not 10, 11 (ecall from M), 14, 16.. */
    CASE; li a0, 0x800; csrw medeleg, a0; CHECK_CSR(medeleg, 0)
    CASE; li a0, -1; csrw mideleg, a0; CHECK_CSR(mideleg, 0x222)    /* SSI, STI, SEI */
    CASE; li a0, -1; csrw mie, a0; CHECK_CSR(mie, 0xaaa)
    CASE; li a0, -1; csrw mcounteren, a0; CHECK_CSR(mcounteren, 7)
    CASE; li a0, -1; csrw menvcfg, a0; CHECK_CSR(menvcfg, 1)        /* FIOM only */
    CASE; li a0, 0xfffffffffffffffe; csrw menvcfg, a0; CHECK_CSR(menvcfg, 0)
    /* mip: only SSIP, STIP, SEIP are writable as a CSR */
    CASE; li a0, -1; csrw mip, a0; CHECK_CSR(mip, 0x222); csrw mip, zero; CHECK_CSR(mip, 0)
    CASE; li a0, MIP_MSIP | MIP_MTIP | MIP_MEIP; csrw mip, a0; CHECK_CSR(mip, 0)
#endif
    csrw medeleg, zero; csrw mideleg, zero; csrw mie, zero; csrw mip, zero; csrw mcounteren, zero; csrw menvcfg, zero
    /* mtvec: only direct mode, the two low bits read 0 */
#ifndef RVT_QEMU /* QEMU: keeps vectored mode (1) */
    CASE; csrr s0, mtvec; li a0, 0x80001003; csrw mtvec, a0; csrr a1, mtvec; csrw mtvec, s0; CHECK(a1, 0x80001000)
    CASE; csrr s0, mtvec; li a0, -1; csrw mtvec, a0; csrr a1, mtvec; csrw mtvec, s0; CHECK(a1, 0xfffffffffffffffc)
    CASE; csrr s0, mtvec; ori a0, s0, 1; csrw mtvec, a0; csrr a1, mtvec; csrw mtvec, s0; CHECK_REG(a1, s0)
#endif
    /* mepc: bit 0 reads 0 (IALIGN = 16) */
#ifndef RVT_QEMU /* QEMU: mepc keeps bit 0 */
    CASE; li a0, -1; csrw mepc, a0; CHECK_CSR(mepc, 0xfffffffffffffffe)
    CASE; li a0, 0x80000003; csrw mepc, a0; CHECK_CSR(mepc, 0x80000002)
#endif
    /* full-width registers */
    CASE; li a0, 0x0123456789abcdef; csrw mscratch, a0; CHECK_CSR(mscratch, 0x0123456789abcdef)
    CASE; li a0, -1; csrw mscratch, a0; CHECK_CSR(mscratch, -1); csrw mscratch, zero
    CASE; li a0, 0xfedcba9876543210; csrw mtval, a0; CHECK_CSR(mtval, 0xfedcba9876543210)
    CASE; li a0, -1; csrw mcause, a0; CHECK_CSR(mcause, -1)
    CASE; li a0, 0x8000000000000123; csrw mcause, a0; CHECK_CSR(mcause, 0x8000000000000123)
    CASE; li a0, 5; csrw mcause, a0; CHECK_CSR(mcause, 5)

    /* hardwired to zero, writes ignored without a trap */
#ifndef RVT_QEMU /* QEMU: implements mcountinhibit, programmable counters and triggers */
    CASE; li a1, -1; NO_TRAP(csrw 0x320, a1; csrr a0, 0x320); CHECK(a0, 0)   /* mcountinhibit */
    CASE; li a1, -1; NO_TRAP(csrw 0xb03, a1; csrr a0, 0xb03); CHECK(a0, 0)   /* mhpmcounter3 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb04, a1; csrr a0, 0xb04); CHECK(a0, 0)   /* mhpmcounter4 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb05, a1; csrr a0, 0xb05); CHECK(a0, 0)   /* mhpmcounter5 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb06, a1; csrr a0, 0xb06); CHECK(a0, 0)   /* mhpmcounter6 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb07, a1; csrr a0, 0xb07); CHECK(a0, 0)   /* mhpmcounter7 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb08, a1; csrr a0, 0xb08); CHECK(a0, 0)   /* mhpmcounter8 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb09, a1; csrr a0, 0xb09); CHECK(a0, 0)   /* mhpmcounter9 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb0a, a1; csrr a0, 0xb0a); CHECK(a0, 0)   /* mhpmcounter10 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb0b, a1; csrr a0, 0xb0b); CHECK(a0, 0)   /* mhpmcounter11 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb0c, a1; csrr a0, 0xb0c); CHECK(a0, 0)   /* mhpmcounter12 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb0d, a1; csrr a0, 0xb0d); CHECK(a0, 0)   /* mhpmcounter13 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb0e, a1; csrr a0, 0xb0e); CHECK(a0, 0)   /* mhpmcounter14 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb0f, a1; csrr a0, 0xb0f); CHECK(a0, 0)   /* mhpmcounter15 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb10, a1; csrr a0, 0xb10); CHECK(a0, 0)   /* mhpmcounter16 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb11, a1; csrr a0, 0xb11); CHECK(a0, 0)   /* mhpmcounter17 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb12, a1; csrr a0, 0xb12); CHECK(a0, 0)   /* mhpmcounter18 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb13, a1; csrr a0, 0xb13); CHECK(a0, 0)   /* mhpmcounter19 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb14, a1; csrr a0, 0xb14); CHECK(a0, 0)   /* mhpmcounter20 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb15, a1; csrr a0, 0xb15); CHECK(a0, 0)   /* mhpmcounter21 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb16, a1; csrr a0, 0xb16); CHECK(a0, 0)   /* mhpmcounter22 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb17, a1; csrr a0, 0xb17); CHECK(a0, 0)   /* mhpmcounter23 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb18, a1; csrr a0, 0xb18); CHECK(a0, 0)   /* mhpmcounter24 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb19, a1; csrr a0, 0xb19); CHECK(a0, 0)   /* mhpmcounter25 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb1a, a1; csrr a0, 0xb1a); CHECK(a0, 0)   /* mhpmcounter26 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb1b, a1; csrr a0, 0xb1b); CHECK(a0, 0)   /* mhpmcounter27 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb1c, a1; csrr a0, 0xb1c); CHECK(a0, 0)   /* mhpmcounter28 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb1d, a1; csrr a0, 0xb1d); CHECK(a0, 0)   /* mhpmcounter29 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb1e, a1; csrr a0, 0xb1e); CHECK(a0, 0)   /* mhpmcounter30 */
    CASE; li a1, -1; NO_TRAP(csrw 0xb1f, a1; csrr a0, 0xb1f); CHECK(a0, 0)   /* mhpmcounter31 */
    CASE; li a1, -1; NO_TRAP(csrw 0x323, a1; csrr a0, 0x323); CHECK(a0, 0)   /* mhpmevent3 */
    CASE; li a1, -1; NO_TRAP(csrw 0x324, a1; csrr a0, 0x324); CHECK(a0, 0)   /* mhpmevent4 */
    CASE; li a1, -1; NO_TRAP(csrw 0x325, a1; csrr a0, 0x325); CHECK(a0, 0)   /* mhpmevent5 */
    CASE; li a1, -1; NO_TRAP(csrw 0x326, a1; csrr a0, 0x326); CHECK(a0, 0)   /* mhpmevent6 */
    CASE; li a1, -1; NO_TRAP(csrw 0x327, a1; csrr a0, 0x327); CHECK(a0, 0)   /* mhpmevent7 */
    CASE; li a1, -1; NO_TRAP(csrw 0x328, a1; csrr a0, 0x328); CHECK(a0, 0)   /* mhpmevent8 */
    CASE; li a1, -1; NO_TRAP(csrw 0x329, a1; csrr a0, 0x329); CHECK(a0, 0)   /* mhpmevent9 */
    CASE; li a1, -1; NO_TRAP(csrw 0x32a, a1; csrr a0, 0x32a); CHECK(a0, 0)   /* mhpmevent10 */
    CASE; li a1, -1; NO_TRAP(csrw 0x32b, a1; csrr a0, 0x32b); CHECK(a0, 0)   /* mhpmevent11 */
    CASE; li a1, -1; NO_TRAP(csrw 0x32c, a1; csrr a0, 0x32c); CHECK(a0, 0)   /* mhpmevent12 */
    CASE; li a1, -1; NO_TRAP(csrw 0x32d, a1; csrr a0, 0x32d); CHECK(a0, 0)   /* mhpmevent13 */
    CASE; li a1, -1; NO_TRAP(csrw 0x32e, a1; csrr a0, 0x32e); CHECK(a0, 0)   /* mhpmevent14 */
    CASE; li a1, -1; NO_TRAP(csrw 0x32f, a1; csrr a0, 0x32f); CHECK(a0, 0)   /* mhpmevent15 */
    CASE; li a1, -1; NO_TRAP(csrw 0x330, a1; csrr a0, 0x330); CHECK(a0, 0)   /* mhpmevent16 */
    CASE; li a1, -1; NO_TRAP(csrw 0x331, a1; csrr a0, 0x331); CHECK(a0, 0)   /* mhpmevent17 */
    CASE; li a1, -1; NO_TRAP(csrw 0x332, a1; csrr a0, 0x332); CHECK(a0, 0)   /* mhpmevent18 */
    CASE; li a1, -1; NO_TRAP(csrw 0x333, a1; csrr a0, 0x333); CHECK(a0, 0)   /* mhpmevent19 */
    CASE; li a1, -1; NO_TRAP(csrw 0x334, a1; csrr a0, 0x334); CHECK(a0, 0)   /* mhpmevent20 */
    CASE; li a1, -1; NO_TRAP(csrw 0x335, a1; csrr a0, 0x335); CHECK(a0, 0)   /* mhpmevent21 */
    CASE; li a1, -1; NO_TRAP(csrw 0x336, a1; csrr a0, 0x336); CHECK(a0, 0)   /* mhpmevent22 */
    CASE; li a1, -1; NO_TRAP(csrw 0x337, a1; csrr a0, 0x337); CHECK(a0, 0)   /* mhpmevent23 */
    CASE; li a1, -1; NO_TRAP(csrw 0x338, a1; csrr a0, 0x338); CHECK(a0, 0)   /* mhpmevent24 */
    CASE; li a1, -1; NO_TRAP(csrw 0x339, a1; csrr a0, 0x339); CHECK(a0, 0)   /* mhpmevent25 */
    CASE; li a1, -1; NO_TRAP(csrw 0x33a, a1; csrr a0, 0x33a); CHECK(a0, 0)   /* mhpmevent26 */
    CASE; li a1, -1; NO_TRAP(csrw 0x33b, a1; csrr a0, 0x33b); CHECK(a0, 0)   /* mhpmevent27 */
    CASE; li a1, -1; NO_TRAP(csrw 0x33c, a1; csrr a0, 0x33c); CHECK(a0, 0)   /* mhpmevent28 */
    CASE; li a1, -1; NO_TRAP(csrw 0x33d, a1; csrr a0, 0x33d); CHECK(a0, 0)   /* mhpmevent29 */
    CASE; li a1, -1; NO_TRAP(csrw 0x33e, a1; csrr a0, 0x33e); CHECK(a0, 0)   /* mhpmevent30 */
    CASE; li a1, -1; NO_TRAP(csrw 0x33f, a1; csrr a0, 0x33f); CHECK(a0, 0)   /* mhpmevent31 */
    CASE; li a1, -1; NO_TRAP(csrw 0x7a0, a1; csrr a0, 0x7a0); CHECK(a0, 0)   /* tselect */
    CASE; li a1, -1; NO_TRAP(csrw 0x7a1, a1; csrr a0, 0x7a1); CHECK(a0, 0)   /* tdata1 */
    CASE; li a1, -1; NO_TRAP(csrw 0x7a2, a1; csrr a0, 0x7a2); CHECK(a0, 0)   /* tdata2 */
    CASE; li a1, -1; NO_TRAP(csrw 0x7a3, a1; csrr a0, 0x7a3); CHECK(a0, 0)   /* tdata3 */
#endif

    /* read-only CSRs: writes trap; reads (and set/clear with x0 or 0) do not */
    ILLEGAL_INSN(csrw mvendorid, a1)
    ILLEGAL_INSN(csrrwi a0, mvendorid, 0)
#ifndef RVT_QEMU /* QEMU: csrrs with a zero-valued rs1 other than x0 does not write */
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrs a0, mvendorid, a1)  /* rs1 != x0 writes, even a zero */
#endif
    CASE; NO_TRAP(csrrs a0, mvendorid, zero; csrrc a0, mvendorid, zero; csrrsi a0, mvendorid, 0; csrrci a0, mvendorid, 0)
    ILLEGAL_INSN(csrw marchid, a1)
    ILLEGAL_INSN(csrrwi a0, marchid, 0)
#ifndef RVT_QEMU /* QEMU: csrrs with a zero-valued rs1 other than x0 does not write */
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrs a0, marchid, a1)  /* rs1 != x0 writes, even a zero */
#endif
    CASE; NO_TRAP(csrrs a0, marchid, zero; csrrc a0, marchid, zero; csrrsi a0, marchid, 0; csrrci a0, marchid, 0)
    ILLEGAL_INSN(csrw mimpid, a1)
    ILLEGAL_INSN(csrrwi a0, mimpid, 0)
#ifndef RVT_QEMU /* QEMU: csrrs with a zero-valued rs1 other than x0 does not write */
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrs a0, mimpid, a1)  /* rs1 != x0 writes, even a zero */
#endif
    CASE; NO_TRAP(csrrs a0, mimpid, zero; csrrc a0, mimpid, zero; csrrsi a0, mimpid, 0; csrrci a0, mimpid, 0)
    ILLEGAL_INSN(csrw mhartid, a1)
    ILLEGAL_INSN(csrrwi a0, mhartid, 0)
#ifndef RVT_QEMU /* QEMU: csrrs with a zero-valued rs1 other than x0 does not write */
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrs a0, mhartid, a1)  /* rs1 != x0 writes, even a zero */
#endif
    CASE; NO_TRAP(csrrs a0, mhartid, zero; csrrc a0, mhartid, zero; csrrsi a0, mhartid, 0; csrrci a0, mhartid, 0)
    ILLEGAL_INSN(csrw 0xf15, a1)
    ILLEGAL_INSN(csrrwi a0, 0xf15, 0)
#ifndef RVT_QEMU /* QEMU: csrrs with a zero-valued rs1 other than x0 does not write */
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrs a0, 0xf15, a1)  /* rs1 != x0 writes, even a zero */
#endif
    CASE; NO_TRAP(csrrs a0, 0xf15, zero; csrrc a0, 0xf15, zero; csrrsi a0, 0xf15, 0; csrrci a0, 0xf15, 0)
    ILLEGAL_INSN(csrw cycle, a1)
    ILLEGAL_INSN(csrrwi a0, cycle, 0)
#ifndef RVT_QEMU /* QEMU: csrrs with a zero-valued rs1 other than x0 does not write */
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrs a0, cycle, a1)  /* rs1 != x0 writes, even a zero */
#endif
    CASE; NO_TRAP(csrrs a0, cycle, zero; csrrc a0, cycle, zero; csrrsi a0, cycle, 0; csrrci a0, cycle, 0)
    ILLEGAL_INSN(csrw time, a1)
    ILLEGAL_INSN(csrrwi a0, time, 0)
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrs a0, time, a1)  /* rs1 != x0 writes, even a zero */
#ifndef RVT_QEMU /* QEMU: the spike machine has no time CSR source, reads trap */
    CASE; NO_TRAP(csrrs a0, time, zero; csrrc a0, time, zero; csrrsi a0, time, 0; csrrci a0, time, 0)
#endif
    ILLEGAL_INSN(csrw instret, a1)
    ILLEGAL_INSN(csrrwi a0, instret, 0)
#ifndef RVT_QEMU /* QEMU: csrrs with a zero-valued rs1 other than x0 does not write */
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrs a0, instret, a1)  /* rs1 != x0 writes, even a zero */
#endif
    CASE; NO_TRAP(csrrs a0, instret, zero; csrrc a0, instret, zero; csrrsi a0, instret, 0; csrrci a0, instret, 0)
    /* read-only ones that do not exist at all */
#ifndef RVT_QEMU /* QEMU: implements hpmcounter3..31 and others */
    ILLEGAL_INSN(csrr a0, 0xc03)   /* hpmcounter3 (not implemented) */
    ILLEGAL_INSN(csrr a0, 0xc1f)   /* hpmcounter31 */
    ILLEGAL_INSN(csrr a0, 0xc80)   /* cycleh (RV32 only) */
    ILLEGAL_INSN(csrr a0, 0xc81)   /* timeh */
    ILLEGAL_INSN(csrr a0, 0xc82)   /* instreth */
    ILLEGAL_INSN(csrr a0, 0xb80)   /* mcycleh (RV32 only) */
    ILLEGAL_INSN(csrr a0, 0xb82)   /* minstreth */
    ILLEGAL_INSN(csrr a0, 0xc20)   /* vl (V) */
    ILLEGAL_INSN(csrr a0, 0xda0)   /* scountovf */
    ILLEGAL_INSN(csrr a0, 0xcc0)   /* custom user read-only */
    ILLEGAL_INSN(csrr a0, 0xfc0)   /* custom machine read-only */
    ILLEGAL_INSN(csrr a0, 0xf16)   /* unassigned machine read-only */
#endif

    /* CSRs the reference does not have: illegal instruction, read or write */
#ifndef RVT_QEMU /* QEMU: has PMP, H, Sstc, state enable, debug triggers, seed and V CSRs */
    ILLEGAL_INSN(csrr a0, 0x7c0)   /* custom M read/write */
    ILLEGAL_INSN(csrw 0x7c0, a1)
    ILLEGAL_INSN(csrr a0, 0x3a0)   /* pmpcfg0 (no PMP) */
    ILLEGAL_INSN(csrw 0x3a0, a1)
    ILLEGAL_INSN(csrr a0, 0x3b0)   /* pmpaddr0 */
    ILLEGAL_INSN(csrw 0x3b0, a1)
    ILLEGAL_INSN(csrr a0, 0x3ef)   /* pmpaddr63 */
    ILLEGAL_INSN(csrw 0x3ef, a1)
    ILLEGAL_INSN(csrr a0, 0x310)   /* mstatush (RV32 only) */
    ILLEGAL_INSN(csrw 0x310, a1)
    ILLEGAL_INSN(csrr a0, 0x31a)   /* menvcfgh (RV32 only) */
    ILLEGAL_INSN(csrw 0x31a, a1)
    ILLEGAL_INSN(csrr a0, 0x30c)   /* mstateen0 */
    ILLEGAL_INSN(csrw 0x30c, a1)
    ILLEGAL_INSN(csrr a0, 0x747)   /* mseccfg */
    ILLEGAL_INSN(csrw 0x747, a1)
    ILLEGAL_INSN(csrr a0, 0x34a)   /* mtinst (H) */
    ILLEGAL_INSN(csrw 0x34a, a1)
    ILLEGAL_INSN(csrr a0, 0x34b)   /* mtval2 (H) */
    ILLEGAL_INSN(csrw 0x34b, a1)
    ILLEGAL_INSN(csrr a0, 0x321)   /* mcyclecfg */
    ILLEGAL_INSN(csrw 0x321, a1)
    ILLEGAL_INSN(csrr a0, 0x322)   /* minstretcfg */
    ILLEGAL_INSN(csrw 0x322, a1)
    ILLEGAL_INSN(csrr a0, 0x30d)   /* mstateen1 */
    ILLEGAL_INSN(csrw 0x30d, a1)
    ILLEGAL_INSN(csrr a0, 0x600)   /* hstatus (H) */
    ILLEGAL_INSN(csrw 0x600, a1)
    ILLEGAL_INSN(csrr a0, 0x680)   /* hgatp (H) */
    ILLEGAL_INSN(csrw 0x680, a1)
    ILLEGAL_INSN(csrr a0, 0x200)   /* vsstatus (H) */
    ILLEGAL_INSN(csrw 0x200, a1)
    ILLEGAL_INSN(csrr a0, 0x14d)   /* stimecmp (Sstc) */
    ILLEGAL_INSN(csrw 0x14d, a1)
    ILLEGAL_INSN(csrr a0, 0x10c)   /* sstateen0 */
    ILLEGAL_INSN(csrw 0x10c, a1)
    ILLEGAL_INSN(csrr a0, 0x5a8)   /* scontext */
    ILLEGAL_INSN(csrw 0x5a8, a1)
    ILLEGAL_INSN(csrr a0, 0x7a4)   /* tinfo */
    ILLEGAL_INSN(csrw 0x7a4, a1)
    ILLEGAL_INSN(csrr a0, 0x7a5)   /* tcontrol */
    ILLEGAL_INSN(csrw 0x7a5, a1)
    ILLEGAL_INSN(csrr a0, 0x7a8)   /* mcontext */
    ILLEGAL_INSN(csrw 0x7a8, a1)
    ILLEGAL_INSN(csrr a0, 0x7b0)   /* dcsr (debug mode) */
    ILLEGAL_INSN(csrw 0x7b0, a1)
    ILLEGAL_INSN(csrr a0, 0x7b1)   /* dpc */
    ILLEGAL_INSN(csrw 0x7b1, a1)
    ILLEGAL_INSN(csrr a0, 0x015)   /* seed (Zkr) */
    ILLEGAL_INSN(csrw 0x015, a1)
    ILLEGAL_INSN(csrr a0, 0x008)   /* vstart (V) */
    ILLEGAL_INSN(csrw 0x008, a1)
    ILLEGAL_INSN(csrr a0, 0x00f)   /* vcsr (V) */
    ILLEGAL_INSN(csrw 0x00f, a1)
    ILLEGAL_INSN(csrr a0, 0x010)   /* unassigned user CSR */
    ILLEGAL_INSN(csrw 0x010, a1)
    ILLEGAL_INSN(csrr a0, 0x800)   /* custom user read/write */
    ILLEGAL_INSN(csrw 0x800, a1)
    ILLEGAL_INSN(csrr a0, 0x100 + 0x0ff)   /* unassigned supervisor CSR 0x1ff */
    ILLEGAL_INSN(csrw 0x100 + 0x0ff, a1)
    ILLEGAL_INSN(csrr a0, 0x3ff)   /* unassigned machine CSR */
    ILLEGAL_INSN(csrw 0x3ff, a1)
#endif

    /* mcycle cannot be written (the reference uses it as the progress measure) */
#ifndef RVT_QEMU /* QEMU: mcycle is writable */
    ILLEGAL_INSN(csrw mcycle, a1)
    ILLEGAL_INSN(csrrwi a0, mcycle, 0)
#endif
#ifndef RVT_QEMU /* QEMU: csrrc with a zero-valued rs1 other than x0 does not write */
    CASE; li a1, 0; TRAP_ILLEGAL_SELF(csrrc a0, mcycle, a1)
#endif
    CASE; NO_TRAP(csrrs a0, mcycle, zero; csrrsi a0, mcycle, 0)
#ifndef RVT_QEMU /* QEMU: mcycle is writable; minstret does not count exactly one per instruction */
    /* minstret can be written; the next instruction reads the value written */
    CASE; li a0, 1000; csrw minstret, a0; csrr a1, minstret; csrr a2, minstret; CHECK(a1, 1000); CHECK(a2, 1001)
    CASE; li a0, -1; csrw minstret, a0; csrr a1, minstret; csrr a2, minstret; CHECK(a1, -1); CHECK(a2, 0)
    CASE; csrrwi a0, minstret, 5; csrr a1, minstret; CHECK(a1, 5)
    CASE; li a0, 0x100; csrw minstret, a0; csrrsi a0, minstret, 1; csrr a1, minstret; CHECK(a0, 0x100); CHECK(a1, 0x101)
    CASE; li a0, 0x107; li a2, 3; csrw minstret, a0; csrrc a0, minstret, a2; csrr a1, minstret; CHECK(a0, 0x107); CHECK(a1, 0x104)
#endif

    /* the floating-point CSRs exist but trap while mstatus.FS is Off */
    ILLEGAL_INSN(csrr a0, fflags)
    ILLEGAL_INSN(csrr a0, frm)
    ILLEGAL_INSN(csrr a0, fcsr)
    ILLEGAL_INSN(csrw fcsr, a1)
    ILLEGAL_INSN(csrwi fflags, 1)
    ILLEGAL_INSN(csrsi frm, 1)
    CASE; li a0, MSTATUS_FS_INITIAL; csrs mstatus, a0; NO_TRAP(csrw fcsr, zero); CHECK_CSR(fcsr, 0)
    CASE; li a0, -1; csrw fcsr, a0; CHECK_CSR(fcsr, 0xff); CHECK_CSR(fflags, 0x1f); CHECK_CSR(frm, 7)
    CASE; csrw fcsr, zero; li a0, -1; csrw fflags, a0; CHECK_CSR(fcsr, 0x1f); csrw frm, a0; CHECK_CSR(fcsr, 0xff)
    CASE; li a0, 0x65; csrw fcsr, a0; CHECK_CSR(frm, 3); CHECK_CSR(fflags, 5); csrwi frm, 0; CHECK_CSR(fcsr, 5); csrci fflags, 1; CHECK_CSR(fcsr, 4)
    CASE; csrwi fflags, 0x1f; csrrwi a0, fflags, 0x12; CHECK(a0, 0x1f); CHECK_CSR(fcsr, 0x12)
    /* FS stays Dirty, SD set; clearing FS clears SD */
    CASE; CHECK_MSTATUS(0x8000000A00006000)
    CASE; li a0, MSTATUS_FS; csrc mstatus, a0; CHECK_MSTATUS(MSTATUS_RESET); ILLEGAL_INSN(csrr a0, fcsr)

    /* the six CSR instructions (on mscratch) */
    CASE; li a0, 5; csrw mscratch, a0; li a1, 9; csrrw a2, mscratch, a1; CHECK(a2, 5); CHECK_CSR(mscratch, 9)
    CASE; li a1, 0x30; csrrs a2, mscratch, a1; CHECK(a2, 9); CHECK_CSR(mscratch, 0x39)
    CASE; li a1, 0x11; csrrc a2, mscratch, a1; CHECK(a2, 0x39); CHECK_CSR(mscratch, 0x28)
    CASE; csrrwi a2, mscratch, 31; CHECK(a2, 0x28); CHECK_CSR(mscratch, 31)
    CASE; csrrsi a2, mscratch, 0x10; CHECK(a2, 31); li a0, 0x100; csrw mscratch, a0; csrrsi a2, mscratch, 3; CHECK(a2, 0x100); CHECK_CSR(mscratch, 0x103)
    CASE; csrrci a2, mscratch, 2; CHECK(a2, 0x103); CHECK_CSR(mscratch, 0x101)
    /* The Cartesi reference complements CSRRCI's immediate in 32 bits, so the
       instruction also clears bits 63..32 of the CSR; rivet keeps that. */
    CASE; li a0, -1; csrw mscratch, a0; csrrci a2, mscratch, 1; CHECK(a2, -1); CHECK_CSR(mscratch, 0xfffffffe)
    CASE; li a0, -1; csrw mscratch, a0; csrrsi a2, mscratch, 1; CHECK_CSR(mscratch, -1); csrrc a2, mscratch, a2; CHECK_CSR(mscratch, 0)
    /* rd == rs1: rd gets the old value, the CSR the old rs1 */
    CASE; li a0, 0x77; csrw mscratch, a0; li a0, 0x88; csrrw a0, mscratch, a0; CHECK(a0, 0x77); CHECK_CSR(mscratch, 0x88)
    CASE; li a0, 0x07; csrrs a0, mscratch, a0; CHECK(a0, 0x88); CHECK_CSR(mscratch, 0x8f)
    /* rd = x0 and rs1 = x0 */
    CASE; li a0, 0x99; csrrw x0, mscratch, a0; CHECK_CSR(mscratch, 0x99); CHECK(x0, 0)
    CASE; csrrs a0, mscratch, x0; CHECK(a0, 0x99); csrrc a0, mscratch, x0; CHECK(a0, 0x99); CHECK_CSR(mscratch, 0x99)
    CASE; csrrw a0, mscratch, x0; CHECK(a0, 0x99); CHECK_CSR(mscratch, 0)
    CASE; csrrsi x0, mscratch, 0; csrrci x0, mscratch, 0; CHECK_CSR(mscratch, 0)
    /* pseudo-instructions */
    CASE; csrwi mscratch, 0x1f; csrr a0, mscratch; CHECK(a0, 0x1f); csrsi mscratch, 0x10; CHECK_CSR(mscratch, 0x1f); csrci mscratch, 0x0f; CHECK_CSR(mscratch, 0x10)

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

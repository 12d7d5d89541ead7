/*
 * rivet_test.h - the environment of rivet's ISA test programs.
 *
 * Every program in ../src is one assembly file that starts with
 *
 *     #include "rivet_test.h"
 *     RVT_CODE_BEGIN
 *         ... cases ...
 *     RVT_PASS
 *     RVT_CODE_END
 *     RVT_DATA_BEGIN
 *         ... data ...
 *     RVT_DATA_END
 *
 * Protocol (the riscv-tests convention): the program defines `tohost`, an
 * 8-byte word in a section of its own, and finishes by storing 1 there
 * (pass) or (n << 1) | 1 (case n failed), then spins.
 *
 * Register conventions, for the whole program:
 *   gp (x3)  number of the current case. CASE sets it to the source line of
 *            the macro, so "FAIL name test N" points at line N of name.S.
 *   tp (x4)  address of the environment block rvt_data (never change it).
 *   t4-t6    scratch of the CHECK and TRAP macros.
 * Numeric local labels 90..99 belong to the macros; tests use 1..89.
 *
 * Traps: mtvec points at rvt_mtrap and stvec at rvt_strap. Both record the
 * trap (cause, epc, tval, status, which handler) in rvt_data. A trap is
 * expected when the test stored a resume address first (TRAP_EXPECT for
 * M-mode, STRAP_EXPECT for S-mode): the handler clears it and resumes there
 * in its own privilege (M or S) with the previous interrupt-enable bit
 * cleared, so a pending interrupt does not fire again. Any other trap fails
 * the current case.
 */
#ifndef RIVET_TEST_H
#define RIVET_TEST_H

/* ------------------------------------------------------------------ */
/* Machine (see shared/design/machine.md)                              */
/* ------------------------------------------------------------------ */
#define RAM_START          0x80000000
#define PMA_ARRAY_START    0x10000
#define DTB_START          0x7ff00000
#define CLINT_BASE         0x2000000
#define CLINT_MSIP         (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP     (CLINT_BASE + 0x4000)
#define CLINT_MTIME        (CLINT_BASE + 0xbff8)
#define HTIF_BASE          0x40008000
#define HTIF_TOHOST        (HTIF_BASE + 0x00)
#define HTIF_FROMHOST      (HTIF_BASE + 0x08)
#define HTIF_IHALT         (HTIF_BASE + 0x10)
#define HTIF_ICONSOLE      (HTIF_BASE + 0x18)
#define HTIF_IYIELD        (HTIF_BASE + 0x20)
#define PLIC_BASE          0x40100000
#define CYCLES_PER_TICK    8192
#define LOG2_CYCLES_PER_TICK 13

#define MISA_VALUE         0x800000000014112D
#define MVENDORID_VALUE    0x6361727465736920
#define MARCHID_VALUE      21
#define MIMPID_VALUE       21
#define MSTATUS_RESET      0x0000000A00000000

/* privilege levels */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* mstatus / sstatus bits */
#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_UBE   (1 << 6)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_VS    (3 << 9)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
#define MSTATUS_MPP_M (3 << 11)
#define MSTATUS_FS    (3 << 13)
#define MSTATUS_FS_INITIAL (1 << 13)
#define MSTATUS_FS_DIRTY   (3 << 13)
#define MSTATUS_XS    (3 << 15)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MSTATUS_TVM   (1 << 20)
#define MSTATUS_TW    (1 << 21)
#define MSTATUS_TSR   (1 << 22)
#define MSTATUS_UXL   (3 << 32)
#define MSTATUS_SXL   (3 << 34)
#define MSTATUS_SD    (1 << 63)
/* what the reference lets csrw mstatus / sstatus change */
#define MSTATUS_W_MASK 0x7E79AA
#define SSTATUS_W_MASK 0x0C6122
/* what sstatus shows of mstatus */
#define SSTATUS_R_MASK 0x80000003000DE762

/* interrupt numbers and mip/mie bits */
#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_MTIP (1 << IRQ_MTI)
#define MIP_SEIP (1 << IRQ_SEI)
#define MIP_MEIP (1 << IRQ_MEI)
#define INTERRUPT_FLAG (1 << 63)

/* exception causes */
#define CAUSE_MISALIGNED_FETCH   0
#define CAUSE_FETCH_ACCESS       1
#define CAUSE_ILLEGAL_INSN       2
#define CAUSE_BREAKPOINT         3
#define CAUSE_MISALIGNED_LOAD    4
#define CAUSE_LOAD_ACCESS        5
#define CAUSE_MISALIGNED_STORE   6
#define CAUSE_STORE_ACCESS       7
#define CAUSE_USER_ECALL         8
#define CAUSE_SUPERVISOR_ECALL   9
#define CAUSE_MACHINE_ECALL      11
#define CAUSE_FETCH_PAGE_FAULT   12
#define CAUSE_LOAD_PAGE_FAULT    13
#define CAUSE_STORE_PAGE_FAULT   15

/* satp */
#define SATP_MODE_BARE (0 << 60)
#define SATP_MODE_SV39 (8 << 60)
#define SATP_MODE_SV48 (9 << 60)
#define SATP_MODE_SV57 (10 << 60)

/* page-table entries */
#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define PTE_PPN_SHIFT 10
/* PTE for the page at physical address pa (any level) */
#define PTE_FOR(pa) ((((pa) >> 12) << PTE_PPN_SHIFT))

/* ------------------------------------------------------------------ */
/* Environment block (tp points here)                                  */
/* ------------------------------------------------------------------ */
#define RVT_MSAVE0   0   /* M handler's spill slots */
#define RVT_MSAVE1   8
#define RVT_SSAVE0   16  /* S handler's spill slots */
#define RVT_SSAVE1   24
#define RVT_RESUME   32  /* M handler resumes here; 0: a trap to M is unexpected */
#define RVT_SRESUME  40  /* S handler resumes here; 0: a trap to S is unexpected */
#define RVT_CAUSE    48  /* last trap: mcause or scause */
#define RVT_EPC      56  /* last trap: mepc or sepc */
#define RVT_TVAL     64  /* last trap: mtval or stval */
#define RVT_STATUS   72  /* last trap: mstatus (M handler) or sstatus (S handler) on entry */
#define RVT_LEVEL    80  /* last trap: 3 taken by the M handler, 1 by the S handler */
#define RVT_COUNT    88  /* number of traps taken since reset */
#define RVT_USER0    96  /* free for tests */
#define RVT_USER1    104
#define RVT_USER2    112
#define RVT_USER3    120
/* values the environment recorded at boot, before it changed anything */
#define RVT_BOOT_MCYCLE   128  /* mcycle read by the instruction at rvt_boot_mcycle_at */
#define RVT_BOOT_MINSTRET 136  /* minstret read by the next instruction */
#define RVT_BOOT_XREGS    144  /* OR of x1..x31 except a0 and a1, before any was written */
#define RVT_BOOT_A0       152
#define RVT_BOOT_A1       160
#define RVT_BOOT_MSTATUS  168
#define RVT_BOOT_MCAUSE   176
#define RVT_BOOT_MEPC     184
#define RVT_BOOT_MTVAL    192
#define RVT_DATA_SIZE     200

/* ------------------------------------------------------------------ */
/* Cases and checks                                                    */
/* ------------------------------------------------------------------ */

/* Opens a case; its number is this source line. */
#define CASE li gp, __LINE__

/* Fails the current case unless reg == val (val: any 64-bit constant). */
#define CHECK(reg, val) li t6, val; beq reg, t6, 99f; j rvt_fail; 99:
/* Fails the current case unless reg1 == reg2. */
#define CHECK_REG(reg1, reg2) beq reg1, reg2, 99f; j rvt_fail; 99:
/* Fails the current case unless the CSR reads val. */
#define CHECK_CSR(csr, val) csrr t5, csr; CHECK(t5, val)
/* Fails the current case unless the doubleword at label reads val. */
#define CHECK_MEM64(label, val) la t5, label; ld t5, 0(t5); CHECK(t5, val)
/* Fails the current case unless the field at off(tp) of the environment block reads val. */
#define CHECK_ENV(off, val) ld t5, off(tp); CHECK(t5, val)
/* Fails the current case unless the address of label is in the field at off(tp). */
#define CHECK_ENV_LABEL(off, label) ld t5, off(tp); la t6, label; beq t5, t6, 99f; j rvt_fail; 99:
/* Fails the current case unconditionally. */
#define FAIL_CASE j rvt_fail

/* Register-register: rd = insn(v1, v2) with rd, rs1, rs2 all different, then
 * with rd aliasing rs1, rd aliasing rs2 and rs1 == rs2 == rd. */
#define TEST_RR(insn, res, v1, v2) \
    CASE; li a1, v1; li a2, v2; insn a0, a1, a2; CHECK(a0, res); CHECK(a1, v1); CHECK(a2, v2); \
    li a1, v1; li a2, v2; insn a1, a1, a2; CHECK(a1, res); \
    li a1, v1; li a2, v2; insn a2, a1, a2; CHECK(a2, res)
/* Register-register with both operands the same register. */
#define TEST_RR_SAME(insn, res, v) CASE; li a1, v; insn a0, a1, a1; CHECK(a0, res); li a1, v; insn a1, a1, a1; CHECK(a1, res)
/* Register-immediate, with and without rd aliasing rs1. */
#define TEST_IMM(insn, res, v1, imm) \
    CASE; li a1, v1; insn a0, a1, imm; CHECK(a0, res); CHECK(a1, v1); \
    li a1, v1; insn a1, a1, imm; CHECK(a1, res)

/* ------------------------------------------------------------------ */
/* Expected traps                                                      */
/* ------------------------------------------------------------------ */

/* The next trap to M resumes at label (in M-mode). */
#define TRAP_RESUME_AT(label) la t6, label; sd t6, RVT_RESUME(tp)
/* The next trap to S resumes at label (in S-mode). */
#define STRAP_RESUME_AT(label) la t6, label; sd t6, RVT_SRESUME(tp)
/* Cancels an expected trap that did not happen (then the case fails). */
#define TRAP_NONE sd zero, RVT_RESUME(tp); sd zero, RVT_SRESUME(tp)

/* Checks the record of the last trap. */
#define CHECK_TRAP_CAUSE(cause) CHECK_ENV(RVT_CAUSE, cause)
#define CHECK_TRAP_TVAL(tval) CHECK_ENV(RVT_TVAL, tval)
#define CHECK_TRAP_EPC(label) CHECK_ENV_LABEL(RVT_EPC, label)
#define CHECK_TRAP_LEVEL(level) CHECK_ENV(RVT_LEVEL, level)
/* The privilege the last trap came from (MPP, or SPP for the S handler). */
#define CHECK_TRAP_FROM(prv) ld t5, RVT_LEVEL(tp); ld t6, RVT_STATUS(tp); li t4, 3; beq t5, t4, 94f; \
    srli t6, t6, 8; andi t6, t6, 1; j 95f; 94: srli t6, t6, 11; andi t6, t6, 3; 95: li t5, prv; beq t5, t6, 99f; j rvt_fail; 99:

/* Runs the instruction(s) given (the first must trap) and checks that M-mode
 * took `cause` with mepc at the first instruction; continues in M-mode. */
#define TRAP(cause, ...) \
    TRAP_RESUME_AT(98f); 97: __VA_ARGS__; TRAP_NONE; j rvt_fail; 98: \
    CHECK_TRAP_LEVEL(3); CHECK_TRAP_CAUSE(cause); CHECK_TRAP_EPC(97b)
/* As TRAP, also checking mtval. */
#define TRAP_TVAL(cause, tval, ...) TRAP(cause, __VA_ARGS__); CHECK_TRAP_TVAL(tval)
/* As TRAP, with mtval holding the address of label. */
#define TRAP_TVAL_LABEL(cause, label, ...) TRAP(cause, __VA_ARGS__); CHECK_ENV_LABEL(RVT_TVAL, label)
/* Illegal instruction: mtval holds the instruction bits (16 bits for a compressed one). */
#define TRAP_ILLEGAL(bits, ...) TRAP_TVAL(CAUSE_ILLEGAL_INSN, bits, __VA_ARGS__)
/* An illegal 32-bit instruction given as a word. */
#define ILLEGAL32(bits) CASE; TRAP_ILLEGAL(bits, .word bits)
/* An illegal 16-bit instruction given as a halfword; the next halfword is a c.nop
 * that must not leak into mtval. */
#define ILLEGAL16(bits) CASE; TRAP_ILLEGAL(bits, .hword bits; .hword 0x0001)

/* A fetch fault: the instruction(s) given jump somewhere that cannot be
 * fetched; checks cause, mepc and mtval (which need not be the jump). */
#define TRAP_FETCH(cause, epc, tval, ...) \
    TRAP_RESUME_AT(98f); 97: __VA_ARGS__; TRAP_NONE; j rvt_fail; 98: \
    CHECK_TRAP_LEVEL(3); CHECK_TRAP_CAUSE(cause); CHECK_ENV(RVT_EPC, epc); CHECK_TRAP_TVAL(tval)

/* Runs a 32-bit instruction (first of those given) that must raise illegal
 * instruction with mtval = its own bits, read back from memory. */
#define TRAP_ILLEGAL_SELF(...) TRAP(CAUSE_ILLEGAL_INSN, __VA_ARGS__); CHECK_TVAL_INSN(97b)
/* Fails unless the recorded tval holds the 32-bit instruction at label
 * (read as two halfwords: instructions are only 2-byte aligned). */
#define CHECK_TVAL_INSN(label) la t5, label; lhu t6, 2(t5); lhu t5, 0(t5); slli t6, t6, 16; or t5, t5, t6; \
    ld t6, RVT_TVAL(tp); beq t5, t6, 99f; j rvt_fail; 99:
#define ILLEGAL_INSN(...) CASE; TRAP_ILLEGAL_SELF(__VA_ARGS__)

/* Same, for traps delegated to S (resumes in S-mode). */
#define STRAP(cause, ...) \
    STRAP_RESUME_AT(98f); 97: __VA_ARGS__; TRAP_NONE; j rvt_fail; 98: \
    CHECK_TRAP_LEVEL(1); CHECK_TRAP_CAUSE(cause); CHECK_TRAP_EPC(97b)

/* Runs the instruction(s) and checks that no trap was taken. */
#define NO_TRAP(...) ld t5, RVT_COUNT(tp); sd t5, RVT_USER3(tp); __VA_ARGS__; \
    ld t5, RVT_COUNT(tp); ld t6, RVT_USER3(tp); beq t5, t6, 99f; j rvt_fail; 99:

/* ------------------------------------------------------------------ */
/* Privilege changes (all clobber t6)                                  */
/* ------------------------------------------------------------------ */

/* From M-mode: continue at the next instruction in privilege `prv`
 * (mret, so MIE takes MPIE and MPRV clears when prv < M). */
#define GO_PRV(prv) li t6, MSTATUS_MPP; csrc mstatus, t6; li t6, ((prv) << 11); csrs mstatus, t6; \
    la t6, 96f; csrw mepc, t6; mret; 96:
#define GO_S GO_PRV(PRV_S)
#define GO_U GO_PRV(PRV_U)
/* From any mode: continue at the next instruction in M-mode (through ecall). */
#define GO_M TRAP_RESUME_AT(96f); ecall; 96:

/* ------------------------------------------------------------------ */
/* Page tables (all clobber t0..t2)                                    */
/* ------------------------------------------------------------------ */
/* table[index] = leaf or pointer PTE to the page at symbol target, with flags */
#define PTE_TO(table, index, target, flags) la t0, target; srli t0, t0, 12; slli t0, t0, PTE_PPN_SHIFT; li t1, flags; or t0, t0, t1; \
    la t1, table; li t2, (index) * 8; add t1, t1, t2; sd t0, 0(t1)
/* table[index] = PTE to the physical address pa (a constant), with flags */
#define PTE_PA(table, index, pa, flags) li t0, PTE_FOR(pa) | (flags); la t1, table; li t2, (index) * 8; add t1, t1, t2; sd t0, 0(t1)
/* table[index] = raw value */
#define PTE_RAW(table, index, value) li t0, value; la t1, table; li t2, (index) * 8; add t1, t1, t2; sd t0, 0(t1)
/* reg = table[index] */
#define PTE_LOAD(reg, table, index) la t1, table; li t2, (index) * 8; add t1, t1, t2; ld reg, 0(t1)
/* satp = mode | root page number, then a full fence */
#define SATP_SET(mode, root) la t0, root; srli t0, t0, 12; li t1, mode; or t0, t0, t1; csrw satp, t0; sfence.vma

/* ------------------------------------------------------------------ */
/* Instruction encodings the Debian assembler (binutils 2.40) lacks    */
/* ------------------------------------------------------------------ */
/* register numbers for the 3-bit fields of compressed instructions (x8..x15) */
#define CREG_s0 0
#define CREG_s1 1
#define CREG_a0 2
#define CREG_a1 3
#define CREG_a2 4
#define CREG_a3 5
#define CREG_a4 6
#define CREG_a5 7
/* Zcb, quadrant 0: c.lbu rd', uimm(rs1')  uimm in 0..3 */
#define C_LBU(rd, uimm, rs1) .hword (0x8000 | ((CREG_##rs1) << 7) | (((uimm) & 1) << 6) | ((((uimm) >> 1) & 1) << 5) | ((CREG_##rd) << 2))
/* c.lhu / c.lh rd', uimm(rs1')  uimm in {0, 2} */
#define C_LHU(rd, uimm, rs1) .hword (0x8400 | ((CREG_##rs1) << 7) | ((((uimm) >> 1) & 1) << 5) | ((CREG_##rd) << 2))
#define C_LH(rd, uimm, rs1)  .hword (0x8440 | ((CREG_##rs1) << 7) | ((((uimm) >> 1) & 1) << 5) | ((CREG_##rd) << 2))
/* c.sb rs2', uimm(rs1') ; c.sh rs2', uimm(rs1') */
#define C_SB(rs2, uimm, rs1) .hword (0x8800 | ((CREG_##rs1) << 7) | (((uimm) & 1) << 6) | ((((uimm) >> 1) & 1) << 5) | ((CREG_##rs2) << 2))
#define C_SH(rs2, uimm, rs1) .hword (0x8c00 | ((CREG_##rs1) << 7) | ((((uimm) >> 1) & 1) << 5) | ((CREG_##rs2) << 2))
/* Zcb, quadrant 1: unary ops on rd'/rs1' and c.mul rd', rs2' */
#define C_ZEXT_B(rd) .hword (0x9c61 | ((CREG_##rd) << 7))
#define C_SEXT_B(rd) .hword (0x9c65 | ((CREG_##rd) << 7))
#define C_ZEXT_H(rd) .hword (0x9c69 | ((CREG_##rd) << 7))
#define C_SEXT_H(rd) .hword (0x9c6d | ((CREG_##rd) << 7))
#define C_ZEXT_W(rd) .hword (0x9c71 | ((CREG_##rd) << 7))
#define C_NOT(rd)    .hword (0x9c75 | ((CREG_##rd) << 7))
#define C_MUL(rd, rs2) .hword (0x9c41 | ((CREG_##rd) << 7) | ((CREG_##rs2) << 2))

/* ------------------------------------------------------------------ */
/* Program skeleton                                                    */
/* ------------------------------------------------------------------ */
/* Programs are assembled without compressed instructions unless they say
 * `.option rvc`, so that instruction sizes are what the source shows. */
#define RVT_CODE_BEGIN rvt_code_begin
#define RVT_CODE_END rvt_code_end
#define RVT_DATA_BEGIN .data; .balign 16
#define RVT_DATA_END rvt_env_data
/* Passing ends the program with tohost = 1. */
#define RVT_PASS j rvt_pass

#endif /* RIVET_TEST_H */

#ifdef __ASSEMBLER__
/* The gas macros behind the skeleton. */
#ifndef RIVET_TEST_H_ASM
#define RIVET_TEST_H_ASM

.macro rvt_code_begin
    .option norvc
    .section .text.init, "ax"
    .globl _start
_start:
    /* every register but a0 (hart id) and a1 (device tree) boots as zero */
    or t2, t2, x1
    or t2, t2, x2
    or t2, t2, x3
    or t2, t2, x4
    or t2, t2, x5
    or t2, t2, x6
    or t2, t2, x8
    or t2, t2, x9
    or t2, t2, x12
    or t2, t2, x13
    or t2, t2, x14
    or t2, t2, x15
    or t2, t2, x16
    or t2, t2, x17
    or t2, t2, x18
    or t2, t2, x19
    or t2, t2, x20
    or t2, t2, x21
    or t2, t2, x22
    or t2, t2, x23
    or t2, t2, x24
    or t2, t2, x25
    or t2, t2, x26
    or t2, t2, x27
    or t2, t2, x28
    or t2, t2, x29
    or t2, t2, x30
    or t2, t2, x31
    .globl rvt_boot_mcycle_at
rvt_boot_mcycle_at:
    csrr t0, mcycle
    csrr t1, minstret
    j rvt_reset

    /* M-mode trap handler: record the trap, resume where the test asked or fail. */
    .balign 4
    .globl rvt_mtrap
rvt_mtrap:
    sd t0, RVT_MSAVE0(tp)
    sd t1, RVT_MSAVE1(tp)
    csrr t0, mcause
    sd t0, RVT_CAUSE(tp)
    csrr t0, mepc
    sd t0, RVT_EPC(tp)
    csrr t0, mtval
    sd t0, RVT_TVAL(tp)
    csrr t0, mstatus
    sd t0, RVT_STATUS(tp)
    li t0, 3
    sd t0, RVT_LEVEL(tp)
    ld t0, RVT_COUNT(tp)
    addi t0, t0, 1
    sd t0, RVT_COUNT(tp)
    ld t0, RVT_RESUME(tp)
    bnez t0, 1f
    j rvt_fail
1:  sd zero, RVT_RESUME(tp)
    csrw mepc, t0
    /* resume in M-mode with interrupts off: MPP = M, MPIE = 0 */
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    ld t0, RVT_MSAVE0(tp)
    ld t1, RVT_MSAVE1(tp)
    mret

    /* S-mode trap handler (for delegated traps). */
    .balign 4
    .globl rvt_strap
rvt_strap:
    sd t0, RVT_SSAVE0(tp)
    sd t1, RVT_SSAVE1(tp)
    csrr t0, scause
    sd t0, RVT_CAUSE(tp)
    csrr t0, sepc
    sd t0, RVT_EPC(tp)
    csrr t0, stval
    sd t0, RVT_TVAL(tp)
    csrr t0, sstatus
    sd t0, RVT_STATUS(tp)
    li t0, 1
    sd t0, RVT_LEVEL(tp)
    ld t0, RVT_COUNT(tp)
    addi t0, t0, 1
    sd t0, RVT_COUNT(tp)
    ld t0, RVT_SRESUME(tp)
    beqz t0, 2f
    sd zero, RVT_SRESUME(tp)
    csrw sepc, t0
    /* resume in S-mode with interrupts off: SPP = S, SPIE = 0 */
    li t0, MSTATUS_SPP
    csrs sstatus, t0
    li t0, MSTATUS_SPIE
    csrc sstatus, t0
    ld t0, RVT_SSAVE0(tp)
    ld t1, RVT_SSAVE1(tp)
    sret
2:  /* unexpected: hand over to M-mode, which fails the case */
    sd zero, RVT_RESUME(tp)
    ecall
    j rvt_fail

rvt_reset:
    la tp, rvt_data
    sd t0, RVT_BOOT_MCYCLE(tp)
    sd t1, RVT_BOOT_MINSTRET(tp)
    sd t2, RVT_BOOT_XREGS(tp)
    sd a0, RVT_BOOT_A0(tp)
    sd a1, RVT_BOOT_A1(tp)
    csrr t0, mstatus
    sd t0, RVT_BOOT_MSTATUS(tp)
    csrr t0, mcause
    sd t0, RVT_BOOT_MCAUSE(tp)
    csrr t0, mepc
    sd t0, RVT_BOOT_MEPC(tp)
    csrr t0, mtval
    sd t0, RVT_BOOT_MTVAL(tp)
    la sp, rvt_stack_top
    li gp, 0
    la t0, rvt_mtrap
    csrw mtvec, t0
    la t0, rvt_strap
    csrw stvec, t0
    /* Other machines (QEMU) implement PMP and deny S/U accesses until it is
     * configured; the reference has no PMP, so these CSRs are illegal there
     * and the expected trap skips them. The trap counter is then reset. */
    la t0, 1f
    sd t0, RVT_RESUME(tp)
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
1:  sd zero, RVT_RESUME(tp)
    sd zero, RVT_COUNT(tp)
    li t0, 0
    li t1, 0
    li t2, 0
    j rvt_main

    .text
    .globl rvt_main
rvt_main:
.endm

.macro rvt_code_end
    .text
    .balign 4
    .globl rvt_pass
rvt_pass:
    fence
    sd zero, RVT_RESUME(tp)
    sd zero, RVT_SRESUME(tp)
    li t6, 1
    la t5, tohost
    sd t6, 0(t5)
1:  j 1b

    .globl rvt_fail
rvt_fail:
    fence
    sd zero, RVT_RESUME(tp)
    sd zero, RVT_SRESUME(tp)
    /* a failure before the first case reports case 4095 */
    bnez gp, 1f
    li gp, 4095
1:  slli t6, gp, 1
    ori t6, t6, 1
    la t5, tohost
    sd t6, 0(t5)
2:  j 2b
.endm

.macro rvt_env_data
    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
    .type tohost, @object
    .size tohost, 8
tohost: .dword 0
    .balign 64
    .globl fromhost
    .type fromhost, @object
    .size fromhost, 8
fromhost: .dword 0

    .bss
    .balign 64
    .globl rvt_data
rvt_data: .skip RVT_DATA_SIZE
    .balign 16
rvt_stack: .skip 4096
    .globl rvt_stack_top
rvt_stack_top:
.endm

#endif /* RIVET_TEST_H_ASM */
#endif /* __ASSEMBLER__ */

/*
 * rv64i-mem: loads and stores of every width (sign and zero extension,
 * positive and negative offsets, little-endian byte order), x0 as the load
 * destination, misaligned accesses (always an address-misaligned trap with
 * mtval = the address and no side effect, even for addresses with no
 * memory behind them), FENCE variants, FENCE.I, and stores into code that
 * is about to run (seen at once, with or without FENCE.I).
 */
#include "rivet_test.h"

#define TEST_LD(insn, res, off) CASE; la a1, bytes; insn a0, off(a1); CHECK(a0, res)
/* store through a doubleword that starts all ones, then read it back whole */
#define TEST_ST(insn, res, val, off) CASE; la a1, buf; li a2, -1; sd a2, 0(a1); li a3, val; \
    insn a3, off(a1); ld a0, 0(a1); CHECK(a0, res)
/* misaligned load: traps with mtval = address; rd keeps its value */
#define TEST_LD_MISALIGNED(insn, off) CASE; la a1, bytes; li a0, 0x5a5a; \
    TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, bytes + off, insn a0, off(a1)); CHECK(a0, 0x5a5a)
/* misaligned store: traps with mtval = address; memory unchanged */
#define TEST_ST_MISALIGNED(insn, off) CASE; la a1, buf; li a2, 0x1122334455667788; sd a2, 0(a1); sd a2, 8(a1); \
    li a3, -1; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_STORE, buf + off, insn a3, off(a1)); \
    ld a0, 0(a1); CHECK(a0, 0x1122334455667788); ld a0, 8(a1); CHECK(a0, 0x1122334455667788)

RVT_CODE_BEGIN

    /* loads */
    TEST_LD(lb, 0x11, 0)
    TEST_LD(lb, 0xffffffffffffff88, 7)
    TEST_LD(lb, 0, 15)
    TEST_LD(lb, 0xffffffffffffffff, 14)
    TEST_LD(lbu, 0x88, 7)
    TEST_LD(lbu, 0xff, 14)
    TEST_LD(lh, 0x2211, 0)
    TEST_LD(lh, 0xffffffffffff8877, 6)
    TEST_LD(lh, 0xffffffffffffaa99, 8)
    TEST_LD(lh, 0x00ff, 14)
    TEST_LD(lhu, 0x8877, 6)
    TEST_LD(lhu, 0xaa99, 8)
    TEST_LD(lw, 0x44332211, 0)
    TEST_LD(lw, 0xffffffff88776655, 4)
    TEST_LD(lw, 0xffffffffccbbaa99, 8)
    TEST_LD(lw, 0x00ffeedd, 12)
    TEST_LD(lwu, 0x88776655, 4)
    TEST_LD(lwu, 0xccbbaa99, 8)
    TEST_LD(ld, 0x8877665544332211, 0)
    TEST_LD(ld, 0x00ffeeddccbbaa99, 8)
    /* negative offsets */
    CASE; la a1, bytes + 8; lb a0, -1(a1); CHECK(a0, 0xffffffffffffff88)
    CASE; la a1, bytes + 8; lhu a0, -2(a1); CHECK(a0, 0x8877)
    CASE; la a1, bytes + 16; lw a0, -8(a1); CHECK(a0, 0xffffffffccbbaa99)
    CASE; la a1, bytes + 2048; ld a0, -2048(a1); CHECK(a0, 0x8877665544332211)
    CASE; la a1, bytes - 2047; lbu a0, 2047(a1); CHECK(a0, 0x11)
    /* rd == rs1 */
    CASE; la a0, bytes; ld a0, 8(a0); CHECK(a0, 0x00ffeeddccbbaa99)
    /* x0 as destination: no effect, no trap */
    CASE; la a1, bytes; NO_TRAP(lb x0, 0(a1); lh x0, 0(a1); lw x0, 0(a1); ld x0, 0(a1); lbu x0, 7(a1); lhu x0, 6(a1); lwu x0, 4(a1)); CHECK(x0, 0)

    /* stores write only their bytes */
    TEST_ST(sb, 0xffffffff12ffffff, 0xabcdef12, 3)
    TEST_ST(sb, 0x00ffffffffffffff, 0x100, 7)
    TEST_ST(sh, 0xffffffff1234ffff, 0x99991234, 2)
    TEST_ST(sh, 0x1234ffffffffffff, 0x1234, 6)
    TEST_ST(sw, 0x12345678ffffffff, 0x12345678, 4)
    TEST_ST(sw, 0xffffffff87654321, 0xffffffff87654321, 0)
    TEST_ST(sd, 0x0123456789abcdef, 0x0123456789abcdef, 0)
    CASE; la a1, buf + 16; li a2, -1; sd a2, -16(a1); li a2, 0x55; sb a2, -9(a1); ld a0, -16(a1); CHECK(a0, 0x55ffffffffffffff)
    /* a register stores its own value as the address */
    CASE; la a1, buf; sd a1, 0(a1); ld a0, 0(a1); CHECK_REG(a0, a1)
    /* store then load back each width */
    CASE; la a1, buf; li a2, 0x8081828384858687; sd a2, 8(a1); lb a0, 8(a1); CHECK(a0, 0xffffffffffffff87); lhu a0, 14(a1); CHECK(a0, 0x8081)

    /* misaligned accesses trap (the firmware emulates them) */
#ifndef RVT_QEMU /* QEMU: performs misaligned loads and stores */
    TEST_LD_MISALIGNED(lh, 1)
    TEST_LD_MISALIGNED(lhu, 3)
    TEST_LD_MISALIGNED(lw, 1)
    TEST_LD_MISALIGNED(lw, 2)
    TEST_LD_MISALIGNED(lw, 3)
    TEST_LD_MISALIGNED(lwu, 6)
    TEST_LD_MISALIGNED(ld, 1)
    TEST_LD_MISALIGNED(ld, 4)
    TEST_LD_MISALIGNED(ld, 7)
    TEST_ST_MISALIGNED(sh, 1)
    TEST_ST_MISALIGNED(sh, 7)
    TEST_ST_MISALIGNED(sw, 2)
    TEST_ST_MISALIGNED(sw, 5)
    TEST_ST_MISALIGNED(sd, 1)
    TEST_ST_MISALIGNED(sd, 4)
    /* byte accesses are never misaligned */
    CASE; la a1, bytes; NO_TRAP(lb a0, 1(a1); lbu a0, 3(a1)); CHECK(a0, 0x44)
    /* misaligned within a page crossing */
    CASE; la a1, page_end; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, page_end - 2, lw a0, -2(a1))
    CASE; la a1, page_end; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_STORE, page_end - 4, sd a0, -4(a1))
    /* the alignment check comes before the address is looked up */
    CASE; TRAP_TVAL(CAUSE_MISALIGNED_LOAD, 0x1, lh a0, 1(zero))
    CASE; TRAP_TVAL(CAUSE_MISALIGNED_LOAD, 0x4, ld a0, 4(zero))
    CASE; TRAP_TVAL(CAUSE_MISALIGNED_STORE, 0x6, sw a0, 6(zero))
    CASE; li a1, 0x2000001; TRAP_TVAL(CAUSE_MISALIGNED_STORE, 0x2000001, sh a0, 0(a1))
    CASE; li a1, 0xfffffffffffffff9; TRAP_TVAL(CAUSE_MISALIGNED_LOAD, 0xfffffffffffffffd, lw a0, 4(a1))
#endif

    /* fences: every encoding of FENCE (funct3 000) executes as a no-op */
    CASE; NO_TRAP(fence; fence rw, rw; fence r, w; fence iorw, iorw; fence w, r; fence i, o)
    CASE; NO_TRAP(.word 0x8330000f)     /* fence.tso */
    CASE; NO_TRAP(.word 0x0100000f)     /* pause */
    CASE; NO_TRAP(.word 0x0ff5850f)     /* fence with rd and rs1 not x0 */
    CASE; NO_TRAP(fence.i; .word 0x0005900f) /* fence.i, and fence.i with rs1 = a1 */

    /* code written by stores runs as written: a routine in data memory */
    CASE; la a1, smc_routine; li a2, 0x00700513; sw a2, 0(a1); fence.i; jalr ra, 0(a1); CHECK(a0, 7)
    CASE; la a1, smc_routine; li a2, 0x00100513; sw a2, 0(a1); fence.i; jalr ra, 0(a1); CHECK(a0, 1)
    /* without FENCE.I the new code is seen too (there is no instruction cache) */
    CASE; la a1, smc_routine; li a2, 0x00300513; sw a2, 0(a1); jalr ra, 0(a1); CHECK(a0, 3)
    CASE; la a1, smc_routine; li a2, 0xfff00513; sw a2, 0(a1); jalr ra, 0(a1); CHECK(a0, -1)
    /* an instruction overwritten just before it runs, in the same straight-line code */
#ifndef RVT_QEMU /* QEMU: runs the stale instruction of the current translation block */
    CASE; la a1, 1f; li a2, 0x00500513; li a0, 0; sw a2, 0(a1); 1: addi a0, zero, 2; CHECK(a0, 5)
    CASE; li a0, 0; li a3, 0; 2: la a1, 1f; li a2, 0x00900513; addi a3, a3, 1; 1: addi a0, a0, 1; \
        sw a2, 0(a1); li t0, 2; blt a3, t0, 2b; CHECK(a0, 9)
#endif

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
    .balign 16
bytes:
    .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88
    .byte 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00
buf:
    .dword 0, 0, 0
    /* a routine that is rewritten at run time: addi a0, zero, imm ; ret */
    .balign 4
smc_routine:
    .word 0x00000513
    .word 0x00008067
    .balign 4096
    .skip 4096
page_end:
RVT_DATA_END

/*
 * rv64a: the A extension. Every AMO in .W and .D form (result in rd,
 * memory update, sign extension of .W results, neighbouring bytes
 * untouched, aq/rl bits ignored), LR/SC reservation semantics, misaligned
 * and faulting AMOs, and reserved encodings.
 *
 * Reservation facts of the reference: LR records the virtual address; SC
 * succeeds when its address equals it (any width); every SC clears it; a
 * privilege change clears it (so do MRET/SRET to another mode and traps
 * into another mode), but a trap taken from M into M does not; ordinary
 * stores do not. An SC whose address does not match fails (rd = 1) before
 * any memory access, so it neither faults nor checks alignment.
 */
#include "rivet_test.h"

/* doubleword AMO: mem = init, rs2 = val -> rd = init, mem = res */
#define TEST_AMO_D(insn, res, init, val) CASE; la a1, amo_area; li a2, init; sd a2, 0(a1); li a2, val; \
    insn a0, a2, (a1); CHECK(a0, init); ld a3, 0(a1); CHECK(a3, res); CHECK(a2, val)
/* word AMO on the low word of a doubleword whose high word is 0x55555555:
 * rd = rd_res (the old word sign-extended), low word = res */
#define TEST_AMO_W(insn, res, init, val, rd_res) CASE; la a1, amo_area; li a2, (0x5555555500000000 | (init)); sd a2, 0(a1); \
    li a2, val; insn a0, a2, (a1); CHECK(a0, rd_res); ld a3, 0(a1); CHECK(a3, (0x5555555500000000 | (res)))
/* word AMO on the high word of a doubleword whose low word is 0x33333333 */
#define TEST_AMO_W_HI(insn, res, init, val, rd_res) CASE; la a1, amo_area; li a2, (((init) << 32) | 0x33333333); sd a2, 0(a1); \
    addi a1, a1, 4; li a2, val; insn a0, a2, (a1); CHECK(a0, rd_res); ld a3, -4(a1); CHECK(a3, (((res) << 32) | 0x33333333))
/* a misaligned AMO raises store/AMO address-misaligned and changes nothing */
#define TEST_AMO_MISALIGNED(insn, off) CASE; la a1, amo_area; li a2, 0x0123456789abcdef; sd a2, 0(a1); sd a2, 8(a1); \
    addi a1, a1, off; li a0, 0x77; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_STORE, amo_area + off, insn a0, a2, (a1)); \
    CHECK(a0, 0x77); la a1, amo_area; ld a3, 0(a1); CHECK(a3, 0x0123456789abcdef); ld a3, 8(a1); CHECK(a3, 0x0123456789abcdef)

RVT_CODE_BEGIN

    /* doubleword AMOs; a = 0xffffffff00000001 (negative), b = 0x0000000100000002 */
    TEST_AMO_D(amoswap.d, 0x0000000100000002, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amoadd.d,  0x0000000000000003, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amoxor.d,  0xfffffffe00000003, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amoand.d,  0x0000000100000000, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amoor.d,   0xffffffff00000003, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amomin.d,  0xffffffff00000001, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amomax.d,  0x0000000100000002, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amominu.d, 0x0000000100000002, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amomaxu.d, 0xffffffff00000001, 0xffffffff00000001, 0x0000000100000002)
    TEST_AMO_D(amoadd.d,  0x8000000000000000, 0x7fffffffffffffff, 1)
    TEST_AMO_D(amomin.d,  0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_AMO_D(amomax.d,  0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_AMO_D(amominu.d, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_AMO_D(amomaxu.d, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_AMO_D(amomin.d,  5, 5, 5)
    TEST_AMO_D(amoswap.d.aq, 7, 8, 7)
    TEST_AMO_D(amoadd.d.rl, 15, 8, 7)
    TEST_AMO_D(amoor.d.aqrl, 0xf, 8, 7)

    /* word AMOs; a = 0x80000001 (negative as a word), b = 0x7fffffff (upper bits of rs2 ignored) */
    TEST_AMO_W(amoswap.w, 0x7fffffff, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    TEST_AMO_W(amoadd.w,  0x00000000, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    TEST_AMO_W(amoxor.w,  0xfffffffe, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    TEST_AMO_W(amoand.w,  0x00000001, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    TEST_AMO_W(amoor.w,   0xffffffff, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    TEST_AMO_W(amomin.w,  0x80000001, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    TEST_AMO_W(amomax.w,  0x7fffffff, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    TEST_AMO_W(amominu.w, 0x7fffffff, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    TEST_AMO_W(amomaxu.w, 0x80000001, 0x80000001, 0xdeadbeef7fffffff, 0xffffffff80000001)
    /* the sign of the word decides, not bit 63 of rs2 */
    TEST_AMO_W(amomin.w,  0x00000002, 0x00000002, 0xffffffff00000003, 0x2)
    TEST_AMO_W(amomaxu.w, 0xfffffffe, 0x00000002, 0x00000000fffffffe, 0x2)
    TEST_AMO_W(amoadd.w,  0x80000000, 0x7fffffff, 1, 0x7fffffff)
    /* the high word of the doubleword */
    TEST_AMO_W_HI(amoswap.w, 0x12345678, 0x87654321, 0x12345678, 0xffffffff87654321)
    TEST_AMO_W_HI(amoadd.w,  0x00000001, 0xffffffff, 2, 0xffffffffffffffff)
    TEST_AMO_W_HI(amomaxu.w, 0xffffffff, 0xffffffff, 2, 0xffffffffffffffff)
    TEST_AMO_W_HI(amomin.w,  0xffffffff, 0xffffffff, 2, 0xffffffffffffffff)
    TEST_AMO_W_HI(amoand.w.aqrl, 0x00000002, 0xffffffff, 2, 0xffffffffffffffff)

    /* rd = x0: memory still updated */
    CASE; la a1, amo_area; li a2, 10; sd a2, 0(a1); li a2, 5; amoadd.d x0, a2, (a1); ld a3, 0(a1); CHECK(a3, 15); CHECK(x0, 0)
    /* rd == rs2: rd gets the old value, memory the old rs2 */
    CASE; la a1, amo_area; li a2, 10; sd a2, 0(a1); li a2, 5; amoswap.d a2, a2, (a1); CHECK(a2, 10); ld a3, 0(a1); CHECK(a3, 5)
    /* rd == rs1: the address is read before rd is written */
    CASE; la a1, amo_area; li a2, 0x1234; sd a2, 0(a1); li a2, 1; amoadd.d a1, a2, (a1); CHECK(a1, 0x1234); la a1, amo_area; ld a3, 0(a1); CHECK(a3, 0x1235)

    /* LR / SC */
    CASE; la a1, amo_area; li a2, 0x1111; sd a2, 0(a1); lr.d a0, (a1); CHECK(a0, 0x1111); li a2, 0x2222; sc.d a3, a2, (a1); CHECK(a3, 0); ld a4, 0(a1); CHECK(a4, 0x2222)
    /* a second SC fails: the first one cleared the reservation */
    CASE; la a1, amo_area; li a2, 0x3333; sc.d a3, a2, (a1); CHECK(a3, 1); ld a4, 0(a1); CHECK(a4, 0x2222)
    /* LR.W sign-extends; SC.W writes only its word */
    CASE; la a1, amo_area; li a2, 0x5555555580000000; sd a2, 0(a1); lr.w a0, (a1); CHECK(a0, 0xffffffff80000000); \
        li a2, 0x7777777712345678; sc.w a3, a2, (a1); CHECK(a3, 0); ld a4, 0(a1); CHECK(a4, 0x5555555512345678)
    CASE; la a1, amo_area + 4; lr.w a0, (a1); CHECK(a0, 0x55555555); li a2, -1; sc.w a3, a2, (a1); CHECK(a3, 0); ld a4, -4(a1); CHECK(a4, 0xffffffff12345678)
    /* SC to another address fails, leaves memory alone and clears the reservation */
    CASE; la a1, amo_area; la a5, amo_area + 8; li a2, 0x99; sd a2, 0(a5); sd a2, 0(a1); lr.d a0, (a1); li a2, 0x44; sc.d a3, a2, (a5); CHECK(a3, 1); \
        ld a4, 0(a5); CHECK(a4, 0x99); sc.d a3, a2, (a1); CHECK(a3, 1); ld a4, 0(a1); CHECK(a4, 0x99)
    /* a later LR moves the reservation */
    CASE; la a1, amo_area; la a5, amo_area + 8; lr.d a0, (a1); lr.d a0, (a5); li a2, 0x45; sc.d a3, a2, (a1); CHECK(a3, 1); \
        lr.d a0, (a1); lr.d a0, (a5); sc.d a3, a2, (a5); CHECK(a3, 0); ld a4, 0(a5); CHECK(a4, 0x45)
    /* rd = x0 on SC; SC result when rd == rs2 */
    CASE; la a1, amo_area; lr.d a0, (a1); li a2, 0x46; sc.d x0, a2, (a1); ld a4, 0(a1); CHECK(a4, 0x46); CHECK(x0, 0)
    CASE; la a1, amo_area; lr.d a0, (a1); li a2, 0x47; sc.d a2, a2, (a1); CHECK(a2, 0); ld a4, 0(a1); CHECK(a4, 0x47)
    /* a trap taken from M into M keeps the reservation */
#ifndef RVT_QEMU /* QEMU: clears the reservation on every trap */
    CASE; la a1, amo_area; lr.d a0, (a1); TRAP(CAUSE_MACHINE_ECALL, ecall); li a2, 0x48; sc.d a3, a2, (a1); CHECK(a3, 0)
    CASE; la a1, amo_area; lr.d a0, (a1); TRAP(CAUSE_ILLEGAL_INSN, .word 0); li a2, 0x49; sc.d a3, a2, (a1); CHECK(a3, 0)
#endif
    /* aq/rl bits change nothing */
    CASE; la a1, amo_area; li a2, 0x49; sd a2, 0(a1); lr.d.aq a0, (a1); CHECK(a0, 0x49); li a2, 0x4a; sc.d.rl a3, a2, (a1); CHECK(a3, 0)
    CASE; la a1, amo_area; lr.w.aqrl a0, (a1); li a2, 0x4b; sc.w.aqrl a3, a2, (a1); CHECK(a3, 0)
    /* the reservation is a virtual address: LR.D then SC.W at the same address succeeds */
    CASE; la a1, amo_area; li a2, -1; sd a2, 0(a1); lr.d a0, (a1); li a2, 0; sc.w a3, a2, (a1); CHECK(a3, 0); ld a4, 0(a1); CHECK(a4, 0xffffffff00000000)
    /* ordinary stores do not clear the reservation */
#ifndef RVT_QEMU /* QEMU: SC fails when memory no longer holds the value LR loaded */
    CASE; la a1, amo_area; lr.d a0, (a1); li a2, 0x4c4c; sd a2, 0(a1); li a2, 0x4d; sc.d a3, a2, (a1); CHECK(a3, 0); ld a4, 0(a1); CHECK(a4, 0x4d)
#endif
    /* privilege changes clear it: LR in M, SC in U (after MRET) */
    CASE; la a1, amo_area; li a2, 0x4d; sd a2, 0(a1); lr.d a0, (a1); li a3, 7; GO_U; li a2, 0x4e; sc.d a3, a2, (a1); GO_M; CHECK(a3, 1); ld a4, 0(a1); CHECK(a4, 0x4d)
    /* LR in U, SC in M (after the ecall trap) */
    CASE; la a1, amo_area; li a2, 0x4d; sd a2, 0(a1); GO_U; lr.d a0, (a1); GO_M; li a2, 0x4f; sc.d a3, a2, (a1); CHECK(a3, 1); ld a4, 0(a1); CHECK(a4, 0x4d)
    /* both in U: succeeds */
    CASE; la a1, amo_area; GO_U; lr.d a0, (a1); li a2, 0x50; sc.d a3, a2, (a1); GO_M; CHECK(a3, 0); ld a4, 0(a1); CHECK(a4, 0x50)
    /* LR in S, trap into M and back to S (MRET): fails */
    CASE; la a1, amo_area; GO_S; lr.d a0, (a1); GO_M; GO_S; li a2, 0x51; sc.d a3, a2, (a1); GO_M; CHECK(a3, 1)

    /* misaligned LR: load address-misaligned */
    CASE; la a1, amo_area + 4; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, amo_area + 4, lr.d a0, (a1))
    CASE; la a1, amo_area + 2; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, amo_area + 2, lr.w a0, (a1))
    /* an SC without a matching reservation does not access memory: no misaligned or access trap */
    CASE; la a1, amo_area + 4; li a2, 1; NO_TRAP(sc.d a3, a2, (a1)); CHECK(a3, 1)
    CASE; la a1, amo_area + 1; li a2, 1; NO_TRAP(sc.w a3, a2, (a1)); CHECK(a3, 1)
    CASE; li a2, 1; NO_TRAP(sc.d a3, a2, (zero)); CHECK(a3, 1)
    /* misaligned AMOs: store/AMO address-misaligned */
#ifndef RVT_QEMU /* QEMU: reports misaligned AMOs as load address-misaligned (cause 4) */
    TEST_AMO_MISALIGNED(amoswap.d, 4)
    TEST_AMO_MISALIGNED(amoadd.d, 1)
    TEST_AMO_MISALIGNED(amoxor.d, 2)
    TEST_AMO_MISALIGNED(amoand.d, 6)
    TEST_AMO_MISALIGNED(amoor.d, 7)
    TEST_AMO_MISALIGNED(amomin.d, 4)
    TEST_AMO_MISALIGNED(amomax.d, 3)
    TEST_AMO_MISALIGNED(amominu.d, 5)
    TEST_AMO_MISALIGNED(amomaxu.d, 12)
    TEST_AMO_MISALIGNED(amoswap.w, 2)
    TEST_AMO_MISALIGNED(amoadd.w, 1)
    TEST_AMO_MISALIGNED(amoxor.w, 3)
    TEST_AMO_MISALIGNED(amoand.w, 5)
    TEST_AMO_MISALIGNED(amoor.w, 6)
    TEST_AMO_MISALIGNED(amomin.w, 7)
    TEST_AMO_MISALIGNED(amomax.w, 9)
    TEST_AMO_MISALIGNED(amominu.w, 10)
    TEST_AMO_MISALIGNED(amomaxu.w, 14)
#endif
    /* AMOs where nothing is mapped: store/AMO access fault (never a load fault) */
#ifndef RVT_QEMU /* QEMU: reports them as load access faults (cause 5) */
    CASE; li a0, 0x77; TRAP_TVAL(CAUSE_STORE_ACCESS, 0, amoadd.d a0, a2, (zero)); CHECK(a0, 0x77)
    CASE; li a1, 0x1000; TRAP_TVAL(CAUSE_STORE_ACCESS, 0x1000, amoswap.w a0, a2, (a1))
#endif
    CASE; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0, lr.d a0, (zero))
#ifndef RVT_QEMU /* QEMU: has no readable PMA array at 0x10000 */
    /* an AMO on read-only memory (the PMA array) reads fine, then faults on the write */
    CASE; li a1, PMA_ARRAY_START; ld a4, 0(a1); li a0, 0x77; TRAP_TVAL(CAUSE_STORE_ACCESS, PMA_ARRAY_START, amoor.d a0, a2, (a1)); \
        CHECK(a0, 0x77); ld a5, 0(a1); CHECK_REG(a4, a5)
#endif

    /* reserved encodings */
    ILLEGAL32(0x1015b52f)   /* lr.d with rs2 = x1 */
    ILLEGAL32(0x1015a52f)   /* lr.w with rs2 = x1 */
    ILLEGAL32(0x28c5b52f)   /* funct5 00101 (amocas.d in Zacas) */
    ILLEGAL32(0x28c5a52f)   /* funct5 00101, .w (amocas.w) */
    ILLEGAL32(0x30c5b52f)   /* funct5 00110 */
    ILLEGAL32(0xf8c5b52f)   /* funct5 11111 */
    ILLEGAL32(0x00c5852f)   /* amoadd.b (Zabha, funct3 000) */
    ILLEGAL32(0x00c5952f)   /* amoadd.h (Zabha, funct3 001) */
    ILLEGAL32(0x00c5c52f)   /* funct3 100 (amoadd.q) */
    ILLEGAL32(0x1005c52f)   /* lr.q (funct3 100) */

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
    .balign 16
amo_area:
    .dword 0, 0, 0, 0
RVT_DATA_END

/*
 * rv64i-alu: RV64I computational instructions (register-register,
 * register-immediate, the 32-bit W forms, LUI, AUIPC), x0 as source and
 * destination, HINT encodings (rd = x0) and reserved shift/funct7 encodings.
 */
#include "rivet_test.h"

RVT_CODE_BEGIN

    /* add / sub: 64-bit wrap-around, no truncation at bit 31 */
    TEST_RR(add, 0, 0, 0)
    TEST_RR(add, 2, 1, 1)
    TEST_RR(add, 0x10, 3, 13)
    TEST_RR(add, 0xffffffff80000000, 0, 0xffffffff80000000)
    TEST_RR(add, 0x8000000000000000, 0x7fffffffffffffff, 1)
    TEST_RR(add, 0x7fffffffffffffff, 0x8000000000000000, -1)
    TEST_RR(add, 0, -1, 1)
    TEST_RR(add, 0x0000000100000000, 0xffffffff, 1)
    TEST_RR_SAME(add, 0xfffffffffffffffe, -1)
    TEST_RR(sub, 0, 0, 0)
    TEST_RR(sub, 0xffffffffffffffff, 0, 1)
    TEST_RR(sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
    TEST_RR(sub, 0x8000000000000000, 0x7fffffffffffffff, -1)
    TEST_RR(sub, 0x00000000ffffffff, 0x100000000, 1)
    TEST_RR_SAME(sub, 0, 0x123456789abcdef0)

    /* shifts use the low 6 bits of rs2 */
    TEST_RR(sll, 1, 1, 0)
    TEST_RR(sll, 0x8000000000000000, 1, 63)
    TEST_RR(sll, 2, 1, 65)
    TEST_RR(sll, 0x0000000100000000, 1, 32)
    TEST_RR(sll, 0xfffffffffffff000, -1, 12)
    TEST_RR(sll, 0x2468ace0, 0x12345670, 1)
    TEST_RR(sll, 1, 1, 0xffffffffffffffc0)
    TEST_RR(srl, 1, 0x8000000000000000, 63)
    TEST_RR(srl, 0x0000000080000000, 0x8000000000000000, 32)
    TEST_RR(srl, 0x7fffffffffffffff, -1, 1)
    TEST_RR(srl, 0xffffffffffffffff, -1, 64)
    TEST_RR(srl, 0x00000000ffffffff, -1, 32)
    TEST_RR(sra, 0xffffffffffffffff, 0x8000000000000000, 63)
    TEST_RR(sra, 0xffffffff80000000, 0x8000000000000000, 32)
    TEST_RR(sra, 0x3fffffffffffffff, 0x7fffffffffffffff, 1)
    TEST_RR(sra, 0xc000000000000000, 0x8000000000000000, 1)
    TEST_RR(sra, 0x8000000000000000, 0x8000000000000000, 0x40)
    TEST_RR(sra, 0x1234567, 0x12345678, 4)
    TEST_RR(sra, 0x0000000040000000, 0x0000000080000000, 1)

    /* comparisons */
    TEST_RR(slt, 0, 0, 0)
    TEST_RR(slt, 1, -1, 0)
    TEST_RR(slt, 0, 0, -1)
    TEST_RR(slt, 1, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR(slt, 0, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_RR(slt, 0, 5, 5)
    TEST_RR(slt, 1, 0xffffffff7fffffff, 0xffffffff80000000)
    TEST_RR(sltu, 0, -1, 0)
    TEST_RR(sltu, 1, 0, -1)
    TEST_RR(sltu, 0, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR(sltu, 1, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_RR(sltu, 0, 7, 7)
    TEST_RR(sltu, 1, 0xfffffffe, 0xffffffff)
    TEST_RR(sltu, 1, 0x00000000ffffffff, 0x0000000100000000)

    /* logic */
    TEST_RR(xor, 0xf00ff00ff00ff00f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
    TEST_RR(xor, 0xffffffffffffffff, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa)
    TEST_RR_SAME(xor, 0, 0x5555555555555555)
    TEST_RR(or, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
    TEST_RR(or, 0, 0, 0)
    TEST_RR(and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
    TEST_RR(and, 0, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa)
    TEST_RR_SAME(and, 0x8000000000000001, 0x8000000000000001)

    /* register-immediate: the 12-bit immediate is sign-extended */
    TEST_IMM(addi, 0, 0, 0)
    TEST_IMM(addi, 0x7ff, 0, 2047)
    TEST_IMM(addi, 0xfffffffffffff800, 0, -2048)
    TEST_IMM(addi, 0x8000000000000000, 0x7fffffffffffffff, 1)
    TEST_IMM(addi, 0xffffffff, 0x100000000, -1)
    TEST_IMM(addi, 0x0000000080000000, 0x7fffffff, 1)
    TEST_IMM(slti, 1, -1, 0)
    TEST_IMM(slti, 0, 0, -1)
    TEST_IMM(slti, 1, 0x8000000000000000, -2048)
    TEST_IMM(slti, 0, 2047, 2047)
    TEST_IMM(slti, 1, 2046, 2047)
    TEST_IMM(sltiu, 1, 0, -1)
    TEST_IMM(sltiu, 0, -1, -1)
    TEST_IMM(sltiu, 1, 0xfffffffffffff7ff, -2048)
    TEST_IMM(sltiu, 1, 0, 1)
    TEST_IMM(sltiu, 0, 5, 1)
    TEST_IMM(xori, 0xff00ff00ff00ff00, 0x00ff00ff00ff00ff, -1)
    TEST_IMM(xori, 0x00ff00ff00ff000f, 0x00ff00ff00ff00ff, 0xf0)
    TEST_IMM(ori, 0xfffffffffffff8ff, 0x00ff00ff00ff00ff, -2048)
    TEST_IMM(ori, 0x00ff00ff00ff07ff, 0x00ff00ff00ff00ff, 0x700)
    TEST_IMM(andi, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00, -16)
    TEST_IMM(andi, 0x700, 0xff00ff00ff00ff00, 0x7ff)
    TEST_IMM(andi, 0xfffffffffffff800, -1, -2048)
    TEST_IMM(slli, 0x8000000000000000, 1, 63)
    TEST_IMM(slli, 0x0000000100000000, 1, 32)
    TEST_IMM(slli, 0xfffffffe00000000, -1, 33)
    TEST_IMM(slli, 0x123456789abcdef0, 0x123456789abcdef0, 0)
    TEST_IMM(srli, 1, 0x8000000000000000, 63)
    TEST_IMM(srli, 0x00000000ffffffff, -1, 32)
    TEST_IMM(srli, 0x0000000080000000, 0x8000000000000000, 32)
    TEST_IMM(srai, 0xffffffffffffffff, 0x8000000000000000, 63)
    TEST_IMM(srai, 0xffffffff80000000, 0x8000000000000000, 32)
    TEST_IMM(srai, 0x0000000040000000, 0x0000000080000000, 1)
    TEST_IMM(srai, 0x123456789abcdef0, 0x123456789abcdef0, 0)

    /* W forms: operate on the low 32 bits, sign-extend the 32-bit result */
    TEST_RR(addw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_RR(addw, 0, 0xffffffff, 1)
    TEST_RR(addw, 0x000000007fffffff, 0x80000000, -1)
    TEST_RR(addw, 3, 0x1234567800000001, 0xabcdef0000000002)
    TEST_RR(subw, 0xffffffffffffffff, 0, 1)
    TEST_RR(subw, 0x7fffffff, 0x80000000, 1)
    TEST_RR(subw, 0xffffffff80000000, 0x7fffffff, -1)
    TEST_RR(subw, 0, 0xffffffff00000005, 0x0000000100000005)
    TEST_RR(sllw, 0xffffffff80000000, 1, 31)
    TEST_RR(sllw, 1, 1, 32)
    TEST_RR(sllw, 0x23456780, 0x12345678, 4)
    TEST_RR(sllw, 0xfffffffff0000000, 0x0f000000, 4)
    TEST_RR(sllw, 2, 0xffffffff00000001, 1)
    TEST_RR(srlw, 1, 0x80000000, 31)
    TEST_RR(srlw, 0xffffffff80000000, 0x80000000, 0)
    TEST_RR(srlw, 0x7fffffff, -1, 1)
    TEST_RR(srlw, 0xffffffff80000000, 0x80000000, 32)
    TEST_RR(srlw, 0x00ffffff, 0x12345678ffffffff, 8)
    TEST_RR(sraw, 0xffffffffffffffff, 0x80000000, 31)
    TEST_RR(sraw, 0xfffffffff8000000, 0x80000000, 4)
    TEST_RR(sraw, 0x07ffffff, 0x7fffffff, 4)
    TEST_RR(sraw, 0xffffffff80000000, 0x0000000180000000, 0)
    TEST_RR(sraw, 0xffffffffffffffff, 0x80000000, 63)
    TEST_IMM(addiw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_IMM(addiw, 0x7fffffff, 0x80000000, -1)
    TEST_IMM(addiw, 0, 0xffffffff, 1)
    TEST_IMM(addiw, 0xfffffffffffff800, 0, -2048)
    TEST_IMM(addiw, 0x12345678, 0xabcdef0012345678, 0)
    TEST_IMM(slliw, 0xffffffff80000000, 1, 31)
    TEST_IMM(slliw, 0x23456780, 0x12345678, 4)
    TEST_IMM(slliw, 0xfffffffffffffffe, 0xffffffff, 1)
    TEST_IMM(srliw, 1, 0x80000000, 31)
    TEST_IMM(srliw, 0xffffffff80000000, 0x80000000, 0)
    TEST_IMM(srliw, 0x0fffffff, -1, 4)
    TEST_IMM(sraiw, 0xffffffffffffffff, 0x80000000, 31)
    TEST_IMM(sraiw, 0xfffffffff8000000, 0x80000000, 4)
    TEST_IMM(sraiw, 0x07ffffff, 0x7fffffff, 4)
    TEST_IMM(sraiw, 0x1234, 0xffffffff12340000, 16)

    /* lui / auipc */
    CASE; lui a0, 0x12345; CHECK(a0, 0x12345000)
    CASE; lui a0, 0x80000; CHECK(a0, 0xffffffff80000000)
    CASE; lui a0, 0xfffff; CHECK(a0, 0xfffffffffffff000)
    CASE; lui a0, 0x7ffff; CHECK(a0, 0x7ffff000)
    CASE; lui a0, 0; CHECK(a0, 0)
    CASE; 1: auipc a0, 0; la a1, 1b; CHECK_REG(a0, a1)
    CASE; 1: auipc a0, 1; la a1, 1b; li t0, 0x1000; add a1, a1, t0; CHECK_REG(a0, a1)
    CASE; 1: auipc a0, 0x80000; la a1, 1b; li t0, 0xffffffff80000000; add a1, a1, t0; CHECK_REG(a0, a1)
    CASE; 1: auipc a0, 0xfffff; la a1, 1b; li t0, -0x1000; add a1, a1, t0; CHECK_REG(a0, a1)

    /* x0 reads as zero and ignores writes */
    CASE; li a1, 5; add x0, a1, a1; CHECK(x0, 0)
    CASE; li a1, 5; add a0, x0, a1; CHECK(a0, 5)
    CASE; li a1, 5; sub a0, x0, a1; CHECK(a0, -5)
    CASE; addi a0, x0, -1; CHECK(a0, -1)
    CASE; li a1, 7; addi x0, a1, 1; CHECK(x0, 0)

    /* HINTs (rd = x0) execute as no-ops without trapping */
    CASE; NO_TRAP(lui x0, 0x12345; auipc x0, 1; addi x0, x0, 5; slti x0, x0, 1; sltiu x0, x0, 1; \
        xori x0, x0, 1; ori x0, x0, 1; andi x0, x0, 1; slli x0, x0, 3; srli x0, x0, 3; srai x0, x0, 3; \
        add x0, x0, x1; sub x0, x0, x1; sll x0, x0, x1; slt x0, x0, x1; sltu x0, x0, x1; xor x0, x0, x1; \
        srl x0, x0, x1; sra x0, x0, x1; or x0, x0, x1; and x0, x0, x1; addiw x0, x0, 1; slliw x0, x0, 1; \
        srliw x0, x0, 1; sraiw x0, x0, 1; addw x0, x0, x1; subw x0, x0, x1; sllw x0, x0, x1; srlw x0, x0, x1; \
        sraw x0, x0, x1); CHECK(x0, 0)

    /* reserved encodings of the shift and register-register groups */
    ILLEGAL32(0x04059513)   /* slli a0, a1 with imm[11:6] = 000001 */
    ILLEGAL32(0x40059513)   /* slli with imm[11:6] = 010000 */
    ILLEGAL32(0x0405d513)   /* srli with imm[11:6] = 000001 */
    ILLEGAL32(0x2005d513)   /* srli with imm[11:6] = 001000 */
    ILLEGAL32(0x0205951b)   /* slliw with shamt[5] = 1 */
    ILLEGAL32(0x0205d51b)   /* srliw with shamt[5] = 1 */
    ILLEGAL32(0x4205d51b)   /* sraiw with shamt[5] = 1 */
    ILLEGAL32(0x04c58533)   /* add with funct7 = 0000010 */
    ILLEGAL32(0x80c58533)   /* add with funct7 = 1000000 */
    ILLEGAL32(0x40c59533)   /* sll with funct7 = 0100000 */
    ILLEGAL32(0x40c5a533)   /* slt with funct7 = 0100000 */
    ILLEGAL32(0xfec5c533)   /* xor with funct7 = 1111111 */
    ILLEGAL32(0x40c5953b)   /* sllw with funct7 = 0100000 */
    ILLEGAL32(0x02c5953b)   /* OP-32 funct3 001 with funct7 = 0000001 */
    ILLEGAL32(0x00c5a53b)   /* OP-32 funct3 010 */
    ILLEGAL32(0x0005a51b)   /* OP-IMM-32 funct3 010 */
    ILLEGAL32(0x0005c51b)   /* OP-IMM-32 funct3 100 */
    ILLEGAL32(0x04c5853b)   /* addw with funct7 = 0000010 */
    CASE; TRAP_ILLEGAL(0x04c50033, .word 0x04c50033)  /* reserved funct7 traps even with rd = x0 */

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

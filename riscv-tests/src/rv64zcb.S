/*
 * rv64zcb: the Zcb compressed instructions (c.lbu c.lhu c.lh c.sb c.sh
 * c.zext.b c.sext.b c.zext.h c.sext.h c.zext.w c.not c.mul), their
 * misaligned and faulting accesses, and the reserved encodings left in
 * their space. The Debian assembler predates Zcb, so the instructions are
 * emitted by the C_* macros of rivet_test.h (encodings from the Zcb spec).
 */
#include "rivet_test.h"

RVT_CODE_BEGIN
    .option rvc

    /* c.lbu: uimm 0..3, zero-extended */
    CASE; la a1, zdata; C_LBU(a0, 0, a1); CHECK(a0, 0x81)
    CASE; la a1, zdata; C_LBU(a0, 1, a1); CHECK(a0, 0x92)
    CASE; la a1, zdata; C_LBU(a2, 2, a1); CHECK(a2, 0xa3)
    CASE; la s0, zdata; C_LBU(s1, 3, s0); CHECK(s1, 0x04)
    CASE; la a5, zdata + 4; C_LBU(a5, 3, a5); CHECK(a5, 0xf8)
    /* c.lhu / c.lh: uimm 0 or 2 */
    CASE; la a1, zdata; C_LHU(a0, 0, a1); CHECK(a0, 0x9281)
    CASE; la a1, zdata; C_LHU(a0, 2, a1); CHECK(a0, 0x04a3)
    CASE; la a1, zdata; C_LH(a0, 0, a1); CHECK(a0, 0xffffffffffff9281)
    CASE; la a1, zdata; C_LH(a3, 2, a1); CHECK(a3, 0x04a3)
    CASE; la a4, zdata + 4; C_LH(s0, 2, a4); CHECK(s0, 0xfffffffffffff877)
    /* c.sb / c.sh write only their bytes */
    CASE; la a1, zbuf; li a2, -1; sd a2, 0(a1); li a3, 0x1234; C_SB(a3, 0, a1); ld a0, 0(a1); CHECK(a0, 0xffffffffffffff34)
    CASE; la a1, zbuf; li a2, -1; sd a2, 0(a1); li a3, 0x56; C_SB(a3, 3, a1); ld a0, 0(a1); CHECK(a0, 0xffffffff56ffffff)
    CASE; la a1, zbuf; li a2, -1; sd a2, 0(a1); li a3, 0; C_SB(a3, 1, a1); C_SB(a3, 2, a1); ld a0, 0(a1); CHECK(a0, 0xffffffffff0000ff)
    CASE; la a1, zbuf; li a2, -1; sd a2, 0(a1); li a3, 0xabcd; C_SH(a3, 0, a1); ld a0, 0(a1); CHECK(a0, 0xffffffffffffabcd)
    CASE; la a1, zbuf; li a2, -1; sd a2, 0(a1); li a3, 0x12345678; C_SH(a3, 2, a1); ld a0, 0(a1); CHECK(a0, 0xffffffff5678ffff)
    CASE; la s1, zbuf + 4; li a2, 0; sd a2, -4(s1); li a5, 0x8001; C_SH(a5, 2, s1); ld a0, -4(s1); CHECK(a0, 0x8001000000000000)

    /* unary operations on rd' */
    CASE; li a0, 0x123456789abcdef0; C_ZEXT_B(a0); CHECK(a0, 0xf0)
    CASE; li a0, 0x80; C_SEXT_B(a0); CHECK(a0, 0xffffffffffffff80)
    CASE; li a0, 0xffffffffffffff7f; C_SEXT_B(a0); CHECK(a0, 0x7f)
    CASE; li s1, 0x123456789abcdef0; C_ZEXT_H(s1); CHECK(s1, 0xdef0)
    CASE; li s1, 0x8000; C_SEXT_H(s1); CHECK(s1, 0xffffffffffff8000)
    CASE; li s1, 0xffffffffffff7fff; C_SEXT_H(s1); CHECK(s1, 0x7fff)
    CASE; li a5, 0xffffffff80000000; C_ZEXT_W(a5); CHECK(a5, 0x80000000)
    CASE; li a5, 0x123456789; C_ZEXT_W(a5); CHECK(a5, 0x23456789)
    CASE; li a2, 0; C_NOT(a2); CHECK(a2, 0xffffffffffffffff)
    CASE; li a2, 0x5555555555555555; C_NOT(a2); CHECK(a2, 0xaaaaaaaaaaaaaaaa)
    /* c.mul: low 64 bits */
    CASE; li a0, 3; li a1, 5; C_MUL(a0, a1); CHECK(a0, 15); CHECK(a1, 5)
    CASE; li a0, -1; li a1, -1; C_MUL(a0, a1); CHECK(a0, 1)
    CASE; li a0, 0x100000000; li a1, 0x100000000; C_MUL(a0, a1); CHECK(a0, 0)
    CASE; li s0, 0x8000000000000000; li s1, -1; C_MUL(s0, s1); CHECK(s0, 0x8000000000000000)
    CASE; li a4, 0xffffffff; C_MUL(a4, a4); CHECK(a4, 0xfffffffe00000001)
    CASE; li a3, 7; li a4, -3; C_MUL(a3, a4); CHECK(a3, -21)

    /* misaligned and faulting accesses trap like their 32-bit forms */
    CASE; la a1, zdata + 1; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, zdata + 1, C_LHU(a0, 0, a1))
    CASE; la a1, zdata + 1; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_LOAD, zdata + 3, C_LH(a0, 2, a1))
    CASE; la a1, zbuf + 3; TRAP_TVAL_LABEL(CAUSE_MISALIGNED_STORE, zbuf + 5, C_SH(a0, 2, a1))
    CASE; li a1, 0; TRAP_TVAL(CAUSE_LOAD_ACCESS, 3, C_LBU(a0, 3, a1))
    CASE; li a1, 0; TRAP_TVAL(CAUSE_STORE_ACCESS, 2, C_SB(a0, 2, a1))

    /* reserved encodings in the Zcb space */
    ILLEGAL16(0x8c40)       /* c.sh with bit 6 set */
    ILLEGAL16(0x8c60)       /* c.sh with bit 6 set, uimm[1] = 1 */
    ILLEGAL16(0x9c79)       /* quadrant 1, 100111 ... 11 110 */
    ILLEGAL16(0x9c7d)       /* quadrant 1, 100111 ... 11 111 */
    ILLEGAL16(0x9d7d)       /* the same with rs1' = a0 */

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
    .balign 16
zdata:
    .byte 0x81, 0x92, 0xa3, 0x04, 0x55, 0x66, 0x77, 0xf8
zbuf:
    .dword 0, 0
RVT_DATA_END

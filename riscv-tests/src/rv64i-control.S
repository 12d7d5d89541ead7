/*
 * rv64i-control: JAL, JALR and the conditional branches: taken and not
 * taken, forward and backward, far targets, link registers, JALR clearing
 * bit 0 of the target, and targets that are only 2-byte aligned (legal
 * because C is implemented: no instruction-address-misaligned trap).
 */
#include "rivet_test.h"

/* branch taken: falls through to rvt_fail otherwise */
#define TEST_BR_TAKEN(br, v1, v2) CASE; li a1, v1; li a2, v2; br a1, a2, 1f; j rvt_fail; 1: CHECK(a1, v1); CHECK(a2, v2)
/* branch not taken */
#define TEST_BR_NOT(br, v1, v2) CASE; li a1, v1; li a2, v2; br a1, a2, 1f; j 2f; 1: j rvt_fail; 2:

RVT_CODE_BEGIN

    TEST_BR_TAKEN(beq, 0, 0)
    TEST_BR_TAKEN(beq, -1, -1)
    TEST_BR_TAKEN(beq, 0x8000000000000000, 0x8000000000000000)
    TEST_BR_NOT(beq, 0, 1)
    TEST_BR_NOT(beq, 0x100000000, 0)
    TEST_BR_NOT(beq, -1, 0x7fffffffffffffff)
    TEST_BR_TAKEN(bne, 0, 1)
    TEST_BR_TAKEN(bne, 0x100000000, 0)
    TEST_BR_NOT(bne, 5, 5)
    TEST_BR_NOT(bne, -1, -1)
    TEST_BR_TAKEN(blt, -1, 0)
    TEST_BR_TAKEN(blt, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_BR_TAKEN(blt, 0xffffffff7fffffff, 0xffffffff80000000)
    TEST_BR_NOT(blt, 0, -1)
    TEST_BR_NOT(blt, 7, 7)
    TEST_BR_NOT(blt, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_BR_TAKEN(bge, 0, -1)
    TEST_BR_TAKEN(bge, 7, 7)
    TEST_BR_TAKEN(bge, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_BR_NOT(bge, -1, 0)
    TEST_BR_NOT(bge, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_BR_TAKEN(bltu, 0, -1)
    TEST_BR_TAKEN(bltu, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_BR_TAKEN(bltu, 0xffffffff, 0x100000000)
    TEST_BR_NOT(bltu, -1, 0)
    TEST_BR_NOT(bltu, 3, 3)
    TEST_BR_TAKEN(bgeu, -1, 0)
    TEST_BR_TAKEN(bgeu, 3, 3)
    TEST_BR_TAKEN(bgeu, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_BR_NOT(bgeu, 0, -1)
    TEST_BR_NOT(bgeu, 0xffffffff, 0x100000000)
    /* same register on both sides */
    CASE; li a1, 9; beq a1, a1, 1f; j rvt_fail; 1:
    CASE; li a1, 9; bne a1, a1, 1f; j 2f; 1: j rvt_fail; 2:
    CASE; li a1, -9; bge a1, a1, 1f; j rvt_fail; 1:
    CASE; beq zero, zero, 1f; j rvt_fail; 1:

    /* backward branch: a counted loop */
    CASE; li a0, 0; li a1, 10; 1: addi a0, a0, 1; blt a0, a1, 1b; CHECK(a0, 10)
    CASE; li a0, 5; li a1, 0; 1: addi a1, a1, 3; addi a0, a0, -1; bnez a0, 1b; CHECK(a1, 15)

    /* conditional branches with offsets near the +-4 KiB limit */
    CASE; li a1, 1; bnez a1, 1f; j rvt_fail; .skip 4084; 1:
    CASE; j 2f; 1: j 3f; .skip 4088; 2: beqz zero, 1b; j rvt_fail; 3:

    /* jal: link = address of the next instruction */
    CASE; jal ra, 1f; 2: j rvt_fail; 1: la a0, 2b; CHECK_REG(ra, a0)
    CASE; jal a5, 1f; 2: j rvt_fail; 1: la a0, 2b; CHECK_REG(a5, a0)
    CASE; li ra, 0x1234; jal x0, 1f; j rvt_fail; 1: CHECK(ra, 0x1234)
    /* jal backward */
    CASE; li a0, 0; j 3f; 1: addi a0, a0, 1; j 4f; 3: jal ra, 1b; 4: CHECK(a0, 1)
    /* jal far forward and back (beyond the branch range) */
    CASE; jal ra, far_jal_target; 2: la a0, 2b; CHECK_REG(a2, a0); CHECK(a3, 0x77)

    /* jalr */
    CASE; la t0, 1f; jalr ra, 0(t0); 2: j rvt_fail; 1: la a0, 2b; CHECK_REG(ra, a0)
    CASE; la t0, 1f + 8; jalr ra, -8(t0); j rvt_fail; 1:
    CASE; la t0, 1f - 12; jalr ra, 12(t0); j rvt_fail; 1:
    /* bit 0 of the target is cleared */
    CASE; la t0, 1f; addi t0, t0, 1; jalr ra, 0(t0); j rvt_fail; 1:
    CASE; la t0, 1f; jalr ra, 1(t0); j rvt_fail; 1:
    /* rd == rs1: the target uses the old value */
    CASE; la ra, 1f; jalr ra, 0(ra); 2: j rvt_fail; 1: la a0, 2b; CHECK_REG(ra, a0)
    /* rd = x0 */
    CASE; li a0, 0; la t0, 1f; jalr x0, 0(t0); li a0, 1; 1: CHECK(a0, 0)
    /* call / ret through a subroutine */
    CASE; li a0, 3; call double_it; CHECK(a0, 6)

    /* 2-byte aligned targets are legal: no misaligned-fetch trap */
    CASE; NO_TRAP(la t0, odd_target; jalr ra, 0(t0)); CHECK(a0, 0x42)
    CASE; NO_TRAP(jal ra, odd_target); CHECK(a0, 0x42)
    CASE; li a1, 1; NO_TRAP(bnez a1, odd_target_b); j rvt_fail
odd_target_b_back:
    CHECK(a0, 0x43)

RVT_PASS

    /* a subroutine */
double_it:
    add a0, a0, a0
    ret

    /* 4-byte instructions at addresses that are 2 mod 4 */
    .balign 4
    .hword 0x0001           /* c.nop, never executed: shifts the next label */
odd_target:
    li a0, 0x42
    ret
    .balign 4
    .hword 0x0001
odd_target_b:
    li a0, 0x43
    j odd_target_b_back

    .skip 8192
far_jal_target:
    mv a2, ra
    li a3, 0x77
    jalr x0, 0(ra)

RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

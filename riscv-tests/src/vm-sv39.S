/*
 * vm-sv39: Sv39 translation. Page walks through 4 KiB, 2 MiB and 1 GiB
 * pages; A and D set by the walker and written back to the PTE (A on any
 * access, D on writes and AMOs); page faults for V = 0, reserved W-without-R
 * combinations, a non-leaf PTE at the last level, reserved bits 63..54
 * (including PBMT and N), misaligned superpages, non-canonical addresses
 * and a page table outside memory; the U bit against SUM (data) and against
 * S-mode fetches; MXR; read-only pages; a leaf pointing outside memory (an
 * access fault, not a page fault); MPRV data accesses from M; fetch page
 * faults, including a 4-byte instruction whose second half lies on an
 * unmapped page (mepc = its address, mtval = the second page); and satp
 * writes of unsupported modes (Sv57) leaving translation as it was.
 */
#include "rivet_test.h"

#define VA(n) (0x40000000 + (n) * 0x1000)
#define ALIAS_OFF 0x40000000               /* root[3] maps VA 0xc0000000 to PA 0x80000000 with U */
#define MARK(k) (0x5a5a0000 + (k))
#define RWXAD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
/* loads VA(n) in S-mode into a0 */
#define S_LOAD(n) GO_S; li a1, VA(n); ld a0, 0(a1); GO_M
/* expects a page fault (or other cause) on the given access from S */
#define S_FAULT(cause, n, ...) li a1, VA(n); GO_S; TRAP_TVAL(cause, VA(n), __VA_ARGS__); CHECK_TRAP_FROM(PRV_S)
/* enters U at the alias of label */
#define GO_U_ALIAS(label) li t6, MSTATUS_MPP; csrc mstatus, t6; la t6, label; li t5, ALIAS_OFF; add t6, t6, t5; csrw mepc, t6; mret
#define CHECK_PTE_AD(table, index, val) PTE_LOAD(a0, table, index); andi a0, a0, PTE_A | PTE_D; CHECK(a0, val)

RVT_CODE_BEGIN

    /* page contents: a marker at offset 0, `ret` at offset 8 of the code-bearing pages */
    li s0, 0
    la s1, pg_data0
    li s2, 8
1:  li a0, 0x5a5a0000; add a0, a0, s0; sd a0, 0(s1); li a0, 0x00008067; sw a0, 8(s1)
    li a0, 4096; add s1, s1, a0; addi s0, s0, 1; blt s0, s2, 1b

    /* straddling code: pg_code1 ends with c.addi a0, 1 and the first half of addi a0, a0, 1;
       pg_code0 starts with its second half, then ret. pg_code2 ends with c.addi a0, 1. */
    la t0, pg_code1 + 0xffc; li t1, 0x0505; sh t1, 0(t0); li t1, 0x0513; sh t1, 2(t0)
    la t0, pg_code0; li t1, 0x0015; sh t1, 0(t0); li t1, 0x8067; sh t1, 2(t0); sh zero, 4(t0)
    la t0, pg_code2 + 0xffe; li t1, 0x0505; sh t1, 0(t0)
    fence.i

    /* root: 0x80000000 identity (S), 0x40000000 -> pt_l1, 0xc0000000 alias with U,
       0x100000000 misaligned gigapage, 0x140000000 table outside memory,
       0x180000000 pointer with a reserved bit, top gigapage -> 0x80000000 */
    PTE_PA(pt_root, 2, 0x80000000, RWXAD)
    PTE_TO(pt_root, 1, pt_l1, PTE_V)
    PTE_PA(pt_root, 3, 0x80000000, RWXAD | PTE_U)
    PTE_PA(pt_root, 4, 0x80200000, RWXAD)
    PTE_PA(pt_root, 5, 0x3000000, PTE_V)
    PTE_TO(pt_root, 6, pt_l1, PTE_V | (1 << 54))
    PTE_PA(pt_root, 511, 0x80000000, RWXAD)
    /* level 1: 0x40000000 -> pt_l0, 0x40200000 megapage -> 0x80000000, 0x40400000 misaligned
       megapage, 0x40600000 megapage with A = D = 0 */
    PTE_TO(pt_l1, 0, pt_l0, PTE_V)
    PTE_PA(pt_l1, 1, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    PTE_PA(pt_l1, 2, 0x80001000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    PTE_PA(pt_l1, 3, 0x80000000, PTE_V | PTE_R | PTE_W)
    /* level 0 */
    PTE_TO(pt_l0, 0, pg_data0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    PTE_TO(pt_l0, 1, pg_data1, PTE_V | PTE_R | PTE_W)
    PTE_TO(pt_l0, 2, pg_data2, PTE_V)                       /* pointer at the last level */
    PTE_RAW(pt_l0, 3, 0)                                    /* invalid */
    PTE_TO(pt_l0, 4, pg_data3, PTE_V | PTE_W | PTE_A | PTE_D)   /* W without R: reserved */
    PTE_TO(pt_l0, 5, pg_data3, PTE_V | PTE_W | PTE_X | PTE_A | PTE_D)
    PTE_TO(pt_l0, 6, pg_data4, PTE_V | PTE_X | PTE_A)       /* execute-only */
    PTE_TO(pt_l0, 7, pg_data5, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)  /* user */
    PTE_TO(pt_l0, 8, pg_data6, PTE_V | PTE_R | PTE_A)       /* read-only */
    PTE_TO(pt_l0, 9, pg_data0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | (1 << 54))
    PTE_TO(pt_l0, 10, pg_data0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | (1 << 61))
    PTE_TO(pt_l0, 11, pg_data0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | (1 << 63))
    PTE_TO(pt_l0, 12, pg_data0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | (1 << 60))
    PTE_PA(pt_l0, 13, 0x3000000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)   /* leaf outside memory */
    PTE_PA(pt_l0, 25, 0x3000000, PTE_V | PTE_R | PTE_X | PTE_A)           /* executable leaf outside memory */
    PTE_TO(pt_l0, 14, pg_data4, PTE_V | PTE_X | PTE_U | PTE_A)         /* user execute-only */
    PTE_TO(pt_l0, 16, pg_code1, PTE_V | PTE_R | PTE_X | PTE_A)
    PTE_TO(pt_l0, 17, pg_code0, PTE_V | PTE_R | PTE_X | PTE_A)
    PTE_TO(pt_l0, 18, pg_code1, PTE_V | PTE_R | PTE_X | PTE_A)
    PTE_RAW(pt_l0, 19, 0)
    PTE_TO(pt_l0, 20, pg_code2, PTE_V | PTE_R | PTE_X | PTE_A)
    PTE_RAW(pt_l0, 21, 0)
    PTE_TO(pt_l0, 22, pg_data4, PTE_V | PTE_R | PTE_X)      /* code page with A = 0 */
    PTE_TO(pt_l0, 23, pg_data7, PTE_V | PTE_R | PTE_W | PTE_A)   /* D = 0 */
    PTE_TO(pt_l0, 24, pg_data7, PTE_V | PTE_R | PTE_W | PTE_A)   /* D = 0, for an AMO */
    SATP_SET(SATP_MODE_SV39, pt_root)

    /* M-mode ignores satp */
    CASE; la a1, pg_data0; ld a0, 0(a1); CHECK(a0, MARK(0))

    /* basic 4 KiB pages */
    CASE; S_LOAD(0); CHECK(a0, MARK(0))
    CASE; GO_S; li a1, VA(0); li a2, 0x1234; sd a2, 16(a1); GO_M; la a1, pg_data0; ld a0, 16(a1); CHECK(a0, 0x1234)
    CASE; GO_S; li a1, VA(0) + 0xff8; li a2, -1; sd a2, 0(a1); ld a0, 0(a1); GO_M; CHECK(a0, -1); la a1, pg_data0 + 0xff8; ld a0, 0(a1); CHECK(a0, -1)
    CASE; S_LOAD(8); CHECK(a0, MARK(6))      /* read-only page reads */

    /* A and D are set in the PTE in memory */
    CASE; CHECK_PTE_AD(pt_l0, 1, 0); GO_S; li a1, VA(1); lw a0, 4(a1); GO_M; CHECK_PTE_AD(pt_l0, 1, PTE_A)
    CASE; GO_S; li a1, VA(1); sb zero, 9(a1); GO_M; CHECK_PTE_AD(pt_l0, 1, PTE_A | PTE_D)
    CASE; CHECK_PTE_AD(pt_l0, 23, PTE_A); GO_S; li a1, VA(23); sw zero, 12(a1); GO_M; CHECK_PTE_AD(pt_l0, 23, PTE_A | PTE_D)
    CASE; GO_S; li a1, VA(24); li a2, 1; amoadd.d a0, a2, 0(a1); GO_M; CHECK_PTE_AD(pt_l0, 24, PTE_A | PTE_D)
    CASE; CHECK_PTE_AD(pt_l0, 22, 0); GO_S; li t0, VA(22) + 8; jalr ra, 0(t0); GO_M; CHECK_PTE_AD(pt_l0, 22, PTE_A)
    /* the rest of the PTE is untouched */
    CASE; PTE_LOAD(a0, pt_l0, 1); la a1, pg_data1; srli a1, a1, 12; slli a1, a1, 10; ori a1, a1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D; CHECK_REG(a0, a1)
    /* A/D of a megapage are set in the level-1 PTE */
    CASE; CHECK_PTE_AD(pt_l1, 3, 0); GO_S; li a1, 0x40600000; la a2, pg_data0; li a3, 0x80000000; sub a2, a2, a3; add a1, a1, a2; ld a0, 0(a1); GO_M; \
        CHECK(a0, MARK(0)); CHECK_PTE_AD(pt_l1, 3, PTE_A)
    CASE; GO_S; li a1, 0x40600000; la a2, pg_data0; li a3, 0x80000000; sub a2, a2, a3; add a1, a1, a2; sd zero, 24(a1); GO_M; CHECK_PTE_AD(pt_l1, 3, PTE_A | PTE_D)

    /* page faults */
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 3, ld a0, 0(a1))
    CASE; S_FAULT(CAUSE_STORE_PAGE_FAULT, 3, sd a0, 0(a1))
#ifndef RVT_QEMU /* QEMU: reports a page fault of an AMO as a load page fault */
    CASE; S_FAULT(CAUSE_STORE_PAGE_FAULT, 3, amoswap.d a0, a0, 0(a1))
#endif
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 3, lr.d a0, 0(a1))
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 2, ld a0, 0(a1))       /* pointer at level 0 */
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 4, ld a0, 0(a1))       /* W, no R */
    CASE; S_FAULT(CAUSE_STORE_PAGE_FAULT, 4, sd a0, 0(a1))
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 5, ld a0, 0(a1))       /* W X, no R */
    CASE; S_FAULT(CAUSE_STORE_PAGE_FAULT, 8, sd a0, 0(a1))      /* read-only */
    CASE; S_FAULT(CAUSE_STORE_PAGE_FAULT, 8, amoadd.w a0, a0, 0(a1))
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 9, ld a0, 0(a1))       /* reserved bit 54 */
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 10, ld a0, 0(a1))      /* PBMT bit 61 */
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 11, ld a0, 0(a1))      /* N bit 63 */
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 12, ld a0, 0(a1))      /* reserved bit 60 */
    CASE; S_FAULT(CAUSE_STORE_PAGE_FAULT, 12, sd a0, 0(a1))
    /* the offset within the page is reported */
    CASE; li a1, VA(3) + 0x7f8; GO_S; TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, VA(3) + 0x7f8, ld a0, 0(a1))
    /* misalignment is checked before translation */
#ifndef RVT_QEMU /* QEMU: performs misaligned loads (then faults on the page) */
    CASE; li a1, VA(3) + 4; GO_S; TRAP_TVAL(CAUSE_MISALIGNED_LOAD, VA(3) + 4, ld a0, 0(a1))
#endif
    /* a leaf that points outside memory: access fault */
    CASE; S_FAULT(CAUSE_LOAD_ACCESS, 13, ld a0, 0(a1))
    CASE; S_FAULT(CAUSE_STORE_ACCESS, 13, sd a0, 0(a1))
    /* superpages */
    CASE; GO_S; li a1, 0x40200000; la a2, pg_data0; li a3, 0x80000000; sub a2, a2, a3; add a1, a1, a2; ld a0, 0(a1); GO_M; CHECK(a0, MARK(0))
    CASE; li a1, 0x40400000; GO_S; TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, 0x40400000, ld a0, 0(a1))       /* misaligned megapage */
    CASE; li a1, 0x100000000; GO_S; TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, 0x100000000, ld a0, 0(a1))     /* misaligned gigapage */
    CASE; li a1, 0x100000000; GO_S; TRAP_TVAL(CAUSE_STORE_PAGE_FAULT, 0x100000000, sd a0, 0(a1))
    CASE; li a1, 0x140000000; GO_S; TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, 0x140000000, ld a0, 0(a1))     /* table outside memory */
    CASE; li a1, 0x180000000; GO_S; TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, 0x180000000, ld a0, 0(a1))     /* pointer with bit 54 */
    /* canonical addresses: bits 63..39 copy bit 38 */
    CASE; GO_S; li a1, 0xffffffffc0000000; la a2, pg_data0; li a3, 0x80000000; sub a2, a2, a3; add a1, a1, a2; ld a0, 0(a1); GO_M; CHECK(a0, MARK(0))
    CASE; li a1, 0x0000008000000000; GO_S; TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, 0x0000008000000000, ld a0, 0(a1))
    CASE; li a1, 0x0000004000000000; GO_S; TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, 0x0000004000000000, ld a0, 0(a1))
    CASE; li a1, 0xffffffbfc0000000; GO_S; TRAP_TVAL(CAUSE_STORE_PAGE_FAULT, 0xffffffbfc0000000, sd a0, 0(a1))
    CASE; li a1, 0x8000000080000000; GO_S; TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, 0x8000000080000000, ld a0, 0(a1))

    /* U pages from S: data only with SUM, never fetch */
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 7, ld a0, 0(a1))
    CASE; S_FAULT(CAUSE_STORE_PAGE_FAULT, 7, sd a0, 0(a1))
    CASE; li a0, MSTATUS_SUM; csrs mstatus, a0; S_LOAD(7); CHECK(a0, MARK(5))
    CASE; GO_S; li a1, VA(7); li a2, 0x77; sd a2, 32(a1); ld a0, 32(a1); GO_M; CHECK(a0, 0x77)
    CASE; li a1, VA(7) + 8; GO_S; TRAP_FETCH(CAUSE_FETCH_PAGE_FAULT, VA(7) + 8, VA(7) + 8, jalr ra, 0(a1))
    CASE; li a0, MSTATUS_SUM; csrc mstatus, a0
    /* SUM set from S itself */
    CASE; GO_S; li a0, MSTATUS_SUM; csrs sstatus, a0; li a1, VA(7); ld a0, 0(a1); li a2, MSTATUS_SUM; csrc sstatus, a2; GO_M; CHECK(a0, MARK(5))
    /* MXR: execute-only pages become readable */
    CASE; S_FAULT(CAUSE_LOAD_PAGE_FAULT, 6, ld a0, 0(a1))
    CASE; li a0, MSTATUS_MXR; csrs mstatus, a0; S_LOAD(6); CHECK(a0, MARK(4))
    CASE; S_FAULT(CAUSE_STORE_PAGE_FAULT, 6, sd a0, 0(a1))      /* MXR does not grant writes */
    CASE; li a0, MSTATUS_MXR; csrc mstatus, a0
    /* execute-only pages execute */
    CASE; GO_S; li t0, VA(6) + 8; jalr ra, 0(t0); GO_M

    /* U-mode, running at the user alias of this program */
    CASE; TRAP_RESUME_AT(1f); GO_U_ALIAS(2f); 2: li a1, VA(7); ld a0, 0(a1); ecall; 1: CHECK_TRAP_CAUSE(CAUSE_USER_ECALL); CHECK(a0, MARK(5))
    CASE; TRAP_RESUME_AT(1f); GO_U_ALIAS(2f); 2: li a1, VA(0); ld a0, 0(a1); ecall; 1: CHECK_TRAP_CAUSE(CAUSE_LOAD_PAGE_FAULT); CHECK_TRAP_TVAL(VA(0)); CHECK_TRAP_FROM(PRV_U)
    CASE; TRAP_RESUME_AT(1f); GO_U_ALIAS(2f); 2: li a1, VA(0); sd a0, 0(a1); ecall; 1: CHECK_TRAP_CAUSE(CAUSE_STORE_PAGE_FAULT); CHECK_TRAP_TVAL(VA(0))
    /* SUM does not matter to U */
    CASE; li a0, MSTATUS_SUM; csrs mstatus, a0; TRAP_RESUME_AT(1f); GO_U_ALIAS(2f); 2: li a1, VA(0); ld a0, 0(a1); ecall; 1: CHECK_TRAP_CAUSE(CAUSE_LOAD_PAGE_FAULT); \
        li a0, MSTATUS_SUM; csrc mstatus, a0
    /* U fetching from an S page (the identity map) */
    CASE; TRAP_RESUME_AT(1f); GO_U; TRAP_NONE; j rvt_fail; 1: CHECK_TRAP_CAUSE(CAUSE_FETCH_PAGE_FAULT); CHECK_TRAP_FROM(PRV_U); CHECK_TRAP_EPC(96b); CHECK_ENV_LABEL(RVT_TVAL, 96b)
    /* U execute-only page: loads need MXR */
    CASE; TRAP_RESUME_AT(1f); GO_U_ALIAS(2f); 2: li a1, VA(14); ld a0, 0(a1); ecall; 1: CHECK_TRAP_CAUSE(CAUSE_LOAD_PAGE_FAULT); CHECK_TRAP_TVAL(VA(14))
    CASE; li a0, MSTATUS_MXR; csrs mstatus, a0; TRAP_RESUME_AT(1f); GO_U_ALIAS(2f); 2: li a1, VA(14); ld a0, 0(a1); ecall; 1: CHECK_TRAP_CAUSE(CAUSE_USER_ECALL); \
        CHECK(a0, MARK(4)); li a0, MSTATUS_MXR; csrc mstatus, a0
    CASE; TRAP_RESUME_AT(1f); GO_U_ALIAS(2f); 2: li t0, VA(14) + 8; jalr ra, 0(t0); ecall; 1: CHECK_TRAP_CAUSE(CAUSE_USER_ECALL)

    /* MPRV: M-mode data accesses translated with the privilege in MPP */
    CASE; li a0, MSTATUS_MPP; csrc mstatus, a0; li a0, MSTATUS_MPP_S | MSTATUS_MPRV; csrs mstatus, a0; li a1, VA(0); ld a0, 0(a1); li a2, MSTATUS_MPRV; csrc mstatus, a2; CHECK(a0, MARK(0))
    CASE; li a0, MSTATUS_MPP_S | MSTATUS_MPRV; csrs mstatus, a0; li a1, VA(0); li a2, 0xabc; sd a2, 40(a1); li a2, MSTATUS_MPRV; csrc mstatus, a2; \
        la a1, pg_data0; ld a0, 40(a1); CHECK(a0, 0xabc)
    CASE; li a0, MSTATUS_MPP_S | MSTATUS_MPRV; csrs mstatus, a0; li a1, VA(3); TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, VA(3), ld a0, 0(a1)); CHECK_TRAP_FROM(PRV_M); \
        li a2, MSTATUS_MPRV; csrc mstatus, a2
    /* with MPP = U */
    CASE; li a0, MSTATUS_MPP; csrc mstatus, a0; li a0, MSTATUS_MPRV; csrs mstatus, a0; li a1, VA(7); ld a0, 0(a1); li a2, MSTATUS_MPRV; csrc mstatus, a2; CHECK(a0, MARK(5))
    /* (the expected trap is armed before MPRV is set: with MPP = U the environment block is out of reach) */
    CASE; li a1, VA(0); TRAP_RESUME_AT(1f); li a0, MSTATUS_MPP; csrc mstatus, a0; li a0, MSTATUS_MPRV; csrs mstatus, a0; 2: ld a0, 0(a1); \
        li a2, MSTATUS_MPRV; csrc mstatus, a2; j rvt_fail; 1: li a2, MSTATUS_MPRV; csrc mstatus, a2; CHECK_TRAP_CAUSE(CAUSE_LOAD_PAGE_FAULT); \
        CHECK_TRAP_TVAL(VA(0)); CHECK_TRAP_EPC(2b)
    /* MPRV with MPP = S honours SUM */
    CASE; li a0, MSTATUS_MPP; csrc mstatus, a0; li a0, MSTATUS_MPP_S | MSTATUS_MPRV; csrs mstatus, a0; li a1, VA(7); TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, VA(7), ld a0, 0(a1)); \
        li a2, MSTATUS_MPRV; csrc mstatus, a2
    /* MPRV with MPP = M: no translation */
    CASE; li a0, MSTATUS_MPP | MSTATUS_MPRV; csrs mstatus, a0; la a1, pg_data0; ld a0, 0(a1); li a2, MSTATUS_MPRV; csrc mstatus, a2; CHECK(a0, MARK(0))

    /* fetch page faults: mepc = mtval = the target */
    CASE; li a1, VA(3); GO_S; TRAP_FETCH(CAUSE_FETCH_PAGE_FAULT, VA(3), VA(3), jalr ra, 0(a1)); CHECK_TRAP_FROM(PRV_S)
    CASE; li a1, VA(0) + 8; GO_S; TRAP_FETCH(CAUSE_FETCH_PAGE_FAULT, VA(0) + 8, VA(0) + 8, jalr ra, 0(a1))    /* not executable */
    CASE; li a1, VA(25); GO_S; TRAP_FETCH(CAUSE_FETCH_ACCESS, VA(25), VA(25), jalr ra, 0(a1))   /* outside memory */
    CASE; li a1, VA(13); GO_S; TRAP_FETCH(CAUSE_FETCH_PAGE_FAULT, VA(13), VA(13), jalr ra, 0(a1))  /* no X: the page fault comes first */
    /* a 4-byte instruction across two pages that are not contiguous in memory */
    CASE; li a0, 5; GO_S; li t0, VA(16) + 0xffe; jalr ra, 0(t0); GO_M; CHECK(a0, 6)
    CASE; li a0, 5; GO_S; li t0, VA(16) + 0xffc; jalr ra, 0(t0); GO_M; CHECK(a0, 7)
    /* its second half unmapped: mepc = the instruction, mtval = the second page */
    CASE; li a0, 5; li a1, VA(18) + 0xffc; GO_S; TRAP_FETCH(CAUSE_FETCH_PAGE_FAULT, VA(18) + 0xffe, VA(19), jalr ra, 0(a1)); CHECK(a0, 6)
    /* a compressed instruction ends the page; the next fetch faults */
    CASE; li a0, 5; li a1, VA(20) + 0xffe; GO_S; TRAP_FETCH(CAUSE_FETCH_PAGE_FAULT, VA(21), VA(21), jalr ra, 0(a1)); CHECK(a0, 6)

    /* satp: an unsupported mode leaves it, and translation, unchanged */
#ifndef RVT_QEMU /* QEMU: supports Sv57 */
    CASE; GO_S; csrr s0, satp; li a0, SATP_MODE_SV57; csrw satp, a0; csrr s1, satp; li a1, VA(0); ld a0, 0(a1); GO_M; CHECK_REG(s0, s1); CHECK(a0, MARK(0))
#endif
    /* a PTE changed by S through its own mapping takes effect after SFENCE.VMA */
    CASE; GO_S; la a1, pt_l0; li a2, 3 * 8; add a1, a1, a2; la a2, pg_data6; srli a2, a2, 12; slli a2, a2, 10; ori a2, a2, PTE_V | PTE_R | PTE_A; sd a2, 0(a1); \
        sfence.vma; li a1, VA(3); ld a0, 0(a1); GO_M; CHECK(a0, MARK(6)); PTE_RAW(pt_l0, 3, 0); sfence.vma
    /* back to Bare: S sees physical addresses */
    CASE; csrw satp, zero; sfence.vma; GO_S; la a1, pg_data0; ld a0, 0(a1); GO_M; CHECK(a0, MARK(0))

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

    .bss
    .balign 4096
pt_root: .skip 4096
pt_l1: .skip 4096
pt_l0: .skip 4096
pg_data0: .skip 4096
pg_data1: .skip 4096
pg_data2: .skip 4096
pg_data3: .skip 4096
pg_data4: .skip 4096
pg_data5: .skip 4096
pg_data6: .skip 4096
pg_data7: .skip 4096
pg_code0: .skip 4096
pg_code1: .skip 4096
pg_code2: .skip 4096

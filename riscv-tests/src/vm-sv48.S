/*
 * vm-sv48: Sv48 translation: four-level walks with A/D written back at the
 * last level, 512 GiB, 1 GiB and 2 MiB pages (and misaligned ones),
 * reserved bits at the top level, the 48-bit canonical rule (addresses that
 * Sv39 would reject are valid), U pages, fetches, and a satp change between
 * Sv48 and Sv39 (a mode change, which flushes the TLB).
 */
#include "rivet_test.h"

#define VB(n) (0x0000008000000000 + (n) * 0x1000)
#define MARK(k) (0x6b6b0000 + (k))
#define RWXAD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define RWAD (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define S_FAULT_AT(cause, va, ...) li a1, va; GO_S; TRAP_TVAL(cause, va, __VA_ARGS__); CHECK_TRAP_FROM(PRV_S)
/* a1 = va_base + (symbol - 0x80000000) */
#define ADDR_VIA(va_base, symbol) li a1, va_base; la a2, symbol; li a3, 0x80000000; sub a2, a2, a3; add a1, a1, a2
#define CHECK_PTE_AD(table, index, val) PTE_LOAD(a0, table, index); andi a0, a0, PTE_A | PTE_D; CHECK(a0, val)

RVT_CODE_BEGIN

    la t0, pg_data0; li t1, MARK(0); sd t1, 0(t0)
    la t0, pg_data1; li t1, MARK(1); sd t1, 0(t0)
    la t0, pg_code; li t1, 0x00008067; sw t1, 8(t0)
    fence.i

    /* level 3 (root) */
    PTE_TO(pt3, 0, pt2a, PTE_V)
    PTE_TO(pt3, 1, pt2b, PTE_V)
    PTE_PA(pt3, 2, 0, RWXAD)                        /* 512 GiB page at 0x10000000000 -> PA 0 */
    PTE_PA(pt3, 3, 0x80000000, RWXAD)               /* misaligned 512 GiB page */
    PTE_TO(pt3, 4, pt2a, PTE_V | (1 << 63))         /* pointer with the N bit */
    PTE_TO(pt3, 256, pt2a, PTE_V)                   /* the top half aliases the bottom */
    /* level 2 */
    PTE_PA(pt2a, 2, 0x80000000, RWXAD)              /* identity for the code */
    PTE_PA(pt2a, 256, 0x80000000, RWAD)             /* 0x4000000000: bit 38 set, fine in Sv48 */
    PTE_TO(pt2b, 0, pt1b, PTE_V)
    PTE_PA(pt2b, 1, 0x80200000, RWAD)               /* misaligned gigapage */
    /* level 1 */
    PTE_TO(pt1b, 0, pt0b, PTE_V)
    PTE_PA(pt1b, 1, 0x80000000, RWAD)               /* 2 MiB page */
    PTE_PA(pt1b, 2, 0x80001000, RWAD)               /* misaligned 2 MiB page */
    /* level 0 */
    PTE_TO(pt0b, 0, pg_data0, PTE_V | PTE_R | PTE_W)
    PTE_RAW(pt0b, 1, 0)
    PTE_TO(pt0b, 2, pg_data1, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
    PTE_TO(pt0b, 3, pg_code, PTE_V | PTE_R | PTE_X)
    PTE_TO(pt0b, 4, pg_data0, RWAD | (1 << 59))
    /* an Sv39 root that maps the code */
    PTE_PA(pt39, 2, 0x80000000, RWXAD)
    SATP_SET(SATP_MODE_SV48, pt3)

    /* four-level walk, A then D */
    CASE; CHECK_PTE_AD(pt0b, 0, 0); GO_S; li a1, VB(0); ld a0, 0(a1); GO_M; CHECK(a0, MARK(0)); CHECK_PTE_AD(pt0b, 0, PTE_A)
    CASE; GO_S; li a1, VB(0); sd zero, 8(a1); GO_M; CHECK_PTE_AD(pt0b, 0, PTE_A | PTE_D)
    CASE; CHECK_PTE_AD(pt0b, 3, 0); GO_S; li t0, VB(3) + 8; jalr ra, 0(t0); GO_M; CHECK_PTE_AD(pt0b, 3, PTE_A)
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, VB(1), ld a0, 0(a1))
    CASE; S_FAULT_AT(CAUSE_STORE_PAGE_FAULT, VB(1) + 0x10, sd a0, 0(a1))
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, VB(4), ld a0, 0(a1))                 /* reserved bit 59 */
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, VB(2), ld a0, 0(a1))                 /* U page, SUM = 0 */
    CASE; li a0, MSTATUS_SUM; csrs mstatus, a0; GO_S; li a1, VB(2); ld a0, 0(a1); GO_M; CHECK(a0, MARK(1)); li a0, MSTATUS_SUM; csrc mstatus, a0

    /* big pages */
    CASE; GO_S; ADDR_VIA(0x10000000000 + 0x80000000, pg_data0); ld a0, 0(a1); GO_M; CHECK(a0, MARK(0))
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, 0x18000000000, ld a0, 0(a1))         /* misaligned 512 GiB page */
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, 0x20000000000, ld a0, 0(a1))         /* level-3 pointer with N */
    CASE; GO_S; ADDR_VIA(0x4000000000, pg_data0); ld a0, 0(a1); GO_M; CHECK(a0, MARK(0))
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, 0x8040000000, ld a0, 0(a1))          /* misaligned gigapage */
    CASE; GO_S; ADDR_VIA(0x8000200000, pg_data0); ld a0, 0(a1); GO_M; CHECK(a0, MARK(0))
    CASE; S_FAULT_AT(CAUSE_STORE_PAGE_FAULT, 0x8000400000, sd a0, 0(a1))         /* misaligned 2 MiB page */

    /* canonical addresses: bits 63..48 copy bit 47 */
    CASE; GO_S; ADDR_VIA(0xffff800080000000, pg_data0); ld a0, 0(a1); GO_M; CHECK(a0, MARK(0))
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, 0x0000800000000000, ld a0, 0(a1))
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, 0x0001000080000000, ld a0, 0(a1))
    CASE; S_FAULT_AT(CAUSE_LOAD_PAGE_FAULT, 0xffff7fff80000000, ld a0, 0(a1))
    CASE; S_FAULT_AT(CAUSE_STORE_PAGE_FAULT, 0x7fff800080000000, sd a0, 0(a1))
    CASE; li a1, 0x0000800000000000; GO_S; TRAP_FETCH(CAUSE_FETCH_PAGE_FAULT, 0x0000800000000000, 0x0000800000000000, jalr ra, 0(a1))

#ifndef RVT_QEMU /* QEMU: supports Sv57 */
    /* Sv57 cannot be selected: satp and translation stay Sv48 */
    CASE; GO_S; csrr s0, satp; li a0, SATP_MODE_SV57 | 0x12345; csrw satp, a0; csrr s1, satp; li a1, VB(0); ld a0, 0(a1); GO_M; CHECK_REG(s0, s1); CHECK(a0, MARK(0))
#endif
    /* switching to Sv39 from S: VB(0) is no longer canonical */
    CASE; csrr s0, satp; la a0, pt39; srli a0, a0, 12; li a1, SATP_MODE_SV39; or s1, a0, a1; GO_S; csrw satp, s1; li a1, VB(0); \
        TRAP_TVAL(CAUSE_LOAD_PAGE_FAULT, VB(0), ld a0, 0(a1))
    CASE; csrw satp, s0; sfence.vma; GO_S; li a1, VB(0); ld a0, 0(a1); GO_M; CHECK(a0, MARK(0))
    CASE; csrw satp, zero; sfence.vma

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

    .bss
    .balign 4096
pt3: .skip 4096
pt2a: .skip 4096
pt2b: .skip 4096
pt1b: .skip 4096
pt0b: .skip 4096
pg_data0: .skip 4096
pg_data1: .skip 4096
pg_code: .skip 4096
pt39: .skip 4096

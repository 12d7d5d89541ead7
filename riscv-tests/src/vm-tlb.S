/*
 * vm-tlb: what the reference's TLB makes visible. It has separate code,
 * read and write sets, filled on a miss and used without re-walking, so a
 * PTE changed in memory is not seen until a flush. Flushes: SFENCE.VMA
 * (all sets, whatever rs1/rs2 say), any privilege change, a satp write that
 * changes MODE or ASID (not one that only changes PPN), an mstatus write
 * that changes SUM (read and write sets) or MXR (read set only) or MPRV,
 * or MPP while MPRV = 1 (read and write sets). A and D are only set on a
 * walk, so clearing them in memory sticks while the entry lives.
 * Every engine must reproduce this: the TLB is part of the hashed state.
 */
#include "rivet_test.h"

#define VT(n) (0x40000000 + (0x80 + (n)) * 0x1000)   /* TLB slots 0x80.. stay clear of the program's pages */
#define IDX(n) (0x80 + (n))
#define MARK_A 0x0a0a
#define MARK_B 0x0b0b
#define RWAD (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define CODE (PTE_V | PTE_R | PTE_X | PTE_A)
/* from M: point VT(n) at page, fence, enter S (another flush) */
#define MAP_M(n, page, flags) PTE_TO(pt_l0, IDX(n), page, flags); sfence.vma
/* from S: rewrite the PTE in memory, no fence */
#define REMAP_S(n, page, flags) PTE_TO(pt_l0, IDX(n), page, flags)
#define LOAD_VT(reg, n) li t3, VT(n); ld reg, 0(t3)
#define CHECK_PTE_AD(n, val) PTE_LOAD(a0, pt_l0, IDX(n)); andi a0, a0, PTE_A | PTE_D; CHECK(a0, val)

RVT_CODE_BEGIN

    la t0, pg_a; li t1, MARK_A; sd t1, 0(t0)
    la t0, pg_b; li t1, MARK_B; sd t1, 0(t0)
    la t0, pg_ca; li t1, 0x00100513; sw t1, 0(t0); li t1, 0x00008067; sw t1, 4(t0)    /* li a0, 1; ret */
    la t0, pg_cb; li t1, 0x00200513; sw t1, 0(t0); li t1, 0x00008067; sw t1, 4(t0)    /* li a0, 2; ret */
    fence.i
    PTE_PA(pt_root, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
    PTE_TO(pt_root, 1, pt_l1, PTE_V)
    PTE_TO(pt_l1, 0, pt_l0, PTE_V)
    PTE_PA(pt_root_b, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
    PTE_TO(pt_root_b, 1, pt_l1_b, PTE_V)
    PTE_TO(pt_l1_b, 0, pt_l0_b, PTE_V)
    PTE_TO(pt_l0_b, IDX(0), pg_b, RWAD)         /* the other root maps VT(0) to pg_b */
    SATP_SET(SATP_MODE_SV39, pt_root)

    /* a changed PTE is not seen until SFENCE.VMA */
    CASE; MAP_M(0, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); REMAP_S(0, pg_b, RWAD); LOAD_VT(a1, 0); sfence.vma; LOAD_VT(a2, 0); GO_M; \
        CHECK(a0, MARK_A); CHECK(a1, MARK_A); CHECK(a2, MARK_B)
    /* nor by stores, until the fence */
    CASE; MAP_M(0, pg_a, RWAD); GO_S; li a3, 0x51; li t3, VT(0); sd a3, 8(t3); REMAP_S(0, pg_b, RWAD); li a3, 0x52; sd a3, 8(t3); \
        sfence.vma; li a3, 0x53; sd a3, 8(t3); GO_M; CHECK_MEM64(pg_a + 8, 0x52); CHECK_MEM64(pg_b + 8, 0x53)
#ifndef RVT_QEMU /* QEMU: one TLB entry per page serves loads, stores and fetches; SFENCE.VMA rs1 flushes one page; no flush on privilege change */
    /* the read and write sets are separate: a store after a PTE change walks afresh */
    CASE; MAP_M(0, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); REMAP_S(0, pg_b, RWAD); li a3, 0x61; li t3, VT(0); sd a3, 16(t3); LOAD_VT(a1, 0); GO_M; \
        CHECK(a0, MARK_A); CHECK(a1, MARK_A); CHECK_MEM64(pg_b + 16, 0x61); CHECK_MEM64(pg_a + 16, 0)
    /* SFENCE.VMA with an address (and an ASID) flushes every page */
    CASE; MAP_M(0, pg_a, RWAD); MAP_M(1, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); LOAD_VT(a0, 1); REMAP_S(0, pg_b, RWAD); REMAP_S(1, pg_b, RWAD); \
        li a4, VT(0); li a5, 1; sfence.vma a4, a5; LOAD_VT(a1, 1); GO_M; CHECK(a1, MARK_B)
    /* a privilege change flushes everything */
    CASE; MAP_M(0, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); REMAP_S(0, pg_b, RWAD); GO_M; GO_S; LOAD_VT(a1, 0); GO_M; CHECK(a0, MARK_A); CHECK(a1, MARK_B)
    /* MXR changes flush the read set only */
    CASE; MAP_M(0, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); li t3, VT(0); sd zero, 24(t3); REMAP_S(0, pg_b, RWAD); li a3, MSTATUS_MXR; csrs sstatus, a3; \
        LOAD_VT(a1, 0); li a3, 0x71; li t3, VT(0); sd a3, 24(t3); li a3, MSTATUS_MXR; csrc sstatus, a3; GO_M; \
        CHECK(a1, MARK_B); CHECK_MEM64(pg_a + 24, 0x71); CHECK_MEM64(pg_b + 24, 0)
    /* SUM changes do not flush the code set */
    CASE; MAP_M(2, pg_ca, CODE); GO_S; li t3, VT(2); jalr ra, 0(t3); mv s0, a0; REMAP_S(2, pg_cb, CODE); li a3, MSTATUS_SUM; csrs sstatus, a3; csrc sstatus, a3; \
        li t3, VT(2); jalr ra, 0(t3); mv s1, a0; sfence.vma; li t3, VT(2); jalr ra, 0(t3); mv s2, a0; GO_M; CHECK(s0, 1); CHECK(s1, 1); CHECK(s2, 2)
    /* a read does not fill the code set: a fetch after a PTE change walks afresh */
    CASE; MAP_M(2, pg_ca, CODE); GO_S; LOAD_VT(a0, 2); REMAP_S(2, pg_cb, CODE); li t3, VT(2); jalr ra, 0(t3); mv s0, a0; LOAD_VT(a1, 2); GO_M; \
        CHECK(s0, 2); CHECK(a1, 0x0000806700100513)
#endif
    /* code: a changed PTE is not seen until the fence */
    CASE; MAP_M(2, pg_ca, CODE); GO_S; li t3, VT(2); jalr ra, 0(t3); mv s0, a0; REMAP_S(2, pg_cb, CODE); li t3, VT(2); jalr ra, 0(t3); mv s1, a0; \
        sfence.vma; li t3, VT(2); jalr ra, 0(t3); mv s2, a0; GO_M; CHECK(s0, 1); CHECK(s1, 1); CHECK(s2, 2)
    /* SUM changes flush the read and write sets */
    CASE; MAP_M(0, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); REMAP_S(0, pg_b, RWAD); li a3, MSTATUS_SUM; csrs sstatus, a3; LOAD_VT(a1, 0); csrc sstatus, a3; GO_M; \
        CHECK(a0, MARK_A); CHECK(a1, MARK_B)
    /* an mstatus write that changes neither SUM, MXR nor MPRV flushes nothing */
    CASE; MAP_M(0, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); REMAP_S(0, pg_b, RWAD); li a3, MSTATUS_SPIE; csrs sstatus, a3; csrc sstatus, a3; LOAD_VT(a1, 0); sfence.vma; GO_M; \
        CHECK(a1, MARK_A)
    /* a satp write that changes only the PPN flushes nothing; a mode change does */
#ifndef RVT_QEMU /* QEMU: flushes on every satp write */
    CASE; MAP_M(0, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); csrr s0, satp; la a3, pt_root_b; srli a3, a3, 12; li a4, SATP_MODE_SV39; or s1, a3, a4; csrw satp, s1; \
        LOAD_VT(a1, 0); sfence.vma; LOAD_VT(a2, 0); csrw satp, s0; sfence.vma; GO_M; CHECK(a0, MARK_A); CHECK(a1, MARK_A); CHECK(a2, MARK_B)
#endif
    CASE; MAP_M(0, pg_a, RWAD); GO_S; LOAD_VT(a0, 0); REMAP_S(0, pg_b, RWAD); csrr s0, satp; csrw satp, zero; csrw satp, s0; LOAD_VT(a1, 0); GO_M; \
        CHECK(a0, MARK_A); CHECK(a1, MARK_B)

    /* A and D are written only on a walk: cleared in memory while the entry lives, they stay clear */
    CASE; MAP_M(3, pg_a, PTE_V | PTE_R | PTE_W); GO_S; LOAD_VT(a0, 3); REMAP_S(3, pg_a, PTE_V | PTE_R | PTE_W); LOAD_VT(a0, 3); GO_M; CHECK_PTE_AD(3, 0)
    CASE; GO_S; LOAD_VT(a0, 3); GO_M; CHECK_PTE_AD(3, PTE_A)
    CASE; MAP_M(3, pg_a, PTE_V | PTE_R | PTE_W | PTE_A); GO_S; li t3, VT(3); sd zero, 32(t3); REMAP_S(3, pg_a, PTE_V | PTE_R | PTE_W | PTE_A); \
        li t3, VT(3); sd zero, 32(t3); GO_M; CHECK_PTE_AD(3, PTE_A)
    CASE; GO_S; li t3, VT(3); sd zero, 32(t3); GO_M; CHECK_PTE_AD(3, PTE_A | PTE_D)
    /* a store after a load walks again for the write set, setting D */
    CASE; MAP_M(3, pg_a, PTE_V | PTE_R | PTE_W); GO_S; LOAD_VT(a0, 3); li t3, VT(3); sd zero, 32(t3); GO_M; CHECK_PTE_AD(3, PTE_A | PTE_D)

    /* MPRV: toggling it, or changing MPP while it is set, flushes the read and write sets */
    CASE; MAP_M(0, pg_a, RWAD); li a3, MSTATUS_MPP; csrc mstatus, a3; li a3, MSTATUS_MPP_S | MSTATUS_MPRV; csrs mstatus, a3; LOAD_VT(a0, 0); \
        REMAP_S(0, pg_b, RWAD); LOAD_VT(a1, 0); li a3, MSTATUS_MPRV; csrc mstatus, a3; csrs mstatus, a3; LOAD_VT(a2, 0); csrc mstatus, a3; \
        CHECK(a0, MARK_A); CHECK(a1, MARK_A); CHECK(a2, MARK_B)
    CASE; MAP_M(0, pg_a, RWAD | PTE_U); li a3, MSTATUS_MPP; csrc mstatus, a3; li a3, MSTATUS_MPP_S | MSTATUS_MPRV | MSTATUS_SUM; csrs mstatus, a3; LOAD_VT(a0, 0); \
        REMAP_S(0, pg_b, RWAD | PTE_U); li a3, MSTATUS_MPP_S; csrc mstatus, a3; LOAD_VT(a1, 0); li a3, MSTATUS_MPRV | MSTATUS_SUM; csrc mstatus, a3; \
        CHECK(a0, MARK_A); CHECK(a1, MARK_B)

    CASE; csrw satp, zero; sfence.vma

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

    .bss
    .balign 4096
pt_root: .skip 4096
pt_l1: .skip 4096
pt_l0: .skip 4096
pt_root_b: .skip 4096
pt_l1_b: .skip 4096
pt_l0_b: .skip 4096
pg_a: .skip 4096
pg_b: .skip 4096
pg_ca: .skip 4096
pg_cb: .skip 4096

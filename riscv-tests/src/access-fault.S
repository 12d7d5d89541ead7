/*
 * access-fault: the physical address map seen by the guest. Loads, stores
 * and fetches where nothing is mapped (including the shadow and uarch
 * ranges, which are invisible) raise access faults with mtval = the
 * address; instructions are fetched only from executable memory (not from
 * devices, the PMA array or the CMIO buffers); the PMA array reads as
 * istart/ilength pairs and is read-only; the device tree range is
 * read/write/execute memory; the CMIO rx buffer is read-only, tx is
 * read/write; the PLIC answers aligned 32-bit accesses only.
 */
#include "rivet_test.h"

#define CMIO_RX 0x60000000
#define CMIO_TX 0x60800000

RVT_CODE_BEGIN

    /* nothing mapped */
    CASE; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0, ld a0, 0(zero))
    CASE; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0x18, lb a0, 0x18(zero))
    CASE; TRAP_TVAL(CAUSE_STORE_ACCESS, 0, sd a0, 0(zero))
    CASE; TRAP_TVAL(CAUSE_STORE_ACCESS, 0x7f8, sd a0, 0x7f8(zero))
    CASE; li a1, 0x3000000; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0x3000000, lw a0, 0(a1))
    CASE; li a1, 0x3000000; TRAP_TVAL(CAUSE_STORE_ACCESS, 0x3000000, sh a0, 0(a1))
    CASE; li a1, 0xffffffffffffff00; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0xffffffffffffff00, ld a0, 0(a1))
    CASE; li a1, 0x0100000000000000; TRAP_TVAL(CAUSE_STORE_ACCESS, 0x0100000000000000, sd a0, 0(a1))
    /* the loaded register keeps its value */
    CASE; li a0, 0x1234; TRAP(CAUSE_LOAD_ACCESS, ld a0, 0(zero)); CHECK(a0, 0x1234)
#ifndef RVT_QEMU /* QEMU: other things live at these addresses */
    /* the shadow state and the uarch ranges are not visible to the guest */
    CASE; li a1, 0x100; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0x100, ld a0, 0(a1))
    CASE; li a1, 0x1000; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0x1000, ld a0, 0(a1))
    CASE; li a1, 0x400000; TRAP_TVAL(CAUSE_LOAD_ACCESS, 0x400000, ld a0, 0(a1))
    CASE; li a1, 0x600000; TRAP_TVAL(CAUSE_STORE_ACCESS, 0x600000, sd a0, 0(a1))
#endif

    /* fetches: only executable memory */
    CASE; TRAP_FETCH(CAUSE_FETCH_ACCESS, 0, 0, jalr ra, 0(zero))
    CASE; li a1, 0x3000000; TRAP_FETCH(CAUSE_FETCH_ACCESS, 0x3000000, 0x3000000, jalr ra, 0(a1))
    CASE; li a1, CLINT_BASE; TRAP_FETCH(CAUSE_FETCH_ACCESS, CLINT_BASE, CLINT_BASE, jalr ra, 0(a1))
    CASE; li a1, HTIF_BASE; TRAP_FETCH(CAUSE_FETCH_ACCESS, HTIF_BASE, HTIF_BASE, jalr ra, 0(a1))
#ifndef RVT_QEMU /* QEMU: no PLIC, PMA array or CMIO buffers on the spike machine */
    CASE; li a1, PLIC_BASE; TRAP_FETCH(CAUSE_FETCH_ACCESS, PLIC_BASE, PLIC_BASE, jalr ra, 0(a1))
    CASE; li a1, PMA_ARRAY_START; TRAP_FETCH(CAUSE_FETCH_ACCESS, PMA_ARRAY_START, PMA_ARRAY_START, jalr ra, 0(a1))
    CASE; li a1, CMIO_TX; TRAP_FETCH(CAUSE_FETCH_ACCESS, CMIO_TX, CMIO_TX, jalr ra, 0(a1))
    CASE; li a1, CMIO_RX + 0x100; TRAP_FETCH(CAUSE_FETCH_ACCESS, CMIO_RX + 0x100, CMIO_RX + 0x100, jalr ra, 0(a1))

    /* the PMA array: entry 0 is RAM (flags 0x0fd), entry 1 the device tree; read-only */
    CASE; li a1, PMA_ARRAY_START; ld a0, 0(a1); CHECK(a0, 0x800000fd)
    CASE; li a1, PMA_ARRAY_START; ld a0, 8(a1); beqz a0, 1f; slli a0, a0, 52; beqz a0, 2f; 1: j rvt_fail; 2:   /* RAM length: nonzero, whole pages */
    CASE; li a1, PMA_ARRAY_START; ld a0, 16(a1); CHECK(a0, 0x7ff000fd); ld a0, 24(a1); CHECK(a0, 0x100000)
    CASE; li a1, PMA_ARRAY_START; lw a0, 0(a1); CHECK(a0, 0xffffffff800000fd); lbu a0, 0(a1); CHECK(a0, 0xfd)
    CASE; li a1, PMA_ARRAY_START; TRAP_TVAL(CAUSE_STORE_ACCESS, PMA_ARRAY_START, sd a0, 0(a1))
    CASE; li a1, PMA_ARRAY_START + 8; TRAP_TVAL(CAUSE_STORE_ACCESS, PMA_ARRAY_START + 8, sb a0, 0(a1))
    /* each entry's start is page aligned in bits 12..63 and has M or IO set */
    CASE; li a1, PMA_ARRAY_START; li a3, 32; 1: ld a0, 8(a1); beqz a0, 3f; ld a0, 0(a1); andi a2, a0, 3; beqz a2, 2f; addi a1, a1, 16; addi a3, a3, -1; bnez a3, 1b; \
        3: j 4f; 2: j rvt_fail; 4:

    /* the device tree: memory that starts with the FDT magic, writable and executable */
    CASE; li a1, DTB_START; lwu a0, 0(a1); CHECK(a0, 0xedfe0dd0)
    CASE; li a1, DTB_START + 0x100000 - 16; li a2, 0x0123456789abcdef; sd a2, 0(a1); ld a0, 0(a1); CHECK(a0, 0x0123456789abcdef)
    CASE; li a1, DTB_START + 0x100000 - 16; li a2, 0x03300513; sw a2, 0(a1); li a2, 0x00008067; sw a2, 4(a1); fence.i; jalr ra, 0(a1); CHECK(a0, 0x33)

    /* CMIO buffers: rx is read-only, tx read/write */
    CASE; li a1, CMIO_RX; li a2, CMIO_RX + 0x1fffff; NO_TRAP(ld a0, 0(a1); lbu a0, 0(a2))
    CASE; li a1, CMIO_RX + 8; TRAP_TVAL(CAUSE_STORE_ACCESS, CMIO_RX + 8, sd a0, 0(a1))
    CASE; li a1, CMIO_RX; TRAP_TVAL(CAUSE_STORE_ACCESS, CMIO_RX, amoadd.w a0, a0, 0(a1))
    CASE; li a1, CMIO_TX; li a2, 0x55aa; sd a2, 0(a1); ld a0, 0(a1); CHECK(a0, 0x55aa); li a2, 1; amoadd.d a0, a2, 0(a1); ld a0, 0(a1); CHECK(a0, 0x55ab)
    CASE; li a1, CMIO_TX + 0x200000; TRAP_TVAL(CAUSE_STORE_ACCESS, CMIO_TX + 0x200000, sd a0, 0(a1))   /* just past the end */

    /* the PLIC: aligned 32-bit accesses only */
    CASE; li a1, PLIC_BASE; lw a0, 4(a1); CHECK(a0, 1)                    /* priority of source 1: hardwired lowest */
    CASE; li a1, PLIC_BASE; lw a0, 124(a1); CHECK(a0, 1)                  /* source 31 */
    CASE; li a1, PLIC_BASE + 0x1000; lw a0, 0(a1); CHECK(a0, 0)           /* pending */
    CASE; li a1, PLIC_BASE + 0x2000; lw a0, 0(a1); CHECK(a0, 0xfffffffffffffffe)   /* enabled: sources 1..31 */
    CASE; li a1, PLIC_BASE + 0x200004; lw a0, 0(a1); CHECK(a0, 0)         /* claim: nothing pending */
    CASE; li a1, PLIC_BASE; li a2, 7; sw a2, 4(a1); lw a0, 4(a1); CHECK(a0, 1)   /* writes ignored */
    CASE; li a1, PLIC_BASE + 0x200004; NO_TRAP(sw zero, 0(a1); li a2, 5; sw a2, 0(a1)); CHECK_CSR(mip, 0)   /* completing with nothing pending */
    CASE; li a1, PLIC_BASE + 8; lw a0, 0x100(a1); CHECK(a0, 0)            /* other registers read 0 */
    CASE; li a1, PLIC_BASE + 4; TRAP_TVAL(CAUSE_LOAD_ACCESS, PLIC_BASE + 4, lhu a0, 0(a1))
    CASE; li a1, PLIC_BASE + 8; TRAP_TVAL(CAUSE_LOAD_ACCESS, PLIC_BASE + 8, ld a0, 0(a1))
    CASE; li a1, PLIC_BASE + 8; TRAP_TVAL(CAUSE_STORE_ACCESS, PLIC_BASE + 8, sd a0, 0(a1))
    CASE; li a1, PLIC_BASE + 4; TRAP_TVAL(CAUSE_STORE_ACCESS, PLIC_BASE + 4, sb a0, 0(a1))
    CASE; li a1, PLIC_BASE + 6; TRAP_TVAL(CAUSE_MISALIGNED_LOAD, PLIC_BASE + 6, lw a0, 0(a1))
#endif

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

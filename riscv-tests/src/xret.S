/*
 * xret: MRET and SRET (target privilege from MPP/SPP, xIE = xPIE,
 * xPIE = 1, xPP = U afterwards, MPRV cleared when returning below M, TSR),
 * which privileges may execute them, WFI legality (illegal in U, and in S
 * when mstatus.TW = 1; a no-op elsewhere) and SFENCE.VMA legality (illegal
 * in U, and in S when mstatus.TVM = 1), plus their reserved encodings.
 */
#include "rivet_test.h"

/* the recorded mstatus field */
#define CHECK_STATUS_BITS(mask, val) ld a0, RVT_STATUS(tp); li a1, mask; and a0, a0, a1; CHECK(a0, val)
/* mstatus field now */
#define CHECK_MSTATUS_BITS(mask, val) csrr a0, mstatus; li a1, mask; and a0, a0, a1; CHECK(a0, val)
/* prove the current privilege: reading mstatus must trap from prv (ends in M) */
#define PROVE_PRV(prv) TRAP_ILLEGAL_SELF(csrr a2, mstatus); CHECK_TRAP_FROM(prv)
/* makes legal WFIs return at once on machines that really wait (QEMU): a delegated
 * SSIP pending and enabled in mie, which S (with SIE = 0) and M never take */
#define WFI_WAKER li a0, MIP_SSIP; csrw mideleg, a0; csrw mie, a0; csrw mip, a0; csrci mstatus, MSTATUS_SIE
#define WFI_WAKER_OFF csrw mip, zero; csrw mie, zero; csrw mideleg, zero

RVT_CODE_BEGIN

    /* MRET to M: MIE = MPIE, MPIE = 1, MPP = U */
    CASE; li a0, MSTATUS_MPP | MSTATUS_MPIE; csrs mstatus, a0; la a0, 1f; csrw mepc, a0; mret; j rvt_fail; \
        1: CHECK_MSTATUS_BITS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MIE | MSTATUS_MPIE); csrci mstatus, MSTATUS_MIE
    CASE; li a0, MSTATUS_MPP; csrs mstatus, a0; li a0, MSTATUS_MPIE; csrc mstatus, a0; csrsi mstatus, MSTATUS_MIE; la a0, 1f; csrw mepc, a0; mret; j rvt_fail; \
        1: CHECK_MSTATUS_BITS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE)
    /* MRET to S and to U */
    CASE; li a0, MSTATUS_MPP; csrc mstatus, a0; li a0, MSTATUS_MPP_S; csrs mstatus, a0; la a0, 1f; csrw mepc, a0; mret; j rvt_fail; 1: PROVE_PRV(PRV_S)
    CASE; li a0, MSTATUS_MPP; csrc mstatus, a0; la a0, 1f; csrw mepc, a0; mret; j rvt_fail; 1: PROVE_PRV(PRV_U)
    /* MRET below M clears MPRV; to M it keeps it */
#ifndef RVT_QEMU /* QEMU: MRET and SRET leave MPRV set */
    CASE; li a0, MSTATUS_MPP; csrc mstatus, a0; li a0, MSTATUS_MPP_S | MSTATUS_MPRV; csrs mstatus, a0; GO_S; PROVE_PRV(PRV_S); \
        CHECK_STATUS_BITS(MSTATUS_MPRV, 0)
    CASE; li a0, MSTATUS_MPRV; csrs mstatus, a0; GO_U; PROVE_PRV(PRV_U); CHECK_STATUS_BITS(MSTATUS_MPRV, 0)
#endif
    CASE; li a0, MSTATUS_MPP | MSTATUS_MPRV; csrs mstatus, a0; la a0, 1f; csrw mepc, a0; mret; 1: CHECK_MSTATUS_BITS(MSTATUS_MPRV, MSTATUS_MPRV); \
        li a0, MSTATUS_MPRV; csrc mstatus, a0
    /* MRET is illegal below M */
    CASE; GO_S; TRAP_ILLEGAL(0x30200073, mret); CHECK_TRAP_FROM(PRV_S)
    CASE; GO_U; TRAP_ILLEGAL(0x30200073, mret); CHECK_TRAP_FROM(PRV_U)

    /* SRET from M: to SPP, SIE = SPIE, SPIE = 1, SPP = U, MPRV cleared */
    CASE; li a0, MSTATUS_SPP | MSTATUS_SPIE; csrs mstatus, a0; csrci mstatus, MSTATUS_SIE; la a0, 1f; csrw sepc, a0; sret; j rvt_fail; \
        1: PROVE_PRV(PRV_S); CHECK_STATUS_BITS(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SIE | MSTATUS_SPIE); csrci mstatus, MSTATUS_SIE
#ifndef RVT_QEMU /* QEMU: MRET and SRET leave MPRV set */
    CASE; li a0, MSTATUS_SPP | MSTATUS_MPRV | MSTATUS_MPP; csrs mstatus, a0; la a0, 1f; csrw sepc, a0; sret; j rvt_fail; \
        1: PROVE_PRV(PRV_S); CHECK_STATUS_BITS(MSTATUS_MPRV, 0)
#endif
    CASE; li a0, MSTATUS_SPP | MSTATUS_SPIE; csrc mstatus, a0; csrsi mstatus, MSTATUS_SIE; la a0, 1f; csrw sepc, a0; sret; j rvt_fail; \
        1: PROVE_PRV(PRV_U); CHECK_STATUS_BITS(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE)
    /* SRET in M is allowed even with TSR = 1 */
    CASE; li a0, MSTATUS_TSR | MSTATUS_SPP; csrs mstatus, a0; la a0, 1f; csrw sepc, a0; NO_TRAP(sret); j rvt_fail; 1: PROVE_PRV(PRV_S)
    CASE; li a0, MSTATUS_TSR; csrc mstatus, a0
    /* SRET from S (TSR = 0): S to S and S to U */
    CASE; GO_S; la a0, 1f; csrw sepc, a0; li a0, MSTATUS_SPP; csrs sstatus, a0; sret; j rvt_fail; 1: PROVE_PRV(PRV_S)
    CASE; GO_S; la a0, 1f; csrw sepc, a0; li a0, MSTATUS_SPP; csrc sstatus, a0; sret; j rvt_fail; 1: PROVE_PRV(PRV_U)
    /* SRET from S with TSR = 1, and from U: illegal */
    CASE; li a0, MSTATUS_TSR; csrs mstatus, a0; GO_S; TRAP_ILLEGAL(0x10200073, sret); CHECK_TRAP_FROM(PRV_S); li a0, MSTATUS_TSR; csrc mstatus, a0
    CASE; GO_U; TRAP_ILLEGAL(0x10200073, sret); CHECK_TRAP_FROM(PRV_U)
    /* TSR does not affect MRET */
    CASE; li a0, MSTATUS_TSR; csrs mstatus, a0; li a0, MSTATUS_MPP; csrs mstatus, a0; la a0, 1f; csrw mepc, a0; NO_TRAP(mret); j rvt_fail; 1: \
        li a0, MSTATUS_TSR; csrc mstatus, a0

    /* WFI: a no-op in M (whatever TW says) and in S with TW = 0 */
    CASE; WFI_WAKER; NO_TRAP(wfi)
    CASE; li a0, MSTATUS_TW; csrs mstatus, a0; NO_TRAP(wfi); li a0, MSTATUS_TW; csrc mstatus, a0
    CASE; GO_S; NO_TRAP(wfi); GO_M
    /* illegal in S with TW = 1 */
    CASE; li a0, MSTATUS_TW; csrs mstatus, a0; GO_S; TRAP_ILLEGAL(0x10500073, wfi); CHECK_TRAP_FROM(PRV_S); li a0, MSTATUS_TW; csrc mstatus, a0
    CASE; WFI_WAKER_OFF
    /* illegal in U, with or without TW */
    CASE; GO_U; TRAP_ILLEGAL(0x10500073, wfi); CHECK_TRAP_FROM(PRV_U)
    CASE; li a0, MSTATUS_TW; csrs mstatus, a0; GO_U; TRAP_ILLEGAL(0x10500073, wfi); CHECK_TRAP_FROM(PRV_U); li a0, MSTATUS_TW; csrc mstatus, a0

    /* SFENCE.VMA: any rs1, rs2 in M and in S with TVM = 0 */
    CASE; NO_TRAP(sfence.vma; sfence.vma a0; sfence.vma a0, a1; sfence.vma zero, a1)
    CASE; GO_S; NO_TRAP(sfence.vma; sfence.vma a0; sfence.vma a0, a1; sfence.vma zero, a1); GO_M
    CASE; li a0, MSTATUS_TVM; csrs mstatus, a0; NO_TRAP(sfence.vma)
    CASE; GO_S; TRAP_ILLEGAL(0x12000073, sfence.vma); CHECK_TRAP_FROM(PRV_S)
    CASE; GO_S; TRAP_ILLEGAL(0x12b50073, sfence.vma a0, a1); CHECK_TRAP_FROM(PRV_S)
    CASE; li a0, MSTATUS_TVM; csrc mstatus, a0
    CASE; GO_U; TRAP_ILLEGAL(0x12000073, sfence.vma); CHECK_TRAP_FROM(PRV_U)

    /* reserved encodings next to them */
    ILLEGAL32(0x302000f3)           /* mret with rd = ra */
    ILLEGAL32(0x30208073)           /* mret with rs1 = ra */
    ILLEGAL32(0x102000f3)           /* sret with rd = ra */
    ILLEGAL32(0x105000f3)           /* wfi with rd = ra */
    ILLEGAL32(0x10508073)           /* wfi with rs1 = ra */
    ILLEGAL32(0x12000573)           /* sfence.vma with rd = a0 */
    ILLEGAL32(0x16000073)           /* sinval.vma (no Svinval) */
    ILLEGAL32(0x18000073)           /* sfence.w.inval */
    ILLEGAL32(0x18100073)           /* sfence.inval.ir */

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

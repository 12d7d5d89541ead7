/*
 * interrupts: when a pending interrupt is taken. Sources the guest can raise:
 * MSI (CLINT msip), MTI (CLINT mtimecmp), and SEI/SSI/STI (mip writes from
 * M, sip writes from S). MEI needs the PLIC, which only the host can raise,
 * so it is not covered. Checked: enabling rules per privilege (M: MIE and
 * not delegated; S: non-delegated always, delegated when SIE; U: always),
 * mcause/scause with the interrupt bit, mtval = 0, mepc = the next
 * instruction, the instructions after which pending interrupts are checked
 * at once (writes to mstatus, mie, mip, sie, sip, mideleg, CLINT msip;
 * MRET; SRET), the priority MSI > MTI > SEI > SSI > STI (applied by the
 * reference to all pending-and-enabled interrupts, whatever their target),
 * the base-only trap vector, and the cost of taking one (no cycle, one trap
 * for minstret).
 */
#include "rivet_test.h"

#define MSIP_SET li t0, CLINT_MSIP; li t1, 1; sw t1, 0(t0)
#define MSIP_CLR li t0, CLINT_MSIP; sw zero, 0(t0)
#define CHECK_MIP_BIT(bit, val) csrr a0, mip; li a1, bit; and a0, a0, a1; CHECK(a0, val)
#define CHECK_STATUS_BITS(mask, val) ld a0, RVT_STATUS(tp); li a1, mask; and a0, a0, a1; CHECK(a0, val)
/* enables interrupts in M and expects interrupt irq in M with mepc at the instruction after */
#define TAKE_M(irq) TRAP_RESUME_AT(1f); csrsi mstatus, MSTATUS_MIE; 2: TRAP_NONE; j rvt_fail; \
    1: CHECK_TRAP_LEVEL(3); CHECK_TRAP_CAUSE(INTERRUPT_FLAG | (irq)); CHECK_TRAP_EPC(2b); CHECK_TRAP_TVAL(0)
/* clean slate */
#define QUIET csrci mstatus, MSTATUS_MIE | MSTATUS_SIE; csrw mie, zero; csrw mip, zero; csrw mideleg, zero; MSIP_CLR

RVT_CODE_BEGIN

    /* CLINT msip drives mip.MSIP; it reads back as 0 or 1 */
    CASE; MSIP_SET; CHECK_MIP_BIT(MIP_MSIP, MIP_MSIP); li t0, CLINT_MSIP; lw a0, 0(t0); CHECK(a0, 1)
    CASE; MSIP_CLR; CHECK_MIP_BIT(MIP_MSIP, 0); li t0, CLINT_MSIP; lw a0, 0(t0); CHECK(a0, 0)
    CASE; li t0, CLINT_MSIP; li t1, -1; sw t1, 0(t0); lw a0, 0(t0); CHECK(a0, 1); li t1, 2; sw t1, 0(t0); lw a0, 0(t0); CHECK(a0, 0)
    /* mip.MSIP is not writable as a CSR */
    CASE; MSIP_SET; li a0, MIP_MSIP; csrc mip, a0; CHECK_MIP_BIT(MIP_MSIP, MIP_MSIP); csrw mip, zero; CHECK_MIP_BIT(MIP_MSIP, MIP_MSIP); MSIP_CLR

    /* pending and enabled in mie, but MIE = 0 in M: not taken */
    CASE; li a0, MIP_MSIP; csrw mie, a0; MSIP_SET; NO_TRAP(nop; nop; wfi; nop)
    /* setting mstatus.MIE takes it right after */
    CASE; TAKE_M(IRQ_MSI); CHECK_STATUS_BITS(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP_M)
    CASE; CHECK_CSR(mcause, INTERRUPT_FLAG | IRQ_MSI); CHECK_CSR(mtval, 0)
    QUIET
    /* so does writing mie */
    CASE; MSIP_SET; csrsi mstatus, MSTATUS_MIE; NO_TRAP(nop); TRAP_RESUME_AT(1f); li a0, MIP_MSIP; csrs mie, a0; 2: TRAP_NONE; j rvt_fail; \
        1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_MSI); CHECK_TRAP_EPC(2b)
    QUIET
    /* so does a CLINT msip store */
#ifndef RVT_QEMU /* QEMU: takes the interrupt a few instructions after the CLINT store */
    CASE; li a0, MIP_MSIP; csrw mie, a0; csrsi mstatus, MSTATUS_MIE; TRAP_RESUME_AT(1f); li t0, CLINT_MSIP; li t1, 1; sw t1, 0(t0); 2: TRAP_NONE; j rvt_fail; \
        1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_MSI); CHECK_TRAP_EPC(2b)
#endif
    QUIET
    /* so does a mip write (an S-level interrupt that is not delegated belongs to M) */
    CASE; li a0, MIP_SSIP; csrw mie, a0; csrsi mstatus, MSTATUS_MIE; TRAP_RESUME_AT(1f); csrsi mip, MIP_SSIP; 2: TRAP_NONE; j rvt_fail; \
        1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SSI); CHECK_TRAP_EPC(2b); CHECK_TRAP_LEVEL(3)
    QUIET
    /* so does a mideleg write that takes the interrupt back from S */
    CASE; li a0, MIP_STIP; csrw mideleg, a0; csrw mie, a0; csrw mip, a0; csrsi mstatus, MSTATUS_MIE; NO_TRAP(nop; nop); \
        TRAP_RESUME_AT(1f); csrw mideleg, zero; 2: TRAP_NONE; j rvt_fail; 1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_STI); CHECK_TRAP_EPC(2b)
    QUIET

    /* priority among interrupts for M: MSI, MTI, SEI, SSI, STI */
#ifndef RVT_QEMU /* QEMU 7.2: another order (takes SSI before MSI); mtimecmp = 0 keeps MTIP pending */
    CASE; MSIP_SET; li a0, MIP_SEIP | MIP_SSIP | MIP_STIP; csrs mip, a0
    li t0, CLINT_MTIMECMP; li t1, 1; sd t1, 0(t0); 3: csrr a0, mip; andi a0, a0, MIP_MTIP; beqz a0, 3b
    li a0, MIP_MSIP | MIP_MTIP | MIP_SEIP | MIP_SSIP | MIP_STIP; csrw mie, a0
    CASE; TAKE_M(IRQ_MSI); MSIP_CLR
    CASE; TAKE_M(IRQ_MTI); li t0, CLINT_MTIMECMP; sd zero, 0(t0); CHECK_MIP_BIT(MIP_MTIP, 0)
    CASE; TAKE_M(IRQ_SEI); li a0, MIP_SEIP; csrc mip, a0
    CASE; TAKE_M(IRQ_SSI); li a0, MIP_SSIP; csrc mip, a0
    CASE; TAKE_M(IRQ_STI); li a0, MIP_STIP; csrc mip, a0
#endif
    CASE; csrsi mstatus, MSTATUS_MIE; NO_TRAP(nop; nop); QUIET

    /* below M, M-level interrupts are taken whatever MIE says; MRET triggers the check */
    CASE; li a0, MIP_MSIP; csrw mie, a0; MSIP_SET; TRAP_RESUME_AT(1f); li a0, MSTATUS_MPP; csrc mstatus, a0; li a0, MSTATUS_MPP_S; csrs mstatus, a0; \
        la a0, 2f; csrw mepc, a0; mret; 2: TRAP_NONE; j rvt_fail; 1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_MSI); CHECK_TRAP_EPC(2b); CHECK_TRAP_FROM(PRV_S)
    CASE; TRAP_RESUME_AT(1f); li a0, MSTATUS_MPP; csrc mstatus, a0; la a0, 2f; csrw mepc, a0; mret; 2: TRAP_NONE; j rvt_fail; \
        1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_MSI); CHECK_TRAP_EPC(2b); CHECK_TRAP_FROM(PRV_U)
    QUIET
    /* an S-level interrupt that is not delegated goes to M, even from S with SIE = 0 */
    CASE; li a0, MIP_SSIP; csrw mie, a0; csrw mip, a0; TRAP_RESUME_AT(1f); li a0, MSTATUS_MPP; csrc mstatus, a0; li a0, MSTATUS_MPP_S; csrs mstatus, a0; \
        la a0, 2f; csrw mepc, a0; mret; 2: TRAP_NONE; j rvt_fail; 1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SSI); CHECK_TRAP_LEVEL(3); CHECK_TRAP_FROM(PRV_S)
    QUIET

    /* delegated interrupts are never taken in M */
    CASE; li a0, MIP_SSIP; csrw mideleg, a0; csrw mie, a0; csrw mip, a0; csrsi mstatus, MSTATUS_MIE; NO_TRAP(nop; nop); csrci mstatus, MSTATUS_MIE
    /* in S they wait for SIE; setting it (an sstatus write) takes them at once, in S */
    CASE; GO_S; NO_TRAP(nop; nop); STRAP_RESUME_AT(1f); csrsi sstatus, MSTATUS_SIE; 2: TRAP_NONE; j rvt_fail; \
        1: CHECK_TRAP_LEVEL(1); CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SSI); CHECK_TRAP_EPC(2b); CHECK_TRAP_TVAL(0); CHECK_TRAP_FROM(PRV_S); \
        CHECK_STATUS_BITS(MSTATUS_SIE | MSTATUS_SPIE, MSTATUS_SPIE); csrr a2, scause; li a0, MIP_SSIP; csrc sip, a0; GO_M; CHECK(a2, INTERRUPT_FLAG | IRQ_SSI)
    /* a sie write in S takes it at once */
    CASE; li a0, MIP_SSIP; csrw mip, a0; csrw mie, zero; GO_S; csrsi sstatus, MSTATUS_SIE; NO_TRAP(nop); STRAP_RESUME_AT(1f); li a0, MIP_SSIP; csrs sie, a0; \
        2: TRAP_NONE; j rvt_fail; 1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SSI); CHECK_TRAP_EPC(2b); li a0, MIP_SSIP; csrc sip, a0; GO_M
    /* a sip write in S takes it at once */
    CASE; GO_S; csrsi sstatus, MSTATUS_SIE; STRAP_RESUME_AT(1f); csrsi sip, MIP_SSIP; 2: TRAP_NONE; j rvt_fail; \
        1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SSI); CHECK_TRAP_EPC(2b); csrci sip, MIP_SSIP; GO_M
    /* in U they are taken whatever SIE says (here on entering U by MRET) */
    CASE; csrci mstatus, MSTATUS_SIE; csrsi mip, MIP_SSIP; STRAP_RESUME_AT(1f); li a0, MSTATUS_MPP; csrc mstatus, a0; la a0, 2f; csrw mepc, a0; mret; \
        2: TRAP_NONE; j rvt_fail; 1: CHECK_TRAP_LEVEL(1); CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SSI); CHECK_TRAP_EPC(2b); CHECK_TRAP_FROM(PRV_U); csrci sip, MIP_SSIP; GO_M
    /* SRET from S to U triggers the check too */
    CASE; GO_S; csrci sstatus, MSTATUS_SIE; csrsi sip, MIP_SSIP; NO_TRAP(nop); STRAP_RESUME_AT(1f); li a0, MSTATUS_SPP; csrc sstatus, a0; la a0, 2f; csrw sepc, a0; sret; \
        2: TRAP_NONE; j rvt_fail; 1: CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SSI); CHECK_TRAP_EPC(2b); CHECK_TRAP_FROM(PRV_U); csrci sip, MIP_SSIP; GO_M
    QUIET

    /* in S with SIE = 1: an M-level MSI outranks the delegated SSI */
    CASE; li a0, MIP_SSIP; csrw mideleg, a0; li a0, MIP_MSIP | MIP_SSIP; csrw mie, a0; MSIP_SET; csrsi mip, MIP_SSIP; csrsi mstatus, MSTATUS_SIE; \
        TRAP_RESUME_AT(1f); GO_S; TRAP_NONE; j rvt_fail; 1: CHECK_TRAP_LEVEL(3); CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_MSI); MSIP_CLR; \
        csrsi mstatus, MSTATUS_SIE; STRAP_RESUME_AT(3f); GO_S; TRAP_NONE; j rvt_fail; 3: CHECK_TRAP_LEVEL(1); CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SSI); \
        csrci sip, MIP_SSIP; GO_M
    QUIET
    /* the reference picks by fixed order among all pending-and-enabled interrupts:
       in S with SIE = 1, a delegated SEI (to S) goes before a non-delegated STI (to M) */
    CASE; li a0, MIP_SEIP; csrw mideleg, a0; li a0, MIP_SEIP | MIP_STIP; csrw mie, a0; csrw mip, a0; csrsi mstatus, MSTATUS_SIE; \
        TRAP_RESUME_AT(1f); STRAP_RESUME_AT(3f); GO_S; TRAP_NONE; j rvt_fail; \
        3: CHECK_TRAP_LEVEL(1); CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_SEI); li a0, MIP_SEIP; csrc sip, a0; TRAP_NONE; j rvt_fail; \
        1: CHECK_TRAP_LEVEL(3); CHECK_TRAP_CAUSE(INTERRUPT_FLAG | IRQ_STI); CHECK_TRAP_FROM(PRV_S)
    QUIET

    /* a vectored mtvec is not kept: interrupts also go to the base */
#ifndef RVT_QEMU /* QEMU: keeps vectored mode */
    CASE; csrr s0, mtvec; ori a0, s0, 1; csrw mtvec, a0; li a0, MIP_MSIP; csrw mie, a0; MSIP_SET; TAKE_M(IRQ_MSI); csrw mtvec, s0
#endif
    QUIET

#ifndef RVT_QEMU /* QEMU: counters are not exact instruction counts */
    /* taking an interrupt costs no cycle but counts as a trap: mcycle - minstret grows by one */
    CASE; li a0, MIP_MSIP; csrw mie, a0; MSIP_SET; csrr s0, mcycle; csrr s1, minstret; TAKE_M(IRQ_MSI); csrr s2, mcycle; csrr s3, minstret; \
        sub a0, s2, s0; sub a1, s3, s1; sub a0, a0, a1; CHECK(a0, 1)
    /* the first handler instruction runs at the cycle after the enabling instruction */
    CASE; csrr s4, mtvec; la a0, cycle_stub; csrw mtvec, a0; la a0, 1f; csrw mscratch, a0; csrr s0, mcycle; csrsi mstatus, MSTATUS_MIE; \
        j rvt_fail; 1: csrw mtvec, s4; sub a0, s5, s0; CHECK(a0, 2)
    QUIET
#endif

RVT_PASS

    /* an interrupt handler stub: records mcycle in s5, returns to mscratch with MIE off */
    .balign 4
cycle_stub:
    csrr s5, mcycle
    csrr t0, mscratch
    csrw mepc, t0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    mret

RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

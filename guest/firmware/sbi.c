/* rivet firmware: M-mode setup and the SBI implementation for one hart.
 *
 * Everything here runs in M-mode with interrupts off. Linux runs in S-mode and reaches the
 * firmware only through ecall (SBI), the machine timer interrupt, and the machine software
 * interrupt; every other trap is delegated to it (see fw_init). The SBI calling convention:
 * a7 = extension id, a6 = function id, a0..a5 = arguments; a0 = error, a1 = value on return. */
#include "fw.h"

#define FW_MEDELEG_ILLEGAL (1UL << CAUSE_ILLEGAL_INSTRUCTION)

/* Everything Linux handles itself. Not delegated: ecalls from S-mode (SBI) and misaligned
 * loads and stores (4, 6), which the firmware emulates (misaligned.c): Linux 6.12's own
 * emulator cannot store to user memory when the kernel's uaccess code is the one misaligned
 * (it oopses in epoll_wait for Go programs), the firmware can, with MPRV (docs/guest.md). */
#define FW_MEDELEG                                                                       \
	((1UL << CAUSE_MISALIGNED_FETCH) | (1UL << CAUSE_FETCH_ACCESS) |                 \
	 FW_MEDELEG_ILLEGAL | (1UL << CAUSE_BREAKPOINT) |                                \
	 (1UL << CAUSE_LOAD_ACCESS) | (1UL << CAUSE_STORE_ACCESS) |                      \
	 (1UL << CAUSE_USER_ECALL) | (1UL << CAUSE_FETCH_PAGE_FAULT) |                   \
	 (1UL << CAUSE_LOAD_PAGE_FAULT) | (1UL << CAUSE_STORE_PAGE_FAULT))
#define FW_MIDELEG (MIP_SSIP | MIP_STIP | MIP_SEIP)

#ifdef FW_EMULATE_RDTIME
/* Only for the QEMU smoke test: QEMU's Spike machine has no time CSR, so illegal
 * instructions come here, rdtime is emulated from the CLINT's mtime, and the rest are passed
 * on to S-mode. This machine implements the time CSR (mtime = mcycle / 8192). */
#undef FW_MEDELEG_ILLEGAL
#define FW_MEDELEG_ILLEGAL 0UL
#define FW_CLINT_MTIME (FW_CLINT_BASE + 0xBFF8)
#define INSN_CSRRS_TIME_MASK 0xFFFFF07FUL /* csrrs rd, time, x0 */
#define INSN_CSRRS_TIME 0xC0102073UL
#endif

/* SBI error codes and extension ids (SBI specification v2.0). */
#define SBI_SUCCESS 0
#define SBI_ERR_FAILED (-1L)
#define SBI_ERR_NOT_SUPPORTED (-2L)
#define SBI_ERR_INVALID_PARAM (-3L)
#define SBI_ERR_ALREADY_AVAILABLE (-6L)

#define SBI_SPEC_VERSION (2UL << 24) /* v2.0: DBCN needs >= 2.0 for Linux to use it */
#define SBI_IMPL_ID 0x7269766574UL   /* "rivet": not a registered implementation id */
#define SBI_IMPL_VERSION 1

#define EXT_LEGACY_SET_TIMER 0x00
#define EXT_LEGACY_PUTCHAR 0x01
#define EXT_LEGACY_GETCHAR 0x02
#define EXT_LEGACY_CLEAR_IPI 0x03
#define EXT_LEGACY_SEND_IPI 0x04
#define EXT_LEGACY_REMOTE_FENCE_I 0x05
#define EXT_LEGACY_REMOTE_SFENCE_VMA 0x06
#define EXT_LEGACY_REMOTE_SFENCE_VMA_ASID 0x07
#define EXT_LEGACY_SHUTDOWN 0x08
#define EXT_CARTESI_YIELD 0x09
#define EXT_BASE 0x10
#define EXT_TIME 0x54494D45
#define EXT_IPI 0x735049
#define EXT_RFENCE 0x52464E43
#define EXT_HSM 0x48534D
#define EXT_SRST 0x53525354
#define EXT_DBCN 0x4442434E

#define SRST_TYPE_SHUTDOWN 0
#define SRST_TYPE_COLD_REBOOT 1
#define SRST_TYPE_WARM_REBOOT 2
#define SRST_REASON_NONE 0
#define SRST_REASON_SYSTEM_FAILURE 1
#define SRST_REASON_VENDOR_FIRST 0xF0000000UL
/* rivet's vendor reason: 0xF0000000 | status reports the guest's exit status (docs/guest.md). */
#define SRST_VENDOR_STATUS_MASK 0x0FFFFFFFUL

#define HSM_STATE_STARTED 0
#define HSM_SUSPEND_RETENTIVE 0x00000000UL
#define HSM_SUSPEND_NON_RETENTIVE 0x80000000UL

/* HTIF request words: dev << 56 | cmd << 48 | data. */
#define HTIF_DEV_CONSOLE 1UL
#define HTIF_CONSOLE_GETCHAR 0UL
#define HTIF_CONSOLE_PUTCHAR 1UL
#define HTIF_DEV_FIELD(w) ((w) >> 56)
#define HTIF_CMD_FIELD(w) (((w) >> 48) & 0xff)
#define HTIF_DATA_FIELD(w) ((w) & 0xffffffffUL)

static inline void mmio_write64(u64 addr, u64 v)
{
	*(volatile u64 *)addr = v;
}

static inline u64 mmio_read64(u64 addr)
{
	return *(volatile u64 *)addr;
}

static inline void mmio_write32(u64 addr, u32 v)
{
	*(volatile u32 *)addr = v;
}

/* Writes a request to tohost and returns fromhost. The machine handles a tohost write at
 * once and leaves its acknowledgement (or the host's reply, after a yield) in fromhost. */
static u64 htif_request(u64 request)
{
	__asm__ volatile("fence iorw, iorw" ::: "memory");
	mmio_write64(FW_HTIF_TOHOST, request);
	__asm__ volatile("fence iorw, iorw" ::: "memory");
	return mmio_read64(FW_HTIF_FROMHOST);
}

static void console_putchar(u64 ch)
{
	htif_request((HTIF_DEV_CONSOLE << 56) | (HTIF_CONSOLE_PUTCHAR << 48) | (ch & 0xff));
}

/* Returns the next input byte, or -1 when there is none. fromhost is cleared first: when
 * console input is not enabled the machine ignores the request and leaves fromhost alone. */
static s64 console_getchar(void)
{
	mmio_write64(FW_HTIF_FROMHOST, 0);
	u64 reply = htif_request((HTIF_DEV_CONSOLE << 56) | (HTIF_CONSOLE_GETCHAR << 48));
	if (HTIF_DEV_FIELD(reply) != HTIF_DEV_CONSOLE || HTIF_CMD_FIELD(reply) != HTIF_CONSOLE_GETCHAR)
		return -1;
	u64 data = HTIF_DATA_FIELD(reply);
	if (data == 0)
		return -1;
	return (s64)((data - 1) & 0xff);
}

static void timer_set(u64 stime)
{
	/* Writing mtimecmp clears MTIP; STIP is the firmware's copy of it for S-mode. */
	*(volatile u64 *)FW_CLINT_MTIMECMP = stime;
	csr_clear(mip, MIP_STIP);
	csr_set(mie, MIE_MTIE);
}

/* Whether the hart set (hart_mask, hart_mask_base) names hart 0; *err gets
 * SBI_ERR_INVALID_PARAM when it names any other hart, which does not exist. */
static int hartmask_has_hart0(u64 mask, u64 base, s64 *err)
{
	*err = SBI_SUCCESS;
	if (base == (u64)-1)
		return 1;
	if (base != 0) {
		if (mask != 0)
			*err = SBI_ERR_INVALID_PARAM;
		return 0;
	}
	if (mask & ~1UL)
		*err = SBI_ERR_INVALID_PARAM;
	return (int)(mask & 1);
}

static void local_sfence_vma(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}

static void local_fence_i(void)
{
	__asm__ volatile("fence.i" ::: "memory");
}

static void __attribute__((noreturn)) system_reset(u64 type, u64 reason)
{
	u64 code = 0;
	(void)type; /* this machine cannot reboot: every reset type halts it */
	if (reason >= SRST_REASON_VENDOR_FIRST)
		code = reason & SRST_VENDOR_STATUS_MASK;
	else if (reason == SRST_REASON_SYSTEM_FAILURE)
		code = FW_EXIT_PANIC;
	fw_halt(code);
}

struct sbi_result {
	s64 error;
	u64 value;
};

static int extension_present(u64 eid)
{
	switch (eid) {
	case EXT_LEGACY_SET_TIMER:
	case EXT_LEGACY_PUTCHAR:
	case EXT_LEGACY_GETCHAR:
	case EXT_LEGACY_CLEAR_IPI:
	case EXT_LEGACY_SEND_IPI:
	case EXT_LEGACY_REMOTE_FENCE_I:
	case EXT_LEGACY_REMOTE_SFENCE_VMA:
	case EXT_LEGACY_REMOTE_SFENCE_VMA_ASID:
	case EXT_LEGACY_SHUTDOWN:
	case EXT_CARTESI_YIELD:
	case EXT_BASE:
	case EXT_TIME:
	case EXT_IPI:
	case EXT_RFENCE:
	case EXT_HSM:
	case EXT_SRST:
	case EXT_DBCN:
		return 1;
	}
	return 0;
}

static struct sbi_result sbi_base(u64 fid, u64 a0)
{
	struct sbi_result r = {SBI_SUCCESS, 0};
	switch (fid) {
	case 0: r.value = SBI_SPEC_VERSION; break;
	case 1: r.value = SBI_IMPL_ID; break;
	case 2: r.value = SBI_IMPL_VERSION; break;
	case 3: r.value = (u64)extension_present(a0); break;
	case 4: r.value = csr_read(mvendorid); break;
	case 5: r.value = csr_read(marchid); break;
	case 6: r.value = csr_read(mimpid); break;
	default: r.error = SBI_ERR_NOT_SUPPORTED;
	}
	return r;
}

static struct sbi_result sbi_rfence(u64 fid, u64 mask, u64 base)
{
	struct sbi_result r = {SBI_SUCCESS, 0};
	if (fid > 6) {
		r.error = SBI_ERR_NOT_SUPPORTED;
		return r;
	}
	if (fid >= 3) { /* HFENCE.*: no hypervisor extension here */
		r.error = SBI_ERR_NOT_SUPPORTED;
		return r;
	}
	int mine = hartmask_has_hart0(mask, base, &r.error);
	if (r.error != SBI_SUCCESS || !mine)
		return r;
	if (fid == 0)
		local_fence_i();
	else
		local_sfence_vma(); /* flushing everything covers any range and ASID */
	return r;
}

static struct sbi_result sbi_hsm(u64 fid, u64 arg0, u64 a1)
{
	struct sbi_result r = {SBI_SUCCESS, 0};
	switch (fid) {
	case 0: /* hart_start(hartid = arg0): hart 0 runs already; there are no others */
		r.error = arg0 == 0 ? SBI_ERR_ALREADY_AVAILABLE : SBI_ERR_INVALID_PARAM;
		break;
	case 1: /* hart_stop: stopping the only hart would stop the machine for good */
		r.error = SBI_ERR_FAILED;
		break;
	case 2: /* hart_get_status(hartid = arg0) */
		if (arg0 == 0)
			r.value = HSM_STATE_STARTED;
		else
			r.error = SBI_ERR_INVALID_PARAM;
		break;
	case 3: /* hart_suspend(suspend_type = arg0, resume_addr, opaque) */
		if (arg0 == HSM_SUSPEND_RETENTIVE)
			break; /* WFI does nothing here; returning at once is a valid wake-up */
		if (arg0 == HSM_SUSPEND_NON_RETENTIVE)
			r.error = SBI_ERR_NOT_SUPPORTED;
		else
			r.error = SBI_ERR_INVALID_PARAM;
		(void)a1;
		break;
	default:
		r.error = SBI_ERR_NOT_SUPPORTED;
	}
	return r;
}

static struct sbi_result sbi_srst(u64 fid, u64 type, u64 reason)
{
	struct sbi_result r = {SBI_SUCCESS, 0};
	if (fid != 0) {
		r.error = SBI_ERR_NOT_SUPPORTED;
		return r;
	}
	if (type > SRST_TYPE_WARM_REBOOT || reason > 0xFFFFFFFFUL) {
		r.error = SBI_ERR_INVALID_PARAM;
		return r;
	}
	if (reason != SRST_REASON_NONE && reason != SRST_REASON_SYSTEM_FAILURE &&
	    reason < SRST_REASON_VENDOR_FIRST) {
		r.error = SBI_ERR_INVALID_PARAM;
		return r;
	}
	system_reset(type, reason);
}

static struct sbi_result sbi_dbcn(u64 fid, u64 len, u64 lo, u64 hi)
{
	struct sbi_result r = {SBI_SUCCESS, 0};
	u64 i;
	switch (fid) {
	case 0: /* write(len, base_lo, base_hi): physical addresses */
		if (hi != 0 || lo + len < lo) {
			r.error = SBI_ERR_INVALID_PARAM;
			break;
		}
		for (i = 0; i < len; i++) {
			s64 b = fw_safe_lbu(lo + i);
			if (b < 0) {
				r.error = SBI_ERR_INVALID_PARAM;
				break;
			}
			console_putchar((u64)b);
		}
		r.value = i;
		break;
	case 1: /* read(len, base_lo, base_hi): as many bytes as are waiting, up to len */
		if (hi != 0 || lo + len < lo) {
			r.error = SBI_ERR_INVALID_PARAM;
			break;
		}
		for (i = 0; i < len; i++) {
			s64 c = console_getchar();
			if (c < 0)
				break;
			if (fw_safe_sb(lo + i, (u64)c) < 0) {
				r.error = SBI_ERR_INVALID_PARAM;
				break;
			}
		}
		r.value = i;
		break;
	case 2: /* write_byte(byte) */
		console_putchar(len);
		break;
	default:
		r.error = SBI_ERR_NOT_SUPPORTED;
	}
	return r;
}

/* Handles an ecall from S-mode; writes the results into the frame. */
static void sbi_call(struct fw_frame *f)
{
	u64 eid = f->x[REG_A7], fid = f->x[REG_A6];
	u64 a0 = f->x[REG_A0], a1 = f->x[REG_A1], a2 = f->x[REG_A2], a3 = f->x[REG_A3];
	struct sbi_result r = {SBI_SUCCESS, 0};
	s64 err;

	switch (eid) {
	/* Legacy extensions (SBI v0.1): result in a0 only; a1 is left as it was. Their hart
	 * masks are S-mode virtual addresses; with a single hart the firmware does not read
	 * them and acts on hart 0. */
	case EXT_LEGACY_SET_TIMER:
		timer_set(a0);
		f->x[REG_A0] = 0;
		return;
	case EXT_LEGACY_PUTCHAR:
		console_putchar(a0);
		f->x[REG_A0] = 0;
		return;
	case EXT_LEGACY_GETCHAR:
		f->x[REG_A0] = (u64)console_getchar();
		return;
	case EXT_LEGACY_CLEAR_IPI:
		csr_clear(mip, MIP_SSIP);
		f->x[REG_A0] = 0;
		return;
	case EXT_LEGACY_SEND_IPI:
		csr_set(mip, MIP_SSIP);
		f->x[REG_A0] = 0;
		return;
	case EXT_LEGACY_REMOTE_FENCE_I:
		local_fence_i();
		f->x[REG_A0] = 0;
		return;
	case EXT_LEGACY_REMOTE_SFENCE_VMA:
	case EXT_LEGACY_REMOTE_SFENCE_VMA_ASID:
		local_sfence_vma();
		f->x[REG_A0] = 0;
		return;
	case EXT_LEGACY_SHUTDOWN:
		system_reset(SRST_TYPE_SHUTDOWN, SRST_REASON_NONE);

	/* Cartesi's yield: a0 = the HTIF request. The reply (fromhost) goes back in a0, as the
	 * design note has it, and in a1, where Cartesi's /dev/cmio driver (and guest/kernel/cmio)
	 * read it (sbiret.value). */
	case EXT_CARTESI_YIELD:
		if (fid != 0) {
			r.error = SBI_ERR_NOT_SUPPORTED;
			break;
		}
		f->x[REG_A0] = f->x[REG_A1] = htif_request(a0);
		return;

	case EXT_BASE:
		r = sbi_base(fid, a0);
		break;
	case EXT_TIME:
		if (fid == 0)
			timer_set(a0);
		else
			r.error = SBI_ERR_NOT_SUPPORTED;
		break;
	case EXT_IPI:
		if (fid != 0) {
			r.error = SBI_ERR_NOT_SUPPORTED;
			break;
		}
		if (hartmask_has_hart0(a0, a1, &err))
			csr_set(mip, MIP_SSIP);
		r.error = err;
		break;
	case EXT_RFENCE:
		r = sbi_rfence(fid, a0, a1);
		break;
	case EXT_HSM:
		r = sbi_hsm(fid, a0, a1);
		break;
	case EXT_SRST:
		r = sbi_srst(fid, a0, a1);
		break;
	case EXT_DBCN:
		r = sbi_dbcn(fid, a0, a1, a2);
		break;
	default:
		r.error = SBI_ERR_NOT_SUPPORTED;
	}
	(void)a3;
	f->x[REG_A0] = (u64)r.error;
	f->x[REG_A1] = r.value;
}

/* Delivers the current exception to S-mode as the hardware would have with delegation. */
void fw_redirect_to_s(struct fw_frame *f, u64 cause, u64 tval)
{
	u64 status = csr_read(mstatus);
	u64 from_s = ((status & MSTATUS_MPP_MASK) >> 11) == 1;

	csr_write(scause, cause);
	csr_write(stval, tval);
	csr_write(sepc, f->mepc);
	status &= ~(SSTATUS_SPP | SSTATUS_SPIE | MSTATUS_MPP_MASK);
	if (from_s)
		status |= SSTATUS_SPP;
	if (status & SSTATUS_SIE)
		status |= SSTATUS_SPIE;
	status &= ~SSTATUS_SIE;
	status |= MSTATUS_MPP_S;
	csr_write(mstatus, status);
	f->mepc = csr_read(stvec);
}

#ifdef FW_EMULATE_RDTIME
static int emulate_rdtime(struct fw_frame *f, u64 insn)
{
	if ((insn & INSN_CSRRS_TIME_MASK) != INSN_CSRRS_TIME)
		return 0;
	u64 rd = (insn >> 7) & 31;
	if (rd != 0)
		f->x[rd] = mmio_read64(FW_CLINT_MTIME);
	f->mepc += 4;
	return 1;
}
#endif

/* Called by start.S for every trap taken from S- or U-mode. */
void fw_trap(struct fw_frame *f)
{
	u64 cause = csr_read(mcause);
	if ((s64)cause < 0) {
		switch (cause & 0xff) {
		case IRQ_M_TIMER:
			/* Pass the tick to S-mode and mask it until Linux sets the next deadline. */
			csr_set(mip, MIP_STIP);
			csr_clear(mie, MIE_MTIE);
			return;
		case IRQ_M_SOFT:
			mmio_write32(FW_CLINT_MSIP, 0);
			return;
		}
		fw_halt(FW_EXIT_FATAL);
	}
	if (cause == CAUSE_SUPERVISOR_ECALL) {
		sbi_call(f);
		f->mepc += 4;
		return;
	}
	if (cause == CAUSE_MISALIGNED_LOAD || cause == CAUSE_MISALIGNED_STORE) {
		fw_misaligned(f, cause, csr_read(mtval));
		return;
	}
#ifdef FW_EMULATE_RDTIME
	if (cause == CAUSE_ILLEGAL_INSTRUCTION) {
		u64 tval = csr_read(mtval);
		if (!emulate_rdtime(f, tval))
			fw_redirect_to_s(f, cause, tval);
		return;
	}
#endif
	/* Every other exception is delegated to S-mode; reaching here means the state is broken. */
	fw_halt(FW_EXIT_FATAL);
}

/* Prepares the jump to the kernel: S-mode at FW_KERNEL_ENTRY with interrupts delegated. */
void fw_init(u64 hartid, u64 dtb)
{
	(void)hartid;
	(void)dtb;
	csr_write(medeleg, FW_MEDELEG);
	csr_write(mideleg, FW_MIDELEG);
	/* CY, TM, IR: S-mode may read cycle, time and instret, and so may U-mode until Linux
	 * says otherwise (as OpenSBI does): Linux never sets scounteren.TM itself, and its vDSO
	 * reads the time CSR from U-mode (Go's time functions go through it). */
	csr_write(mcounteren, 7);
	csr_write(scounteren, 7);
	csr_write(mie, MIE_MSIE);
	csr_write(mip, 0);
	u64 status = csr_read(mstatus);
	status &= ~(MSTATUS_MPP_MASK | MSTATUS_MPIE);
	status |= MSTATUS_MPP_S;
	csr_write(mstatus, status);
	csr_write(mepc, FW_KERNEL_ENTRY);
#ifdef FW_PMP_ALLOW_ALL
	/* Only for the QEMU smoke test: QEMU's harts have PMP and refuse an mret to S-mode while
	 * no PMP entry exists. This machine has no PMP CSRs (touching them is illegal). */
	csr_write(pmpaddr0, ~0UL);
	csr_write(pmpcfg0, 0x1f); /* entry 0: NAPOT over all addresses, R W X */
#endif
}

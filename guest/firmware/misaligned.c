/* rivet firmware: emulation of misaligned loads and stores from S- and U-mode.
 *
 * This machine raises address-misaligned for any load or store that is not naturally aligned.
 * The firmware performs such an access byte by byte with the trapped mode's privilege and
 * translation (mstatus.MPRV, with MPP as the trap set it and sstatus.SUM as S-mode had it), so
 * a misaligned store by the kernel's uaccess code into user memory works as it would in
 * hardware. Handled: LH LHU LW LWU LD SH SW SD FLW FLD FSW FSD, their compressed forms
 * (C.LW C.LD C.FLD C.SW C.SD C.FSD and the SP-relative ones) and Zcb's C.LH C.LHU C.SH.
 * Anything else (LR/SC/AMOs) goes to S-mode as the misaligned exception it was. A fault while
 * reading the instruction or accessing the data goes to S-mode as that fault, with sepc at
 * the instruction, so the kernel's exception fixups work unchanged. */
#include "fw.h"

/* start.S */
s64 fw_mprv_lbu(u64 vaddr, u64 bits);
s64 fw_mprv_lhu(u64 vaddr, u64 bits);
s64 fw_mprv_sb(u64 vaddr, u64 byte, u64 bits);

struct access {
	int is_store;
	int is_fp;
	int is_signed;
	unsigned len;	   /* bytes accessed: 2, 4 or 8 */
	unsigned reg;	   /* rd for loads, rs2 for stores */
	unsigned insn_len; /* 2 or 4 */
};

#define FREG_CASE(n)                                                        \
	case n:                                                             \
		__asm__ volatile("fmv.x.d %0, f" #n : "=r"(v));             \
		break;
#define FREG_SET_CASE(n)                                                    \
	case n:                                                             \
		__asm__ volatile("fmv.d.x f" #n ", %0" ::"r"(v));           \
		break;
#define FREG_CASES(X)                                                       \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12)  \
	X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23)   \
	X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)

static u64 freg_get(unsigned n)
{
	u64 v = 0;
	switch (n) {
		FREG_CASES(FREG_CASE)
	}
	return v;
}

static void freg_set(unsigned n, u64 v)
{
	switch (n) {
		FREG_CASES(FREG_SET_CASE)
	}
	/* The write makes the FP state dirty; say so, as the hardware does for S-mode writes. */
	csr_set(mstatus, MSTATUS_FS_DIRTY);
}

static int decode_standard(u32 insn, struct access *a)
{
	unsigned opcode = insn & 0x7f, funct3 = (insn >> 12) & 7;
	a->insn_len = 4;
	switch (opcode) {
	case 0x03: /* LOAD */
		a->reg = (insn >> 7) & 31;
		switch (funct3) {
		case 1: a->len = 2; a->is_signed = 1; return 1; /* LH */
		case 2: a->len = 4; a->is_signed = 1; return 1; /* LW */
		case 3: a->len = 8; return 1;                   /* LD */
		case 5: a->len = 2; return 1;                   /* LHU */
		case 6: a->len = 4; return 1;                   /* LWU */
		}
		return 0;
	case 0x07: /* LOAD-FP */
		a->reg = (insn >> 7) & 31;
		a->is_fp = 1;
		if (funct3 == 2 || funct3 == 3) {
			a->len = funct3 == 2 ? 4 : 8; /* FLW, FLD */
			return 1;
		}
		return 0;
	case 0x23: /* STORE */
		a->reg = (insn >> 20) & 31;
		a->is_store = 1;
		if (funct3 >= 1 && funct3 <= 3) {
			a->len = 1u << funct3; /* SH, SW, SD */
			return 1;
		}
		return 0;
	case 0x27: /* STORE-FP */
		a->reg = (insn >> 20) & 31;
		a->is_store = 1;
		a->is_fp = 1;
		if (funct3 == 2 || funct3 == 3) {
			a->len = funct3 == 2 ? 4 : 8; /* FSW, FSD */
			return 1;
		}
		return 0;
	}
	return 0;
}

static int decode_compressed(u32 insn, struct access *a)
{
	unsigned quadrant = insn & 3, funct3 = (insn >> 13) & 7;
	unsigned rd_prime = 8 + ((insn >> 2) & 7);
	unsigned rd_full = (insn >> 7) & 31, rs2_full = (insn >> 2) & 31;
	a->insn_len = 2;
	if (quadrant == 0) {
		a->reg = rd_prime; /* rd' for loads, rs2' for stores: both in bits 4:2 */
		switch (funct3) {
		case 1: a->len = 8; a->is_fp = 1; return 1;                  /* C.FLD */
		case 2: a->len = 4; a->is_signed = 1; return 1;              /* C.LW */
		case 3: a->len = 8; return 1;                                /* C.LD */
		case 5: a->len = 8; a->is_fp = 1; a->is_store = 1; return 1; /* C.FSD */
		case 6: a->len = 4; a->is_store = 1; return 1;               /* C.SW */
		case 7: a->len = 8; a->is_store = 1; return 1;               /* C.SD */
		case 4: /* Zcb */
			switch ((insn >> 10) & 7) {
			case 1: /* C.LHU (bit 6 = 0) or C.LH (bit 6 = 1) */
				a->len = 2;
				a->is_signed = (insn >> 6) & 1;
				return 1;
			case 3: /* C.SH (bit 6 = 0) */
				if ((insn >> 6) & 1)
					return 0;
				a->len = 2;
				a->is_store = 1;
				return 1;
			}
			return 0;
		}
		return 0;
	}
	if (quadrant == 2) {
		switch (funct3) {
		case 1: a->reg = rd_full; a->len = 8; a->is_fp = 1; return 1; /* C.FLDSP */
		case 2: a->reg = rd_full; a->len = 4; a->is_signed = 1; return 1; /* C.LWSP */
		case 3: a->reg = rd_full; a->len = 8; return 1; /* C.LDSP */
		case 5: a->reg = rs2_full; a->len = 8; a->is_fp = 1; a->is_store = 1; return 1; /* C.FSDSP */
		case 6: a->reg = rs2_full; a->len = 4; a->is_store = 1; return 1; /* C.SWSP */
		case 7: a->reg = rs2_full; a->len = 8; a->is_store = 1; return 1; /* C.SDSP */
		}
	}
	return 0;
}

/* Sends the fault met while emulating to S-mode. A fault while reading the instruction is
 * reported as the fetch fault it stands for. */
static void redirect_fault(struct fw_frame *f, u64 saved_status, int fetching)
{
	u64 cause = csr_read(mcause), tval = csr_read(mtval);
	csr_write(mstatus, saved_status);
	if (fetching) {
		if (cause == CAUSE_LOAD_PAGE_FAULT)
			cause = CAUSE_FETCH_PAGE_FAULT;
		else if (cause == CAUSE_LOAD_ACCESS)
			cause = CAUSE_FETCH_ACCESS;
	}
	fw_redirect_to_s(f, cause, tval);
}

void fw_misaligned(struct fw_frame *f, u64 cause, u64 addr)
{
	u64 status = csr_read(mstatus);
	if (((status & MSTATUS_MPP_MASK) >> 11) == PRV_M)
		fw_halt(FW_EXIT_FATAL); /* the firmware itself never accesses memory misaligned */

	s64 lo = fw_mprv_lhu(f->mepc, MSTATUS_MPRV | MSTATUS_MXR);
	if (lo < 0) {
		redirect_fault(f, status, 1);
		return;
	}
	u32 insn = (u32)lo;
	if ((insn & 3) == 3) {
		s64 hi = fw_mprv_lhu(f->mepc + 2, MSTATUS_MPRV | MSTATUS_MXR);
		if (hi < 0) {
			redirect_fault(f, status, 1);
			return;
		}
		insn |= (u32)hi << 16;
	}

	struct access a = {0};
	int ok = (insn & 3) == 3 ? decode_standard(insn, &a) : decode_compressed(insn, &a);
	if (!ok || a.is_store != (cause == CAUSE_MISALIGNED_STORE)) {
		fw_redirect_to_s(f, cause, addr); /* e.g. an AMO: not emulated */
		return;
	}

	if (a.is_store) {
		u64 v = a.is_fp ? freg_get(a.reg) : f->x[a.reg];
		for (unsigned i = 0; i < a.len; i++) {
			if (fw_mprv_sb(addr + i, (v >> (8 * i)) & 0xff, MSTATUS_MPRV) < 0) {
				redirect_fault(f, status, 0);
				return;
			}
		}
	} else {
		u64 v = 0;
		for (unsigned i = 0; i < a.len; i++) {
			s64 b = fw_mprv_lbu(addr + i, MSTATUS_MPRV);
			if (b < 0) {
				redirect_fault(f, status, 0);
				return;
			}
			v |= (u64)b << (8 * i);
		}
		if (a.is_signed && a.len < 8) {
			unsigned shift = 64 - 8 * a.len;
			v = (u64)((s64)(v << shift) >> shift);
		}
		if (a.is_fp) {
			if (a.len == 4)
				v |= 0xFFFFFFFF00000000UL; /* NaN-box a single */
			freg_set(a.reg, v);
		} else if (a.reg != 0) {
			f->x[a.reg] = v;
		}
	}
	f->mepc += a.insn_len;
}

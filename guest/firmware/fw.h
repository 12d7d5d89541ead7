/* Definitions shared by the firmware's C files (privileged spec names). */
#ifndef RIVET_FW_H
#define RIVET_FW_H
#include "machine.h"

typedef unsigned long u64;
typedef unsigned int u32;
typedef long s64;

/* Trap frame laid out by start.S. */
struct fw_frame {
	u64 x[32];
	u64 mepc;
	u64 pad;
};

/* Provided by start.S. */
s64 fw_safe_lbu(u64 paddr);
s64 fw_safe_sb(u64 paddr, u64 byte);
void fw_halt(u64 exit_code) __attribute__((noreturn));

#define csr_read(csr)                                         \
	({                                                    \
		u64 v_;                                       \
		__asm__ volatile("csrr %0, " #csr : "=r"(v_)); \
		v_;                                           \
	})
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"rK"((u64)(v)))
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" ::"rK"((u64)(v)))
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"rK"((u64)(v)))

/* Registers and bits (privileged spec). */
#define REG_A0 10
#define REG_A1 11
#define REG_A2 12
#define REG_A3 13
#define REG_A4 14
#define REG_A5 15
#define REG_A6 16
#define REG_A7 17

#define MSTATUS_MPP_MASK (3UL << 11)
#define MSTATUS_MPP_S (1UL << 11)
#define MSTATUS_MPIE (1UL << 7)

#define IRQ_S_SOFT 1
#define IRQ_M_SOFT 3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT 9
#define MIP_SSIP (1UL << IRQ_S_SOFT)
#define MIP_STIP (1UL << IRQ_S_TIMER)
#define MIP_SEIP (1UL << IRQ_S_EXT)
#define MIE_MTIE (1UL << IRQ_M_TIMER)
#define MIE_MSIE (1UL << IRQ_M_SOFT)

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_USER_ECALL 8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15

#define MSTATUS_MPRV (1UL << 17)
#define MSTATUS_MXR (1UL << 19)
#define MSTATUS_FS_MASK (3UL << 13)
#define MSTATUS_FS_DIRTY (3UL << 13)
#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define PRV_M 3

void fw_redirect_to_s(struct fw_frame *f, u64 cause, u64 tval);
void fw_misaligned(struct fw_frame *f, u64 cause, u64 addr);

#endif

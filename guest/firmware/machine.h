/* Addresses and constants of the machine (docs/../shared design: machine.md) and of the
 * SBI specification, shared by start.S and sbi.c. */
#ifndef RIVET_FW_MACHINE_H
#define RIVET_FW_MACHINE_H

/* HTIF: tohost at +0, fromhost at +8 (the Cartesi layout, not the Spike/OpenSBI one).
 * FW_HTIF_BASE may be overridden at build time (the QEMU smoke test uses Spike's 0x1000000). */
#ifdef __ASSEMBLER__
#define FW_U64(x) x
#else
#define FW_U64(x) x##UL
#endif

#ifndef FW_HTIF_BASE
#define FW_HTIF_BASE FW_U64(0x40008000)
#endif
#define FW_HTIF_TOHOST (FW_HTIF_BASE + 0x0)
#define FW_HTIF_FROMHOST (FW_HTIF_BASE + 0x8)

#define FW_CLINT_BASE FW_U64(0x2000000)
#define FW_CLINT_MSIP (FW_CLINT_BASE + 0x0)
#define FW_CLINT_MTIMECMP (FW_CLINT_BASE + 0x4000)

#define FW_KERNEL_ENTRY FW_U64(0x80200000)
#define FW_STACK_SIZE 8192

/* Trap frame: x0..x31 at 8*i (slot 2 holds the interrupted sp), then mepc. */
#define FW_FRAME_MEPC (32 * 8)
#define FW_FRAME_SIZE (34 * 8)

/* Exit codes the firmware itself chooses (see docs/guest.md). */
#define FW_EXIT_PANIC 255 /* SRST with reason "system failure": the kernel panicked */
#define FW_EXIT_FATAL 254 /* a trap the firmware cannot handle */

#endif

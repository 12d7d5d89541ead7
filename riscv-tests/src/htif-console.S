/*
 * htif-console: the HTIF device at 0x40008000. Prints a line through the
 * console putchar command (each one acknowledged in fromhost), reads the
 * ihalt/iconsole/iyield words, and checks the access rules: aligned 64-bit
 * accesses at the five offsets only (tohost and fromhost writable), others
 * are access faults. Commands of unknown devices, and halt commands with
 * bit 0 of DATA clear, are ignored. Passes through the tohost symbol.
 */
#include "rivet_test.h"

#define HTIF_CMD(dev, cmd, data) (((dev) << 56) | ((cmd) << 48) | (data))
#define PUTCHAR_ACK HTIF_CMD(1, 1, 0)
/* putchar c, then check and clear the acknowledgement */
#define PUTC(c) li t0, HTIF_TOHOST; li t1, HTIF_CMD(1, 1, c); sd t1, 0(t0); ld a0, 8(t0); CHECK(a0, PUTCHAR_ACK); sd zero, 8(t0)

RVT_CODE_BEGIN

    /* enabled commands: halt, console putchar (getchar too when interactive), both yields */
    CASE; li a1, HTIF_IHALT; ld a0, 0(a1); CHECK(a0, 1)
    CASE; li a1, HTIF_IYIELD; ld a0, 0(a1); CHECK(a0, 3)
    CASE; li a1, HTIF_ICONSOLE; ld a0, 0(a1); ori a0, a0, 1; CHECK(a0, 3)
    /* fromhost is writable and reads back */
    CASE; li a1, HTIF_FROMHOST; li a2, 0x1122334455667788; sd a2, 0(a1); ld a0, 0(a1); CHECK(a0, 0x1122334455667788); sd zero, 0(a1); ld a0, 0(a1); CHECK(a0, 0)
    /* putchar: acknowledged in fromhost; tohost keeps the command */
    CASE; PUTC('r'); li t0, HTIF_TOHOST; ld a0, 0(t0); CHECK(a0, HTIF_CMD(1, 1, 'r'))
    CASE; PUTC('i'); PUTC('v'); PUTC('e'); PUTC('t'); PUTC(':'); PUTC(' ')
    /* only the low byte of DATA is printed ('h') */
    CASE; li t0, HTIF_TOHOST; li t1, HTIF_CMD(1, 1, 0x1268); sd t1, 0(t0); ld a0, 8(t0); CHECK(a0, PUTCHAR_ACK); sd zero, 8(t0)
    CASE; PUTC('t'); PUTC('i'); PUTC('f'); PUTC(' '); PUTC('c'); PUTC('o'); PUTC('n'); PUTC('s'); PUTC('o'); PUTC('l'); PUTC('e'); PUTC(' ')
    /* an unknown device is ignored: fromhost keeps its value */
    CASE; li t0, HTIF_FROMHOST; li t1, 0x77; sd t1, 0(t0); li t0, HTIF_TOHOST; li t1, HTIF_CMD(5, 1, 'x'); sd t1, 0(t0); ld a0, 8(t0); CHECK(a0, 0x77); \
        ld a0, 0(t0); CHECK(a0, HTIF_CMD(5, 1, 'x'))
    /* a yield command that is not enabled (cmd 5) is ignored */
    CASE; li t0, HTIF_TOHOST; li t1, HTIF_CMD(2, 5, 0); sd t1, 0(t0); ld a0, 8(t0); CHECK(a0, 0x77)
    /* console getchar is ignored unless the console is interactive */
    CASE; li t0, HTIF_ICONSOLE; ld a0, 0(t0); andi a0, a0, 1; bnez a0, 1f; li t0, HTIF_TOHOST; li t1, HTIF_CMD(1, 0, 0); sd t1, 0(t0); ld a0, 8(t0); CHECK(a0, 0x77); 1:
    /* a halt command with DATA bit 0 clear does not halt */
    CASE; li t0, HTIF_TOHOST; li t1, HTIF_CMD(0, 0, 2); sd t1, 0(t0); sd zero, 0(t0); li t1, HTIF_CMD(0, 1, 1); sd t1, 0(t0); ld a0, 8(t0); CHECK(a0, 0x77)
    CASE; li t0, HTIF_FROMHOST; sd zero, 0(t0)

    /* access rules */
    CASE; li a1, HTIF_TOHOST; TRAP_TVAL(CAUSE_LOAD_ACCESS, HTIF_TOHOST, lw a0, 0(a1))
    CASE; li a1, HTIF_TOHOST; TRAP_TVAL(CAUSE_STORE_ACCESS, HTIF_TOHOST, sw a0, 0(a1))
    CASE; li a1, HTIF_FROMHOST; TRAP_TVAL(CAUSE_LOAD_ACCESS, HTIF_FROMHOST, lbu a0, 0(a1))
    CASE; li a1, HTIF_IHALT; TRAP_TVAL(CAUSE_STORE_ACCESS, HTIF_IHALT, sd a0, 0(a1))
    CASE; li a1, HTIF_ICONSOLE; TRAP_TVAL(CAUSE_STORE_ACCESS, HTIF_ICONSOLE, sd a0, 0(a1))
    CASE; li a1, HTIF_IYIELD; TRAP_TVAL(CAUSE_STORE_ACCESS, HTIF_IYIELD, sd a0, 0(a1))
    CASE; li a1, HTIF_BASE + 0x28; TRAP_TVAL(CAUSE_LOAD_ACCESS, HTIF_BASE + 0x28, ld a0, 0(a1))
    CASE; li a1, HTIF_BASE + 0xff8; TRAP_TVAL(CAUSE_STORE_ACCESS, HTIF_BASE + 0xff8, sd a0, 0(a1))
    CASE; li a1, HTIF_BASE + 4; TRAP_TVAL(CAUSE_MISALIGNED_LOAD, HTIF_BASE + 4, ld a0, 0(a1))
    /* AMOs are ordinary 64-bit device reads and writes: fine on fromhost, faulting as .W */
    CASE; li a1, HTIF_FROMHOST; li a2, 5; sd a2, 0(a1); li a2, 9; amoswap.d a0, a2, 0(a1); CHECK(a0, 5); ld a0, 0(a1); CHECK(a0, 9); sd zero, 0(a1)
    CASE; li a1, HTIF_FROMHOST; TRAP_TVAL(CAUSE_STORE_ACCESS, HTIF_FROMHOST, amoadd.w a0, a0, 0(a1))
    CASE; li a1, HTIF_IHALT; ld a0, 0(a1); CHECK(a0, 1)

    /* finish the line */
    CASE; PUTC('o'); PUTC('k'); PUTC('\n')

RVT_PASS
RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

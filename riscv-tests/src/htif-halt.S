/*
 * htif-halt: ends by halting the machine through the HTIF device (DEV 0,
 * CMD 0, DATA = (exit code << 1) | 1) with exit code 0, instead of storing
 * to tohost. The runner passes it when the machine halts with exit code 0
 * and tohost is still 0; a failing case stores its number in tohost as
 * usual (and if the halt were ignored, the program fails the last case).
 */
#include "rivet_test.h"

RVT_CODE_BEGIN

    CASE; li a1, HTIF_IHALT; ld a0, 0(a1); CHECK(a0, 1)
    /* halt commands with DATA bit 0 clear do not halt */
    CASE; li a1, HTIF_TOHOST; li a0, 2; sd a0, 0(a1); li a0, 0; sd a0, 0(a1); ld a0, 0(a1); CHECK(a0, 0)
    CASE; la a1, tohost; ld a0, 0(a1); CHECK(a0, 0)
    /* halt, exit code 0 */
    CASE; li a1, HTIF_TOHOST; li a0, 1; sd a0, 0(a1)
    /* not reached when the halt works */
    j rvt_fail

RVT_CODE_END

RVT_DATA_BEGIN
RVT_DATA_END

/* For the QEMU smoke test only: QEMU's Spike machine places its HTIF at the ELF symbols
 * tohost and fromhost (8 bytes each). Putting them at 0x1000000 and +8 gives the Cartesi
 * layout (tohost at +0, fromhost at +8) at the address the firmware is built for with
 * -DFW_HTIF_BASE=0x1000000. */
	.globl tohost
	.globl fromhost
	.set tohost, 0x1000000
	.size tohost, 8
	.set fromhost, 0x1000008
	.size fromhost, 8

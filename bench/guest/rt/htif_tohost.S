/*
 * htif_tohost.S - the riscv-tests convention for QEMU's spike machine:
 * QEMU looks up the ELF symbols tohost and fromhost and maps its HTIF
 * device there; it insists that each symbol's size is 8. They live in RAM, in a
 * section of their own.
 */
	.section .tohost, "aw", @progbits
	.balign 64
	.globl tohost
	.type tohost, @object
	.size tohost, 8
tohost:	.dword 0
	.balign 64
	.globl fromhost
	.type fromhost, @object
	.size fromhost, 8
fromhost: .dword 0

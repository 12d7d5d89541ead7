// Package guest holds the sources of rivet's Linux guest images and the tests of their build;
// it has no Go API. The images are built by images.sh (make -C guest images) into
// ${RIVET_CACHE:-$HOME/.cache/rivet}/images/<inputs-hash>/, never into the clone:
//
//   - firmware/: rivet's M-mode SBI firmware (assembly and C, Debian's riscv64 cross
//     compiler, no libc), at offset 0 of linux.bin;
//   - kernel/: the kernel config fragment applied to Debian's linux-source-6.12 with
//     allnoconfig, and rivet's drivers (/dev/cmio, /dev/halt); the Image sits at 0x200000;
//   - userland/: a nested Go module (so u-root and its dependencies stay out of rivet's own
//     go.mod) building the root file system's one multi-call binary: the shell, u-root's core
//     commands, cartesi-init, flashdrive, nvram and the small system commands;
//   - qemu/: a boot test on QEMU's Spike machine, the checks possible before rivet runs Linux.
//
// Invariants: two builds from the same inputs give byte-identical linux.bin and rootfs.ext2
// (fixed timestamps, user, host, file system UUID and hash seed, sorted file order); the
// firmware fits the 512 KiB the device tree reserves for it. docs/guest.md has the details
// and the design note /work/shared/design/guest.md the contracts.
package guest

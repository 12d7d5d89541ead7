//go:build linux

package emu

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// mapAnonymous maps length bytes of zero-filled private memory. MAP_NORESERVE
// makes untouched pages free, so a large RAM costs only what the guest uses.
func mapAnonymous(length uint64) ([]byte, error) {
	if length == 0 || length > uint64(maxMapLength) {
		return nil, fmt.Errorf("map %#x bytes: length out of range", length)
	}
	b, err := unix.Mmap(-1, 0, int(length), unix.PROT_READ|unix.PROT_WRITE,
		unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_NORESERVE)
	if err != nil {
		return nil, fmt.Errorf("map %#x bytes of anonymous memory: %w", length, err)
	}
	return b, nil
}

// mapFile maps length bytes of f. A shared mapping writes guest stores back to
// the file; a private one keeps them in memory (copy-on-write).
func mapFile(f *os.File, length uint64, shared bool) ([]byte, error) {
	if length == 0 || length > uint64(maxMapLength) {
		return nil, fmt.Errorf("map %s: length %#x out of range", f.Name(), length)
	}
	flags := unix.MAP_PRIVATE | unix.MAP_NORESERVE
	if shared {
		flags = unix.MAP_SHARED
	}
	b, err := unix.Mmap(int(f.Fd()), 0, int(length), unix.PROT_READ|unix.PROT_WRITE, flags)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", f.Name(), err)
	}
	return b, nil
}

// newMemFile makes an anonymous in-memory file of length bytes (sparse: only
// written pages use memory).
func newMemFile(name string, length uint64) (*os.File, error) {
	fd, err := unix.MemfdCreate("rivet-"+name, unix.MFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("memfd for %s: %w", name, err)
	}
	f := os.NewFile(uintptr(fd), "memfd:"+name)
	if err := f.Truncate(int64(length)); err != nil {
		f.Close()
		return nil, fmt.Errorf("memfd for %s: %w", name, err)
	}
	return f, nil
}

// mapPrivate maps f copy-on-write: writes stay in this mapping.
func mapPrivate(f *os.File, length uint64) ([]byte, error) {
	if length == 0 || length > uint64(maxMapLength) {
		return nil, fmt.Errorf("map %s: length %#x out of range", f.Name(), length)
	}
	b, err := unix.Mmap(int(f.Fd()), 0, int(length), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_NORESERVE)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", f.Name(), err)
	}
	return b, nil
}

// dropPrivatePages discards a private mapping's own copies of pages, which
// then read the file again.
func dropPrivatePages(b []byte) error { return unix.Madvise(b, unix.MADV_DONTNEED) }

func unmap(b []byte) error {
	if b == nil {
		return nil
	}
	return unix.Munmap(b)
}

// syncMapping flushes a shared file mapping to its file.
func syncMapping(b []byte) error {
	return unix.Msync(b, unix.MS_SYNC)
}

const maxMapLength = int64(1) << 47

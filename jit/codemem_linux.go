//go:build linux

package jit

import (
	"fmt"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// codeMemory holds generated code. It is one in-memory file mapped twice:
// writable (where code is written) and executable (where it runs), so no
// page is ever writable and executable at once and no mprotect is needed.
type codeMemory struct {
	f    *os.File
	rw   []byte // writable view
	rx   []byte // executable view of the same bytes
	used int
}

func newCodeMemory(size int) (*codeMemory, error) {
	fd, err := unix.MemfdCreate("rivet-jit", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("jit: code memory: %w", err)
	}
	f := os.NewFile(uintptr(fd), "memfd:rivet-jit")
	if err := f.Truncate(int64(size)); err != nil {
		f.Close()
		return nil, fmt.Errorf("jit: code memory: %w", err)
	}
	rw, err := unix.Mmap(fd, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("jit: code memory: %w", err)
	}
	rx, err := unix.Mmap(fd, 0, size, unix.PROT_READ|unix.PROT_EXEC, unix.MAP_SHARED)
	if err != nil {
		unix.Munmap(rw)
		f.Close()
		return nil, fmt.Errorf("jit: code memory: %w", err)
	}
	return &codeMemory{f: f, rw: rw, rx: rx}, nil
}

// alloc reserves n bytes aligned to align (a power of two; at least 16)
// and returns their offset, or -1 when full.
func (c *codeMemory) alloc(n, align int) int {
	align = max(align, 16)
	off := (c.used + align - 1) &^ (align - 1)
	if off+n > len(c.rw) {
		return -1
	}
	c.used = off + n
	return off
}

// addr is the executable address of offset off.
func (c *codeMemory) addr(off int) uintptr { return uintptr(unsafe.Pointer(&c.rx[0])) + uintptr(off) }

func (c *codeMemory) reset() { c.used = 0 }

func (c *codeMemory) close() error {
	unix.Munmap(c.rw)
	unix.Munmap(c.rx)
	return c.f.Close()
}

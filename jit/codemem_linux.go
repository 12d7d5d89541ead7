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
	// populated is how far both views are mapped in: code memory is
	// populated a chunk at a time ahead of use (one call instead of a page
	// fault per page in each view; a boot writes about 5 MB of code).
	populated int
}

// populateChunk is how much code memory is mapped in at a time.
const populateChunk = 256 << 10

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
	if c.used > c.populated {
		c.populate()
	}
	return off
}

// populate maps in the next chunks of both views, so the pages that code
// is about to be written to and run from are there. It is only a hint: where
// the kernel does not take it (before Linux 5.14), pages fault in as used.
func (c *codeMemory) populate() {
	from := c.populated
	to := min((c.used+populateChunk-1)/populateChunk*populateChunk, len(c.rw))
	c.populated = to
	unix.Madvise(c.rw[from:to], unix.MADV_POPULATE_WRITE)
	unix.Madvise(c.rx[from:to], unix.MADV_POPULATE_READ)
}

// addr is the executable address of offset off.
func (c *codeMemory) addr(off int) uintptr { return uintptr(unsafe.Pointer(&c.rx[0])) + uintptr(off) }

func (c *codeMemory) reset() { c.used = 0 }

func (c *codeMemory) close() error {
	unix.Munmap(c.rw)
	unix.Munmap(c.rx)
	return c.f.Close()
}

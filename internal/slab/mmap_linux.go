//go:build linux

package slab

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// mapChunk maps chunkSize bytes aligned to hugePage (mapping one huge page
// more and trimming the ends), marked for huge pages.
func mapChunk() ([]byte, error) {
	p, err := unix.MmapPtr(-1, 0, nil, chunkSize+hugePage, unix.PROT_READ|unix.PROT_WRITE,
		unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_NORESERVE)
	if err != nil {
		return nil, err
	}
	skip := -uintptr(p) & (hugePage - 1)
	if skip > 0 {
		unix.MunmapPtr(p, skip)
	}
	if tail := hugePage - skip; tail > 0 {
		unix.MunmapPtr(unsafe.Add(p, skip+chunkSize), tail)
	}
	c := unsafe.Slice((*byte)(unsafe.Add(p, skip)), chunkSize)
	unix.Madvise(c, unix.MADV_HUGEPAGE) // a hint: without it, plain pages
	return c, nil
}

func unmapChunk(c []byte) { unix.MunmapPtr(unsafe.Pointer(&c[0]), uintptr(len(c))) }

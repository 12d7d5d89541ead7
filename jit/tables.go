package jit

import (
	"unsafe"
)

// tableArena hands out the engine's per-page block tables (pageBlocks, 20
// KiB each) from memory mapped outside the Go heap. A boot translates code
// from hundreds of pages, and most of a table is never touched: on the Go
// heap every table was zeroed whole on allocation (five page faults each)
// and grew the heap, which brought garbage collections, whose stops wait
// for generated code to return. Mapped memory comes zeroed from the kernel
// and only the parts a page's blocks touch are faulted in. Tables of dropped
// pages are zeroed (their memory given back) and reused.
type tableArena struct {
	chunks [][]byte
	next   int // tables handed out from the last chunk
	free   []*pageBlocks
}

// tablesPerChunk tables are mapped at a time (2.5 MiB of address space).
const tablesPerChunk = 128

// The tables are whole pages, so one can be given back on its own.
var _ [1 - unsafe.Sizeof(pageBlocks{})%4096]struct{}

// get returns a zeroed table.
func (a *tableArena) get() *pageBlocks {
	if n := len(a.free); n > 0 {
		pb := a.free[n-1]
		a.free = a.free[:n-1]
		return pb
	}
	if len(a.chunks) == 0 || a.next == tablesPerChunk {
		chunk, err := mapTables(tablesPerChunk * int(unsafe.Sizeof(pageBlocks{})))
		if err != nil {
			return &pageBlocks{} // no mapping: the Go heap will do
		}
		a.chunks = append(a.chunks, chunk)
		a.next = 0
	}
	chunk := a.chunks[len(a.chunks)-1]
	pb := (*pageBlocks)(unsafe.Pointer(&chunk[a.next*int(unsafe.Sizeof(pageBlocks{}))]))
	a.next++
	return pb
}

// put takes back a table no generated code can reach any more.
func (a *tableArena) put(pb *pageBlocks) {
	if !a.owns(pb) {
		return // from the Go heap: the collector takes it
	}
	if zeroTable(pb) != nil {
		*pb = pageBlocks{}
	}
	a.free = append(a.free, pb)
}

// owns reports whether a table lies in one of the arena's chunks.
func (a *tableArena) owns(pb *pageBlocks) bool {
	p := uintptr(unsafe.Pointer(pb))
	for _, c := range a.chunks {
		if base := uintptr(unsafe.Pointer(&c[0])); p >= base && p < base+uintptr(len(c)) {
			return true
		}
	}
	return false
}

// reset takes back every table at once.
func (a *tableArena) reset() {
	a.close()
}

// close unmaps the chunks. No table may be used afterwards.
func (a *tableArena) close() {
	for _, c := range a.chunks {
		unmapTables(c)
	}
	a.chunks, a.next, a.free = nil, 0, nil
}

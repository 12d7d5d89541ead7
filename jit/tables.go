package jit

import (
	"unsafe"

	"github.com/rivetvm/rivet/internal/slab"
)

// tableArena hands out the engine's per-page block tables (pageBlocks, 20
// KiB each) from memory outside the Go heap (internal/slab): a boot
// translates code from hundreds of pages, and on the Go heap every table
// was zeroed whole on allocation and grew the heap, which brought garbage
// collections, whose stops wait for generated code to return. Tables of
// dropped pages are zeroed and reused.
type tableArena struct {
	pool *slab.Pool
}

// get returns a zeroed table.
func (a *tableArena) get() *pageBlocks {
	if a.pool == nil {
		a.pool = slab.New(int(unsafe.Sizeof(pageBlocks{})))
	}
	a.pool.Recycle() // (a dropped page's table is unreachable at once)
	if p := a.pool.Get(); p != nil {
		return (*pageBlocks)(p)
	}
	return &pageBlocks{} // nothing could be mapped: the Go heap will do
}

// put takes back a table no generated code can reach any more (one from
// the Go heap is left to the collector).
func (a *tableArena) put(pb *pageBlocks) {
	if a.pool != nil {
		a.pool.Put(unsafe.Pointer(pb))
	}
}

// reset takes back every table at once: none may be used afterwards.
func (a *tableArena) reset() {
	if a.pool != nil {
		a.pool.Reset()
	}
}

// Package slab hands out fixed-size blocks of zeroed memory mapped outside
// the Go heap, for the machine's decoded-code pages and the JIT's block
// tables: thousands of blocks of tens of KiB that hold no Go pointers. On
// the Go heap each one was zeroed whole when allocated (a page fault per 4
// KiB) and grew the heap, which brought garbage collections; here memory is
// mapped 4 MiB at a time on 2 MiB boundaries and marked for transparent huge
// pages, so a chunk costs a couple of faults, and untouched parts nothing.
//
// A Pool is not safe for concurrent use. Nothing it handed out may be used
// after Reset.
package slab

import "unsafe"

// chunkSize is how much a pool maps at a time; hugePage is the alignment
// that lets the kernel back a chunk with huge pages.
const (
	chunkSize = 4 << 20
	hugePage  = 2 << 20
)

// Pool hands out blocks of one size.
type Pool struct {
	size    int
	chunks  [][]byte
	next    int              // offset of the next fresh block in the last chunk
	free    []unsafe.Pointer // zeroed, ready for Get
	pending []unsafe.Pointer // given back, not yet recycled
}

// New returns a pool of blocks of size bytes (at most 1 MiB), each aligned
// to 4 KiB when size is a multiple of it.
func New(size int) *Pool {
	if size <= 0 || size > 1<<20 {
		panic("slab: block size out of range")
	}
	return &Pool{size: size}
}

// Get returns a zeroed block, or nil where no memory can be mapped (the
// caller then allocates on the Go heap).
func (p *Pool) Get() unsafe.Pointer {
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b
	}
	if len(p.chunks) == 0 || p.next+p.size > chunkSize {
		c, err := mapChunk()
		if err != nil {
			return nil
		}
		p.chunks = append(p.chunks, c)
		p.next = 0
	}
	b := unsafe.Pointer(&p.chunks[len(p.chunks)-1][p.next])
	p.next += p.size
	return b
}

// Put takes back a block from Get. Its contents stay as they are until the
// next Recycle, so code still holding a pointer into it (an instruction
// being executed from a page its own store just dropped) reads what it
// read before. Blocks that are not the pool's are ignored.
func (p *Pool) Put(b unsafe.Pointer) {
	if p.Owns(b) {
		p.pending = append(p.pending, b)
	}
}

// Recycle zeroes the blocks given back since the last call, for Get to
// hand out again: the caller promises that nothing points into them.
func (p *Pool) Recycle() {
	for _, b := range p.pending {
		clear(unsafe.Slice((*byte)(b), p.size))
	}
	p.free = append(p.free, p.pending...)
	p.pending = p.pending[:0]
}

// Owns reports whether b lies in the pool's memory.
func (p *Pool) Owns(b unsafe.Pointer) bool {
	a := uintptr(b)
	for _, c := range p.chunks {
		if base := uintptr(unsafe.Pointer(&c[0])); a >= base && a < base+uintptr(len(c)) {
			return true
		}
	}
	return false
}

// Reset unmaps everything: no block from the pool may be used afterwards.
func (p *Pool) Reset() {
	for _, c := range p.chunks {
		unmapChunk(c)
	}
	p.chunks, p.next, p.free, p.pending = nil, 0, nil, nil
}

package slab

import (
	"testing"
	"unsafe"
)

func TestPool(t *testing.T) {
	const size = 20 << 10
	p := New(size)
	defer p.Reset()
	var got []unsafe.Pointer
	for i := range chunkSize/size + 3 { // into a second chunk
		b := p.Get()
		if b == nil {
			t.Skip("no memory can be mapped here")
		}
		s := unsafe.Slice((*byte)(b), size)
		for j, v := range s {
			if v != 0 {
				t.Fatalf("block %d byte %d is %d: not zeroed", i, j, v)
			}
		}
		if uintptr(b)%4096 != 0 {
			t.Fatalf("block %d at %p: not page-aligned", i, b)
		}
		s[0], s[size-1] = 1, 2
		got = append(got, b)
	}
	if len(p.chunks) != 2 {
		t.Fatalf("%d chunks, want 2", len(p.chunks))
	}
	for _, c := range p.chunks {
		if uintptr(unsafe.Pointer(&c[0]))%hugePage != 0 {
			t.Fatalf("chunk at %p: not aligned to a huge page", &c[0])
		}
	}
	p.Put(got[5])
	if s := unsafe.Slice((*byte)(got[5]), size); s[0] != 1 || s[size-1] != 2 {
		t.Fatal("a block given back changed before Recycle")
	}
	if b := p.Get(); b == got[5] {
		t.Fatal("a block given back was handed out before Recycle")
	}
	p.Recycle()
	if b := p.Get(); b != got[5] {
		t.Fatalf("a block given back came back as %p, want %p", b, got[5])
	} else if s := unsafe.Slice((*byte)(b), size); s[0] != 0 || s[size-1] != 0 {
		t.Fatal("a block given back came back dirty")
	}
	heap := make([]byte, size)
	p.Put(unsafe.Pointer(&heap[0])) // not the pool's: ignored
	if b := p.Get(); b == unsafe.Pointer(&heap[0]) {
		t.Fatal("a block from the Go heap was taken in")
	}
}

package jit

import (
	"testing"
	"unsafe"
)

// TestTableArena: tables come zeroed, a table given back comes back zeroed,
// and closing lets go of everything.
func TestTableArena(t *testing.T) {
	var a tableArena
	defer a.close()
	var got []*pageBlocks
	for i := range tablesPerChunk + 3 { // into a second chunk
		pb := a.get()
		if pb.entry[i] != 0 || pb.seen[i] != 0 || pb.length[2047] != 0 {
			t.Fatalf("table %d is not zeroed", i)
		}
		if uintptr(unsafe.Pointer(pb))%4096 != 0 {
			t.Fatalf("table %d at %p: not page-aligned", i, pb)
		}
		pb.entry[i], pb.seen[i], pb.length[2047] = 0xdead, 7, 9
		got = append(got, pb)
	}
	if len(a.chunks) != 2 {
		t.Fatalf("%d chunks, want 2", len(a.chunks))
	}
	a.put(got[5])
	if pb := a.get(); pb != got[5] || pb.entry[5] != 0 || pb.seen[5] != 0 || pb.length[2047] != 0 {
		t.Fatalf("a table given back came back as %p (want %p) or not zeroed", pb, got[5])
	}
	heap := &pageBlocks{}
	a.put(heap) // not the arena's: ignored
	if pb := a.get(); pb == heap {
		t.Fatal("a table from the Go heap was taken in")
	}
}

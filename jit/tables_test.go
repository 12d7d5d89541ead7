package jit

import "testing"

// TestTableArena: tables come zeroed and a table given back comes back
// zeroed (the pool itself is tested in internal/slab).
func TestTableArena(t *testing.T) {
	var a tableArena
	defer a.reset()
	pb := a.get()
	pb.entry[7], pb.cold[7].seen, pb.cold[2047].length = 0xdead, 7, 9
	a.put(pb)
	if again := a.get(); again != pb || again.entry[7] != 0 || again.cold[7].seen != 0 || again.cold[2047].length != 0 {
		t.Fatalf("a table given back came back as %p (want %p) or not zeroed", again, pb)
	}
}

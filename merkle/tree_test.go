package merkle

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// region makes a region of pages pages at start filled by fill (nil: zeros), all pages marked.
func region(name string, start uint64, pages int, fill func([]byte)) Region {
	data := make([]byte, pages*PageSize)
	if fill != nil {
		fill(data)
	}
	set := NewPageSet(uint64(pages))
	set.MarkAll()
	return Region{Name: name, Start: start, Length: uint64(pages) * PageSize, Data: data, Dirty: set}
}

func randomFill(rng *rand.Rand) func([]byte) {
	return func(b []byte) {
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
	}
}

// sparseFill writes a few random bytes and leaves most pages zero.
func sparseFill(rng *rand.Rand, writes int) func([]byte) {
	return func(b []byte) {
		for range writes {
			b[rng.IntN(len(b))] = byte(rng.Uint32())
		}
	}
}

// machineLike is a small layout with the shape of the machine's map: ranges at 0, at a page,
// a non-power-of-two range, a one-page range high up, and a range ending at 2^56.
func machineLike(rng *rand.Rand) []Region {
	return []Region{
		region("shadow", 0, 8, sparseFill(rng, 40)),
		region("pmas", 0x10000, 1, randomFill(rng)),
		region("ram", 0x80000000, 3, randomFill(rng)),
		region("dtb", 0x7ff00000, 2, nil),
		region("top", 1<<56-4*PageSize, 4, sparseFill(rng, 10)),
	}
}

func TestEmptyTree(t *testing.T) {
	for f := HashFunction(0); f < hashFunctionCount; f++ {
		tree, err := New(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tree.RootHash() != Pristine(f, 64) {
			t.Errorf("%v: empty root is not P[64]", f)
		}
		if err := tree.Verify(); err != nil {
			t.Error(err)
		}
	}
}

// TestTinyTreesAgainstModel compares roots and nodes at every size with the recursive model.
func TestTinyTreesAgainstModel(t *testing.T) {
	for f := HashFunction(0); f < hashFunctionCount; f++ {
		t.Run(f.String(), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(f), 7))
			regions := machineLike(rng)
			model := newRefTree(f, regions)
			tree, err := New(f, regions)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := tree.RootHash(), model.root(); got != want {
				t.Fatalf("root %v, model %v", got, want)
			}
			// Nodes at every log2 size around each region, and random ones elsewhere.
			for _, r := range regions {
				for log2 := 5; log2 <= 64; log2++ {
					for _, address := range []uint64{r.Start, r.Start + r.Length - 32, r.Start + r.Length, r.Start - 32} {
						address &^= 1<<log2 - 1
						if log2 == 64 {
							address = 0
						}
						got, err := tree.NodeHash(address, log2)
						if err != nil {
							t.Fatal(err)
						}
						if want := model.node(address, log2); got != want {
							t.Fatalf("node %#x/2^%d = %v, model %v", address, log2, got, want)
						}
					}
				}
			}
			for range 200 {
				log2 := 5 + rng.IntN(59)
				address := rng.Uint64() & (1<<56 - 1) &^ (1<<log2 - 1)
				got, _ := tree.NodeHash(address, log2)
				if want := model.node(address, log2); got != want {
					t.Fatalf("node %#x/2^%d = %v, model %v", address, log2, got, want)
				}
			}
		})
	}
}

func TestNodeHashRejectsBadNodes(t *testing.T) {
	tree, _ := New(Keccak256, nil)
	for _, tc := range []struct {
		address uint64
		log2    int
	}{{0, 4}, {0, 65}, {0, -1}, {16, 5}, {0x1000, 13}, {1, 64}, {1 << 63, 64}} {
		if _, err := tree.NodeHash(tc.address, tc.log2); !errors.Is(err, ErrBadNode) {
			t.Errorf("NodeHash(%#x, %d): %v, want ErrBadNode", tc.address, tc.log2, err)
		}
		if _, err := tree.Proof(tc.address, tc.log2); !errors.Is(err, ErrBadNode) {
			t.Errorf("Proof(%#x, %d): %v, want ErrBadNode", tc.address, tc.log2, err)
		}
	}
}

func TestNewRejectsBadRegions(t *testing.T) {
	page := func(name string, start uint64, pages int) Region {
		return Region{Name: name, Start: start, Length: uint64(pages) * PageSize, Data: make([]byte, pages*PageSize)}
	}
	for _, tc := range []struct {
		name    string
		regions []Region
		want    string // in the error, besides the region name
	}{
		{"zero length", []Region{{Name: "a", Start: 0}}, "not a positive multiple"},
		{"odd length", []Region{{Name: "a", Start: 0, Length: 100, Data: make([]byte, 100)}}, "not a positive multiple"},
		{"short data", []Region{{Name: "a", Start: 0, Length: PageSize, Data: make([]byte, 10)}}, "data has"},
		{"misaligned", []Region{page("a", 0x1000, 2)}, "not aligned to 0x2000"},
		{"misaligned after rounding", []Region{page("a", 0x2000, 3)}, "not aligned to 0x4000"},
		{"past 2^56", []Region{page("a", 1<<56, 1)}, "beyond 2^56"},
		{"overlap", []Region{page("a", 0, 2), page("b", 0x1000, 1)}, "overlaps"},
		{"overlap after rounding", []Region{page("a", 0, 3), page("b", 0x3000, 1)}, "overlaps"},
		{"dirty size", []Region{{Name: "a", Start: 0, Length: PageSize, Data: make([]byte, PageSize), Dirty: NewPageSet(2)}}, "dirty set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(Keccak256, tc.regions)
			if !errors.Is(err, ErrBadRegion) {
				t.Fatalf("error %v, want ErrBadRegion", err)
			}
			name := tc.regions[len(tc.regions)-1].Name
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", name)) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not name region %q and %q", err, name, tc.want)
			}
		})
	}
	if _, err := New(HashFunction(7), nil); !errors.Is(err, ErrBadHashFun) {
		t.Errorf("New with a bad hash function: %v", err)
	}
	// Neighbours that touch after rounding are fine.
	if _, err := New(Keccak256, []Region{page("a", 0, 3), page("b", 0x4000, 1)}); err != nil {
		t.Error(err)
	}
}

// mutate writes random bytes at random places of random regions and marks their pages.
func mutate(rng *rand.Rand, regions []Region, writes int) {
	for range writes {
		r := &regions[rng.IntN(len(regions))]
		offset := rng.Uint64N(r.Length)
		n := min(uint64(1+rng.IntN(64)), r.Length-offset)
		for i := uint64(0); i < n; i++ {
			if rng.IntN(4) == 0 {
				r.Data[offset+i] = 0 // zeros too, so pages can return to pristine
			} else {
				r.Data[offset+i] = byte(rng.Uint32())
			}
		}
		r.Dirty.MarkRange(offset/PageSize, (offset+n-1)/PageSize-offset/PageSize+1)
	}
}

// TestIncrementalEqualsFull: after random writes with marks, the incremental root equals a serial
// and a parallel full recompute, and the model.
func TestIncrementalEqualsFull(t *testing.T) {
	for f := HashFunction(0); f < hashFunctionCount; f++ {
		t.Run(f.String(), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(f), 99))
			regions := machineLike(rng)
			tree, err := New(f, regions)
			if err != nil {
				t.Fatal(err)
			}
			tree.SetWorkers(3)
			for step := range 30 {
				mutate(rng, regions, rng.IntN(20))
				if step%3 == 0 {
					// Marking clean pages must not change anything.
					regions[0].Dirty.Mark(uint64(rng.IntN(8)))
				}
				got := tree.RootHash()
				serial, _ := RootHashOf(f, regions, 1)
				parallel, _ := RootHashOf(f, regions, 4)
				if got != serial || got != parallel {
					t.Fatalf("step %d: incremental %v, serial %v, parallel %v", step, got, serial, parallel)
				}
				if step%10 == 0 {
					if want := newRefTree(f, regions).root(); got != want {
						t.Fatalf("step %d: root %v, model %v", step, got, want)
					}
				}
				if err := tree.Verify(); err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
				for _, r := range regions {
					if r.Dirty.Count() != 0 {
						t.Fatalf("step %d: %s still has marks after Update", step, r.Name)
					}
				}
			}
		})
	}
}

// TestLargeRandomTrees covers regions with many pages and deep dense trees, serial against
// parallel and incremental against full.
func TestLargeRandomTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	regions := []Region{
		region("ram", 0x80000000, 1000, sparseFill(rng, 3000)),
		region("drive", 0x100000000, 300, randomFill(rng)),
		region("shadow", 0, 8, sparseFill(rng, 10)),
	}
	serialTree, _ := New(Keccak256, regions)
	serialTree.SetWorkers(1)
	parallelTree, _ := New(Keccak256, append([]Region(nil), regions...))
	parallelTree.SetWorkers(8)
	for step := range 8 {
		// Both trees read the same PageSets, so update one, then re-mark for the other.
		var marks [][]uint64
		mutate(rng, regions, 1+rng.IntN(500))
		for _, r := range regions {
			var pages []uint64
			r.Dirty.ForEach(func(p uint64) { pages = append(pages, p) })
			marks = append(marks, pages)
		}
		a := serialTree.RootHash()
		for i, r := range regions {
			for _, p := range marks[i] {
				r.Dirty.Mark(p)
			}
		}
		b := parallelTree.RootHash()
		full, _ := RootHashOf(Keccak256, regions, 0)
		if a != b || a != full {
			t.Fatalf("step %d: serial %v, parallel %v, full %v", step, a, b, full)
		}
	}
}

func TestVerifyNamesUnmarkedPage(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	regions := machineLike(rng)
	tree, _ := New(Keccak256, regions)
	tree.RootHash()
	regions[2].Data[2*PageSize+77] ^= 0xff // ram page 2, no mark
	regions[4].Data[3*PageSize] ^= 1       // top page 3, no mark
	err := tree.Verify()
	var mismatch *MismatchError
	if !errors.As(err, &mismatch) {
		t.Fatalf("Verify after an unmarked write: %v", err)
	}
	// Regions are checked in address order: ram (0x80000000) before top.
	if !strings.Contains(mismatch.Region, `"ram"`) || mismatch.Page != 2 || mismatch.Address != 0x80002000 {
		t.Errorf("mismatch %+v, want ram page 2", mismatch)
	}
	if !strings.Contains(err.Error(), "page 2") {
		t.Errorf("error %q does not name the page", err)
	}
	regions[2].Dirty.Mark(2)
	regions[4].Dirty.Mark(3)
	if err := tree.Verify(); err != nil {
		t.Errorf("Verify after marking: %v", err)
	}
}

// TestClone checks that a clone starts equal and that writes to either side stay on that side.
func TestClone(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	regions := []Region{
		region("ram", 0x80000000, 5000, sparseFill(rng, 2000)), // several node chunks
		region("shadow", 0, 8, sparseFill(rng, 40)),
	}
	tree, _ := New(Keccak256, regions)
	// Pending marks at Clone time are consumed by the source before sharing.
	mutate(rng, regions, 50)
	copies := make([]Region, len(regions))
	for i, r := range regions {
		copies[i] = Region{Name: r.Name, Start: r.Start, Length: r.Length, Data: append([]byte(nil), r.Data...)}
	}
	clone := tree.Clone(copies)
	copies = clone.Regions()
	if clone.RootHash() != tree.RootHash() {
		t.Fatal("clone root differs")
	}
	for step := range 6 {
		mutate(rng, regions, 30)
		if step%2 == 0 {
			mutate(rng, copies, 30)
		}
		a, b := tree.RootHash(), clone.RootHash()
		wantA, _ := RootHashOf(Keccak256, regions, 0)
		wantB, _ := RootHashOf(Keccak256, copies, 0)
		if a != wantA || b != wantB {
			t.Fatalf("step %d: source %v want %v, clone %v want %v", step, a, wantA, b, wantB)
		}
		if err := tree.Verify(); err != nil {
			t.Fatal(err)
		}
		if err := clone.Verify(); err != nil {
			t.Fatal(err)
		}
	}
	// A clone of a clone, then the middle one changes.
	third := clone.Clone(cloneRegions(copies))
	mutate(rng, copies, 10)
	if third.RootHash() == clone.RootHash() {
		t.Fatal("writes to a clone reached its own clone")
	}
}

func cloneRegions(regions []Region) []Region {
	out := make([]Region, len(regions))
	for i, r := range regions {
		out[i] = Region{Name: r.Name, Start: r.Start, Length: r.Length, Data: append([]byte(nil), r.Data...)}
	}
	return out
}

func TestCloneLayoutMismatchPanics(t *testing.T) {
	tree, _ := New(Keccak256, []Region{region("a", 0, 1, nil)})
	defer func() {
		if recover() == nil {
			t.Error("Clone with another layout did not panic")
		}
	}()
	tree.Clone([]Region{region("a", 0x1000, 1, nil)})
}

// TestZeroPagesCostNothing: a large all-zero region leaves its store unmaterialised.
func TestZeroPagesCostNothing(t *testing.T) {
	r := region("ram", 1<<40, 1<<16, nil) // 256 MiB of zeros, all marked
	tree, _ := New(Keccak256, []Region{r})
	if got, want := tree.RootHash(), newRefTree(Keccak256, nil).root(); got != want {
		t.Fatalf("all-zero state root %v, want P[64] %v", got, want)
	}
	for c, chunk := range tree.regions[0].nodes.chunks {
		if chunk != nil {
			t.Fatalf("chunk %d materialised for zero pages", c)
		}
	}
}

func TestPageSet(t *testing.T) {
	s := NewPageSet(130)
	s.Mark(0)
	s.Mark(129)
	s.MarkRange(60, 10)
	if s.Count() != 12 || !s.Has(0) || !s.Has(129) || !s.Has(60) || !s.Has(69) || s.Has(70) || s.Has(59) || s.Has(1000) {
		t.Fatalf("marks wrong: count %d", s.Count())
	}
	var seen []uint64
	s.ForEach(func(p uint64) { seen = append(seen, p) })
	if len(seen) != 12 || seen[0] != 0 || seen[11] != 129 {
		t.Fatalf("ForEach %v", seen)
	}
	s.Clear()
	s.MarkAll()
	if s.Count() != 130 {
		t.Fatalf("MarkAll count %d", s.Count())
	}
	if got := s.drain(nil); len(got) != 130 || s.Count() != 0 {
		t.Fatalf("drain gave %d, left %d", len(got), s.Count())
	}
	s.MarkRange(0, 0)
	for _, bad := range []func(){func() { s.Mark(130) }, func() { s.MarkRange(120, 11) }, func() { s.MarkRange(200, 1) }} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("out-of-range mark did not panic")
				}
			}()
			bad()
		}()
	}
}

// TestPageSetAgainstMap compares a large set (several summary words) with a map of marks.
func TestPageSetAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	const pages = 5*4096 + 77
	s := NewPageSet(pages)
	want := map[uint64]bool{}
	for round := range 20 {
		for range rng.IntN(300) {
			if rng.IntN(3) == 0 {
				first := rng.Uint64N(pages)
				count := min(rng.Uint64N(200), pages-first)
				s.MarkRange(first, count)
				for p := first; p < first+count; p++ {
					want[p] = true
				}
			} else {
				p := rng.Uint64N(pages)
				s.Mark(p)
				want[p] = true
			}
		}
		if s.Count() != uint64(len(want)) {
			t.Fatalf("round %d: count %d, want %d", round, s.Count(), len(want))
		}
		var got []uint64
		if round%2 == 0 {
			s.ForEach(func(p uint64) { got = append(got, p) })
		} else {
			got = s.drain(nil)
		}
		for i, p := range got {
			if !want[p] || i > 0 && got[i-1] >= p {
				t.Fatalf("round %d: page %d listed out of order or unmarked", round, p)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("round %d: listed %d, want %d", round, len(got), len(want))
		}
		if round%2 == 1 {
			if s.Count() != 0 {
				t.Fatal("drain left marks")
			}
			clear(want)
		}
	}
}

// TestCloneConcurrentUse updates a tree and its clone from two goroutines at once (run with -race).
func TestCloneConcurrentUse(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	regions := []Region{region("ram", 0x80000000, 3000, sparseFill(rng, 500))}
	tree, _ := New(Keccak256, regions)
	copies := cloneRegions(regions)
	clone := tree.Clone(copies)
	copies = clone.Regions()
	rngA, rngB := rand.New(rand.NewPCG(1, 13)), rand.New(rand.NewPCG(2, 13))
	done := make(chan Hash)
	go func() {
		for range 5 {
			mutate(rngA, regions, 200)
			tree.RootHash()
		}
		done <- tree.RootHash()
	}()
	for range 5 {
		mutate(rngB, copies, 200)
		clone.RootHash()
	}
	a, b := <-done, clone.RootHash()
	wantA, _ := RootHashOf(Keccak256, regions, 1)
	wantB, _ := RootHashOf(Keccak256, copies, 1)
	if a != wantA || b != wantB {
		t.Fatal("concurrent use of a tree and its clone gave wrong roots")
	}
}

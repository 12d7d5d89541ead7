package merkle

import (
	"fmt"
	"sync"
)

// MismatchError reports a stored node that its recomputed value contradicts. Region is the
// region's label; Page is the page index inside it for page nodes and -1 for inner nodes.
type MismatchError struct {
	Region           string
	Page             int64
	Address          uint64
	Log2Size         int
	Stored, Computed Hash
}

func (e *MismatchError) Error() string {
	if e.Page >= 0 {
		return fmt.Sprintf("merkle: %s: page %d (address %#x): stored hash %v, data hashes to %v (written without a dirty mark?)",
			e.Region, e.Page, e.Address, e.Stored, e.Computed)
	}
	return fmt.Sprintf("merkle: %s: node %#x/2^%d: stored hash %v, children hash to %v",
		e.Region, e.Address, e.Log2Size, e.Stored, e.Computed)
}

// Verify brings the tree up to date, then recomputes every page from the regions' bytes, every
// inner node from its children and every sparse node above the regions, and compares each with
// what the tree stores. The first difference (lowest region start, then lowest page) comes back as
// a *MismatchError; a page whose bytes changed without a dirty mark shows up here.
func (t *Tree) Verify() error {
	t.Update()
	for _, index := range t.sortedRegions() {
		if err := t.verifyRegion(t.regions[index]); err != nil {
			return err
		}
	}
	return t.verifySparse(0, 0)
}

func (t *Tree) sortedRegions() []int32 {
	var out []int32
	var walk func(int32)
	walk = func(i int32) {
		if i == noChild {
			return
		}
		if n := &t.sparse[i]; n.region != noChild {
			out = append(out, n.region)
		} else {
			walk(n.left)
			walk(n.right)
		}
	}
	walk(0)
	return out
}

func (t *Tree) verifyRegion(r *regionTree) error {
	var mu sync.Mutex
	var first *MismatchError
	record := func(e *MismatchError, key uint64) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil || key < uint64(first.Page) {
			first = e
		}
	}
	base := uint64(1) << r.nodes.height
	parallelFor(t.workers, int(r.pages), pageGrain, func(lo, hi int) {
		for p := uint64(lo); p < uint64(hi); p++ {
			computed := t.f.hashPage(r.Data[p*PageSize : (p+1)*PageSize])
			if stored := r.nodes.get(base + p); stored != computed {
				record(&MismatchError{Region: r.label(), Page: int64(p), Address: r.Start + p*PageSize,
					Log2Size: Log2PageSize, Stored: stored, Computed: computed}, p)
				return
			}
		}
	})
	if first != nil {
		return first
	}
	// Pages in the rounding tail are never written; inner nodes must match their children.
	for i := base - 1; i >= 1; i-- {
		left, right := r.nodes.get(2*i), r.nodes.get(2*i+1)
		log2Size := r.nodes.log2SizeOf(i)
		computed := t.f.concatOrPristine(&left, &right, log2Size-1)
		if stored := r.nodes.get(i); stored != computed {
			depth := r.nodes.height - (log2Size - Log2PageSize)
			return &MismatchError{Region: r.label(), Page: -1, Address: r.Start + (i-1<<depth)<<log2Size,
				Log2Size: log2Size, Stored: stored, Computed: computed}
		}
	}
	return nil
}

func (t *Tree) verifySparse(index int32, address uint64) error {
	n := &t.sparse[index]
	if n.region != noChild {
		if root := t.regions[n.region].nodes.get(1); root != n.hash {
			return &MismatchError{Region: "sparse tree", Page: -1, Address: address, Log2Size: int(n.log2Size), Stored: n.hash, Computed: root}
		}
		return nil
	}
	child := int(n.log2Size) - 1
	if n.left != noChild {
		if err := t.verifySparse(n.left, address); err != nil {
			return err
		}
	}
	if n.right != noChild {
		if err := t.verifySparse(n.right, address+1<<child); err != nil {
			return err
		}
	}
	if computed := t.f.Concat(t.sparseHash(n.left, child), t.sparseHash(n.right, child)); computed != n.hash {
		return &MismatchError{Region: "sparse tree", Page: -1, Address: address, Log2Size: int(n.log2Size), Stored: n.hash, Computed: computed}
	}
	return nil
}

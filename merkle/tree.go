package merkle

import (
	"errors"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
)

// Region is one hashed memory range of the machine.
type Region struct {
	Name   string   // names the region in errors ("ram", "flash0"); optional
	Start  uint64   // aligned to Length rounded up to a power of two (>= 4096)
	Length uint64   // a positive multiple of 4096
	Data   []byte   // len == Length: the live bytes (mmap'd by the machine); the tree only reads them
	Dirty  *PageSet // pages that may have changed since the last Update; New makes one when nil
}

func (r *Region) label() string {
	if r.Name != "" {
		return fmt.Sprintf("region %q [%#x, +%#x)", r.Name, r.Start, r.Length)
	}
	return fmt.Sprintf("region [%#x, +%#x)", r.Start, r.Length)
}

// roundedLength returns Length rounded up to a power of two (Length must be positive).
func (r *Region) roundedLength() uint64 { return 1 << bits.Len64(r.Length-1) }

// regionTree is a region with its dense node store.
type regionTree struct {
	Region
	pages   uint64
	nodes   nodeStore
	changed bool // its root moved since the sparse tree was last refreshed
}

// sparseNode is a node of the tree above the regions. A child index of noChild is a pristine
// subtree; a node with region >= 0 is that region's root and has no children here.
type sparseNode struct {
	hash        Hash
	left, right int32
	region      int32
	log2Size    int8
}

const noChild = -1

// Tree is the Merkle tree of the 2^64-byte state: dense stores per region from the page level up,
// and a sparse tree above them. It is not safe for concurrent use.
type Tree struct {
	f       HashFunction
	regions []*regionTree // in the caller's order
	sparse  []sparseNode  // sparse[0] is the root
	workers int

	// reused between updates so that small updates do not allocate
	jobs    []pageJob
	results []Hash // page hashes of one update
	inner   []Hash // inner hashes of one level of climb
	indices []uint64
}

type pageJob struct {
	region int32
	page   uint64
}

// Errors returned by New, NodeHash and Proof.
var (
	ErrBadRegion  = errors.New("invalid region")
	ErrBadNode    = errors.New("invalid node")
	ErrBadHashFun = errors.New("invalid hash function")
)

// New builds the tree over regions with hash function f. Every page starts out pristine (all
// zero) unless its region's Dirty set marks it, so after loading images mark what was loaded and
// the first Update hashes it. It checks that each region has a positive page-multiple length,
// data of that length, a start aligned to its length rounded up to a power of two, an end within
// 2^56, and no overlap with another region even after rounding; errors name the region.
func New(f HashFunction, regions []Region) (*Tree, error) {
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadHashFun, err)
	}
	t := &Tree{f: f, workers: runtime.GOMAXPROCS(0)}
	for i := range regions {
		r := regions[i]
		if err := checkRegion(&r); err != nil {
			return nil, err
		}
		pages := r.Length / PageSize
		if r.Dirty == nil {
			r.Dirty = NewPageSet(pages)
		}
		height := bits.Len64(pages - 1)
		t.regions = append(t.regions, &regionTree{Region: r, pages: pages, nodes: newNodeStore(f, height)})
	}
	order := make([]int, len(t.regions))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmpUint64(t.regions[a].Start, t.regions[b].Start)
	})
	for k := 1; k < len(order); k++ {
		prev, cur := &t.regions[order[k-1]].Region, &t.regions[order[k]].Region
		if prev.Start+prev.roundedLength() > cur.Start {
			return nil, fmt.Errorf("%w: %s overlaps %s once lengths are rounded up to powers of two",
				ErrBadRegion, cur.label(), prev.label())
		}
	}
	if t.buildSparse(0, Log2RootSize, order) == noChild {
		// No regions: the root alone, pristine, so lookups need no special case.
		t.sparse = []sparseNode{{hash: pristineTables[f][Log2RootSize], left: noChild, right: noChild, region: noChild, log2Size: Log2RootSize}}
	}
	for i := range t.regions {
		t.regions[i].changed = true
	}
	t.refreshSparse(0)
	return t, nil
}

func cmpUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func checkRegion(r *Region) error {
	switch {
	case r.Length == 0 || r.Length%PageSize != 0:
		return fmt.Errorf("%w: %s: length %#x is not a positive multiple of %#x", ErrBadRegion, r.label(), r.Length, PageSize)
	case uint64(len(r.Data)) != r.Length:
		return fmt.Errorf("%w: %s: data has %#x bytes, want %#x", ErrBadRegion, r.label(), len(r.Data), r.Length)
	case r.Length > 1<<MaxAddressBits:
		return fmt.Errorf("%w: %s: length exceeds 2^%d", ErrBadRegion, r.label(), MaxAddressBits)
	}
	rounded := r.roundedLength()
	switch {
	case r.Start%rounded != 0:
		return fmt.Errorf("%w: %s: start is not aligned to %#x (the length rounded up to a power of two)", ErrBadRegion, r.label(), rounded)
	case r.Start > 1<<MaxAddressBits-rounded:
		return fmt.Errorf("%w: %s: end %#x (rounded) is beyond 2^%d", ErrBadRegion, r.label(), r.Start+rounded, MaxAddressBits)
	}
	if r.Dirty != nil && r.Dirty.Len() != r.Length/PageSize {
		return fmt.Errorf("%w: %s: dirty set covers %d pages, want %d", ErrBadRegion, r.label(), r.Dirty.Len(), r.Length/PageSize)
	}
	return nil
}

// buildSparse appends the node spanning [address, address+2^log2Size) over the regions in order
// (sorted by start, all inside the span) and returns its index, or noChild when the span is empty.
func (t *Tree) buildSparse(address uint64, log2Size int, order []int) int32 {
	if len(order) == 0 {
		return noChild
	}
	index := int32(len(t.sparse))
	t.sparse = append(t.sparse, sparseNode{left: noChild, right: noChild, region: noChild, log2Size: int8(log2Size)})
	if len(order) == 1 {
		r := t.regions[order[0]]
		if r.Start == address && bits.Len64(r.roundedLength())-1 == log2Size {
			t.sparse[index].region = int32(order[0])
			return index
		}
	}
	half := uint64(1) << (log2Size - 1)
	split, _ := slices.BinarySearchFunc(order, address+half, func(i int, mid uint64) int {
		return cmpUint64(t.regions[i].Start, mid)
	})
	left := t.buildSparse(address, log2Size-1, order[:split])
	right := t.buildSparse(address+half, log2Size-1, order[split:])
	t.sparse[index].left, t.sparse[index].right = left, right
	return index
}

// sparseHash returns the hash of the sparse child at index, of log2 size log2Size.
func (t *Tree) sparseHash(index int32, log2Size int) *Hash {
	if index == noChild {
		return &pristineTables[t.f][log2Size]
	}
	return &t.sparse[index].hash
}

// refreshSparse rehashes the sparse nodes above changed regions and reports whether node index moved.
func (t *Tree) refreshSparse(index int32) bool {
	n := &t.sparse[index]
	if n.region != noChild {
		r := t.regions[n.region]
		if !r.changed {
			return false
		}
		r.changed = false
		n.hash = r.nodes.get(1)
		return true
	}
	moved := false
	if n.left != noChild && t.refreshSparse(n.left) {
		moved = true
	}
	if n.right != noChild && t.refreshSparse(n.right) {
		moved = true
	}
	if moved {
		child := int(n.log2Size) - 1
		n.hash = t.f.Concat(t.sparseHash(n.left, child), t.sparseHash(n.right, child))
	}
	return moved
}

// HashFunction returns the tree's hash function.
func (t *Tree) HashFunction() HashFunction { return t.f }

// Regions returns copies of the regions, in the order given to New (Dirty filled in).
func (t *Tree) Regions() []Region {
	out := make([]Region, len(t.regions))
	for i, r := range t.regions {
		out[i] = r.Region
	}
	return out
}

// SetWorkers sets how many goroutines Update may use; n <= 0 means runtime.GOMAXPROCS(0), 1 is serial.
// The hashes do not depend on it.
func (t *Tree) SetWorkers(n int) {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	t.workers = n
}

// pageGrain is how many pages a worker claims at a time: small, since one page is already ~10^4 ns.
const pageGrain = 4

// innerGrain is how many inner nodes a worker claims at a time.
const innerGrain = 256

// Update rehashes the pages marked in the regions' Dirty sets, clears the marks, and rehashes the
// paths above them up to the root. All-zero pages take the pristine hash without hashing. Pages are
// hashed on up to SetWorkers goroutines; each result goes to its own slot, so the tree is the same
// bytes as a serial run.
func (t *Tree) Update() {
	jobs := t.jobs[:0]
	for ri, r := range t.regions {
		first := len(t.indices)
		t.indices = r.Dirty.drain(t.indices)
		for _, page := range t.indices[first:] {
			jobs = append(jobs, pageJob{region: int32(ri), page: page})
		}
		t.indices = t.indices[:first]
	}
	t.jobs = jobs
	if len(jobs) == 0 {
		return
	}
	results := slices.Grow(t.results[:0], len(jobs))[:len(jobs)]
	t.results = results
	if serial(t.workers, len(jobs), pageGrain) {
		t.hashPages(results, jobs)
	} else {
		parallelFor(t.workers, len(jobs), pageGrain, func(lo, hi int) {
			t.hashPages(results[lo:hi], jobs[lo:hi])
		})
	}
	// Jobs are grouped by region, pages ascending: store each region's results and climb its tree.
	for lo := 0; lo < len(jobs); {
		hi := lo
		for hi < len(jobs) && jobs[hi].region == jobs[lo].region {
			hi++
		}
		r := t.regions[jobs[lo].region]
		indices := t.indices[:0]
		base := uint64(1) << r.nodes.height
		for j := lo; j < hi; j++ {
			// A marked page whose bytes did not change (a page that only sat in the write TLB)
			// leaves the nodes above it alone.
			if i := base + jobs[j].page; r.nodes.get(i) != results[j] {
				r.nodes.set(i, results[j])
				indices = append(indices, i)
			}
		}
		if len(indices) > 0 {
			t.indices = t.climb(r, indices)
			r.changed = r.changed || len(t.indices) > 0 // the region's root moved
		}
		lo = hi
	}
	t.refreshSparse(0)
}

// hashPages sets results[j] to the hash of the page of jobs[j].
func (t *Tree) hashPages(results []Hash, jobs []pageJob) {
	for j := range jobs {
		r := t.regions[jobs[j].region]
		offset := jobs[j].page * PageSize
		results[j] = t.f.hashPage(r.Data[offset : offset+PageSize])
	}
}

// climb rehashes the ancestors of the heap indices (ascending, all at one depth, nodes that
// changed) up to the root, stopping along paths where a parent comes out unchanged.
func (t *Tree) climb(r *regionTree, indices []uint64) []uint64 {
	for log2Child := Log2PageSize; log2Child < Log2PageSize+r.nodes.height && len(indices) > 0; log2Child++ {
		parents := indices[:0]
		for _, i := range indices {
			if len(parents) == 0 || parents[len(parents)-1] != i/2 {
				parents = append(parents, i/2)
			}
		}
		results := slices.Grow(t.inner[:0], len(parents))[:len(parents)]
		t.inner = results
		if serial(t.workers, len(parents), innerGrain) {
			t.f.hashChildren(results, parents, &r.nodes, log2Child)
		} else {
			parallelFor(t.workers, len(parents), innerGrain, func(lo, hi int) {
				t.f.hashChildren(results[lo:hi], parents[lo:hi], &r.nodes, log2Child)
			})
		}
		changed := parents[:0]
		for j, p := range parents {
			if r.nodes.get(p) != results[j] {
				r.nodes.set(p, results[j])
				changed = append(changed, p)
			}
		}
		indices = changed
	}
	return indices
}

// RootHash brings the tree up to date and returns the root hash of the whole state.
func (t *Tree) RootHash() Hash {
	t.Update()
	return t.sparse[0].hash
}

// checkNode validates a node's log2 size and alignment.
func checkNode(address uint64, log2Size int) error {
	if log2Size < Log2WordSize || log2Size > Log2RootSize {
		return fmt.Errorf("%w: log2 size %d: want %d to %d", ErrBadNode, log2Size, Log2WordSize, Log2RootSize)
	}
	if log2Size < Log2RootSize && address&(1<<log2Size-1) != 0 || log2Size == Log2RootSize && address != 0 {
		return fmt.Errorf("%w: address %#x is not aligned to 2^%d", ErrBadNode, address, log2Size)
	}
	return nil
}

// NodeHash brings the tree up to date and returns the hash of the node spanning
// [address, address+2^log2Size), for log2Size 5 to 64 and address aligned to 2^log2Size.
func (t *Tree) NodeHash(address uint64, log2Size int) (Hash, error) {
	if err := checkNode(address, log2Size); err != nil {
		return Hash{}, err
	}
	t.Update()
	return t.nodeHash(address, log2Size), nil
}

// nodeHash looks up a valid node in an up-to-date tree. Nodes below the page level are rehashed
// from the region's bytes.
func (t *Tree) nodeHash(address uint64, log2Size int) Hash {
	index := int32(0)
	for size := Log2RootSize; ; {
		n := &t.sparse[index]
		if size == log2Size {
			return n.hash
		}
		if n.region != noChild {
			return t.regions[n.region].nodeHash(t.f, address, log2Size)
		}
		size--
		if address&(1<<size) == 0 {
			index = n.left
		} else {
			index = n.right
		}
		if index == noChild {
			return pristineTables[t.f][log2Size]
		}
	}
}

// nodeHash returns the hash of a node inside the region's rounded span and smaller than it.
func (r *regionTree) nodeHash(f HashFunction, address uint64, log2Size int) Hash {
	offset := address - r.Start
	if log2Size >= Log2PageSize {
		depth := r.nodes.height - (log2Size - Log2PageSize)
		return r.nodes.get(1<<depth + offset>>log2Size)
	}
	if offset/PageSize >= r.pages {
		return pristineTables[f][log2Size]
	}
	return f.hashSpan(r.Data[offset : offset+1<<log2Size])
}

// Clone brings t up to date and returns a tree with the same node hashes over new data views of the
// same layout (the machine's fork gives copy-on-write views of the same bytes). The node stores are
// shared chunk by chunk and copied on first write by either tree, so Clone costs a few pointer copies.
// regions must match t's in count, order, start and length (a mismatch is a bug in the caller and
// panics); their Dirty sets start the clone's marks (nil means none). After Clone returns, t and the
// clone may be used from different goroutines.
func (t *Tree) Clone(regions []Region) *Tree {
	t.Update()
	if len(regions) != len(t.regions) {
		panic(fmt.Sprintf("merkle: Clone with %d regions, tree has %d", len(regions), len(t.regions)))
	}
	c := &Tree{f: t.f, workers: t.workers, sparse: slices.Clone(t.sparse)}
	for i, old := range t.regions {
		r := regions[i]
		if r.Start != old.Start || r.Length != old.Length || uint64(len(r.Data)) != r.Length ||
			r.Dirty != nil && r.Dirty.Len() != old.pages {
			panic(fmt.Sprintf("merkle: Clone: %s does not match %s", r.label(), old.label()))
		}
		if r.Dirty == nil {
			r.Dirty = NewPageSet(old.pages)
		}
		c.regions = append(c.regions, &regionTree{Region: r, pages: old.pages, nodes: old.nodes.share()})
	}
	return c
}

// RootHashOf hashes regions from scratch, every page treated as dirty, on the given number of
// goroutines (<= 0: runtime.GOMAXPROCS(0); 1: serial), and returns the root. The regions' Dirty sets
// are neither read nor cleared. It is the full recompute that tests and benchmarks compare against.
func RootHashOf(f HashFunction, regions []Region, workers int) (Hash, error) {
	fresh := make([]Region, len(regions))
	for i, r := range regions {
		r.Dirty = nil
		if err := checkRegion(&r); err != nil {
			return Hash{}, err
		}
		r.Dirty = NewPageSet(r.Length / PageSize)
		r.Dirty.MarkAll()
		fresh[i] = r
	}
	t, err := New(f, fresh)
	if err != nil {
		return Hash{}, err
	}
	t.SetWorkers(workers)
	return t.RootHash(), nil
}

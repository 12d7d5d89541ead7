package merkle

import "math/bits"

// nodeStore holds the dense tree of one region from the page level up, in heap order: index 1 is
// the region's root, the children of i are 2i and 2i+1, and page p is at 2^height + p. The array
// is cut into chunks of 2^log2Chunk hashes so that Clone can share them:
//   - a nil chunk means every node in it is pristine (big untouched regions cost no memory);
//   - a chunk flagged shared is also referenced by another tree and is copied before a write.
//
// Chunk 0 holds the top depths; every other chunk lies inside one depth of the heap.
type nodeStore struct {
	f         HashFunction
	height    int // log2 of the page count rounded up to a power of two
	log2Chunk int
	chunks    [][]Hash
	shared    []bool
}

const maxLog2Chunk = 11 // 2048 hashes, 64 KiB

func newNodeStore(f HashFunction, height int) nodeStore {
	log2Chunk := min(maxLog2Chunk, height+1) // the heap has 2^(height+1) slots, slot 0 unused
	count := 1 << (height + 1 - log2Chunk)
	return nodeStore{f: f, height: height, log2Chunk: log2Chunk, chunks: make([][]Hash, count), shared: make([]bool, count)}
}

// log2SizeOf returns the log2 byte size of the node at heap index i.
func (s *nodeStore) log2SizeOf(i uint64) int {
	depth := bits.Len64(i) - 1
	return Log2PageSize + s.height - depth
}

// get returns the hash at heap index i.
func (s *nodeStore) get(i uint64) Hash {
	chunk := s.chunks[i>>s.log2Chunk]
	if chunk == nil {
		return pristineTables[s.f][s.log2SizeOf(i)]
	}
	return chunk[i&(1<<s.log2Chunk-1)]
}

// set stores h at heap index i, materialising or unsharing its chunk first. It must not run
// concurrently with anything else on the store.
func (s *nodeStore) set(i uint64, h Hash) {
	c := i >> s.log2Chunk
	chunk := s.chunks[c]
	switch {
	case chunk == nil:
		if h == pristineTables[s.f][s.log2SizeOf(i)] {
			return
		}
		chunk = make([]Hash, 1<<s.log2Chunk)
		base := c << s.log2Chunk
		for j := range chunk {
			if base+uint64(j) != 0 {
				chunk[j] = pristineTables[s.f][s.log2SizeOf(base+uint64(j))]
			}
		}
		s.chunks[c] = chunk
		s.shared[c] = false
	case s.shared[c]:
		chunk = append([]Hash(nil), chunk...)
		s.chunks[c] = chunk
		s.shared[c] = false
	}
	chunk[i&(1<<s.log2Chunk-1)] = h
}

// share returns a store that references the same chunks, and flags them shared in both.
func (s *nodeStore) share() nodeStore {
	for c := range s.shared {
		s.shared[c] = s.chunks[c] != nil
	}
	clone := *s
	clone.chunks = append([][]Hash(nil), s.chunks...)
	clone.shared = append([]bool(nil), s.shared...)
	return clone
}

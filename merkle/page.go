package merkle

import (
	"bytes"
	"sync"
	"sync/atomic"
)

// zeroPage is compared against, never written.
var zeroPage [PageSize]byte

// hashLeaves sets out[i] = H(words[32i : 32i+32]).
func (f HashFunction) hashLeaves(out []Hash, words []byte) {
	if f == Keccak256 {
		keccakLeaves(bestKeccakWay, out, words)
		return
	}
	for i := range out {
		out[i] = f.Leaf((*[WordSize]byte)(words[i*WordSize:]))
	}
}

// hashPairs sets out[i] = H(in[2i] || in[2i+1]). out may be in[:len(in)/2]: out[i] is written only
// after in[2i] and in[2i+1] are read, and later reads are at higher indices.
func (f HashFunction) hashPairs(out []Hash, in []Hash) {
	if f == Keccak256 {
		keccakPairs(bestKeccakWay, out, in)
		return
	}
	for i := range out {
		out[i] = f.Concat(&in[2*i], &in[2*i+1])
	}
}

// hashSpan returns the node hash of data, whose length is a power of two from 32 to 4096.
func (f HashFunction) hashSpan(data []byte) Hash {
	var level [wordsPerPage]Hash
	n := len(data) / WordSize
	f.hashLeaves(level[:n], data)
	for ; n > 1; n /= 2 {
		f.hashPairs(level[:n/2], level[:n])
	}
	return level[0]
}

// hashPage returns the hash of one 4 KiB page; an all-zero page costs a comparison, not 255 hashes.
func (f HashFunction) hashPage(page []byte) Hash {
	if bytes.Equal(page[:PageSize], zeroPage[:]) {
		return pristineTables[f][Log2PageSize]
	}
	return f.hashSpan(page[:PageSize])
}

// concatOrPristine returns H(left || right) for two children of log2 size log2Child, skipping the
// hash when both are pristine.
func (f HashFunction) concatOrPristine(left, right *Hash, log2Child int) Hash {
	p := &pristineTables[f][log2Child]
	if *left == *p && *right == *p {
		return pristineTables[f][log2Child+1]
	}
	return f.Concat(left, right)
}

// hashChildren sets out[j] to the hash of the children of heap index parents[j], whose log2 size
// is log2Child, eight pairs at a time; pairs of pristine children take the pristine parent hash
// without hashing.
func (f HashFunction) hashChildren(out []Hash, parents []uint64, nodes *nodeStore, log2Child int) {
	var pairs [16]Hash
	var hashes [8]Hash
	var slots [8]int
	n := 0
	flush := func() {
		f.hashPairs(hashes[:n], pairs[:2*n])
		for k := 0; k < n; k++ {
			out[slots[k]] = hashes[k]
		}
		n = 0
	}
	pristine := &pristineTables[f][log2Child]
	for j, p := range parents {
		pairs[2*n], pairs[2*n+1] = nodes.get(2*p), nodes.get(2*p+1)
		if pairs[2*n] == *pristine && pairs[2*n+1] == *pristine {
			out[j] = pristineTables[f][log2Child+1]
			continue
		}
		slots[n] = j
		n++
		if n == len(slots) {
			flush()
		}
	}
	if n > 0 {
		flush()
	}
}

// serial reports whether parallelFor would run n items inline.
func serial(workers, n, grain int) bool { return workers <= 1 || n <= grain }

// parallelFor runs fn over [0, n) split into pieces of at most grain items, on up to workers
// goroutines. Each index is handled exactly once, so when fn(lo, hi) writes only results lo..hi-1
// the outcome does not depend on scheduling. With one worker or one piece it runs inline.
//
// Callers that may run inline should test serial first: a closure handed to parallelFor escapes,
// which costs an allocation even when no goroutine starts.
func parallelFor(workers, n, grain int, fn func(lo, hi int)) {
	if n <= 0 {
		return
	}
	if serial(workers, n, grain) {
		fn(0, n)
		return
	}
	pieces := (n + grain - 1) / grain
	workers = min(workers, pieces)
	var next atomic.Int64
	var wg sync.WaitGroup
	work := func() {
		for {
			piece := int(next.Add(1) - 1)
			if piece >= pieces {
				return
			}
			lo := piece * grain
			fn(lo, min(lo+grain, n))
		}
	}
	wg.Add(workers - 1)
	for range workers - 1 {
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}

package merkle

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	gethkeccak "github.com/ethereum/go-ethereum/crypto/keccak"
)

// Benchmarks over one 512 MiB region of random bytes:
//
//	go test -run XXX -bench . -benchtime 1x ./merkle       (full roots take seconds per op)
//	go test -run XXX -bench 'Rehash|Hash(Leaf|Concat)' ./merkle
const benchBytes = 512 << 20

var benchData = sync.OnceValue(func() []byte {
	data := make([]byte, benchBytes)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < len(data); i += 8 {
		v := rng.Uint64()
		for j := range 8 {
			data[i+j] = byte(v >> (8 * j))
		}
	}
	return data
})

// benchPage is one page of random bytes, without building the 512 MiB buffer.
func benchPage() []byte {
	page := make([]byte, PageSize)
	rng := rand.New(rand.NewPCG(3, 3))
	for i := range page {
		page[i] = byte(rng.Uint32())
	}
	return page
}

func benchRegion() []Region {
	return []Region{{Name: "ram", Start: 0x80000000, Length: benchBytes, Data: benchData()}}
}

// BenchmarkFullRoot hashes 512 MiB from scratch (every page dirty), serial and on all cores.
func BenchmarkFullRoot(b *testing.B) {
	for _, f := range []HashFunction{Keccak256, SHA256, Blake3} {
		for _, workers := range []int{1, 0} {
			name := fmt.Sprintf("%v/workers=%d", f, workers)
			if workers == 0 {
				name = fmt.Sprintf("%v/workers=all", f)
			}
			b.Run(name, func(b *testing.B) {
				regions := benchRegion()
				b.SetBytes(benchBytes)
				b.ResetTimer()
				for range b.N {
					if _, err := RootHashOf(f, regions, workers); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkRawKeccak is the throughput of plain Keccak-256 over the same 512 MiB as one message on
// one core (go-ethereum's assembly permutation): the floor that tree hashing, with ~8.5x more
// permutations per byte, is measured against.
func BenchmarkRawKeccak(b *testing.B) {
	data := benchData()
	b.SetBytes(benchBytes)
	b.ResetTimer()
	for range b.N {
		d := gethkeccak.NewLegacyKeccak256()
		d.Write(data)
		d.Sum(nil)
	}
}

// BenchmarkRehash touches k random pages of the 512 MiB region (one byte each, marked) and updates
// the root. MB/s counts the touched pages' bytes.
func BenchmarkRehash(b *testing.B) {
	for _, k := range []int{1, 100, 10000} {
		for _, workers := range []int{1, 0} {
			name := fmt.Sprintf("k=%d/workers=%d", k, workers)
			if workers == 0 {
				name = fmt.Sprintf("k=%d/workers=all", k)
			}
			b.Run(name, func(b *testing.B) {
				data := append([]byte(nil), benchData()...)
				regions := []Region{{Name: "ram", Start: 0x80000000, Length: benchBytes, Data: data}}
				tree, err := New(Keccak256, regions)
				if err != nil {
					b.Fatal(err)
				}
				tree.SetWorkers(workers)
				tree.Regions()[0].Dirty.MarkAll()
				tree.RootHash()
				dirty := tree.Regions()[0].Dirty
				rng := rand.New(rand.NewPCG(2, 2))
				pages := uint64(benchBytes / PageSize)
				b.SetBytes(int64(k) * PageSize)
				b.ResetTimer()
				// Touching and marking stay inside the timing (a few ns per page against ~10 us to
				// hash it); StopTimer would cost more than a small update.
				for range b.N {
					for range k {
						page := rng.Uint64N(pages)
						data[page*PageSize+rng.Uint64N(PageSize)]++
						dirty.Mark(page)
					}
					tree.Update()
				}
			})
		}
	}
}

// BenchmarkHashLeaf and BenchmarkHashConcat time one 32- and one 64-byte hash.
func BenchmarkHashLeaf(b *testing.B) {
	for _, f := range []HashFunction{Keccak256, SHA256, Blake3} {
		b.Run(f.String(), func(b *testing.B) {
			var w [32]byte
			b.SetBytes(32)
			for range b.N {
				h := f.Leaf(&w)
				w = h
			}
		})
	}
}

func BenchmarkHashConcat(b *testing.B) {
	for _, f := range []HashFunction{Keccak256, SHA256, Blake3} {
		b.Run(f.String(), func(b *testing.B) {
			var l, r Hash
			b.SetBytes(64)
			for range b.N {
				l = f.Concat(&l, &r)
			}
		})
	}
}

// BenchmarkHashPage times one 4 KiB page (128 leaves and 127 inner hashes).
func BenchmarkHashPage(b *testing.B) {
	page := benchPage()
	for _, f := range []HashFunction{Keccak256, SHA256, Blake3} {
		b.Run(f.String(), func(b *testing.B) {
			b.SetBytes(PageSize)
			for range b.N {
				f.hashPage(page)
			}
		})
	}
}

// BenchmarkHashPageKeccak times one page on each Keccak path this CPU has: way=8 (AVX-512),
// way=4 (AVX2), way=1 (portable Go, one hash at a time).
func BenchmarkHashPageKeccak(b *testing.B) {
	page := benchPage()
	for _, way := range keccakWays() {
		b.Run(fmt.Sprintf("way=%d", way), func(b *testing.B) {
			b.SetBytes(PageSize)
			var level [wordsPerPage]Hash
			for range b.N {
				keccakLeaves(way, level[:], page)
				for n := wordsPerPage / 2; n >= 1; n /= 2 {
					keccakPairs(way, level[:n], level[:2*n])
				}
			}
		})
	}
}

// BenchmarkClone clones the tree of a fully hashed 512 MiB region.
func BenchmarkClone(b *testing.B) {
	regions := benchRegion()
	tree, _ := New(Keccak256, regions)
	tree.Regions()[0].Dirty.MarkAll()
	tree.RootHash()
	views := []Region{{Name: "ram", Start: regions[0].Start, Length: regions[0].Length, Data: regions[0].Data}}
	b.ResetTimer()
	for range b.N {
		tree.Clone(views)
	}
}

package merkle

import (
	"crypto/sha256"
	"testing"

	gethkeccak "github.com/ethereum/go-ethereum/crypto/keccak"
	"github.com/zeebo/blake3"
)

// refHash hashes data with an implementation that is not this package's: go-ethereum's Keccak-256,
// the standard library's SHA-256, zeebo's BLAKE3.
func refHash(f HashFunction, data ...[]byte) Hash {
	var all []byte
	for _, d := range data {
		all = append(all, d...)
	}
	var h Hash
	switch f {
	case Keccak256:
		d := gethkeccak.NewLegacyKeccak256()
		d.Write(all)
		d.Sum(h[:0])
	case SHA256:
		h = sha256.Sum256(all)
	case Blake3:
		h = blake3.Sum256(all)
	default:
		panic("refHash: bad hash function")
	}
	return h
}

// refTree is a plain recursive model of the state tree: the bytes of each region, zeros
// elsewhere, hashed by the definition with no storage and no shortcuts except that a span holding
// no region bytes is pristine, whose hash the model computes by its own loop.
type refTree struct {
	f        HashFunction
	regions  []Region
	pristine [65]Hash
	memo     map[[2]uint64]Hash // node results, so repeated queries do not rehash a region
}

func newRefTree(f HashFunction, regions []Region) *refTree {
	m := &refTree{f: f, regions: regions, memo: map[[2]uint64]Hash{}}
	m.pristine[5] = refHash(f, make([]byte, 32))
	for k := 5; k < 64; k++ {
		m.pristine[k+1] = refHash(f, m.pristine[k][:], m.pristine[k][:])
	}
	return m
}

// word returns the 32 bytes at address.
func (m *refTree) word(address uint64) []byte {
	for _, r := range m.regions {
		if address >= r.Start && address-r.Start < r.Length {
			return r.Data[address-r.Start : address-r.Start+32]
		}
	}
	return make([]byte, 32)
}

// touches reports whether [address, address+2^log2Size) holds a byte of some region.
func (m *refTree) touches(address uint64, log2Size int) bool {
	last := address + (1<<log2Size - 1) // log2Size == 64 wraps to the last address, as wanted
	for _, r := range m.regions {
		if r.Start <= last && address <= r.Start+r.Length-1 {
			return true
		}
	}
	return false
}

func (m *refTree) node(address uint64, log2Size int) Hash {
	if !m.touches(address, log2Size) {
		return m.pristine[log2Size]
	}
	if log2Size == 5 {
		return refHash(m.f, m.word(address))
	}
	key := [2]uint64{address, uint64(log2Size)}
	if h, ok := m.memo[key]; ok {
		return h
	}
	half := uint64(1) << (log2Size - 1)
	left, right := m.node(address, log2Size-1), m.node(address+half, log2Size-1)
	h := refHash(m.f, left[:], right[:])
	m.memo[key] = h
	return h
}

func (m *refTree) root() Hash { return m.node(0, 64) }

// TestRefTreeSelfCheck pins the model to facts that do not depend on it: an empty state is P[64],
// and a state with one non-zero word at 0 has the word's leaf at the bottom of a left spine.
func TestRefTreeSelfCheck(t *testing.T) {
	m := newRefTree(Keccak256, nil)
	if m.root() != m.pristine[64] {
		t.Fatal("empty model root is not P[64]")
	}
	data := make([]byte, PageSize)
	data[0] = 1
	m = newRefTree(Keccak256, []Region{{Start: 0, Length: PageSize, Data: data}})
	h := refHash(Keccak256, data[:32])
	for k := 5; k < 64; k++ {
		h = refHash(Keccak256, h[:], m.pristine[k][:])
	}
	if m.root() != h {
		t.Fatal("model root of one word at address 0 is not its left spine")
	}
}

package merkle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/zeebo/blake3"
)

// Hash is a node hash of the state tree.
type Hash [32]byte

// String returns the hash as 64 lowercase hex digits, without a prefix.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// ParseHash reads 64 hex digits, with or without a leading "0x".
func ParseHash(s string) (Hash, error) {
	var h Hash
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(digits) != 2*len(h) {
		return h, fmt.Errorf("hash %q: want %d hex digits, have %d", s, 2*len(h), len(digits))
	}
	if _, err := hex.Decode(h[:], []byte(digits)); err != nil {
		return h, fmt.Errorf("hash %q: %w", s, err)
	}
	return h, nil
}

// HashFunction selects the hash of leaves and inner nodes.
type HashFunction uint8

const (
	// Keccak256 is Keccak-256 with the original Keccak padding (0x01), as Ethereum uses it; not
	// SHA3-256. It is the reference's default and rivet's.
	Keccak256 HashFunction = iota
	// SHA256 is SHA-256 (FIPS 180-4), the reference's other choice.
	SHA256
	// Blake3 is the plain 32-byte BLAKE3 hash of the leaf's 32 bytes or the node's 64 bytes. It is
	// rivet-only: root hashes made with it are outside compatibility with the Cartesi Machine.
	Blake3
	hashFunctionCount
)

// ParseHashFunction reads a hash function name as String writes it.
func ParseHashFunction(s string) (HashFunction, error) {
	switch s {
	case "keccak256":
		return Keccak256, nil
	case "sha256":
		return SHA256, nil
	case "blake3":
		return Blake3, nil
	}
	return 0, fmt.Errorf("hash function %q: want keccak256, sha256 or blake3", s)
}

// String returns "keccak256", "sha256" or "blake3".
func (f HashFunction) String() string {
	switch f {
	case Keccak256:
		return "keccak256"
	case SHA256:
		return "sha256"
	case Blake3:
		return "blake3"
	}
	return fmt.Sprintf("HashFunction(%d)", uint8(f))
}

// Valid reports whether f is one of the defined hash functions.
func (f HashFunction) Valid() bool { return f < hashFunctionCount }

// Compatible reports whether trees made with f can match the Cartesi Machine's (false for Blake3).
func (f HashFunction) Compatible() bool { return f == Keccak256 || f == SHA256 }

func (f HashFunction) check() error {
	if !f.Valid() {
		return fmt.Errorf("hash function %d: not defined", uint8(f))
	}
	return nil
}

// Leaf returns H(word), the hash of a 32-byte leaf. It panics if f is not Valid.
func (f HashFunction) Leaf(word *[32]byte) Hash {
	switch f {
	case Keccak256:
		return keccakWord(word)
	case SHA256:
		return sha256.Sum256(word[:])
	case Blake3:
		return blake3.Sum256(word[:])
	}
	panic(fmt.Sprintf("merkle: Leaf with undefined %v", f))
}

// Concat returns H(left || right), the hash of an inner node. It panics if f is not Valid.
func (f HashFunction) Concat(left, right *Hash) Hash {
	switch f {
	case Keccak256:
		return keccakPair(left, right)
	case SHA256, Blake3:
		var buf [64]byte
		copy(buf[:32], left[:])
		copy(buf[32:], right[:])
		if f == SHA256 {
			return sha256.Sum256(buf[:])
		}
		return blake3.Sum256(buf[:])
	}
	panic(fmt.Sprintf("merkle: Concat with undefined %v", f))
}

// Tree geometry (bytes are addressed by 64-bit physical addresses).
const (
	Log2WordSize = 5  // leaves are 32-byte words
	Log2PageSize = 12 // dirty tracking and dense storage start at 4 KiB pages
	Log2RootSize = 64 // the tree spans the whole 64-bit address space
	WordSize     = 1 << Log2WordSize
	PageSize     = 1 << Log2PageSize
	// MaxAddressBits bounds every hashed range: start + length rounded up must fit in 56 bits.
	MaxAddressBits = 56
	wordsPerPage   = PageSize / WordSize
)

// pristineTables holds P[5..64] for each hash function. It is computed once at package
// initialisation and never written again.
var pristineTables = func() (tables [hashFunctionCount][Log2RootSize + 1]Hash) {
	for f := HashFunction(0); f < hashFunctionCount; f++ {
		var zero [32]byte
		tables[f][Log2WordSize] = f.Leaf(&zero)
		for k := Log2WordSize; k < Log2RootSize; k++ {
			tables[f][k+1] = f.Concat(&tables[f][k], &tables[f][k])
		}
	}
	return tables
}()

// Pristine returns P[log2Size], the hash of 2^log2Size zero bytes, for log2Size in 5..64. It panics
// if f is not Valid or log2Size is out of range.
func Pristine(f HashFunction, log2Size int) Hash {
	if !f.Valid() || log2Size < Log2WordSize || log2Size > Log2RootSize {
		panic(fmt.Sprintf("merkle: Pristine(%v, %d): out of range", f, log2Size))
	}
	return pristineTables[f][log2Size]
}

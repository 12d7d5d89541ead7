package merkle

import (
	"math/rand/v2"
	"testing"
)

// TestKeccak8MatchesScalar compares the eight-way assembly with the scalar code for every batch
// size, including in-place pairs, and checks that lanes past n are not written.
func TestKeccak8MatchesScalar(t *testing.T) {
	if !hasKeccak8 {
		t.Skip("no eight-way Keccak on this CPU (needs amd64 with AVX-512F)")
	}
	rng := rand.New(rand.NewPCG(6, 6))
	for trial := range 200 {
		n := 1 + trial%8
		var in [16]Hash
		for i := range in {
			for j := range in[i] {
				in[i][j] = byte(rng.Uint32())
			}
		}
		sentinel := Hash{0xde, 0xad}
		var out [8]Hash
		for i := range out {
			out[i] = sentinel
		}
		keccak8Leaves(&out[0], &in[0][0], n)
		for i := range out {
			want := sentinel
			if i < n {
				want = keccakWord((*[32]byte)(&in[i]))
			}
			if out[i] != want {
				t.Fatalf("leaves n=%d: out[%d] = %v, want %v", n, i, out[i], want)
			}
		}
		for i := range out {
			out[i] = sentinel
		}
		keccak8Pairs(&out[0], &in[0][0], n)
		for i := range out {
			want := sentinel
			if i < n {
				want = keccakPair(&in[2*i], &in[2*i+1])
			}
			if out[i] != want {
				t.Fatalf("pairs n=%d: out[%d] = %v, want %v", n, i, out[i], want)
			}
		}
		// In place, as hashPairs uses it.
		var want [8]Hash
		for i := 0; i < n; i++ {
			want[i] = keccakPair(&in[2*i], &in[2*i+1])
		}
		keccak8Pairs(&in[0], &in[0][0], n)
		for i := 0; i < n; i++ {
			if in[i] != want[i] {
				t.Fatalf("in-place pairs n=%d: out[%d] = %v, want %v", n, i, in[i], want[i])
			}
		}
	}
}

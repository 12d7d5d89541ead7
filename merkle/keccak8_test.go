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

// TestKeccak4MatchesScalar compares the four-way AVX2 assembly with the scalar code, and the
// batching in hashLeaves and hashPairs for every length with the four-way path alone.
func TestKeccak4MatchesScalar(t *testing.T) {
	if !hasKeccak4 {
		t.Skip("no four-way Keccak on this CPU (needs amd64 with AVX2)")
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 100 {
		var in [8]Hash
		for i := range in {
			for j := range in[i] {
				in[i][j] = byte(rng.Uint32())
			}
		}
		var out [4]Hash
		keccak4Leaves(&out[0], &in[0][0])
		for i := range out {
			if want := keccakWord((*[32]byte)(&in[i])); out[i] != want {
				t.Fatalf("trial %d leaves: out[%d] = %v, want %v", trial, i, out[i], want)
			}
		}
		var want [4]Hash
		for i := range want {
			want[i] = keccakPair(&in[2*i], &in[2*i+1])
		}
		keccak4Pairs(&out[0], &in[0][0])
		if out != want {
			t.Fatalf("trial %d pairs: %v, want %v", trial, out, want)
		}
		keccak4Pairs(&in[0], &in[0][0]) // in place
		if [4]Hash(in[:4]) != want {
			t.Fatalf("trial %d in-place pairs differ", trial)
		}
	}
}

// TestBatchedPathsMatchScalar runs keccakLeaves and keccakPairs at every length from 1 to 40 on each
// path this CPU has (eight-way, four-way, scalar), in place too, against one hash at a time.
func TestBatchedPathsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	words := make([]byte, 80*WordSize)
	for i := range words {
		words[i] = byte(rng.Uint32())
	}
	pairs := make([]Hash, 80)
	for i := range pairs {
		copy(pairs[i][:], words[i*WordSize:])
	}
	for _, way := range keccakWays() {
		for n := 1; n <= 40; n++ {
			out := make([]Hash, n)
			keccakLeaves(way, out, words[:n*WordSize])
			for i := range out {
				if want := keccakWord((*[32]byte)(words[i*WordSize:])); out[i] != want {
					t.Fatalf("%d-way leaves n=%d: out[%d] wrong", way, n, i)
				}
			}
			keccakPairs(way, out, pairs[:2*n])
			inPlace := append([]Hash(nil), pairs[:2*n]...)
			keccakPairs(way, inPlace[:n], inPlace)
			for i := range out {
				want := keccakPair(&pairs[2*i], &pairs[2*i+1])
				if out[i] != want || inPlace[i] != want {
					t.Fatalf("%d-way pairs n=%d: out[%d] wrong", way, n, i)
				}
			}
		}
	}
}

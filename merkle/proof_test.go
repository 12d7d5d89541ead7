package merkle

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// proofTargets returns (address, log2 size) pairs inside, at the edges of and outside the regions.
func proofTargets(rng *rand.Rand, regions []Region) [][2]uint64 {
	var out [][2]uint64
	for _, r := range regions {
		for _, log2 := range []int{5, 6, 11, 12, 13, 20, 40, 63, 64} {
			for _, address := range []uint64{r.Start, r.Start + r.Length - 32, r.Start + r.Length} {
				out = append(out, [2]uint64{address &^ (1<<log2 - 1), uint64(log2)})
			}
		}
	}
	for range 40 {
		log2 := 5 + rng.IntN(60)
		out = append(out, [2]uint64{rng.Uint64() &^ (1<<log2 - 1), uint64(log2)})
	}
	return out
}

func TestProofsVerifyAndTamperingIsRejected(t *testing.T) {
	for f := HashFunction(0); f < hashFunctionCount; f++ {
		t.Run(f.String(), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(f), 21))
			regions := machineLike(rng)
			model := newRefTree(f, regions)
			tree, _ := New(f, regions)
			root := model.root()
			for _, target := range proofTargets(rng, regions) {
				address, log2 := target[0], int(target[1])
				if log2 == 64 {
					address = 0
				}
				p, err := tree.Proof(address, log2)
				if err != nil {
					t.Fatal(err)
				}
				if p.RootHash != root || p.TargetHash != model.node(address, log2) || p.TargetAddress != address ||
					p.Log2TargetSize != log2 || p.Log2RootSize != 64 || len(p.SiblingHashes) != 64-log2 {
					t.Fatalf("proof of %#x/2^%d does not match the model", address, log2)
				}
				// Siblings are the model's nodes next to the path.
				for i, s := range p.SiblingHashes {
					level := log2 + i
					if want := model.node((address>>level^1)<<level, level); s != want {
						t.Fatalf("proof of %#x/2^%d: sibling %d is %v, model %v", address, log2, i, s, want)
					}
				}
				if err := p.Verify(f); err != nil {
					t.Fatalf("proof of %#x/2^%d: %v", address, log2, err)
				}
				checkTamperingRejected(t, f, p)
			}
		})
	}
}

func cloneProof(p *Proof) *Proof {
	c := *p
	c.SiblingHashes = append([]Hash(nil), p.SiblingHashes...)
	return &c
}

func checkTamperingRejected(t *testing.T, f HashFunction, p *Proof) {
	t.Helper()
	reject := func(what string, q *Proof) {
		t.Helper()
		if err := q.Verify(f); !errors.Is(err, ErrBadProof) {
			t.Fatalf("proof of %#x/2^%d with %s: Verify gave %v", p.TargetAddress, p.Log2TargetSize, what, err)
		}
	}
	for i := range p.SiblingHashes {
		q := cloneProof(p)
		q.SiblingHashes[i][i%32] ^= 1
		reject("a changed sibling", q)
	}
	q := cloneProof(p)
	q.TargetHash[31] ^= 0x80
	reject("a changed target hash", q)
	q = cloneProof(p)
	q.RootHash[0] ^= 1
	reject("a changed root hash", q)
	q = cloneProof(p)
	q.SiblingHashes = append(q.SiblingHashes, Hash{})
	reject("an extra sibling", q)
	if len(p.SiblingHashes) > 0 {
		q = cloneProof(p)
		q.SiblingHashes = q.SiblingHashes[1:]
		reject("a missing sibling", q)
		// Moving the target to its sibling's place swaps the order of a concatenation.
		q = cloneProof(p)
		q.TargetAddress ^= 1 << p.Log2TargetSize
		if q.SiblingHashes[0] != q.TargetHash {
			reject("the target address of its sibling", q)
		}
	}
	if p.Log2TargetSize < 64 {
		q = cloneProof(p)
		q.TargetAddress |= 16
		reject("a misaligned target address", q)
	}
	for _, sizes := range [][2]int{{4, 64}, {5, 65}, {-1, 64}, {30, 20}, {64, 4}} {
		q = cloneProof(p)
		q.Log2TargetSize, q.Log2RootSize = sizes[0], sizes[1]
		reject("log2 sizes out of range", q)
	}
	if err := p.Verify(HashFunction(200)); !errors.Is(err, ErrBadHashFun) {
		t.Fatalf("Verify with an undefined hash function: %v", err)
	}
}

// TestProofSlice cuts proofs to every smaller root and larger target and checks them against
// NodeHash.
func TestProofSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	regions := machineLike(rng)
	tree, _ := New(Keccak256, regions)
	for _, address := range []uint64{0x80000000 + 0x1040, 0x10000 + 0x7e0, 0x100, 1<<56 - 32, 0x123456780} {
		p, err := tree.Proof(address, 5)
		if err != nil {
			t.Fatal(err)
		}
		for root := 5; root <= 64; root += 1 + rng.IntN(4) {
			for target := 5; target <= root; target += 1 + rng.IntN(6) {
				s, err := p.Slice(Keccak256, root, target)
				if err != nil {
					t.Fatalf("slice %d/%d: %v", root, target, err)
				}
				if err := s.Verify(Keccak256); err != nil {
					t.Fatalf("slice %d/%d does not verify: %v", root, target, err)
				}
				targetAddress := address &^ (1<<target - 1)
				rootAddress := address &^ (1<<root - 1)
				if root == 64 {
					rootAddress = 0
				}
				if target == 64 {
					targetAddress = 0
				}
				wantTarget, _ := tree.NodeHash(targetAddress, target)
				wantRoot, _ := tree.NodeHash(rootAddress, root)
				if s.TargetHash != wantTarget || s.RootHash != wantRoot || s.TargetAddress != targetAddress ||
					len(s.SiblingHashes) != root-target {
					t.Fatalf("slice %d/%d of %#x does not match NodeHash", root, target, address)
				}
			}
		}
		for _, bad := range [][2]int{{65, 5}, {20, 30}, {64, 4}, {4, 4}} {
			if _, err := p.Slice(Keccak256, bad[0], bad[1]); !errors.Is(err, ErrBadProof) {
				t.Errorf("slice %v: %v", bad, err)
			}
		}
		broken := cloneProof(p)
		broken.SiblingHashes[3][0] ^= 1
		if _, err := broken.Slice(Keccak256, 12, 5); !errors.Is(err, ErrBadProof) {
			t.Errorf("slice of a tampered proof: %v", err)
		}
	}
	// A slice of a slice keeps the absolute address.
	p, _ := tree.Proof(0x80001040, 6)
	s1, _ := p.Slice(Keccak256, 40, 8)
	s2, err := s1.Slice(Keccak256, 20, 12)
	if err != nil || s2.TargetAddress != 0x80001000 {
		t.Fatalf("slice of a slice: %+v %v", s2, err)
	}
}

func TestRootFor(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	regions := machineLike(rng)
	tree, _ := New(Keccak256, regions)
	p, _ := tree.Proof(0x80000020, 5)
	word := [32]byte{1, 2, 3}
	newRoot, err := p.RootFor(Keccak256, Keccak256.Leaf(&word))
	if err != nil {
		t.Fatal(err)
	}
	copy(regions[2].Data[0x20:], word[:])
	regions[2].Dirty.Mark(0)
	if got := tree.RootHash(); got != newRoot {
		t.Fatalf("root after writing the word %v, RootFor %v", got, newRoot)
	}
}

func TestProofJSON(t *testing.T) {
	// A proof written by hand in the reference's form: keys sorted, hashes in padded base64.
	p := &Proof{TargetAddress: 0x60, Log2TargetSize: 5, Log2RootSize: 7}
	p.TargetHash[0] = 0xff
	p.RootHash[31] = 0x01
	p.SiblingHashes = []Hash{{}, {0xfb}}
	const want = `{"log2_root_size":7,"log2_target_size":5,` +
		`"root_hash":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=",` +
		`"sibling_hashes":["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","+wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],` +
		`"target_address":96,"target_hash":"/wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}`
	got, err := json.Marshal(p)
	if err != nil || string(got) != want {
		t.Fatalf("Marshal:\n%s\nwant\n%s (%v)", got, want, err)
	}
	var back Proof
	if err := json.Unmarshal([]byte(want), &back); err != nil {
		t.Fatal(err)
	}
	if back.TargetAddress != 0x60 || back.TargetHash != p.TargetHash || back.RootHash != p.RootHash ||
		len(back.SiblingHashes) != 2 || back.SiblingHashes[1] != p.SiblingHashes[1] {
		t.Fatalf("round trip: %+v", back)
	}
	// Whitespace between tokens and key order do not matter.
	spaced := " {\n \"target_hash\": \"/wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\", \"target_address\" : 96,\n" +
		"\"log2_target_size\":5, \"log2_root_size\":7, \"root_hash\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=\"," +
		"\"sibling_hashes\":[\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"+wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"]}\n"
	if _, err := ParseProofJSON([]byte(spaced)); err != nil {
		t.Fatal(err)
	}

	// A real proof survives the trip and still verifies.
	rng := rand.New(rand.NewPCG(9, 9))
	tree, _ := New(Keccak256, machineLike(rng))
	real, _ := tree.Proof(0x80001000, 12)
	data, _ := json.Marshal(real)
	parsed, err := ParseProofJSON(data)
	if err != nil || parsed.Verify(Keccak256) != nil || parsed.TargetHash != real.TargetHash {
		t.Fatalf("real proof round trip: %v", err)
	}
}

func TestProofJSONRejects(t *testing.T) {
	const h = `"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="`
	good := `{"log2_root_size":6,"log2_target_size":5,"root_hash":` + h + `,"sibling_hashes":[` + h + `],"target_address":32,"target_hash":` + h + `}`
	if _, err := ParseProofJSON([]byte(good)); err != nil {
		t.Fatalf("good input rejected: %v", err)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"empty", ``, "EOF"},
		{"array", `[]`, "proof"},
		{"trailing", good + `{}`, "after the proof"},
		{"missing field", strings.Replace(good, `"target_address":32,`, ``, 1), `missing field "target_address"`},
		{"duplicate", strings.Replace(good, `"target_address":32`, `"target_address":32,"target_address":32`, 1), "twice"},
		{"unknown", strings.Replace(good, `"target_address":32`, `"target_address":32,"x":1`, 1), `unknown field "x"`},
		{"float", strings.Replace(good, `:32`, `:32.0`, 1), "target_address"},
		{"negative", strings.Replace(good, `:32`, `:-32`, 1), "target_address"},
		{"exponent", strings.Replace(good, `:32`, `:3e1`, 1), "target_address"},
		{"too big", strings.Replace(good, `:32`, `:18446744073709551616`, 1), "target_address"},
		{"string number", strings.Replace(good, `:32`, `:"32"`, 1), "target_address"},
		{"log2 too big", strings.Replace(good, `"log2_root_size":6`, `"log2_root_size":65`, 1), "log2_root_size"},
		{"short hash", strings.Replace(good, `"target_hash":`+h, `"target_hash":"AAAA"`, 1), "target_hash"},
		{"hex hash", strings.Replace(good, `"target_hash":`+h, `"target_hash":"0x0000000000000000000000000000000000000000000000000000000000000000"`, 1), "target_hash"},
		{"bad padding bits", strings.Replace(good, `"target_hash":`+h, `"target_hash":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB="`, 1), "target_hash"},
		{"newline in hash", strings.Replace(good, `"target_hash":`+h, `"target_hash":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n="`, 1), "target_hash"},
		{"33 bytes", strings.Replace(good, `"target_hash":`+h, `"target_hash":"00000000000000000000000000000000000000000000"`, 1), "target_hash"},
		{"hash not string", strings.Replace(good, `"target_hash":`+h, `"target_hash":7`, 1), "target_hash"},
		{"siblings not array", strings.Replace(good, `[`+h+`]`, h, 1), "sibling_hashes"},
		{"sibling count", strings.Replace(good, `[`+h+`]`, `[`+h+`,`+h+`]`, 1), "sibling hashes"},
		{"too many siblings", strings.Replace(good, `[`+h+`]`, `[`+strings.Repeat(h+`,`, 64)+h+`]`, 1), "more than 64"},
		{"misaligned", strings.Replace(good, `:32`, `:33`, 1), "aligned"},
		{"target above root", strings.Replace(good, `"log2_target_size":5`, `"log2_target_size":7`, 1), "log2_target_size"},
		{"truncated", good[:len(good)-1], "EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseProofJSON([]byte(tc.in))
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, ErrBadProofJSON) && !errors.Is(err, ErrBadProof) {
				t.Errorf("error %v wraps neither ErrBadProofJSON nor ErrBadProof", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestHashBase64(t *testing.T) {
	h := mustHex(t, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
	// Encoded independently: base64 of those 32 bytes.
	const want = "xdJGAYb3IzySfn2y3McDwOUAtlPKgic7e/rYBF2FpHA="
	if h.Base64() != want {
		t.Fatalf("Base64 = %s, want %s", h.Base64(), want)
	}
	back, err := ParseHashBase64(want)
	if err != nil || back != h {
		t.Fatalf("ParseHashBase64: %v %v", back, err)
	}
	for _, bad := range []string{"", want[:43], want + "=", "xdJGAYb3IzySfn2y3McDwOUAtlPKgic7e/rYBF2FpHB="} {
		if _, err := ParseHashBase64(bad); err == nil {
			t.Errorf("ParseHashBase64(%q) accepted", bad)
		}
	}
}

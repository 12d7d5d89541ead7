package merkle

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	gethkeccak "github.com/ethereum/go-ethereum/crypto/keccak"
	"golang.org/x/crypto/sha3"
)

func mustHex(t testing.TB, s string) Hash {
	t.Helper()
	h, err := ParseHash(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// spongeKeccak256 is a general Keccak-256 over this package's permutation, for published vectors.
func spongeKeccak256(msg []byte) Hash {
	const rate = 136
	var state [25]uint64
	padded := append(append([]byte(nil), msg...), 0x01)
	for len(padded)%rate != 0 {
		padded = append(padded, 0)
	}
	padded[len(padded)-1] |= 0x80
	for len(padded) > 0 {
		for i := 0; i < rate/8; i++ {
			state[i] ^= binary.LittleEndian.Uint64(padded[8*i:])
		}
		keccakF1600(&state)
		padded = padded[rate:]
	}
	var h Hash
	for i := 0; i < 4; i++ {
		binary.LittleEndian.PutUint64(h[8*i:], state[i])
	}
	return h
}

func TestKeccakF1600ZeroState(t *testing.T) {
	// First lanes of Keccak-f[1600] applied to the all-zero state (Keccak team's intermediate values).
	var state [25]uint64
	keccakF1600(&state)
	want := []uint64{0xF1258F7940E1DDE7, 0x84D5CCF933C0478A, 0xD598261EA65AA9EE, 0xBD1547306F80494D}
	for i, w := range want {
		if state[i] != w {
			t.Errorf("lane %d = %#016x, want %#016x", i, state[i], w)
		}
	}
}

func TestKeccak256Vectors(t *testing.T) {
	for _, tc := range []struct{ msg, want string }{
		{"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
		{"abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"},
	} {
		if got := spongeKeccak256([]byte(tc.msg)); got != mustHex(t, tc.want) {
			t.Errorf("keccak256(%q) = %v, want %s", tc.msg, got, tc.want)
		}
	}
	// keccak256 of 32 zero bytes (Ethereum's hash of storage slot 0) and SHA-256 of 32 zero bytes.
	var zero [32]byte
	if got, want := Keccak256.Leaf(&zero), mustHex(t, "290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563"); got != want {
		t.Errorf("Keccak256 leaf of zeros = %v, want %v", got, want)
	}
	if got, want := SHA256.Leaf(&zero), mustHex(t, "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"); got != want {
		t.Errorf("SHA256 leaf of zeros = %v, want %v", got, want)
	}
}

// TestLeafConcatOracles compares the specialised 32- and 64-byte hashes with go-ethereum's and
// x/crypto's Keccak-256 and with the standard SHA-256 on random inputs.
func TestLeafConcatOracles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	xk := sha3.NewLegacyKeccak256()
	for i := 0; i < 2000; i++ {
		var word [32]byte
		var left, right Hash
		for j := range word {
			word[j], left[j], right[j] = byte(rng.Uint32()), byte(rng.Uint32()), byte(rng.Uint32())
		}
		pair := append(append([]byte(nil), left[:]...), right[:]...)
		xk.Reset()
		xk.Write(word[:])
		var xWord Hash
		xk.Sum(xWord[:0])
		if got := Keccak256.Leaf(&word); got != refHash(Keccak256, word[:]) || got != xWord {
			t.Fatalf("Keccak256 leaf of %x = %v, go-ethereum %v, x/crypto %v", word, got, refHash(Keccak256, word[:]), xWord)
		}
		g := gethkeccak.NewLegacyKeccak256()
		g.Write(pair)
		var gPair Hash
		g.Sum(gPair[:0])
		if got := Keccak256.Concat(&left, &right); got != gPair {
			t.Fatalf("Keccak256 concat of %x = %v, go-ethereum %v", pair, got, gPair)
		}
		if got := SHA256.Concat(&left, &right); got != sha256.Sum256(pair) {
			t.Fatalf("SHA256 concat mismatch")
		}
		if got := Blake3.Concat(&left, &right); got != refHash(Blake3, pair) {
			t.Fatalf("Blake3 concat mismatch")
		}
		if got := Blake3.Leaf(&word); got != refHash(Blake3, word[:]) {
			t.Fatalf("Blake3 leaf mismatch")
		}
	}
}

func TestPristineTable(t *testing.T) {
	for f := HashFunction(0); f < hashFunctionCount; f++ {
		h := refHash(f, make([]byte, 32))
		for k := 5; k <= 64; k++ {
			if got := Pristine(f, k); got != h {
				t.Fatalf("%v: P[%d] = %v, recomputed %v", f, k, got, h)
			}
			h = refHash(f, h[:], h[:])
		}
		// P[12] is also the hash of a zero page computed the long way.
		m := newRefTree(f, []Region{{Start: 0, Length: PageSize, Data: make([]byte, PageSize)}})
		if got := f.hashSpan(make([]byte, PageSize)); got != m.pristine[12] {
			t.Fatalf("%v: zero page hashes to %v, want P[12] %v", f, got, m.pristine[12])
		}
	}
	for _, bad := range []int{4, 65, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Pristine(%d) did not panic", bad)
				}
			}()
			Pristine(Keccak256, bad)
		}()
	}
}

func TestHashFunctionNames(t *testing.T) {
	for f := HashFunction(0); f < hashFunctionCount; f++ {
		g, err := ParseHashFunction(f.String())
		if err != nil || g != f {
			t.Errorf("ParseHashFunction(%q) = %v, %v", f.String(), g, err)
		}
	}
	for _, s := range []string{"", "Keccak256", "sha3", "blake2"} {
		if _, err := ParseHashFunction(s); err == nil {
			t.Errorf("ParseHashFunction(%q) accepted", s)
		}
	}
	if Blake3.Compatible() || !Keccak256.Compatible() || !SHA256.Compatible() {
		t.Error("Compatible is wrong")
	}
	if HashFunction(9).Valid() {
		t.Error("HashFunction(9) is valid")
	}
}

func TestParseHash(t *testing.T) {
	const s = "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
	h, err := ParseHash("0x" + s)
	if err != nil || h.String() != s {
		t.Fatalf("ParseHash round trip: %v %v", h, err)
	}
	want, _ := hex.DecodeString(s)
	if string(h[:]) != string(want) {
		t.Fatal("ParseHash bytes")
	}
	for _, bad := range []string{"", s[:62], s + "00", "0x" + s[:63] + "g"} {
		if _, err := ParseHash(bad); err == nil {
			t.Errorf("ParseHash(%q) accepted", bad)
		}
	}
}

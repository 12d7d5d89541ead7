package merkle

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"testing"
)

// FuzzParseProofJSON: hostile JSON never panics, and whatever parses marshals back to JSON that
// parses to the same proof.
func FuzzParseProofJSON(f *testing.F) {
	const h = `"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="`
	f.Add([]byte(`{"log2_root_size":6,"log2_target_size":5,"root_hash":` + h + `,"sibling_hashes":[` + h + `],"target_address":32,"target_hash":` + h + `}`))
	f.Add([]byte(`{"log2_root_size":64,"log2_target_size":64,"root_hash":` + h + `,"sibling_hashes":[],"target_address":0,"target_hash":` + h + `}`))
	f.Add([]byte(`{"sibling_hashes":[[[[[`))
	f.Add([]byte(`{"target_address":1e400}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseProofJSON(data)
		if err != nil {
			return
		}
		_ = p.Verify(Keccak256)
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ParseProofJSON(out)
		if err != nil {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
		again, _ := json.Marshal(q)
		if !bytes.Equal(out, again) {
			t.Fatalf("round trip changed the proof:\n%s\n%s", out, again)
		}
	})
}

// FuzzProofVerify builds proofs of any shape from raw bytes: Verify, RootFor and Slice must
// return errors, never panic.
func FuzzProofVerify(f *testing.F) {
	f.Add(uint64(0x80000000), int8(5), int8(64), uint8(0), make([]byte, 32*60))
	f.Add(uint64(1), int8(64), int8(64), uint8(1), []byte{})
	f.Add(uint64(0), int8(-3), int8(100), uint8(2), make([]byte, 100))
	f.Fuzz(func(t *testing.T, address uint64, log2Target, log2Root int8, fn uint8, data []byte) {
		p := &Proof{TargetAddress: address, Log2TargetSize: int(log2Target), Log2RootSize: int(log2Root)}
		if len(data) >= 64 {
			copy(p.TargetHash[:], data)
			copy(p.RootHash[:], data[32:])
			data = data[64:]
		}
		for len(data) >= 32 && len(p.SiblingHashes) < 80 {
			p.SiblingHashes = append(p.SiblingHashes, Hash(data[:32]))
			data = data[32:]
		}
		hf := HashFunction(fn % 4) // includes one undefined value
		if p.Verify(hf) == nil {
			// A valid proof is a fixed point of its own full slice.
			s, err := p.Slice(hf, p.Log2RootSize, p.Log2TargetSize)
			if err != nil || s.RootHash != p.RootHash {
				t.Fatalf("full slice of a valid proof: %v", err)
			}
		}
		_, _ = p.RootFor(hf, p.TargetHash)
		var sizes [2]byte
		binary.LittleEndian.PutUint16(sizes[:], uint16(address))
		_, _ = p.Slice(hf, int(sizes[0]%70), int(sizes[1]%70))
	})
}

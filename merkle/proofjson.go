package merkle

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Proofs travel as JSON objects with the reference's field names: target_address and the two
// log2 sizes as JSON integers, the hashes as standard padded base64 strings, sibling_hashes
// bottom-up. MarshalJSON writes the keys sorted, as the reference's JSON library does, so the
// bytes match its output.

var hashEncoding = base64.StdEncoding.Strict()

// Base64 returns the hash as the reference writes hashes in JSON: 44 characters of padded standard
// base64.
func (h Hash) Base64() string { return hashEncoding.EncodeToString(h[:]) }

// ParseHashBase64 reads a hash as Base64 writes it, strictly (exactly 44 characters, canonical
// padding bits, no line breaks).
func ParseHashBase64(s string) (Hash, error) { return decodeHash(s, "hash") }

// MarshalJSON writes the proof in the reference's JSON form.
func (p *Proof) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.Grow(200 + 47*len(p.SiblingHashes))
	fmt.Fprintf(&b, `{"log2_root_size":%d,"log2_target_size":%d,"root_hash":"%s","sibling_hashes":[`,
		p.Log2RootSize, p.Log2TargetSize, hashEncoding.EncodeToString(p.RootHash[:]))
	for i := range p.SiblingHashes {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"%s"`, hashEncoding.EncodeToString(p.SiblingHashes[i][:]))
	}
	fmt.Fprintf(&b, `],"target_address":%d,"target_hash":"%s"}`, p.TargetAddress, hashEncoding.EncodeToString(p.TargetHash[:]))
	return b.Bytes(), nil
}

// UnmarshalJSON parses a proof with ParseProofJSON.
func (p *Proof) UnmarshalJSON(data []byte) error {
	parsed, err := ParseProofJSON(data)
	if err != nil {
		return err
	}
	*p = *parsed
	return nil
}

// ErrBadProofJSON wraps every reason ParseProofJSON rejects its input.
var ErrBadProofJSON = errors.New("invalid proof JSON")

// ParseProofJSON parses one proof object from untrusted input. It is strict: every field must be
// present exactly once and no other field may appear; integers must be plain non-negative decimal
// literals in range; hashes must be 44-character padded standard base64 of 32 bytes; nothing may
// follow the object. At most 64 sibling hashes are read, and the proof's shape (sizes, alignment,
// sibling count) is checked; its hashes are not (use Verify). Memory use is bounded by the input.
func ParseProofJSON(data []byte) (*Proof, error) {
	p, err := parseProof(json.NewDecoder(bytes.NewReader(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadProofJSON, err)
	}
	if err := p.checkShape(); err != nil {
		return nil, err
	}
	return p, nil
}

func parseProof(dec *json.Decoder) (*Proof, error) {
	dec.UseNumber()
	if err := expectDelim(dec, '{', "proof"); err != nil {
		return nil, err
	}
	p := &Proof{}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string) // object keys are always strings
		if seen[key] {
			return nil, fmt.Errorf("field %q appears twice", key)
		}
		seen[key] = true
		switch key {
		case "target_address":
			p.TargetAddress, err = parseUint(dec, key, 1<<64-1)
		case "log2_target_size", "log2_root_size":
			var v uint64
			v, err = parseUint(dec, key, Log2RootSize)
			if key == "log2_target_size" {
				p.Log2TargetSize = int(v)
			} else {
				p.Log2RootSize = int(v)
			}
		case "target_hash":
			p.TargetHash, err = parseHash(dec, key)
		case "root_hash":
			p.RootHash, err = parseHash(dec, key)
		case "sibling_hashes":
			p.SiblingHashes, err = parseHashes(dec, key)
		default:
			return nil, fmt.Errorf("unknown field %q", key)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, key := range []string{"target_address", "log2_target_size", "log2_root_size", "target_hash", "root_hash", "sibling_hashes"} {
		if !seen[key] {
			return nil, fmt.Errorf("missing field %q", key)
		}
	}
	if err := expectDelim(dec, '}', "proof"); err != nil {
		return nil, err
	}
	if tok, err := dec.Token(); err != io.EOF {
		if err != nil {
			return nil, fmt.Errorf("after the proof: %w", err)
		}
		return nil, fmt.Errorf("after the proof: unexpected %v", tok)
	}
	return p, nil
}

func expectDelim(dec *json.Decoder, want json.Delim, what string) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("%s: want %q, have %v", what, want, tok)
	}
	return nil
}

func parseUint(dec *json.Decoder, key string, limit uint64) (uint64, error) {
	tok, err := dec.Token()
	if err != nil {
		return 0, fmt.Errorf("field %q: %w", key, err)
	}
	num, ok := tok.(json.Number)
	if !ok {
		return 0, fmt.Errorf("field %q: want an unsigned integer, have %v", key, tok)
	}
	v, err := strconv.ParseUint(string(num), 10, 64)
	if err != nil || v > limit {
		return 0, fmt.Errorf("field %q: %s is not an integer from 0 to %d", key, num, limit)
	}
	return v, nil
}

func parseHash(dec *json.Decoder, key string) (Hash, error) {
	tok, err := dec.Token()
	if err != nil {
		return Hash{}, fmt.Errorf("field %q: %w", key, err)
	}
	s, ok := tok.(string)
	if !ok {
		return Hash{}, fmt.Errorf("field %q: want a base64 string, have %v", key, tok)
	}
	return decodeHash(s, key)
}

func decodeHash(s, what string) (Hash, error) {
	var h Hash
	if len(s) != hashEncoding.EncodedLen(len(h)) {
		return h, fmt.Errorf("%s: %d characters, want %d (base64 of 32 bytes)", what, len(s), hashEncoding.EncodedLen(len(h)))
	}
	// The decoder skips line breaks even in strict mode; a hash has none.
	if strings.ContainsAny(s, "\r\n") {
		return h, fmt.Errorf("%s: %q is not base64 of 32 bytes", what, s)
	}
	// 44 characters can hold 33 bytes, and Decode may write all of them.
	var buf [33]byte
	n, err := hashEncoding.Decode(buf[:], []byte(s))
	if err != nil || n != len(h) {
		return h, fmt.Errorf("%s: %q is not base64 of 32 bytes", what, s)
	}
	copy(h[:], buf[:n])
	return h, nil
}

func parseHashes(dec *json.Decoder, key string) ([]Hash, error) {
	if err := expectDelim(dec, '[', "field \""+key+"\""); err != nil {
		return nil, err
	}
	hashes := []Hash{}
	for dec.More() {
		if len(hashes) == Log2RootSize {
			return nil, fmt.Errorf("field %q: more than %d hashes", key, Log2RootSize)
		}
		h, err := parseHash(dec, fmt.Sprintf("%s[%d]", key, len(hashes)))
		if err != nil {
			return nil, err
		}
		hashes = append(hashes, h)
	}
	if err := expectDelim(dec, ']', "field \""+key+"\""); err != nil {
		return nil, err
	}
	return hashes, nil
}

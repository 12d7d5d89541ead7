package merkle

// Keccak-256 of many 32- or 64-byte messages at once: eight per call with AVX-512, four with AVX2,
// else one at a time. Tree hashing hands whole levels of a page (128 leaves, then 64, 32, ...
// pairs) to these, so the wide paths run full almost all the time.

// keccakWay is how many messages one call hashes: 8 (AVX-512), 4 (AVX2) or 1 (portable Go).
type keccakWay int

// bestKeccakWay is the widest path this CPU runs, chosen once at initialisation.
var bestKeccakWay = func() keccakWay {
	switch {
	case hasKeccak8:
		return 8
	case hasKeccak4:
		return 4
	}
	return 1
}()

// keccakWays lists the paths this CPU can run, widest first (tests and benchmarks use all).
func keccakWays() []keccakWay {
	var ways []keccakWay
	if hasKeccak8 {
		ways = append(ways, 8)
	}
	if hasKeccak4 {
		ways = append(ways, 4)
	}
	return append(ways, 1)
}

// keccakLeaves sets out[i] = Keccak-256(words[32i : 32i+32]).
func keccakLeaves(way keccakWay, out []Hash, words []byte) {
	if len(out) == 0 {
		return
	}
	_ = words[len(out)*WordSize-1]
	i := 0
	switch {
	case len(out) == 1: // one hash alone is cheaper scalar
	case way == 8:
		for ; i < len(out); i += 8 {
			keccak8Leaves(&out[i], &words[i*WordSize], min(8, len(out)-i))
		}
	case way == 4:
		for ; i+4 <= len(out); i += 4 {
			keccak4Leaves(&out[i], &words[i*WordSize])
		}
		if rest := len(out) - i; rest > 1 {
			// The four-way assembly always hashes four: pad through a local copy.
			var in [4][WordSize]byte
			var hashes [4]Hash
			for k := 0; k < rest; k++ {
				copy(in[k][:], words[(i+k)*WordSize:])
			}
			keccak4Leaves(&hashes[0], &in[0][0])
			copy(out[i:], hashes[:rest])
			i = len(out)
		}
	}
	for ; i < len(out); i++ {
		out[i] = keccakWord((*[WordSize]byte)(words[i*WordSize:]))
	}
}

// keccakPairs sets out[i] = Keccak-256(in[2i] || in[2i+1]); out may be in[:len(out)].
func keccakPairs(way keccakWay, out []Hash, in []Hash) {
	if len(out) == 0 {
		return
	}
	_ = in[2*len(out)-1]
	i := 0
	switch {
	case len(out) == 1:
	case way == 8:
		for ; i < len(out); i += 8 {
			keccak8Pairs(&out[i], &in[2*i][0], min(8, len(out)-i))
		}
	case way == 4:
		for ; i+4 <= len(out); i += 4 {
			keccak4Pairs(&out[i], &in[2*i][0])
		}
		if rest := len(out) - i; rest > 1 {
			var pairs [8]Hash
			var hashes [4]Hash
			copy(pairs[:], in[2*i:2*len(out)])
			keccak4Pairs(&hashes[0], &pairs[0][0])
			copy(out[i:], hashes[:rest])
			i = len(out)
		}
	}
	for ; i < len(out); i++ {
		out[i] = keccakPair(&in[2*i], &in[2*i+1])
	}
}

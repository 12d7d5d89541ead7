package merkle

import "encoding/binary"

// Keccak-256 absorbs 136 bytes per permutation (rate = 1600 - 2*256 bits), so a 32- or 64-byte message
// is one block: the message words go straight into the first lanes of a zero state, the padding
// byte 0x01 (Keccak's original multi-rate padding, not SHA-3's 0x06) follows the message, and the
// final bit of the pad sets the top bit of the rate's last byte, byte 135, which is the top byte
// of lane 16.
const (
	keccakPadFirst = 0x01
	keccakPadLast  = uint64(0x80) << 56
)

// keccakPadded adds the padding for a message of the given number of 64-bit words to a zero state.
func keccakPadded(state *[25]uint64, words int) {
	state[words] = keccakPadFirst
	state[16] |= keccakPadLast
}

func keccakSqueeze(state *[25]uint64) (h Hash) {
	binary.LittleEndian.PutUint64(h[0:], state[0])
	binary.LittleEndian.PutUint64(h[8:], state[1])
	binary.LittleEndian.PutUint64(h[16:], state[2])
	binary.LittleEndian.PutUint64(h[24:], state[3])
	return h
}

// keccakWord is Keccak-256 of one 32-byte word.
func keccakWord(word *[32]byte) Hash {
	var state [25]uint64
	state[0] = binary.LittleEndian.Uint64(word[0:])
	state[1] = binary.LittleEndian.Uint64(word[8:])
	state[2] = binary.LittleEndian.Uint64(word[16:])
	state[3] = binary.LittleEndian.Uint64(word[24:])
	keccakPadded(&state, 4)
	keccakF1600(&state)
	return keccakSqueeze(&state)
}

// keccakPair is Keccak-256 of the 64 bytes left || right.
func keccakPair(left, right *Hash) Hash {
	var state [25]uint64
	state[0] = binary.LittleEndian.Uint64(left[0:])
	state[1] = binary.LittleEndian.Uint64(left[8:])
	state[2] = binary.LittleEndian.Uint64(left[16:])
	state[3] = binary.LittleEndian.Uint64(left[24:])
	state[4] = binary.LittleEndian.Uint64(right[0:])
	state[5] = binary.LittleEndian.Uint64(right[8:])
	state[6] = binary.LittleEndian.Uint64(right[16:])
	state[7] = binary.LittleEndian.Uint64(right[24:])
	keccakPadded(&state, 8)
	keccakF1600(&state)
	return keccakSqueeze(&state)
}

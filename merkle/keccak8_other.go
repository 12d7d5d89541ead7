//go:build !amd64 || purego

package merkle

// hasKeccak8 is false: there is no eight-way Keccak for this platform.
const hasKeccak8 = false

func keccak8Leaves(out *Hash, in *byte, n int) { panic("merkle: keccak8Leaves without AVX-512") }
func keccak8Pairs(out *Hash, in *byte, n int)  { panic("merkle: keccak8Pairs without AVX-512") }

// hasKeccak4 is false: there is no four-way Keccak for this platform.
const hasKeccak4 = false

func keccak4Leaves(out *Hash, in *byte) { panic("merkle: keccak4Leaves without AVX2") }
func keccak4Pairs(out *Hash, in *byte)  { panic("merkle: keccak4Pairs without AVX2") }

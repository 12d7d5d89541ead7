//go:build !amd64 || purego

package merkle

// hasKeccak8 is false: there is no eight-way Keccak for this platform.
const hasKeccak8 = false

func keccak8Leaves(out *Hash, in *byte, n int) { panic("merkle: keccak8Leaves without AVX-512") }
func keccak8Pairs(out *Hash, in *byte, n int)  { panic("merkle: keccak8Pairs without AVX-512") }

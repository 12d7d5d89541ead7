//go:build amd64 && !purego

package merkle

import "golang.org/x/sys/cpu"

// hasKeccak8 reports whether keccak8Leaves and keccak8Pairs may run: they need AVX-512F, and
// x/sys/cpu also checks that the OS saves the ZMM registers. Set once at initialisation.
var hasKeccak8 = cpu.X86.HasAVX512F

// keccak8Leaves sets out[i] = Keccak-256(in[32i : 32i+32]) for i < n, 1 <= n <= 8.
//
//go:noescape
func keccak8Leaves(out *Hash, in *byte, n int)

// keccak8Pairs sets out[i] = Keccak-256(in[64i : 64i+64]) for i < n, 1 <= n <= 8. All input is read
// before any output is written, so out may overlap in.
//
//go:noescape
func keccak8Pairs(out *Hash, in *byte, n int)

// hasKeccak4 reports whether keccak4Leaves and keccak4Pairs may run (AVX2).
var hasKeccak4 = cpu.X86.HasAVX2

// keccak4Leaves sets out[i] = Keccak-256(in[32i : 32i+32]) for i < 4.
//
//go:noescape
func keccak4Leaves(out *Hash, in *byte)

// keccak4Pairs sets out[i] = Keccak-256(in[64i : 64i+64]) for i < 4. All input is read before any
// output is written, so out may overlap in.
//
//go:noescape
func keccak4Pairs(out *Hash, in *byte)

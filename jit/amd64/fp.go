package amd64

import (
	"fmt"
)

// supportedFP reports whether the F/D instruction with this word is
// translated. None is yet: every FP instruction exits to the interpreter.
func supportedFP(raw uint32) bool { return false }

// fp emits an F/D instruction (raw: its word) at instruction k of the block,
// delta bytes from its start.
func (g *gen) fp(raw uint32, k int, delta uint64) error {
	return fmt.Errorf("amd64: FP instruction %#08x not supported", raw)
}

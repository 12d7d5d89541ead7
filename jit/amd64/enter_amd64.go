//go:build amd64

package amd64

// Context carries the machine state generated code needs into and out of
// the trampoline. Field offsets reach enter_amd64.s through go_asm.h.
type Context struct {
	X        uintptr // &X[0]
	HotRead  uintptr // &hot read TLB slot 0
	HotWrite uintptr // &hot write TLB slot 0
	PC       uint64  // in: pc of the block entered; out: pc where it stopped
	Mcycle   uint64  // in and out
	End      uint64  // blocks run only if they end by this mcycle
}

// Enter runs generated code at entry (an address in executable memory) and
// returns its exit code. It is the only way into generated code, which never
// calls Go: it returns here with an exit code, pc and mcycle.
//
//go:noescape
func Enter(entry uintptr, ctx *Context) uint32

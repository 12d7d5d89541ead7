// Package amd64 is the JIT's x86-64 backend: an encoder (asm.go, checked
// form by form against golang-asm in the tests), the block translator
// (codegen.go) and the Go-assembly trampoline (enter_amd64.s).
//
// # Register conventions of generated code
//
//	RBX  &X[0]: guest register i at [RBX+8i]; the shadow registers page
//	     starts there, so every shadow register is at a fixed offset
//	R12  hot read TLB (the code set lies just before it)
//	R13  hot write TLB
//	R8   guest pc of the current block's first instruction
//	RSI  mcycle
//	RDI  the run's end mcycle (the budget)
//	RAX, RCX, RDX, R9  scratch
//
// The trampoline loads these from a Context, calls the block, and stores pc
// and mcycle back; generated code returns the exit code in EAX.
//
// # A block
//
//	budget:  lea rax, [rsi+n]; cmp rax, rdi; ja exit_budget
//	body:    one sequence per instruction, guest registers read and written
//	         in memory; loads and stores through hostAddress, the inline
//	         TLB lookup (index, compare the page with the low alignment bits
//	         kept so misaligned accesses miss, jne exit_memory, load the host
//	         page, access)
//	end:     a branch adds n to mcycle and sets pc for each side, then jumps:
//	         a patchable jump (same page) or dispatch (other page, JALR)
//	stubs:   out-of-line exits (budget, each memory miss with its pc and
//	         mcycle, each unlinked chain)
//
// Translation allocates nothing once warm: one Backend keeps its buffers,
// and the Code it returns is valid until the next Translate.
package amd64

// Package amd64 is the JIT's x86-64 backend: an encoder (asm.go and sse.go,
// checked form by form against golang-asm in the tests), the block
// translator (codegen.go, with atomic.go, divide.go, fp.go, system.go and
// loop.go), the TLB refill routines (refill.go) and the Go-assembly
// trampoline (enter_amd64.s).
//
// # Register conventions of generated code
//
//	RBX  &X[0]: guest register i at [RBX+8i]; the shadow registers page
//	     starts there, so every shadow register is at a fixed offset
//	R12  hot read TLB (the code set lies just before it)
//	R13  hot write TLB
//	R8   guest pc of the current block's first instruction
//	RSI  mcycle
//	R15  the *Context: the run's end mcycle (the budget), the refill
//	     routines and what they need
//	R9, R10, R11, R14, RDI, RBP  the register cache: guest registers kept
//	     in host registers inside a block, and across a loop's iterations
//	     (regcache.go, loop.go)
//	RAX, RCX, RDX  scratch
//	XMM0-2  FP scratch; XMM3-14 a loop's FP registers (fpcache.go)
//
// The trampoline loads these from a Context, calls the block, and stores pc
// and mcycle back, and the register cache into Context.Saved; generated code
// returns the exit code in EAX.
//
// # A block
//
//	budget:  lea rax, [rsi+n]; cmp rax, [r15+End]; ja exit_budget
//	body:    one sequence per instruction; loads and stores through
//	         hostAddress, the inline TLB lookup (index, compare the page
//	         with the low alignment bits kept so misaligned accesses miss,
//	         jne miss, load the host page, access; appended from a template),
//	         or, right after an access through the same unchanged base
//	         register, a check that the first access's page still holds it
//	         (memChain); system instructions (system.go) check privilege and
//	         interrupts at run time and exit where the interpreter must act
//	end:     a branch adds n to mcycle and sets pc for each side, then jumps:
//	         a patchable jump (same page) or dispatch (other page, JALR,
//	         ECALL, MRET, the page's end): the code TLB, filled on a miss by
//	         the exec refill, then the target page's table (Context.Tables)
//	stubs:   out-of-line exits (budget; each memory miss, which first calls
//	         the refill routine (refill.go) and retries the compare if it
//	         filled the slot; each unlinked chain; each instruction left to
//	         the interpreter). An exit from inside the block returns its code
//	         with a site (ir.Site): Go writes back the changed registers from
//	         Context.Saved and counts pc and mcycle to the instruction, so the
//	         stub is a MOV and a RET
//
// A loop (loop.go) keeps its registers, integer and FP (fpcache.go), in host
// registers across passes, makes its FP checks once before the first pass,
// and its head starts a 64-byte line.
//
// Translation allocates nothing once warm: one Backend keeps its buffers,
// and the Code it returns is valid until the next Translate.
package amd64

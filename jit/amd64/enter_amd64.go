//go:build amd64

package amd64

import "unsafe"

// Context carries the machine state generated code needs into and out of
// the trampoline. Field offsets reach enter_amd64.s through go_asm.h.
type Context struct {
	X        uintptr // &X[0]
	HotRead  uintptr // &hot read TLB slot 0
	HotWrite uintptr // &hot write TLB slot 0
	PC       uint64  // in: pc of the block entered; out: pc where it stopped
	Mcycle   uint64  // in and out
	End      uint64  // blocks run only if they end by this mcycle
	// MXCSR while generated code runs: every exception masked, flags clear,
	// rounding as frm says (set by the trampoline on each entry; generated
	// code restores it after an instruction with a static rounding mode).
	Mxcsr uint32
	// Scratch is a word generated code uses to move MXCSR in and out.
	Scratch uint32
	// HostMxcsr is the caller's MXCSR, restored on the way out.
	HostMxcsr uint32
	_         uint32

	// The read-TLB refill routine (refill.go) and what it needs: the
	// routine's address, RAM's physical start, length (0: refills off),
	// host address and PMA index, and the read TLB's live-slot bits.
	RefillRead uintptr
	RAMStart   uint64
	RAMLength  uint64
	RAMHost    uintptr
	RAMPMA     uint64
	ReadLive   uintptr

	// The write-TLB refill routine and what it needs besides the above:
	// the write TLB's live-slot bits, RAM's code bits and RAM's dirty-page
	// bitmaps (emu.EngineView).
	RefillWrite     uintptr
	WriteLive       uintptr
	RAMCode         uintptr
	RAMDirty        uintptr
	RAMDirtySummary uintptr
	// RAMDelta is RAM's host address minus its physical start: a page
	// mapped one to one lies at page + RAMDelta (hostAddress).
	RAMDelta uint64

	// The code-TLB refill routine and the code TLB's live-slot bits; the
	// engine's block tables by RAM page (Tables[i]: the table of the page
	// at RAM offset i<<12, 0 where none) and their number.
	RefillExec uintptr
	CodeLive   uintptr
	Tables     uintptr
	TablePages uint64

	// Saved holds the register cache's host registers (cacheRegs, in order)
	// as generated code left them, for an exit's site (ir.Site).
	Saved [len(cacheRegs)]uint64
}

// Generated code reaches Context through R15 at these offsets (fp.go).
var (
	_ [unsafe.Offsetof(Context{}.RefillRead) - ctxRefillRead]struct{}
	_ [ctxRefillRead - unsafe.Offsetof(Context{}.RefillRead)]struct{}
	_ [unsafe.Offsetof(Context{}.RAMStart) - ctxRAMStart]struct{}
	_ [ctxRAMStart - unsafe.Offsetof(Context{}.RAMStart)]struct{}
	_ [unsafe.Offsetof(Context{}.ReadLive) - ctxReadLive]struct{}
	_ [ctxReadLive - unsafe.Offsetof(Context{}.ReadLive)]struct{}
	_ [unsafe.Offsetof(Context{}.RefillWrite) - ctxRefillWrite]struct{}
	_ [ctxRefillWrite - unsafe.Offsetof(Context{}.RefillWrite)]struct{}
	_ [unsafe.Offsetof(Context{}.RAMDirtySummary) - ctxRAMDirtySummary]struct{}
	_ [ctxRAMDirtySummary - unsafe.Offsetof(Context{}.RAMDirtySummary)]struct{}
	_ [unsafe.Offsetof(Context{}.RAMDelta) - ctxRAMDelta]struct{}
	_ [ctxRAMDelta - unsafe.Offsetof(Context{}.RAMDelta)]struct{}
	_ [unsafe.Offsetof(Context{}.RefillExec) - ctxRefillExec]struct{}
	_ [ctxRefillExec - unsafe.Offsetof(Context{}.RefillExec)]struct{}
	_ [unsafe.Offsetof(Context{}.CodeLive) - ctxCodeLive]struct{}
	_ [ctxCodeLive - unsafe.Offsetof(Context{}.CodeLive)]struct{}
	_ [unsafe.Offsetof(Context{}.Tables) - ctxTables]struct{}
	_ [ctxTables - unsafe.Offsetof(Context{}.Tables)]struct{}
	_ [unsafe.Offsetof(Context{}.TablePages) - ctxTablePages]struct{}
	_ [ctxTablePages - unsafe.Offsetof(Context{}.TablePages)]struct{}
	_ [unsafe.Offsetof(Context{}.End) - ctxEnd]struct{}
	_ [ctxEnd - unsafe.Offsetof(Context{}.End)]struct{}
	_ [unsafe.Offsetof(Context{}.Mxcsr) - ctxMxcsr]struct{}
	_ [ctxMxcsr - unsafe.Offsetof(Context{}.Mxcsr)]struct{}
	_ [unsafe.Offsetof(Context{}.Scratch) - ctxScratch]struct{}
	_ [ctxScratch - unsafe.Offsetof(Context{}.Scratch)]struct{}
)

// Enter runs generated code at entry (an address in executable memory) and
// returns its exit code. It is the only way into generated code, which never
// calls Go: it returns here with an exit code, pc and mcycle. The trampoline
// also owns the host floating-point state: it loads MXCSR for the guest's
// frm on the way in, and on the way out it ORs the exception flags that
// generated code accumulated in MXCSR into the guest's fflags and gives the
// caller its MXCSR back.
//
//go:noescape
func Enter(entry uintptr, ctx *Context) uint32

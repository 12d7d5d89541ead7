package ir

import "github.com/rivetvm/rivet/emu/isa"

// ExitCode is what generated code returns to the trampoline, in the low
// byte; the bits above carry an argument (the chain site for ExitChain).
type ExitCode uint32

const (
	ExitBudget  ExitCode = 1 // the block does not fit before the run's end; nothing ran
	ExitFetch   ExitCode = 2 // pc left the page, or was set by an indirect jump
	ExitMemory  ExitCode = 3 // a load or store missed the TLB at pc
	ExitGeneral ExitCode = 4 // the instruction at pc is not translated
	ExitChain   ExitCode = 5 // pc is a same-page target with no block linked yet; arg: chain site
	// ExitMemory, ExitGeneral and ExitBudget from inside a block carry a
	// site (Code.Sites) as their argument, or 0 when pc, mcycle and the
	// registers are already as they should be.
	// ExitInterpret: the block at pc is better interpreted (a few
	// instructions before one that is not translated).
	ExitInterpret ExitCode = 6
)

var exitNames = [...]string{"", "budget", "fetch", "memory", "general", "chain", "interpret"}

func (e ExitCode) String() string {
	if c := e & 0xFF; int(c) < len(exitNames) && c != 0 {
		return exitNames[c]
	}
	return "exit?"
}

// Block is a run of decoded instructions from one code page, at byte
// offsets Offs (Offs[0] is the block's start), ending as End says.
type Block struct {
	Insns []isa.Insn
	Raw   []uint32 // the instruction words (the low 16 bits for a compressed one)
	Offs  []uint64
	End   BlockEnd
	// Next is the offset (in the page) after the last instruction.
	Next uint64
	// Table is the address of the page's block table (emu.CodePage.Blocks:
	// one entry address per halfword, 0 where none): an indirect jump that
	// stays in the page may look its target up there directly. It stays
	// valid as long as the block can run (a page's blocks are dropped with
	// its table).
	Table uintptr
}

// BlockEnd says how a block ends.
type BlockEnd uint8

const (
	EndBranch      BlockEnd = iota // the last instruction transfers control (Backend.EndsBlock)
	EndUnsupported                 // the instruction at Next is not translated
	EndPage                        // the next instruction is not wholly in this page
	EndCap                         // the length cap: continue at Next
)

// Chain is a patchable jump in generated code: to the block at page offset
// Target once it exists.
type Chain struct {
	Site   int    // offset of the rel32 to patch, within the block's code
	Target uint64 // page offset of the target block
}

// Site is what Go does for generated code that exits from inside a block
// with a site number (ExitCode's argument, 1-based: the Translate call's
// siteBase plus the site's index in Code.Sites, plus 1): write the guest
// registers the block holds changed in host registers back (Regs[i] is the
// guest register in the backend's i-th saved register, 0 for none), then
// advance pc by Delta and mcycle by K. Out-of-line exits leave this to Go
// so that each is a few bytes.
type Site struct {
	Delta uint16
	K     uint8
	Regs  [6]uint8
}

// Code is one translated block.
type Code struct {
	Bytes  []byte
	Chains []Chain
	Sites  []Site
	// Align is the alignment (a power of two) of the address the block must
	// be placed at, where its code aligns something relative to its start
	// (a loop's head); 0 for none beyond code memory's usual 16.
	Align int
}

// Backend translates blocks for one host architecture.
type Backend interface {
	// Supported reports whether the backend translates an instruction
	// (raw: its instruction word).
	Supported(in *isa.Insn, raw uint32) bool
	// EndsBlock reports whether a supported instruction transfers control
	// (a branch, a jump, or a system instruction such as ECALL that the
	// backend translates): it is then the block's last.
	EndsBlock(in *isa.Insn, raw uint32) bool
	// Translate emits the code of a block. Its chain stubs return
	// ExitChain with argument chainBase+i for its i-th chain, and its exits
	// with a site argument siteBase+i+1 for its i-th site. The Code may
	// share the backend's buffers: it is valid until the next Translate.
	Translate(b *Block, chainBase, siteBase int) (*Code, error)
	// ExitStub returns the code of a stub that returns code at once (pc and
	// mcycle as they are): block-table entries and chains of blocks that
	// cannot be translated point at one, so reaching them costs one exit.
	ExitStub(code ExitCode) []byte
	// ReadRefill returns the code of the routine generated code calls to
	// fill a read-TLB slot in place on a miss, where the fill is exactly
	// what the interpreter would do (position-independent; nil: none).
	ReadRefill() []byte
	// WriteRefill is the same for the write TLB: it fills a slot only where
	// the interpreter's fill involves no decoded code and marks the evicted
	// slot's page dirty as the interpreter does (nil: none).
	WriteRefill() []byte
	// ExecRefill is the same for the code TLB, which dispatch fills on a
	// miss as the interpreter's fetch would (nil: none).
	ExecRefill() []byte
	// PatchJump writes into code (at a chain site) a jump to target, both
	// given as addresses in the executable mapping; buf is the writable view
	// of the same bytes as code.
	PatchJump(buf []byte, site int, siteAddr, targetAddr uintptr)
}

package jit

import (
	"fmt"
	"time"
	"unsafe"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit/ir"
)

const (
	codeMemorySize = 64 << 20
	minCodeMemory  = 64 << 10 // the stubs, the refill routines and the largest block, many times over
	maxBlockInsns  = 64
	pageSlots      = 2048
)

// Stats counts what the engine did.
type Stats struct {
	BlocksTranslated uint64
	BytesEmitted     uint64
	TranslateTime    time.Duration // with Options.TimeTranslation only
	Entries          uint64        // times generated code was entered
	ChainsPatched    uint64
	Resets           uint64 // code memory filled up and was emptied
	Exits            [8]uint64
	JITCycles        uint64 // mcycles spent in generated code
	// Block lookups made by Go (entries and chain links; jumps that
	// generated code dispatches inline are not counted): found translated,
	// not hot yet (interpreted), and starting with an instruction that is
	// not translated.
	CacheHits, ColdLookups, UntranslatableLookups uint64
}

// pageBlocks are the translations of one code page: entry[i] is the
// executable address of the block starting at byte offset 2i (generated
// code reads it through CodePage.Blocks); seen[i] counts the times the
// block was reached before it was translated.
type pageBlocks struct {
	entry [pageSlots]uintptr
	cold  [pageSlots]coldCount
}

// coldCount is what the engine knows of a block start before it is
// translated. Its two counters sit side by side, so that a cold visit, which
// reads both, touches one cache line of them.
type coldCount struct {
	seen uint8 // times reached, up to the hot threshold
	// length is the number of instructions of the block (0: not known
	// yet). A cold block is interpreted exactly that far, so the engine is
	// next asked at the block's end, a block start itself, and hotness
	// accumulates on real block starts.
	length uint8
}

// hotThreshold is how many times a block start is reached, interpreted,
// before it is translated: most code of a boot runs a few times only, and
// translating a block costs about as much as interpreting a few hundred
// instructions. On a Linux boot (echo hello), 2, 8, 16, 32 and 64 gave
// 0.22, 0.20, 0.19, 0.19 and 0.19 s of CPU: 16 translates a third of the
// blocks 2 does.
const hotThreshold = 16

// Options tune an engine. The zero value is not the default: use
// DefaultOptions.
type Options struct {
	// HotThreshold is how many times a block start is reached (and
	// interpreted) before it is translated, at most 255; 0 translates every
	// block the first time. Tests use 0 so every block runs translated.
	HotThreshold int
	// CodeMemory is the size of code memory in bytes, from 64 KiB; 0 is
	// the default (64 MiB). When it fills up every translation is dropped;
	// tests make it small so that happens often.
	CodeMemory int
	// TimeTranslation measures the time spent translating
	// (Stats.TranslateTime). It reads the clock twice per block, which costs
	// about 3 % of a Linux boot on a virtual machine, so only `--stats` asks
	// for it.
	TimeTranslation bool
}

// DefaultOptions are the options New uses.
func DefaultOptions() Options { return Options{HotThreshold: hotThreshold} }

// declineCycles is how far the interpreter runs after an exit that asks for
// interpretation without naming a block (ExitInterpret).
const declineCycles = 32

// declineLimit is mcycle + n without wrapping past 2^64-1.
func declineLimit(mcycle, n uint64) uint64 {
	if mcycle > ^uint64(0)-n {
		return ^uint64(0)
	}
	return mcycle + n
}

// chainRef locates a patchable jump in code memory.
type chainRef struct {
	page   *emu.CodePage
	code   int // offset of the block's code in code memory
	site   int // offset of the rel32 within the block
	target uint64
}

// Engine is the JIT: it implements emu.Engine.
type Engine struct {
	m       *emu.Machine
	backend ir.Backend
	mem     *codeMemory
	ctx     hostContext
	pages   []*emu.CodePage // pages holding translations, for resets
	tables  tableArena      // their block tables
	// ramTables[i] is the block table of the RAM page at offset i<<12 (0:
	// none): generated code dispatches through it after a code-TLB hit.
	ramTables       []uintptr
	dropped         int // pages in pages that were dropped since
	chains          []chainRef
	sites           []ir.Site // the exit sites of the blocks in code memory (ir.Site)
	x               *[32]uint64
	stats           Stats
	block           ir.Block // reused
	hot             uint8    // Options.HotThreshold
	timeTranslation bool     // Options.TimeTranslation
	// untranslatable is a stub returning ExitGeneral: the block-table entry
	// of a block whose first instruction is not translated, and the target
	// of chains to it.
	untranslatable uintptr
	// interpret is a stub returning ExitInterpret: the entry of a block too
	// short to be worth entering (see minBlockBeforeExit).
	interpret uintptr
}

// minBlockBeforeExit: a block of fewer instructions that ends at one the
// backend does not translate is interpreted instead. Entering generated
// code for one or two instructions and leaving it at once costs more than
// interpreting them (trap handlers: csrr, addi, csrw, mret).
const minBlockBeforeExit = 3

var _ emu.Engine = (*Engine)(nil)

// New makes a JIT engine for a machine, with DefaultOptions, and installs
// it.
func New(m *emu.Machine) (*Engine, error) { return NewWithOptions(m, DefaultOptions()) }

// NewWithOptions makes a JIT engine for a machine and installs it.
func NewWithOptions(m *emu.Machine, opts Options) (*Engine, error) {
	if !Supported {
		return nil, errUnsupported
	}
	if opts.HotThreshold < 0 || opts.HotThreshold > 255 {
		return nil, fmt.Errorf("jit: hot threshold %d: want 0 to 255", opts.HotThreshold)
	}
	size := codeMemorySize
	if opts.CodeMemory != 0 {
		if opts.CodeMemory < minCodeMemory || opts.CodeMemory > 1<<30 {
			return nil, fmt.Errorf("jit: code memory of %d bytes: want %d to %d", opts.CodeMemory, minCodeMemory, 1<<30)
		}
		size = opts.CodeMemory
	}
	v := m.EngineView()
	if v.HotSlotSize != 32 || v.HotCodePageOffset != 24 || uintptr(v.HotRead)-uintptr(v.HotCode) != 256*32 ||
		unsafe.Offsetof(emu.CodePage{}.Blocks) != 0 {
		return nil, fmt.Errorf("jit: machine layout differs from what the backend expects")
	}
	mem, err := newCodeMemory(size)
	if err != nil {
		return nil, err
	}
	e := &Engine{m: m, backend: newBackend(), mem: mem, hot: uint8(opts.HotThreshold), x: v.X,
		timeTranslation: opts.TimeTranslation}
	e.emitStubs()
	e.ctx.X = uintptr(unsafe.Pointer(v.X))
	e.ctx.HotRead = uintptr(v.HotRead)
	e.ctx.HotWrite = uintptr(v.HotWrite)
	e.ctx.RAMStart, e.ctx.RAMLength, e.ctx.RAMHost = v.RAMStart, v.RAMLength, uintptr(v.RAMHost)
	e.ctx.RAMPMA, e.ctx.ReadLive = v.RAMPMAIndex, uintptr(v.ReadTLBLive)
	e.ctx.WriteLive, e.ctx.RAMCode = uintptr(v.WriteTLBLive), uintptr(v.RAMCode)
	e.ctx.RAMDirty, e.ctx.RAMDirtySummary = uintptr(v.RAMDirtyWords), uintptr(v.RAMDirtySummary)
	// (Any value is safe: hostAddress checks the slot's host page against
	// page + RAMDelta before it uses it.)
	e.ctx.RAMDelta = uint64(uintptr(v.RAMHost)) - v.RAMStart
	if v.RAMHost == nil || v.RAMCode == nil || v.RAMDirtyWords == nil {
		e.ctx.RAMLength = 0 // no RAM to refill from: every refill fails
	}
	e.ctx.CodeLive = uintptr(v.CodeTLBLive)
	if e.ctx.RAMLength != 0 {
		e.ramTables = make([]uintptr, e.ctx.RAMLength>>12)
		e.ctx.Tables, e.ctx.TablePages = uintptr(unsafe.Pointer(&e.ramTables[0])), uint64(len(e.ramTables))
	}
	m.SetEngine(e)
	return e, nil
}

// Stats returns the counters.
func (e *Engine) Stats() Stats { return e.stats }

// Code returns a copy of the code memory in use, from its start: a block's
// offset in it is its offset in the memfd that profilers name
// (memfd:rivet-jit), for reading generated code and its profile.
func (e *Engine) Code() []byte {
	if e.mem == nil {
		return nil
	}
	return append([]byte(nil), e.mem.rw[:e.mem.used]...)
}

// Close releases code memory.
func (e *Engine) Close() error {
	if e.mem == nil {
		return nil
	}
	e.forgetPages() // the machine's pages outlive the tables
	err := e.mem.close()
	e.mem = nil
	return err
}

// DropPage forgets the translations of a page.
func (e *Engine) DropPage(cp *emu.CodePage) {
	if cp == nil {
		return
	}
	if pb, ok := cp.Engine.(*pageBlocks); ok {
		// Nothing can reach the page's blocks any more: chains link blocks
		// of one page only, and other pages reach it through its table.
		cp.Engine, cp.Blocks = nil, nil
		e.setRAMTable(cp, 0)
		e.tables.put(pb)
		// e.pages lets go of dropped pages once they are half of it (a
		// guest rewriting its code in a loop drops a page per pass).
		if e.dropped++; e.dropped > len(e.pages)/2 {
			kept := e.pages[:0]
			for _, p := range e.pages {
				if p.Engine != nil {
					kept = append(kept, p)
				}
			}
			clear(e.pages[len(kept):])
			e.pages, e.dropped = kept, 0
		}
	}
}

// forgetPages detaches every page's translations and block table.
func (e *Engine) forgetPages() {
	for _, cp := range e.pages {
		cp.Engine, cp.Blocks = nil, nil
		e.setRAMTable(cp, 0)
	}
	clear(e.pages)
	e.pages, e.dropped = e.pages[:0], 0
	e.tables.reset()
}

func (e *Engine) reset() {
	e.forgetPages()
	e.chains = e.chains[:0]
	e.sites = e.sites[:0]
	e.mem.reset()
	e.emitStubs()
	e.stats.Resets++
}

// newTable gives a page an empty block table.
func (e *Engine) newTable(cp *emu.CodePage) *pageBlocks {
	pb := e.tables.get()
	cp.Engine = pb
	cp.Blocks = unsafe.Pointer(&pb.entry)
	e.pages = append(e.pages, cp)
	e.setRAMTable(cp, uintptr(cp.Blocks))
	return pb
}

// setRAMTable records the block table of a page, if it is RAM's.
func (e *Engine) setRAMTable(cp *emu.CodePage, table uintptr) {
	if i := (uintptr(cp.Host) - e.ctx.RAMHost) >> 12; i < uintptr(len(e.ramTables)) {
		e.ramTables[i] = table
	}
}

// emitStubs puts the shared stubs at the start of code memory.
func (e *Engine) emitStubs() {
	place := func(code []byte) uintptr {
		if code == nil {
			return 0 // the backend has no such routine
		}
		at := e.mem.alloc(len(code), 0)
		copy(e.mem.rw[at:], code)
		return e.mem.addr(at)
	}
	e.untranslatable = place(e.backend.ExitStub(ir.ExitGeneral))
	e.interpret = place(e.backend.ExitStub(ir.ExitInterpret))
	e.ctx.RefillRead = place(e.backend.ReadRefill())
	e.ctx.RefillWrite = place(e.backend.WriteRefill())
	e.ctx.RefillExec = place(e.backend.ExecRefill())
}

// Run executes translated blocks of the current fetch page.
func (e *Engine) Run(st *emu.EngineState) emu.EngineExit {
	for {
		if st.Mcycle >= st.End {
			return emu.ExitEnd
		}
		if st.Mcycle >= maxEnd {
			st.Limit = st.End // the last cycles before 2^64: interpreted
			return emu.ExitDeclined
		}
		off := st.PC ^ st.FetchPage
		if off >= 0xFFE {
			return emu.ExitFetch
		}
		entry, res := e.blockAt(st.Code, off, true)
		switch res {
		case blockNone:
			return emu.ExitGeneral // the first instruction is not translated
		case blockCold, blockShort:
			st.Limit = declineLimit(st.Mcycle, e.blockLength(st.Code, off))
			return emu.ExitDeclined
		}
		// (Near 2^64 the end is pulled back, so the block budget check
		// cannot wrap: those last cycles go to the interpreter.)
		e.ctx.PC, e.ctx.Mcycle, e.ctx.End = st.PC, st.Mcycle, min(st.End, maxEnd)
		e.stats.Entries++
		code := ir.ExitCode(enter(entry, &e.ctx))
		if arg := code >> 8; arg != 0 && code&0xFF != ir.ExitChain {
			e.applySite(int(arg - 1))
		}
		e.stats.JITCycles += e.ctx.Mcycle - st.Mcycle
		st.PC, st.Mcycle = e.ctx.PC, e.ctx.Mcycle
		e.stats.Exits[code&7]++
		switch code & 0xFF {
		case ir.ExitBudget:
			st.Limit = st.End
			return emu.ExitDeclined
		case ir.ExitFetch:
			continue
		case ir.ExitMemory:
			return emu.ExitMemory
		case ir.ExitGeneral:
			return emu.ExitGeneral
		case ir.ExitChain:
			e.link(int(code >> 8))
		case ir.ExitInterpret:
			st.Limit = declineLimit(st.Mcycle, declineCycles)
			return emu.ExitDeclined
		default:
			panic(fmt.Sprintf("jit: generated code returned %#x", code))
		}
	}
}

// applySite does what generated code left to Go at the exit site: the
// changed guest registers it held written back from the trampoline's saved
// copies, pc and mcycle advanced to the instruction.
func (e *Engine) applySite(i int) {
	s := &e.sites[i]
	for j, r := range s.Regs {
		if r != 0 {
			e.x[r] = e.ctx.Saved[j]
		}
	}
	e.ctx.PC += uint64(s.Delta)
	e.ctx.Mcycle += uint64(s.K)
}

// link patches a chain site to jump straight to its target block.
func (e *Engine) link(id int) {
	if id >= len(e.chains) {
		return
	}
	c := e.chains[id]
	entry, res := e.blockAt(c.page, c.target, false)
	if id >= len(e.chains) || e.chains[id] != c || c.page.Engine == nil {
		return // code memory was reset meanwhile
	}
	switch res {
	case blockNone:
		entry = e.untranslatable
	case blockShort:
		entry = e.interpret
	case blockCold:
		return
	}
	e.backend.PatchJump(e.mem.rw[c.code:], c.site, e.mem.addr(c.code), entry)
	e.stats.ChainsPatched++
}

type blockResult uint8

const (
	blockReady blockResult = iota
	blockNone              // its first instruction is not translated
	blockCold              // not reached often enough yet
	blockShort             // better interpreted (minBlockBeforeExit)
)

// blockAt returns the entry of the block at offset off of a page,
// translating it if needed (and, with counting, only once it is hot).
func (e *Engine) blockAt(cp *emu.CodePage, off uint64, counting bool) (uintptr, blockResult) {
	pb, _ := cp.Engine.(*pageBlocks)
	if pb != nil {
		if a := pb.entry[off>>1]; a != 0 {
			switch a {
			case e.untranslatable:
				e.stats.UntranslatableLookups++
				return 0, blockNone
			case e.interpret:
				e.stats.UntranslatableLookups++
				return 0, blockShort
			}
			e.stats.CacheHits++
			return a, blockReady
		}
	} else {
		pb = e.newTable(cp)
	}
	// (A block seen before passed this check then: cold lookups repeat
	// thousands of times in a boot, so they skip it.)
	if pb.cold[off>>1].seen == 0 && (off > 0xFFC || !e.backend.Supported(cp.DecodeAt(off), cp.RawAt(off))) {
		pb.entry[off>>1] = e.untranslatable
		return 0, blockNone
	}
	if counting && pb.cold[off>>1].seen < e.hot {
		pb.cold[off>>1].seen++
		e.stats.ColdLookups++
		return 0, blockCold
	}
	b := e.decodeBlock(cp, off)
	if len(b.Insns) == 0 {
		pb.entry[off>>1] = e.untranslatable
		return 0, blockNone
	}
	if len(b.Insns) < minBlockBeforeExit && b.End == ir.EndUnsupported {
		pb.entry[off>>1] = e.interpret
		return 0, blockShort
	}
	var start time.Time
	if e.timeTranslation {
		start = time.Now()
	}
	b.Table = uintptr(cp.Blocks)
	code, err := e.backend.Translate(b, len(e.chains), len(e.sites))
	if err != nil {
		panic(fmt.Sprintf("jit: translate: %v", err)) // a supported instruction failed: a bug
	}
	at := e.mem.alloc(len(code.Bytes), code.Align)
	if at < 0 {
		// Code memory is full: empty it and translate the block again, as
		// its chain numbers and its page's block table are new.
		e.reset()
		pb = e.newTable(cp)
		b = e.decodeBlock(cp, off)
		b.Table = uintptr(cp.Blocks)
		if code, err = e.backend.Translate(b, len(e.chains), len(e.sites)); err != nil {
			panic(fmt.Sprintf("jit: translate: %v", err))
		}
		if at = e.mem.alloc(len(code.Bytes), code.Align); at < 0 {
			return 0, blockNone
		}
	}
	copy(e.mem.rw[at:], code.Bytes)
	for _, c := range code.Chains {
		e.chains = append(e.chains, chainRef{page: cp, code: at, site: c.Site, target: c.Target})
	}
	e.sites = append(e.sites, code.Sites...)
	entry := e.mem.addr(at)
	pb.entry[off>>1] = entry
	e.stats.BlocksTranslated++
	e.stats.BytesEmitted += uint64(len(code.Bytes))
	if e.timeTranslation {
		e.stats.TranslateTime += time.Since(start)
	}
	return entry, blockReady
}

// blockLength returns how many instructions the block at offset off has
// (at least 1), computing it once per block start.
func (e *Engine) blockLength(cp *emu.CodePage, off uint64) uint64 {
	pb, _ := cp.Engine.(*pageBlocks)
	if pb == nil || off > 0xFFC {
		return 1
	}
	if n := pb.cold[off>>1].length; n != 0 {
		return uint64(n)
	}
	n := max(len(e.decodeBlock(cp, off).Insns), 1) // at most maxBlockInsns (64)
	pb.cold[off>>1].length = uint8(n)
	return uint64(n)
}

// decodeBlock collects the instructions of the block starting at off.
func (e *Engine) decodeBlock(cp *emu.CodePage, off uint64) *ir.Block {
	b := &e.block
	b.Insns, b.Raw, b.Offs = b.Insns[:0], b.Raw[:0], b.Offs[:0]
	for {
		if off > 0xFFC {
			b.End, b.Next = ir.EndPage, off
			return b
		}
		in := cp.DecodeAt(off)
		if in.Size == 4 && off > 0xFFC {
			b.End, b.Next = ir.EndPage, off
			return b
		}
		raw := cp.RawAt(off)
		if !e.backend.Supported(in, raw) {
			b.End, b.Next = ir.EndUnsupported, off
			return b
		}
		b.Insns = append(b.Insns, *in)
		b.Raw = append(b.Raw, raw)
		b.Offs = append(b.Offs, off)
		off += uint64(in.Size)
		if e.backend.EndsBlock(in, raw) {
			b.End, b.Next = ir.EndBranch, off
			return b
		}
		if len(b.Insns) == maxBlockInsns {
			b.End, b.Next = ir.EndCap, off
			return b
		}
	}
}

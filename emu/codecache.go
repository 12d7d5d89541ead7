package emu

import (
	"github.com/rivetvm/rivet/emu/isa"
	"github.com/rivetvm/rivet/internal/slab"
	"unsafe"
)

// Decoded code pages. The run loop keeps, per physical page it executes
// from, the decoded form of each instruction (one entry per halfword), so an
// instruction is decoded once, not every time it runs. The cache is outside
// the machine state: nothing in it is hashed, and dropping it changes nothing
// but speed.
//
// A decoded page must never outlive a change to its bytes. Every write path
// therefore checks for code pages:
//   - guest stores: a page with decoded code is never reachable through a
//     live hot write-TLB slot; such slots are "poisoned" (their hot page
//     never matches), so stores to the page take the slow path, which
//     finds the page's cold slot still valid, drops the decoded page if the
//     store overwrites a decoded instruction, and performs the store as the
//     TLB hit it is (no page walk, no TLB change);
//   - page-table A/D updates and host writes (images, API writes) drop the
//     pages they touch.
// The JIT's translated blocks hang off the same pages and are dropped with
// them.

const (
	codeSlots = PageSize / 2
	// maxCodePages bounds the cache (32 KiB each); past it everything is
	// dropped and decoding starts over.
	maxCodePages = 4096
	// tlbPoisoned is a hot vaddr_page that no access ever matches.
	tlbPoisoned = ^uint64(0) - 1
)

// CodePage is the decoded code of one physical page: one entry per halfword
// (entry i decodes the instruction at byte offset 2i; isa.None until
// needed). An Engine may keep its translations of the page in Engine; they
// are dropped (Engine.DropPage) when the page is.
type CodePage struct {
	// Blocks is for an engine's generated code: a table, indexed by
	// halfword, of entry addresses (0: none). Generated code reads it at
	// offset 0 of the page, through the code TLB (EngineView.HotCode).
	Blocks unsafe.Pointer
	Host   unsafe.Pointer // host address of the page
	// Ins is the decoded instructions, in memory outside the Go heap
	// (internal/slab; given back when the page is dropped, so a dropped page
	// must never be used again).
	Ins    *[codeSlots]isa.Insn
	Engine any
}

// codeSlotsBytes is the size of a page's decoded instructions.
const codeSlotsBytes = int(unsafe.Sizeof([codeSlots]isa.Insn{}))

// codePageFor returns the decoded page for a host page, creating it (and
// poisoning write-TLB slots that map the page) when needed.
func (m *Machine) codePageFor(host unsafe.Pointer) *CodePage {
	if cp, ok := m.code[host]; ok {
		return cp
	}
	if len(m.code) >= maxCodePages {
		m.dropAllCode()
	}
	cp := &CodePage{Host: host}
	if m.codeMem == nil {
		m.codeMem = slab.New(codeSlotsBytes)
	}
	// Pages dropped before are out of use by now: they were dropped while
	// an instruction ran (which may still read its own decoded entry), and
	// this is the next instruction's fetch, after the run loop flushed its
	// fetch cache.
	m.codeMem.Recycle()
	if p := m.codeMem.Get(); p != nil {
		cp.Ins = (*[codeSlots]isa.Insn)(p)
	} else {
		cp.Ins = new([codeSlots]isa.Insn) // nothing could be mapped
	}
	if m.code == nil {
		m.code = map[unsafe.Pointer]*CodePage{}
	}
	m.code[host] = cp
	m.markRAMCode(host, true)
	for i := range m.hot[tlbWrite] {
		h := &m.hot[tlbWrite][i]
		if h.host == host && h.vaddrPage != tlbInvalidPage {
			h.poison()
		}
	}
	return cp
}

// decodedIn reports whether bytes [off, off+size) of the page hold part of
// an instruction already decoded (and so possibly translated). A store
// elsewhere in a page with code leaves its decoded instructions as they
// are: data sharing a page with a hot loop costs a slow-path store, not a
// re-decode and re-translation of the loop.
func (cp *CodePage) decodedIn(off, size uint64) bool {
	start := off &^ 1
	if start >= 2 {
		start -= 2 // a 4-byte instruction two bytes before may reach off
	}
	for o := start; o < off+size && o < PageSize; o += 2 {
		if d := &cp.Ins[o>>1]; d.Op != isa.None && o+uint64(d.Size) > off {
			return true
		}
	}
	return false
}

// poison makes a write slot miss (its page stays in the shadow slot).
func (h *hotSlot) poison() { h.vaddrPage = tlbPoisoned }

// dropCode forgets the decoded page at host (if any): hot slots pointing at
// it are cleared or unpoisoned.
func (m *Machine) dropCode(host unsafe.Pointer) {
	if _, ok := m.code[host]; !ok {
		return
	}
	cp := m.code[host]
	if m.engine != nil {
		m.engine.DropPage(cp)
	}
	delete(m.code, host)
	m.codeMem.Put(unsafe.Pointer(cp.Ins)) // (ignored for one from the Go heap)
	cp.Ins = nil
	m.markRAMCode(host, false)
	m.codeDropped = true
	for i := range m.hot[tlbCode] {
		if h := &m.hot[tlbCode][i]; h.code != nil && h.code.Host == host {
			h.code = nil
		}
	}
	for i := range m.hot[tlbWrite] {
		if h := &m.hot[tlbWrite][i]; h.vaddrPage == tlbPoisoned && h.host == host {
			h.vaddrPage = m.tlb[tlbWrite][i].VaddrPage
		}
	}
}

// markRAMCode keeps ramCode's bit for a host page (if it is RAM's) in step
// with the code map.
func (m *Machine) markRAMCode(host unsafe.Pointer, has bool) {
	if m.ramCode == nil || m.ram == nil || m.ram.host == nil {
		return
	}
	off := uintptr(host) - uintptr(m.ram.host)
	if uintptr(host) < uintptr(m.ram.host) || uint64(off) >= m.ram.length {
		return
	}
	page := uint64(off) >> Log2PageSize
	if has {
		m.ramCode[page/64] |= 1 << (page % 64)
	} else {
		m.ramCode[page/64] &^= 1 << (page % 64)
	}
}

func (m *Machine) dropAllCode() {
	for host := range m.code {
		m.dropCode(host)
	}
}

// dropCodeRange drops the decoded pages of a range's bytes [off, off+n).
func (m *Machine) dropCodeRange(r *memRange, off, n uint64) {
	if len(m.code) == 0 || n == 0 {
		return
	}
	for p := off &^ pageOffMask; p < off+n; p += PageSize {
		m.dropCode(unsafe.Add(r.host, p))
	}
}

// Aliases keep engine.go free of the isa import's name in its API docs.
type isaInsn = isa.Insn

const isaNone = isa.None

var isaDecode = isa.Decode

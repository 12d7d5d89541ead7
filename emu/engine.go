package emu

import "unsafe"

// Engine runs simple instructions in place of the interpreter's fast loop,
// under the same contract: starting at st.PC inside the fetch page
// (st.Code), execute simple instructions while st.Mcycle < st.End and pc
// stays in that page; leave the first instruction it does not execute (a
// TLB miss, a system, atomic or FP instruction, a page change) unexecuted,
// with st.PC at it, and say why. An engine that prefers not to run code
// yet returns ExitDeclined with st.Limit set. The interpreter executes
// everything an engine leaves, so an engine is free to support any subset
// of the simple instructions. The JIT (package jit) implements Engine; emu
// never imports it.
type Engine interface {
	Run(st *EngineState) EngineExit
	// DropPage is called when a decoded page is dropped (its bytes changed):
	// nothing translated from it may run again.
	DropPage(page *CodePage)
	// Close releases the engine's resources.
	Close() error
}

// EngineView gives an engine the machine state it works on: the register
// file and the hot code, read and write TLBs (each tlbSetSize slots of
// HotSlotSize bytes: vaddr_page at +0, host page address at +8, and, in the
// code set, the page's *CodePage at HotCodePageOffset, nil until the
// interpreter has fetched through the slot).
type EngineView struct {
	X                 *[32]uint64
	HotCode           unsafe.Pointer
	HotRead           unsafe.Pointer
	HotWrite          unsafe.Pointer
	HotSlotSize       uintptr
	HotCodePageOffset uintptr

	// For an engine that fills read-TLB slots itself, exactly as the
	// interpreter would: RAM's physical start and length, its host bytes,
	// its index in the PMA array, and the live-slot bit set of the read TLB
	// (one bit per slot, to be set on every fill).
	RAMStart, RAMLength uint64
	RAMHost             unsafe.Pointer
	RAMPMAIndex         uint64
	ReadTLBLive         unsafe.Pointer

	// For an engine that also fills write-TLB slots, as the interpreter
	// would where no decoded code is involved: the write TLB's live bits,
	// RAM's code bits (bit p set while RAM page p has decoded code: a fill
	// of such a page must be left to the interpreter, which poisons the
	// slot), and RAM's dirty-page bitmaps (merkle.PageSet.Bitmaps), where
	// the page of an evicted write slot is marked. An evicted slot outside
	// RAM must be left to the interpreter too.
	WriteTLBLive                   unsafe.Pointer
	RAMCode                        unsafe.Pointer
	RAMDirtyWords, RAMDirtySummary unsafe.Pointer

	// For an engine that fills code-TLB slots, as the interpreter's fetch
	// would (leaving the slot's decoded page nil, to be found on demand):
	// the code TLB's live bits.
	CodeTLBLive unsafe.Pointer
}

// EngineView returns the state an engine works on. The pointers stay valid
// until the machine is closed.
func (m *Machine) EngineView() EngineView {
	v := EngineView{
		X:                 &m.s.X,
		HotCode:           unsafe.Pointer(&m.hot[tlbCode]),
		HotRead:           unsafe.Pointer(&m.hot[tlbRead]),
		HotWrite:          unsafe.Pointer(&m.hot[tlbWrite]),
		HotSlotSize:       unsafe.Sizeof(hotSlot{}),
		HotCodePageOffset: unsafe.Offsetof(hotSlot{}.code),
		RAMStart:          m.ram.start,
		RAMHost:           m.ram.host,
		ReadTLBLive:       unsafe.Pointer(&m.live[tlbRead]),
	}
	v.RAMLength = 0 // until RAM is found in the PMA array: no engine fills
	for i, r := range m.pmas {
		if r == m.ram {
			v.RAMPMAIndex, v.RAMLength = uint64(i), m.ram.length
			break
		}
	}
	if v.RAMLength == 0 || m.ram.host == nil || m.ram.dirty == nil {
		v.RAMLength = 0
		return v
	}
	if m.ramCode == nil {
		m.ramCode = make([]uint64, (m.ram.length>>Log2PageSize+63)/64)
		for host := range m.code {
			m.markRAMCode(host, true)
		}
	}
	words, summary := m.ram.dirty.Bitmaps()
	v.WriteTLBLive = unsafe.Pointer(&m.live[tlbWrite])
	v.CodeTLBLive = unsafe.Pointer(&m.live[tlbCode])
	v.RAMCode = unsafe.Pointer(&m.ramCode[0])
	v.RAMDirtyWords, v.RAMDirtySummary = unsafe.Pointer(&words[0]), unsafe.Pointer(&summary[0])
	return v
}

// SetEngine makes the machine run simple instructions with e (nil: the
// interpreter alone). The machine closes it on Close.
func (m *Machine) SetEngine(e Engine) {
	if m.engine != nil && m.engine != e {
		m.engine.Close()
	}
	m.engine = e
}

// Engine returns the machine's engine (nil for the interpreter alone).
func (m *Machine) Engine() Engine { return m.engine }

// DecodeAt returns the decoded instruction at byte offset off of a code
// page, decoding it first if needed (off must be even and at most 0xFFC).
func (cp *CodePage) DecodeAt(off uint64) *isaInsn {
	d := &cp.Ins[off>>1]
	if d.Op == isaNone {
		*d = isaDecode(*(*uint32)(unsafe.Add(cp.Host, off)))
	}
	return d
}

// RawAt returns the instruction word at byte offset off of a code page (the
// low 16 bits only for a compressed instruction; off must be even and at
// most 0xFFC, or 0xFFE for a compressed one).
func (cp *CodePage) RawAt(off uint64) uint32 {
	lo := uint32(*(*uint16)(unsafe.Add(cp.Host, off)))
	if lo&3 != 3 {
		return lo
	}
	return *(*uint32)(unsafe.Add(cp.Host, off))
}

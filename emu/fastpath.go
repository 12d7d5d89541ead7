package emu

import (
	"github.com/rivetvm/rivet/emu/isa"

	"math/bits"
	"unsafe"
)

// The fast path of the interpreter: the instructions that need no help —
// arithmetic, branches, jumps, and loads and stores that hit the TLB — run in
// this small loop, which makes no calls, so pc, mcycle and the fetch cache
// stay in host registers. Anything else (a fetch outside the cached page, an
// instruction not decoded yet, a TLB miss, a system, atomic or FP
// instruction, an illegal one) makes it return before touching any state,
// and the general path in interp.go executes that one instruction. Each
// instruction's semantics are written once: simple ones here, the rest there.

// fastExit says why runFast returned.
type fastExit uint8

const (
	exitEnd     fastExit = iota // mcycle reached end
	exitFetch                   // pc is outside the fetch cache, or not decoded yet
	exitMemory                  // a load or store missed the TLB
	exitGeneral                 // the instruction at pc needs the general path
)

// fastState is the run loop's state shared with runFast.
type fastState struct {
	pc, mcycle, end uint64
	fetchPage       uint64         // page of the fetch cache (^pc when invalid)
	code            *codePage      // decoded code of that page
	base            unsafe.Pointer // &code.ins, for runFast
}

// setFetch points the fetch cache at a page.
func (st *fastState) setFetch(page uint64, code *codePage) {
	st.fetchPage, st.code = page, code
	if code != nil {
		st.base = unsafe.Pointer(&code.ins)
	}
}

// extendLoad widens a loaded value as the load operation specifies.
func extendLoad(op isa.Op, v uint64) uint64 {
	switch op {
	case isa.LB:
		return uint64(int64(int8(v)))
	case isa.LH:
		return uint64(int64(int16(v)))
	case isa.LW:
		return sext32(v)
	}
	return v
}

func mulhu(a, b uint64) uint64 {
	hi, _ := bits.Mul64(a, b)
	return hi
}

// runFastOne executes one decoded instruction d at st.pc with runFast's
// semantics (for an instruction fetched across a page end).
func runFastOne(x *[32]uint64, hot *[3][tlbSetSize]hotSlot, st *fastState, d *isa.Insn) fastExit {
	saved := *st
	st.fetchPage, st.base, st.end = st.pc, unsafe.Pointer(d), st.mcycle+1
	exit := runFast(x, hot, st, false)
	st.fetchPage, st.base, st.end = saved.fetchPage, saved.base, saved.end
	return exit
}

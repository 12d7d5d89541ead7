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

// EngineExit says why runFast (or an Engine) returned.
type EngineExit uint8

const (
	ExitEnd      EngineExit = iota // mcycle reached End
	ExitFetch                      // pc is outside the fetch cache, or not decoded yet
	ExitMemory                     // a load or store missed the TLB
	ExitGeneral                    // the instruction at pc needs the general path
	ExitDeclined                   // (engines only) interpret up to Limit instead
)

// EngineState is the run loop's state, shared with runFast and engines.
type EngineState struct {
	PC, Mcycle, End uint64
	FetchPage       uint64    // page of the fetch cache (^pc when invalid)
	Code            *CodePage // decoded code of that page
	// Limit is set by an engine that returns ExitDeclined: the interpreter's
	// fast loop runs until Mcycle reaches min(Limit, End), then the engine is
	// asked again.
	Limit uint64
	base  unsafe.Pointer // Code.Ins, for runFast
}

// setFetch points the fetch cache at a page.
func (st *EngineState) setFetch(page uint64, code *CodePage) {
	st.FetchPage, st.Code = page, code
	if code != nil {
		st.base = unsafe.Pointer(code.Ins)
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

// runFastOne executes one decoded instruction d at st.PC with runFast's
// semantics (for an instruction fetched across a page end).
func runFastOne(x *[32]uint64, hot *[3][tlbSetSize]hotSlot, st *EngineState, d *isa.Insn) EngineExit {
	saved := *st
	st.FetchPage, st.base, st.End = st.PC, unsafe.Pointer(d), st.Mcycle+1
	exit := runFast(x, hot, st, false)
	st.FetchPage, st.base, st.End = saved.FetchPage, saved.base, saved.End
	return exit
}

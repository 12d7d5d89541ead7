package amd64

import (
	"fmt"

	"github.com/klauspost/cpuid/v2"
	"github.com/rivetvm/rivet/emu/isa"
)

// Floating point (F and D) on the host's SSE, bit for bit as the
// interpreter's softfloat computes it. The rules this file keeps:
//
//   - Operands and results live in the shadow registers f[i] (regX +
//     shadowF + 8i), or, in a loop, in the XMM3..XMM14 that cache them
//     (fpcache.go: every access goes through its helpers); XMM0..XMM2 and
//     RAX, RCX, RDX are scratch. XMM15 and R14/R15 are never written (R15
//     holds the *Context). Integer registers
//     go through g.load/g.store (the register cache; codegen.go writes it
//     back before each FP instruction outside loops). Every guard exits
//     before the instruction writes a guest register, so its exit (after
//     the instruction's code) writes back only what was changed before the
//     instruction.
//   - MXCSR: the trampoline loads it with every exception masked, flags
//     clear, DAZ/FTZ off and RC for frm; on the way out it ORs the
//     accumulated IE/ZE/OE/UE/PE into fflags (DE has no RISC-V counterpart
//     and is dropped). So a translated instruction raises its flags simply
//     by executing on the host, and nothing may execute on the host that
//     raises a flag the guest instruction does not: every case where x86
//     and RISC-V differ is either fixed in integer code or guarded, and a
//     guard exits to the interpreter before anything is written.
//   - A static rounding mode other than frm switches MXCSR.RC around the
//     operation (and back, from Context.Mxcsr); DYN with frm = RMM or a
//     reserved frm exits (SSE has no RMM); a static RMM on an operation
//     that rounds, and reserved modes, are not translated.
//   - The first FP instruction of a block checks mstatus.FS (off: exit, the
//     interpreter raises the illegal-instruction exception) and, if it uses
//     DYN, frm; nothing in a block can change either, so later FP
//     instructions skip the checks. A loop makes its checks once, before
//     its first pass (loopFPChecks), and leaves the block to the interpreter
//     before running anything if one fails. Guards exit through stubs after
//     the block, so an instruction's code runs straight through. mstatus itself never changes here: FS
//     reads as Dirty whenever it is on (WARL), so there is nothing to set.
//   - The interpreter legalises fcsr (keeps its low 8 bits) whenever an
//     instruction accumulates flags, even none; the first such instruction
//     of a block does the same.
//   - NaN results are canonicalised (x86 propagates payloads and its default
//     NaN is negative); singles are NaN-boxed on the way out and unboxed
//     (improperly boxed: the canonical NaN) on the way in.
//
// Translated: FLW, FLD, FSW, FSD, C.FLD, C.FSD, C.FLDSP, C.FSDSP; FADD,
// FSUB, FMUL, FDIV, FSQRT; FMADD, FMSUB, FNMSUB, FNMADD (only where the host
// has FMA3 and AVX; the fused x86 operation rounds once, like RISC-V);
// FSGNJ, FSGNJN, FSGNJX, FMV.X.W, FMV.W.X, FMV.X.D, FMV.D.X and FCLASS in
// integer code; FEQ (UCOMIS: invalid for signalling NaNs only), FLT and FLE
// (COMIS: invalid for any NaN); FMIN and FMAX; FCVT.S.D and FCVT.D.S; every
// FCVT between floats and 32/64-bit signed and unsigned integers. All .S and
// .D forms.
//
// Exits to the interpreter at run time (before writing anything):
//   - FMIN/FMAX with a NaN operand (x86 MINSD/MAXSD raise invalid for quiet
//     NaNs and return the second operand; RISC-V returns the other operand
//     and raises NV only for signalling NaNs). Equal operands (±0 included)
//     are handled in code: OR (min) or AND (max) of the bits.
//   - fused multiply-adds whose addend is a NaN: x86 raises no invalid for
//     inf × 0 + qNaN, RISC-V raises NV.
//   - FCVT.WU/LU (unsigned) outside the range where the signed host
//     conversion gives the exact result: -1 and below (RTZ) or below 0
//     (other modes), 2^32 and above (RTZ) or above 2^32-1 (other modes) for
//     WU, 2^63 and above for LU, and NaN. The signed conversions are fixed up instead: x86 returns the
//     "integer indefinite" (the most negative value) with invalid alone for
//     NaN and out-of-range values, RISC-V the bound of the operand's sign
//     (NaN: the largest) with NV alone.
//   - frm = RMM or reserved while an instruction uses DYN; mstatus.FS off.
// A guard that compares the operands (UCOMIS) may raise invalid before
// exiting, for a signalling NaN only, and the interpreter then raises NV for
// the same instruction, so fflags end up the same.
//
// Not translated: static RMM on an operation that rounds, reserved rounding
// modes and every encoding the interpreter rejects (those end the block).
//
// Exactness was established by differential fuzzing against the
// interpreter (jit/fp_test.go), not assumed: in particular x86 detects
// tininess after rounding, as RISC-V does, and raises the same underflow and
// inexact flags for every arithmetic operation and conversion (with DAZ and
// FTZ off). Each guard and fix-up above is there because the fuzzer finds
// a difference without it: removing any one of them (NaN canonicalisation,
// the FMA addend guard, the FMIN/FMAX NaN guard or equal-operand fix, the
// signed-conversion fix-up, the unsigned bounds, unboxing, COMIS for
// FLT/FLE, the frm, FS or fcsr-legalisation checks, or the RC mapping) makes
// TestJITFloatDifferential fail within its default run.

// Offsets in the shadow register page (regX is its base; emu/shadow.go) and
// in Context (reached through R15; checked in enter_amd64.go).
const (
	shadowFcsr    = 0x110
	shadowF       = 0x118
	shadowMstatus = 0x220
	mstatusFS     = 3 << 13
	fcsrRWMask    = 0xFF
	frmReserved   = 0x80 // fcsr bit 7: frm >= 4 (RMM, reserved or DYN)

	ctxEnd     = 40
	ctxMxcsr   = 48
	ctxScratch = 52
	regCtx     = R15

	mxcsrMasked = 0x1F80 // every exception masked, RNE, DAZ and FTZ off
	mxcsrFlags  = 0x3F

	canonical32 = 0x7FC00000
	canonical64 = 0x7FF8000000000000
	boxHigh     = 0xFFFFFFFF00000000

	rmRNE = 0
	rmRTZ = 1
	rmRMM = 4
	rmDyn = 7
)

// hostFMA reports whether the host can run the fused multiply-adds (VEX
// encoded FMA3 needs AVX enabled by the OS, too). It is read once.
var hostFMA = cpuid.CPU.Supports(cpuid.FMA3, cpuid.AVX)

func fmem(r uint8) Mem { return M(regX, shadowF+8*int32(r&31)) }

var (
	fcsrMem    = M(regX, shadowFcsr)
	scratchMem = M(regCtx, ctxScratch)
	mxcsrMem   = M(regCtx, ctxMxcsr)
)

// fpKind is what an F/D instruction does.
type fpKind uint8

const (
	fpLoad      fpKind = iota + 1
	fpStore            // FSW, FSD
	fpArith            // FADD FSUB FMUL FDIV FSQRT
	fpFMA              // FMADD FMSUB FNMSUB FNMADD
	fpSgnj             // FSGNJ FSGNJN FSGNJX
	fpMinMax           // FMIN FMAX
	fpCompare          // FEQ FLT FLE
	fpNarrow           // FCVT.S.D
	fpWiden            // FCVT.D.S
	fpToInt            // FCVT.{W,WU,L,LU}.{S,D}
	fpFromInt          // FCVT.{S,D}.{W,WU,L,LU}
	fpMoveToX          // FMV.X.W, FMV.X.D
	fpClass            // FCLASS
	fpMoveFromX        // FMV.W.X, FMV.D.X
)

// fpInsn is a decoded F/D instruction.
type fpInsn struct {
	kind         fpKind
	double       bool
	rd, rs1, rs2 uint8
	rs3          uint8
	rm           uint8  // the instruction's rm field (rmDyn: frm)
	sub          uint8  // funct3 (sign injection, min/max, compare) or the integer type (rs2 of FCVT)
	arith        SseOp  // fpArith
	fma          FmaOp  // fpFMA
	imm          int32  // loads and stores
	size         uint64 // loads and stores
	usesRM       bool   // the interpreter validates rm (and frm for DYN)
	rounds       bool   // the result depends on the rounding mode
	accumulates  bool   // the interpreter accumulates fflags (and so legalises fcsr)
}

// decodeFP decodes an F/D instruction word; ok is false where it is not
// translated (the interpreter handles it, including every illegal form).
func decodeFP(raw uint32) (fi fpInsn, ok bool) {
	if raw&3 != 3 {
		return decodeCompressedFP(raw)
	}
	op := (raw >> 2) & 31
	fi.rd, fi.rs1, fi.rs2 = uint8(raw>>7&31), uint8(raw>>15&31), uint8(raw>>20&31)
	funct3 := uint8(raw >> 12 & 7)
	funct7 := raw >> 25
	fi.rm = funct3
	switch op {
	case 0x01, 0x09: // LOAD-FP, STORE-FP
		switch funct3 {
		case 2:
			fi.size = 4
		case 3:
			fi.size, fi.double = 8, true
		default:
			return fi, false
		}
		if op == 0x01 {
			fi.kind, fi.imm = fpLoad, int32(isa.ImmI(raw))
		} else {
			fi.kind, fi.imm = fpStore, int32(isa.ImmS(raw))
		}
		return fi, true
	case 0x10, 0x11, 0x12, 0x13:
		if funct7&3 > 1 || !hostFMA {
			return fi, false
		}
		fi.kind, fi.double, fi.rs3 = fpFMA, funct7&1 == 1, uint8(raw>>27)
		fi.fma = [4]FmaOp{VFMADD, VFMSUB, VFNMADD, VFNMSUB}[op-0x10]
		fi.usesRM, fi.rounds, fi.accumulates = true, true, true
		return fi, roundingOK(&fi)
	case 0x14:
	default:
		return fi, false
	}
	fi.double = funct7&1 == 1
	switch funct7 {
	case 0x00, 0x01, 0x04, 0x05, 0x08, 0x09, 0x0C, 0x0D, 0x2C, 0x2D:
		if funct7>>1 == 0x16 && fi.rs2 != 0 {
			return fi, false
		}
		fi.kind = fpArith
		fi.arith = map7[funct7>>1]
		fi.usesRM, fi.rounds, fi.accumulates = true, true, true
		return fi, roundingOK(&fi)
	case 0x10, 0x11:
		fi.kind, fi.sub, fi.accumulates = fpSgnj, funct3, true
		return fi, funct3 <= 2
	case 0x14, 0x15:
		fi.kind, fi.sub, fi.accumulates = fpMinMax, funct3, true
		return fi, funct3 <= 1
	case 0x50, 0x51:
		fi.kind, fi.sub, fi.accumulates = fpCompare, funct3, true
		return fi, funct3 <= 2
	case 0x20, 0x21:
		switch {
		case funct7 == 0x20 && fi.rs2 == 1:
			fi.kind, fi.rounds = fpNarrow, true
		case funct7 == 0x21 && fi.rs2 == 0:
			fi.kind = fpWiden
		default:
			return fi, false
		}
		fi.usesRM, fi.accumulates = true, true
		return fi, roundingOK(&fi)
	case 0x60, 0x61:
		if fi.rs2 > 3 {
			return fi, false
		}
		fi.kind, fi.sub = fpToInt, fi.rs2
		fi.usesRM, fi.rounds, fi.accumulates = true, fi.rm != rmRTZ, true
		return fi, roundingOK(&fi)
	case 0x68, 0x69:
		if fi.rs2 > 3 {
			return fi, false
		}
		fi.kind, fi.sub = fpFromInt, fi.rs2
		// Only W and WU to D are exact.
		fi.usesRM, fi.rounds, fi.accumulates = true, !fi.double || fi.rs2 >= 2, true
		return fi, roundingOK(&fi)
	case 0x70, 0x71:
		if fi.rs2 != 0 {
			return fi, false
		}
		switch funct3 {
		case 0:
			fi.kind = fpMoveToX
		case 1:
			fi.kind = fpClass
		default:
			return fi, false
		}
		return fi, true
	case 0x78, 0x79:
		if fi.rs2 != 0 || funct3 != 0 {
			return fi, false
		}
		fi.kind = fpMoveFromX
		return fi, true
	}
	return fi, false
}

// map7 gives the SSE operation of OP-FP's funct7>>1 (ADD 0, SUB 2, MUL 4,
// DIV 6, SQRT 0x16).
var map7 = [...]SseOp{0: ADDS, 2: SUBS, 4: MULS, 6: DIVS, 0x16: SQRT}

// roundingOK reports whether an instruction's rounding mode can be
// translated: DYN (checked against frm at run time), RNE..RUP, and RMM
// where the result does not depend on it. RTZ conversions to integers
// truncate and need no MXCSR mode (rounds is false for them).
func roundingOK(fi *fpInsn) bool {
	switch {
	case fi.rm == rmDyn, fi.rm < rmRMM:
		return true
	case fi.rm == rmRMM:
		return !fi.rounds
	}
	return false
}

// decodeCompressedFP decodes C.FLD, C.FSD, C.FLDSP and C.FSDSP.
func decodeCompressedFP(raw uint32) (fi fpInsn, ok bool) {
	fi.size, fi.double = 8, true
	switch (raw&3)<<3 | (raw>>13)&7 {
	case 0x01: // C.FLD
		fi.kind, fi.rs1, fi.rd, fi.imm = fpLoad, uint8(isa.CRs1p(raw)), uint8(isa.CRs2p(raw)), int32(isa.CImmLD(raw))
	case 0x05: // C.FSD
		fi.kind, fi.rs1, fi.rs2, fi.imm = fpStore, uint8(isa.CRs1p(raw)), uint8(isa.CRs2p(raw)), int32(isa.CImmLD(raw))
	case 0x11: // C.FLDSP
		fi.kind, fi.rs1, fi.rd, fi.imm = fpLoad, 2, uint8(isa.CRd(raw)), int32(isa.CImmLDSP(raw))
	case 0x15: // C.FSDSP
		fi.kind, fi.rs1, fi.rs2, fi.imm = fpStore, 2, uint8(isa.CRs2(raw)), int32(isa.CImmSDSP(raw))
	default:
		return fi, false
	}
	return fi, true
}

// fpIntOperands returns the integer registers an F/D instruction reads and
// writes (bit sets; loop.go needs every register body() passes to
// g.load, g.store or hostAddress).
func fpIntOperands(raw uint32) (read, write uint32, ok bool) {
	fi, ok := decodeFP(raw)
	if !ok {
		return 0, 0, false
	}
	bit := func(r uint8) uint32 { return 1 << (r & 31) }
	switch fi.kind {
	case fpLoad, fpStore, fpFromInt, fpMoveFromX:
		return bit(fi.rs1), 0, true
	case fpCompare, fpToInt, fpClass, fpMoveToX:
		return 0, bit(fi.rd), true
	}
	return 0, 0, true
}

// supportedFP reports whether the F/D instruction with this word is
// translated.
func supportedFP(raw uint32) bool {
	_, ok := decodeFP(raw)
	return ok
}

// fpEmit emits one FP instruction: its guards all jump to one exit, an
// out-of-line stub.
type fpEmit struct {
	g     *gen
	a     *Asm
	fi    fpInsn
	k     int
	delta uint64
	exits [8]int // rel32 sites jumping to the exit
	n     int
	dirty cacheSnapshot // changed cached registers, written back by the exit
}

// exitIf emits a jump to the instruction's exit when c holds.
func (e *fpEmit) exitIf(c Cond) {
	if e.n == len(e.exits) {
		panic("amd64: too many FP guards") // a translator bug
	}
	e.exits[e.n] = e.a.Jcc(c)
	e.n++
}

// finish records the exit (pc at the instruction, mcycle counting the k
// before it) if any guard uses it: a stub after the block, so the
// instruction's own code runs straight through.
func (e *fpEmit) finish() {
	if e.n == 0 {
		return
	}
	e.g.stubAt(stub{kind: stubGeneral, delta: e.delta, k: e.k, dirty: e.dirty}, e.exits[:e.n])
}

// fp emits an F/D instruction (raw: its word) at instruction k of the block,
// delta bytes from its start.
func (g *gen) fp(raw uint32, k int, delta uint64) error {
	fi, ok := decodeFP(raw)
	if !ok {
		return fmt.Errorf("amd64: FP instruction %#08x not supported", raw)
	}
	e := fpEmit{g: g, a: &g.a, fi: fi, k: k, delta: delta, dirty: g.cache.snapshot()}
	e.blockChecks()
	e.body()
	e.finish()
	return nil
}

// blockChecks emits the checks that the block's earlier FP instructions
// have not already made: mstatus.FS on, frm usable for DYN, fcsr legal. A
// loop makes them once, before its first iteration (loopFPChecks).
func (e *fpEmit) blockChecks() {
	if e.g.loop.ok {
		return
	}
	var fsDone, frmDone, legal bool
	for j := 0; j < e.k; j++ {
		if e.g.b.Insns[j].Op != isa.FP {
			continue
		}
		p, ok := decodeFP(e.g.b.Raw[j])
		if !ok {
			continue // cannot happen: the block holds translated instructions only
		}
		fsDone = true
		frmDone = frmDone || p.usesRM && p.rm == rmDyn
		legal = legal || p.accumulates
	}
	a := e.a
	if !fsDone {
		a.TestMem32(M(regX, shadowMstatus), mstatusFS)
		e.exitIf(CondE)
	}
	if !frmDone && e.fi.usesRM && e.fi.rm == rmDyn {
		a.TestMem8(fcsrMem, frmReserved)
		e.exitIf(CondNE)
	}
	if !legal && e.fi.accumulates {
		// AND only when there is something to clear: a store on every
		// pass would chain a loop's iterations through memory.
		a.TestMem64(fcsrMem, ^int32(fcsrRWMask))
		legalAlready := a.Jcc8(CondE)
		a.AluMI(true, AND, fcsrMem, fcsrRWMask)
		a.Patch8(legalAlready, a.Here())
	}
}

// loopFPChecks emits, before a loop's first iteration, the checks its FP
// instructions' blockChecks would make: mstatus.FS on, frm usable where an
// instruction uses DYN, and fcsr legal where one accumulates flags (nothing
// in a loop can change any of them). Where one fails, nothing has run yet:
// the block goes to the interpreter, which raises the exception or
// legalises fcsr as the instruction comes.
func (g *gen) loopFPChecks() {
	var anyFP, dyn, accumulates bool
	for k := range g.b.Insns {
		if g.b.Insns[k].Op != isa.FP {
			continue
		}
		fi, ok := decodeFP(g.b.Raw[k])
		if !ok {
			continue // cannot happen: the block holds translated instructions only
		}
		anyFP = true
		dyn = dyn || fi.usesRM && fi.rm == rmDyn
		accumulates = accumulates || fi.accumulates
	}
	if !anyFP {
		return
	}
	a := &g.a
	var sites [3]int
	n := 0
	a.TestMem32(M(regX, shadowMstatus), mstatusFS)
	sites[n], n = a.Jcc(CondE), n+1
	if dyn {
		a.TestMem8(fcsrMem, frmReserved)
		sites[n], n = a.Jcc(CondNE), n+1
	}
	if accumulates {
		a.TestMem64(fcsrMem, ^int32(fcsrRWMask))
		sites[n], n = a.Jcc(CondNE), n+1
	}
	g.stubAt(stub{kind: stubInterpret}, sites[:n])
}

// staticRounding reports whether the instruction rounds with a static mode
// that MXCSR may not hold (frm is some other mode).
func (e *fpEmit) staticRounding() bool {
	return e.fi.rounds && e.fi.rm != rmDyn
}

// frmIsRM sets ZF when frm equals the instruction's static rounding mode.
func (e *fpEmit) frmIsRM() {
	a := e.a
	a.Load32(RAX, fcsrMem)
	a.AluRI(false, AND, RAX, 0xE0)
	a.AluRI(false, CMP, RAX, int32(e.fi.rm)<<5)
}

// rcBits is the MXCSR rounding control for a RISC-V mode RNE..RUP.
func rcBits(rm uint8) int32 { return int32([4]uint8{0, 3, 1, 2}[rm&3]) << 13 }

// roundingBegin switches MXCSR to the static rounding mode when frm holds
// another; roundingEnd switches back, keeping the flags. RAX is clobbered.
func (e *fpEmit) roundingBegin() {
	e.switchRounding(func() { e.a.AluRI(false, OR, RAX, mxcsrMasked|rcBits(e.fi.rm)) })
}

func (e *fpEmit) roundingEnd() {
	e.switchRounding(func() { e.a.AluRM(false, OR, RAX, mxcsrMem) })
}

// switchRounding rewrites MXCSR, for an instruction with a static rounding
// mode that frm does not hold, as its flags (in RAX) ORed with what
// orControl adds: the control bits to run with.
func (e *fpEmit) switchRounding(orControl func()) {
	if !e.staticRounding() {
		return
	}
	a := e.a
	e.frmIsRM()
	same := a.Jcc8(CondE)
	a.Stmxcsr(scratchMem)
	a.Load32(RAX, scratchMem)
	a.AluRI(false, AND, RAX, mxcsrFlags)
	orControl()
	a.MovStore32(scratchMem, RAX)
	a.Ldmxcsr(scratchMem)
	a.Patch8(same, a.Here())
}

// unbox loads single f[r] into the low 32 bits of dst (zero-extended): the
// canonical NaN when it is not properly NaN-boxed. tmp is clobbered.
func (e *fpEmit) unbox(dst, tmp Reg, r uint8) {
	a := e.a
	e.g.fLoad64(dst, r)
	a.MovRR(tmp, dst)
	a.ShiftRI(true, SHR, tmp, 32)
	a.AluRI(false, CMP, tmp, -1)
	a.MovImm(tmp, canonical32)
	a.Cmov(CondNE, false, dst, tmp)
}

// box sets the upper 32 bits of r (holding a single, zero-extended); tmp is
// clobbered.
func (e *fpEmit) box(r, tmp Reg) {
	e.a.MovImm(tmp, boxHigh)
	e.a.AluRR(true, OR, r, tmp)
}

// operand loads f[r] into x in the instruction's format (a single
// unboxed; RAX and RCX clobbered).
func (e *fpEmit) operand(x Xmm, r uint8) { e.operandAs(x, r, e.fi.double) }

func (e *fpEmit) operandAs(x Xmm, r uint8, double bool) {
	if double {
		e.g.fLoadX(x, r)
		return
	}
	e.unbox(RAX, RCX, r)
	e.a.MovToXmm(false, x, RAX)
}

// result writes x to f[rd] in the given format: a NaN becomes the canonical
// NaN (when mayBeNaN), a single is NaN-boxed. RAX and RCX are clobbered.
func (e *fpEmit) result(x Xmm, double, mayBeNaN bool) {
	a := e.a
	rd := e.fi.rd
	// The value is stored first and a NaN overwritten after, off the path
	// that a dependent instruction waits on.
	if double {
		e.g.fStoreX(rd, x)
	} else {
		a.MovFromXmm(false, RAX, x)
		e.box(RAX, RCX)
		e.g.fStore64(rd, RAX)
	}
	if !mayBeNaN {
		return
	}
	a.Ucomis(double, x, x) // never a signalling NaN here: no flag
	ordered := a.Jcc8(CondNP)
	if double {
		a.MovImm(RAX, canonical64)
	} else {
		a.MovImm(RAX, boxHigh|canonical32)
	}
	e.g.fStore64(rd, RAX)
	a.Patch8(ordered, a.Here())
}

// arithInCache emits a double operation whose operands and result are all
// in the FP cache (a loop's) on rd's own register, without the round trip
// through the scratch registers; it reports false, emitting nothing, where
// they are not. Operand order is free for ADD and MUL: the values and flags
// do not depend on it, and a NaN result (whose payload would) is made
// canonical anyway.
func (e *fpEmit) arithInCache() bool {
	g, a, fi := e.g, e.a, &e.fi
	if !fi.double {
		return false
	}
	xd, okd := g.fxmm(fi.rd)
	x1, ok1 := g.fxmm(fi.rs1)
	x2, ok2 := g.fxmm(fi.rs2)
	if !okd || !ok1 || (!ok2 && fi.arith != SQRT) {
		return false
	}
	e.roundingBegin()
	switch {
	case fi.arith == SQRT:
		a.Scalar(SQRT, true, xd, x1)
	case xd == x1:
		a.Scalar(fi.arith, true, xd, x2)
	case xd == x2 && (fi.arith == ADDS || fi.arith == MULS):
		a.Scalar(fi.arith, true, xd, x1)
	case xd != x2:
		a.MovXmm(xd, x1)
		a.Scalar(fi.arith, true, xd, x2)
	default: // rd = rs2 of a subtraction or division
		a.MovXmm(X0, x1)
		a.Scalar(fi.arith, true, X0, x2)
		a.MovXmm(xd, X0)
	}
	a.Ucomis(true, xd, xd) // never a signalling NaN here: no flag
	ordered := a.Jcc8(CondNP)
	a.MovImm(RAX, canonical64)
	a.MovToXmm(true, xd, RAX)
	a.Patch8(ordered, a.Here())
	e.roundingEnd()
	return true
}

// body emits the operation.
func (e *fpEmit) body() {
	g, a, fi := e.g, e.a, &e.fi
	switch fi.kind {
	case fpLoad, fpStore:
		m := g.hostAddressHow(fi.rs1, fi.imm, fi.size, fi.kind == fpStore, false, e.k, e.delta)
		x, cached := g.fxmm(fi.rd)
		if fi.kind == fpStore {
			x, cached = g.fxmm(fi.rs2)
		}
		switch {
		case fi.kind == fpLoad && fi.double && cached:
			a.LoadScalar(true, x, m)
		case fi.kind == fpLoad && fi.double:
			a.MovLoad64(RCX, m)
			a.MovStore64(fmem(fi.rd), RCX)
		case fi.kind == fpLoad:
			a.Load32(RCX, m)
			e.box(RCX, RAX)
			g.fStore64(fi.rd, RCX)
		case fi.double && cached:
			a.StoreScalar(true, m, x)
		case fi.double:
			a.MovLoad64(RCX, fmem(fi.rs2))
			a.MovStore64(m, RCX)
		case cached:
			a.MovFromXmm(false, RCX, x)
			a.MovStore32(m, RCX)
		default:
			a.Load32(RCX, fmem(fi.rs2))
			a.MovStore32(m, RCX)
		}
	case fpArith:
		if e.arithInCache() {
			return
		}
		e.operand(X0, fi.rs1)
		if fi.arith != SQRT {
			e.operand(X1, fi.rs2)
		}
		e.roundingBegin()
		if fi.arith == SQRT {
			a.Scalar(SQRT, fi.double, X0, X0)
		} else {
			a.Scalar(fi.arith, fi.double, X0, X1)
		}
		e.result(X0, fi.double, true)
		e.roundingEnd()
	case fpFMA:
		e.operand(X0, fi.rs1)
		e.operand(X1, fi.rs2)
		e.operand(X2, fi.rs3)
		a.Ucomis(fi.double, X2, X2)
		e.exitIf(CondP)
		e.roundingBegin()
		a.Fma213(fi.fma, fi.double, X0, X1, X2) // X0 = X1*X0 ± X2, negated product for FNM*
		e.result(X0, fi.double, true)
		e.roundingEnd()
	case fpSgnj:
		e.sgnj()
	case fpMinMax:
		e.operand(X0, fi.rs1)
		e.operand(X1, fi.rs2)
		a.Ucomis(fi.double, X0, X1)
		e.exitIf(CondP)
		ne := a.Jcc8(CondNE)
		if fi.sub == 0 {
			a.Logic(ORP, X0, X1) // min(-0, +0) = -0
		} else {
			a.Logic(ANDP, X0, X1) // max(-0, +0) = +0
		}
		done := a.Jmp8()
		a.Patch8(ne, a.Here())
		if fi.sub == 0 {
			a.Scalar(MINS, fi.double, X0, X1)
		} else {
			a.Scalar(MAXS, fi.double, X0, X1)
		}
		a.Patch8(done, a.Here())
		e.result(X0, fi.double, false)
	case fpCompare:
		e.operand(X0, fi.rs1)
		e.operand(X1, fi.rs2)
		a.AluRR(false, XOR, RAX, RAX)
		switch fi.sub {
		case 2: // FEQ: equal and ordered; invalid for signalling NaNs only
			a.AluRR(false, XOR, RCX, RCX)
			a.Ucomis(fi.double, X0, X1)
			a.Setcc(CondE, RAX)
			a.Setcc(CondNP, RCX)
			a.AluRR(false, AND, RAX, RCX)
		case 1: // FLT: b > a, false when unordered; invalid for any NaN
			a.Comis(fi.double, X1, X0)
			a.Setcc(CondA, RAX)
		case 0: // FLE: b >= a
			a.Comis(fi.double, X1, X0)
			a.Setcc(CondAE, RAX)
		}
		g.store(fi.rd, RAX)
	case fpNarrow:
		g.fLoadX(X0, fi.rs1)
		e.roundingBegin()
		a.Scalar(CVTS, true, X0, X0)
		e.result(X0, false, true)
		e.roundingEnd()
	case fpWiden:
		e.operandAs(X0, fi.rs1, false)
		a.Scalar(CVTS, false, X0, X0)
		e.result(X0, true, true)
	case fpToInt:
		e.toInt()
	case fpFromInt:
		e.fromInt()
	case fpMoveToX:
		if fi.rd != 0 {
			if fi.double {
				g.fLoad64(RAX, fi.rs1)
			} else if x, cached := g.fxmm(fi.rs1); cached {
				a.MovFromXmm(false, RAX, x)
				a.Movsxd(RAX, RAX)
			} else {
				a.Load32S(RAX, fmem(fi.rs1)) // the raw low word, sign-extended
			}
			g.store(fi.rd, RAX)
		}
	case fpMoveFromX:
		g.load(RAX, fi.rs1)
		if !fi.double {
			a.MovRR32(RAX, RAX)
			e.box(RAX, RCX)
		}
		g.fStore64(fi.rd, RAX)
	case fpClass:
		if fi.rd != 0 {
			e.class()
		}
	}
}

// sgnj emits FSGNJ, FSGNJN and FSGNJX in integer code (no flags).
func (e *fpEmit) sgnj() {
	a, fi := e.a, &e.fi
	w := fi.double
	var sign uint8 = 31
	if w {
		sign = 63
		e.g.fLoad64(RAX, fi.rs1)
		e.g.fLoad64(RCX, fi.rs2)
	} else {
		e.unbox(RAX, RDX, fi.rs1)
		e.unbox(RCX, RDX, fi.rs2)
	}
	if fi.sub == 1 {
		a.Not(RCX)
	}
	a.ShiftRI(w, SHR, RCX, sign) // RCX = the sign bit alone, in place
	a.ShiftRI(w, SHL, RCX, sign)
	if fi.sub == 2 {
		a.AluRR(w, XOR, RAX, RCX)
	} else {
		a.ShiftRI(w, SHL, RAX, 1) // clear the sign
		a.ShiftRI(w, SHR, RAX, 1)
		a.AluRR(w, OR, RAX, RCX)
	}
	if !w {
		e.box(RAX, RCX)
	}
	e.g.fStore64(fi.rd, RAX)
}

// toInt emits FCVT.{W,WU,L,LU}.{S,D}. A single is widened first (exact; a
// signalling NaN raises invalid there, as the conversion of any NaN does).
func (e *fpEmit) toInt() {
	a, fi := e.a, &e.fi
	if fi.double {
		e.g.fLoadX(X0, fi.rs1)
	} else {
		e.operand(X0, fi.rs1)
		a.Scalar(CVTS, false, X0, X0)
	}
	trunc := fi.rm == rmRTZ
	wide := fi.sub >= 2 // L, LU
	if fi.sub&1 == 1 {
		// Unsigned: convert with the signed 64-bit instruction where that is
		// exact and in range; exit elsewhere (and for NaN).
		if trunc {
			e.compareConst(X0, 0xBFF0000000000000, false) // x > -1
			e.exitIf(CondBE)
		} else {
			a.Logic(XORP, X1, X1)
			a.Ucomis(true, X0, X1) // x >= 0
			e.exitIf(CondB)
		}
		switch {
		case wide:
			e.compareConst(X0, 0x43E0000000000000, true) // x < 2^63
			e.exitIf(CondBE)
		case trunc:
			e.compareConst(X0, 0x41F0000000000000, true) // x < 2^32
			e.exitIf(CondBE)
		default:
			e.compareConst(X0, 0x41EFFFFFFFE00000, true) // x <= 2^32-1
			e.exitIf(CondB)
		}
		e.roundingBegin()
		a.CvtToInt(true, trunc, true, RAX, X0)
		if !wide {
			a.Movsxd(RAX, RAX) // RV64 sign-extends the 32-bit result
		}
	} else {
		e.roundingBegin()
		a.CvtToInt(true, trunc, wide, RAX, X0)
		// The integer indefinite (the most negative value) is either that
		// value in range or NaN/out of range, where RISC-V saturates to the
		// bound of the sign, NaN as positive. Both raise invalid alone.
		a.AluRI(wide, CMP, RAX, 1) // overflows only for the most negative value
		ok := a.Jcc8(CondNO)
		a.Logic(XORP, X1, X1)
		a.Ucomis(true, X0, X1)
		fix := a.Jcc8(CondP)
		keep := a.Jcc8(CondB)
		a.Patch8(fix, a.Here())
		a.Not(RAX) // the most positive value
		a.Patch8(ok, a.Here())
		a.Patch8(keep, a.Here())
		if !wide {
			a.Movsxd(RAX, RAX)
		}
	}
	e.g.store(fi.rd, RAX)
	e.roundingEnd()
}

// compareConst compares x with the double whose bits are c: flags of
// UCOMISD x, c (or c, x with swap). RCX and XMM1 are clobbered.
func (e *fpEmit) compareConst(x Xmm, c uint64, swap bool) {
	a := e.a
	a.MovImm(RCX, c)
	a.MovToXmm(true, X1, RCX)
	if swap {
		a.Ucomis(true, X1, x)
	} else {
		a.Ucomis(true, x, X1)
	}
}

// fromInt emits FCVT.{S,D}.{W,WU,L,LU}.
func (e *fpEmit) fromInt() {
	a, fi := e.a, &e.fi
	e.roundingBegin() // before RAX is loaded: it uses RAX
	e.g.load(RAX, fi.rs1)
	switch fi.sub {
	case 0: // W
		a.CvtFromInt(fi.double, false, X0, RAX)
	case 1: // WU: zero-extend, then the (exact or singly rounded) 64-bit conversion
		a.MovRR32(RAX, RAX)
		a.CvtFromInt(fi.double, true, X0, RAX)
	case 2: // L
		a.CvtFromInt(fi.double, true, X0, RAX)
	case 3: // LU: from 2^63 on, halve keeping a sticky low bit (the rounding
		// then sees the same bits), convert and double (exact).
		a.Test(RAX, RAX)
		big := a.Jcc8(CondS)
		a.CvtFromInt(fi.double, true, X0, RAX)
		done := a.Jmp8()
		a.Patch8(big, a.Here())
		a.MovRR(RCX, RAX)
		a.ShiftRI(true, SHR, RCX, 1)
		a.AluRI(false, AND, RAX, 1)
		a.AluRR(true, OR, RCX, RAX)
		a.CvtFromInt(fi.double, true, X0, RCX)
		a.Scalar(ADDS, fi.double, X0, X0)
		a.Patch8(done, a.Here())
	}
	e.result(X0, fi.double, false)
	e.roundingEnd()
}

// class emits FCLASS in integer code: the positive classes are 4 (zero), 5
// (subnormal), 6 (normal) and 7 (infinity), a negative one 7 minus that;
// NaNs are 8 (signalling) and 9 (quiet) whatever their sign. Only RAX, RCX
// and RDX are used.
func (e *fpEmit) class() {
	a, fi := e.a, &e.fi
	// RAX: the value with its sign in bit 63; RCX: the value without its
	// sign, shifted to the top; RDX: the class.
	expBits, expMax := uint8(11), int32(0x7FF)
	if fi.double {
		e.g.fLoad64(RAX, fi.rs1)
	} else {
		expBits, expMax = 8, 0xFF
		e.unbox(RAX, RCX, fi.rs1)
		a.ShiftRI(true, SHL, RAX, 32)
	}
	a.MovRR(RCX, RAX)
	a.ShiftRI(true, SHL, RCX, 1)
	var signed [4]int
	a.MovImm(RDX, 4) // zero (MOV leaves the flags alone)
	a.Test(RCX, RCX)
	signed[0] = a.Jcc8(CondE)
	a.MovRR(RDX, RCX)
	a.ShiftRI(true, SHR, RDX, 64-expBits) // the exponent field
	a.AluRI(false, CMP, RDX, expMax)
	special := a.Jcc8(CondE)
	a.Test(RDX, RDX)
	a.MovImm(RDX, 5) // subnormal
	signed[1] = a.Jcc8(CondE)
	a.MovImm(RDX, 6) // normal
	signed[2] = a.Jmp8()
	a.Patch8(special, a.Here())
	a.MovImm(RDX, 7)                   // infinity
	a.ShiftRI(true, SHL, RCX, expBits) // the fraction, its quiet bit on top
	signed[3] = a.Jcc8(CondE)
	a.ShiftRI(true, SHR, RCX, 63)
	a.Lea(RDX, M(RCX, 8))
	nan := a.Jmp8()
	for _, s := range signed {
		a.Patch8(s, a.Here())
	}
	a.Test(RAX, RAX)
	pos := a.Jcc8(CondNS)
	a.AluRI(false, XOR, RDX, 7) // 7 - p for p in 4..7
	a.Patch8(pos, a.Here())
	a.Patch8(nan, a.Here())
	a.MovRR32(RCX, RDX)
	a.MovImm(RAX, 1)
	a.ShiftRCL(false, SHL, RAX)
	e.g.store(fi.rd, RAX)
}

package amd64

// The FP register cache. In a loop (loop.go) the FP registers its
// instructions use stay in XMM registers across iterations, as the integer
// ones stay in general registers: loaded (raw 64 bits, NaN box and all) once
// before the first iteration, written back (those the loop writes) at every
// exit from the body and when it is left. The FP code reaches f[r] only
// through the helpers below, which use the cached register or the shadow
// register file. Outside loops nothing is cached.

// fpCacheRegs are the XMM registers the cache uses (XMM0-2 are the FP
// code's scratch; XMM15 is never written).
var fpCacheRegs = [...]Xmm{3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}

// fxmm returns the XMM register caching f[r] in this block, if any.
func (g *gen) fxmm(r uint8) (Xmm, bool) {
	x := g.loop.fxmm[r&31]
	return x, x != 0 // (XMM0 is scratch, never a cache register)
}

// fLoad64 puts the raw 64 bits of f[r] in dst.
func (g *gen) fLoad64(dst Reg, r uint8) {
	if x, ok := g.fxmm(r); ok {
		g.a.MovFromXmm(true, dst, x)
		return
	}
	g.a.MovLoad64(dst, fmem(r))
}

// fStore64 writes the raw 64 bits in src to f[r].
func (g *gen) fStore64(r uint8, src Reg) {
	if x, ok := g.fxmm(r); ok {
		g.a.MovToXmm(true, x, src)
		return
	}
	g.a.MovStore64(fmem(r), src)
}

// fLoadX puts f[r] in the low 64 bits of dst.
func (g *gen) fLoadX(dst Xmm, r uint8) {
	if x, ok := g.fxmm(r); ok {
		g.a.MovXmm(dst, x)
		return
	}
	g.a.LoadScalar(true, dst, fmem(r))
}

// fStoreX writes the low 64 bits of src to f[r].
func (g *gen) fStoreX(r uint8, src Xmm) {
	if x, ok := g.fxmm(r); ok {
		g.a.MovXmm(x, src)
		return
	}
	g.a.StoreScalar(true, fmem(r), src)
}

// fpFloatOperands returns the FP registers an F/D instruction (raw: its
// word) reads and writes, as bit sets (ok false: not translated).
func fpFloatOperands(raw uint32) (read, write uint32, ok bool) {
	fi, ok := decodeFP(raw)
	if !ok {
		return 0, 0, false
	}
	bit := func(r uint8) uint32 { return 1 << (r & 31) }
	switch fi.kind {
	case fpLoad, fpFromInt, fpMoveFromX:
		return 0, bit(fi.rd), true
	case fpStore:
		return bit(fi.rs2), 0, true
	case fpArith:
		if fi.arith == SQRT {
			return bit(fi.rs1), bit(fi.rd), true
		}
		return bit(fi.rs1) | bit(fi.rs2), bit(fi.rd), true
	case fpFMA:
		return bit(fi.rs1) | bit(fi.rs2) | bit(fi.rs3), bit(fi.rd), true
	case fpSgnj, fpMinMax:
		return bit(fi.rs1) | bit(fi.rs2), bit(fi.rd), true
	case fpCompare:
		return bit(fi.rs1) | bit(fi.rs2), 0, true
	case fpNarrow, fpWiden:
		return bit(fi.rs1), bit(fi.rd), true
	case fpToInt, fpMoveToX, fpClass:
		return bit(fi.rs1), 0, true
	}
	return 0, 0, false
}

// pinFP loads the loop's FP registers into their XMM registers.
func (g *gen) pinFP() {
	for r := uint8(0); r < 32; r++ {
		if x, ok := g.fxmm(r); ok {
			g.a.LoadScalar(true, x, fmem(r))
		}
	}
	g.cache.fpPinned = g.loop.fwritten != 0
}

// writeBackFP stores the cached FP registers the loop writes.
func (g *gen) writeBackFP() {
	for r := uint8(0); r < 32; r++ {
		if x, ok := g.fxmm(r); ok && g.loop.fwritten&(1<<r) != 0 {
			g.a.StoreScalar(true, fmem(r), x)
		}
	}
}

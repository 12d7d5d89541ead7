package jit_test

// The body of generated programs: loops of random items. See progen_test.go.

// body emits the loops, the jump back to the start, the functions and the
// filler of the rest of the body region.
func (g *generator) body() {
	c := g.c
	g.at = bodyPA
	g.p.BodyStart = bodyPA
	const reserve = 0x3000 // room for the functions
	nLoops := 3 + c.intn(8)
	for i := 0; i < nLoops && g.at < bodyLimitPA-reserve-0x1000; i++ {
		if c.pct(20) {
			g.skipToPageEnd()
		}
		g.loop()
	}
	g.emit(encJAL(rZero, int64(bodyPA)-int64(g.at)))
	if c.pct(60) && g.at < bodyLimitPA-reserve {
		g.fill(g.at, (g.at+0xFFF)&^0xFFF)
		g.at = (g.at + 0xFFF) &^ 0xFFF
	}
	g.inFunc = true
	for i := 0; i < 2+c.intn(4); i++ {
		g.function()
	}
	g.inFunc = false
	for _, f := range g.calls {
		target := g.funcs[f.fn%len(g.funcs)]
		g.put32(f.at, encJAL(rRA, int64(target)-int64(f.at)))
	}
	g.p.BodyEnd = g.at
	g.fill(g.at, bodyLimitPA)
	g.note("body %#x-%#x, %d loops, %d functions", g.p.BodyStart, g.p.BodyEnd, nLoops, len(g.funcs))
}

// fill writes jumps back to the body's start over [from, to).
func (g *generator) fill(from, to uint64) {
	if from&2 != 0 {
		g.put16(from, wordCNOP)
		from += 2
	}
	for a := from; a < to; a += 4 {
		g.put32(a, encJAL(rZero, int64(bodyPA)-int64(a)))
	}
}

// skipToPageEnd jumps over the rest of a page but a few bytes, filled
// with random words, so the next loop starts near a page end.
func (g *generator) skipToPageEnd() {
	end := (g.at + 0x1000) &^ 0xFFF
	to := end - uint64(2*(1+g.c.intn(24)))
	if to <= g.at+4 {
		return
	}
	from := g.at
	g.emit(encJAL(rZero, int64(to-from)))
	for a := g.at; a+4 <= to; a += 4 {
		g.put32(a, uint32(g.c.r.Uint64()))
	}
	if (to-g.at)%4 != 0 {
		g.put16(to-2, wordCNOP)
	}
	g.at = to
}

// loop emits a counted loop (t6) of random items.
func (g *generator) loop() {
	c := g.c
	iters := 17 + c.intn(40) // past the JIT's hot threshold
	if c.pct(10) {
		iters = 1 + c.intn(16)
	}
	g.emit(encADDI(rT6, rZero, int64(iters)))
	start := g.at
	g.loopAt = start
	g.fixups = g.fixups[:0]
	n := 4 + c.intn(28)
	for i := 0; i < n && g.at-start < 3000; i++ {
		g.item()
	}
	g.emit(encADDI(rT6, rT6, -1))
	g.emit(encBLT(rZero, rT6, int64(start)-int64(g.at)))
	g.resolve(start, g.at)
}

// function emits a straight-line function ending in a return.
func (g *generator) function() {
	g.funcs = append(g.funcs, g.at)
	start := g.at
	g.fixups = g.fixups[:0]
	n := 3 + g.c.intn(20)
	for i := 0; i < n; i++ {
		g.item()
	}
	g.emit(encJALR(rZero, rRA, 0))
	g.resolve(start, g.at)
}

// resolve patches the forward and backward targets of the current loop or
// function, which spans [start, end).
func (g *generator) resolve(start, end uint64) {
	c := g.c
	for _, f := range g.fixups {
		lim := map[int]int64{fixB: 4094, fixJAL: 1 << 19, fixCJ: 2046, fixCB: 254, fixSMC: 2047}[f.kind]
		var target uint64
		if f.kind == fixSMC {
			lo, hi := max(int64(start), int64(f.at)-lim), min(int64(end), int64(f.at)+lim)
			target = uint64(lo + int64(c.intn(int(hi-lo)/2+1))*2)
			off := int64(target) - int64(f.at)
			g.put32(f.word2, encS(off, f.word>>20&31, f.word>>15&31, f.word>>12&7, f.word&0x7F))
			continue
		}
		back := f.fn == 1
		if back {
			lo := max(int64(start), int64(f.at)-lim)
			if lo >= int64(f.at) {
				lo = int64(f.at) - 2
			}
			target = uint64(lo + int64(c.intn(int(int64(f.at)-lo)/2))*2)
		} else {
			hi := min(int64(end), int64(f.at)+lim)
			target = f.at + uint64(2+2*c.intn(int(hi-int64(f.at))/2))
		}
		off := int64(target) - int64(f.at)
		switch f.kind {
		case fixB:
			g.put32(f.at, encB(off, f.word>>20&31, f.word>>15&31, f.word>>12&7))
		case fixJAL:
			g.put32(f.at, encJAL(f.word>>7&31, off))
		case fixCJ:
			g.put16(f.at, encCJ(off))
		case fixCB:
			g.put16(f.at, encCBranch(f.word == 1, 8+uint32(f.word2&7), off))
		}
	}
	g.fixups = g.fixups[:0]
}

func (g *generator) put16(addr uint64, h uint32) {
	g.img[addr-ramBase] = byte(h)
	g.img[addr-ramBase+1] = byte(h >> 8)
}

// Register choices.
func (g *generator) rd() uint32 {
	switch n := g.c.intn(100); {
	case n < 96:
		return g.c.reg(valRegs)
	case n < 99:
		return rZero
	}
	return g.c.reg(ptrRegs)
}

func (g *generator) anyReg() uint32 { return uint32(g.c.intn(32)) }

// base picks a base register for an access: usually one holding a pointer
// into the data pages; the other kinds fault or reach devices, and
// guarded says to run the access only on some passes.
func (g *generator) base() (reg uint32, guarded bool) {
	c := g.c
	switch n := c.intn(100); {
	case n < 82:
		return c.reg(g.goodRegs), false
	case n < 96:
		return c.reg(g.exoticRegs), true
	}
	return g.anyReg(), true
}

// withBase emits an access built on a base register, guarded when the base
// is not a data pointer.
func (g *generator) withBase(f func(base uint32) uint32) {
	b, guard := g.base()
	if guard && g.c.pct(85) {
		g.guarded(func() { g.emit(f(b)) })
		return
	}
	g.emit(f(b))
}

// guarded emits code that runs only on some passes of the loop (when the
// low bits of t6 are zero), for items that trap or slow the JIT down.
func (g *generator) guarded(f func()) {
	c := g.c
	v := c.reg(valRegs)
	g.emit(encANDI(v, rT6, pick(c, []int64{1, 3, 7, 7, 15, 15})))
	br := g.at
	g.emit(wordNOP)
	f()
	g.put32(br, encBNE(v, rZero, int64(g.at-br)))
}

func (g *generator) imm12() int64 {
	c := g.c
	switch c.intn(6) {
	case 0:
		return pick(c, []int64{0, 1, -1, 2047, -2048, 2, 4, 8, -8, 0x7F0})
	case 1:
		return int64(int8(c.byte()))
	}
	return int64(c.intn(4096)) - 2048
}

// memImm is an offset for a size-byte access: mostly aligned, small
// (across page ends from pointers just below them) or large.
func (g *generator) memImm(size int64) int64 {
	c := g.c
	var v int64
	switch c.intn(20) {
	case 0, 1, 2:
		v = pick(c, []int64{0, 8, 16, -8, -16, 24, 32})
	case 3, 4:
		v = pick(c, []int64{2040, -2048, 2032, 1024, -1024})
	case 5, 6, 7, 8, 9, 10:
		v = int64(c.intn(64)) * 8
	case 11, 12, 13:
		v = -int64(c.intn(64)) * 8
	case 14, 15, 16, 17:
		v = int64(c.intn(4096)) - 2048
	default:
		v = int64(c.intn(4096)) - 2048
	}
	return v &^ (size - 1)
}

// misaligned is an access at an odd offset (it traps, or is split).
func (g *generator) misaligned() {
	c := g.c
	b, _ := g.base()
	imm := pick(c, []int64{1, 2, 3, 4, 6, 7, -1, -3, 2047, 4093})
	if imm > 2047 {
		imm = 2047
	}
	switch c.intn(3) {
	case 0:
		g.emit(encLoad(uint32(1+c.intn(6)), g.rd(), b, imm))
	case 1:
		g.emit(encStore(uint32(1+c.intn(3)), g.anyReg(), b, imm))
	default:
		g.emit(g.amoWordOn(b))
	}
}

type itemKind struct {
	weight int
	f      func(g *generator)
	loops  bool   // only in loops, not in functions
	guard  int    // percent of items run only on some passes
	class  string // for program styles that favour one class
}

// itemKinds is filled by init: its functions call item, which reads it.
var itemKinds []itemKind

func init() {
	itemKinds = []itemKind{
		{12, (*generator).aluR, false, 0, "alu"},
		{10, (*generator).aluI, false, 0, "alu"},
		{2, (*generator).upper, false, 0, "alu"},
		{6, (*generator).compressedALU, false, 0, "alu"},
		{4, (*generator).pointerBump, false, 0, "mem"},
		{10, (*generator).load, false, 0, "mem"},
		{8, (*generator).store, false, 0, "mem"},
		{5, (*generator).compressedMem, false, 0, "mem"},
		{3, (*generator).fpMem, false, 0, "fp"},
		{6, (*generator).branchForward, false, 0, "ctl"},
		{1, (*generator).branchBackward, true, 0, "ctl"},
		{2, (*generator).jalForward, false, 0, "ctl"},
		{3, (*generator).call, true, 0, "ctl"},
		{3, (*generator).wildJump, true, 100, "ctl"},
		{4, (*generator).amo, false, 0, "mem"},
		{2, (*generator).lrsc, false, 0, "mem"},
		{3, (*generator).csrRead, false, 30, "sys"},
		{3, (*generator).csrWrite, false, 70, "sys"},
		{2, (*generator).fence, false, 40, "sys"},
		{2, (*generator).trap, false, 95, "sys"},
		{1, (*generator).xret, true, 97, "sys"},
		{8, (*generator).fpOp, false, 0, "fp"},
		{1, (*generator).fpCSR, false, 0, "fp"},
		{4, (*generator).raw, false, 90, "sys"},
		{3, (*generator).mutated, false, 90, "sys"},
		{4, (*generator).smcPatch, true, 75, "smc"},
		{2, (*generator).smcToggle, true, 40, "smc"},
		{3, (*generator).pteEdit, false, 80, "pt"},
		{1, (*generator).satpSwitch, true, 90, "pt"},
		{3, (*generator).innerLoop, true, 0, "ctl"},
		{1, (*generator).htifYield, false, 90, "sys"},
		{1, (*generator).softYield, false, 90, "sys"},
		{3, (*generator).straddle, false, 0, "alu"},
		{2, (*generator).misaligned, false, 100, "mem"},
		{1, (*generator).aliasJump, true, 60, "ctl"},
		{3, (*generator).tightLoop, true, 0, "mem"},
		{1, (*generator).longBlock, false, 0, "alu"},
	}
}

// item emits one random item.
func (g *generator) item() {
	weight := func(k itemKind) int {
		if k.class == g.style {
			return 4 * k.weight
		}
		return k.weight
	}
	total := 0
	for _, k := range itemKinds {
		total += weight(k)
	}
	for {
		n := g.c.intn(total)
		for _, k := range itemKinds {
			if w := weight(k); n < w {
				if k.loops && g.inFunc || k.guard > 0 && g.user && g.c.pct(50) {
					break
				}
				if g.c.pct(k.guard) {
					g.guarded(func() { k.f(g) })
				} else {
					k.f(g)
				}
				return
			}
			n -= weight(k)
		}
	}
}

// longBlock emits a long run of straight-line ALU, memory and FP
// instructions: blocks that reach the translator's length cap.
func (g *generator) longBlock() {
	c := g.c
	for i := 0; i < 20+c.intn(60); i++ {
		switch c.intn(8) {
		case 0, 1:
			g.emit(g.aluRWord())
		case 2, 3:
			g.emit(g.aluIWord())
		case 4:
			g.emit(g.loadWordOn(c.reg(g.goodRegs)))
		case 5:
			g.emit(g.storeWordOn(c.reg(g.goodRegs)))
		case 6:
			if w := g.fpWord(); w>>25&2 == 0 && w>>12&7 != 5 && w>>12&7 != 6 {
				g.emit(w)
			}
		default:
			g.compressedALU()
		}
	}
}

var aluROps = [][3]uint32{ // funct7, funct3, opcode
	{0, 0, opOp}, {0x20, 0, opOp}, {0, 1, opOp}, {0, 2, opOp}, {0, 3, opOp}, {0, 4, opOp},
	{0, 5, opOp}, {0x20, 5, opOp}, {0, 6, opOp}, {0, 7, opOp},
	{1, 0, opOp}, {1, 1, opOp}, {1, 2, opOp}, {1, 3, opOp}, {1, 4, opOp}, {1, 5, opOp}, {1, 6, opOp}, {1, 7, opOp},
	{0, 0, opOp32}, {0x20, 0, opOp32}, {0, 1, opOp32}, {0, 5, opOp32}, {0x20, 5, opOp32},
	{1, 0, opOp32}, {1, 4, opOp32}, {1, 5, opOp32}, {1, 6, opOp32}, {1, 7, opOp32},
}

func (g *generator) aluRWord() uint32 {
	op := pick(g.c, aluROps)
	return encR(op[0], g.anyReg(), g.anyReg(), op[1], g.rd(), op[2])
}

func (g *generator) aluIWord() uint32 {
	c := g.c
	rd, rs1 := g.rd(), g.anyReg()
	switch c.intn(10) {
	case 0:
		return encI(int64(c.intn(64)), rs1, 1, rd, opImm) // SLLI
	case 1:
		return encI(int64(c.intn(64))|int64(c.intn(2))<<10, rs1, 5, rd, opImm) // SRLI, SRAI
	case 2:
		return encI(int64(c.intn(32)), rs1, 1, rd, opImm32) // SLLIW
	case 3:
		return encI(int64(c.intn(32))|int64(c.intn(2))<<10, rs1, 5, rd, opImm32) // SRLIW, SRAIW
	case 4:
		return encADDIW(rd, rs1, g.imm12())
	}
	return encI(g.imm12(), rs1, pick(c, []uint32{0, 0, 2, 3, 4, 6, 7}), rd, opImm)
}

func (g *generator) aluR() { g.emit(g.aluRWord()) }
func (g *generator) aluI() { g.emit(g.aluIWord()) }

func (g *generator) upper() {
	if g.c.pct(50) {
		g.emit(encLUI(g.rd(), uint32(g.c.u64())))
	} else {
		g.emit(encAUIPC(g.rd(), uint32(g.c.u64())))
	}
}

func (g *generator) compressedALU() {
	c := g.c
	vp := pick(c, []uint32{13, 14, 15}) // value registers among x8..x15
	imm6 := int64(c.intn(64)) - 32
	if imm6 == 0 {
		imm6 = 1
	}
	switch c.intn(14) {
	case 12:
		g.emit16(encCUnary(uint32(c.intn(8)), vp)) // Zcb: zext.b ... not (6, 7 reserved)
	case 13:
		g.emit16(encCMUL(vp, 8+uint32(c.intn(8))))
	case 0:
		g.emit16(encCADDI(g.c.reg(valRegs), imm6))
	case 1:
		g.emit16(encCADDIW(g.c.reg(valRegs), imm6))
	case 2:
		g.emit16(encCLI(g.c.reg(valRegs), imm6))
	case 3:
		g.emit16(encCLUI(g.c.reg(valRegs), imm6))
	case 4:
		g.emit16(encCShiftAnd(uint32(c.intn(3)), vp, int64(c.intn(64))))
	case 5:
		g.emit16(encCArith(uint32(c.intn(6)), vp, 8+uint32(c.intn(8))))
	case 6:
		g.emit16(encCSLLI(g.c.reg(valRegs), uint32(1+c.intn(63))))
	case 7:
		g.emit16(encCR(0, g.c.reg(valRegs), 1+uint32(c.intn(31)))) // C.MV
	case 8:
		g.emit16(encCR(1, g.c.reg(valRegs), 1+uint32(c.intn(31)))) // C.ADD
	case 9:
		g.emit16(encCADDI4SPN(vp, uint32(4+4*c.intn(255))))
	case 10:
		g.emit16(encCADDI16SP(int64(c.intn(64)-32) * 16))
	default:
		g.emit16(wordCNOP)
	}
}

// pointerBump moves a data pointer, accesses memory through it (often
// across a page end) and moves it back; rarely it moves it for good (a
// walk through memory, or a misaligned pointer from then on).
func (g *generator) pointerBump() {
	c := g.c
	p := c.reg(g.goodRegs)
	d := pick(c, []int64{8, 16, -8, -16, 24, 2040, -2048, 64, -64, 4088, -4096})
	bump := func(d int64) {
		if c.pct(30) && p != rSP && d >= -32 && d < 32 {
			g.emit16(encCADDI(p, d))
		} else if d >= -2048 && d < 2048 {
			g.emit(encADDI(p, p, d))
		} else {
			g.emit(encADDI(p, p, d/2), encADDI(p, p, d-d/2))
		}
	}
	if c.pct(10) {
		if c.pct(30) {
			d = pick(c, []int64{1, 2, 4, -1, -4})
		}
		g.guarded(func() { bump(d) })
		return
	}
	bump(d)
	for i := 0; i <= c.intn(3); i++ {
		switch c.intn(3) {
		case 0:
			g.emit(g.storeWordOn(p))
		case 1:
			g.emit(g.amoWordOn(p))
		default:
			g.emit(g.loadWordOn(p))
		}
	}
	bump(-d)
}

func (g *generator) loadWordOn(base uint32) uint32 {
	f3 := uint32(g.c.intn(7))
	return encLoad(f3, g.rd(), base, g.memImm(1<<(f3&3)))
}

func (g *generator) storeWordOn(base uint32) uint32 {
	f3 := uint32(g.c.intn(4))
	return encStore(f3, g.anyReg(), base, g.memImm(1<<f3))
}

func (g *generator) loadWord() uint32  { b, _ := g.base(); return g.loadWordOn(b) }
func (g *generator) storeWord() uint32 { b, _ := g.base(); return g.storeWordOn(b) }

func (g *generator) load()  { g.withBase(g.loadWordOn) }
func (g *generator) store() { g.withBase(g.storeWordOn) }

func (g *generator) compressedMem() {
	c := g.c
	var good []uint32
	for _, r := range g.goodRegs {
		if r >= 8 && r <= 12 {
			good = append(good, r)
		}
	}
	if len(good) == 0 || c.pct(10) {
		g.guarded(g.compressedMemOn(pick(c, []uint32{8, 9, 10, 11, 12})))
		return
	}
	g.compressedMemOn(pick(c, good))()
}

// compressedMemOn returns an emitter of a compressed access through p (or
// sp).
func (g *generator) compressedMemOn(p uint32) func() {
	c := g.c
	v := pick(c, []uint32{13, 14, 15})
	any8 := 8 + uint32(c.intn(8))
	kind := c.intn(10)
	return func() { g.compressedMemKind(kind, p, v, any8) }
}

func (g *generator) compressedMemKind(kind int, p, v, any8 uint32) {
	c := g.c
	switch kind {
	case 0:
		g.emit16(encCMem(2, p, v, uint32(4*c.intn(32))))
	case 1:
		g.emit16(encCMem(3, p, v, uint32(8*c.intn(32))))
	case 2:
		g.emit16(encCMem(6, p, any8, uint32(4*c.intn(32))))
	case 3:
		g.emit16(encCMem(7, p, any8, uint32(8*c.intn(32))))
	case 4:
		g.emit16(encCLoadSP(2, c.reg(valRegs), uint32(4*c.intn(64))))
	case 5:
		g.emit16(encCLoadSP(3, c.reg(valRegs), uint32(8*c.intn(64))))
	case 6:
		g.emit16(encCStoreSP(6, g.anyReg(), uint32(4*c.intn(64))))
	case 7:
		g.emit16(encCStoreSP(7, g.anyReg(), uint32(8*c.intn(64))))
	case 8: // Zcb byte and halfword loads
		g.emit16(encCZcbMem(uint32(pick(c, []int{0, 1, 1})), p, v, uint32(c.intn(4))))
	default: // Zcb byte and halfword stores
		g.emit16(encCZcbMem(uint32(2+c.intn(2)), p, any8, uint32(c.intn(4))))
	}
}

func (g *generator) fpMem() {
	c := g.c
	f := uint32(c.intn(32))
	w := uint32(2 + c.intn(2))
	switch c.intn(6) {
	case 0:
		g.withBase(func(b uint32) uint32 { return encFLoad(w, f, b, g.memImm(1<<w)) })
	case 1:
		g.withBase(func(b uint32) uint32 { return encFStore(w, f, b, g.memImm(1<<w)) })
	case 2:
		g.emit16(encCMem(1, pick(c, []uint32{8, 9, 10, 11, 12}), 8+uint32(c.intn(8)), uint32(8*c.intn(32))))
	case 3:
		g.emit16(encCMem(5, pick(c, []uint32{8, 9, 10, 11, 12}), 8+uint32(c.intn(8)), uint32(8*c.intn(32))))
	case 4:
		g.emit16(encCLoadSP(1, f, uint32(8*c.intn(64))))
	default:
		g.emit16(encCStoreSP(5, f, uint32(8*c.intn(64))))
	}
}

// addFixup records a branch or jump whose target is chosen at resolve.
func (g *generator) addFixup(kind int, word uint32, back bool, word2 uint64) {
	fn := 0
	if back {
		fn = 1
	}
	g.fixups = append(g.fixups, fixup{at: g.at, kind: kind, word: word, fn: fn, word2: word2})
}

func (g *generator) branch(back bool) {
	c := g.c
	switch c.intn(6) {
	case 0:
		g.addFixup(fixCJ, 0, back, 0)
		g.emit16(wordCNOP)
	case 1:
		bnez := uint32(c.intn(2))
		g.addFixup(fixCB, bnez, back, uint64(c.intn(8)))
		g.emit16(wordCNOP)
	default:
		f3 := pick(c, []uint32{0, 1, 4, 5, 6, 7, 0, 1})
		w := encR(0, g.anyReg(), g.anyReg(), f3, 0, opBranch)
		g.addFixup(fixB, w, back, 0)
		g.emit(wordNOP)
	}
}

func (g *generator) branchForward()  { g.branch(false) }
func (g *generator) branchBackward() { g.branch(true) }

func (g *generator) jalForward() {
	rd := uint32(rZero)
	if !g.inFunc && g.c.pct(40) {
		rd = rRA
	}
	g.addFixup(fixJAL, rd<<7, false, 0)
	g.emit(wordNOP)
}

func (g *generator) call() {
	g.calls = append(g.calls, fixup{at: g.at, fn: g.c.intn(8)})
	g.emit(wordNOP)
}

// wildJump jumps through a register: to a pointer (devices, unmapped,
// data), or to a random place in the body (other pages, the middle of an
// instruction), linking ra so a fetch fault resumes after it.
func (g *generator) wildJump() {
	c := g.c
	switch c.intn(4) {
	case 0:
		g.emit(encJALR(rRA, c.reg(g.exoticRegs), g.memImm(2)))
	case 1:
		v := c.reg(valRegs)
		g.emit16(encCR(1, v, 0)) // C.JALR v: to whatever v holds
	default:
		v := c.reg(valRegs)
		target := bodyPA + uint64(2*c.intn(int(bodyLimitPA-bodyPA)/2))
		g.emit(g.la(v, target)...)
		g.emit(encJALR(rRA, v, 0))
	}
}

// aliasJump jumps into a body page through another virtual address that
// maps it (paging only), linking ra: the code there runs until it faults or
// returns.
func (g *generator) aliasJump() {
	if len(g.aliases) == 0 {
		g.wildJump()
		return
	}
	c := g.c
	v := c.reg(valRegs)
	g.emit(loadImm(v, pick(c, g.aliases)+uint64(2*c.intn(2048)))...)
	g.emit(encJALR(rRA, v, 0))
}

var amoOps = []uint32{0, 1, 4, 8, 0xC, 0x10, 0x14, 0x18, 0x1C, 2, 3, 5, 0x1F}

func (g *generator) amoWordOn(base uint32) uint32 {
	c := g.c
	width := uint32(2 + c.intn(2))
	op := pick(c, amoOps[:11])
	if c.pct(5) {
		width, op = uint32(pick(c, []int{0, 1, 4, 7})), pick(c, amoOps)
	}
	rs2 := g.anyReg()
	if op == 2 && c.pct(95) {
		rs2 = 0 // LR: anything else is reserved
	}
	return encAMO(op, uint32(c.intn(2)), uint32(c.intn(2)), rs2, base, width, g.rd())
}

func (g *generator) amoWord() uint32 { b, _ := g.base(); return g.amoWordOn(b) }
func (g *generator) amo()            { g.withBase(g.amoWordOn) }

func (g *generator) lrsc() {
	c := g.c
	width := uint32(2 + c.intn(2))
	p := c.reg(g.goodRegs)
	g.emit(encAMO(2, 0, 0, 0, p, width, g.rd()))
	if c.pct(40) {
		g.item()
	}
	if c.pct(80) {
		p2 := p
		if c.pct(20) {
			p2 = c.reg(g.goodRegs)
		}
		g.emit(encAMO(3, uint32(c.intn(2)), uint32(c.intn(2)), g.anyReg(), p2, width, g.rd()))
	}
}

var readableCSRs = []uint32{0x001, 0x002, 0x003, 0xC00, 0xC01, 0xC02, 0xC03, 0x100, 0x104, 0x105, 0x106,
	0x10A, 0x140, 0x141, 0x142, 0x143, 0x144, 0x180, 0xF11, 0xF12, 0xF13, 0xF14, 0xF15, 0x300, 0x301,
	0x302, 0x303, 0x304, 0x305, 0x306, 0x30A, 0x320, 0x323, 0x340, 0x341, 0x342, 0x343, 0x344, 0x7A0,
	0x7A1, 0xB00, 0xB02, 0xB03, 0x800, 0x5A8}

// csrFor picks a CSR from a list, mostly one the body's starting privilege
// may access.
func (g *generator) csrFor(list []uint32) uint32 {
	c := g.c
	if c.pct(20) {
		return pick(c, list)
	}
	var ok []uint32
	for _, csr := range list {
		if uint64(csr>>8&3) <= g.prv {
			ok = append(ok, csr)
		}
	}
	if len(ok) == 0 {
		return pick(c, list)
	}
	return pick(c, ok)
}

func (g *generator) csrRead() {
	csr := g.csrFor(readableCSRs)
	if g.c.pct(10) {
		csr = uint32(g.c.intn(4096))
	}
	g.emit(encCSRR(g.rd(), csr))
}

// csrWrite writes a CSR the handlers do not depend on.
func (g *generator) csrWrite() {
	c := g.c
	csrs := []uint32{0x001, 0x002, 0x003, 0x100, 0x104, 0x106, 0x10A, 0x141, 0x142, 0x143, 0x144,
		0x180, 0x300, 0x300, 0x301, 0x304, 0x306, 0x30A, 0x320, 0x341, 0x342, 0x343, 0x344, 0xB00,
		0xB02, 0xC00, 0x7A0, 0xF12}
	if g.delegate {
		csrs = append(csrs, 0x303)
	} else {
		csrs = append(csrs, 0x105)
	}
	csr := g.csrFor(csrs)
	if c.pct(25) {
		g.emit(encCSR(uint32(5+c.intn(3)), g.rd(), csr, uint32(c.intn(32))))
		return
	}
	var v uint64
	switch csr {
	case 0x180:
		v = g.satpValue()
	case 0x300, 0x100:
		// Any writable mstatus bit but TSR, which would stop the S handler's SRET.
		v = c.u64() & (1<<1 | 1<<3 | 1<<5 | 1<<7 | 1<<8 | 3<<11 | 3<<13 | 1<<17 | 1<<18 | 1<<19 | 1<<20 | 1<<21)
	default:
		v = g.value()
	}
	r := c.reg(valRegs)
	g.emit(loadImm(r, v)...)
	g.emit(encCSR(uint32(1+c.intn(3)), g.rd(), csr, r))
}

func (g *generator) satpValue() uint64 {
	c := g.c
	if g.satpMode == 0 {
		return pick(c, []uint64{0, 1 << 60, 7<<60 | 0x80020, 10<<60 | 0x80020})
	}
	vals := []uint64{0, 10<<60 | 0x80020}
	for _, r := range g.roots {
		vals = append(vals, g.satpMode<<60|r>>12, g.satpMode<<60|r>>12)
	}
	return pick(c, vals)
}

func (g *generator) fence() {
	c := g.c
	switch c.intn(6) {
	case 0:
		g.emit(wordFENCE&^(0xFF<<20) | uint32(c.intn(256))<<20)
	case 1, 2:
		g.emit(wordFENCEI)
	case 3, 4:
		if g.user && c.pct(80) {
			g.emit(wordFENCEI)
			return
		}
		rs1, rs2 := uint32(rZero), uint32(rZero)
		if c.pct(50) {
			rs1 = c.reg(ptrRegs)
		}
		if c.pct(20) {
			rs2 = c.reg(valRegs)
		}
		g.emit(encSFENCEVMA(rs1, rs2))
	default:
		if g.user && c.pct(80) {
			g.emit(wordFENCE)
			return
		}
		g.emit(wordWFI)
	}
}

func (g *generator) trap() {
	switch g.c.intn(6) {
	case 0, 1:
		g.emit(wordECALL)
	case 2:
		g.emit(wordEBREAK)
	case 3:
		g.emit16(wordCEBREAK)
	case 4:
		g.emit16(0) // the all-zero illegal compressed word
	default:
		g.emit(0xFFFFFFFF)
	}
}

func (g *generator) xret() {
	if g.c.pct(50) {
		g.emit(wordMRET)
	} else {
		g.emit(wordSRET)
	}
}

// rm is a rounding-mode field: mostly dynamic, sometimes static, rarely
// reserved.
func (g *generator) rm() uint32 {
	switch n := g.c.intn(100); {
	case n < 60:
		return 7
	case n < 98:
		return uint32(g.c.intn(5))
	}
	return uint32(5 + g.c.intn(2))
}

func (g *generator) fpWord() uint32 {
	c := g.c
	fmt := uint32(c.intn(2))
	if c.pct(3) {
		fmt = 2 + uint32(c.intn(2)) // Q and H: illegal
	}
	f := func() uint32 { return uint32(c.intn(32)) }
	rm := g.rm()
	switch c.intn(12) {
	case 0:
		return encFPOp(uint32(c.intn(4)), fmt, f(), f(), rm, f())
	case 1:
		return encFPOp(0x0B, fmt, 0, f(), rm, f())
	case 2:
		return encFPOp(0x04, fmt, f(), f(), uint32(c.intn(3)), f())
	case 3:
		return encFPOp(0x05, fmt, f(), f(), uint32(c.intn(2)), f())
	case 4:
		return encFPOp(0x08, fmt, 1-fmt&1, f(), rm, f())
	case 5:
		return encFPOp(0x14, fmt, f(), f(), uint32(c.intn(3)), g.rd())
	case 6:
		return encFPOp(0x1C, fmt, 0, f(), uint32(c.intn(2)), g.rd())
	case 7:
		return encFPOp(0x18, fmt, uint32(c.intn(4)), f(), rm, g.rd())
	case 8:
		return encFPOp(0x1A, fmt, uint32(c.intn(4)), g.anyReg(), rm, f())
	case 9:
		return encFPOp(0x1E, fmt, 0, g.anyReg(), 0, f())
	}
	return encFMA(pick(c, []uint32{opMAdd, opMSub, opNMSub, opNMAdd}), fmt, f(), f(), f(), rm, f())
}

func (g *generator) fpOp() {
	w := g.fpWord()
	if w>>25&2 != 0 && w&0x7F != opLoadFP && w&0x7F != opStoreFP || w>>12&7 == 5 || w>>12&7 == 6 {
		g.guarded(func() { g.emit(w) }) // Q or H format, or a reserved rounding mode
		return
	}
	g.emit(w)
}

func (g *generator) fpCSR() {
	c := g.c
	switch c.intn(3) {
	case 0:
		g.emit(encCSR(5, g.rd(), 0x002, uint32(c.intn(8)))) // csrrwi frm
	case 1:
		g.emit(encCSR(pick(c, []uint32{5, 6, 7}), g.rd(), 0x001, uint32(c.intn(32))))
	default:
		g.emit(encCSR(5, g.rd(), 0x003, uint32(c.intn(32))))
	}
}

// safeRd moves a random word's rd field off the reserved registers (the
// loop counters and ra), so random code cannot make a loop endless.
func safeRd(w uint32) uint32 {
	switch w >> 7 & 31 {
	case rRA, rT5, rT6:
		w = w&^(31<<7) | 5<<7
	}
	return w
}

// randomWord is any instruction word, valid or not.
func (g *generator) randomWord() uint32 {
	return safeRd(uint32(g.c.u64()) | 3)
}

func (g *generator) raw() {
	c := g.c
	if c.pct(35) {
		h := safeRd(uint32(c.intn(1 << 16)))
		if h&3 == 3 {
			h &^= 1
		}
		g.emit16(h)
		return
	}
	g.emit(g.randomWord())
}

// validWord is one random valid 32-bit instruction.
func (g *generator) validWord() uint32 {
	switch g.c.intn(7) {
	case 0:
		return g.aluRWord()
	case 1:
		return g.aluIWord()
	case 2:
		return g.loadWord()
	case 3:
		return g.storeWord()
	case 4:
		return g.amoWord()
	case 5:
		return g.fpWord()
	}
	return encADDI(g.rd(), g.anyReg(), g.imm12())
}

func (g *generator) mutated() {
	w := g.validWord()
	for i := 0; i <= g.c.intn(3); i++ {
		w ^= 1 << uint(g.c.intn(32))
	}
	g.emit(safeRd(w))
}

// smcPatch stores an instruction (or part of one) into the current loop,
// ahead of or behind the store, and sometimes runs FENCE.I.
func (g *generator) smcPatch() {
	c := g.c
	v, w := c.reg(valRegs), c.reg(valRegs)
	for w == v {
		w = c.reg(valRegs)
	}
	g.emit(encAUIPC(v, 0))
	auipc := g.at - 4
	var word uint32
	switch c.intn(4) {
	case 0:
		word = g.randomWord()
	default:
		word = safeRd(g.validWord())
	}
	g.emit(loadImm(w, uint64(int64(int32(word))))...)
	width := pick(c, []uint32{2, 2, 2, 1, 0, 3})
	store := encS(0, w, v, width, opStore)
	g.fixups = append(g.fixups, fixup{at: auipc, kind: fixSMC, word: store, word2: g.at})
	g.emit(store)
	if c.pct(40) {
		g.emit(wordFENCEI)
	}
}

// smcToggle flips bits of an instruction right after it on every pass, so
// the loop runs two different instructions by turns.
func (g *generator) smcToggle() {
	c := g.c
	v, w, m := c.reg(valRegs), c.reg(valRegs), c.reg(valRegs)
	for w == v {
		w = c.reg(valRegs)
	}
	for m == v || m == w {
		m = c.reg(valRegs)
	}
	mask := uint32(1+c.intn(0xFFFFF)) & pick(c, []uint32{0xFFFFF, 0xFFF00, 0x1F, 0xF8})
	if mask == 0 {
		mask = 0x100
	}
	g.emit(encAUIPC(v, 0), encLoad(2, w, v, 20), encLUI(m, mask), encR(0, m, w, 4, w, opOp), encStore(2, w, v, 20))
	g.emit(safeRd(g.validWord()))
}

// pteEdit rewrites a page-table entry, then maybe flushes the TLB (all of
// it, or the page).
func (g *generator) pteEdit() {
	if len(g.edits) == 0 {
		g.load()
		return
	}
	c := g.c
	e := pick(c, g.edits)
	a, b := c.reg(valRegs), c.reg(valRegs)
	for b == a {
		b = c.reg(valRegs)
	}
	g.emit(loadImm(a, e.addr)...)
	g.emit(loadImm(b, pick(c, e.values))...)
	g.emit(encStore(3, b, a, 0))
	switch c.intn(3) {
	case 0:
		g.emit(encSFENCEVMA(rZero, rZero))
	case 1:
		g.emit(loadImm(a, e.va)...)
		g.emit(encSFENCEVMA(a, rZero))
	}
}

func (g *generator) satpSwitch() {
	v := g.c.reg(valRegs)
	g.emit(loadImm(v, g.satpValue())...)
	g.emit(encCSRW(0x180, v))
	if g.c.pct(70) {
		g.emit(encSFENCEVMA(rZero, rZero))
	}
}

// tightLoop emits a one-block loop on at most three registers (the count
// t5, a data pointer p and a value v): the JIT keeps such a loop's
// registers in host registers across iterations. The body walks p through
// memory (across page ends, so accesses miss mid-loop) and p is restored
// afterwards.
func (g *generator) tightLoop() {
	if g.depth > 0 {
		g.aluR()
		return
	}
	c := g.c
	p := c.reg(g.goodRegs)
	v, save := c.reg(valRegs), c.reg(valRegs)
	for save == v {
		save = c.reg(valRegs)
	}
	stride := pick(c, []int64{8, 8, 16, -8, 64, 1024, 4096, 0})
	g.emit(encADDI(save, p, 0), encADDI(rT5, rZero, int64(2+c.intn(300))))
	start := g.at
	for i := 0; i < 1+c.intn(7); i++ {
		off := int64(8 * (c.intn(16) - 4))
		switch c.intn(6) {
		case 0:
			g.emit(encLoad(uint32(c.intn(7)), v, p, off&^7))
		case 1:
			g.emit(encStore(uint32(c.intn(4)), pick(c, []uint32{v, rT5, p}), p, off&^7))
		case 2:
			op := pick(c, aluROps)
			g.emit(encR(op[0], pick(c, []uint32{v, rT5, p}), pick(c, []uint32{v, rT5, p, rZero}), op[1], v, op[2]))
		case 3:
			g.emit(encI(g.imm12(), pick(c, []uint32{v, rT5, p}), pick(c, []uint32{0, 2, 3, 4, 6, 7}), v, opImm))
		case 4:
			g.emit16(encCADDI(v, int64(c.intn(63))-31|1))
		default:
			g.emit(encADDI(p, p, stride))
		}
	}
	g.emit(encADDI(p, p, stride), encADDI(rT5, rT5, -1))
	back := int64(start) - int64(g.at)
	switch c.intn(4) {
	case 0:
		g.emit(encBLT(rZero, rT5, back)) // t5 > 0
	case 1:
		g.emit(encB(back, rZero, rT5, 5)) // t5 >= 0: one pass more
	case 2:
		g.emit(encB(back, rT5, rZero, 6)) // 0 <u t5
	default:
		g.emit(encBNE(rT5, rZero, back))
	}
	g.emit(encADDI(p, save, 0))
}

// innerLoop nests a short counted loop (t5).
func (g *generator) innerLoop() {
	if g.depth > 0 {
		g.aluR()
		return
	}
	g.depth++
	c := g.c
	g.emit(encADDI(rT5, rZero, int64(2+c.intn(6))))
	start := g.at
	for i := 0; i < 1+c.intn(6); i++ {
		g.item()
	}
	g.emit(encADDI(rT5, rT5, -1))
	g.emit(encBLT(rZero, rT5, int64(start)-int64(g.at)))
	g.depth--
}

// htifYield asks HTIF for a yield or writes a character to the console
// (physical addressing only).
func (g *generator) htifYield() {
	if g.satpMode != 0 || g.c.pct(70) {
		g.store()
		return
	}
	a, b := g.c.reg(valRegs), g.c.reg(valRegs)
	for b == a {
		b = g.c.reg(valRegs)
	}
	cmd := 2<<56 | uint64(g.c.intn(3))<<48 | uint64(g.c.intn(1<<16)) // a yield
	if g.c.pct(40) {
		cmd = 1<<56 | 1<<48 | uint64(g.c.intn(256)) // console putchar
	}
	g.emit(loadImm(a, 0x40008000)...)
	g.emit(loadImm(b, cmd)...)
	g.emit(encStore(3, b, a, 0))
}

func (g *generator) softYield() { g.emit(wordSoftYield) }

// straddle pads to a page end, then emits an instruction across it.
func (g *generator) straddle() {
	left := 4096 - g.at%4096
	if left > 96 {
		g.aluI()
		return
	}
	for 4096-g.at%4096 > 2 {
		if (4096-g.at%4096)%4 == 2 || g.c.pct(20) {
			g.emit16(wordCNOP)
		} else {
			g.emit(wordNOP)
		}
	}
	switch g.c.intn(3) {
	case 0:
		g.emit(g.loadWord())
	case 1:
		g.emit(g.storeWord())
	default:
		g.emit(g.aluRWord())
	}
}

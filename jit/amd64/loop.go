package amd64

import (
	"math/bits"

	"github.com/rivetvm/rivet/emu/isa"
	"github.com/rivetvm/rivet/jit/ir"
)

// Loops. A block whose final conditional branch jumps back to its own start
// is a loop, and when every guest register it uses fits in the register
// cache, the registers stay in host registers across iterations: they are
// loaded once before the first iteration, and the taken branch counts the
// iteration, checks the budget for the next one and jumps back without
// writing anything back. Everything that leaves the loop writes back the
// registers the loop writes (they may have changed in an earlier iteration
// even where the current one has not written them yet):
//
//	budget check (as any block)
//	load the loop's registers into the cache
//	padding to a 64-byte boundary (the block is placed at one)
//	body:  instructions; memory misses write back and exit as usual
//	       cmp; j(not taken) leave
//	       mcycle += n; jbe body if one more iteration fits before the end
//	       write back, exit with ExitBudget (pc at the loop start)
//	leave: write back; count; fall through or chain to the next block
//
// An iteration takes one branch, the jump back, and the body starts a cache
// line: on AMD Zen 4 an integer loop ran about twice as fast as with a taken
// branch to a separate "again" path and a head placed anywhere (0.55 against
// 0.8-1.5 ns a pass, depending on where the head fell).
//
// The interpreter would stop at exactly the same mcycle: a loop iteration
// runs only if it fits before the end, like any block.

type loopInfo struct {
	ok      bool
	regs    []uint8 // guest registers the block uses (x0 excluded)
	written uint32  // bit r set: the block writes guest register r
	body    int     // code offset of the first instruction
	// The FP registers kept in XMM registers (fpcache.go): fxmm[r] is
	// f[r]'s (0: not cached); fwritten has bit r set where the loop writes
	// f[r]. Both are empty when the loop uses more FP registers than fit.
	fxmm     [32]Xmm
	fwritten uint32
}

// findLoop reports whether the block is a loop whose registers fit the
// cache. Blocks of integer instructions, loads, stores and FP instructions
// qualify (AMOs and divisions use the cache or scratch registers their own
// way). Every guest register an instruction may use must be in the loop's
// set: the body must not allocate.
func (g *gen) findLoop(off0 uint64) loopInfo {
	b := g.b
	n := len(b.Insns)
	if b.End != ir.EndBranch || n < 2 {
		return loopInfo{}
	}
	last := &b.Insns[n-1]
	switch last.Op {
	case isa.BEQ, isa.BNE, isa.BLT, isa.BGE, isa.BLTU, isa.BGEU:
	default:
		return loopInfo{}
	}
	if b.Offs[n-1]+last.Imm != off0 {
		return loopInfo{}
	}
	var used, written, fused, fwritten uint32
	for i := range b.Insns {
		in := &b.Insns[i]
		r, w, ok := loopOperands(in, b.Raw[i])
		if !ok {
			return loopInfo{}
		}
		used |= r | w
		written |= w
		if in.Op == isa.FP {
			r, w, _ := fpFloatOperands(b.Raw[i])
			fused |= r | w
			fwritten |= w
		}
	}
	used &^= 1
	written &^= 1
	info := loopInfo{ok: true, written: written}
	for r := uint8(1); r < 32; r++ {
		if used&(1<<r) != 0 {
			info.regs = append(info.regs, r)
		}
	}
	if len(info.regs) > len(cacheRegs) {
		return loopInfo{}
	}
	if n := 0; bits.OnesCount32(fused) <= len(fpCacheRegs) {
		for r := 0; r < 32; r++ {
			if fused&(1<<r) != 0 {
				info.fxmm[r] = fpCacheRegs[n]
				n++
			}
		}
		info.fwritten = fwritten
	}
	return info
}

// loopOperands returns the guest registers an instruction (raw: its word)
// reads and writes (as bit sets), or false for an instruction loops do not
// take.
func loopOperands(in *isa.Insn, raw uint32) (read, write uint32, ok bool) {
	rd, rs1, rs2 := uint32(1)<<(in.Rd&31), uint32(1)<<(in.Rs1&31), uint32(1)<<(in.Rs2&31)
	switch in.Op {
	case isa.NOP:
		return 0, 0, true
	case isa.LUI, isa.AUIPC:
		return 0, rd, true
	case isa.ADDI, isa.SLTI, isa.SLTIU, isa.XORI, isa.ORI, isa.ANDI, isa.SLLI, isa.SRLI, isa.SRAI,
		isa.ADDIW, isa.SLLIW, isa.SRLIW, isa.SRAIW, isa.SEXT_B, isa.SEXT_H, isa.ZEXT_H, isa.ZEXT_W,
		isa.LB, isa.LH, isa.LW, isa.LD, isa.LBU, isa.LHU, isa.LWU:
		return rs1, rd, true
	case isa.ADD, isa.SUB, isa.SLL, isa.SLT, isa.SLTU, isa.XOR, isa.SRL, isa.SRA, isa.OR, isa.AND,
		isa.MUL, isa.MULH, isa.MULHU, isa.ADDW, isa.SUBW, isa.SLLW, isa.SRLW, isa.SRAW, isa.MULW:
		return rs1 | rs2, rd, true
	case isa.SB, isa.SH, isa.SW, isa.SD, isa.BEQ, isa.BNE, isa.BLT, isa.BGE, isa.BLTU, isa.BGEU:
		return rs1 | rs2, 0, true
	case isa.FP:
		return fpIntOperands(raw)
	}
	return 0, 0, false
}

// pinLoopRegisters loads the loop's registers and marks the ones it writes
// as changed for every exit from the body on. The loop's FP checks come
// first (nothing to write back yet if they fail).
func (g *gen) pinLoopRegisters() {
	g.loopFPChecks()
	for _, r := range g.loop.regs {
		g.cache.use(g, r)
	}
	for i, x := range g.cache.guest {
		if x != 0 && g.loop.written&(1<<x) != 0 {
			g.cache.dirty[i] = true
		}
	}
	g.pinFP()
	g.a.Align(loopAlign)
	g.loop.body = g.a.Here()
}

// loopAlign is the alignment of a loop's head, relative to the block's start
// (ir.Code.Align places the block so).
const loopAlign = 64

// loopBranch ends a loop block after the compare of its final branch (at
// delta, size bytes long; n instructions).
func (g *gen) loopBranch(c Cond, n int, delta, size, off0 uint64) {
	a := &g.a
	leave := a.Jcc(c ^ 1) // (x86 conditions come in pairs: the low bit negates)
	// Taken: one more iteration if it fits; the cache is as at the body's
	// start (the body allocates nothing, as every register was loaded, and
	// every register the loop writes is marked changed from its start).
	a.Lea(regCycle, M(regCycle, int32(n)))
	a.Lea(RAX, M(regCycle, int32(n)))
	a.AluRM(true, CMP, RAX, M(regCtx, ctxEnd))
	a.Patch(a.Jcc(CondBE), g.loop.body)
	g.exitAt(ir.ExitBudget, 0, 0, g.cache.snapshot())
	// Not taken: leave the loop.
	a.Patch(leave, a.Here())
	g.cache.writeBack(g)
	a.Lea(regCycle, M(regCycle, int32(n)))
	a.Lea(regPC, M(regPC, int32(delta+size)))
	g.jumpTo(off0 + delta + size)
}

// budgetCheck exits through a copy of st (its kind and write-back set)
// unless n more instructions fit before the run's end: mcycle + n > end.
// mcycle + n cannot wrap: the engine never gives generated code an end
// within MaxEnd of 2^64 (mcycle <= end, n <= 64), and runs whose end is
// beyond it leave their last cycles to the interpreter.
func (g *gen) budgetCheck(n int, st stub) {
	a := &g.a
	a.Lea(RAX, M(regCycle, int32(n)))
	a.AluRM(true, CMP, RAX, M(regCtx, ctxEnd))
	st.site = a.Jcc(CondA)
	g.stubs = append(g.stubs, st)
}

// MaxEnd is the largest end mcycle generated code may be given (see
// budgetCheck).
const MaxEnd = ^uint64(0) - 1024

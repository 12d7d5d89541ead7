package amd64

import (
	"encoding/binary"
	"fmt"

	"github.com/rivetvm/rivet/emu/isa"
	"github.com/rivetvm/rivet/jit/ir"
)

// Register conventions of generated code (set up by the trampoline):
const (
	regX     = RBX // &X[0]: guest register i at [RBX + 8i]
	regHotR  = R12 // hot read TLB
	regHotW  = R13 // hot write TLB
	regPC    = R8  // guest pc of the current block's first instruction
	regCycle = RSI // mcycle
	// RAX, RCX, RDX are scratch; R9, R10, R11, R14, RDI and RBP cache guest
	// registers inside a block (regcache.go). R15 holds the *Context, from
	// which the budget check reads the run's end mcycle. R14 is Go's g in
	// ABIInternal, but the trampoline is ABI0 and Go reloads R14 after
	// calling it; the trampoline has a frame, so the assembler saves and
	// restores RBP around it. RSP is never touched.
)

// The hot TLB layout (emu.EngineView): slots of 32 bytes, vaddr_page at +0,
// host page address at +8, and (code set) the *CodePage at +24, whose first
// field is its block table. The code set lies just before the read set.
const (
	hotSlotSize = 32
	hotCodePage = 24
	tlbSetBytes = 256 * hotSlotSize
)

// Backend is the amd64 code generator. It keeps its buffers between blocks
// (translation allocates nothing once warm), so one Backend serves one
// engine at a time.
type Backend struct {
	g gen
}

var _ ir.Backend = (*Backend)(nil)

// New returns a code generator.
func New() *Backend {
	b := &Backend{}
	b.g.a.B = make([]byte, 0, 16<<10)
	return b
}

// Supported reports whether an instruction (raw: its instruction word) is
// translated.
func (*Backend) Supported(in *isa.Insn, raw uint32) bool {
	switch in.Op {
	case isa.FP:
		return supportedFP(raw)
	case isa.AMO:
		return supportedAMO(raw)
	case isa.DIV, isa.DIVU, isa.REM, isa.REMU, isa.DIVW, isa.DIVUW, isa.REMW, isa.REMUW, isa.MULHSU:
		return true
	case isa.ADDI, isa.SLTI, isa.SLTIU, isa.XORI, isa.ORI, isa.ANDI, isa.SLLI, isa.SRLI, isa.SRAI,
		isa.ADD, isa.SUB, isa.SLL, isa.SLT, isa.SLTU, isa.XOR, isa.SRL, isa.SRA, isa.OR, isa.AND,
		isa.MUL, isa.MULH, isa.MULHU,
		isa.ADDIW, isa.SLLIW, isa.SRLIW, isa.ADDW, isa.SUBW, isa.SLLW, isa.SRLW, isa.SRAW, isa.MULW,
		isa.SEXT_B, isa.SEXT_H, isa.ZEXT_H, isa.ZEXT_W, isa.LUI, isa.AUIPC, isa.NOP,
		isa.LB, isa.LH, isa.LW, isa.LD, isa.LBU, isa.LHU, isa.LWU, isa.SB, isa.SH, isa.SW, isa.SD,
		isa.BEQ, isa.BNE, isa.BLT, isa.BGE, isa.BLTU, isa.BGEU, isa.JAL, isa.JALR:
		return true
	case isa.SRAIW:
		return in.Rd != 0 // rd = 0 is a hint (soft yield): the interpreter handles it
	case isa.SYSTEM:
		return supportedSystem(raw)
	}
	return false
}

// IsBranch reports whether an operation ends a block by transferring control.
func IsBranch(op isa.Op) bool {
	switch op {
	case isa.BEQ, isa.BNE, isa.BLT, isa.BGE, isa.BLTU, isa.BGEU, isa.JAL, isa.JALR:
		return true
	}
	return false
}

type gen struct {
	a         Asm
	chainBase int
	siteBase  int
	b         *ir.Block
	stubs     []stub // out-of-line exits, emitted after the block
	sites     []int  // the extra sites of stubs (stub.alsoFrom)
	chains    []ir.Chain
	siteList  []ir.Site
	code      ir.Code
	cache     regCache
	loop      loopInfo
	chain     memChain
}

// memChain describes the last integer load or store, when the next one may
// reuse its TLB lookup: after hostAddress's lookup, RAX holds the access's
// offset in its page and RDX the page's host address, and they stay so
// while nothing but further chained accesses runs. A load or store right
// after it, of the same kind (the same TLB set) and through the same base
// register, still unchanged, is in the same page exactly when its own
// offset, the first's plus the difference of the immediates, stays in the
// page; the slot still holds the page, as nothing filled the set since. So
// it checks that (and its alignment) instead of looking up the TLB: stack
// frames and structures are stored and loaded field after field. An access
// that leaves the page exits to Go, which makes it as the interpreter does.
type memChain struct {
	ok    bool
	base  uint8 // guest register
	off   int32 // the first access's immediate
	store bool
	k     int // the instruction the chain last reached
}

// stub is an out-of-line exit, emitted after the block's straight-line code.
type stub struct {
	kind  stubKind
	site  int           // the rel32 jumping to the stub
	delta uint64        // stubMemory: pc offset of the instruction from the block start
	k     int           // stubMemory: instructions before it; stubChain: chain id
	dirty cacheSnapshot // stubMemory: cached registers to write back first
	// stubMemory on a load: try the read-TLB refill routine first and, if
	// it filled the slot, go back to the compare at retry.
	refill bool
	store  bool // the refill is the write TLB's
	retry  int
	// more rel32 sites jumping to the stub: gen.sites[alsoFrom:alsoTo]
	alsoFrom, alsoTo int
}

type stubKind uint8

const (
	stubBudget    stubKind = iota // the block does not fit before the run's end
	stubMemory                    // a TLB miss at instruction k
	stubChain                     // a same-page jump with no block linked yet
	stubGeneral                   // instruction k is left to the interpreter
	stubSlowHit                   // a TLB hit on a page not mapped one to one: RAX = host address, back to retry
	stubInterpret                 // nothing ran yet: the block is the interpreter's (ExitInterpret)
)

// emitStubs writes the out-of-line exits.
func (g *gen) emitStubs() {
	a := &g.a
	for _, st := range g.stubs {
		a.Patch(st.site, a.Here())
		for _, site := range g.sites[st.alsoFrom:st.alsoTo] {
			a.Patch(site, a.Here())
		}
		switch st.kind {
		case stubBudget:
			g.exitAt(ir.ExitBudget, 0, 0, st.dirty)
		case stubMemory:
			if st.refill {
				// CALL [R15+routine]; JE retry
				routine := byte(ctxRefillRead)
				if st.store {
					routine = ctxRefillWrite
				}
				b := a.window()
				b[0], b[1], b[2], b[3], b[4], b[5] = 0x41, 0xFF, 0x57, routine, 0x0F, 0x84
				at := len(a.B) + 6
				a.B = a.B[:at+4]
				a.Patch(at, st.retry)
			}
			g.exitAt(ir.ExitMemory, st.delta, st.k, st.dirty)
		case stubChain:
			g.retCode(uint32(ir.ExitChain) | uint32(st.k)<<8)
		case stubGeneral:
			g.exitAt(ir.ExitGeneral, st.delta, st.k, st.dirty)
		case stubInterpret:
			a.MovImm(RAX, uint64(ir.ExitInterpret))
			a.Ret()
		case stubSlowHit:
			hot := regHotR
			if st.store {
				hot = regHotW
			}
			a.MovLoad64(RDX, MI(hot, RCX, 1, 8))
			a.AluRI(false, AND, RAX, 0xFFF)
			a.AluRR(true, ADD, RAX, RDX)
			a.Patch(a.Jmp(), st.retry)
		}
	}
}

func xmem(r uint8) Mem { return M(regX, int32(r&31)*8) }

// load puts guest register r in dst (through the register cache).
func (g *gen) load(dst Reg, r uint8) {
	if r&31 == 0 {
		g.a.AluRR(false, XOR, dst, dst)
		return
	}
	g.a.MovRR(dst, g.cache.use(g, r&31))
}

// inPlace returns the host register of guest register rd (marked changed)
// holding rs1's value (rs1 != 0), ready for rd = rs1 op x in place: rd's
// register, with a MOV from rs1's unless rd is rs1. rs1 is used first, so
// making room for rd never evicts it.
func (g *gen) inPlace(rd, rs1 uint8) Reg {
	src := g.cache.use(g, rs1&31)
	dst := g.cache.def(g, rd&31)
	if dst != src {
		g.a.MovRR(dst, src)
	}
	return dst
}

// store writes src to guest register r (nothing for x0), in the cache.
func (g *gen) store(r uint8, src Reg) {
	if r&31 != 0 {
		g.a.MovRR(g.cache.def(g, r&31), src)
	}
}

// aluGuest is op dst, guest register r: from its cached host register, or
// from memory when it is not cached (without caching it).
func (g *gen) aluGuest(w bool, op AluOp, dst Reg, r uint8) {
	if r&31 == 0 {
		g.a.AluRI(w, op, dst, 0)
		return
	}
	if h, ok := g.cache.lookup(r & 31); ok {
		g.a.AluRR(w, op, dst, h)
		return
	}
	g.a.AluRM(w, op, dst, xmem(r))
}

// exitAt emits an exit from inside the block with code, pc delta bytes
// into it and mcycle counting n instructions, after the changed registers
// of dirty are written back. The write-back and the counting are a site's
// (ir.Site), which Go applies: the exit is a MOV and a RET. (A loop's FP
// registers are written back here, as the trampoline saves only the
// integer cache.)
func (g *gen) exitAt(code ir.ExitCode, delta uint64, n int, dirty cacheSnapshot) {
	if dirty.fp {
		g.writeBackSnapshot(dirty)
		g.exit(delta, n, uint32(code))
		return
	}
	site := ir.Site{Delta: uint16(delta), K: uint8(n)}
	copy(site.Regs[:], dirty.guest[:])
	if site == (ir.Site{}) {
		g.exit(0, 0, uint32(code))
		return
	}
	g.siteList = append(g.siteList, site)
	g.retCode(uint32(code) | uint32(g.siteBase+len(g.siteList))<<8)
}

// retCode emits MOV EAX, code; RET.
func (g *gen) retCode(code uint32) {
	b := g.a.window()
	b[0] = 0xB8
	binary.LittleEndian.PutUint32(b[1:], code)
	b[5] = 0xC3
	g.a.B = g.a.B[:len(g.a.B)+6]
}

// exit emits: pc += delta, mcycle += n, return code. The register cache
// must have been written back.
func (g *gen) exit(delta uint64, n int, code uint32) {
	if delta != 0 {
		g.a.AluRI(true, ADD, regPC, int32(delta))
	}
	if n != 0 {
		g.a.AluRI(true, ADD, regCycle, int32(n))
	}
	g.a.MovImm(RAX, uint64(code))
	g.a.Ret()
}

// stubAt records an out-of-line stub that the rel32 jumps at sites lead
// to (the first is st.site).
func (g *gen) stubAt(st stub, sites []int) {
	st.site = sites[0]
	st.alsoFrom = len(g.sites)
	g.sites = append(g.sites, sites[1:]...)
	st.alsoTo = len(g.sites)
	g.stubs = append(g.stubs, st)
}

// jumpTo continues at page offset target (pc already advanced to it and
// mcycle counted): a patchable jump when the target is in this page, an
// exit otherwise.
func (g *gen) jumpTo(target uint64) {
	if target > 0xFFC { // beyond the page (or before it: the offset wrapped)
		g.dispatch()
		return
	}
	site := g.a.Jmp()
	idx := g.chainBase + len(g.chains)
	g.chains = append(g.chains, ir.Chain{Site: site, Target: target})
	g.stubs = append(g.stubs, stub{kind: stubChain, site: site, k: idx})
}

// Translate emits a block. The code it returns is valid until the next
// call.
func (be *Backend) Translate(b *ir.Block, chainBase, siteBase int) (*ir.Code, error) {
	if len(b.Insns) == 0 && b.End != ir.EndUnsupported && b.End != ir.EndPage {
		return nil, fmt.Errorf("amd64: empty block")
	}
	g := &be.g
	g.b, g.chainBase, g.siteBase = b, chainBase, siteBase
	g.a.B, g.stubs, g.chains, g.sites = g.a.B[:0], g.stubs[:0], g.chains[:0], g.sites[:0]
	g.siteList = g.siteList[:0]
	g.cache.reset()
	g.chain = memChain{}
	a := &g.a
	n := len(b.Insns)
	start := b.Offs
	var off0 uint64
	if n > 0 {
		off0 = start[0]
	} else {
		off0 = b.Next
	}
	// Budget: the whole block must end by the run's end.
	g.budgetCheck(n, stub{kind: stubBudget})
	g.loop = g.findLoop(off0)
	if g.loop.ok {
		g.pinLoopRegisters()
	}
	for k := range b.Insns {
		in := &b.Insns[k]
		delta := start[k] - off0
		if err := g.insn(in, k, delta, off0); err != nil {
			return nil, err
		}
	}
	g.cache.writeBack(g)
	switch b.End {
	case ir.EndUnsupported:
		g.exit(b.Next-off0, n, uint32(ir.ExitGeneral))
	case ir.EndPage, ir.EndCap:
		// (Past the page end jumpTo dispatches: the next page through the
		// code TLB, or an exit for an instruction that crosses it.)
		a.AluRI(true, ADD, regCycle, int32(n))
		a.AluRI(true, ADD, regPC, int32(b.Next-off0))
		g.jumpTo(b.Next)
	}
	g.emitStubs()
	g.code = ir.Code{Bytes: a.B, Chains: g.chains, Sites: g.siteList}
	if g.loop.ok {
		g.code.Align = loopAlign
	}
	return &g.code, nil
}

var branchCond = [isa.OpCount]Cond{
	isa.BEQ: CondE, isa.BNE: CondNE, isa.BLT: CondL, isa.BGE: CondGE, isa.BLTU: CondB, isa.BGEU: CondAE,
}

// insn emits instruction k (at delta bytes from the block start).
func (g *gen) insn(in *isa.Insn, k int, delta, off0 uint64) error {
	a := &g.a
	rd, rs1, rs2 := in.Rd&31, in.Rs1&31, in.Rs2&31
	if g.chain.ok && g.chain.k != k-1 {
		g.chain.ok = false // only consecutive accesses chain
	}
	imm := int32(int64(in.Imm))
	n := len(g.b.Insns)
	// The ALU forms work on the cached host registers in place (rd = rs1
	// op operand: at most a MOV and the operation) and go through RAX only
	// where an operand is x0 or rd is rs2 alone.
	aluI := func(w bool, op AluOp) {
		if rd == 0 {
			return
		}
		if rs1 == 0 { // x0 op imm is a constant (LI is ADDI rd, x0, imm)
			v := uint64(int64(imm)) // 0 + imm, 0 | imm, 0 ^ imm
			if op == AND {
				v = 0
			}
			if !w {
				v = uint64(int64(int32(v)))
			}
			g.a.MovImm(g.cache.def(g, rd), v)
			return
		}
		dst := g.inPlace(rd, rs1)
		if imm != 0 || op == AND {
			a.AluRI(w, op, dst, imm)
		}
		if !w {
			a.Movsxd(dst, dst)
		}
	}
	aluR := func(w bool, op AluOp) {
		if rd == 0 {
			return
		}
		// With an x0 operand the commutative forms copy the other (MV is
		// ADD rd, x0, rs2), AND gives 0, and x - 0 is x.
		if rs1 == 0 && op != SUB || rs2 == 0 {
			other := rs1 | rs2 // the one that is not x0 (or x0)
			if op == AND || other == 0 {
				a.MovImm(g.cache.def(g, rd), 0)
				return
			}
			src := g.cache.use(g, other)
			dst := g.cache.def(g, rd)
			if w {
				if dst != src {
					a.MovRR(dst, src)
				}
			} else {
				a.Movsxd(dst, src)
			}
			return
		}
		if rs1 != 0 && rs2 != 0 && (rd != rs2 || rs1 == rs2) {
			src2 := g.cache.use(g, rs2)
			dst := g.inPlace(rd, rs1)
			a.AluRR(w, op, dst, src2)
			if !w {
				a.Movsxd(dst, dst)
			}
			return
		}
		g.load(RAX, rs1)
		g.aluGuest(w, op, RAX, rs2)
		if !w {
			a.Movsxd(RAX, RAX)
		}
		g.store(rd, RAX)
	}
	shiftI := func(w bool, op ShiftOp) {
		if rd == 0 {
			return
		}
		if rs1 != 0 {
			dst := g.inPlace(rd, rs1)
			if in.Imm != 0 {
				a.ShiftRI(w, op, dst, uint8(in.Imm))
			}
			if !w {
				a.Movsxd(dst, dst)
			}
			return
		}
		g.load(RAX, rs1)
		if in.Imm != 0 {
			a.ShiftRI(w, op, RAX, uint8(in.Imm))
		}
		if !w {
			a.Movsxd(RAX, RAX)
		}
		g.store(rd, RAX)
	}
	shiftR := func(w bool, op ShiftOp) {
		if rd == 0 {
			return
		}
		g.load(RCX, rs2)
		g.load(RAX, rs1)
		a.ShiftRCL(w, op, RAX)
		if !w {
			a.Movsxd(RAX, RAX)
		}
		g.store(rd, RAX)
	}
	setcc := func(c Cond, immForm bool) {
		if rd == 0 {
			return
		}
		g.load(RCX, rs1)
		if immForm {
			a.AluRI(true, CMP, RCX, imm)
		} else {
			g.aluGuest(true, CMP, RCX, rs2)
		}
		a.Setcc(c, RAX)
		a.Movzx8(RAX, RAX)
		g.store(rd, RAX)
	}
	unary := func(f func()) {
		if rd == 0 {
			return
		}
		g.load(RAX, rs1)
		f()
		g.store(rd, RAX)
	}
	switch in.Op {
	case isa.NOP:
	case isa.ADDI:
		aluI(true, ADD)
	case isa.XORI:
		aluI(true, XOR)
	case isa.ORI:
		aluI(true, OR)
	case isa.ANDI:
		aluI(true, AND)
	case isa.ADDIW:
		aluI(false, ADD)
	case isa.SLTI:
		setcc(CondL, true)
	case isa.SLTIU:
		setcc(CondB, true)
	case isa.SLLI:
		shiftI(true, SHL)
	case isa.SRLI:
		shiftI(true, SHR)
	case isa.SRAI:
		shiftI(true, SAR)
	case isa.SLLIW:
		shiftI(false, SHL)
	case isa.SRLIW:
		shiftI(false, SHR)
	case isa.SRAIW:
		shiftI(false, SAR)
	case isa.ADD:
		aluR(true, ADD)
	case isa.SUB:
		aluR(true, SUB)
	case isa.AND:
		aluR(true, AND)
	case isa.OR:
		aluR(true, OR)
	case isa.XOR:
		aluR(true, XOR)
	case isa.ADDW:
		aluR(false, ADD)
	case isa.SUBW:
		aluR(false, SUB)
	case isa.SLL:
		shiftR(true, SHL)
	case isa.SRL:
		shiftR(true, SHR)
	case isa.SRA:
		shiftR(true, SAR)
	case isa.SLLW:
		shiftR(false, SHL)
	case isa.SRLW:
		shiftR(false, SHR)
	case isa.SRAW:
		shiftR(false, SAR)
	case isa.SLT:
		setcc(CondL, false)
	case isa.SLTU:
		setcc(CondB, false)
	case isa.MUL, isa.MULW:
		if rd == 0 {
			break
		}
		w := in.Op == isa.MUL
		if rs1 != 0 && rs2 != 0 {
			// Multiplication commutes: rd may be either operand.
			if rd == rs2 {
				rs1, rs2 = rs2, rs1
			}
			src2 := g.cache.use(g, rs2)
			dst := g.inPlace(rd, rs1)
			a.Imul(w, dst, src2)
			if !w {
				a.Movsxd(dst, dst)
			}
			break
		}
		g.load(RAX, rs1)
		g.load(RCX, rs2)
		a.Imul(w, RAX, RCX)
		if !w {
			a.Movsxd(RAX, RAX)
		}
		g.store(rd, RAX)
	case isa.MULH, isa.MULHU:
		if rd == 0 {
			break
		}
		g.load(RAX, rs1)
		g.load(RCX, rs2)
		if in.Op == isa.MULH {
			a.ImulRDX(RCX)
		} else {
			a.MulRDX(RCX)
		}
		g.store(rd, RDX)
	case isa.SEXT_B:
		unary(func() { a.Movsx8(RAX, RAX) })
	case isa.SEXT_H:
		unary(func() { a.Movsx16(RAX, RAX) })
	case isa.ZEXT_H:
		unary(func() { a.Movzx16(RAX, RAX) })
	case isa.ZEXT_W:
		unary(func() { a.MovRR32(RAX, RAX) })
	case isa.LUI:
		if rd != 0 {
			a.MovImm(g.cache.def(g, rd), in.Imm)
		}
	case isa.AUIPC:
		if rd != 0 {
			// imm (32 bits, a multiple of 4096) plus the offset in the page
			// fits a displacement.
			a.Lea(g.cache.def(g, rd), M(regPC, int32(int64(in.Imm)+int64(delta))))
		}
	case isa.LB, isa.LH, isa.LW, isa.LD, isa.LBU, isa.LHU, isa.LWU,
		isa.SB, isa.SH, isa.SW, isa.SD:
		g.memory(in, k, delta)
	case isa.BEQ, isa.BNE, isa.BLT, isa.BGE, isa.BLTU, isa.BGEU:
		if rs1 != 0 {
			g.aluGuest(true, CMP, g.cache.use(g, rs1), rs2)
		} else {
			g.load(RAX, rs1)
			g.aluGuest(true, CMP, RAX, rs2)
		}
		if g.loop.ok && k == n-1 {
			g.loopBranch(branchCond[in.Op], n, delta, uint64(in.Size), off0)
			break
		}
		g.cache.writeBack(g)                   // MOVs leave the flags alone
		a.Lea(regCycle, M(regCycle, int32(n))) // and so does LEA
		taken := a.Jcc(branchCond[in.Op])
		a.Lea(regPC, M(regPC, int32(delta+uint64(in.Size))))
		g.jumpTo(off0 + delta + uint64(in.Size))
		a.Patch(taken, a.Here())
		a.Lea(regPC, M(regPC, int32(int64(delta)+int64(in.Imm))))
		g.jumpTo(off0 + delta + in.Imm)
	case isa.JAL:
		if rd != 0 {
			a.Lea(RAX, M(regPC, int32(delta+uint64(in.Size))))
			g.store(rd, RAX)
		}
		g.cache.writeBack(g)
		a.Lea(regCycle, M(regCycle, int32(n)))
		a.Lea(regPC, M(regPC, int32(int64(delta)+int64(in.Imm))))
		g.jumpTo(off0 + delta + in.Imm)
	case isa.JALR:
		g.load(RCX, rs1)
		if imm != 0 {
			a.AluRI(true, ADD, RCX, imm)
		}
		a.AluRI(true, AND, RCX, -2)
		if rd != 0 {
			a.Lea(RAX, M(regPC, int32(delta+uint64(in.Size))))
			g.store(rd, RAX)
		}
		g.cache.writeBack(g)
		a.Lea(regCycle, M(regCycle, int32(n)))
		g.jumpIndirect()
	case isa.AMO:
		g.amo(g.b.Raw[k], k, delta)
	case isa.DIV, isa.DIVU, isa.REM, isa.REMU, isa.DIVW, isa.DIVUW, isa.REMW, isa.REMUW:
		g.divide(in.Op, rd, rs1, rs2)
	case isa.MULHSU:
		g.mulhsu(rd, rs1, rs2)
	case isa.SYSTEM:
		g.system(g.b.Raw[k], k, delta)
	case isa.FP:
		// FP code uses RAX, RCX, RDX and XMM0-2 only, so cached registers
		// stay cached across it. Its guards' exit writes back what was
		// changed before the instruction; in a loop nothing is evicted (the
		// registers are pinned), elsewhere the cache is written back first
		// so that an eviction inside the instruction cannot make that set
		// stale.
		if !g.loop.ok {
			g.cache.writeBack(g)
		}
		return g.fp(g.b.Raw[k], k, delta)
	default:
		return fmt.Errorf("amd64: %v not supported", in.Op)
	}
	return nil
}

// memory emits an integer load or store.
func (g *gen) memory(in *isa.Insn, k int, delta uint64) error {
	a := &g.a
	var size uint64
	store := false
	switch in.Op {
	case isa.LB, isa.LBU:
		size = 1
	case isa.LH, isa.LHU:
		size = 2
	case isa.LW, isa.LWU:
		size = 4
	case isa.LD:
		size = 8
	case isa.SB:
		size, store = 1, true
	case isa.SH:
		size, store = 2, true
	case isa.SW:
		size, store = 4, true
	case isa.SD:
		size, store = 8, true
	}
	rs1, imm := in.Rs1&31, int32(int64(in.Imm))
	var m Mem
	if c := &g.chain; c.ok && c.base == rs1 && c.store == store && !(store && in.Rs2&31 == 0) {
		// The same page as the chain's first access if its offset plus the
		// difference stays inside, aligned; otherwise Go makes the access.
		a.Lea(RCX, M(RAX, imm-c.off))
		a.AluRI(false, CMP, RCX, int32(0x1000-size))
		sites := [2]int{a.Jcc(CondA)}
		n := 1
		if size > 1 {
			a.TestRI32(RCX, uint32(size-1))
			sites[1], n = a.Jcc(CondNE), 2
		}
		g.stubAt(stub{kind: stubMemory, delta: delta, k: k, dirty: g.cache.snapshot()}, sites[:n])
		m = MI(RDX, RCX, 1, 0)
		c.k = k
	} else {
		direct := !store && g.loop.ok
		m = g.hostAddressHow(rs1, imm, size, store, direct, k, delta)
		// (The direct form leaves the host address in RAX: no chain.)
		g.chain = memChain{ok: !direct && rs1 != 0, base: rs1, off: imm, store: store, k: k}
	}
	if !store && in.Rd&31 == rs1 {
		g.chain.ok = false // the base changes
	}
	if store {
		// The value straight from rs2's host register (making room for it
		// leaves RAX and RDX, the address, alone).
		src := RCX
		if in.Rs2&31 != 0 {
			src = g.cache.use(g, in.Rs2&31)
		} else {
			g.load(RCX, 0)
		}
		switch size {
		case 1:
			a.MovStore8(m, src)
		case 2:
			a.MovStore16(m, src)
		case 4:
			a.MovStore32(m, src)
		case 8:
			a.MovStore64(m, src)
		}
		return nil
	}
	// The value goes straight to rd's host register (a register written
	// back to make room leaves RAX and RDX, the address, alone).
	dst := RCX
	if in.Rd&31 != 0 {
		dst = g.cache.def(g, in.Rd&31)
	}
	switch in.Op {
	case isa.LB:
		a.Load8S(dst, m)
	case isa.LBU:
		a.Load8(dst, m)
	case isa.LH:
		a.Load16S(dst, m)
	case isa.LHU:
		a.Load16(dst, m)
	case isa.LW:
		a.Load32S(dst, m)
	case isa.LWU:
		a.Load32(dst, m)
	case isa.LD:
		a.MovLoad64(dst, m)
	}
	return nil
}

// tlbKey emits what a TLB lookup of a size-byte access at guest register
// rs1 + imm compares: RAX = the address, RCX = its slot's byte offset in a
// set, RDX = the address with the page offset cleared but for the
// alignment bits (so a misaligned access never matches a slot's page).
func (g *gen) tlbKey(rs1 uint8, imm int32, size uint64) {
	g.tlbAddress(rs1, imm)
	tlbKeyFixed(&g.a, size)
}

// tlbAddress emits RAX = guest register rs1 + imm.
func (g *gen) tlbAddress(rs1 uint8, imm int32) {
	if rs1&31 == 0 {
		g.a.MovImm(RAX, uint64(int64(imm)))
	} else {
		g.a.Lea(RAX, M(g.cache.use(g, rs1&31), imm))
	}
}

// tlbKeyFixed is tlbKey after the address.
func tlbKeyFixed(a *Asm, size uint64) {
	// The slot's byte offset, ((vaddr >> 12) & 255) * 32, in three steps.
	a.MovRR32(RCX, RAX)
	a.ShiftRI(false, SHR, RCX, 12-5)
	a.AluRI(false, AND, RCX, 255<<5)
	a.MovRR(RDX, RAX)
	a.AluRI(true, AND, RDX, int32(^uint32(0xFFF&^(size-1))))
}

// hostAddress emits the inline TLB lookup of a size-byte access at guest
// register rs1 + imm (read TLB, or write TLB for a store) and returns the
// host memory operand of the access ([RAX] or [RDX+RAX]; RCX is free
// again). A miss, including a misaligned address (its low bits fail the page
// compare), exits with ExitMemory, pc at the instruction (delta bytes into
// the block) and mcycle counting the k instructions before it.
func (g *gen) hostAddress(rs1 uint8, imm int32, size uint64, store bool, k int, delta uint64) Mem {
	return g.hostAddressHow(rs1, imm, size, store, !store && g.loop.ok, k, delta)
}

// hostAddressHow is hostAddress; direct asks for the one-to-one fast path
// below. It shortens a load's latency but costs two instructions, so
// hostAddress asks for it for integer loads in loops only, where a value
// loaded in one pass feeds the next (crc32: 222 -> 140 ms); elsewhere the
// extra instructions cost more than the latency saves (fib, bytecode and
// the memory loop ran 5-15 % slower with it everywhere).
func (g *gen) hostAddressHow(rs1 uint8, imm int32, size uint64, store, direct bool, k int, delta uint64) Mem {
	a := &g.a
	if !direct {
		// The common form, from a template: the address, then the fixed
		// sequence of tlbKey, the compare and the hit.
		g.tlbAddress(rs1, imm)
		t := &lookupTemplates[sizeIndex(size)][b2i(store)]
		at := a.Here()
		a.B = append(a.B, t.code...)
		g.stubs = append(g.stubs, stub{kind: stubMemory, site: at + t.miss, delta: delta, k: k,
			dirty: g.cache.snapshot(), refill: true, store: store, retry: at + t.retry})
		return MI(RDX, RAX, 1, 0)
	}
	g.tlbKey(rs1, imm, size)
	hot := regHotR
	if store {
		hot = regHotW
	}
	retry := a.Here()
	a.AluRM(true, CMP, RDX, MI(hot, RCX, 1, 0))
	g.stubs = append(g.stubs, stub{kind: stubMemory, site: a.Jcc(CondNE), delta: delta, k: k,
		dirty: g.cache.snapshot(), refill: true, store: store, retry: retry})
	// Direct: where the slot maps the page to RAM one to one (host = page
	// + RAM's host - RAM's start: M-mode or satp Bare), the access uses
	// vaddr + that delta, which depends on neither of the slot's loads, so
	// a load does not wait for the host address to come from the TLB; the
	// compare checks the slot says the same. Other hits (paging) take an
	// out-of-line path that adds the slot's host page instead.
	a.AluRM(true, ADD, RDX, M(regCtx, ctxRAMDelta))
	a.AluRM(true, CMP, RDX, MI(hot, RCX, 1, 8))
	slow := a.Jcc(CondNE)
	a.AluRM(true, ADD, RAX, M(regCtx, ctxRAMDelta))
	g.stubs = append(g.stubs, stub{kind: stubSlowHit, site: slow, store: store, retry: a.Here()})
	return M(RAX, 0)
}

// lookupTemplate is the code hostAddress emits after the address for an
// access of one size and kind (tlbKeyFixed, the compare with its jump to the
// miss stub, the hit), assembled once: miss is the offset of the jump's
// rel32 and retry that of the compare.
type lookupTemplate struct {
	code        []byte
	miss, retry int
}

// lookupTemplates[sizeIndex(size)][store].
var lookupTemplates = func() (ts [4][2]lookupTemplate) {
	for si, size := range []uint64{1, 2, 4, 8} {
		for st, hot := range []Reg{regHotR, regHotW} {
			var a Asm
			tlbKeyFixed(&a, size)
			t := &ts[si][st]
			t.retry = a.Here()
			a.AluRM(true, CMP, RDX, MI(hot, RCX, 1, 0))
			t.miss = a.Jcc(CondNE)
			a.MovLoad64(RDX, MI(hot, RCX, 1, 8))
			a.AluRI(false, AND, RAX, 0xFFF)
			t.code = a.B
		}
	}
	return ts
}()

func sizeIndex(size uint64) int { return [9]int{1: 0, 2: 1, 4: 2, 8: 3}[size] }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// jumpIndirect continues at the pc in RCX (mcycle already counted). A
// target in the block's own page is looked up in the page's block table
// directly: the interpreter makes no code-TLB access for a jump within its
// fetch page, and the page's slot cannot have left the code TLB since the
// block was entered (only fetches fill that set, and whatever flushes it
// ends a block first). Anything else goes through dispatch.
func (g *gen) jumpIndirect() {
	a := &g.a
	if g.b.Table == 0 {
		a.MovRR(regPC, RCX)
		g.dispatch()
		return
	}
	a.MovRR(RDX, regPC)
	a.AluRR(true, XOR, RDX, RCX)
	a.MovRR(regPC, RCX)
	a.AluRI(true, CMP, RDX, 0xFFF)
	other := a.Jcc(CondA) // another page
	a.AluRI(false, AND, RCX, 0xFFF)
	a.AluRI(false, CMP, RCX, 0xFFC)
	tooFar := a.Jcc(CondA) // an instruction that may cross the page end
	a.MovImm(RDX, uint64(g.b.Table))
	a.MovLoad64(RAX, MI(RDX, RCX, 4, 0))
	a.Test(RAX, RAX)
	none := a.Jcc(CondE)
	a.JmpR(RAX)
	a.Patch(other, a.Here())
	a.Patch(tooFar, a.Here())
	a.Patch(none, a.Here())
	g.dispatch()
}

// dispatch continues at the pc in regPC wherever it is: through the code
// TLB to the target page's block table (the engine's table of RAM pages,
// Context.Tables), and into the block if there is one; otherwise it returns
// ExitFetch. A code-TLB miss is filled by the exec refill routine exactly as
// the interpreter's fetch would fill it (where it cannot, Go's fetch does),
// when the interpreter would fetch: before the run's end. A hit changes
// nothing either way.
func (g *gen) dispatch() {
	a := &g.a
	const codeSet = -tlbSetBytes // the code set lies just before the read set
	a.MovRR(RCX, regPC)
	a.ShiftRI(true, SHR, RCX, 12)
	a.AluRI(false, AND, RCX, 255)
	a.ShiftRI(false, SHL, RCX, 5)
	a.MovRR(RDX, regPC)
	a.AluRI(true, AND, RDX, -4096)
	retry := a.Here()
	a.AluRM(true, CMP, RDX, MI(regHotR, RCX, 1, codeSet))
	miss := a.Jcc(CondNE)
	// The table of the slot's host page, if the page is RAM's.
	a.MovLoad64(RDX, MI(regHotR, RCX, 1, codeSet+8))
	a.AluRM(true, SUB, RDX, M(regCtx, ctxRAMHost))
	a.ShiftRI(true, SHR, RDX, 12)
	a.AluRM(true, CMP, RDX, M(regCtx, ctxTablePages))
	j1 := a.Jcc(CondAE)
	a.MovLoad64(RAX, M(regCtx, ctxTables))
	a.MovLoad64(RDX, MI(RAX, RDX, 8, 0))
	a.Test(RDX, RDX)
	j2 := a.Jcc(CondE)
	a.MovRR32(RAX, regPC)
	a.AluRI(false, AND, RAX, 0xFFF)
	a.AluRI(false, CMP, RAX, 0xFFC)
	j3 := a.Jcc(CondA)
	a.MovLoad64(RAX, MI(RDX, RAX, 4, 0))
	a.Test(RAX, RAX)
	j4 := a.Jcc(CondE)
	a.JmpR(RAX)
	// A miss: fill the slot (RAX = pc, RCX, RDX as the compare has them),
	// but only if the interpreter would fetch there now: before the run's
	// end (at the end of a tick it may take an interrupt instead).
	a.Patch(miss, a.Here())
	a.AluRM(true, CMP, regCycle, M(regCtx, ctxEnd))
	j5 := a.Jcc(CondAE)
	a.MovRR(RAX, regPC)
	a.CallMem(M(regCtx, ctxRefillExec))
	a.Patch(a.Jcc(CondE), retry)
	for _, j := range []int{j1, j2, j3, j4, j5} {
		a.Patch(j, a.Here())
	}
	a.MovImm(RAX, uint64(ir.ExitFetch))
	a.Ret()
}

// ExitStub returns MOV EAX, code; RET.
func (*Backend) ExitStub(code ir.ExitCode) []byte {
	var a Asm
	a.MovImm(RAX, uint64(code))
	a.Ret()
	return a.B
}

// PatchJump points the rel32 at site (in buf, whose first byte executes at
// codeAddr) to targetAddr.
func (*Backend) PatchJump(buf []byte, site int, codeAddr, targetAddr uintptr) {
	rel := int64(targetAddr) - int64(codeAddr+uintptr(site)+4)
	binary.LittleEndian.PutUint32(buf[site:], uint32(int32(rel)))
}

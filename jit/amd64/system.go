package amd64

import (
	"github.com/rivetvm/rivet/emu/isa"
)

// System instructions translated inline: the CSR instructions on the CSRs
// that are plain storage (the trap CSRs mscratch, mepc, mcause, mtval and
// their S-mode twins; reads of mtvec, stvec, mstatus and mcycle), and ECALL
// and MRET where they keep the privilege at M. A trap handler's round trip
// then stays in generated code instead of exiting to Go for every
// instruction.
//
// Each one does exactly what the interpreter's execSystem does, and only in
// the cases where that is simple; in every other case (a privilege too low
// for the CSR, ECALL below M-mode, MRET to a lower privilege or with an
// interrupt that may become deliverable) generated code exits with
// ExitGeneral, the instruction unexecuted, and the interpreter executes it.

// Shadow offsets of the registers these instructions touch (checked against
// emu.Shadow in the tests).
const (
	shadowMtvec         = 0x228
	shadowMscratch      = 0x230
	shadowMepc          = 0x238
	shadowMcause        = 0x240
	shadowMtval         = 0x248
	shadowMie           = 0x258
	shadowMip           = 0x260
	shadowStvec         = 0x2A0
	shadowSscratch      = 0x2A8
	shadowSepc          = 0x2B0
	shadowScause        = 0x2B8
	shadowStval         = 0x2C0
	shadowIcycleinstret = 0x2E8
)

// mstatus fields (emu/consts.go).
const (
	mstatusMIE   = 1 << 3
	mstatusMPIE  = 1 << 7
	mstatusMPP   = 3 << 11
	mstatusSD    = uint64(1) << 63
	mstatusRMask = uint64(1<<1 | 1<<3 | 1<<5 | 1<<6 | 1<<7 | 1<<8 | 3<<9 | 3<<11 | 3<<13 | 1<<17 | 1<<18 |
		1<<19 | 1<<20 | 1<<21 | 1<<22 | 3<<32 | 3<<34 | 1<<36 | 1<<37 | 1<<63)
	prvM        = 3
	causeEcallM = 11
)

const (
	wordECALL = 0x00000073
	wordMRET  = 0x30200073
)

// plainCSR describes a CSR translated inline.
type plainCSR struct {
	offset   int32
	epc      bool // reads and writes clear bit 0 (warlEpc)
	tvec     bool // reads clear bits 1..0 (warlTvec)
	readOnly bool // translated only when the instruction does not write it
	mstatus  bool // reads legalise the value as warlMstatus does
	mcycle   bool // reads give the instruction's mcycle
}

var plainCSRs = map[uint32]plainCSR{
	0x340: {offset: shadowMscratch},
	0x341: {offset: shadowMepc, epc: true},
	0x342: {offset: shadowMcause},
	0x343: {offset: shadowMtval},
	0x140: {offset: shadowSscratch},
	0x141: {offset: shadowSepc, epc: true},
	0x142: {offset: shadowScause},
	0x143: {offset: shadowStval},
	0x305: {offset: shadowMtvec, tvec: true, readOnly: true},
	0x105: {offset: shadowStvec, tvec: true, readOnly: true},
	0x300: {offset: shadowMstatus, mstatus: true, readOnly: true},
	0xB00: {mcycle: true, readOnly: true},
}

// csrWrites reports whether a CSR instruction writes its CSR: CSRRW(I)
// always, CSRRS(I)/CSRRC(I) unless the rs1 field is 0.
func csrWrites(raw uint32) bool {
	funct3 := (raw >> 12) & 7
	return funct3 == 1 || funct3 == 5 || (raw>>15)&31 != 0
}

// supportedSystem reports whether a SYSTEM instruction is translated.
func supportedSystem(raw uint32) bool {
	switch raw {
	case wordECALL, wordMRET:
		return true
	}
	funct3 := (raw >> 12) & 7
	if funct3 == 0 || funct3 == 4 {
		return false
	}
	if raw>>20 == csrSstatus {
		return true
	}
	c, ok := plainCSRs[raw>>20]
	return ok && !(c.readOnly && csrWrites(raw))
}

// EndsBlock reports whether an instruction ends a block by transferring
// control: a branch or jump, or a translated ECALL or MRET.
func (*Backend) EndsBlock(in *isa.Insn, raw uint32) bool {
	if in.Op == isa.SYSTEM {
		return raw == wordECALL || raw == wordMRET
	}
	return IsBranch(in.Op)
}

// system emits a translated SYSTEM instruction, instruction k of the block
// at delta bytes from its start.
func (g *gen) system(raw uint32, k int, delta uint64) {
	switch raw {
	case wordECALL:
		g.ecall(k, delta)
		return
	case wordMRET:
		g.mret(k, delta)
		return
	}
	a := &g.a
	csr := raw >> 20
	if csr == csrSstatus {
		g.sstatus(raw, k, delta)
		return
	}
	c := plainCSRs[csr]
	funct3 := (raw >> 12) & 7
	rd, rs1 := uint8((raw>>7)&31), uint8((raw>>15)&31)
	if level := int32(csr>>8) & 3; level != 0 {
		// Reads and writes need the CSR's privilege: below it, the
		// interpreter raises the illegal-instruction exception.
		a.AluMI(true, CMP, M(regX, shadowIprv), level)
		g.generalExit(a.Jcc(CondB), k, delta)
	}
	// The operand (rs1's value or the immediate) in RCX, before rd changes.
	writes := csrWrites(raw)
	if writes && funct3 < 4 {
		g.load(RCX, rs1)
	}
	// The old value in RAX, where the instruction reads it (CSRRW with rd
	// = x0 does not).
	if rd != 0 || funct3 != 1 && funct3 != 5 {
		switch {
		case c.mcycle:
			a.Lea(RAX, M(regCycle, int32(k)))
		case c.mstatus:
			a.MovLoad64(RAX, M(regX, c.offset))
			g.legalMstatus(RAX)
		default:
			a.MovLoad64(RAX, M(regX, c.offset))
			if c.epc {
				a.AluRI(true, AND, RAX, -2)
			} else if c.tvec {
				a.AluRI(true, AND, RAX, -4)
			}
		}
	}
	if writes {
		// The new value in RDX.
		switch funct3 {
		case 1: // CSRRW
			a.MovRR(RDX, RCX)
		case 5: // CSRRWI
			a.MovImm(RDX, uint64(rs1))
		case 2: // CSRRS
			a.MovRR(RDX, RAX)
			a.AluRR(true, OR, RDX, RCX)
		case 3: // CSRRC
			a.Not(RCX)
			a.MovRR(RDX, RAX)
			a.AluRR(true, AND, RDX, RCX)
		case 6: // CSRRSI
			a.MovRR(RDX, RAX)
			a.AluRI(true, OR, RDX, int32(rs1))
		case 7: // CSRRCI: the reference complements the immediate in 32 bits
			a.MovRR32(RDX, RAX) // (a 32-bit AND would do the same)
			a.AluRI(false, AND, RDX, int32(^uint32(rs1)))
		}
		if c.epc {
			a.AluRI(true, AND, RDX, -2)
		}
		a.MovStore64(M(regX, c.offset), RDX)
	}
	g.store(rd, RAX)
}

// sstatus and the mstatus bits it reads and writes (emu/consts.go).
const (
	csrSstatus   = 0x100
	mstatusSIE   = 1 << 1
	mstatusSUM   = 1 << 18
	mstatusMXR   = 1 << 19
	sstatusWMask = mstatusSIE | 1<<5 | 1<<8 | mstatusFS | mstatusSUM | mstatusMXR
	sstatusRMask = uint64(mstatusSIE | 1<<5 | 1<<6 | 1<<8 | 3<<9 | mstatusFS | 3<<15 | mstatusSUM | mstatusMXR |
		3<<32 | 1<<63)
)

// sstatus emits a CSR instruction on sstatus (the kernel masks and unmasks
// interrupts with them), as execSystem and writeMstatusCSR do it: the old
// value is mstatus legalised and seen through sstatus's read mask; a write
// changes mstatus's sstatus bits. Where the write changes SUM or MXR (which
// flush TLB sets) or FS (which the block's FP checks assume fixed), or
// changes SIE while an interrupt is pending and enabled (the interpreter
// looks for interrupts to take after it), the instruction is left to the
// interpreter; below S-mode it raises the illegal-instruction exception.
func (g *gen) sstatus(raw uint32, k int, delta uint64) {
	a := &g.a
	funct3 := (raw >> 12) & 7
	rd, rs1 := uint8((raw>>7)&31), uint8((raw>>15)&31)
	a.AluMI(true, CMP, M(regX, shadowIprv), 1) // PrvS
	g.generalExit(a.Jcc(CondB), k, delta)
	writes := csrWrites(raw)
	if writes && funct3 < 4 {
		g.load(RCX, rs1) // the operand, before rd changes
	}
	a.MovLoad64(RAX, M(regX, shadowMstatus))
	g.legalMstatus(RAX) // RAX: mstatus as it reads, all the way through
	if writes {
		// The new sstatus value in RDX, from the old one.
		a.MovImm(RDX, sstatusRMask)
		a.AluRR(true, AND, RDX, RAX)
		switch funct3 {
		case 1: // CSRRW
			a.MovRR(RDX, RCX)
		case 5: // CSRRWI
			a.MovImm(RDX, uint64(rs1))
		case 2: // CSRRS
			a.AluRR(true, OR, RDX, RCX)
		case 3: // CSRRC
			a.Not(RCX)
			a.AluRR(true, AND, RDX, RCX)
		case 6: // CSRRSI
			a.AluRI(true, OR, RDX, int32(rs1))
		case 7: // CSRRCI (bits 63..32 cleared too: outside the write mask)
			a.AluRI(false, AND, RDX, int32(^uint32(rs1)))
		}
		// mstatus with the writable sstatus bits replaced. With FS as it was
		// (checked below) the value is legal as it is: SD goes with FS.
		a.AluRI(true, AND, RDX, sstatusWMask)
		a.MovRR(RCX, RAX)
		a.AluRI(true, AND, RCX, ^int32(sstatusWMask))
		a.AluRR(true, OR, RDX, RCX)
		a.MovRR(RCX, RAX)
		a.AluRR(true, XOR, RCX, RDX) // the bits it changes
		a.TestRI32(RCX, mstatusSUM|mstatusMXR|mstatusFS)
		g.generalExit(a.Jcc(CondNE), k, delta)
		a.TestRI32(RCX, mstatusSIE)
		sieKept := a.Jcc(CondE)
		a.MovLoad64(RCX, M(regX, shadowMip))
		a.AluRM(true, AND, RCX, M(regX, shadowMie))
		g.generalExit(a.Jcc(CondNE), k, delta)
		a.Patch(sieKept, a.Here())
		a.MovStore64(M(regX, shadowMstatus), RDX)
	}
	if rd != 0 {
		a.MovImm(RCX, sstatusRMask)
		a.AluRR(true, AND, RAX, RCX)
		g.store(rd, RAX)
	}
}

// generalExit makes the jump at site exit with ExitGeneral at instruction
// k, unexecuted, the register cache written back.
func (g *gen) generalExit(site, k int, delta uint64) {
	g.stubs = append(g.stubs, stub{kind: stubGeneral, site: site, delta: delta, k: k, dirty: g.cache.snapshot()})
}

// legalMstatus turns the mstatus value in r into what mstatus reads as
// (warlMstatus): the readable bits only, MPP = 2 (reserved) read as 0, and
// SD set exactly when FS is not Off, which then reads as Dirty. RDX is
// scratch.
func (g *gen) legalMstatus(r Reg) {
	a := &g.a
	a.MovImm(RDX, mstatusRMask)
	a.AluRR(true, AND, r, RDX)
	a.MovRR32(RDX, r)
	a.AluRI(false, AND, RDX, mstatusMPP)
	a.AluRI(false, CMP, RDX, 2<<11)
	notHS := a.Jcc(CondNE)
	a.AluRI(true, AND, r, ^int32(mstatusMPP))
	a.Patch(notHS, a.Here())
	a.TestRI32(r, mstatusFS)
	off := a.Jcc(CondE)
	a.MovImm(RDX, uint64(mstatusFS)|mstatusSD)
	a.AluRR(true, OR, r, RDX)
	done := a.Jmp()
	a.Patch(off, a.Here())
	a.MovImm(RDX, ^mstatusSD)
	a.AluRR(true, AND, r, RDX)
	a.Patch(done, a.Here())
}

// ecall takes the environment-call exception from M-mode, as
// raiseException does (cause 11, never delegated, privilege unchanged),
// and continues at the handler; below M-mode the interpreter takes it.
func (g *gen) ecall(k int, delta uint64) {
	a := &g.a
	n := len(g.b.Insns)
	a.AluMI(true, CMP, M(regX, shadowIprv), prvM)
	g.generalExit(a.Jcc(CondNE), k, delta)
	g.cache.writeBack(g)
	a.AluMI(true, ADD, M(regX, shadowIcycleinstret), 1) // the ECALL does not retire
	a.MovStoreImm32(M(regX, shadowMcause), causeEcallM)
	a.Lea(RAX, M(regPC, int32(delta))) // pc is even: warlEpc keeps it
	a.MovStore64(M(regX, shadowMepc), RAX)
	a.MovStoreImm32(M(regX, shadowMtval), 0)
	// mstatus: MPIE = MIE, MPP = M, MIE = 0. The result is legal as it is.
	a.MovLoad64(RAX, M(regX, shadowMstatus))
	g.legalMstatus(RAX)
	g.storeMstatus(3, 7, mstatusMIE, mstatusMPP)
	g.jumpToCSR(shadowMtvec, -4, n) // warlTvec; exceptions go to the base
}

// storeMstatus stores the legal mstatus value in RAX with bit to set to its
// bit from, the bits of clear cleared and those of set set (clear and set
// apply after the copy). RCX is clobbered.
func (g *gen) storeMstatus(from, to uint8, clear, set int32) {
	a := &g.a
	a.MovRR(RCX, RAX)
	if to > from {
		a.ShiftRI(true, SHL, RCX, to-from)
	} else {
		a.ShiftRI(true, SHR, RCX, from-to)
	}
	a.AluRI(true, AND, RCX, 1<<to)
	a.AluRI(true, AND, RAX, ^int32(1<<to|clear))
	a.AluRI(true, OR, RAX, set)
	a.AluRR(true, OR, RAX, RCX)
	a.MovStore64(M(regX, shadowMstatus), RAX)
}

// jumpToCSR ends a block of n instructions with a jump to the address in
// the CSR at offset (ANDed with mask, as its WARL rule reads it).
func (g *gen) jumpToCSR(offset, mask int32, n int) {
	a := &g.a
	a.MovLoad64(regPC, M(regX, offset))
	a.AluRI(true, AND, regPC, mask)
	a.Lea(regCycle, M(regCycle, int32(n)))
	g.dispatch()
}

// mret returns from an M-mode trap handler to M-mode, as execSystem does.
// It is translated only where the privilege stays M (MPP = M) and no
// interrupt is both pending and enabled in mie (the interpreter looks for
// interrupts to take after an MRET; generated code leaves that case to it).
func (g *gen) mret(k int, delta uint64) {
	a := &g.a
	n := len(g.b.Insns)
	a.AluMI(true, CMP, M(regX, shadowIprv), prvM)
	g.generalExit(a.Jcc(CondNE), k, delta)
	a.MovLoad64(RAX, M(regX, shadowMip))
	a.AluRM(true, AND, RAX, M(regX, shadowMie))
	g.generalExit(a.Jcc(CondNE), k, delta)
	a.MovLoad64(RAX, M(regX, shadowMstatus))
	g.legalMstatus(RAX)
	a.MovRR32(RCX, RAX)
	a.AluRI(false, AND, RCX, mstatusMPP)
	a.AluRI(false, CMP, RCX, mstatusMPP)
	g.generalExit(a.Jcc(CondNE), k, delta)
	g.cache.writeBack(g)
	// MIE = MPIE, MPIE = 1, MPP = U; MPRV stays (MPP was M). Still legal.
	g.storeMstatus(7, 3, mstatusMPP, mstatusMPIE)
	g.jumpToCSR(shadowMepc, -2, n) // warlEpc
}

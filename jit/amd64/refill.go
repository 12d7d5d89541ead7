package amd64

// The read-TLB refill. A load that misses the read TLB normally exits to
// Go, whose slow path translates the address, finds its PMA and fills the
// slot. When translation is the identity (M-mode without MPRV to a lower
// mode, or satp's mode Bare) and the page is in RAM, that fill is fixed:
// the slot gets the page (vaddr_page = paddr_page, vp_offset 0, RAM's PMA
// index) in the shadow TLB and the host mirror, and the slot's live bit is
// set. The routine below does exactly that in place, so bare-metal code
// whose data thrashes the direct-mapped TLB does not leave generated code
// on every miss. Anything else (misaligned, paging on, outside RAM) fails
// and the load exits as before.
//
// The write-TLB refill does the same for stores, with the two things a
// write fill adds: the page of the slot it evicts is marked dirty in RAM's
// dirty-page set (an evicted slot outside RAM fails), and a page with
// decoded code, whose slot the interpreter poisons, fails too. Every check
// comes before the first write, so a failed refill changes nothing.
//
// Calling convention: CALL [R15+ctxRefillRead] with RAX = vaddr, RCX = the
// slot's byte offset in a TLB set, RDX = vaddr with the access's alignment
// bits kept (as the hit compare uses it). On success ZF = 1 and RDX = the
// page (the compare then hits); on failure ZF = 0. RAX and RCX are kept;
// nothing else is touched but the slot, its live bit (for a store, the dirty
// bits of the page it evicts) and a few stack slots.

// Shadow and Context offsets the routine uses (checked against emu.Shadow
// and Context in the tests and at compile time).
const (
	shadowIprv     = 0x218
	shadowSatp     = 0x2C8
	shadowReadTLB  = 0x1000 + 1*256*hotSlotSize // the cold read set
	mstatusMPRVBit = 17
	mstatusMPPLow  = 11
	satpModeShift  = 60

	ctxRefillRead = 64
	ctxRAMStart   = 72
	ctxRAMLength  = 80
	ctxRAMHost    = 88
	ctxRAMPMA     = 96
	ctxReadLive   = 104

	shadowWriteTLB     = 0x1000 + 2*256*hotSlotSize // the cold write set
	ctxRefillWrite     = 112
	ctxWriteLive       = 120
	ctxRAMCode         = 128
	ctxRAMDirty        = 136
	ctxRAMDirtySummary = 144
	ctxRAMDelta        = 152
	tlbInvalidPage     = -1 // a hot slot's vaddr_page when the slot is invalid
)

// setBit sets bit idx of the bit string whose address is at bitmap (a
// Context field), with plain loads and stores: BTS with a memory operand and
// a register bit offset is microcoded and was the costliest instruction of
// the refills. t1 and t2 are clobbered; idx is kept.
func setBit(a *Asm, bitmap Mem, idx, t1, t2 Reg) {
	a.MovRR(t1, idx)
	a.ShiftRI(true, SHR, t1, 6)
	a.MovLoad64(t2, bitmap)
	a.Lea(t2, MI(t2, t1, 8, 0))
	a.MovLoad64(t1, M(t2, 0))
	a.BtsRR(t1, idx)
	a.MovStore64(M(t2, 0), t1)
}

// identityCheck emits the checks both refills start with: the access is
// aligned (RDX keeps the alignment bits) and translation is the identity
// for a data access. It returns the jumps taken on failure. RDX is scratch.
func identityCheck(a *Asm) (fail []int) {
	a.TestRI32(RDX, 0xFFF)
	fail = append(fail, a.Jcc(CondNE))
	// The effective privilege of a data access.
	a.MovLoad64(RDX, M(regX, shadowMstatus))
	a.BtImm(RDX, mstatusMPRVBit)
	useIprv := a.Jcc(CondAE) // CF = 0: no MPRV
	a.ShiftRI(true, SHR, RDX, mstatusMPPLow)
	a.AluRI(false, AND, RDX, 3)
	havePrv := a.Jmp()
	a.Patch(useIprv, a.Here())
	a.MovLoad64(RDX, M(regX, shadowIprv))
	a.Patch(havePrv, a.Here())
	a.AluRI(false, CMP, RDX, 1) // PrvS
	identity := a.Jcc(CondA)    // M-mode: no translation
	a.MovLoad64(RDX, M(regX, shadowSatp))
	a.ShiftRI(true, SHR, RDX, satpModeShift)
	fail = append(fail, a.Jcc(CondNE)) // paging on (or a mode Go must see)
	a.Patch(identity, a.Here())
	return fail
}

// ReadRefill returns the routine's code (position-independent).
func (*Backend) ReadRefill() []byte {
	var a Asm
	fail, popFail := refillStart(&a)
	fillSlot(&a, regHotR, shadowReadTLB, ctxReadLive)
	refillReturn(&a, popFail, fail)
	return a.B
}

// WriteRefill returns the write-TLB refill routine (position-independent;
// the calling convention of ReadRefill).
func (*Backend) WriteRefill() []byte {
	var a Asm
	fail, popFail := refillStart(&a)
	// No decoded code in the page (RDX is its offset in RAM).
	a.ShiftRI(true, SHR, RDX, 12)
	a.MovLoad64(RDI, M(regCtx, ctxRAMCode))
	a.BtMem(M(RDI, 0), RDX)
	popFail = append(popFail, a.Jcc(CondB)) // CF = 1: code
	// The slot it evicts: invalid, or a RAM page, which is marked dirty.
	a.AluMI(true, CMP, MI(regHotW, RCX, 1, 0), tlbInvalidPage)
	fill := a.Jcc(CondE)
	a.MovLoad64(RDI, MI(regX, RCX, 1, shadowWriteTLB+16))
	a.AluRM(true, CMP, RDI, M(regCtx, ctxRAMPMA))
	popFail = append(popFail, a.Jcc(CondNE))
	// Checked: from here on it writes. The evicted page's index in RAM.
	a.MovLoad64(RDI, MI(regX, RCX, 1, shadowWriteTLB))
	a.AluRM(true, ADD, RDI, MI(regX, RCX, 1, shadowWriteTLB+8))
	a.AluRM(true, SUB, RDI, M(regCtx, ctxRAMStart))
	a.ShiftRI(true, SHR, RDI, 12)
	a.Push(R8)
	setBit(&a, M(regCtx, ctxRAMDirty), RDI, RDX, R8)
	a.ShiftRI(true, SHR, RDI, 6)
	setBit(&a, M(regCtx, ctxRAMDirtySummary), RDI, RDX, R8)
	a.Pop(R8)
	a.Patch(fill, a.Here())
	fillSlot(&a, regHotW, shadowWriteTLB, ctxWriteLive)
	refillReturn(&a, popFail, fail)
	return a.B
}

// refillStart emits the checks both refills start with (identityCheck),
// saves RAX and RDI, and checks that the page (then in RAX) lies in RAM,
// leaving its offset in RAM in RDX. It returns the jumps taken on failure
// before and after the registers were saved.
func refillStart(a *Asm) (fail, popFail []int) {
	fail = identityCheck(a)
	a.Push(RAX)
	a.Push(RDI)
	a.AluRI(true, AND, RAX, -4096) // RAX = the page
	a.MovRR(RDX, RAX)
	a.AluRM(true, SUB, RDX, M(regCtx, ctxRAMStart))
	a.AluRM(true, CMP, RDX, M(regCtx, ctxRAMLength))
	return fail, []int{a.Jcc(CondAE)}
}

// fillSlot fills the slot at byte offset RCX of a set with the RAM page in
// RAX, as the interpreter's fill does: the host mirror (vaddr_page, host,
// realPage 0, code nil), the shadow slot (vaddr_page, vp_offset 0, RAM's
// PMA index, zero) and the slot's live bit. RDX and RDI are clobbered.
func fillSlot(a *Asm, hot Reg, shadowSet int32, live int32) {
	a.MovRR(RDX, RAX)
	a.AluRM(true, SUB, RDX, M(regCtx, ctxRAMStart))
	a.AluRM(true, ADD, RDX, M(regCtx, ctxRAMHost))
	a.MovStore64(MI(hot, RCX, 1, 0), RAX)
	a.MovStore64(MI(hot, RCX, 1, 8), RDX)
	a.MovStoreImm32(MI(hot, RCX, 1, 16), 0)
	a.MovStoreImm32(MI(hot, RCX, 1, 24), 0)
	a.MovStore64(MI(regX, RCX, 1, shadowSet), RAX)
	a.MovStoreImm32(MI(regX, RCX, 1, shadowSet+8), 0)
	a.MovLoad64(RDX, M(regCtx, ctxRAMPMA))
	a.MovStore64(MI(regX, RCX, 1, shadowSet+16), RDX)
	a.MovStoreImm32(MI(regX, RCX, 1, shadowSet+24), 0)
	a.MovRR32(RDI, RCX)
	a.ShiftRI(false, SHR, RDI, 5)
	setBit(a, M(regCtx, live), RDI, RDX, RAX)
}

// refillReturn emits the routines' two ends: success (RAX and RDI restored,
// RDX = the page, ZF = 1) and failure (ZF = 0), reached from popFail with
// RAX and RDI still pushed and from fail before they were.
func refillReturn(a *Asm, popFail, fail []int) {
	a.Pop(RDI)
	a.Pop(RAX)
	a.MovRR(RDX, RAX)
	a.AluRI(true, AND, RDX, -4096)
	a.AluRR(true, CMP, RDX, RDX) // ZF = 1
	a.Ret()
	for _, j := range popFail {
		a.Patch(j, a.Here())
	}
	a.Pop(RDI)
	a.Pop(RAX)
	for _, j := range fail {
		a.Patch(j, a.Here())
	}
	a.Test(RSP, RSP) // ZF = 0 (RSP is never 0)
	a.Ret()
}

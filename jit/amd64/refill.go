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
// and the load exits as before. Write-TLB fills stay in Go: evicting a
// write slot marks its page dirty, and a page with decoded code must be
// poisoned.
//
// Calling convention: CALL [R15+ctxRefillRead] with RAX = vaddr, RCX = the
// slot's byte offset in a TLB set, RDX = vaddr with the access's alignment
// bits kept (as the hit compare uses it). On success ZF = 1 and RDX = the
// page (the compare then hits); on failure ZF = 0. RAX and RCX are kept;
// nothing else is touched but the slot, its live bit and one stack slot.

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
)

// ReadRefill returns the routine's code (position-independent).
func (*Backend) ReadRefill() []byte {
	var a Asm
	var fail []int
	// Misaligned: the hit compare keeps the alignment bits.
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
	// The page must lie in RAM.
	a.Push(RAX)
	a.AluRI(true, AND, RAX, -4096) // RAX = the page
	a.MovRR(RDX, RAX)
	a.AluRM(true, SUB, RDX, M(regCtx, ctxRAMStart))
	a.AluRM(true, CMP, RDX, M(regCtx, ctxRAMLength))
	outside := a.Jcc(CondAE)
	a.AluRM(true, ADD, RDX, M(regCtx, ctxRAMHost))
	// Host mirror: vaddr_page, host, realPage 0, code nil.
	a.MovStore64(MI(regHotR, RCX, 1, 0), RAX)
	a.MovStore64(MI(regHotR, RCX, 1, 8), RDX)
	a.MovStoreImm32(MI(regHotR, RCX, 1, 16), 0)
	a.MovStoreImm32(MI(regHotR, RCX, 1, 24), 0)
	// Shadow slot: vaddr_page, vp_offset 0, RAM's PMA index, zero.
	a.MovStore64(MI(regX, RCX, 1, shadowReadTLB), RAX)
	a.MovStoreImm32(MI(regX, RCX, 1, shadowReadTLB+8), 0)
	a.MovLoad64(RDX, M(regCtx, ctxRAMPMA))
	a.MovStore64(MI(regX, RCX, 1, shadowReadTLB+16), RDX)
	a.MovStoreImm32(MI(regX, RCX, 1, shadowReadTLB+24), 0)
	// The slot's live bit.
	a.MovRR32(RDX, RCX)
	a.ShiftRI(false, SHR, RDX, 5)
	a.MovLoad64(RAX, M(regCtx, ctxReadLive))
	a.BtsMem(M(RAX, 0), RDX)
	a.Pop(RAX)
	a.MovRR(RDX, RAX)
	a.AluRI(true, AND, RDX, -4096)
	a.AluRR(true, CMP, RDX, RDX) // ZF = 1
	a.Ret()
	a.Patch(outside, a.Here())
	a.Pop(RAX)
	for _, j := range fail {
		a.Patch(j, a.Here())
	}
	a.Test(RSP, RSP) // ZF = 0 (RSP is never 0)
	a.Ret()
	return a.B
}

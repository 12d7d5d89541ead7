package amd64

// The read-TLB refill. A load that misses the read TLB normally exits to
// Go, whose slow path translates the address, finds its PMA and fills the
// slot. Wherever the translation succeeds without side effects and lands in
// RAM, that fill is fixed: the slot gets the page (vaddr_page, vp_offset =
// paddr_page - vaddr_page, RAM's PMA index) in the shadow TLB and the host
// mirror, and the slot's live bit is set. The routine below does exactly
// that in place, so code whose data thrashes the direct-mapped TLB does not
// leave generated code on every miss. Translation is the identity in M-mode
// (after MPRV) and under satp Bare; under Sv39 and Sv48 the routine walks
// the page tables as the interpreter's translate does, and leaves to Go
// every walk that would fault or set a PTE's A or D bit (a write Go must
// make: it marks the table's page dirty and may drop decoded code), and
// PTEs outside RAM. Anything else (misaligned, another satp mode, a page
// outside RAM) fails and the load exits as before.
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
// bits of the page it evicts) and a few stack slots (the registers the walk
// borrows are saved there).

// Shadow and Context offsets the routine uses (checked against emu.Shadow
// and Context in the tests and at compile time).
const (
	shadowIprv     = 0x218
	shadowSatp     = 0x2C8
	shadowCodeTLB  = 0x1000 + 0*256*hotSlotSize // the cold code set
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
	ctxRefillExec      = 160
	ctxCodeLive        = 168
	ctxTables          = 176
	ctxTablePages      = 184
	tlbInvalidPage     = -1 // a hot slot's vaddr_page when the slot is invalid
)

// dataPrivilege emits the effective privilege of a data access into RDX,
// as the interpreter reads it: mstatus.MPP when MPRV is set (MPP = 2, which
// reads as 0, counted as U), else the current privilege.
func dataPrivilege(a *Asm) {
	a.MovLoad64(RDX, M(regX, shadowMstatus))
	a.BtImm(RDX, mstatusMPRVBit)
	useIprv := a.Jcc(CondAE) // CF = 0: no MPRV
	a.ShiftRI(true, SHR, RDX, mstatusMPPLow)
	a.AluRI(false, AND, RDX, 3)
	a.AluRI(false, CMP, RDX, 2)
	havePrv := a.Jcc(CondNE)
	a.AluRR(false, XOR, RDX, RDX) // MPP = 2 is WARL: it reads as U
	legalised := a.Jmp()
	a.Patch(useIprv, a.Here())
	a.MovLoad64(RDX, M(regX, shadowIprv))
	a.Patch(havePrv, a.Here())
	a.Patch(legalised, a.Here())
}

// ReadRefill returns the routine's code (position-independent).
func (*Backend) ReadRefill() []byte {
	var a Asm
	fail, popFail := refillStart(&a, accessRead)
	fillSlot(&a, M(regHotR, 0), shadowReadTLB, ctxReadLive)
	refillReturn(&a, popFail, fail)
	return a.B
}

// ExecRefill returns the code-TLB refill routine, which dispatch calls on a
// code-TLB miss (the calling convention of ReadRefill, RAX = pc). It fills
// the slot as the interpreter's fetch does, but for the slot's decoded
// page, which it leaves nil (Go finds it when it needs it): whatever has
// decoded code there already has its write slots poisoned, and nothing
// else needs any.
func (*Backend) ExecRefill() []byte {
	var a Asm
	fail, popFail := refillStart(&a, accessExec)
	fillSlot(&a, M(regHotR, -tlbSetBytes), shadowCodeTLB, ctxCodeLive)
	refillReturn(&a, popFail, fail)
	return a.B
}

// WriteRefill returns the write-TLB refill routine (position-independent;
// the calling convention of ReadRefill).
func (*Backend) WriteRefill() []byte {
	var a Asm
	fail, popFail := refillStart(&a, accessWrite)
	// No decoded code in the page (RDX is its offset in RAM, page-aligned:
	// the shift back restores it).
	a.ShiftRI(true, SHR, RDX, 12)
	a.MovLoad64(RDI, M(regCtx, ctxRAMCode))
	a.BtMem(M(RDI, 0), RDX)
	popFail = append(popFail, a.Jcc(CondB)) // CF = 1: code
	a.ShiftRI(true, SHL, RDX, 12)
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
	a.Push(RDX)
	a.Push(R8)
	setBit(&a, M(regCtx, ctxRAMDirty), RDI, RDX, R8)
	a.ShiftRI(true, SHR, RDI, 6)
	setBit(&a, M(regCtx, ctxRAMDirtySummary), RDI, RDX, R8)
	a.Pop(R8)
	a.Pop(RDX)
	a.Patch(fill, a.Here())
	fillSlot(&a, M(regHotW, 0), shadowWriteTLB, ctxWriteLive)
	refillReturn(&a, popFail, fail)
	return a.B
}

// refillStart emits what both refills start with: the access must be
// aligned (RDX keeps the alignment bits), the address is translated as the
// interpreter would for a data access (write: a store), and the physical
// page must lie in RAM. It saves RAX and RDI and leaves RAX = the virtual
// page, RDX = the physical page's offset in RAM. Translation is the identity
// in M-mode (after MPRV) and under satp Bare; under Sv39 and Sv48 the page
// tables are walked (walk). It returns the jumps taken on failure before and
// after the registers were saved.
func refillStart(a *Asm, acc access) (fail, popFail []int) {
	a.TestRI32(RDX, 0xFFF)
	fail = append(fail, a.Jcc(CondNE))
	if acc == accessExec {
		a.MovLoad64(RDX, M(regX, shadowIprv)) // fetches ignore MPRV
	} else {
		dataPrivilege(a)
	}
	a.Push(RAX)
	a.Push(RDI)
	a.AluRI(false, CMP, RDX, 1) // PrvS
	identity := a.Jcc(CondA)    // M-mode: no translation
	a.MovLoad64(RDI, M(regX, shadowSatp))
	a.ShiftRI(true, SHR, RDI, satpModeShift)
	bare := a.Jcc(CondE)
	// Paging: the walk needs four more registers.
	for _, r := range walkSaved {
		a.Push(r)
	}
	a.MovRR(R10, RDX) // the privilege
	a.MovLoad64(R11, M(regX, shadowMstatus))
	var walkFail []int
	a.AluRI(false, CMP, RDI, satpModeSv39)
	sv39 := a.Jcc(CondE)
	a.AluRI(false, CMP, RDI, satpModeSv48)
	walkFail = append(walkFail, a.Jcc(CondNE)) // a mode Go must see
	walkFail = walk(a, 4, acc, walkFail)
	translated := a.Jmp()
	a.Patch(sv39, a.Here())
	walkFail = walk(a, 3, acc, walkFail)
	a.Patch(translated, a.Here())
	for i := len(walkSaved) - 1; i >= 0; i-- {
		a.Pop(walkSaved[i])
	}
	a.AluRI(true, AND, RAX, -4096)
	inRAM := a.Jmp()
	for _, j := range walkFail {
		a.Patch(j, a.Here())
	}
	for i := len(walkSaved) - 1; i >= 0; i-- {
		a.Pop(walkSaved[i])
	}
	popFail = append(popFail, a.Jmp())
	// The identity: the physical page is the virtual one.
	a.Patch(identity, a.Here())
	a.Patch(bare, a.Here())
	a.AluRI(true, AND, RAX, -4096) // RAX = the page
	a.MovRR(RDX, RAX)
	a.Patch(inRAM, a.Here())
	a.AluRM(true, SUB, RDX, M(regCtx, ctxRAMStart))
	a.AluRM(true, CMP, RDX, M(regCtx, ctxRAMLength))
	popFail = append(popFail, a.Jcc(CondAE))
	return fail, popFail
}

// access is what a refill fills for: a load, a store or a fetch (the
// interpreter's accessRead, accessWrite and accessExec).
type access uint8

const (
	accessRead access = iota
	accessWrite
	accessExec
)

// walkSaved are the registers a page walk uses besides RDX and RDI (the
// guest pc and cached guest registers: saved around it).
var walkSaved = [...]Reg{R8, R9, R10, R11}

// PTE and mstatus bits the walk tests (emu/consts.go).
const (
	satpModeSv39  = 8
	satpModeSv48  = 9
	pteVBit       = 0
	pteUBit       = 4
	pteABit       = 6
	pteDBit       = 7
	pteFlagBits   = 10 // the PPN starts at bit 10
	pteHighBits   = 10 // bits 63..54 must be zero (reserved, Svpbmt, Svnapot)
	mstatusSUMBit = 18
	mstatusMXRBit = 19
)

// walk emits the page walk of the interpreter's translate for a data access
// (write: a store) under a mode with the given number of levels: RAX =
// vaddr, R10 = the effective privilege (0 or 1), R11 = mstatus. On success
// RDX = the physical page; R8, R9 and RDI are clobbered. Whatever the
// interpreter would do otherwise, a page fault or an A/D update (a write to
// the page table), jumps to fail, which the routine appends to and returns:
// the walk itself writes nothing, so Go can redo it from the start.
func walk(a *Asm, levels int, acc access, fail []int) []int {
	// The address must be canonical: bits above the top VPN copy its top bit.
	vaddrBits := uint8(64 - (12 + 9*levels))
	a.MovRR(RDX, RAX)
	a.ShiftRI(true, SHL, RDX, vaddrBits)
	a.ShiftRI(true, SAR, RDX, vaddrBits)
	a.AluRR(true, CMP, RDX, RAX)
	fail = append(fail, a.Jcc(CondNE))
	// R9 = the root table: satp.PPN << 12.
	a.MovLoad64(R9, M(regX, shadowSatp))
	a.ShiftRI(true, SHL, R9, 20)
	a.ShiftRI(true, SHR, R9, 8)
	var leaves []int
	for i := 0; i < levels; i++ {
		shift := uint8(12 + 9*(levels-1-i))
		// R9 += VPN[i] * 8: the PTE's address, which must be in RAM (it is
		// 8-byte aligned, and RAM's length is a whole number of pages).
		a.MovRR(RDI, RAX)
		a.ShiftRI(true, SHR, RDI, shift)
		a.AluRI(false, AND, RDI, 511)
		a.Lea(R9, MI(R9, RDI, 8, 0))
		a.MovRR(RDX, R9)
		a.AluRM(true, SUB, RDX, M(regCtx, ctxRAMStart))
		a.AluRM(true, CMP, RDX, M(regCtx, ctxRAMLength))
		fail = append(fail, a.Jcc(CondAE))
		a.AluRM(true, ADD, RDX, M(regCtx, ctxRAMHost))
		a.MovLoad64(R8, M(RDX, 0)) // R8 = the PTE
		// Valid, no reserved bits.
		a.BtImm(R8, pteVBit)
		fail = append(fail, a.Jcc(CondAE))
		a.MovRR(RDX, R8)
		a.ShiftRI(true, SHR, RDX, 64-pteHighBits)
		fail = append(fail, a.Jcc(CondNE))
		// R9 = the PPN as an address; EDI = XWR.
		a.MovRR(R9, R8)
		a.ShiftRI(true, SHL, R9, pteHighBits)
		a.ShiftRI(true, SHR, R9, pteHighBits+pteFlagBits)
		a.ShiftRI(true, SHL, R9, 12)
		a.MovRR32(RDI, R8)
		a.ShiftRI(false, SHR, RDI, 1)
		a.AluRI(false, AND, RDI, 7) // ZF: XWR = 0, a pointer to the next table
		if i == levels-1 {
			// (A pointer at the last level fails the permission check.)
			a.MovImm(RDX, uint64(1)<<shift-1)
			break
		}
		next := a.Jcc(CondE)
		// A leaf: RDX = the superpage's offset mask.
		a.MovImm(RDX, uint64(1)<<shift-1)
		leaves = append(leaves, a.Jmp())
		a.Patch(next, a.Here())
	}
	for _, l := range leaves {
		a.Patch(l, a.Here())
	}
	// The leaf: R8 = PTE, EDI = XWR, R9 = its physical address, RDX = the
	// page's offset mask. Any order of the checks will do: each failure
	// leaves the whole access to Go. W without R is reserved.
	a.AluRI(false, CMP, RDI, 2)
	fail = append(fail, a.Jcc(CondE))
	a.AluRI(false, CMP, RDI, 6)
	fail = append(fail, a.Jcc(CondE))
	// S-mode reaches U pages only with SUM, and never executes them;
	// U-mode only reaches U pages.
	a.BtImm(R8, pteUBit)
	user := a.Jcc(CondB)
	a.AluRI(false, CMP, R10, 0)
	fail = append(fail, a.Jcc(CondE)) // U-mode, not a U page
	supervisorOK := a.Jmp()
	a.Patch(user, a.Here())
	a.AluRI(false, CMP, R10, 0)
	userOK := a.Jcc(CondE)
	if acc == accessExec {
		fail = append(fail, a.Jmp()) // S-mode, U page
	} else {
		a.BtImm(R11, mstatusSUMBit)
		fail = append(fail, a.Jcc(CondAE)) // S-mode, U page, no SUM
	}
	a.Patch(userOK, a.Here())
	a.Patch(supervisorOK, a.Here())
	// A (and D for a store) already set: otherwise the interpreter writes
	// the PTE, which is Go's to do.
	a.BtImm(R8, pteABit)
	fail = append(fail, a.Jcc(CondAE))
	if acc == accessWrite {
		a.BtImm(R8, pteDBit)
		fail = append(fail, a.Jcc(CondAE))
	}
	// MXR makes executable pages readable (R8 is free now).
	if acc == accessRead {
		a.BtImm(R11, mstatusMXRBit)
		noMXR := a.Jcc(CondAE)
		a.MovRR32(R8, RDI)
		a.ShiftRI(false, SHR, R8, 2)
		a.AluRR(false, OR, RDI, R8)
		a.Patch(noMXR, a.Here())
	}
	// The access's permission: R, W or X (XWR bits 0, 1, 2).
	a.TestRI32(RDI, 1<<acc)
	fail = append(fail, a.Jcc(CondE))
	// A superpage's PPN must be aligned to it.
	a.MovRR(RDI, R9)
	a.AluRR(true, AND, RDI, RDX)
	fail = append(fail, a.Jcc(CondNE))
	// The physical page: the superpage's base, the virtual offset within it.
	a.AluRR(true, AND, RDX, RAX)
	a.AluRR(true, OR, RDX, R9)
	a.AluRI(true, AND, RDX, -4096)
	return fail
}

// fillSlot fills the slot at byte offset RCX of a set (its hot slots start
// at hot, its shadow slots at regX + shadowSet), as the interpreter's fill
// does, with the virtual page in RAX and the RAM page at offset RDX: the host
// mirror (vaddr_page, host, and in the code set the decoded page nil), the
// shadow slot (vaddr_page, vp_offset = paddr_page - vaddr_page, RAM's PMA
// index, zero) and the slot's live bit. RAX, RDX and RDI are clobbered.
func fillSlot(a *Asm, hot Mem, shadowSet int32, live int32) {
	slot := func(off int32) Mem { return MI(hot.Base, RCX, 1, hot.Disp+off) }
	a.MovStore64(slot(0), RAX)
	a.MovRR(RDI, RDX)
	a.AluRM(true, ADD, RDI, M(regCtx, ctxRAMHost))
	a.MovStore64(slot(8), RDI)
	if shadowSet == shadowCodeTLB {
		// The decoded page: nil, for Go to find. (In the data sets it is
		// always nil: nothing to store; the third word is padding.)
		a.MovStoreImm32(slot(24), 0)
	}
	a.MovStore64(MI(regX, RCX, 1, shadowSet), RAX)
	a.MovRR(RDI, RDX)
	a.AluRM(true, ADD, RDI, M(regCtx, ctxRAMStart))
	a.AluRR(true, SUB, RDI, RAX)
	a.MovStore64(MI(regX, RCX, 1, shadowSet+8), RDI)
	a.MovLoad64(RDX, M(regCtx, ctxRAMPMA))
	a.MovStore64(MI(regX, RCX, 1, shadowSet+16), RDX)
	a.MovStoreImm32(MI(regX, RCX, 1, shadowSet+24), 0)
	a.MovRR32(RDI, RCX)
	a.ShiftRI(false, SHR, RDI, 5)
	setBit(a, M(regCtx, live), RDI, RDX, RAX)
}

// setBit sets bit idx of the bit string whose address is at bitmap (a
// Context field), with plain loads and stores (BTS with a memory operand and
// a register bit offset is microcoded), and stores only when the bit was
// clear: a slot that a loop refills over and over is live already, and a
// store each time chained the refills through memory (stream: 10 % faster).
// t1 and t2 are clobbered; idx is kept.
func setBit(a *Asm, bitmap Mem, idx, t1, t2 Reg) {
	a.MovRR(t1, idx)
	a.ShiftRI(true, SHR, t1, 6)
	a.MovLoad64(t2, bitmap)
	a.Lea(t2, MI(t2, t1, 8, 0))
	a.MovLoad64(t1, M(t2, 0))
	a.BtsRR(t1, idx)
	set := a.Jcc8(CondB) // CF: the bit was set already
	a.MovStore64(M(t2, 0), t1)
	a.Patch8(set, a.Here())
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

package emu

import (
	mathbits "math/bits"
	"unsafe"
)

// Address translation, the TLB and the slow paths of memory access. The fast
// paths (TLB hits) are inlined in the interpreter loop.

// tlbHit reports whether a slot's page matches vaddr for an access of size
// bytes; misaligned accesses never hit, so they reach the slow path and trap.
func tlbHit(slotPage, vaddr, size uint64) bool {
	return slotPage == vaddr&^(pageOffMask&^(size-1))
}

func (m *Machine) flushTLBSlot(set int, slot uint64) {
	if set == tlbWrite {
		m.markWriteSlotDirty(slot)
	}
	m.tlb[set][slot] = tlbSlot{VaddrPage: tlbInvalidPage, PMAIndex: tlbInvalidPMA}
	m.hot[set][slot] = hotSlot{vaddrPage: tlbInvalidPage}
}

// flushTLBSet invalidates every slot of a set. Privilege changes flush all
// sets, thousands of times in a Linux boot, and most slots are already
// invalid: only the slots marked live can differ from an invalid slot, so
// only those are written (writing the others again would change nothing).
func (m *Machine) flushTLBSet(set int) {
	for w, bits := range m.live[set] {
		for bits != 0 {
			slot := uint64(w*64 + mathbits.TrailingZeros64(bits))
			bits &= bits - 1
			m.flushTLBSlot(set, slot)
		}
		m.live[set][w] = 0
	}
}

func (m *Machine) flushAllTLB() {
	m.flushTLBSet(tlbCode)
	m.flushTLBSet(tlbRead)
	m.flushTLBSet(tlbWrite)
}

// markWriteSlotDirty marks the page a write-TLB slot maps: a page can only be
// written by the guest while it sits in the write TLB, so a page leaving it
// must be remembered for the next hash-tree update.
func (m *Machine) markWriteSlotDirty(slot uint64) {
	if m.hot[tlbWrite][slot].vaddrPage == tlbInvalidPage {
		return
	}
	cold := &m.tlb[tlbWrite][slot]
	r := m.pmas[cold.PMAIndex]
	r.dirty.Mark((cold.VaddrPage + cold.VpOffset - r.start) >> Log2PageSize)
}

// replaceTLBEntry fills the slot for vaddr in a set with the page holding
// paddr (in PMA pmaIndex) and returns the host address of vaddr.
func (m *Machine) replaceTLBEntry(set int, vaddr, paddr, pmaIndex uint64) unsafe.Pointer {
	slot := (vaddr >> Log2PageSize) & (tlbSetSize - 1)
	m.flushTLBSlot(set, slot)
	r := m.pmas[pmaIndex]
	vaddrPage := vaddr &^ pageOffMask
	paddrPage := paddr &^ pageOffMask
	host := r.hostAddr(paddrPage)
	m.tlb[set][slot] = tlbSlot{VaddrPage: vaddrPage, VpOffset: paddrPage - vaddrPage, PMAIndex: pmaIndex}
	m.live[set][slot/64] |= 1 << (slot % 64)
	h := &m.hot[set][slot]
	*h = newHotSlot(vaddrPage, host)
	if set == tlbWrite {
		if _, isCode := m.code[host]; isCode {
			h.poison()
		}
	}
	return unsafe.Add(host, vaddr&pageOffMask)
}

// findPMA scans the PMA array from index 0, as the reference does, and
// returns the first range holding [paddr, paddr+size), or the empty sentinel.
func (m *Machine) findPMA(paddr, size uint64) (*memRange, uint64) {
	for i, r := range m.pmas {
		if r.contains(paddr, size) {
			return r, uint64(i)
		}
	}
	return &m.empty, uint64(len(m.pmas))
}

// readRAMU64 reads a page-table entry: an aligned word of readable memory.
func (m *Machine) readRAMU64(paddr uint64) (uint64, bool) {
	r, _ := m.findPMA(paddr, 8)
	if !r.isMemory() || !r.readable() {
		return 0, false
	}
	return *(*uint64)(r.hostAddr(paddr)), true
}

// writeRAMU64 writes a page-table entry back (A and D bits).
func (m *Machine) writeRAMU64(paddr, v uint64) bool {
	r, _ := m.findPMA(paddr, 8)
	if !r.isMemory() || !r.writable() {
		return false
	}
	*(*uint64)(r.hostAddr(paddr)) = v
	r.dirty.Mark((paddr - r.start) >> Log2PageSize)
	m.dropCode(r.hostAddr(paddr &^ pageOffMask))
	return true
}

// translate walks the page tables for vaddr. access is accessRead,
// accessWrite or accessExec (the shift of the permission in the XWR triad).
func (m *Machine) translate(vaddr uint64, access uint) (uint64, bool) {
	prv := m.s.Iprv
	ms := m.readMstatus()
	if access != accessExec && ms&mstatusMPRV != 0 {
		prv = (ms & mstatusMPP) >> mstatusMPPShift
	}
	if prv > PrvS {
		return vaddr, true
	}
	satp := m.readSatp()
	mode := satp >> satpModeShift
	switch mode {
	case satpModeBare:
		return vaddr, true
	case satpModeSv39, satpModeSv48:
	default:
		return 0, false
	}
	levels := int(mode-satpModeSv39) + 3
	vaddrBits := 64 - (Log2PageSize + levels*9)
	if int64(vaddr<<vaddrBits)>>vaddrBits != int64(vaddr) {
		return 0, false
	}
	pteAddr := (satp & satpPPNMask) << Log2PageSize
	for i := 0; i < levels; i++ {
		shift := Log2PageSize + 9*(levels-1-i)
		pteAddr += ((vaddr >> shift) & 511) << 3
		pte, ok := m.readRAMU64(pteAddr)
		if !ok || pte&pteV == 0 || pte&pteReserved != 0 {
			return 0, false
		}
		ppn := (pte & ptePPNMask) << (Log2PageSize - ptePPNShift)
		xwr := (pte >> 1) & 7
		if xwr == 0 {
			pteAddr = ppn
			continue
		}
		if xwr == xwrW || xwr == xwrW|xwrX {
			return 0, false
		}
		if prv == PrvS {
			if pte&pteU != 0 && (access == accessExec || ms&mstatusSUM == 0) {
				return 0, false
			}
		} else if pte&pteU == 0 {
			return 0, false
		}
		if ms&mstatusMXR != 0 {
			xwr |= xwr >> 2
		}
		if (xwr>>access)&1 == 0 {
			return 0, false
		}
		mask := uint64(1)<<shift - 1
		if ppn&mask != 0 {
			return 0, false
		}
		update := pte | pteA
		if access == accessWrite {
			update |= pteD
		}
		if update != pte {
			m.writeRAMU64(pteAddr, update)
		}
		return vaddr&mask | ppn&^mask, true
	}
	return 0, false
}

// loadSlow performs a load that missed the read TLB: alignment, translation,
// PMA, TLB fill or device access, and the exception on failure. storeFaults
// selects store/AMO causes (AMOs never raise load exceptions). It returns the
// value, the pc (the handler's, on failure) and success.
func (m *Machine) loadSlow(pc, mcycle, vaddr, size uint64, storeFaults bool) (uint64, uint64, bool) {
	misaligned, pageFault, accessFault := uint64(causeLoadMisaligned), uint64(causeLoadPageFault), uint64(causeLoadAccessFault)
	if storeFaults {
		misaligned, pageFault, accessFault = causeStoreMisaligned, causeStorePageFault, causeStoreAccessFault
	}
	if vaddr&(size-1) != 0 {
		return 0, m.raiseException(pc, misaligned, vaddr), false
	}
	paddr, ok := m.translate(vaddr, accessRead)
	if !ok {
		return 0, m.raiseException(pc, pageFault, vaddr), false
	}
	r, idx := m.findPMA(paddr, size)
	if r.readable() {
		if r.isMemory() {
			p := m.replaceTLBEntry(tlbRead, vaddr, paddr, idx)
			return loadHost(p, size), pc, true
		}
		if r.isDevice() {
			if v, ok := m.readDevice(r, paddr-r.start, size, mcycle); ok {
				return v, pc, true
			}
		}
	}
	return 0, m.raiseException(pc, accessFault, vaddr), false
}

// storeSlow performs a store that missed the write TLB.
func (m *Machine) storeSlow(pc, mcycle, vaddr, size, val uint64) (execStatus, uint64) {
	// A poisoned slot is a TLB hit on a page with decoded code: drop the
	// code, then store as the hit it is. The fetch cache is dropped too, in
	// case the loop was running from this page.
	slot := (vaddr >> Log2PageSize) & (tlbSetSize - 1)
	if h := &m.hot[tlbWrite][slot]; h.vaddrPage == tlbPoisoned && tlbHit(m.tlb[tlbWrite][slot].VaddrPage, vaddr, size) {
		storeHost(unsafe.Add(h.host, vaddr&pageOffMask), size, val)
		if cp := m.code[h.host]; cp != nil && !cp.decodedIn(vaddr&pageOffMask, size) {
			return statusSuccess, pc // data beside code: the decoded code stands
		}
		m.dropCode(h.host)
		return statusFlushFetch, pc
	}
	if vaddr&(size-1) != 0 {
		return statusFailure, m.raiseException(pc, causeStoreMisaligned, vaddr)
	}
	paddr, ok := m.translate(vaddr, accessWrite)
	if !ok {
		return statusFailure, m.raiseException(pc, causeStorePageFault, vaddr)
	}
	r, idx := m.findPMA(paddr, size)
	if r.writable() {
		if r.isMemory() {
			p := m.replaceTLBEntry(tlbWrite, vaddr, paddr, idx)
			storeHost(p, size, val)
			host := m.hot[tlbWrite][(vaddr>>Log2PageSize)&(tlbSetSize-1)].host
			if cp := m.code[host]; cp != nil && cp.decodedIn(vaddr&pageOffMask, size) {
				m.dropCode(host) // the store changed decoded code
				return statusFlushFetch, pc
			}
			return statusSuccess, pc
		}
		if r.isDevice() {
			if st := m.writeDevice(r, paddr-r.start, size, val&sizeMask(size), mcycle); st != statusFailure {
				return st, pc
			}
		}
	}
	return statusFailure, m.raiseException(pc, causeStoreAccessFault, vaddr)
}

func sizeMask(size uint64) uint64 {
	if size == 8 {
		return ^uint64(0)
	}
	return uint64(1)<<(size*8) - 1
}

func loadHost(p unsafe.Pointer, size uint64) uint64 {
	switch size {
	case 1:
		return uint64(*(*uint8)(p))
	case 2:
		return uint64(*(*uint16)(p))
	case 4:
		return uint64(*(*uint32)(p))
	default:
		return *(*uint64)(p)
	}
}

func storeHost(p unsafe.Pointer, size, v uint64) {
	switch size {
	case 1:
		*(*uint8)(p) = uint8(v)
	case 2:
		*(*uint16)(p) = uint16(v)
	case 4:
		*(*uint32)(p) = uint32(v)
	default:
		*(*uint64)(p) = v
	}
}

// fetchTranslate finds the host page (and its decoded code) for instruction
// address vaddr through the code TLB, filling it on a miss. On failure it
// raises the exception at pc and returns the handler's pc.
func (m *Machine) fetchTranslate(pc, vaddr uint64) (unsafe.Pointer, *CodePage, uint64, bool) {
	slot := (vaddr >> Log2PageSize) & (tlbSetSize - 1)
	h := &m.hot[tlbCode][slot]
	if tlbHit(h.vaddrPage, vaddr, 2) {
		if h.code == nil {
			h.code = m.codePageFor(h.host)
		}
		return h.host, h.code, pc, true
	}
	paddr, ok := m.translate(vaddr, accessExec)
	if !ok {
		return nil, nil, m.raiseException(pc, causeFetchPageFault, vaddr), false
	}
	r, idx := m.findPMA(paddr, 2)
	if !r.isMemory() || !r.executable() {
		return nil, nil, m.raiseException(pc, causeInsnAccessFault, vaddr), false
	}
	m.replaceTLBEntry(tlbCode, vaddr, paddr, idx)
	h.code = m.codePageFor(h.host)
	return h.host, h.code, pc, true
}

// fetchSlow fetches the instruction at pc when the fetch cache (the last
// page fetched from) misses or pc sits in a page's last two bytes. It returns
// the instruction, pc, and the new fetch-cache page, host page and decoded
// page; on an exception ok is false and pc is the handler's.
func (m *Machine) fetchSlow(pc, cachePage uint64, cacheHost unsafe.Pointer, cacheCode *CodePage) (insn uint32, newPC, page uint64, host unsafe.Pointer, code *CodePage, ok bool) {
	pcPage := pc &^ pageOffMask
	if pcPage != cachePage {
		h, c, npc, ok := m.fetchTranslate(pc, pc)
		if !ok {
			return 0, npc, ^npc, nil, nil, false
		}
		cachePage, cacheHost, cacheCode = pcPage, h, c
	}
	off := pc & pageOffMask
	if off != pageOffMask-1 {
		return *(*uint32)(unsafe.Add(cacheHost, off)), pc, cachePage, cacheHost, cacheCode, true
	}
	// The instruction starts in the last two bytes of the page.
	lo := uint32(*(*uint16)(unsafe.Add(cacheHost, off)))
	if lo&3 != 3 {
		return lo, pc, cachePage, cacheHost, cacheCode, true
	}
	pc2 := pc + 2
	h2, c2, npc, ok := m.fetchTranslate(pc, pc2)
	if !ok {
		return 0, npc, ^npc, nil, nil, false
	}
	hi := uint32(*(*uint16)(h2))
	return lo | hi<<16, pc, pc2 &^ pageOffMask, h2, c2, true
}

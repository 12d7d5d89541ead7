package emu

import (
	"bytes"
	"fmt"
)

// StateDiff names the first difference between the states of two machines
// (mcycle, pc, the shadow registers and TLB, then every hashed range in
// address order), or returns "" when their states are equal. Engines are
// checked against each other with it. Equal root hashes stand for equal
// memory (each machine rehashes only its dirty pages); when the roots
// differ, both machines' ranges are read in full to name the first
// differing byte.
func StateDiff(a, b *Machine) string {
	if a.Mcycle() != b.Mcycle() || a.PC() != b.PC() {
		return fmt.Sprintf("mcycle %d/%d pc %#x/%#x", a.Mcycle(), b.Mcycle(), a.PC(), b.PC())
	}
	if d := firstDiff("shadow state", a.shadow.data, b.shadow.data); d != "" {
		return d
	}
	if a.RootHash() == b.RootHash() {
		return ""
	}
	if len(a.ranges) != len(b.ranges) {
		return fmt.Sprintf("%d ranges vs %d", len(a.ranges), len(b.ranges))
	}
	for i, ra := range a.ranges { // sorted by start in both
		rb := b.ranges[i]
		if ra.start != rb.start || ra.length != rb.length || ra.hashed != rb.hashed {
			return fmt.Sprintf("range %s [%#x, +%#x) vs %s [%#x, +%#x)", ra.name, ra.start, ra.length, rb.name, rb.start, rb.length)
		}
		if ra.hashed {
			if d := firstDiff(ra.name, ra.data, rb.data); d != "" {
				return d
			}
		}
	}
	return "root hashes differ, memory does not (a hash-tree bug)"
}

func firstDiff(name string, x, y []byte) string {
	if bytes.Equal(x, y) {
		return ""
	}
	for i := range min(len(x), len(y)) {
		if x[i] != y[i] {
			return fmt.Sprintf("%s at offset %#x: %#x vs %#x", name, i, x[i], y[i])
		}
	}
	return fmt.Sprintf("%s: %d bytes vs %d", name, len(x), len(y))
}

// HotTLBDiff names the first host-side TLB slot that does not mirror its
// shadow slot exactly (page, host address, the poisoning of write slots on
// pages with decoded code, the code set's decoded page), or returns
// "". Tests check engines that fill slots themselves with it.
func HotTLBDiff(m *Machine) string {
	for set := range m.tlb {
		for i := range m.tlb[set] {
			h, want := m.hot[set][i], m.verifySlot(&m.tlb[set][i])
			if want.vaddrPage != tlbInvalidPage && set == tlbWrite && m.code[want.host] != nil {
				want.vaddrPage = tlbPoisoned
			}
			code := h.code
			if set == tlbCode && code != nil && code != m.code[h.host] {
				return fmt.Sprintf("hot TLB set %d slot %d: decoded page %p, the page's is %p", set, i, code, m.code[h.host])
			}
			h.code = want.code
			if want.vaddrPage == tlbInvalidPage {
				h.host = want.host // (unused in an invalid slot)
			}
			if h != want {
				return fmt.Sprintf("hot TLB set %d slot %d: page %#x host %p, want %#x %p",
					set, i, h.vaddrPage, h.host, want.vaddrPage, want.host)
			}
		}
	}
	return ""
}

package emu

import (
	"fmt"

	"github.com/rivetvm/rivet/merkle"
)

// The state hash: a Merkle tree over every hashed range
// (hashing-and-proofs.md). The tree rehashes only dirty pages.

func (m *Machine) buildTree() error {
	f, err := merkle.ParseHashFunction(m.cfg.HashTree.HashFunction)
	if err != nil {
		return cfgErr("hash_tree.hash_function", m.cfg.HashTree.HashFunction, "%v", err)
	}
	var regions []merkle.Region
	for _, r := range m.ranges {
		if r.hashed {
			regions = append(regions, merkle.Region{Name: r.name, Start: r.start, Length: r.length, Data: r.data, Dirty: r.dirty})
		}
	}
	t, err := merkle.New(f, regions)
	if err != nil {
		return fmt.Errorf("hash tree: %w", err)
	}
	m.tree = t
	return nil
}

// markStateDirty adds what the tree cannot know from host writes: the pages
// the guest may have written (those in the write TLB) and the pages that
// always change (registers, TLB, uarch registers).
func (m *Machine) markStateDirty() {
	for slot := uint64(0); slot < tlbSetSize; slot++ {
		m.markWriteSlotDirty(slot)
	}
	m.shadow.dirty.MarkRange(0, (ShadowTLBStart+ShadowTLBLength)>>Log2PageSize)
	m.uarchShadow.dirty.MarkAll()
	// The tree consumes the dirty sets; remember which pages differ from
	// each range's base file first (Fork copies them).
	for _, r := range m.ranges {
		if r.mods != nil {
			mods := r.mods
			r.dirty.ForEach(func(p uint64) { mods.Mark(p) })
		}
	}
}

// RootHash returns the root hash of the whole machine state.
func (m *Machine) RootHash() merkle.Hash {
	m.markStateDirty()
	return m.tree.RootHash()
}

// NodeHash returns the hash of the aligned subtree of 2^log2Size bytes at
// address.
func (m *Machine) NodeHash(address uint64, log2Size int) (merkle.Hash, error) {
	m.markStateDirty()
	m.tree.Update()
	return m.tree.NodeHash(address, log2Size)
}

// Proof returns a Merkle proof of the node at (address, log2Size) against
// the root hash.
func (m *Machine) Proof(address uint64, log2Size int) (*merkle.Proof, error) {
	m.markStateDirty()
	m.tree.Update()
	return m.tree.Proof(address, log2Size)
}

// VerifyHashTree recomputes every hash from the memory itself and compares
// it with the incrementally maintained tree.
func (m *Machine) VerifyHashTree() error {
	m.markStateDirty()
	m.tree.Update()
	return m.tree.Verify()
}

// HashFunction returns the state tree's hash function.
func (m *Machine) HashFunction() merkle.HashFunction { return m.tree.HashFunction() }

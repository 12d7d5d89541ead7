package emu

import (
	"fmt"
	"unsafe"

	"github.com/rivetvm/rivet/merkle"
)

// Fork returns an independent copy of the machine. Memory is copy-on-write:
// the copy maps the same base files and receives only the pages that differ
// from them, so the cost follows the pages written since the base was last
// brought up to date, not the RAM size. (When the parent is the only user of
// an in-memory base, Fork first folds the parent's changes into it, so a
// chain of forks — the node forks before every input — stays cheap.)
// Machines with a shared drive cannot fork: the drive writes through to its
// file, which both machines would then share.
func (m *Machine) Fork() (*Machine, error) {
	if m.closed {
		return nil, errClosed
	}
	for _, r := range m.ranges {
		if r.shared {
			return nil, fmt.Errorf("fork: %s is shared with its file; fork needs private drives", r.name)
		}
	}
	m.markStateDirty()
	for _, r := range m.ranges {
		if r.base != nil {
			if err := r.compact(); err != nil {
				return nil, fmt.Errorf("fork: %w", err)
			}
		}
	}
	c := &Machine{cfg: m.cfg, opts: m.opts}
	index := map[*memRange]*memRange{}
	for _, r := range m.ranges {
		cr := &memRange{name: r.name, start: r.start, length: r.length, flags: r.flags, hashed: r.hashed, inPMAs: r.inPMAs}
		if r.base != nil {
			r.base.acquire()
			if err := cr.mapBase(r.base); err != nil {
				c.Close()
				return nil, fmt.Errorf("fork: %w", err)
			}
			mods := cr.mods
			r.mods.ForEach(func(p uint64) {
				off := p << Log2PageSize
				copy(cr.data[off:off+PageSize], r.data[off:off+PageSize])
				mods.Mark(p)
			})
		}
		c.ranges = append(c.ranges, cr)
		index[r] = cr
	}
	for _, r := range m.pmas {
		c.pmas = append(c.pmas, index[r])
	}
	for _, r := range m.drives {
		c.drives = append(c.drives, index[r])
	}
	for _, r := range m.nvrams {
		c.nvrams = append(c.nvrams, index[r])
	}
	c.shadow, c.uarchShadow, c.uarchRAM = index[m.shadow], index[m.uarchShadow], index[m.uarchRAM]
	c.ram, c.dtb, c.pmaArray = index[m.ram], index[m.dtb], index[m.pmaArray]
	c.cmioRx, c.cmioTx = index[m.cmioRx], index[m.cmioTx]
	c.s = (*Shadow)(c.shadow.host)
	c.tlb = (*shadowTLB)(unsafe.Add(c.shadow.host, ShadowTLBStart))
	c.initHotTLB()
	var regions []merkle.Region
	for _, r := range c.ranges {
		if r.hashed {
			regions = append(regions, merkle.Region{Name: r.name, Start: r.start, Length: r.length, Data: r.data, Dirty: r.dirty})
		}
	}
	c.tree = m.tree.Clone(regions)
	return c, nil
}

// compact folds the range's changed pages into its base file when this
// machine is the base's only user and the base is an in-memory file of ours;
// the mapping's private copies are then dropped (they read the same bytes
// back from the file).
func (r *memRange) compact() error {
	b := r.base
	if !b.owned || r.mods.Count() == 0 {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.refs != 1 {
		return nil
	}
	var err error
	r.mods.ForEach(func(p uint64) {
		if err != nil {
			return
		}
		off := p << Log2PageSize
		if _, werr := b.f.WriteAt(r.data[off:off+PageSize], int64(off)); werr != nil {
			err = fmt.Errorf("%s: update base: %w", r.name, werr)
			return
		}
		if derr := dropPrivatePages(r.data[off : off+PageSize]); derr != nil {
			err = fmt.Errorf("%s: drop private pages: %w", r.name, derr)
		}
	})
	if err != nil {
		return err
	}
	r.mods.Clear()
	return nil
}

package difftest

// Page tables: every paging segment gets its own set, built at generation
// time and stored in the image. All of RAM is identity mapped (kernel half
// with U=0, user half with U=1), so code and the harness run at the same
// addresses with paging on or off. The test window holds random mappings:
//
//	0x40000000 + k*4K (k < 64)  4 KiB leaves with random targets and bits
//	0x40200000                  a 2 MiB leaf (aligned or not)
//	0xC0000000                  a 1 GiB leaf (aligned or not)
//	high half                   a top-level leaf (1 GiB in Sv39, 512 GiB in Sv48)
//
// Page 63 of the window maps the gadget page, so wild jumps there may run.

type segTables struct {
	mode          int
	root, rootAlt uint64
	top           uint64 // table that holds the 1 GiB entries (root in Sv39)
	l0k, l0u      uint64 // identity leaves for the kernel and user halves of RAM
	l1t, l0t      uint64 // test window tables
}

func (g *gen) alloc() uint64 {
	a := g.ptNext
	g.ptNext += 0x1000
	return a
}

func (g *gen) setPTE(table uint64, index int, v uint64) {
	if v == 0 {
		delete(g.p.PTEs, table+uint64(index)*8)
		return
	}
	g.p.PTEs[table+uint64(index)*8] = v
}

func pteFor(pa uint64, flags uint64) uint64 { return (pa>>12)<<10 | flags }

func (g *gen) pageTables(s *Segment, mode int) {
	t := &segTables{mode: mode}
	t.root = g.alloc()
	t.top = t.root
	if mode == modeSv48 {
		t.top = g.alloc()
		g.setPTE(t.root, 0, pteFor(t.top, pteV))
	}
	l1 := g.alloc()
	g.setPTE(t.top, 2, pteFor(l1, pteV))
	t.l0k = g.alloc()
	t.l0u = g.alloc()
	g.setPTE(l1, 0, pteFor(t.l0k, pteV))
	g.setPTE(l1, 1, pteFor(t.l0u, pteV))
	for i := 0; i < 512; i++ {
		g.setPTE(t.l0k, i, pteFor(RAMStart+uint64(i)*0x1000, pteV|pteR|pteW|pteX|pteA|pteD))
		g.setPTE(t.l0u, i, pteFor(ucodeBase+uint64(i)*0x1000, pteV|pteR|pteW|pteX|pteA|pteD|pteU))
	}
	t.l1t = g.alloc()
	t.l0t = g.alloc()
	g.setPTE(t.top, 1, pteFor(t.l1t, pteV))
	g.setPTE(t.l1t, 0, pteFor(t.l0t, pteV))
	for k := 0; k < 63; k++ {
		g.setPTE(t.l0t, k, g.randomLeaf(s, g.testTarget(t), 0))
	}
	g.setPTE(t.l0t, 63, g.randomLeaf(s, gadgetAddr, 0))
	g.setPTE(t.l1t, 1, g.randomLeaf(s, []uint64{RAMStart, 0, RAMStart + 0x1000, ucodeBase}[g.pick(4)], 1))
	g.setPTE(t.top, 3, g.randomLeaf(s, []uint64{RAMStart, 0x40000000, 0, RAMStart + 0x200000}[g.pick(4)], 2))
	g.highHalf(s, t, t.root)
	t.rootAlt = g.alloc()
	for i := 0; i < 512; i++ {
		if v, ok := g.p.PTEs[t.root+uint64(i)*8]; ok {
			g.setPTE(t.rootAlt, i, v)
		}
	}
	g.highHalf(s, t, t.rootAlt)
	if mode == modeSv39 {
		// The alternative also maps the window differently.
		g.setPTE(t.rootAlt, 1, []uint64{0, g.randomLeaf(s, 0x40000000, 2), pteFor(t.l1t, pteV)}[g.pick(3)])
	}
	s.Satp = uint64(mode)<<60 | uint64(g.pick(1<<16))<<44 | t.root>>12
	s.SatpAlt = uint64(mode)<<60 | uint64(g.pick(1<<16))<<44 | t.rootAlt>>12
	if g.chance(0.5) {
		s.Satp &^= 0xFFFF << 44
	}
	s.Tables = []uint64{t.root, t.rootAlt, t.top, l1, t.l0k, t.l0u, t.l1t, t.l0t}
	if g.tables == nil {
		g.tables = map[int]*segTables{}
	}
	g.tables[s.Index] = t
}

func (g *gen) highHalf(s *Segment, t *segTables, root uint64) {
	if t.mode == modeSv39 {
		g.setPTE(root, 511, g.randomLeaf(s, []uint64{RAMStart, 0, 0x40000000}[g.pick(3)], 2))
		g.setPTE(root, 256, g.randomLeaf(s, RAMStart, 2))
	} else {
		g.setPTE(root, 256, g.randomLeaf(s, []uint64{0, 0x8000000000}[g.pick(2)], 3))
		g.setPTE(root, 511, g.randomLeaf(s, 0, 3))
	}
}

// testTarget picks what a test window page maps.
func (g *gen) testTarget(t *segTables) uint64 {
	switch g.pick(12) {
	case 0, 1, 2, 3:
		return kdataBase + uint64(g.pick(8))*0x1000
	case 4, 5:
		return udataBase + uint64(g.pick(4))*0x1000
	case 6:
		return t.l0t // the window's own table: PTEs become data
	default:
		list := []uint64{clintBase, clintBase + 0x4000, clintBase + 0xB000, htifBase + 0x1000, plicBase, plicBase + 0x200000,
			pmaBase, rxBase, txBase, dtbBase, 0, 0x1000, uarchShadow, uarchRAMBase, 0x1000000, RAMStart + RAMLength,
			0x00FFFFFFFFFFF000}
		return list[g.pick(len(list))]
	}
}

// randomLeaf makes a PTE at a level (0: 4 KiB, 1: 2 MiB, 2: 1 GiB, 3: 512 GiB)
// with random permission bits, mostly valid.
func (g *gen) randomLeaf(s *Segment, pa uint64, level int) uint64 {
	var f uint64
	bit := func(b uint64, p float64) {
		if g.chance(p) {
			f |= b
		}
	}
	bit(pteV, 0.92)
	bit(pteR, 0.8)
	bit(pteW, 0.55)
	bit(pteX, 0.35)
	if s.Priv == prvU {
		bit(pteU, 0.8)
	} else {
		bit(pteU, 0.3)
	}
	bit(pteG, 0.2)
	bit(pteA, 0.75)
	bit(pteD, 0.6)
	if f&(pteR|pteW|pteX) == 0 && g.chance(0.7) {
		f |= pteR // otherwise it is a pointer to a next level
	}
	v := pteFor(pa, f)
	switch g.pick(40) {
	case 0:
		v |= uint64(1+g.pick(1023)) << 54 // reserved high bits
	case 1:
		v |= uint64(1+g.pick(3)) << 8 // RSW: ignored
	case 2:
		v |= uint64(g.pick(1<<9)) << 10 // low PPN bits: misaligned superpage
	}
	return v
}

// perturbPage gives the identity mapping of the page holding va random bits.
func (g *gen) perturbPage(s *Segment, va uint64) {
	t := g.tables[s.Index]
	if t == nil || va < RAMStart || va >= RAMStart+RAMLength {
		return
	}
	page := (va - RAMStart) >> 12
	table, idx := t.l0k, int(page)
	if page >= 512 {
		table, idx = t.l0u, int(page-512)
	}
	pa := va &^ 0xFFF
	v := g.randomLeaf(s, pa, 0)
	if g.chance(0.3) {
		v = 0
	}
	g.setPTE(table, idx, v)
}

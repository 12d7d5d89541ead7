package amd64

// regCache keeps guest registers in host registers inside a block. A
// register is loaded on first use and written back (when changed) before
// anything that leaves the block's straight-line code: block ends, jumps and
// dispatch, exits to the interpreter, and FP instructions (which may use any
// scratch register). Memory-miss exits write back, in their out-of-line
// stub, the registers that were dirty at their site. Guest register values
// in memory are therefore exact whenever Go can see them.
type regCache struct {
	guest [len(cacheRegs)]uint8 // guest register held by each host register; 0: none
	dirty [len(cacheRegs)]bool
	last  [len(cacheRegs)]uint32 // use stamp, for least-recently-used eviction
	clock uint32
	// at[r] is 1 + the index of the host register holding guest register r
	// (0: not cached), guest's inverse.
	at [32]uint8
	// fpPinned: a loop keeps FP registers it writes in XMM registers
	// (fpcache.go), which every exit writes back.
	fpPinned bool
}

// cacheRegs are the host registers the cache uses.
var cacheRegs = [...]Reg{R9, R10, R11, R14, RDI, RBP}

// cacheSnapshot records which host registers hold changed guest registers.
type cacheSnapshot struct {
	guest [len(cacheRegs)]uint8 // 0 where the host register is clean or free
	fp    bool                  // the loop's FP registers, too
}

func (c *regCache) reset() { *c = regCache{} }

// lookup returns the host register holding guest register r (r != 0).
func (c *regCache) lookup(r uint8) (Reg, bool) {
	if i := int(c.at[r&31]) - 1; i >= 0 {
		c.clock++
		c.last[i] = c.clock
		return cacheRegs[i], true
	}
	return noReg, false
}

// slot picks a host register for a new guest register, evicting the least
// recently used (written back first if changed).
func (c *regCache) slot(g *gen) int {
	best := 0
	for i, x := range c.guest {
		if x == 0 {
			return i
		}
		if c.last[i] < c.last[best] {
			best = i
		}
	}
	if c.dirty[best] {
		g.a.MovStore64(xmem(c.guest[best]), cacheRegs[best])
	}
	c.at[c.guest[best]&31] = 0
	c.guest[best], c.dirty[best] = 0, false
	return best
}

// use returns a host register holding guest register r (r != 0), loading it.
func (c *regCache) use(g *gen, r uint8) Reg {
	if h, ok := c.lookup(r); ok {
		return h
	}
	i := c.slot(g)
	g.a.MovLoad64(cacheRegs[i], xmem(r))
	c.clock++
	c.guest[i], c.dirty[i], c.last[i] = r, false, c.clock
	c.at[r&31] = uint8(i + 1)
	return cacheRegs[i]
}

// def returns the host register guest register r (r != 0) is to be written
// to, marked changed; its old value is not loaded.
func (c *regCache) def(g *gen, r uint8) Reg {
	if i := int(c.at[r&31]) - 1; i >= 0 {
		c.clock++
		c.last[i], c.dirty[i] = c.clock, true
		return cacheRegs[i]
	}
	i := c.slot(g)
	c.clock++
	c.guest[i], c.last[i], c.dirty[i] = r, c.clock, true
	c.at[r&31] = uint8(i + 1)
	return cacheRegs[i]
}

// writeBack stores every changed register; they stay cached, now clean.
// It emits only MOVs, which leave the flags alone.
func (c *regCache) writeBack(g *gen) {
	for i, x := range c.guest {
		if x != 0 && c.dirty[i] {
			g.a.MovStore64(xmem(x), cacheRegs[i])
			c.dirty[i] = false
		}
	}
	if c.fpPinned {
		g.writeBackFP()
		c.fpPinned = false
	}
}

func (c *regCache) snapshot() cacheSnapshot {
	var s cacheSnapshot
	for i, x := range c.guest {
		if c.dirty[i] {
			s.guest[i] = x
		}
	}
	s.fp = c.fpPinned
	return s
}

// writeBackSnapshot stores the registers a snapshot says were changed.
func (g *gen) writeBackSnapshot(s cacheSnapshot) {
	for i, x := range s.guest {
		if x != 0 {
			g.a.MovStore64(xmem(x), cacheRegs[i])
		}
	}
	if s.fp {
		g.writeBackFP()
	}
}

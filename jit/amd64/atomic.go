package amd64

// The A extension: LR, SC and the AMOs, exactly as the interpreter runs
// them (emu/interp.go execAMO), for the case where every access hits the
// TLB; any miss exits before anything is written and the interpreter redoes
// the whole instruction. One hart, so an AMO is a plain read-modify-write.
//
//   LR:  read (read TLB); ilrsc = address; rd = value.
//   SC:  if ilrsc == address: write rs2 (write TLB), rd = 0; else rd = 1 and
//        no access at all. Either way ilrsc = all ones.
//   AMO: read (read TLB) and write (write TLB) the same address; rd = the
//        old value. Both slots must hit before either access is made, as the
//        interpreter's read then write would change nothing either.
// Word forms sign-extend the loaded value. aq and rl are ignored (one hart).

const shadowIlrsc = 0x2E0 // emu/shadow.go offsetIlrsc

// AMO funct5 values.
const (
	amoADD  = 0x00
	amoSWAP = 0x01
	amoLR   = 0x02
	amoSC   = 0x03
	amoXOR  = 0x04
	amoOR   = 0x08
	amoAND  = 0x0C
	amoMIN  = 0x10
	amoMAX  = 0x14
	amoMINU = 0x18
	amoMAXU = 0x1C
)

func supportedAMO(raw uint32) bool {
	if f3 := (raw >> 12) & 7; f3 != 2 && f3 != 3 {
		return false
	}
	switch raw >> 27 {
	case amoLR:
		return (raw>>20)&31 == 0
	case amoSC, amoADD, amoSWAP, amoXOR, amoOR, amoAND, amoMIN, amoMAX, amoMINU, amoMAXU:
		return true
	}
	return false
}

// amo emits an LR, SC or AMO (raw: its word) at instruction k.
func (g *gen) amo(raw uint32, k int, delta uint64) {
	a := &g.a
	word := (raw>>12)&7 == 2
	size := uint64(8)
	if word {
		size = 4
	}
	rd, rs1, rs2 := uint8(raw>>7)&31, uint8(raw>>15)&31, uint8(raw>>20)&31
	ilrsc := M(regX, shadowIlrsc)
	loadOld := func(dst Reg, m Mem) {
		if word {
			a.Load32S(dst, m)
		} else {
			a.MovLoad64(dst, m)
		}
	}
	storeNew := func(m Mem, src Reg) {
		if word {
			a.MovStore32(m, src)
		} else {
			a.MovStore64(m, src)
		}
	}
	switch raw >> 27 {
	case amoLR:
		m := g.hostAddress(rs1, 0, size, false, k, delta)
		loadOld(RCX, m)
		g.load(RAX, rs1)
		a.MovStore64(ilrsc, RAX)
		g.store(rd, RCX)
		return
	case amoSC:
		// Load both operands into the cache first: the two paths below must
		// leave it in the same state, so neither may allocate.
		g.load(RAX, rs1)
		if rs2 != 0 {
			g.cache.use(g, rs2)
		}
		a.AluRM(true, CMP, RAX, ilrsc)
		fail := a.Jcc(CondNE)
		m := g.hostAddress(rs1, 0, size, true, k, delta)
		g.load(RCX, rs2)
		storeNew(m, RCX)
		a.AluRR(false, XOR, RCX, RCX)
		done := a.Jmp()
		a.Patch(fail, a.Here())
		a.MovImm(RCX, 1)
		a.Patch(done, a.Here())
		a.MovImm(RAX, ^uint64(0))
		a.MovStore64(ilrsc, RAX)
		g.store(rd, RCX)
		return
	}
	// A read-modify-write: both TLB slots must hit.
	if rs2 != 0 {
		g.cache.use(g, rs2) // before the snapshot below, so the miss exit sees it
	}
	g.tlbKey(rs1, 0, size)
	snap := g.cache.snapshot()
	a.AluRM(true, CMP, RDX, MI(regHotR, RCX, 1, 0))
	g.stubs = append(g.stubs, stub{kind: stubMemory, site: a.Jcc(CondNE), delta: delta, k: k, dirty: snap})
	a.AluRM(true, CMP, RDX, MI(regHotW, RCX, 1, 0))
	g.stubs = append(g.stubs, stub{kind: stubMemory, site: a.Jcc(CondNE), delta: delta, k: k, dirty: snap})
	a.MovLoad64(RDX, MI(regHotR, RCX, 1, 8)) // the read slot's host page
	a.MovLoad64(RCX, MI(regHotW, RCX, 1, 8)) // the write slot's host page
	a.AluRI(false, AND, RAX, 0xFFF)
	a.AluRR(true, ADD, RDX, RAX)
	a.AluRR(true, ADD, RCX, RAX)
	loadOld(RDX, M(RDX, 0)) // RDX = old value (sign-extended for W)
	g.load(RAX, rs2)        // RAX = rs2, then the new value
	switch raw >> 27 {
	case amoSWAP:
	case amoADD:
		a.AluRR(true, ADD, RAX, RDX)
	case amoXOR:
		a.AluRR(true, XOR, RAX, RDX)
	case amoOR:
		a.AluRR(true, OR, RAX, RDX)
	case amoAND:
		a.AluRR(true, AND, RAX, RDX)
	case amoMIN, amoMAX, amoMINU, amoMAXU:
		// Compare as the operation's width and signedness; keep the old
		// value where it wins.
		a.AluRR(!word, CMP, RDX, RAX)
		var c Cond
		switch raw >> 27 {
		case amoMIN:
			c = CondL
		case amoMAX:
			c = CondG
		case amoMINU:
			c = CondB
		case amoMAXU:
			c = CondA
		}
		a.Cmov(c, true, RAX, RDX)
	}
	storeNew(M(RCX, 0), RAX)
	g.store(rd, RDX)
}

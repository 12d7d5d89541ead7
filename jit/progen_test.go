package jit_test

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"

	"github.com/rivetvm/rivet/emu"
)

// The program generator of the JIT fuzz tests. From a seed and fuzz bytes it
// builds a machine image: a trap handler for M mode (and one for S mode when
// exceptions are delegated) that skips the faulting instruction, page tables
// (Sv39 or Sv48, or none), data pages, and a body of counted loops of random
// instructions, run in M, S or U mode. Loops make blocks hot, so the JIT
// translates them; everything else is chosen to reach the JIT's edges: TLB
// misses, page ends, devices, traps, self-modifying code, page-table edits,
// chunk ends and interrupts.
//
// Physical layout (RAM at 0x80000000, identity mapped when paging is on):
//
//	0x80000000 M-mode trap handler (never mapped in virtual memory)
//	0x80001000 S-mode trap handler
//	0x80002000 body: loops, the jump back to the start, functions
//	0x80010000 data pages
//	0x80020000 page tables
const (
	ramBase      = emu.RAMStart
	ramSize      = 1 << 20
	mHandlerPA   = ramBase
	sHandlerPA   = ramBase + 0x1000
	bodyPA       = ramBase + 0x2000
	bodyLimitPA  = ramBase + 0x10000
	dataPA       = ramBase + 0x10000
	dataPages    = 8
	ptPA         = ramBase + 0x20000
	ptLimitPA    = ramBase + 0x40000
	windowVA     = 0x10000000 // device and alias window (paging)
	windowPages  = 48
	megaVA       = 0x20000000 // 2 MiB page over RAM
	badMegaVA    = 0x20200000 // misaligned 2 MiB page
	gigaVA       = 0xC0000000 // 1 GiB page over RAM
	flashRWStart = 1 << 44
	flashRWLen   = 0x10000
	flashROStart = 1<<44 + 0x100000
	flashROLen   = 0x1000
)

// Register roles in generated code. Random instructions read any register
// but write only value registers (and rarely x0 or a pointer); reserved
// registers belong to the handlers (gp, tp), the loop counters (t5, t6) and
// the fetch-fault recovery address (ra).
var (
	ptrRegs = []uint32{2, 8, 9, 10, 11, 12, 18, 19}
	valRegs = []uint32{5, 6, 7, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29}
)

// chooser makes the generator's decisions: from the fuzz bytes while they
// last (so a mutated input changes programs locally), then from a PRNG
// seeded by the seed and the bytes.
type chooser struct {
	data []byte
	r    *rand.Rand
}

func newChooser(seed uint64, data []byte) *chooser {
	h := fnv.New64a()
	h.Write(data)
	return &chooser{data: data, r: rand.New(rand.NewPCG(seed, h.Sum64()))}
}

func (c *chooser) byte() uint64 {
	if len(c.data) > 0 {
		b := c.data[0]
		c.data = c.data[1:]
		return uint64(b)
	}
	return c.r.Uint64() & 0xFF
}

// intn returns a number in [0, n).
func (c *chooser) intn(n int) int {
	if n <= 1 {
		return 0
	}
	if n <= 256 {
		return int(c.byte() % uint64(n))
	}
	v := c.byte() | c.byte()<<8 | c.byte()<<16
	return int(v % uint64(n))
}

func (c *chooser) u64() uint64 {
	var v uint64
	for i := 0; i < 8; i++ {
		v |= c.byte() << (8 * i)
	}
	return v
}

// pct reports true with probability p percent.
func (c *chooser) pct(p int) bool { return c.intn(100) < p }

func (c *chooser) reg(set []uint32) uint32 { return set[c.intn(len(set))] }

func pick[T any](c *chooser, xs []T) T { return xs[c.intn(len(xs))] }

// program is one generated test case.
type program struct {
	Seed       uint64
	Regs       emu.Registers
	RAM        []byte // the image of RAM
	Flash      bool
	SoftYield  bool
	BreakOnOut bool
	Limit      uint64   // mcycle to run to
	Checks     []uint64 // mcycles at which both engines are compared
	Subs       []uint64 // extra stops of both machines (compared less fully)
	ForkAt     int      // fork the JIT machine at this check (1-based; 0: never)
	Hot        int      // the JIT's hot threshold (-1: the default)
	BodyStart  uint64
	BodyEnd    uint64
	Desc       []string // the choices, for reports
	// Prepare, when set, adjusts both machines before they run (the escape
	// test writes host addresses into guest memory).
	Prepare func(ref, fast *emu.Machine) error
}

func (p *program) String() string { return strings.Join(p.Desc, ", ") }

// pteEdit is a page-table entry the body may rewrite, with values to write.
type pteEdit struct {
	addr   uint64 // physical (= virtual) address of the PTE
	values []uint64
	va     uint64 // a virtual address it maps, for SFENCE.VMA
}

type generator struct {
	force      *shape
	plainTable bool // data page 0 is always readable (the escape test's table)
	c          *chooser
	p          *program
	img        []byte
	satpMode   uint64 // 0, 8 (Sv39) or 9 (Sv48)
	levels     int
	prv        uint64
	dataPrv    uint64 // the privilege of loads and stores (MPRV's MPP in M mode)
	delegate   bool
	nextPT     uint64
	roots      []uint64
	good       []uint64 // pointers into the data pages
	exotic     []uint64 // pointers elsewhere
	user       bool     // the body starts in U mode: privileged items are rarer
	style      string   // an item class the program favours ("": none)
	aliases    []uint64 // virtual pages that alias body pages (executable)
	// The pointer registers holding each kind at the start.
	goodRegs, exoticRegs []uint32
	edits                []pteEdit
	at                   uint64 // emission address
	fixups               []fixup
	calls                []fixup
	funcs                []uint64
	loopAt               uint64 // start of the loop being emitted
	inFunc               bool
	depth                int
}

// fixup is an instruction whose target is chosen when its loop is closed.
type fixup struct {
	at    uint64
	kind  int    // fixB, fixJAL, fixCJ, fixCB, fixSMC
	word  uint32 // the instruction template (fixCB: 1 for C.BNEZ)
	fn    int    // fixCall: the function; otherwise 1 for a backward target
	word2 uint64 // fixSMC: the store's address; fixCB: rs1' - 8
}

const (
	fixB = iota
	fixJAL
	fixCJ
	fixCB
	fixSMC
)

// generate builds the program for a seed and fuzz bytes.
func generate(seed uint64, data []byte) *program { return generateWith(seed, data, nil) }

// shape forces some of the generator's first choices (for tests of the
// harness itself).
type shape struct {
	prv      uint64
	satpMode uint64
	mprv     bool
	delegate bool
}

func generateWith(seed uint64, data []byte, force *shape) *program {
	g := &generator{c: newChooser(seed, data), img: make([]byte, ramSize), force: force}
	g.p = &program{Seed: seed, RAM: g.img, Regs: emu.DefaultRegisters(), Hot: -1}
	g.setup()
	g.body()
	g.schedule()
	return g.p
}

func (g *generator) note(format string, args ...any) {
	g.p.Desc = append(g.p.Desc, fmt.Sprintf(format, args...))
}

func (g *generator) put32(addr uint64, w uint32) {
	binary.LittleEndian.PutUint32(g.img[addr-ramBase:], w)
}

func (g *generator) put64(addr uint64, v uint64) {
	binary.LittleEndian.PutUint64(g.img[addr-ramBase:], v)
}

func (g *generator) get32(addr uint64) uint32 {
	return binary.LittleEndian.Uint32(g.img[addr-ramBase:])
}

// emit writes 32-bit instructions at the emission address.
func (g *generator) emit(ws ...uint32) {
	for _, w := range ws {
		g.put32(g.at, w)
		g.at += 4
	}
}

// emit16 writes a compressed instruction.
func (g *generator) emit16(h uint32) {
	binary.LittleEndian.PutUint16(g.img[g.at-ramBase:], uint16(h))
	g.at += 2
}

// la returns AUIPC+ADDI setting rd to target, for code at g.at.
func (g *generator) la(rd uint32, target uint64) []uint32 {
	d := int64(target - g.at)
	hi := (d + 0x800) >> 12
	lo := d - hi<<12
	return []uint32{encAUIPC(rd, uint32(hi)), encADDI(rd, rd, lo)}
}

// setup chooses the machine configuration: privilege, paging, interrupts,
// delegation, registers, FP state and memory contents.
func (g *generator) setup() {
	c, r := g.c, &g.p.Regs
	g.prv = pick(c, []uint64{emu.PrvM, emu.PrvS, emu.PrvS, emu.PrvU, emu.PrvU})
	switch {
	case c.pct(25):
		g.satpMode = 0
	case c.pct(50):
		g.satpMode, g.levels = 8, 3
	default:
		g.satpMode, g.levels = 9, 4
	}
	mprv := g.prv == emu.PrvM && g.satpMode != 0 && c.pct(60)
	g.delegate = g.prv != emu.PrvM && c.pct(50)
	if f := g.force; f != nil {
		g.prv, g.satpMode, g.levels, mprv, g.delegate = f.prv, f.satpMode, int(f.satpMode-5), f.mprv, f.delegate
	}
	g.dataPrv = g.prv
	if mprv {
		g.dataPrv = pick(c, []uint64{emu.PrvS, emu.PrvU})
	}
	if c.pct(50) {
		g.style = pick(c, []string{"alu", "mem", "fp", "ctl", "sys", "smc", "pt"})
	}
	g.note("prv %d satp mode %d mprv %v delegate %v style %q", g.prv, g.satpMode, mprv, g.delegate, g.style)
	g.p.Flash = c.pct(50)
	g.p.SoftYield = c.pct(30)
	g.p.BreakOnOut = c.pct(20)

	for i := 0; i < dataPages*4096; i += 8 {
		g.put64(dataPA+uint64(i), g.dataWord())
	}
	g.nextPT = ptPA
	if g.satpMode != 0 {
		g.roots = []uint64{g.pageTables(), g.pageTables()}
		r.Satp = g.satpMode<<60 | g.roots[0]>>12
	}
	g.pointers(mprv)
	g.handler(false)
	if g.delegate {
		g.handler(true)
		r.Medeleg = 0xB3FF &^ (1 << 11)
		r.Mideleg = pick(c, []uint64{0, 1 << 1, 1 << 5, 1 << 9, 1<<1 | 1<<5 | 1<<9})
		r.Stvec = sHandlerPA
	}
	r.Mtvec = mHandlerPA
	r.PC = bodyPA
	r.Iprv = g.prv

	ms := uint64(emu.MstatusInit)
	fs := pick(c, []uint64{1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0})
	ms |= fs << 13
	if c.pct(40) {
		ms |= 1 << 18 // SUM
	}
	if c.pct(30) {
		ms |= 1 << 19 // MXR
	}
	if mprv {
		ms |= 1<<17 | g.dataPrv<<11
	}
	if c.pct(50) {
		ms |= 1 << 3 // MIE
	}
	if c.pct(50) {
		ms |= 1 << 1 // SIE
	}
	r.Mstatus = ms
	r.Mie = uint64(c.intn(1<<12)) & (1<<1 | 1<<3 | 1<<5 | 1<<7 | 1<<9 | 1<<11)
	if c.pct(30) {
		r.Mip = pick(c, []uint64{1 << 1, 1 << 5, 1 << 9, 1<<1 | 1<<5})
	}
	r.ClintMtimecmp = pick(c, []uint64{0, 1, 2, 3, 5, 8, ^uint64(0)})
	r.Fcsr = uint64(pick(c, []int{0, 1, 2, 3, 4, 7, 5, 0, 0}))<<5 | uint64(c.intn(32))
	for i := range r.F {
		r.F[i] = fpSpecial(c)
	}
	for _, x := range valRegs {
		r.X[x] = g.value()
	}
	for _, x := range ptrRegs {
		if x != rSP && c.pct(30) {
			r.X[x] = pick(c, g.exotic)
			g.exoticRegs = append(g.exoticRegs, x)
		} else {
			r.X[x] = pick(c, g.good)
			g.goodRegs = append(g.goodRegs, x)
		}
	}
	if len(g.exoticRegs) == 0 {
		g.exoticRegs = []uint32{rZero}
	}
	if c.pct(50) {
		r.Mcounteren, r.Scounteren = 7, 7
	}
	r.X[rRA] = bodyPA
	if g.prv == emu.PrvU {
		g.user = true
	}
	if c.pct(10) {
		r.Imcyclemax = 5000 + uint64(c.intn(60000))
		g.note("imcyclemax %d", r.Imcyclemax)
	}
	g.note("mstatus %#x mie %#x mip %#x mtimecmp %#x fcsr %#x", r.Mstatus, r.Mie, r.Mip, r.ClintMtimecmp, r.Fcsr)
}

// dataWord is a value for the data pages: random bits, FP specials and
// pointer-like values.
func (g *generator) dataWord() uint64 {
	c := g.c
	switch c.intn(6) {
	case 0:
		return 0
	case 1:
		return fpSpecial(c)
	case 2:
		return dataPA + uint64(c.intn(dataPages*4096))
	default:
		return c.r.Uint64() // not from the fuzz bytes: pages are large
	}
}

// value is an interesting integer.
func (g *generator) value() uint64 {
	c := g.c
	vals := []uint64{0, 1, 2, ^uint64(0), 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 1 << 63, 1<<63 - 1,
		0xFFFFFFFF80000000, 63, 64, 31, 32, 0x8000, 0xFFFF, 4095, 4096, 0x7FF, 0x800}
	switch c.intn(4) {
	case 0:
		return pick(c, vals)
	case 1:
		return uint64(int64(int8(c.byte())))
	case 2:
		return fpSpecial(c)
	}
	return c.u64()
}

// fpSpecial is an FP bit pattern: special single (NaN-boxed or not) and
// double values.
func fpSpecial(c *chooser) uint64 {
	singles := []uint32{0, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000,
		0x7F800001, 0xFFC00000, 0x00000001, 0x007FFFFF, 0x00800000, 0x7F7FFFFF, 0x4F000000,
		0xCF000000, 0x5F000000, 0xDF000000, 0x3F000000, 0x40400000, 0x4B000000}
	doubles := []uint64{0, 1 << 63, 0x3FF0000000000000, 0xBFF0000000000000, 0x7FF0000000000000,
		0xFFF0000000000000, 0x7FF8000000000000, 0x7FF0000000000001, 0xFFF8000000000000, 1,
		0x000FFFFFFFFFFFFF, 0x0010000000000000, 0x7FEFFFFFFFFFFFFF, 0x43E0000000000000,
		0xC3E0000000000000, 0x43F0000000000000, 0x41E0000000000000, 0xC1E0000000000000,
		0x3FE0000000000000, 0x4330000000000000, 0x3FF8000000000000}
	switch c.intn(5) {
	case 0, 1:
		return 0xFFFFFFFF00000000 | uint64(pick(c, singles))
	case 2:
		return uint64(pick(c, singles)) | uint64(c.byte())<<40 // not NaN-boxed
	default:
		return pick(c, doubles)
	}
}

// ---- page tables ----

func (g *generator) allocPT() uint64 {
	if g.nextPT >= ptLimitPA {
		panic("progen: page-table pool exhausted")
	}
	a := g.nextPT
	g.nextPT += 4096
	return a
}

const (
	pteV = 1 << 0
	pteR = 1 << 1
	pteW = 1 << 2
	pteX = 1 << 3
	pteU = 1 << 4
	pteG = 1 << 5
	pteA = 1 << 6
	pteD = 1 << 7
)

func leafPTE(pa uint64, flags uint64) uint64 { return pa>>12<<10 | flags }

// ptSlot returns the address of the PTE for va at a level (0: the leaf
// level of 4 KiB pages), creating the tables above it.
func (g *generator) ptSlot(root, va uint64, level int) uint64 {
	table := root
	for l := g.levels - 1; l > level; l-- {
		idx := va >> (12 + 9*uint(l)) & 511
		slot := table + idx*8
		pte := binary.LittleEndian.Uint64(g.img[slot-ramBase:])
		if pte&pteV == 0 {
			next := g.allocPT()
			pte = next>>12<<10 | pteV
			g.put64(slot, pte)
		}
		table = pte >> 10 << 12
	}
	return table + (va>>(12+9*uint(level))&511)*8
}

func (g *generator) mapPage(root, va, pa, flags uint64) uint64 {
	slot := g.ptSlot(root, va, 0)
	g.put64(slot, leafPTE(pa, flags))
	return slot
}

// pageTables builds one set of tables and returns its root.
func (g *generator) pageTables() uint64 {
	c := g.c
	root := g.allocPT()
	user, codeUser := uint64(0), uint64(0)
	if g.dataPrv == emu.PrvU {
		user = pteU
	}
	if g.prv == emu.PrvU {
		codeUser = pteU
	}
	ad := uint64(pteA | pteD)
	// The S handler and the page tables: supervisor only.
	g.mapPage(root, sHandlerPA, sHandlerPA, pteV|pteR|pteX|ad)
	for a := uint64(ptPA); a < ptLimitPA; a += 4096 {
		g.mapPage(root, a, a, pteV|pteR|pteW|ad)
	}
	// The body: executable, usually writable (self-modifying code).
	for a := uint64(bodyPA); a < bodyLimitPA; a += 4096 {
		fl := pteV | pteR | pteX | ad | codeUser
		if c.pct(75) {
			fl |= pteW
		}
		slot := g.mapPage(root, a, a, fl)
		g.edits = append(g.edits, pteEdit{addr: slot, va: a, values: []uint64{leafPTE(a, fl^pteW), leafPTE(a, fl)}})
	}
	// Data pages: mostly plain, some with odd permissions.
	for i := uint64(0); i < dataPages; i++ {
		a := dataPA + i*4096
		fl := pteV | pteR | pteW | ad | user
		if g.dataPrv == emu.PrvS && c.pct(20) && !(i == 0 && g.plainTable) {
			fl |= pteU // reachable only with SUM
		}
		if c.pct(8) && !(i == 0 && g.plainTable) {
			fl ^= pick(c, []uint64{pteA, pteD, pteW, pteR, pteR | pteX, pteV})
		}
		slot := g.mapPage(root, a, a, fl)
		g.edits = append(g.edits, pteEdit{addr: slot, va: a, values: g.pteValues(a, user)})
	}
	// The window: devices, aliases of code and data, and bad entries.
	targets := g.windowTargets()
	for i := uint64(0); i < windowPages; i++ {
		va := windowVA + i*4096
		t := pick(c, targets)
		fl := pteV | pteR | pteW | ad | user
		if c.pct(20) {
			fl ^= pick(c, []uint64{pteA, pteD, pteW, pteX, pteU, pteR | pteW})
		}
		var pte uint64
		switch {
		case t == 1: // invalid
			pte = 0
		case t == 2: // reserved bits
			pte = leafPTE(dataPA, fl) | 1<<(54+uint(c.intn(10)))
		case t == 3: // a pointer at the leaf level
			pte = leafPTE(dataPA, pteV)
		default:
			pte = leafPTE(t, fl)
		}
		slot := g.ptSlot(root, va, 0)
		g.put64(slot, pte)
		g.edits = append(g.edits, pteEdit{addr: slot, va: va, values: g.pteValues(t, user)})
	}
	// Superpages: a 2 MiB page over RAM, a misaligned one, a 1 GiB page.
	fl := pteV | pteR | pteW | ad | user
	slot := g.ptSlot(root, megaVA, 1)
	g.put64(slot, leafPTE(ramBase, fl))
	// Besides leaves, the 2 MiB slot may point at a body page as a table:
	// the walker then reads instructions as PTEs and sets their A and D
	// bits, rewriting code that may be translated.
	codeTable := (bodyPA + uint64(c.intn(8))*4096) >> 12 << 10
	g.edits = append(g.edits, pteEdit{addr: slot, va: megaVA + uint64(c.intn(512))*4096,
		values: []uint64{leafPTE(ramBase, fl|pteX), leafPTE(ramBase+0x1000, fl), 0, codeTable | pteV, codeTable | pteV}})
	g.put64(g.ptSlot(root, badMegaVA, 1), leafPTE(ramBase+0x1000, fl))
	if g.levels == 3 {
		g.put64(g.ptSlot(root, gigaVA, 2), leafPTE(ramBase, fl))
	}
	// The top of the address space, and the top of the lower half.
	top := ^uint64(0) &^ 0xFFF
	half := uint64(1)<<(12+9*uint(g.levels)-1) - 4096
	for _, va := range []uint64{top, top - 4096, half} {
		slot := g.mapPage(root, va, dataPA+uint64(c.intn(dataPages))*4096, fl)
		g.edits = append(g.edits, pteEdit{addr: slot, va: va, values: g.pteValues(dataPA, user)})
	}
	// Code aliases: body pages also executable at the top of the address
	// space (running off its end wraps to 0) and in the window, so the same
	// translated page runs at two addresses.
	for _, va := range []uint64{top, windowVA} {
		if c.pct(60) {
			pa := bodyPA + uint64(c.intn(8))*4096
			g.mapPage(root, va, pa, pteV|pteR|pteX|ad|codeUser)
			g.aliases = append(g.aliases, va)
		}
	}
	return root
}

// windowTargets lists physical pages for window entries (1, 2 and 3 stand
// for an invalid entry, reserved bits and a leaf-level pointer).
func (g *generator) windowTargets() []uint64 {
	ts := []uint64{
		emu.CLINTStart, emu.CLINTStart + 0x4000, emu.CLINTStart + 0xB000,
		emu.HTIFStart, emu.PLICStart, emu.PLICStart + 0x1000, emu.PLICStart + 0x2000, emu.PLICStart + 0x200000,
		emu.CMIORxStart, emu.CMIOTxStart, emu.DTBStart, emu.PMAsStart, 0, 0x1000,
		emu.UarchRAMStart, 0x30000000, ramBase + ramSize, 1<<56 - 4096, (1<<44 - 1) << 12,
		1, 2, 3, ptPA,
	}
	for i := 0; i < 4; i++ {
		ts = append(ts, bodyPA+uint64(g.c.intn(int(bodyLimitPA-bodyPA)/4096))*4096)
		ts = append(ts, dataPA+uint64(g.c.intn(dataPages))*4096)
	}
	if g.p.Flash {
		ts = append(ts, flashRWStart, flashRWStart+0x1000, flashROStart)
	}
	return ts
}

// pteValues are replacement values for an entry mapping pa.
func (g *generator) pteValues(pa uint64, user uint64) []uint64 {
	if pa < 4 {
		pa = dataPA
	}
	ad := uint64(pteA | pteD)
	return []uint64{
		leafPTE(pa, pteV|pteR|pteW|ad|user),
		leafPTE(pa, pteV|pteR|ad|user),
		leafPTE(pa, pteV|pteR|pteW|user),
		leafPTE(pa, pteV|pteX|ad|user),
		leafPTE(dataPA+uint64(g.c.intn(dataPages))*4096, pteV|pteR|pteW|ad|user),
		leafPTE(bodyPA+uint64(g.c.intn(8))*4096, pteV|pteR|pteW|pteX|ad|user),
		leafPTE(emu.HTIFStart, pteV|pteR|pteW|ad|user),
		leafPTE(emu.CLINTStart+0x4000, pteV|pteR|pteW|ad|user),
		leafPTE(0x30000000, pteV|pteR|pteW|ad|user),
		0,
		leafPTE(pa, pteV|pteR|pteW|ad|user) ^ pteU,
	}
}

// pointers fills g.good with addresses in the data pages (and a few in the
// body, for self-modifying code) and g.exotic with addresses that reach
// devices, unmapped ranges, bad mappings, the wrap-around and huge values.
// Pointers lie near page ends, mostly 8-aligned.
func (g *generator) pointers(virtual bool) {
	c := g.c
	virtual = virtual || g.satpMode != 0 && g.prv != emu.PrvM
	var good, exotic []uint64
	for i := uint64(0); i < dataPages; i++ {
		good = append(good, dataPA+i*4096)
	}
	good = append(good, bodyPA+uint64(c.intn(12))*4096)
	if virtual {
		for i := 0; i < 12; i++ {
			exotic = append(exotic, windowVA+uint64(c.intn(windowPages))*4096)
		}
		exotic = append(exotic, megaVA, megaVA+0x10000, megaVA+0x100000, badMegaVA, gigaVA+0x10000,
			^uint64(0)&^0xFFF, ^uint64(0)&^0x1FFF, uint64(1)<<(12+9*uint(g.levels)-1)-4096,
			uint64(1)<<(12+9*uint(g.levels)-1), ptPA)
	} else {
		exotic = append(exotic, emu.CLINTStart, emu.CLINTStart+0x4000, emu.CLINTStart+0xB000,
			emu.HTIFStart, emu.PLICStart, emu.PLICStart+0x1000, emu.PLICStart+0x200000,
			emu.CMIORxStart, emu.CMIOTxStart, emu.DTBStart, emu.PMAsStart, 0, 0x1000, emu.UarchRAMStart,
			0x30000000, ramBase+ramSize, ramBase+ramSize-4096, 1<<56-4096, 1<<56, ^uint64(0)&^0xFFF, ptPA)
		if g.p.Flash {
			exotic = append(exotic, flashRWStart, flashRWStart+0xF000, flashROStart)
		}
	}
	at := func(page uint64, odd bool) uint64 {
		var off uint64
		switch c.intn(10) {
		case 0:
			off = 0
		case 1:
			off = 4096 - uint64(pick(c, []int{8, 1, 2, 3, 4, 6}))
			if !odd {
				off = 4096 - 8
			}
		case 2, 3, 4:
			off = 4096 - uint64(pick(c, []int{8, 16, 24, 32, 64}))
		case 5:
			off = uint64(c.intn(4096))
			if !odd {
				off &^= 7
			}
		case 6, 7:
			off = uint64(c.intn(512)) * 8
		default:
			off = 2048 + uint64(c.intn(8))*8 // reaches the next page with a large offset
		}
		return page + off
	}
	for i := 0; i < 16; i++ {
		g.good = append(g.good, at(pick(c, good), false))
		g.exotic = append(g.exotic, at(pick(c, exotic), true))
	}
	g.exotic = append(g.exotic, 0, ^uint64(0), 1<<63, c.u64(), ^uint64(0)-7)
}

// handler writes the trap handler for M mode (or S mode): interrupts are
// disabled in mie/sie and returned from; fetch faults resume at ra when ra
// is in the body, else at the body's start; any other exception skips the
// instruction at xepc, read as the trapped mode reads it (MPRV, or SUM, plus
// MXR). A fault of that read lands in a second vector that resumes as a
// fetch fault does.
func (g *generator) handler(super bool) {
	csr := map[string]uint32{"cause": 0x342, "epc": 0x341, "status": 0x300, "tvec": 0x305, "scratch": 0x340, "ie": 0x304}
	ret := uint32(wordMRET)
	bits := uint32(0xA0) // MPRV | MXR, as LUI's immediate
	g.at = mHandlerPA
	if super {
		csr = map[string]uint32{"cause": 0x142, "epc": 0x141, "status": 0x100, "tvec": 0x105, "scratch": 0x140, "ie": 0x104}
		ret, bits, g.at = wordSRET, 0xC0, sHandlerPA // SUM | MXR
	}
	const t0, gp, tp = rT0, rGP, rTP
	h := g.at
	// Layout (32-bit instructions only, so every label is 4-aligned):
	// H+0 dispatch on cause.
	g.emit(encCSRR(tp, csr["cause"]))
	intr := g.at
	g.emit(0) // blt tp, x0, INTR: patched
	rec1 := g.at
	g.emit(encADDI(gp, tp, -12), 0, encADDI(gp, tp, -1), 0, 0) // patched branches to REC
	// Code outside the body (a wild jump into data) resumes too.
	g.emit(encCSRR(tp, csr["epc"]))
	g.emit(g.la(gp, bodyPA)...)
	out1 := g.at
	g.emit(0) // bltu tp, gp, REC
	g.emit(g.la(gp, bodyLimitPA)...)
	out2 := g.at
	g.emit(0) // bgeu tp, gp, REC
	g.emit(encCSRW(csr["scratch"], t0), encCSRR(gp, csr["status"]))
	nestLA := g.at
	g.emit(0, 0, encCSRW(csr["tvec"], t0)) // la t0, N: patched
	g.emit(encLUI(t0, bits), encCSRS(csr["status"], t0))
	g.emit(encLoad(5, t0, tp, 0)) // lhu t0, 0(tp)
	g.emit(encCSRW(csr["status"], gp))
	g.emit(g.la(gp, h)...)
	g.emit(encCSRW(csr["tvec"], gp))
	g.emit(encANDI(t0, t0, 3), encADDI(t0, t0, -3), encADDI(tp, tp, 2), encBNE(t0, rZero, 8), encADDI(tp, tp, 2))
	g.emit(encCSRW(csr["epc"], tp), encCSRR(t0, csr["scratch"]), ret)
	// N: the read faulted; gp and tp still hold the status and epc.
	nested := g.at
	g.emit(encCSRW(csr["status"], gp))
	g.emit(g.la(gp, h)...)
	g.emit(encCSRW(csr["tvec"], gp), encCSRR(t0, csr["scratch"]))
	jrec := g.at
	g.emit(0) // jal x0, REC
	// REC: resume at ra if it lies in the body.
	rec := g.at
	g.emit(g.la(gp, bodyPA)...)
	skip := 4 * int64(len(g.restoreCode(super)))
	g.emit(encB(24+skip, gp, rRA, 6)) // bltu ra, gp, body start
	g.emit(g.la(tp, bodyLimitPA)...)
	g.emit(encB(12+skip, tp, rRA, 7)) // bgeu ra, tp, body start
	g.emit(encCSRW(csr["epc"], rRA))
	g.restorePrivilege(super)
	g.emit(ret)
	g.emit(encCSRW(csr["epc"], gp))
	g.restorePrivilege(super)
	g.emit(ret)
	// INTR: clear the interrupt's enable bit.
	in := g.at
	g.emit(encSLLI(tp, tp, 1), encI(1, tp, 5, tp, opImm)) // slli 1; srli 1
	g.emit(encADDI(gp, rZero, 1), encR(0, tp, gp, 1, gp, opOp))
	g.emit(encCSRC(csr["ie"], gp), ret)

	g.put32(intr, encBLT(tp, rZero, int64(in-intr)))
	g.put32(rec1+4, encBEQ(gp, rZero, int64(rec-(rec1+4))))
	g.put32(rec1+12, encBEQ(gp, rZero, int64(rec-(rec1+12))))
	g.put32(rec1+16, encBEQ(tp, rZero, int64(rec-(rec1+16))))
	g.put32(out1, encB(int64(rec-out1), gp, tp, 6))
	g.put32(out2, encB(int64(rec-out2), gp, tp, 7))
	save := g.at
	g.at = nestLA
	la := g.la(t0, nested)
	g.put32(nestLA, la[0])
	g.put32(nestLA+4, la[1])
	g.put32(jrec, encJAL(rZero, int64(rec-jrec)))
	g.at = save
}

// restoreCode returns the words that make the M handler's MRET return to
// the privilege the body started in (code that dropped to a mode its pages
// are not mapped for would fault forever); none for the S handler.
func (g *generator) restoreCode(super bool) []uint32 {
	if super {
		return nil
	}
	return []uint32{encLUI(rTP, 2), encADDI(rTP, rTP, -2048), encCSRC(0x300, rTP), // 3<<11
		encADDI(rTP, rZero, int64(g.prv)), encSLLI(rTP, rTP, 11), encCSRS(0x300, rTP)}
}

func (g *generator) restorePrivilege(super bool) { g.emit(g.restoreCode(super)...) }

// schedule picks the run length, the comparison points and the extra stops.
func (g *generator) schedule() {
	c, p := g.c, g.p
	p.Limit = 8000 + uint64(c.intn(60000))
	if c.pct(20) {
		p.Limit += 8192 * uint64(c.intn(8)) // cross more timer ticks
	}
	n := 2 + c.intn(6)
	for i := 0; i < n; i++ {
		p.Checks = append(p.Checks, 1+uint64(c.intn(int(p.Limit))))
	}
	p.Checks = append(p.Checks, p.Limit)
	for i := 0; i < 4+c.intn(24); i++ {
		s := 1 + uint64(c.intn(int(p.Limit)))
		p.Subs = append(p.Subs, s)
		if c.pct(30) { // consecutive one-cycle stops
			for k := uint64(1); k <= uint64(1+c.intn(4)); k++ {
				p.Subs = append(p.Subs, s+k)
			}
		}
		if c.pct(20) { // a tick boundary
			p.Subs = append(p.Subs, (s/8192+1)*8192-uint64(c.intn(3)))
		}
	}
	if c.pct(20) { // single-step a window: the engines stop at every instruction
		s := uint64(c.intn(int(p.Limit)))
		for k := uint64(1); k <= uint64(100+c.intn(300)); k++ {
			p.Subs = append(p.Subs, s+k)
		}
	}
	// Sometimes mcycle starts high, or so close to 2^64-1 that the run ends
	// there ("mcycle overflow"; finding J1).
	if c.pct(12) {
		base := pick(c, []uint64{1<<32 - 5000, 1<<63 - 3000, 1<<64 - 1<<40, c.u64() >> 2, ^uint64(0) - uint64(c.intn(int(p.Limit)))})
		base -= base % 8192 * uint64(c.intn(2)) // on a tick or not
		add := func(v uint64) uint64 { return v + min(base, ^uint64(0)-v) }
		p.Regs.Mcycle = base
		if p.Regs.Imcyclemax != ^uint64(0) {
			p.Regs.Imcyclemax = add(p.Regs.Imcyclemax)
		}
		p.Limit = add(p.Limit)
		for i := range p.Checks {
			p.Checks[i] = add(p.Checks[i])
		}
		for i := range p.Subs {
			p.Subs[i] = add(p.Subs[i])
		}
		g.note("mcycle starts at %#x", base)
	}
	p.Checks = sortedUnique(p.Checks)
	p.Subs = sortedUnique(p.Subs)
	if len(p.Checks) > 1 && c.pct(25) {
		p.ForkAt = 1 + c.intn(len(p.Checks)-1)
	}
	if c.pct(40) { // translate sooner: straight-line code and handlers too
		p.Hot = pick(c, []int{0, 0, 1, 2, 5})
		g.note("hot threshold %d", p.Hot)
	}
	g.note("limit %d", p.Limit)
}

func sortedUnique(xs []uint64) []uint64 {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
	out := xs[:0]
	for i, x := range xs {
		if x != 0 && (i == 0 || x != xs[i-1]) {
			out = append(out, x)
		}
	}
	return out
}

package difftest

import (
	"fmt"
	"math/rand"
)

// GenOptions shape generated programs.
type GenOptions struct {
	MaxSegments int // 1..maxSegments
	MaxItems    int // items per segment, at most
	AllowFloat  bool
	// Avoid names known differences the generator should not provoke, so
	// that other differences can be found while they are open:
	//   "csrrci": CSRRCI with a non-zero immediate (finding F1)
	Avoid map[string]bool
	// Weights overrides the weights of item kinds by name (see itemKinds),
	// to focus a campaign (for example on CSRs or on the MMU).
	Weights map[string]int
}

// DefaultGenOptions are the options the tester uses unless told otherwise.
func DefaultGenOptions() GenOptions {
	return GenOptions{MaxSegments: 6, MaxItems: 80}
}

// PTE bits.
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

// mstatus bits.
const (
	msSIE  = 1 << 1
	msMIE  = 1 << 3
	msSPIE = 1 << 5
	msMPIE = 1 << 7
	msSPP  = 1 << 8
	msMPP  = 3 << 11
	msFS   = 3 << 13
	msMPRV = 1 << 17
	msSUM  = 1 << 18
	msMXR  = 1 << 19
	msTVM  = 1 << 20
	msTW   = 1 << 21
	msTSR  = 1 << 22
)

// gen holds the state of one program's generation.
type gen struct {
	r      *rand.Rand
	opts   GenOptions
	p      *Program
	ptNext uint64
	label  int
	tables map[int]*segTables
	// logSlot numbers the result log's slots.
	logSlot int
}

// Generate makes the program for a seed. The same seed and options always
// give the same program.
func Generate(seed int64, opts GenOptions) *Program {
	g := &gen{r: rand.New(rand.NewSource(seed)), opts: opts, ptNext: ptPoolBase}
	if g.opts.MaxSegments < 1 || g.opts.MaxSegments > maxSegments {
		g.opts.MaxSegments = maxSegments
	}
	if g.opts.MaxItems < 1 {
		g.opts.MaxItems = 1
	}
	p := &Program{Seed: seed, PTEs: map[uint64]uint64{}}
	g.p = p
	p.KData = make([]uint64, 0x8000/8)
	for i := range p.KData {
		p.KData[i] = g.value()
	}
	p.UData = make([]uint64, 0x4000/8)
	for i := range p.UData {
		p.UData[i] = g.value()
	}
	p.RAMEndStraddle = g.chance(0.15)
	nseg := 1 + g.r.Intn(g.opts.MaxSegments)
	// Segment indexes are distinct, so each has its own code area.
	perm := g.r.Perm(maxSegments)
	for i := 0; i < nseg; i++ {
		p.Segments = append(p.Segments, g.segment(perm[i]))
	}
	return p
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) pick(n int) int { return g.r.Intn(n) }

func (g *gen) newLabel() string {
	g.label++
	return fmt.Sprintf(".L%d", g.label)
}

// value draws a 64-bit value biased toward edge cases.
func (g *gen) value() uint64 {
	switch g.pick(12) {
	case 0:
		return 0
	case 1:
		return uint64(g.r.Intn(16))
	case 2:
		return ^uint64(0) - uint64(g.r.Intn(4))
	case 3:
		return 1 << uint(g.r.Intn(64))
	case 4:
		return (1 << uint(g.r.Intn(64))) - 1
	case 5:
		return []uint64{0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x8000000000000000, 0x7FFFFFFFFFFFFFFF, 0xFFFFFFFF80000000}[g.pick(6)]
	case 6:
		return uint64(int64(int32(g.r.Uint32())))
	case 7:
		return uint64(g.r.Uint32())
	default:
		return g.r.Uint64()
	}
}

func (g *gen) imm12() int32 {
	switch g.pick(6) {
	case 0:
		return 0
	case 1:
		return -1
	case 2:
		return []int32{2047, -2048, 1, -2048 + 1, 2046}[g.pick(5)]
	default:
		return int32(g.r.Intn(4096)) - 2048
	}
}

func (g *gen) wreg() uint32 { return writable[g.pick(len(writable))] }
func (g *gen) wregNZ() uint32 {
	for {
		if r := g.wreg(); r != 0 {
			return r
		}
	}
}
func (g *gen) anyReg() uint32 { return uint32(g.pick(32)) }
func (g *gen) cReg() uint32   { return writableC[g.pick(len(writableC))] }
func (g *gen) cAny() uint32   { return uint32(8 + g.pick(8)) }
func (g *gen) ptr() uint32    { return pointers[g.pick(len(pointers))] }

// tmp returns distinct writable non-zero registers for snippet temporaries.
func (g *gen) tmps(n int) []uint32 {
	var out []uint32
	for len(out) < n {
		r := g.wregNZ()
		dup := false
		for _, o := range out {
			dup = dup || o == r
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

// tmpsOutsideC is tmps without x8..x15 (so compressed forms cannot write them).
func (g *gen) tmpsOutsideC(n int) []uint32 {
	var out []uint32
	for len(out) < n {
		r := g.wregNZ()
		dup := r >= 8 && r <= 15
		for _, o := range out {
			dup = dup || o == r
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out
}

func rn(r uint32) string { return regNames[r] }

// segment draws one segment's configuration, page tables and items.
func (g *gen) segment(index int) *Segment {
	s := &Segment{Index: index}
	switch g.pick(10) {
	case 0, 1, 2:
		s.Priv = prvM
	case 3, 4, 5, 6:
		s.Priv = prvS
	default:
		s.Priv = prvU
	}
	mode := modeBare
	switch g.pick(10) {
	case 0, 1, 2, 3:
		mode = modeSv39
	case 4, 5, 6:
		mode = modeSv48
	}
	if mode != modeBare && g.ptNext+10*0x1000 > ptPoolEnd {
		mode = modeBare
	}
	if mode != modeBare {
		g.pageTables(s, mode)
	}
	ms := uint64(0xA00000000) // UXL = SXL = 2
	ms |= uint64(s.Priv) << 11
	if s.Priv == prvM && g.chance(0.5) {
		ms |= msMPIE
	}
	if g.chance(0.5) {
		ms |= msSIE
	}
	if g.chance(0.3) {
		// FS on: the FP CSRs (fflags, frm, fcsr) become accessible (no F/D
		// instruction is generated unless AllowFloat).
		ms |= uint64(1+g.pick(3)) << 13
	}
	for _, b := range []uint64{msSUM, msMXR, msTVM, msTW, msTSR, msSPIE, msSPP} {
		if g.chance(0.25) {
			ms |= b
		}
	}
	s.Mstatus = ms
	// Exceptions that may be delegated: never ECALL from S (9), which the
	// harness uses to get back to M.
	for _, c := range []uint{0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 15} {
		if g.chance(0.35) {
			s.Medeleg |= 1 << c
		}
	}
	if g.chance(0.1) {
		s.Medeleg |= g.r.Uint64() &^ (1 << 9)
	}
	for _, c := range []uint{1, 5, 9} {
		if g.chance(0.4) {
			s.Mideleg |= 1 << c
		}
	}
	for _, c := range []uint{1, 3, 5, 7, 9, 11} {
		if g.chance(0.4) {
			s.Mie |= 1 << c
		}
	}
	for _, c := range []uint{1, 5, 9} {
		if g.chance(0.1) {
			s.Mip |= 1 << c
		}
	}
	if s.Mstatus&msTSR != 0 {
		// The S handler returns with SRET, which TSR makes illegal.
		s.Medeleg, s.Mideleg = 0, 0
	}
	s.Mcounter = g.r.Uint64() & 7
	s.Scounter = g.r.Uint64() & 7
	if g.chance(0.5) {
		s.Mcounter = 7
		s.Scounter = 7
	}
	if g.chance(0.2) {
		s.Menvcfg = g.value()
	}
	if g.chance(0.2) {
		s.Senvcfg = g.value()
	}
	s.MtvecVectored = g.chance(0.3)
	s.StvecVectored = g.chance(0.3)
	if g.chance(0.3) {
		s.TimecmpDelta = 1 + uint64(g.pick(3))
	}
	s.Msip = g.chance(0.08)
	for r := range s.Regs {
		s.Regs[r] = g.value()
	}
	for _, r := range pointers {
		s.Ptrs[r] = g.dataPtr(s, 8)
	}
	// Straddle functions.
	ns := g.pick(maxStraddles + 1)
	for j := 0; j < ns; j++ {
		s.Straddles = append(s.Straddles, Straddle{Insn: g.straddleInsn()})
		if s.Satp != 0 && g.chance(0.7) {
			g.perturbPage(s, s.StraddleAddr(j)+2)
		}
	}
	n := 1 + g.pick(g.opts.MaxItems)
	for i := 0; i < n; i++ {
		s.Items = append(s.Items, g.item(s))
	}
	return s
}

// straddleInsn is the 4-byte instruction of a straddle function.
func (g *gen) straddleInsn() string {
	switch g.pick(3) {
	case 0:
		return fmt.Sprintf("addi a0, a0, %d", g.imm12())
	case 1:
		return fmt.Sprintf("ld a1, %d(%s)", 8*g.pick(16), rn(g.ptr()))
	default:
		return fmt.Sprintf("xor a2, a2, %s", rn(g.anyReg()))
	}
}

// dataPtr is an address in the data region the segment can normally use.
func (g *gen) dataPtr(s *Segment, align uint64) uint64 {
	base, span := uint64(kdataBase+0x1000), uint64(0x6000)
	if s.Priv == prvU || (s.Priv == prvS && s.Mstatus&msSUM != 0 && g.chance(0.3)) {
		base, span = udataBase+0x1000, 0x2000
	}
	if g.chance(0.1) {
		span = 0x70000
	}
	return (base + uint64(g.r.Int63n(int64(span)))) &^ (align - 1)
}

// windowPtr is an address in the test mappings (paging) or the same
// addresses taken physically (bare).
func (g *gen) windowPtr() uint64 {
	switch g.pick(8) {
	case 0, 1, 2:
		k := uint64(g.pick(64))
		if k == 8 { // 0x40008000 is HTIF's tohost when taken physically
			k = 9
		}
		return 0x40000000 + k*0x1000 + uint64(g.pick(0x1000))&^7
	case 3:
		return 0x40200000 + []uint64{0x80000, 0x10000, 0x0, 0x1F000}[g.pick(4)] + uint64(g.pick(0x800))&^7
	case 4:
		return 0xC0000000 + []uint64{0x80000, 0x100000, 0x2004000, 0x2000000}[g.pick(4)] + uint64(g.pick(0x100))&^7
	case 5:
		return []uint64{0xFFFFFFFFC0080000, 0xFFFF800080080000, 0xFFFFFFC000080000, 0xFFFF800000100000}[g.pick(4)] + uint64(g.pick(0x100))&^7
	case 6: // non-canonical
		return []uint64{0x0000004000000000, 0x0000800000000000, 0x8000000080080000, 0x00007FFFFFFFF000}[g.pick(4)]
	default:
		return 0x4003F000 // maps the gadget page in the test tables
	}
}

// devicePtr is an address of a device register or an unusual range.
func (g *gen) devicePtr() uint64 {
	list := []uint64{
		clintMsip, clintMsip + 4, clintCmp, clintCmp + 4, clintMtime, clintBase + 0x8000,
		htifBase + 8, htifBase + 0x10, htifBase + 0x18, htifBase + 0x20, htifBase + 0x28, htifBase + 0x800,
		plicBase, plicBase + 4, plicBase + 0x1000, plicBase + 0x2000, plicBase + 0x200000, plicBase + 0x200004, plicBase + 0x3FFFF8,
		pmaBase, pmaBase + 8, pmaBase + 0x100, rxBase, rxBase + 0x1000, txBase, txBase + 0x1F8,
		dtbBase, dtbBase + 0x40, 0x0, 0x100, 0x1008, 0x6FF8, uarchShadow, uarchRAMBase,
		0x1000000, 0x80400000, 0x803FFFF8, 0xFFFFFFFFFFFFFFF8, 0x00FFFFFFFFFFF000, 0x100000000000000,
	}
	return list[g.pick(len(list))]
}

// anyPtr mixes the kinds of addresses.
func (g *gen) anyPtr(s *Segment) uint64 {
	switch g.pick(10) {
	case 0, 1, 2, 3:
		return g.dataPtr(s, 1)
	case 4, 5, 6:
		return g.windowPtr()
	case 7, 8:
		return g.devicePtr()
	default:
		return g.value()
	}
}

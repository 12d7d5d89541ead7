package difftest

import (
	"fmt"
	"sort"
	"strings"
)

// Program is one generated test program: a harness (boot code, trap
// handlers, one set-up block per segment) and a list of segments, each a run
// of items executed at one privilege level under one configuration.
// Everything is chosen when the program is generated; rendering only lays
// it out, so removing items (minimisation) leaves the rest unchanged.
type Program struct {
	Seed     int64
	Segments []*Segment
	// PTEs holds every non-zero page-table entry, by physical address.
	PTEs map[uint64]uint64
	// KData and UData initialise the first bytes of the data regions.
	KData, UData []uint64
	// RAMEndStraddle places the first half of a 4-byte instruction in the
	// last two bytes of RAM.
	RAMEndStraddle bool
}

// Segment is a run of items at one privilege level.
type Segment struct {
	Index    int
	Priv     int    // prvM, prvS or prvU
	Satp     uint64 // satp while the segment runs
	SatpAlt  uint64 // another valid satp (same mode and tables, other test mappings)
	Mstatus  uint64 // written before MRET; MPP selects Priv
	Medeleg  uint64
	Mideleg  uint64
	Mie      uint64
	Mip      uint64 // supervisor bits set before entry
	Mcounter uint64
	Scounter uint64
	Menvcfg  uint64
	Senvcfg  uint64
	// MtvecVectored and StvecVectored select vectored trap entry.
	MtvecVectored, StvecVectored bool
	// TimecmpDelta > 0 sets mtimecmp to time+TimecmpDelta before entry.
	TimecmpDelta uint64
	Msip         bool
	Regs         [32]uint64 // initial values of the writable registers
	Ptrs         [32]uint64 // initial values of the pointer registers
	Items        []Item
	Straddles    []Straddle
	// TablesPT lists the page-table pages this segment owns (for reports).
	Tables []uint64
}

// Item is a short piece of assembly that ends where the next one begins.
// Its labels are unique in the program.
type Item struct {
	Kind string
	Asm  []string
}

// Straddle is a function whose first instruction (4 bytes) starts 2 bytes
// before a page end; with paging, the following page may get random
// permission bits (see perturbPage).
type Straddle struct {
	Insn string // a 4-byte instruction
}

// CodeBase is where the segment's code starts.
func (s *Segment) CodeBase() uint64 {
	if s.Priv == prvU {
		return ucodeBase + uint64(s.Index)*segCodeSize
	}
	return kcodeBase + uint64(s.Index)*segCodeSize
}

// StraddleAddr is the address of straddle function j.
func (s *Segment) StraddleAddr(j int) uint64 {
	return s.CodeBase() + straddleArea + uint64(j)*straddleStride + 0xFFE
}

func (s *Segment) endLabel() string { return fmt.Sprintf("seg%d_end", s.Index) }

// Clone returns a deep copy (for minimisation).
func (p *Program) Clone() *Program {
	q := *p
	q.Segments = make([]*Segment, len(p.Segments))
	for i, s := range p.Segments {
		c := *s
		c.Items = append([]Item(nil), s.Items...)
		c.Straddles = append([]Straddle(nil), s.Straddles...)
		q.Segments[i] = &c
	}
	q.PTEs = make(map[uint64]uint64, len(p.PTEs))
	for k, v := range p.PTEs {
		q.PTEs[k] = v
	}
	q.KData = append([]uint64(nil), p.KData...)
	q.UData = append([]uint64(nil), p.UData...)
	return &q
}

// ItemCount is the number of items in all segments.
func (p *Program) ItemCount() int {
	n := 0
	for _, s := range p.Segments {
		n += len(s.Items)
	}
	return n
}

// chunk is assembly placed at an offset from the start of RAM.
type chunk struct {
	off   uint64
	lines []string
}

// Assembly renders the program as GNU assembler source.
func (p *Program) Assembly() string {
	var chunks []chunk
	chunks = append(chunks, chunk{0, p.harness()})
	chunks = append(chunks, chunk{gadget2Addr - RAMStart, gadget2()})
	chunks = append(chunks, chunk{gadgetAddr - RAMStart, gadget()})
	if len(p.PTEs) > 0 {
		addrs := make([]uint64, 0, len(p.PTEs))
		for a := range p.PTEs {
			addrs = append(addrs, a)
		}
		sort.Slice(addrs, func(i, j int) bool { return addrs[i] < addrs[j] })
		var lines []string
		for _, a := range addrs {
			lines = append(lines, fmt.Sprintf(".org 0x%x", a-RAMStart), fmt.Sprintf(".quad 0x%016x", p.PTEs[a]))
		}
		chunks = append(chunks, chunk{addrs[0] - RAMStart, lines})
	}
	if len(p.KData) > 0 {
		chunks = append(chunks, chunk{kdataBase - RAMStart, quads(p.KData)})
	}
	for _, s := range p.Segments {
		chunks = append(chunks, chunk{s.CodeBase() - RAMStart, p.segmentCode(s)})
		for j, st := range s.Straddles {
			chunks = append(chunks, chunk{s.StraddleAddr(j) - RAMStart, []string{
				fmt.Sprintf("seg%d_straddle%d:", s.Index, j),
				"\t" + st.Insn,
				"\tjalr x0, 0(ra)",
			}})
		}
	}
	if len(p.UData) > 0 {
		chunks = append(chunks, chunk{udataBase - RAMStart, quads(p.UData)})
	}
	if p.RAMEndStraddle {
		// addi a0, a0, 1: only its low half fits in RAM.
		chunks = append(chunks, chunk{RAMLength - 2, []string{"ram_end_straddle:", fmt.Sprintf("\t.half 0x%04x", encI(0x13, 0, 10, 10, 1)&0xFFFF)}})
	}
	sort.SliceStable(chunks, func(i, j int) bool { return chunks[i].off < chunks[j].off })
	var b strings.Builder
	fmt.Fprintf(&b, "# rivet difftest program, seed %d\n", p.Seed)
	b.WriteString("\t.option norvc\n\t.option norelax\n\t.text\n\t.globl _start\n")
	for _, c := range chunks {
		fmt.Fprintf(&b, "\t.org 0x%x\n", c.off)
		for _, l := range c.lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func quads(vs []uint64) []string {
	lines := make([]string, 0, (len(vs)+3)/4)
	for i := 0; i < len(vs); i += 4 {
		parts := make([]string, 0, 4)
		for j := i; j < i+4 && j < len(vs); j++ {
			parts = append(parts, fmt.Sprintf("0x%x", vs[j]))
		}
		lines = append(lines, "\t.quad "+strings.Join(parts, ", "))
	}
	return lines
}

// gadgetAddr holds a two-instruction function that wild jumps may reach
// (directly or through test mappings): it increments a0 and returns via ra.
const gadgetAddr = RAMStart + 0xF000

func gadget() []string {
	return []string{"gadget:", "\taddi a0, a0, 1", "\tjalr x0, 0(ra)"}
}

// gadget2Addr holds another such function, so remapping a code page to
// different code can be told apart.
const gadget2Addr = RAMStart + 0xE000

func gadget2() []string {
	return []string{"gadget2:", "\taddi a1, a1, 3", "\tjalr x0, 0(ra)"}
}

func (p *Program) segmentCode(s *Segment) []string {
	lines := []string{fmt.Sprintf("seg%d_entry:", s.Index)}
	for i, it := range s.Items {
		lines = append(lines, fmt.Sprintf("seg%d_item%d: # %s", s.Index, i, it.Kind))
		for _, l := range it.Asm {
			if strings.HasSuffix(l, ":") {
				lines = append(lines, l)
			} else {
				lines = append(lines, "\t"+l)
			}
		}
	}
	lines = append(lines,
		s.endLabel()+":",
		fmt.Sprintf("\tli tp, 0x%x", magicNext),
		"\tecall",
		fmt.Sprintf("seg%d_stuck:", s.Index),
		fmt.Sprintf("\tj seg%d_stuck", s.Index))
	return lines
}

// harness renders the boot code, the trap handlers, the segment set-ups and
// the final halt.
func (p *Program) harness() []string {
	L := []string{
		"_start:",
		fmt.Sprintf("\tli gp, 0x%x", hdataBase),
		"\tla t0, mhandler",
		"\tcsrw mtvec, t0",
		"\tla t0, shandler",
		"\tcsrw stvec, t0",
	}
	if len(p.Segments) > 0 {
		L = append(L, fmt.Sprintf("\tj seg_setup%d", p.Segments[0].Index))
	} else {
		L = append(L, "\tj all_done")
	}
	L = append(L, mHandler()...)
	L = append(L, sHandler()...)
	for i, s := range p.Segments {
		next := "all_done"
		if i+1 < len(p.Segments) {
			next = fmt.Sprintf("seg_setup%d", p.Segments[i+1].Index)
		}
		L = append(L, setup(s, next)...)
	}
	L = append(L,
		"all_done:",
		"\tli t0, 1",
		fmt.Sprintf("\tli t1, 0x%x", htifBase),
		"\tsd t0, 0(t1)",
		"halt_loop:",
		"\tj halt_loop")
	return L
}

// vectorTable is 16 entries that all jump to the handler.
func vectorTable(name, handler string) []string {
	L := []string{"\t.balign 256", name + ":"}
	for i := 0; i < 16; i++ {
		L = append(L, "\tj "+handler)
	}
	return L
}

func mHandler() []string {
	L := vectorTable("mvec", "mhandler")
	L = append(L,
		"mhandler:",
		fmt.Sprintf("\txori tp, tp, 0x%x", magicNext),
		"\tbeqz tp, m_next",
		fmt.Sprintf("\txori tp, tp, 0x%x", magicNext^magicBack),
		"\tbeqz tp, m_back",
		// Data accesses below must be physical: clear MPRV.
		"\tlui tp, 0x20",
		"\tcsrc mstatus, tp",
		fmt.Sprintf("\tsd t0, %d(gp)", hdSaveM0),
		fmt.Sprintf("\tsd t1, %d(gp)", hdSaveM1),
		fmt.Sprintf("\tld t0, %d(gp)", hdTrapsM),
		"\taddi t0, t0, 1",
		fmt.Sprintf("\tsd t0, %d(gp)", hdTrapsM),
		"\tandi t1, t0, 31",
		"\tslli t1, t1, 5",
		"\tadd t1, t1, gp",
		"\tcsrr tp, mcause",
		fmt.Sprintf("\tsd tp, %d(t1)", hdLogM),
		"\tcsrr tp, mepc",
		fmt.Sprintf("\tsd tp, %d(t1)", hdLogM+8),
		"\tcsrr tp, mtval",
		fmt.Sprintf("\tsd tp, %d(t1)", hdLogM+16),
		// Count by cause: slot (cause & 31) | (interrupt ? 32 : 0).
		"\tcsrr t1, mcause",
		"\tsrli tp, t1, 58",
		"\tandi tp, tp, 32",
		"\tandi t1, t1, 31",
		"\tor t1, t1, tp",
		"\tslli t1, t1, 3",
		"\tadd t1, t1, gp",
		fmt.Sprintf("\tli tp, 0x%x", hdCauseM),
		"\tadd t1, t1, tp",
		"\tld tp, 0(t1)",
		"\taddi tp, tp, 1",
		"\tsd tp, 0(t1)",
		fmt.Sprintf("\tld t0, %d(gp)", hdTrapCountM),
		"\taddi t0, t0, 1",
		fmt.Sprintf("\tsd t0, %d(gp)", hdTrapCountM),
		fmt.Sprintf("\tli tp, %d", trapLimit),
		"\tbgeu t0, tp, m_abort",
		"\tcsrr t0, mcause",
		"\tbltz t0, m_intr",
		"\taddi t1, t0, -1",
		"\tbeqz t1, m_fetch",
		"\taddi t1, t0, -12",
		"\tbeqz t1, m_fetch",
		// Skip the instruction: 4 bytes when its low bits are 11, else 2.
		"\tcsrr t0, mepc",
		"\tlhu t1, 0(t0)",
		"\tandi t1, t1, 3",
		"\taddi t1, t1, -3",
		"\taddi t0, t0, 2",
		"\tbnez t1, m_skip2",
		"\taddi t0, t0, 2",
		"m_skip2:",
		"\tcsrw mepc, t0",
		"m_ret:",
		fmt.Sprintf("\tld t0, %d(gp)", hdSaveM0),
		fmt.Sprintf("\tld t1, %d(gp)", hdSaveM1),
		"\tmret",
		"m_fetch:",
		"\tcsrw mepc, ra",
		"\tj m_ret",
		"m_intr:",
		"\tandi t0, t0, 63",
		"\tli t1, 1",
		"\tsll t1, t1, t0",
		"\tcsrc mie, t1",
		"\tcsrc mip, t1",
		"\tli t1, 7",
		"\tbne t0, t1, m_intr_sw",
		fmt.Sprintf("\tli t1, 0x%x", clintCmp),
		"\tsd zero, 0(t1)",
		"m_intr_sw:",
		"\tli t1, 3",
		"\tbne t0, t1, m_ret",
		fmt.Sprintf("\tli t1, 0x%x", clintMsip),
		"\tsw zero, 0(t1)",
		"\tj m_ret",
		"m_back:",
		"\tcsrr tp, mepc",
		"\taddi tp, tp, 4",
		"\tcsrw mepc, tp",
		"\tli tp, 0x1800",
		"\tcsrs mstatus, tp",
		"\tmret",
		"m_abort:",
		fmt.Sprintf("\tld t0, %d(gp)", hdSegAborted),
		"\taddi t0, t0, 1",
		fmt.Sprintf("\tsd t0, %d(gp)", hdSegAborted),
		"m_next:",
		"\tlui tp, 0x20",
		"\tcsrc mstatus, tp",
		fmt.Sprintf("\tld tp, %d(gp)", hdNext),
		"\tjalr x0, 0(tp)",
	)
	return L
}

func sHandler() []string {
	L := vectorTable("svec", "shandler")
	L = append(L,
		"shandler:",
		fmt.Sprintf("\txori tp, tp, 0x%x", magicNext),
		"\tbeqz tp, s_next",
		// SUM lets the handler read the instruction of U code.
		"\tlui tp, 0x40",
		"\tcsrs sstatus, tp",
		fmt.Sprintf("\tsd t0, %d(gp)", hdSaveS0),
		fmt.Sprintf("\tsd t1, %d(gp)", hdSaveS1),
		fmt.Sprintf("\tld t0, %d(gp)", hdTrapsS),
		"\taddi t0, t0, 1",
		fmt.Sprintf("\tsd t0, %d(gp)", hdTrapsS),
		"\tandi t1, t0, 31",
		"\tslli t1, t1, 5",
		"\tadd t1, t1, gp",
		"\tcsrr tp, scause",
		fmt.Sprintf("\tsd tp, %d(t1)", hdLogS),
		"\tcsrr tp, sepc",
		fmt.Sprintf("\tsd tp, %d(t1)", hdLogS+8),
		"\tcsrr tp, stval",
		fmt.Sprintf("\tsd tp, %d(t1)", hdLogS+16),
		// Count by cause: slot (cause & 31) | (interrupt ? 32 : 0).
		"\tcsrr t1, scause",
		"\tsrli tp, t1, 58",
		"\tandi tp, tp, 32",
		"\tandi t1, t1, 31",
		"\tor t1, t1, tp",
		"\tslli t1, t1, 3",
		"\tadd t1, t1, gp",
		fmt.Sprintf("\tli tp, 0x%x", hdCauseS),
		"\tadd t1, t1, tp",
		"\tld tp, 0(t1)",
		"\taddi tp, tp, 1",
		"\tsd tp, 0(t1)",
		fmt.Sprintf("\tld t0, %d(gp)", hdTrapCountS),
		"\taddi t0, t0, 1",
		fmt.Sprintf("\tsd t0, %d(gp)", hdTrapCountS),
		fmt.Sprintf("\tli tp, %d", trapLimit),
		"\tbgeu t0, tp, s_abort",
		"\tcsrr t0, scause",
		"\tbltz t0, s_intr",
		"\taddi t1, t0, -1",
		"\tbeqz t1, s_fetch",
		"\taddi t1, t0, -12",
		"\tbeqz t1, s_fetch",
		"\tcsrr t0, sepc",
		"\tlhu t1, 0(t0)",
		"\tandi t1, t1, 3",
		"\taddi t1, t1, -3",
		"\taddi t0, t0, 2",
		"\tbnez t1, s_skip2",
		"\taddi t0, t0, 2",
		"s_skip2:",
		"\tcsrw sepc, t0",
		"s_ret:",
		fmt.Sprintf("\tld t0, %d(gp)", hdSaveS0),
		fmt.Sprintf("\tld t1, %d(gp)", hdSaveS1),
		"\tsret",
		"s_fetch:",
		"\tcsrw sepc, ra",
		"\tj s_ret",
		"s_intr:",
		"\tandi t0, t0, 63",
		"\tli t1, 1",
		"\tsll t1, t1, t0",
		"\tcsrc sie, t1",
		"\tcsrc sip, t1",
		"\tj s_ret",
		"s_abort:",
		fmt.Sprintf("\tld t0, %d(gp)", hdSegAborted),
		"\taddi t0, t0, 1",
		fmt.Sprintf("\tsd t0, %d(gp)", hdSegAborted),
		"s_next:",
		fmt.Sprintf("\tli tp, 0x%x", magicNext),
		"\tecall",
		"s_stuck:",
		"\tj s_stuck",
	)
	return L
}

func setup(s *Segment, next string) []string {
	L := []string{
		fmt.Sprintf("seg_setup%d:", s.Index),
		"\tla t0, " + next,
		fmt.Sprintf("\tsd t0, %d(gp)", hdNext),
		fmt.Sprintf("\tsd zero, %d(gp)", hdTrapCountM),
		fmt.Sprintf("\tsd zero, %d(gp)", hdTrapCountS),
		fmt.Sprintf("\tld t0, %d(gp)", hdSegStarted),
		"\taddi t0, t0, 1",
		fmt.Sprintf("\tsd t0, %d(gp)", hdSegStarted),
	}
	if s.MtvecVectored {
		L = append(L, "\tla t0, mvec", "\taddi t0, t0, 1")
	} else {
		L = append(L, "\tla t0, mhandler")
	}
	L = append(L, "\tcsrw mtvec, t0")
	if s.StvecVectored {
		L = append(L, "\tla t0, svec", "\taddi t0, t0, 1")
	} else {
		L = append(L, "\tla t0, shandler")
	}
	L = append(L, "\tcsrw stvec, t0")
	csr := func(name string, v uint64) {
		L = append(L, fmt.Sprintf("\tli t0, 0x%x", v), "\tcsrw "+name+", t0")
	}
	csr("satp", s.Satp)
	L = append(L, "\tsfence.vma")
	csr("medeleg", s.Medeleg)
	csr("mideleg", s.Mideleg)
	csr("mcounteren", s.Mcounter)
	csr("scounteren", s.Scounter)
	csr("menvcfg", s.Menvcfg)
	csr("senvcfg", s.Senvcfg)
	L = append(L, fmt.Sprintf("\tli t1, 0x%x", clintCmp))
	if s.TimecmpDelta > 0 {
		L = append(L, "\tcsrr t0, time", fmt.Sprintf("\taddi t0, t0, %d", s.TimecmpDelta), "\tsd t0, 0(t1)")
	} else {
		L = append(L, "\tsd zero, 0(t1)")
	}
	L = append(L, fmt.Sprintf("\tli t1, 0x%x", clintMsip))
	if s.Msip {
		L = append(L, "\tli t0, 1", "\tsw t0, 0(t1)")
	} else {
		L = append(L, "\tsw zero, 0(t1)")
	}
	csr("mip", s.Mip)
	csr("mie", s.Mie)
	csr("mstatus", s.Mstatus)
	L = append(L, fmt.Sprintf("\tla t0, seg%d_entry", s.Index), "\tcsrw mepc, t0")
	for r := uint32(1); r < 32; r++ {
		switch {
		case r == regGP:
		case r == regTP:
			L = append(L, "\tli tp, 0")
		case r == regRA:
			L = append(L, "\tla ra, "+s.endLabel())
		case r == regSP || r == regS0 || r == regP2:
			L = append(L, fmt.Sprintf("\tli %s, 0x%x", regNames[r], s.Ptrs[r]))
		default:
			L = append(L, fmt.Sprintf("\tli %s, 0x%x", regNames[r], s.Regs[r]))
		}
	}
	L = append(L, "\tmret")
	return L
}

package emu

import (
	"github.com/rivetvm/rivet/emu/isa"
	"time"

	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"unsafe"

	"github.com/rivetvm/rivet/internal/slab"
	"github.com/rivetvm/rivet/merkle"
)

// BreakReason says why Run returned.
type BreakReason int

const (
	BreakFailed BreakReason = iota
	BreakHalted
	BreakYieldedManually
	BreakYieldedAutomatically
	BreakYieldedSoftly
	BreakReachedTargetMcycle
	BreakConsoleOutput
	BreakConsoleInput
	BreakMcycleOverflow
)

var breakNames = [...]string{"failed", "halted", "yielded manually", "yielded automatically",
	"yielded softly", "reached target mcycle", "console output", "console input", "mcycle overflow"}

func (b BreakReason) String() string {
	if int(b) < len(breakNames) {
		return breakNames[b]
	}
	return fmt.Sprintf("BreakReason(%d)", int(b))
}

// RuntimeOptions are host-side settings that never reach the state.
type RuntimeOptions struct {
	// ConsoleOutput receives HTIF console output; nil discards it.
	ConsoleOutput io.Writer
	// ConsoleInput feeds HTIF getchar in interactive machines; nil means none.
	ConsoleInput ConsoleInput
	// SoftYield makes the hint SRAIW x0, x31, imm stop Run (BreakYieldedSoftly).
	SoftYield bool
	// BreakOnConsoleOutput makes every putchar end Run with BreakConsoleOutput.
	BreakOnConsoleOutput bool
}

// ConsoleInput supplies characters to an interactive guest. Getchar must not
// block for long; it returns -1 when no character is ready.
type ConsoleInput interface {
	Getchar() int
}

// ConsoleWaiter is a ConsoleInput that can also wait for a character. An
// unreproducible machine (iunrep = 1, what `rivet run -i` makes, as the
// reference's CLI does) with such an input idles in WFI: it waits on the
// host until a character comes or the guest's next timer event (at most the
// next RTC tick or the run's end) is due, and advances mcycle by the host
// time waited (128 cycles per microsecond), so an idle interactive guest
// does not spin a host core. Reproducible machines never wait.
type ConsoleWaiter interface {
	ConsoleInput
	// WaitInput waits until a character is ready or d has passed, and
	// reports whether one is ready.
	WaitInput(d time.Duration) bool
}

// Machine is a Cartesi-compatible RISC-V machine. It is not safe for
// concurrent use.
type Machine struct {
	cfg  Config
	opts RuntimeOptions

	ranges []*memRange // every range, sorted by start
	pmas   []*memRange // the guest-visible PMA array, in its order
	empty  memRange    // the sentinel PMA (length zero)

	shadow, uarchShadow, uarchRAM, ram, dtb, pmaArray, cmioRx, cmioTx *memRange
	drives, nvrams                                                    []*memRange

	s   *Shadow    // registers, viewed in the shadow range
	tlb *shadowTLB // TLB slots, viewed in the shadow range
	hot [3][tlbSetSize]hotSlot
	// live marks, per set, the slots that may differ from an invalid slot
	// (set on fills and, conservatively, for every slot when the mirror is
	// rebuilt); flushes visit only those.
	live [3][tlbSetSize / 64]uint64

	tree *merkle.Tree
	code map[unsafe.Pointer]*CodePage // decoded code pages, by host page
	// codeMem holds their decoded instructions.
	codeMem *slab.Pool
	// ramCode has a bit per RAM page, set while the page has decoded code
	// (nil until an engine asks for it: EngineView).
	ramCode     []uint64
	codeDropped bool     // a decoded page was dropped: the run loop must refetch
	scratch     isa.Insn // decoded instruction fetched across a page end
	// idle is set by WFI in unreproducible machines: the cycles it waited
	// beyond its own; stepEnd is the mcycle it may wait until.
	idle, stepEnd uint64
	engine        Engine // runs simple instructions; nil: the interpreter's fast loop

	closed bool
}

// New creates a machine from a configuration. Image files named by backing
// stores are mapped or copied; nothing is written to any file unless a
// backing store is shared.
func New(cfg Config, opts RuntimeOptions) (m *Machine, err error) {
	if err := fillLengths(&cfg); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m = &Machine{cfg: cfg, opts: opts}
	defer func() {
		if err != nil {
			m.Close()
			m = nil
		}
	}()
	add := func(r *memRange) *memRange {
		m.ranges = append(m.ranges, r)
		return r
	}
	m.shadow = add(&memRange{name: "shadow state", start: ShadowStateStart, length: ShadowStateLength, flags: flagsShadow, hashed: true})
	m.uarchShadow = add(&memRange{name: "uarch shadow state", start: UarchShadowStart, length: UarchShadowLength, flags: flagsUarchSh, hashed: true})
	m.uarchRAM = add(&memRange{name: "uarch RAM", start: UarchRAMStart, length: UarchRAMLength, flags: flagsUarchRAM, hashed: true})
	m.ram = add(&memRange{name: "RAM", start: RAMStart, length: cfg.RAM.Length, flags: flagsRAM, hashed: true, inPMAs: true})
	m.dtb = add(&memRange{name: "device tree", start: DTBStart, length: DTBLength, flags: flagsDTB, hashed: true, inPMAs: true})
	for i, d := range cfg.FlashDrive {
		fl := uint64(flagsFlashRW)
		if d.ReadOnly {
			fl = flagsFlashRO
		}
		m.drives = append(m.drives, add(&memRange{name: fmt.Sprintf("flash drive %d", i), start: d.Start, length: d.Length, flags: fl, hashed: true, inPMAs: true}))
	}
	for i, d := range cfg.NVRAM {
		fl := uint64(flagsNVRAMRW)
		if d.ReadOnly {
			fl = flagsNVRAMRO
		}
		m.nvrams = append(m.nvrams, add(&memRange{name: fmt.Sprintf("nvram %d", i), start: d.Start, length: d.Length, flags: fl, hashed: true, inPMAs: true}))
	}
	m.cmioTx = add(&memRange{name: "CMIO tx buffer", start: CMIOTxStart, length: CMIOTxLength, flags: flagsCMIOTx, hashed: true, inPMAs: true})
	m.cmioRx = add(&memRange{name: "CMIO rx buffer", start: CMIORxStart, length: CMIORxLength, flags: flagsCMIORx, hashed: true, inPMAs: true})
	add(&memRange{name: "HTIF", start: HTIFStart, length: HTIFLength, flags: flagsHTIF, inPMAs: true})
	add(&memRange{name: "CLINT", start: CLINTStart, length: CLINTLength, flags: flagsCLINT, inPMAs: true})
	add(&memRange{name: "PLIC", start: PLICStart, length: PLICLength, flags: flagsPLIC, inPMAs: true})
	m.pmaArray = add(&memRange{name: "PMAs", start: PMAsStart, length: PMAsLength, flags: flagsPMAs, hashed: true, inPMAs: true})
	for _, r := range m.ranges {
		if r.inPMAs {
			m.pmas = append(m.pmas, r)
		}
	}
	if len(m.pmas) > maxPMAs {
		return nil, fmt.Errorf("too many PMAs (%d > %d)", len(m.pmas), maxPMAs)
	}
	if err := checkOverlaps(m.ranges); err != nil {
		return nil, err
	}

	stores := map[*memRange]BackingStore{
		m.shadow: cfg.Processor.BackingStore, m.uarchShadow: cfg.Uarch.Processor.BackingStore,
		m.uarchRAM: cfg.Uarch.RAM.BackingStore, m.ram: cfg.RAM.BackingStore, m.dtb: cfg.DTB.BackingStore,
		m.cmioTx: cfg.CMIO.TxBuffer.BackingStore, m.cmioRx: cfg.CMIO.RxBuffer.BackingStore,
		m.pmaArray: cfg.PMAs.BackingStore,
	}
	for i, d := range m.drives {
		stores[d] = cfg.FlashDrive[i].BackingStore
	}
	for i, d := range m.nvrams {
		stores[d] = cfg.NVRAM[i].BackingStore
	}
	for _, r := range m.ranges {
		if r.isDevice() {
			continue
		}
		bs := stores[r]
		readOnly := false
		for i, d := range m.drives {
			if d == r && cfg.FlashDrive[i].ReadOnly {
				readOnly = true
			}
		}
		if err := r.mapRange(bs, readOnly); err != nil {
			return nil, err
		}
	}
	m.s = (*Shadow)(m.shadow.host)
	m.tlb = (*shadowTLB)(unsafe.Add(m.shadow.host, ShadowTLBStart))
	sort.Slice(m.ranges, func(i, j int) bool { return m.ranges[i].start < m.ranges[j].start })

	if cfg.Processor.BackingStore.DataFilename == "" {
		m.initShadow(&cfg.Processor.Registers)
	} else if err := m.validateShadow(); err != nil {
		return nil, err
	}
	if cfg.Uarch.Processor.BackingStore.DataFilename == "" {
		m.initUarchShadow(&cfg.Uarch.Processor.Registers)
	}
	if err := m.initPMAArray(cfg.PMAs.BackingStore.DataFilename == ""); err != nil {
		return nil, err
	}
	if cfg.DTB.BackingStore.DataFilename == "" {
		blob, err := BuildDeviceTree(&m.cfg)
		if err != nil {
			return nil, err
		}
		copy(m.dtb.data, blob)
		m.dtb.dirty.MarkRange(0, (uint64(len(blob))+PageSize-1)/PageSize)
	}
	m.initHotTLB()
	if err := m.buildTree(); err != nil {
		return nil, err
	}
	return m, nil
}

// fillLengths sets drive lengths left to auto-detection from their image sizes.
func fillLengths(cfg *Config) error {
	fill := func(kind string, mrs []MemoryRangeConfig) error {
		for i := range mrs {
			mr := &mrs[i]
			if mr.Length != AutoDetect && mr.Length != 0 {
				continue
			}
			if mr.BackingStore.DataFilename == "" {
				return cfgErr(fmt.Sprintf("%s[%d].length", kind, i), nil, "needs a length or an image file to take it from")
			}
			st, err := os.Stat(mr.BackingStore.DataFilename)
			if err != nil {
				return fmt.Errorf("%s[%d]: %w", kind, i, err)
			}
			mr.Length = uint64(st.Size())
		}
		return nil
	}
	if err := fill("flash_drive", cfg.FlashDrive); err != nil {
		return err
	}
	return fill("nvram", cfg.NVRAM)
}

// checkOverlaps refuses ranges that overlap, counting hashed ranges at their
// power-of-two aligned size, and ranges outside 56 bits.
func checkOverlaps(rs []*memRange) error {
	type span struct {
		r          *memRange
		start, end uint64
	}
	var spans []span
	for _, r := range rs {
		size := r.length
		if r.hashed {
			size = r.alignedSize()
			if r.start%size != 0 {
				return fmt.Errorf("%s: start %#x is not aligned to its length rounded up to a power of two (%#x)", r.name, r.start, size)
			}
		}
		end := r.start + size
		if end < r.start || r.start > AddressableMask || end-1 > AddressableMask {
			return fmt.Errorf("%s: range %#x+%#x does not fit in 56 bits", r.name, r.start, size)
		}
		spans = append(spans, span{r, r.start, end})
	}
	for i := range spans {
		for j := i + 1; j < len(spans); j++ {
			a, b := spans[i], spans[j]
			if a.start < b.end && b.start < a.end {
				return fmt.Errorf("%s (%#x-%#x) overlaps %s (%#x-%#x)", a.r.name, a.start, a.end, b.r.name, b.start, b.end)
			}
		}
	}
	return nil
}

func (m *Machine) initShadow(r *Registers) {
	s := m.s
	*s = Shadow{}
	for i := 1; i < 32; i++ {
		s.X[i] = r.X[i]
	}
	s.F = r.F
	s.PC = r.PC
	s.Fcsr = warlFcsr(r.Fcsr)
	s.Mcycle = r.Mcycle
	s.Icycleinstret = r.Icycleinstret
	s.Mstatus = warlMstatus(r.Mstatus)
	s.Mtvec = warlTvec(r.Mtvec)
	s.Mscratch = r.Mscratch
	s.Mepc = warlEpc(r.Mepc)
	s.Mcause = r.Mcause
	s.Mtval = r.Mtval
	s.Misa = r.Misa
	s.Mie = warlMie(r.Mie)
	s.Mip = warlMip(r.Mip)
	s.Medeleg = warlMedeleg(r.Medeleg)
	s.Mideleg = warlMideleg(r.Mideleg)
	s.Mcounteren = warlCounteren(r.Mcounteren)
	s.Menvcfg = warlMenvcfg(r.Menvcfg)
	s.Mvendorid, s.Marchid, s.Mimpid = r.Mvendorid, r.Marchid, r.Mimpid
	s.Stvec = warlTvec(r.Stvec)
	s.Sscratch = r.Sscratch
	s.Sepc = warlEpc(r.Sepc)
	s.Scause = r.Scause
	s.Stval = r.Stval
	s.Satp = warlSatp(r.Satp)
	s.Scounteren = warlCounteren(r.Scounteren)
	s.Senvcfg = warlSenvcfg(r.Senvcfg)
	s.Ilrsc = r.Ilrsc
	s.Iprv = r.Iprv
	s.IflagsX, s.IflagsY, s.IflagsH = r.IflagsX, r.IflagsY, r.IflagsH
	s.Iunrep = r.Iunrep
	s.Imcyclemax = r.Imcyclemax
	s.HtifTohost, s.HtifFromhost = r.HtifTohost, r.HtifFromhost
	s.HtifIhalt, s.HtifIconsole, s.HtifIyield = r.HtifIhalt, r.HtifIconsole, r.HtifIyield
	s.ClintMtimecmp = r.ClintMtimecmp
	s.PlicGirqpend, s.PlicGirqsrvd = r.PlicGirqpend, r.PlicGirqsrvd
	for set := range m.tlb {
		for i := range m.tlb[set] {
			m.tlb[set][i] = tlbSlot{VaddrPage: tlbInvalidPage, PMAIndex: tlbInvalidPMA}
		}
	}
	m.shadow.dirty.MarkAll()
}

// validateShadow checks a shadow state loaded from a file.
func (m *Machine) validateShadow() error {
	s := m.s
	switch {
	case s.Marchid != MarchidInit:
		return fmt.Errorf("shadow state: marchid %d: this machine needs %d", s.Marchid, MarchidInit)
	case s.Mvendorid != MvendoridInit:
		return fmt.Errorf("shadow state: mvendorid %#x: this machine needs %#x", s.Mvendorid, uint64(MvendoridInit))
	case s.Mimpid != MimpidInit:
		return fmt.Errorf("shadow state: mimpid %d: this machine needs %d", s.Mimpid, MimpidInit)
	case s.X[0] != 0:
		return errors.New("shadow state: x0 is not zero")
	case s.Iunrep != m.cfg.Processor.Registers.Iunrep:
		return fmt.Errorf("shadow state: iunrep %d differs from the configuration's %d", s.Iunrep, m.cfg.Processor.Registers.Iunrep)
	}
	for off := uintptr(shadowUsed); off < RevertRootHashAt; off++ {
		if *(*byte)(unsafe.Add(m.shadow.host, off)) != 0 {
			return fmt.Errorf("shadow state: padding byte at %#x is not zero", off)
		}
	}
	for off := uintptr(ShadowTLBStart + ShadowTLBLength); off < ShadowStateLength; off++ {
		if *(*byte)(unsafe.Add(m.shadow.host, off)) != 0 {
			return fmt.Errorf("shadow state: padding byte at %#x is not zero", off)
		}
	}
	return nil
}

func (m *Machine) initUarchShadow(r *UarchRegisters) {
	w := (*[35]uint64)(m.uarchShadow.host)
	*w = [35]uint64{}
	w[0], w[1], w[2] = r.Halt, r.Cycle, r.PC
	for i := 1; i < 32; i++ {
		w[3+i] = r.X[i]
	}
	m.uarchShadow.dirty.MarkAll()
}

// initPMAArray writes the PMA array, or checks that a loaded one describes
// this machine's ranges.
func (m *Machine) initPMAArray(create bool) error {
	var want [2 * maxPMAs]uint64
	for i, r := range m.pmas {
		want[2*i] = r.istart()
		want[2*i+1] = r.length
	}
	have := (*[2 * maxPMAs]uint64)(m.pmaArray.host)
	if create {
		*have = want
		m.pmaArray.dirty.MarkAll()
		return nil
	}
	if *have != want {
		return errors.New("PMA array does not describe this machine's ranges")
	}
	return nil
}

// initHotTLB rebuilds the host-side TLB mirror from the shadow slots. Slots
// that do not verify against the PMAs stay in the state as they are but can
// never hit, as in the reference.
func (m *Machine) initHotTLB() {
	for set := range m.tlb {
		for i := range m.tlb[set] {
			m.hot[set][i] = m.verifySlot(&m.tlb[set][i])
		}
		for w := range m.live[set] {
			m.live[set][w] = ^uint64(0)
		}
	}
}

func (m *Machine) verifySlot(sl *tlbSlot) hotSlot {
	invalid := hotSlot{vaddrPage: tlbInvalidPage}
	if sl.VaddrPage == tlbInvalidPage || sl.Zero != 0 || sl.VaddrPage&pageOffMask != 0 {
		return invalid
	}
	paddrPage := sl.VaddrPage + sl.VpOffset
	if paddrPage&pageOffMask != 0 || sl.PMAIndex >= uint64(len(m.pmas)) {
		return invalid
	}
	r := m.pmas[sl.PMAIndex]
	if !r.isMemory() || paddrPage < r.start || paddrPage > r.start+(r.length-PageSize) {
		return invalid
	}
	return newHotSlot(sl.VaddrPage, r.hostAddr(paddrPage))
}

// Close unmaps the machine's memory and syncs shared files.
func (m *Machine) Close() error {
	if m == nil || m.closed {
		return nil
	}
	m.closed = true
	var first error
	if m.engine != nil {
		first = m.engine.Close()
		m.engine = nil
	}
	for _, r := range m.ranges {
		if err := r.close(); err != nil && first == nil {
			first = err
		}
	}
	m.s, m.tlb = nil, nil
	m.code = nil
	if m.codeMem != nil {
		m.codeMem.Reset()
	}
	return first
}

// Config returns the machine's configuration (starts and lengths filled in).
func (m *Machine) Config() Config { return m.cfg }

// Shadow returns the live register file. Writes through it bypass dirty
// tracking; use the Set methods to change state.
func (m *Machine) Shadow() *Shadow { return m.s }

// Mcycle returns the cycle counter.
func (m *Machine) Mcycle() uint64 { return m.s.Mcycle }

// PC returns the program counter.
func (m *Machine) PC() uint64 { return m.s.PC }

// Halted reports whether the machine halted (iflags.H).
func (m *Machine) Halted() bool { return m.s.IflagsH != 0 }

// ExitCode is the halt exit code: the tohost DATA field shifted right by one,
// as the reference reports it.
func (m *Machine) ExitCode() uint64 { return (m.s.HtifTohost & 0xFFFFFFFF) >> 1 }

// SetX writes a general register through the host (marking it dirty).
func (m *Machine) SetX(i int, v uint64) {
	if i > 0 && i < 32 {
		m.s.X[i] = v
	}
}

// ReadMemory copies physical memory [paddr, paddr+len(buf)) into buf. The
// span must lie inside one memory range.
func (m *Machine) ReadMemory(paddr uint64, buf []byte) error {
	r := m.rangeOf(paddr, uint64(len(buf)))
	if r == nil || r.data == nil {
		return fmt.Errorf("read memory %#x+%#x: not inside a memory range", paddr, len(buf))
	}
	copy(buf, r.data[paddr-r.start:])
	return nil
}

// WriteMemory copies buf into physical memory at paddr (host write: the
// pages are marked dirty). The span must lie inside one memory range.
func (m *Machine) WriteMemory(paddr uint64, buf []byte) error {
	r := m.rangeOf(paddr, uint64(len(buf)))
	if r == nil || r.data == nil || r == m.shadow && paddr < ShadowTLBStart+ShadowTLBLength && paddr+uint64(len(buf)) > ShadowTLBStart {
		return fmt.Errorf("write memory %#x+%#x: not inside a writable memory range", paddr, len(buf))
	}
	if len(buf) == 0 {
		return nil
	}
	copy(r.data[paddr-r.start:], buf)
	m.dropCodeRange(r, paddr-r.start, uint64(len(buf)))
	first := (paddr - r.start) >> Log2PageSize
	last := (paddr - r.start + uint64(len(buf)) - 1) >> Log2PageSize
	r.dirty.MarkRange(first, last-first+1)
	return nil
}

func (m *Machine) rangeOf(paddr, size uint64) *memRange {
	for _, r := range m.ranges {
		if r.contains(paddr, size) {
			return r
		}
	}
	return nil
}

// RangeBytes returns the live bytes of every hashed range, keyed by name,
// for comparing machines in tests and tools. The slices alias machine
// memory: do not write through them.
func (m *Machine) RangeBytes() map[string][]byte {
	out := map[string][]byte{}
	for _, r := range m.ranges {
		if r.hashed {
			out[r.name] = r.data
		}
	}
	return out
}

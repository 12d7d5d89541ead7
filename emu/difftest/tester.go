package difftest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Tester runs programs on the reference and on rivet and compares them.
type Tester struct {
	Ref, Riv Engine
	TC       Toolchain
	Dir      string // scratch directory for images
	// CheckEvery is the distance between compared mcycles.
	CheckEvery uint64
	// MaxMcycle bounds every program.
	MaxMcycle uint64
	// Trace prints the last traps at every checkpoint (for debugging programs).
	Trace bool
	// ReloadAt > 0 makes the comparison hand rivet the reference's machine
	// after that many run calls: the reference stores it, rivet loads the
	// stored directory, and both go on. This checks rivet's loading of the
	// reference's stores (TLB slots included) in the middle of programs.
	ReloadAt int
	// ReloadReverse makes that hand-over go the other way: rivet stores,
	// the reference loads.
	ReloadReverse bool

	tracedM, tracedS uint64 // traps already printed by Trace
}

// reloadCall marks, in a list of run targets, where rivet reloads the
// reference's stored machine (no real run target is 0); reloadReverseCall
// where the reference loads rivet's.
const (
	reloadCall        = 0
	reloadReverseCall = ^uint64(0) - 1
)

// Outcome is the result of one program.
type Outcome struct {
	Cycles      uint64 // mcycle reached (the same on both when they agree)
	Checkpoints int
	End         string // the final break reason
	Mismatch    *Mismatch
	Stats       Stats
}

// Stats are the harness's counters at the end of a program (read from rivet).
type Stats struct {
	SegStarted, SegAborted, TrapsM, TrapsS uint64
	EndPC                                  string
	// CausesM and CausesS count traps by cause; interrupts from index 32.
	CausesM, CausesS [64]uint64
}

// Add accumulates counters.
func (s *Stats) Add(o Stats) {
	s.SegStarted += o.SegStarted
	s.SegAborted += o.SegAborted
	s.TrapsM += o.TrapsM
	s.TrapsS += o.TrapsS
	for i := range s.CausesM {
		s.CausesM[i] += o.CausesM[i]
		s.CausesS[i] += o.CausesS[i]
	}
}

// CauseTable prints the non-zero cause counters.
func (s *Stats) CauseTable() string {
	var b strings.Builder
	for i := 0; i < 64; i++ {
		if s.CausesM[i] == 0 && s.CausesS[i] == 0 {
			continue
		}
		name := fmt.Sprintf("exception %d", i)
		if i >= 32 {
			name = fmt.Sprintf("interrupt %d", i-32)
		}
		fmt.Fprintf(&b, "  %-14s to M %8d  to S %8d\n", name, s.CausesM[i], s.CausesS[i])
	}
	return b.String()
}

func (s Stats) String() string {
	return fmt.Sprintf("segments %d (%d cut short), traps M %d S %d, ended at %s", s.SegStarted, s.SegAborted, s.TrapsM, s.TrapsS, s.EndPC)
}

func (t *Tester) stats(im *Image) Stats {
	var st Stats
	if d, err := t.Riv.Read(hdataBase, 0x1000); err == nil {
		st.SegStarted, st.SegAborted = shadowWord(d, hdSegStarted), shadowWord(d, hdSegAborted)
		st.TrapsM, st.TrapsS = shadowWord(d, hdTrapsM), shadowWord(d, hdTrapsS)
		for i := range st.CausesM {
			st.CausesM[i] = shadowWord(d, hdCauseM+uint64(i)*8)
			st.CausesS[i] = shadowWord(d, hdCauseS+uint64(i)*8)
		}
	}
	if d, err := t.Riv.Read(0, 0x1000); err == nil {
		st.EndPC = im.SymbolAt(shadowWord(d, 0x108))
	}
	return st
}

// Mismatch describes the first mcycle at which the engines disagree.
type Mismatch struct {
	// Mcycle is the first compared mcycle whose states differ; the states
	// at Mcycle-1 are equal (the same root hash).
	Mcycle   uint64
	Ref, Riv Stop
	Diffs    []Diff
	PC       uint64 // pc at Mcycle-1, where the differing instruction starts
	Iprv     uint64
	Insn     string // disassembly of the instruction at PC (if PC is in RAM)
	Where    string // the label at PC
	Note     string
	// Calls are the run targets that reproduce the state before Mcycle-1.
	Calls     []uint64
	Signature string
}

// runCall is one call of Run in a comparison, with both results.
type runCall struct {
	target   uint64
	ref, riv Stop
}

func terminal(reason string) bool {
	switch reason {
	case "halted", "yielded_manually", "mcycle_overflow", "failed":
		return true
	}
	return false
}

// Image assembles a program into the scratch directory.
func (t *Tester) Image(p *Program) (*Image, string, error) {
	im, err := t.TC.Assemble(t.Dir, p.Assembly())
	if err != nil {
		return nil, "", err
	}
	return im, filepath.Join(t.Dir, "prog.bin"), nil
}

func (t *Tester) load(bin string) error {
	if err := t.Ref.Load(bin); err != nil {
		return err
	}
	return t.Riv.Load(bin)
}

// Compare runs an assembled program on both engines, checkpoint by
// checkpoint, and on the first disagreement finds the exact mcycle.
func (t *Tester) Compare(im *Image, bin string) (*Outcome, error) {
	if err := t.load(bin); err != nil {
		return nil, err
	}
	out := &Outcome{}
	var calls []runCall
	var prev uint64
	for target := t.CheckEvery; ; {
		target = min(target, t.MaxMcycle)
		a, err := t.Ref.Run(target)
		if err != nil {
			return nil, err
		}
		b, err := t.Riv.Run(target)
		if err != nil {
			return nil, err
		}
		calls = append(calls, runCall{target, a, b})
		if t.ReloadAt > 0 && len(calls) == t.ReloadAt && a == b && !terminal(a.Reason) {
			marker := uint64(reloadCall)
			if t.ReloadReverse {
				marker = reloadReverseCall
			}
			if err := t.reload(marker); err != nil {
				return nil, err
			}
			calls = append(calls, runCall{target: marker})
		}
		if t.Trace {
			t.printNewTraps(im, b)
		}
		out.Checkpoints++
		if a != b {
			targets := make([]uint64, 0, len(calls)-1)
			for _, c := range calls[:len(calls)-1] {
				targets = append(targets, c.target)
			}
			hi := max(a.Mcycle, b.Mcycle, prev+1)
			m, err := t.bisect(im, bin, targets, prev, hi)
			if err != nil {
				return nil, err
			}
			out.Mismatch = m
			out.Cycles = m.Mcycle
			return out, nil
		}
		out.Cycles, out.End = a.Mcycle, a.Reason
		prev = a.Mcycle
		if terminal(a.Reason) || a.Mcycle >= t.MaxMcycle {
			out.Stats = t.stats(im)
			return out, nil
		}
		if a.Mcycle >= target {
			target += t.CheckEvery
		}
	}
}

// probe reloads both machines, replays the run calls, runs to mcycle and
// returns both stops.
func (t *Tester) probe(bin string, calls []uint64, mcycle uint64) (Stop, Stop, error) {
	if err := t.load(bin); err != nil {
		return Stop{}, Stop{}, err
	}
	for _, c := range calls {
		if c == reloadCall || c == reloadReverseCall {
			if err := t.reload(c); err != nil {
				return Stop{}, Stop{}, err
			}
			continue
		}
		if _, err := t.Ref.Run(c); err != nil {
			return Stop{}, Stop{}, err
		}
		if _, err := t.Riv.Run(c); err != nil {
			return Stop{}, Stop{}, err
		}
	}
	a, err := t.Ref.Run(mcycle)
	if err != nil {
		return Stop{}, Stop{}, err
	}
	b, err := t.Riv.Run(mcycle)
	return a, b, err
}

// reload hands the machine from one engine to the other through a stored
// directory: for reloadCall the reference stores and rivet loads, for
// reloadReverseCall rivet stores and the reference loads (after the
// reference's cache files are added).
func (t *Tester) reload(marker uint64) error {
	ref, ok1 := t.Ref.(*Reference)
	riv, ok2 := t.Riv.(*Rivet)
	if !ok1 || !ok2 {
		return fmt.Errorf("reload: needs the reference and rivet engines")
	}
	dir := filepath.Join(t.Dir, "stored")
	prepared := filepath.Join(t.Dir, "stored-prepared")
	for _, d := range []string{dir, prepared} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	defer os.RemoveAll(dir)
	defer os.RemoveAll(prepared)
	if marker == reloadCall {
		if err := ref.Store(dir); err != nil {
			return err
		}
		return riv.LoadStored(dir)
	}
	if err := riv.Store(dir); err != nil {
		return fmt.Errorf("rivet store: %w", err)
	}
	cmd := exec.Command("lua5.4", ref.paths.PrepareLoad, dir, prepared)
	cmd.Env = append(os.Environ(), "LUA_PATH_5_4="+ref.paths.LuaDir+"/?.lua;;", "LUA_CPATH_5_4="+ref.paths.LuaDir+"/?.so;;")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("reload: preparing rivet's store for the reference: %v: %s", err, out)
	}
	return ref.LoadDir(filepath.Join(prepared))
}

// bisect finds the first mcycle in (lo, hi] at which the engines differ,
// given that they agree at lo.
func (t *Tester) bisect(im *Image, bin string, calls []uint64, lo, hi uint64) (*Mismatch, error) {
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		a, b, err := t.probe(bin, calls, mid)
		if err != nil {
			return nil, err
		}
		if a == b {
			lo = mid
		} else {
			hi = mid
		}
	}
	m := &Mismatch{Mcycle: hi, Calls: calls}
	// The state just before: pc, privilege, and the instruction there.
	before, _, err := t.probe(bin, calls, hi-1)
	if err != nil {
		return nil, err
	}
	_ = before
	shadow, err := t.Ref.Read(0, 0x1000)
	if err != nil {
		return nil, err
	}
	m.PC, m.Iprv = shadowWord(shadow, 0x108), shadowWord(shadow, 0x218)
	m.Insn = t.TC.Disassemble(im.Bin, m.PC)
	m.Where = im.SymbolAt(m.PC)
	if m.Ref, m.Riv, err = t.probe(bin, calls, hi); err != nil {
		return nil, err
	}
	if m.Diffs, err = diffEngines(t.Ref, t.Riv); err != nil {
		return nil, err
	}
	var sig string
	if m.Ref.Hash == m.Riv.Hash {
		m.Note = fmt.Sprintf("same hash, different stop: reference %s, rivet %s", m.Ref, m.Riv)
		sig = "same-hash"
	} else if len(m.Diffs) == 0 {
		m.Note = "hashes differ but no compared byte does"
		sig = "no-byte-differs"
	}
	if m.Ref.Reason != m.Riv.Reason {
		m.Note += fmt.Sprintf(" break reason: reference %s, rivet %s", m.Ref.Reason, m.Riv.Reason)
		sig += fmt.Sprintf("reason:%s/%s", m.Ref.Reason, m.Riv.Reason)
	}
	m.Signature = signature(m.Diffs, sig)
	return m, nil
}

// RunProgram generates nothing: it assembles and compares one program.
func (t *Tester) RunProgram(p *Program) (*Outcome, *Image, error) {
	im, bin, err := t.Image(p)
	if err != nil {
		return nil, nil, err
	}
	o, err := t.Compare(im, bin)
	return o, im, err
}

// NewTester starts the reference and builds a tester in dir.
func NewTester(paths RefPaths, dir string) (*Tester, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ref, dtb, uarch, err := StartReference(paths, dir)
	if err != nil {
		return nil, err
	}
	return &Tester{Ref: ref, Riv: NewRivet(dtb, uarch), TC: DefaultToolchain(), Dir: dir,
		CheckEvery: 4096, MaxMcycle: 400000}, nil
}

// Close stops both engines.
func (t *Tester) Close() error {
	t.Riv.Close()
	return t.Ref.Close()
}

// printNewTraps prints the traps taken since the last call (at most the
// 32 the harness keeps per level).
func (t *Tester) printNewTraps(im *Image, st Stop) {
	d, err := t.Riv.Read(hdataBase, 0x1000)
	if err != nil {
		return
	}
	fmt.Printf("checkpoint %s\n", st)
	for _, lv := range []struct {
		name  string
		count uint64
		log   uint64
		seen  *uint64
	}{{"M", shadowWord(d, hdTrapsM), hdLogM, &t.tracedM}, {"S", shadowWord(d, hdTrapsS), hdLogS, &t.tracedS}} {
		if lv.count < *lv.seen {
			*lv.seen = 0
		}
		first := max(*lv.seen+1, lv.count-min(lv.count, 31))
		for i := first; i <= lv.count && i > 0; i++ {
			off := lv.log + (i%32)*32
			fmt.Printf("  %s trap %d: cause 0x%x epc 0x%x (%s) tval 0x%x\n", lv.name, i, shadowWord(d, off), shadowWord(d, off+8),
				im.SymbolAt(shadowWord(d, off+8)), shadowWord(d, off+16))
		}
		*lv.seen = lv.count
	}
}

// TrapLog reads the harness's trap logs (the last 32 traps to M and to S)
// from rivet's machine, oldest first.
func (t *Tester) TrapLog() (m, s [][3]uint64, err error) {
	d, err := t.Riv.Read(hdataBase, 0x1000)
	if err != nil {
		return nil, nil, err
	}
	read := func(base uint64, count uint64) [][3]uint64 {
		var out [][3]uint64
		first := uint64(0)
		if count > 32 {
			first = count - 32
		}
		for i := first + 1; i <= count; i++ {
			off := base + (i%32)*32
			out = append(out, [3]uint64{shadowWord(d, off), shadowWord(d, off+8), shadowWord(d, off+16)})
		}
		return out
	}
	return read(hdLogM, shadowWord(d, hdTrapsM)), read(hdLogS, shadowWord(d, hdTrapsS)), nil
}

// CadenceFor picks the checkpoint distance for a seed: multiples of the
// timer tick (8192) and distances that put run boundaries anywhere.
func CadenceFor(seed int64) uint64 {
	// Small distances catch differences that later instructions would
	// repair (a CSR written and restored); the others move run boundaries
	// on and off the 8192-cycle timer ticks.
	cadences := []uint64{64, 61, 127, 256, 1000, 333, 4096, 8192}
	return cadences[uint64(seed)%uint64(len(cadences))]
}

// RunAssembly assembles a hand-written program (it must start at _start
// and end by halting through HTIF) and compares it.
func (t *Tester) RunAssembly(src string) (*Outcome, *Image, error) {
	im, err := t.TC.Assemble(t.Dir, src)
	if err != nil {
		return nil, nil, err
	}
	o, err := t.Compare(im, filepath.Join(t.Dir, "prog.bin"))
	return o, im, err
}

package jit_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
)

// Running a generated program on the interpreter and on the JIT and
// comparing the two machines. See progen_test.go for the programs.

// config returns the machine configuration of a program.
func (p *program) config() emu.Config {
	cfg := emu.DefaultConfig(ramSize)
	cfg.Processor.Registers = p.Regs
	if p.Flash {
		cfg.FlashDrive = []emu.MemoryRangeConfig{
			{Label: "rw", Start: flashRWStart, Length: flashRWLen},
			{Label: "ro", Start: flashROStart, Length: flashROLen, ReadOnly: true},
		}
	}
	return cfg
}

// newMachine builds a program's machine, with the JIT or the interpreter
// alone. The caller closes it.
func newMachine(p *program, withJIT bool) (*emu.Machine, error) {
	return newMachineOut(p, withJIT, nil)
}

// newMachineOut is newMachine with the console output going to out.
func newMachineOut(p *program, withJIT bool, out io.Writer) (*emu.Machine, error) {
	m, err := emu.New(p.config(), emu.RuntimeOptions{SoftYield: p.SoftYield, BreakOnConsoleOutput: p.BreakOnOut, ConsoleOutput: out})
	if err != nil {
		return nil, fmt.Errorf("new machine: %w", err)
	}
	if err := m.WriteMemory(ramBase, p.RAM); err != nil {
		m.Close()
		return nil, fmt.Errorf("write RAM: %w", err)
	}
	if withJIT {
		if _, err := jit.NewWithOptions(m, jitOptions(p)); err != nil {
			m.Close()
			return nil, fmt.Errorf("jit: %w", err)
		}
	}
	return m, nil
}

// jitOptions are the JIT options a program asks for.
func jitOptions(p *program) jit.Options {
	opts := jit.DefaultOptions()
	if p.Hot >= 0 {
		opts.HotThreshold = p.Hot
	}
	return opts
}

// fixedPoint reports whether Run would return at once with this reason.
func fixedPoint(r emu.BreakReason) bool {
	switch r {
	case emu.BreakHalted, emu.BreakYieldedManually, emu.BreakMcycleOverflow, emu.BreakFailed:
		return true
	}
	return false
}

// runStats counts what a comparison ran.
type runStats struct {
	programs, cycles, runCalls, compares uint64
	canaries                             uint64 // escape tests: canary blocks placed near RAM
	forks                                uint64 // JIT machines forked mid-run
	output                               uint64 // console bytes written (and compared)
}

// mismatch describes where two engines diverged.
type mismatch struct {
	at     uint64 // the target of the run call after which states differed
	prev   uint64 // the last target at which they were equal
	detail string
}

// compareRun runs a program on both engines, stopping both at every check
// point and every extra stop (p.Subs: single cycles, tick edges, ...), and
// compares them after every run call: break reason, mcycle and pc at every
// stop, the whole state at check points. Both engines make the same run
// calls because the calls are part of the machine's semantics: each one
// starts by serving the highest pending interrupt, as the reference's
// interpret does. At the check p.ForkAt (1-based; 0: none) the JIT machine
// forks, and the fork, with a JIT of its own, is compared from then on too.
// It stops at the first difference, or at maxCheck (0: no limit).
func compareRun(p *program, maxCheck uint64, st *runStats) (*mismatch, error) {
	var refOut, fastOut bytes.Buffer // console output: the same on both
	ref, err := newMachineOut(p, false, &refOut)
	if err != nil {
		return nil, err
	}
	defer ref.Close()
	fast, err := newMachineOut(p, true, &fastOut)
	if err != nil {
		return nil, err
	}
	defer fast.Close()
	if p.Prepare != nil {
		if err := p.Prepare(ref, fast); err != nil {
			return nil, fmt.Errorf("prepare: %w", err)
		}
	}
	if d := machineDiff(ref, fast, true); d != "" {
		return &mismatch{detail: "before running: " + d}, nil
	}
	type jitRun struct {
		m    *emu.Machine
		name string
	}
	jits := []jitRun{{fast, "JIT"}}
	checkIndex := map[uint64]int{}
	for i, c := range p.Checks {
		checkIndex[c] = i + 1
	}
	stops := sortedUnique(append(append([]uint64(nil), p.Subs...), p.Checks...))
	prev, prevCheck, calls := uint64(0), uint64(0), 0
	done := false
	for _, target := range stops {
		if maxCheck != 0 && target >= maxCheck {
			target, done = maxCheck, true
		}
		check := checkIndex[target] != 0 || done || target == stops[len(stops)-1]
		for ref.Mcycle() < target {
			if calls++; calls > 100000 {
				return nil, fmt.Errorf("more than 100000 run calls to reach mcycle %d", target)
			}
			r1, err := ref.Run(target)
			if err != nil {
				return nil, fmt.Errorf("interpreter run: %w", err)
			}
			st.runCalls++
			fixed := fixedPoint(r1)
			for _, j := range jits {
				r2, err := j.m.Run(target)
				if err != nil {
					return nil, fmt.Errorf("%s run: %w", j.name, err)
				}
				st.runCalls++
				st.compares++
				if r1 != r2 || ref.Mcycle() != j.m.Mcycle() || ref.PC() != j.m.PC() {
					return &mismatch{at: target, prev: prev, detail: fmt.Sprintf("run to %d: interpreter stopped with %q at mcycle %d pc %#x, %s with %q at mcycle %d pc %#x; %s",
						target, r1, ref.Mcycle(), ref.PC(), j.name, r2, j.m.Mcycle(), j.m.PC(), machineDiff(ref, j.m, false))}, nil
				}
				if check || fixed || r1 != emu.BreakReachedTargetMcycle {
					if d := machineDiff(ref, j.m, fixed || done || target == stops[len(stops)-1]); d != "" {
						return &mismatch{at: target, prev: prevCheck, detail: j.name + ": " + d}, nil
					}
				}
			}
			// (A fork writes to its parent's console: compare until then.)
			if len(jits) == 1 && !bytes.Equal(refOut.Bytes(), fastOut.Bytes()) {
				return &mismatch{at: target, prev: prevCheck, detail: fmt.Sprintf("console output %q/%q", refOut.Bytes(), fastOut.Bytes())}, nil
			}
			prev = ref.Mcycle()
			if check {
				prevCheck = prev
			}
			if fixed {
				done = true
				break
			}
		}
		if checkIndex[target] == p.ForkAt && p.ForkAt != 0 && !done {
			child, err := fast.Fork()
			if err != nil {
				return nil, fmt.Errorf("fork: %w", err)
			}
			defer child.Close()
			if _, err := jit.NewWithOptions(child, jitOptions(p)); err != nil {
				return nil, fmt.Errorf("jit on the fork: %w", err)
			}
			if d := machineDiff(ref, child, true); d != "" {
				return &mismatch{at: ref.Mcycle(), prev: prevCheck, detail: "fork: " + d}, nil
			}
			jits = append(jits, jitRun{child, "forked JIT"})
			st.forks++
		}
		if done {
			break
		}
	}
	st.cycles += ref.Mcycle() - p.Regs.Mcycle
	st.output += uint64(refOut.Len())
	for _, j := range jits {
		if err := verifyTree(j.m, maxCheck == 0); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// verifyTree checks the JIT machine's hash tree against its memory: every
// page the JIT wrote must have been marked dirty.
func verifyTree(m *emu.Machine, do bool) error {
	if !do {
		return nil
	}
	if err := m.VerifyHashTree(); err != nil {
		return fmt.Errorf("JIT machine's hash tree: %w", err)
	}
	return nil
}

// machineDiff names every difference between two machines' states (up to a
// few dozen), or returns "". Memory is compared through the root hashes,
// and byte by byte when they differ or full is set (a page written without
// being marked dirty keeps a stale hash: the bytes show it).
func machineDiff(a, b *emu.Machine, full bool) string {
	var out []string
	add := func(format string, args ...any) {
		if len(out) < 40 {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	va, vb := reflect.ValueOf(a.Shadow()).Elem(), reflect.ValueOf(b.Shadow()).Elem()
	for i := 0; i < va.NumField(); i++ {
		name := va.Type().Field(i).Name
		fa, fb := va.Field(i), vb.Field(i)
		if fa.Kind() == reflect.Array {
			for j := 0; j < fa.Len(); j++ {
				if x, y := fa.Index(j).Uint(), fb.Index(j).Uint(); x != y {
					add("%s[%d] %#x/%#x", name, j, x, y)
				}
			}
			continue
		}
		if x, y := fa.Uint(), fb.Uint(); x != y {
			add("%s %#x/%#x", name, x, y)
		}
	}
	ra, rb := a.RangeBytes(), b.RangeBytes()
	sa, sb := ra["shadow state"], rb["shadow state"]
	setNames := []string{"code", "read", "write"}
	fieldNames := []string{"vaddr_page", "vp_offset", "pma_index", "zero"}
	for off := emu.ShadowTLBStart; off < emu.ShadowTLBStart+emu.ShadowTLBLength; off += 8 {
		x, y := binary.LittleEndian.Uint64(sa[off:]), binary.LittleEndian.Uint64(sb[off:])
		if x != y {
			rel := off - emu.ShadowTLBStart
			add("TLB %s[%d].%s %#x/%#x", setNames[rel/(256*32)], rel/32%256, fieldNames[rel/8%4], x, y)
		}
	}
	if !bytes.Equal(sa, sb) && len(out) == 0 {
		add("shadow state bytes differ outside registers and TLB")
	}
	hashesDiffer := a.RootHash() != b.RootHash()
	if !hashesDiffer && !full && len(out) == 0 {
		return ""
	}
	var names []string
	for n := range ra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if n == "shadow state" {
			continue
		}
		x, y := ra[n], rb[n]
		if bytes.Equal(x, y) {
			continue
		}
		shown := 0
		for i := 0; i+8 <= len(x) && shown < 8; i += 8 {
			u, v := binary.LittleEndian.Uint64(x[i:]), binary.LittleEndian.Uint64(y[i:])
			if u != v {
				add("%s+%#x %#x/%#x", n, i, u, v)
				shown++
			}
		}
	}
	if hashesDiffer && len(out) == 0 {
		add("root hashes differ with equal bytes")
	}
	if len(out) == 0 {
		return ""
	}
	return "(interpreter/JIT) " + strings.Join(out, "; ")
}

// firstDivergence bisects the mcycle after which the engines first differ:
// both machines run from the start, with the program's stops below the
// probe, to the probe. It returns the first differing mcycle (the
// state one cycle earlier was equal) and that difference.
func firstDivergence(p *program, lo, hi uint64) (uint64, string) {
	probe := func(t uint64) string {
		q := *p
		q.Checks = checksTo(p.Checks, t)
		var st runStats
		mm, err := compareRun(&q, t, &st)
		if err != nil {
			return "error: " + err.Error()
		}
		if mm == nil {
			return ""
		}
		return mm.detail
	}
	d := probe(hi)
	if d == "" {
		return hi, "(the difference needs the whole run's stops)"
	}
	for lo+1 < hi {
		mid := lo + (hi-lo)/2
		if x := probe(mid); x != "" {
			hi, d = mid, x
		} else {
			lo = mid
		}
	}
	return hi, d
}

// checksTo keeps the check points below t (so a fork happens where it did)
// and ends with t.
func checksTo(checks []uint64, t uint64) []uint64 {
	var out []uint64
	for _, c := range checks {
		if c < t {
			out = append(out, c)
		}
	}
	return append(out, t)
}

// report describes a mismatch with what is needed to reproduce it: the
// inputs, the first differing mcycle and the code around the pc there.
func report(p *program, data []byte, mm *mismatch) string {
	var b strings.Builder
	fmt.Fprintf(&b, "JIT and interpreter differ (seed %d, fuzz bytes %x)\nprogram: %s\n", p.Seed, data, p)
	fmt.Fprintf(&b, "after running to mcycle %d (equal at %d): %s\n", mm.at, mm.prev, mm.detail)
	if mm.at == 0 {
		return b.String()
	}
	t, d := firstDivergence(p, mm.prev, mm.at)
	fmt.Fprintf(&b, "first differing mcycle %d: %s\n", t, d)
	ref, err := newMachine(p, false)
	if err != nil {
		return b.String()
	}
	defer ref.Close()
	if p.Prepare != nil {
		p.Prepare(ref, ref)
	}
	ref.Run(t - 1)
	pc := ref.PC()
	fmt.Fprintf(&b, "interpreter at mcycle %d: pc %#x prv %d satp %#x\n", t-1, pc, ref.Shadow().Iprv, ref.Shadow().Satp)
	b.WriteString(codeAround(ref, pc))
	if os.Getenv("RIVET_FUZZ_MINIMIZE") != "" {
		b.WriteString(minimizeBody(p, t))
	} else {
		b.WriteString("(set RIVET_FUZZ_MINIMIZE=1 to reduce the body to the words that matter)\n")
	}
	return b.String()
}

// minimizeBody replaces as much of the body as it can with NOPs, and drops
// as many of the extra stops as it can, while the engines still differ by
// mcycle limit; it lists what is left.
func minimizeBody(p *program, limit uint64) string {
	var st runStats
	fails := func(q *program) bool {
		r := *q
		r.Checks = checksTo(q.Checks, limit)
		mm, err := compareRun(&r, limit, &st)
		return err == nil && mm != nil
	}
	cur := *p
	cur.RAM = append([]byte(nil), p.RAM...)
	if !fails(&cur) {
		return "(minimizing: the difference needs the whole run)\n"
	}
	first, n := cur.BodyStart&^3, (cur.BodyEnd-(cur.BodyStart&^3)+3)/4
	word := func(q *program, i uint64) []byte { a := first + 4*i - ramBase; return q.RAM[a : a+4] }
	trials := 0
	for chunk := (n + 1) / 2; chunk >= 1 && trials < 800; chunk /= 2 {
		for i := uint64(0); i < n && trials < 800; i += chunk {
			trial := cur
			trial.RAM = append([]byte(nil), cur.RAM...)
			changed := false
			for j := i; j < min(i+chunk, n); j++ {
				if binary.LittleEndian.Uint32(word(&trial, j)) != wordNOP {
					binary.LittleEndian.PutUint32(word(&trial, j), wordNOP)
					changed = true
				}
			}
			if !changed {
				continue
			}
			trials++
			if fails(&trial) {
				cur = trial
			}
		}
	}
	for i := 0; i < len(cur.Subs) && trials < 900; i++ {
		trial := cur
		trial.Subs = append(append([]uint64(nil), cur.Subs[:i]...), cur.Subs[i+1:]...)
		trials++
		if fails(&trial) {
			cur = trial
			i--
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "minimized in %d runs: both engines also stop at %v; body words left (the rest are NOPs):\n", trials, cur.Subs)
	for i := uint64(0); i < n; i++ {
		if w := binary.LittleEndian.Uint32(word(&cur, i)); w != wordNOP {
			fmt.Fprintf(&b, "  %#x: %08x\n", first+4*i, w)
		}
	}
	return b.String()
}

// codeAround dumps the words near pc (read as physical: the body is
// identity mapped), marking pc's halfword.
func codeAround(m *emu.Machine, pc uint64) string {
	var b strings.Builder
	from := pc&^3 - 32
	buf := make([]byte, 80)
	if err := m.ReadMemory(from, buf); err != nil {
		return fmt.Sprintf("(no memory at %#x)\n", pc)
	}
	for i := 0; i < len(buf); i += 4 {
		a := from + uint64(i)
		mark := "  "
		if a == pc&^3 {
			mark = "=>"
			if pc&2 != 0 {
				mark = "+2"
			}
		}
		fmt.Fprintf(&b, "%s %#x: %08x\n", mark, a, binary.LittleEndian.Uint32(buf[i:]))
	}
	return b.String()
}

// checkProgram runs one program and fails t with a full report on a
// difference.
func checkProgram(t *testing.T, p *program, data []byte, st *runStats) {
	t.Helper()
	mm, err := compareRun(p, 0, st)
	if err != nil {
		t.Fatalf("seed %d: %v", p.Seed, err)
	}
	st.programs++
	if mm != nil {
		t.Fatal(report(p, data, mm))
	}
}

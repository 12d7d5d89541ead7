package bench

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Engine names the harness treats specially: the reference for checksums
// and the first ratio, and the baseline of the second ratio.
const (
	nativeName   = "native"
	rivetName    = "rivet"
	cartesiName  = "cartesi"
	metricWall   = "wall"
	metricCPU    = "cpu"
	bareRAMStart = 0x80000000
	bareRAMBytes = 64 << 20
)

// Config is one run of the harness.
type Config struct {
	// BinDir is the Makefile's output directory (its native/, linux/,
	// rivet/ and spike/ subdirectories hold the builds).
	BinDir string
	// OutDir receives results.md, results.json and slowdown.png.
	OutDir string
	// Engine programs. Cartesi is empty unless the user gave its command.
	Rivet, QEMUSystem, QEMUUser, Cartesi string
	// ScaleMilli is the workload size in thousandths (1000: full size).
	ScaleMilli uint64
	// Warmup runs of each engine are checked but not timed; Runs are timed.
	Warmup, Runs int
	// Timeout bounds a single run.
	Timeout time.Duration
	// Metric is what the ratios and MIPS use: "wall" (default) or "cpu".
	Metric string
	// Engines and Workloads select by name; empty means all.
	Engines, Workloads []string
	// KnownFailures lists "engine:workload" pairs expected to fail (with the
	// reason in the Makefile). They show as FAILED (known) without failing
	// the run; if one passes, the run fails so the list cannot go stale.
	KnownFailures []string
	// Command is recorded with the results (how they were produced).
	Command string
}

// Cell is what one engine did with one workload.
type Cell struct {
	Engine string `json:"engine"`
	// Failure is empty when every run exited 0 with the expected checksum.
	Failure string `json:"failure,omitempty"`
	// KnownFailure marks a failure listed in Config.KnownFailures;
	// UnexpectedPass a listed pair that passed.
	KnownFailure   bool `json:"known_failure,omitempty"`
	UnexpectedPass bool `json:"unexpected_pass,omitempty"`
	// Wall and CPU hold the timed runs, in order.
	Wall []time.Duration `json:"-"`
	CPU  []time.Duration `json:"-"`
	// Checksum is what the program printed (16 hex digits).
	Checksum string `json:"checksum,omitempty"`
	// Mcycle is the guest's cycle count, for engines that report one.
	Mcycle uint64 `json:"mcycle,omitempty"`
}

// OK reports whether the cell passed.
func (c *Cell) OK() bool { return c.Failure == "" }

func (c *Cell) fail(format string, args ...any) {
	if c.Failure == "" {
		c.Failure = fmt.Sprintf(format, args...)
	}
}

// WorkloadResult is one row group of the table.
type WorkloadResult struct {
	Workload Workload `json:"workload"`
	// Reference is the checksum every engine had to print; ReferenceFrom
	// says where it came from (the native build, or agreement of engines).
	Reference     string `json:"reference,omitempty"`
	ReferenceFrom string `json:"reference_from,omitempty"`
	// Instructions is the guest's instruction count: rivet's mcycle, or the
	// Cartesi machine's when rivet did not run it (0: unknown).
	Instructions     uint64  `json:"instructions,omitempty"`
	InstructionsFrom string  `json:"instructions_from,omitempty"`
	Cells            []*Cell `json:"cells"`
}

// EngineInfo describes an engine that ran.
type EngineInfo struct {
	Name    string `json:"name"`
	Command string `json:"command"`
	Version string `json:"version,omitempty"`
}

// Results is a whole run of the harness.
type Results struct {
	Started    time.Time        `json:"started"`
	Machine    Machine          `json:"machine"`
	Command    string           `json:"command"`
	ScaleMilli uint64           `json:"scale_milli"`
	Warmup     int              `json:"warmup"`
	Runs       int              `json:"runs"`
	Metric     string           `json:"metric"`
	Engines    []EngineInfo     `json:"engines"`
	Skipped    []string         `json:"skipped,omitempty"`
	Workloads  []WorkloadResult `json:"workloads"`
	Elapsed    time.Duration    `json:"-"`
}

// Failed reports whether any cell failed unexpectedly or passed unexpectedly.
func (r *Results) Failed() bool {
	for _, w := range r.Workloads {
		for _, c := range w.Cells {
			if (!c.OK() && !c.KnownFailure) || c.UnexpectedPass {
				return true
			}
		}
	}
	return false
}

// Validate checks a configuration, naming the field and value at fault.
func (c *Config) Validate() error {
	switch {
	case c.BinDir == "":
		return errors.New("bin directory: empty")
	case c.ScaleMilli == 0:
		return errors.New("scale: must be positive")
	case c.ScaleMilli > 1_000_000:
		return fmt.Errorf("scale: %g is more than 1000", float64(c.ScaleMilli)/1000)
	case c.Runs < 1:
		return fmt.Errorf("runs: %d, want at least 1", c.Runs)
	case c.Warmup < 0:
		return fmt.Errorf("warmup: %d, want 0 or more", c.Warmup)
	case c.Timeout <= 0:
		return fmt.Errorf("timeout: %v, want a positive duration", c.Timeout)
	case c.Metric != metricWall && c.Metric != metricCPU:
		return fmt.Errorf("metric: %q, want %q or %q", c.Metric, metricWall, metricCPU)
	}
	for _, k := range c.KnownFailures {
		if e, w, ok := strings.Cut(k, ":"); !ok || e == "" || w == "" {
			return fmt.Errorf("known failure %q: want engine:workload", k)
		}
	}
	return nil
}

// selectEngines applies the engine filter and skips the engines that cannot
// run here, with one line each on log saying how to get them.
func selectEngines(c *Config, log io.Writer) ([]Engine, []string, error) {
	all := defaultEngines(c)
	var names []string
	for _, e := range all {
		names = append(names, e.Name)
	}
	for _, want := range c.Engines {
		if !slices.Contains(names, want) {
			if want == cartesiName {
				return nil, nil, fmt.Errorf("engine %q: give its command with --cartesi", want)
			}
			return nil, nil, fmt.Errorf("engine %q: unknown (known: %s)", want, strings.Join(names, ", "))
		}
	}
	var run []Engine
	var skipped []string
	for _, e := range all {
		if len(c.Engines) > 0 && !slices.Contains(c.Engines, e.Name) {
			continue
		}
		// Runs start in a scratch directory, so a relative path must be made absolute.
		if strings.ContainsRune(e.Program, os.PathSeparator) {
			abs, err := filepath.Abs(e.Program)
			if err != nil {
				return nil, nil, fmt.Errorf("engine %s: %w", e.Name, err)
			}
			e.Program = abs
		}
		if why := e.missing(); why != "" {
			line := fmt.Sprintf("skipping %s: %s; %s", e.Name, why, e.Install)
			fmt.Fprintf(log, "bench: %s\n", line)
			skipped = append(skipped, line)
			continue
		}
		run = append(run, e)
	}
	return run, skipped, nil
}

func selectWorkloads(names []string) ([]Workload, error) {
	all := Workloads()
	if len(names) == 0 {
		return all, nil
	}
	var out []Workload
	for _, n := range names {
		i := slices.IndexFunc(all, func(w Workload) bool { return w.Name == n })
		if i < 0 {
			var known []string
			for _, w := range all {
				known = append(known, w.Name)
			}
			return nil, fmt.Errorf("workload %q: unknown (known: %s)", n, strings.Join(known, ", "))
		}
		out = append(out, all[i])
	}
	return out, nil
}

// Run runs every selected workload under every available engine and returns
// the results; progress and skipped engines go to log, one line each.
// Engines alternate (A B C A B C ...) so that a change in the machine's load
// falls on all of them alike.
func Run(c Config, log io.Writer) (*Results, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	workloads, err := selectWorkloads(c.Workloads)
	if err != nil {
		return nil, err
	}
	engines, skipped, err := selectEngines(&c, log)
	if err != nil {
		return nil, err
	}
	if len(engines) == 0 {
		return nil, errors.New("no engine can run here (see the lines above)")
	}
	scratch, err := os.MkdirTemp("", "rivet-bench-")
	if err != nil {
		return nil, fmt.Errorf("scratch directory: %w", err)
	}
	defer os.RemoveAll(scratch)

	res := &Results{
		Started: time.Now().UTC(), Machine: describeMachine(), Command: c.Command,
		ScaleMilli: c.ScaleMilli, Warmup: c.Warmup, Runs: c.Runs, Metric: c.Metric, Skipped: skipped,
	}
	for _, e := range engines {
		cmd := strings.Join(append([]string{e.Program}, e.Prefix...), " ")
		if e.Build == buildNative {
			cmd = filepath.Join(c.BinDir, buildNative, "WORKLOAD")
		}
		res.Engines = append(res.Engines, EngineInfo{Name: e.Name, Command: cmd, Version: e.version()})
	}
	for _, w := range workloads {
		wr := runWorkload(&c, engines, w, scratch)
		res.Workloads = append(res.Workloads, wr)
		fmt.Fprintf(log, "bench: %s\n", progressLine(&wr, c.Metric))
	}
	res.Elapsed = time.Since(res.Started)
	return res, nil
}

// runWorkload runs one workload: warm-ups and timed runs, alternating
// engines, then the checks that compare engines with each other.
func runWorkload(c *Config, engines []Engine, w Workload, scratch string) WorkloadResult {
	wr := WorkloadResult{Workload: w}
	inputs := make([]string, len(engines))
	for i, e := range engines {
		cell := &Cell{Engine: e.Name}
		wr.Cells = append(wr.Cells, cell)
		in, err := prepareInput(c, &e, w.Name, scratch)
		if err != nil {
			cell.fail("%v", err)
		}
		inputs[i] = in
	}
	summary := filepath.Join(scratch, "summary.json")
	for round := 0; round < c.Warmup+c.Runs; round++ {
		for i := range engines {
			cell := wr.Cells[i]
			if !cell.OK() {
				continue // one failure is enough; don't time a broken engine
			}
			os.Remove(summary)
			out, err := runProcess(engines[i].command(inputs[i], c.ScaleMilli, summary), scratch, c.Timeout)
			if err != nil {
				cell.fail("%v", err)
				continue
			}
			checkRun(c, &engines[i], w.Name, out, summary, cell)
			if cell.OK() && round >= c.Warmup {
				cell.Wall = append(cell.Wall, out.wall)
				cell.CPU = append(cell.CPU, out.cpu)
			}
		}
	}
	compareCells(&wr)
	for _, cell := range wr.Cells {
		listed := slices.Contains(c.KnownFailures, cell.Engine+":"+w.Name)
		cell.KnownFailure = listed && !cell.OK()
		cell.UnexpectedPass = listed && cell.OK()
	}
	return wr
}

// prepareInput returns the file the engine runs: the build itself for the
// hosted builds (they take the scale as an argument), a copy with the scale
// patched in for the bare-metal builds, and a flat RAM image of that copy
// for the Cartesi machine.
func prepareInput(c *Config, e *Engine, workload, scratch string) (string, error) {
	build := e.Build
	if build == buildCartesi {
		build = buildRivet
	}
	name := workload
	if build == buildRivet || build == buildSpike {
		name += ".elf"
	}
	src := filepath.Join(c.BinDir, build, name)
	if build == buildNative || build == buildLinux {
		if _, err := os.Stat(src); err != nil {
			return "", fmt.Errorf("missing build %s (run: make -C bench binaries)", src)
		}
		return filepath.Abs(src)
	}
	image, err := os.ReadFile(src)
	if err != nil {
		return "", fmt.Errorf("missing build %s (run: make -C bench binaries)", src)
	}
	image, err = patchScale(image, c.ScaleMilli)
	if err != nil {
		return "", fmt.Errorf("%s: %w", src, err)
	}
	dst := filepath.Join(scratch, e.Build, name)
	if e.Build == buildCartesi {
		if image, err = flatImage(image, bareRAMStart, bareRAMBytes); err != nil {
			return "", fmt.Errorf("%s: %w", src, err)
		}
		dst = filepath.Join(scratch, e.Build, workload+".bin")
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	return dst, os.WriteFile(dst, image, 0o644)
}

// resultLine is what rt/common.c prints at the end of every workload.
var resultLine = regexp.MustCompile(`(?m)^bench (\S+) scale_milli=(\d+) checksum=([0-9a-f]{16})\r?$`)

// checkRun records a run's checksum and mcycle in cell, or its failure.
func checkRun(c *Config, e *Engine, workload string, out *runOutput, scratch string, cell *Cell) {
	if out.timedOut {
		cell.fail("timed out after %v", c.Timeout)
		return
	}
	if out.exitCode != 0 {
		cell.fail("exit status %d: %s", out.exitCode, lastLine(out))
		return
	}
	m := resultLine.FindSubmatch(out.stdout)
	if m == nil {
		cell.fail("no result line in the output: %s", lastLine(out))
		return
	}
	if string(m[1]) != workload || string(m[2]) != strconv.FormatUint(c.ScaleMilli, 10) {
		cell.fail("ran %s at scale_milli=%s, want %s at %d", m[1], m[2], workload, c.ScaleMilli)
		return
	}
	sum := string(m[3])
	if cell.Checksum != "" && cell.Checksum != sum {
		cell.fail("checksum %s, an earlier run printed %s", sum, cell.Checksum)
		return
	}
	cell.Checksum = sum
	if e.mcycle == nil {
		return
	}
	mc, err := e.mcycle(out, scratch)
	if err != nil {
		cell.fail("%v", err)
		return
	}
	if cell.Mcycle != 0 && cell.Mcycle != mc {
		cell.fail("mcycle %d, an earlier run ended at %d", mc, cell.Mcycle)
		return
	}
	cell.Mcycle = mc
}

// lastLine is the most telling line of a failed run: the last non-empty
// line of stdout (where the guest reports a trap), else of stderr.
func lastLine(out *runOutput) string {
	for _, b := range [][]byte{out.stdout, out.stderr} {
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
			if len(l) > 160 {
				l = l[:160] + "..."
			}
			return l
		}
	}
	return "(no output)"
}

// compareCells checks engines against each other: every checksum must equal
// the native build's (or, without one, all must agree), and every engine
// that reports mcycle (rivet's engines, the Cartesi reference) must report
// the same.
func compareCells(wr *WorkloadResult) {
	byName := map[string]*Cell{}
	var ok []*Cell
	for _, c := range wr.Cells {
		byName[c.Engine] = c
		if c.OK() {
			ok = append(ok, c)
		}
	}
	if n := byName[nativeName]; n != nil && n.OK() {
		wr.Reference, wr.ReferenceFrom = n.Checksum, nativeName
	} else if len(ok) > 0 {
		agree := true
		for _, c := range ok {
			agree = agree && c.Checksum == ok[0].Checksum
		}
		if !agree {
			var got []string
			for _, c := range ok {
				got = append(got, c.Engine+"="+c.Checksum)
			}
			for _, c := range ok {
				c.fail("engines disagree and no native run to decide: %s", strings.Join(got, " "))
			}
			return
		}
		wr.Reference, wr.ReferenceFrom = ok[0].Checksum, fmt.Sprintf("agreement of %d engines (no native run)", len(ok))
	}
	for _, c := range ok {
		if c.Checksum != wr.Reference {
			c.fail("wrong checksum %s, want %s (%s)", c.Checksum, wr.Reference, wr.ReferenceFrom)
		}
	}
	// Every engine that counts cycles must halt at the same mcycle: the
	// Cartesi reference decides when it ran, else rivet's interpreter.
	var counted []*Cell
	for _, c := range ok {
		if c.OK() && c.Mcycle != 0 {
			counted = append(counted, c)
		}
	}
	for _, judge := range []string{cartesiName, rivetName} {
		j := byName[judge]
		if j == nil || !j.OK() || j.Mcycle == 0 {
			continue
		}
		for _, c := range counted {
			if c != j && c.Mcycle != j.Mcycle {
				c.fail("halted at mcycle %d, %s at %d", c.Mcycle, judge, j.Mcycle)
			}
		}
		break
	}
	if r := byName[rivetName]; r != nil && r.OK() && r.Mcycle != 0 {
		wr.Instructions, wr.InstructionsFrom = r.Mcycle, rivetName
		return
	}
	for _, c := range counted {
		if c.OK() {
			wr.Instructions, wr.InstructionsFrom = c.Mcycle, c.Engine
			return
		}
	}
}

func progressLine(wr *WorkloadResult, metric string) string {
	parts := []string{wr.Workload.Name + ":"}
	for _, c := range wr.Cells {
		if c.OK() {
			parts = append(parts, fmt.Sprintf("%s %.3fs", c.Engine, c.Median(metric).Seconds()))
		} else {
			parts = append(parts, c.Engine+" FAILED")
		}
	}
	return strings.Join(parts, " ")
}

package bench

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWorkloadListMatchesSources(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("guest", "workloads", "*.c"))
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, f := range files {
		sources = append(sources, strings.TrimSuffix(filepath.Base(f), ".c"))
	}
	var listed []string
	for _, w := range Workloads() {
		listed = append(listed, w.Name)
	}
	slices.Sort(sources)
	slices.Sort(listed)
	if !slices.Equal(sources, listed) {
		t.Errorf("guest/workloads has %v, Workloads() lists %v", sources, listed)
	}
}

func TestMedianAndSpread(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var out []time.Duration
		for _, x := range v {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	tests := []struct {
		name   string
		runs   []time.Duration
		median time.Duration
		spread float64
	}{
		{"none", nil, 0, 0},
		{"one", ms(7), 7 * time.Millisecond, 0},
		{"odd, unsorted", ms(30, 10, 20), 20 * time.Millisecond, 1.0},
		{"even: mean of the middle two", ms(40, 10, 20, 30), 25 * time.Millisecond, 30.0 / 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Cell{Wall: tt.runs}
			if got := c.Median(metricWall); got != tt.median {
				t.Errorf("median = %v, want %v", got, tt.median)
			}
			if got := c.Spread(metricWall); math.Abs(got-tt.spread) > 1e-12 {
				t.Errorf("spread = %v, want %v", got, tt.spread)
			}
		})
	}
}

func TestRatiosAndGeoMean(t *testing.T) {
	sec := func(s float64) []time.Duration { return []time.Duration{time.Duration(s * float64(time.Second))} }
	res := &Results{Metric: metricWall, Workloads: []WorkloadResult{
		{Instructions: 400e6, Cells: []*Cell{{Engine: "native", Wall: sec(0.01)}, {Engine: "rivet", Wall: sec(2)}}},
		{Cells: []*Cell{{Engine: "native", Wall: sec(0.02)}, {Engine: "rivet", Wall: sec(0.5)}}},
		{Cells: []*Cell{{Engine: "native", Wall: sec(0.02)}, {Engine: "rivet", Failure: "exit status 3"}}},
	}}
	w := &res.Workloads[0]
	if got := w.Ratio("rivet", "native", metricWall); math.Abs(got-200) > 1e-9 {
		t.Errorf("ratio = %v, want 200", got)
	}
	if got := w.MIPS("rivet", metricWall); math.Abs(got-200) > 1e-9 {
		t.Errorf("MIPS = %v, want 400M instructions / 2 s = 200", got)
	}
	if got := res.Workloads[1].MIPS("rivet", metricWall); !math.IsNaN(got) {
		t.Errorf("MIPS without an instruction count = %v, want NaN", got)
	}
	if got := res.Workloads[2].Ratio("rivet", "native", metricWall); !math.IsNaN(got) {
		t.Errorf("ratio of a failed cell = %v, want NaN", got)
	}
	// sqrt(200 * 25) over the two workloads where both passed.
	if g, n := res.GeoMean("rivet", "native"); n != 2 || math.Abs(g-math.Sqrt(200*25)) > 1e-9 {
		t.Errorf("geomean = %v over %d, want %v over 2", g, n, math.Sqrt(200*25))
	}
}

func TestReplaceSection(t *testing.T) {
	doc := "# title\n" + readmeBegin + "\nold table\n" + readmeEnd + "\ntail\n"
	got, err := replaceSection([]byte(doc), "new table\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "# title\n" + readmeBegin + "\nnew table\n" + readmeEnd + "\ntail\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := replaceSection([]byte("# no markers\n"), "x"); err == nil || !strings.Contains(err.Error(), "bench-results:begin") {
		t.Errorf("missing markers: err = %v, want one naming the markers", err)
	}
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string // "" for success
		check   func(Config) string
	}{
		{args: []string{"--quick"}, check: func(c Config) string {
			if c.ScaleMilli != 50 || c.Runs != quickRuns || c.Warmup != quickWarmup || !strings.HasSuffix(c.OutDir, filepath.Join("results", "quick")) {
				return fmt.Sprintf("quick: %+v", c)
			}
			return ""
		}},
		{args: []string{"--quick", "--runs", "3", "--scale", "0.5"}, check: func(c Config) string {
			if c.ScaleMilli != 500 || c.Runs != 3 {
				return fmt.Sprintf("explicit flags must win over --quick: %+v", c)
			}
			return ""
		}},
		{args: []string{"--known-failures", "rivet:matmul, rivet:nbody"}, check: func(c Config) string {
			if !slices.Equal(c.KnownFailures, []string{"rivet:matmul", "rivet:nbody"}) {
				return fmt.Sprintf("known failures: %q", c.KnownFailures)
			}
			return ""
		}},
		{args: []string{"--scale", "0"}, wantErr: "--scale 0"},
		{args: []string{"--scale", "0.0001"}, wantErr: "smallest step"},
		{args: []string{"--runs", "0"}, wantErr: "runs: 0"},
		{args: []string{"--metric", "cycles"}, wantErr: `metric: "cycles"`},
		{args: []string{"--known-failures", "matmul"}, wantErr: `known failure "matmul"`},
		{args: []string{"extra"}, wantErr: `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var log bytes.Buffer
			c, _, err := parseArgs(tt.args, &log)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(c); msg != "" {
				t.Error(msg)
			}
		})
	}
}

// writeScript writes an executable shell script.
func writeScript(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
}

// TestHarnessWithStandIns runs the harness on shell scripts standing in for
// the native builds and for qemu-riscv64, so it needs no toolchain: a wrong
// checksum must fail its cell and the run, a missing engine must be skipped
// with an install hint, and the known-failure list must work both ways.
func TestHarnessWithStandIns(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("needs /bin/sh")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "out")
	for _, w := range []string{"fib", "sieve"} {
		// Prints what rt/common.c prints; the checksum depends on the workload only.
		writeScript(t, filepath.Join(bin, "native", w),
			fmt.Sprintf("echo \"bench %s scale_milli=$1 checksum=00000000000000%02x\"\n", w, len(w)))
	}
	// A "QEMU user mode" that runs the program it is given, but gets sieve wrong.
	qemuUser := filepath.Join(dir, "fake-qemu-riscv64")
	writeScript(t, qemuUser, `prog=$1; shift
case "$prog" in
*sieve) "$prog" "$@" | sed 's/checksum=0/checksum=f/' ;;
*) exec "$prog" "$@" ;;
esac
`)
	// The stand-in runs the native scripts, so point the linux build there.
	if err := os.Symlink(filepath.Join(bin, "native"), filepath.Join(bin, "linux")); err != nil {
		t.Fatal(err)
	}
	base := Config{
		BinDir: bin, OutDir: filepath.Join(dir, "results"), ScaleMilli: 20, Runs: 3, Warmup: 1,
		Timeout: time.Minute, Metric: metricWall, Workloads: []string{"fib", "sieve"},
		Rivet: filepath.Join(dir, "no-such-rivet"), QEMUSystem: "no-such-qemu-system-riscv64", QEMUUser: qemuUser,
	}

	var log bytes.Buffer
	res, err := Run(base, &log)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"skipping rivet: ", "make -C bench build", "skipping qemu-spike: ", "apt-get install qemu-system-misc"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
	fib, sieve := &res.Workloads[0], &res.Workloads[1]
	if c := fib.cell("qemu-user"); c == nil || !c.OK() || len(c.Wall) != 3 {
		t.Errorf("fib under qemu-user: %+v, want ok with 3 timed runs", c)
	}
	if c := sieve.cell("qemu-user"); c == nil || c.OK() || !strings.Contains(c.Failure, "wrong checksum f") {
		t.Errorf("sieve under qemu-user: %+v, want a wrong-checksum failure", c)
	}
	if !res.Failed() {
		t.Error("Failed() = false with a wrong checksum")
	}
	md := res.Markdown()
	if !strings.Contains(md, "| sieve | qemu-user | — | — | — | — | — | — | FAILED: wrong checksum") {
		t.Errorf("table lacks the FAILED row:\n%s", md)
	}
	if err := res.WriteFiles(base.OutDir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{resultsMarkdown, resultsJSON, resultsChart} {
		if st, err := os.Stat(filepath.Join(base.OutDir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}

	known := base
	known.KnownFailures = []string{"qemu-user:sieve"}
	if res, err = Run(known, &log); err != nil {
		t.Fatal(err)
	}
	if res.Failed() || !res.Workloads[1].cell("qemu-user").KnownFailure {
		t.Error("a listed failure must not fail the run")
	}
	known.KnownFailures = []string{"qemu-user:fib"}
	known.Workloads = []string{"fib"}
	if res, err = Run(known, &log); err != nil {
		t.Fatal(err)
	}
	if !res.Failed() || !res.Workloads[0].cell("qemu-user").UnexpectedPass {
		t.Error("a listed pair that passes must fail the run")
	}
}

func TestMainExitStatus(t *testing.T) {
	var out, errOut bytes.Buffer
	if got := Main([]string{"--scale", "-1"}, &out, &errOut); got != 2 {
		t.Errorf("bad flag: exit %d, want 2 (stderr %q)", got, errOut.String())
	}
	errOut.Reset()
	if got := Main([]string{"--engines", "bochs", "--bin", t.TempDir()}, &out, &errOut); got != 1 || !strings.Contains(errOut.String(), `engine "bochs": unknown`) {
		t.Errorf("unknown engine: exit %d, stderr %q", got, errOut.String())
	}
}

func TestCompareCells(t *testing.T) {
	cell := func(engine, sum string, mcycle uint64) *Cell {
		return &Cell{Engine: engine, Checksum: sum, Mcycle: mcycle}
	}
	t.Run("mcycle judged by the Cartesi reference", func(t *testing.T) {
		wr := WorkloadResult{Cells: []*Cell{cell("native", "aa", 0), cell("rivet", "aa", 100), cell("rivet-jit", "aa", 101), cell("cartesi", "aa", 100)}}
		compareCells(&wr)
		if c := wr.cell("rivet-jit"); c.OK() || !strings.Contains(c.Failure, "mcycle 101, cartesi at 100") {
			t.Errorf("rivet-jit: %q, want an mcycle failure", c.Failure)
		}
		if !wr.cell("rivet").OK() || wr.Instructions != 100 || wr.InstructionsFrom != "rivet" {
			t.Errorf("rivet %q, instructions %d from %q", wr.cell("rivet").Failure, wr.Instructions, wr.InstructionsFrom)
		}
	})
	t.Run("mcycle judged by rivet without the reference", func(t *testing.T) {
		wr := WorkloadResult{Cells: []*Cell{cell("native", "aa", 0), cell("rivet", "aa", 100), cell("rivet-jit", "aa", 99)}}
		compareCells(&wr)
		if c := wr.cell("rivet-jit"); c.OK() || !strings.Contains(c.Failure, "rivet at 100") {
			t.Errorf("rivet-jit: %q, want an mcycle failure", c.Failure)
		}
	})
	t.Run("wrong checksum against native", func(t *testing.T) {
		wr := WorkloadResult{Cells: []*Cell{cell("native", "aa", 0), cell("qemu-user", "ab", 0)}}
		compareCells(&wr)
		if c := wr.cell("qemu-user"); !strings.Contains(c.Failure, "wrong checksum ab, want aa (native)") {
			t.Errorf("qemu-user: %q", c.Failure)
		}
	})
	t.Run("no native: engines must agree", func(t *testing.T) {
		wr := WorkloadResult{Cells: []*Cell{{Engine: "native", Failure: "missing build"}, cell("rivet", "aa", 5), cell("qemu-user", "ab", 0)}}
		compareCells(&wr)
		for _, e := range []string{"rivet", "qemu-user"} {
			if c := wr.cell(e); !strings.Contains(c.Failure, "engines disagree") {
				t.Errorf("%s: %q, want a disagreement failure", e, c.Failure)
			}
		}
		wr = WorkloadResult{Cells: []*Cell{cell("rivet", "aa", 5), cell("qemu-user", "aa", 0)}}
		compareCells(&wr)
		if !wr.cell("rivet").OK() || !strings.HasPrefix(wr.ReferenceFrom, "agreement of 2 engines") {
			t.Errorf("agreeing engines: %q, reference from %q", wr.cell("rivet").Failure, wr.ReferenceFrom)
		}
	})
}

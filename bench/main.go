package bench

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const usage = `usage: bench [flags]

Runs rivet's guest workloads under every engine that is available (native,
rivet, QEMU's spike machine with and without -icount, QEMU user mode, and the
Cartesi reference machine when --cartesi gives its command), checks every
checksum, and prints a Markdown table; results.md, results.json and
slowdown.png go to --out. Build the workloads first: make -C bench build.
Exit status: 0 when every checksum matched, 1 when something failed, 2 for
bad flags.

flags:
`

// Main is the harness's command line (go run ./bench/cmd/bench, and
// `rivet bench`): it parses args, runs, reports, and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	cfg, readme, err := parseArgs(args, stderr)
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 2
	}
	res, err := Run(cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, res.Markdown())
	if err := res.WriteFiles(cfg.OutDir); err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "bench: wrote %s, %s and %s in %s\n", resultsMarkdown, resultsJSON, resultsChart, cfg.OutDir)
	if readme != "" {
		if err := res.UpdateReadme(readme); err != nil {
			fmt.Fprintf(stderr, "bench: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "bench: updated the results in %s\n", readme)
	}
	if res.Failed() {
		fmt.Fprintln(stderr, "bench: FAILED (see the table)")
		return 1
	}
	return 0
}

// Defaults of the full and the quick run.
const (
	fullScale, quickScale     = 1.0, 0.05
	fullRuns, quickRuns       = 5, 2
	fullWarmup, quickWarmup   = 1, 0
	fullTimeout, quickTimeout = 5 * time.Minute, time.Minute
)

func parseArgs(args []string, stderr io.Writer) (Config, string, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	var (
		quick                        bool
		scale                        float64
		cfg                          Config
		engines, workloads, knownBad string
		readme                       string
	)
	fs.BoolVar(&quick, "quick", false, fmt.Sprintf("quick run for CI: scale %g, %d runs, %d warm-up (explicit flags win)", quickScale, quickRuns, quickWarmup))
	fs.Float64Var(&scale, "scale", fullScale, "workload size (1: each takes 0.5-3 s on rivet's interpreter)")
	fs.IntVar(&cfg.Runs, "runs", fullRuns, "timed runs per engine and workload")
	fs.IntVar(&cfg.Warmup, "warmup", fullWarmup, "untimed (but checked) runs before the timed ones")
	fs.DurationVar(&cfg.Timeout, "timeout", fullTimeout, "limit of a single run")
	fs.StringVar(&cfg.Metric, "metric", metricWall, "time the ratios and MIPS use: wall or cpu (user + system)")
	fs.StringVar(&engines, "engines", "", "comma-separated engines to run (default: all available)")
	fs.StringVar(&workloads, "workloads", "", "comma-separated workloads to run (default: all)")
	fs.StringVar(&knownBad, "known-failures", "", "comma-separated engine:workload pairs expected to fail")
	fs.StringVar(&cfg.BinDir, "bin", "", "the Makefile's output directory (default: bench/out or ./out)")
	fs.StringVar(&cfg.OutDir, "out", "", "results directory (default: results/full or results/quick next to --bin)")
	fs.StringVar(&cfg.Rivet, "rivet", "", "rivet binary (default: BIN/bin/rivet)")
	fs.StringVar(&cfg.QEMUSystem, "qemu-system", "qemu-system-riscv64", "QEMU system emulator")
	fs.StringVar(&cfg.QEMUUser, "qemu-user", "qemu-riscv64", "QEMU user-mode emulator")
	fs.StringVar(&cfg.Cartesi, "cartesi", "", "command of the Cartesi reference machine (cartesi-machine); not run without it")
	fs.StringVar(&readme, "readme", "", "also replace the results section of this README")
	if err := fs.Parse(args); err != nil {
		return cfg, "", err
	}
	if fs.NArg() > 0 {
		return cfg, "", fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	mode := "full"
	if quick {
		mode = "quick"
		if !set["scale"] {
			scale = quickScale
		}
		if !set["runs"] {
			cfg.Runs = quickRuns
		}
		if !set["warmup"] {
			cfg.Warmup = quickWarmup
		}
		if !set["timeout"] {
			cfg.Timeout = quickTimeout
		}
	}
	if math.IsNaN(scale) || scale <= 0 || scale > 1000 {
		return cfg, "", fmt.Errorf("--scale %g: want a number in (0, 1000]", scale)
	}
	cfg.ScaleMilli = uint64(math.Round(scale * 1000))
	if cfg.ScaleMilli == 0 {
		return cfg, "", fmt.Errorf("--scale %g: smaller than the smallest step, 0.001", scale)
	}
	cfg.Engines, cfg.Workloads, cfg.KnownFailures = splitList(engines), splitList(workloads), splitList(knownBad)
	if cfg.BinDir == "" {
		cfg.BinDir = "out"
		if _, err := os.Stat(filepath.Join("bench", "Makefile")); err == nil {
			cfg.BinDir = filepath.Join("bench", "out")
		}
	}
	if cfg.OutDir == "" {
		cfg.OutDir = filepath.Join(filepath.Dir(filepath.Clean(cfg.BinDir)), "results", mode)
	}
	if cfg.Rivet == "" {
		cfg.Rivet = filepath.Join(cfg.BinDir, "bin", "rivet")
	}
	cfg.Command = "bench " + strings.Join(args, " ")
	return cfg, readme, cfg.Validate()
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

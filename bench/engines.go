package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Build names: the subdirectories of the Makefile's output directory, plus
// "cartesi", the rivet build flattened to a RAM image by the harness.
const (
	buildNative  = "native"
	buildLinux   = "linux"
	buildRivet   = "rivet"
	buildSpike   = "spike"
	buildCartesi = "cartesi"
)

// bareRAMLength is the RAM every bare-metal engine gets. bare.ld keeps the
// program, its data and its stack below 60 MiB.
const (
	bareRAMLength = "64Mi"
	qemuRAMLength = "64M"
)

// Engine is one way of running a workload: a row of the results table.
type Engine struct {
	// Name labels the rows and the chart's bars.
	Name string
	// Build is the workload build the engine runs (see the build* constants).
	Build string
	// Program is the executable; when it cannot be found the engine is
	// skipped with one line that says how to install it (Install).
	Program string
	Install string
	// Prefix holds arguments that come before the engine's own (a wrapper's
	// script, for a --cartesi command with several words).
	Prefix []string
	// args builds the rest of the command line for one run. input is the
	// (patched) workload file; scratch is a file path the run may write.
	args func(input string, scaleMilli uint64, scratch string) []string
	// check, when set, inspects the program found (it may set flags) and
	// says why the engine cannot run ("" when it can).
	check func(e *Engine) string
	// flags are appended to every command line.
	flags []string
	// mcycle reads the guest's instruction count from a finished run, when
	// the engine reports one (rivet and the Cartesi machine count mcycle).
	mcycle func(out *runOutput, scratch string) (uint64, error)
	// versionArgs prints the engine's version (first line kept); nil: none.
	versionArgs []string
}

// nativeEngine runs the host build directly. It is always available; a
// missing build fails its cells with the command that makes it.
func nativeEngine() Engine {
	return Engine{
		Name:  "native",
		Build: buildNative,
		args:  hostedArgs,
	}
}

// rivetEngine runs the bare-metal build on rivet with one of its engines
// ("interp", "jit"): a row per engine, each one line in defaultEngines. A
// rivet built before its --engine flag existed has the interpreter only.
func rivetEngine(name, rivet, engine string) Engine {
	return Engine{
		Name:    name,
		Build:   buildRivet,
		Program: rivet,
		Install: "build it: make -C bench build (or make build, then --rivet bin/rivet)",
		args: func(input string, _ uint64, scratch string) []string {
			return []string{"run", "--ram-length", bareRAMLength, "--elf", input, "--quiet", "--summary-json", scratch}
		},
		check: func(e *Engine) string {
			help, _ := exec.Command(e.Program, "run", "-h").CombinedOutput()
			switch {
			case bytes.Contains(help, []byte("-engine")):
				e.flags = []string{"--engine", engine}
			case engine != "interp":
				return e.Program + " has no --engine flag, so no " + engine + " engine"
			}
			return ""
		},
		mcycle:      rivetMcycle,
		versionArgs: []string{"version"},
	}
}

// qemuSystemEngine runs the spike build (tohost symbol) on QEMU's spike machine.
func qemuSystemEngine(name, qemu string, extra ...string) Engine {
	return Engine{
		Name:    name,
		Build:   buildSpike,
		Program: qemu,
		Install: "install QEMU: apt-get install qemu-system-misc (or make -C bench deps)",
		args: func(input string, _ uint64, _ string) []string {
			a := []string{"-M", "spike", "-m", qemuRAMLength, "-bios", "none", "-display", "none",
				"-serial", "stdio", "-monitor", "none"}
			a = append(a, extra...)
			return append(a, "-kernel", input)
		},
		versionArgs: []string{"--version"},
	}
}

// qemuUserEngine runs the static Linux build under QEMU's user-mode emulator.
func qemuUserEngine(qemu string) Engine {
	return Engine{
		Name:    "qemu-user",
		Build:   buildLinux,
		Program: qemu,
		Install: "install QEMU user mode: apt-get install qemu-user (or make -C bench deps)",
		args: func(input string, scaleMilli uint64, scratch string) []string {
			return append([]string{input}, hostedArgs(input, scaleMilli, scratch)...)
		},
		versionArgs: []string{"--version"},
	}
}

// cartesiEngine runs the rivet build, flattened to a RAM image, on the Cartesi
// reference machine. command is what the user passed with --cartesi; it may
// hold several words (an interpreter and a script).
func cartesiEngine(command string) Engine {
	words := strings.Fields(command)
	e := Engine{
		Name:    "cartesi",
		Build:   buildCartesi,
		Install: "pass the reference's command with --cartesi (it is never installed by this repository)",
		args: func(input string, _ uint64, _ string) []string {
			return []string{"--ram-length=" + bareRAMLength, "--ram-image=" + input, "--no-root-flash-drive",
				"--no-init-splash", "--max-mcycle=" + strconv.FormatUint(cartesiMaxMcycle, 10)}
		},
		mcycle:      cartesiMcycle,
		versionArgs: []string{"--version"},
	}
	if len(words) > 0 {
		e.Program, e.Prefix = words[0], words[1:]
	}
	return e
}

// cartesiMaxMcycle bounds a Cartesi run (the reference needs a limit); far
// above any workload, so reaching it means the program never halted.
const cartesiMaxMcycle = 1 << 40

// hostedArgs passes the scale as the program's only argument.
func hostedArgs(input string, scaleMilli uint64, _ string) []string {
	return []string{strconv.FormatUint(scaleMilli, 10)}
}

// defaultEngines lists every engine the harness knows, in table order. The
// Cartesi reference is included only when its command was given.
func defaultEngines(c *Config) []Engine {
	engines := []Engine{
		nativeEngine(),
		rivetEngine(rivetName, c.Rivet, "interp"),
		rivetEngine("rivet-jit", c.Rivet, "jit"),
		qemuSystemEngine("qemu-spike", c.QEMUSystem),
		qemuSystemEngine("qemu-spike-icount", c.QEMUSystem, "-icount", "shift=0"),
		qemuUserEngine(c.QEMUUser),
	}
	if c.Cartesi != "" {
		engines = append(engines, cartesiEngine(c.Cartesi))
	}
	return engines
}

// command returns the argv of one run; input must already exist.
func (e *Engine) command(input string, scaleMilli uint64, scratch string) []string {
	argv := []string{input}
	if e.Build != buildNative {
		argv = append([]string{e.Program}, e.Prefix...)
	}
	argv = append(argv, e.args(input, scaleMilli, scratch)...)
	return append(argv, e.flags...)
}

// missing says why the engine cannot run here ("" when it can); its
// check may set the engine's flags.
func (e *Engine) missing() string {
	if e.Build == buildNative {
		return ""
	}
	if e.Program == "" {
		return "no command given"
	}
	if strings.ContainsRune(e.Program, os.PathSeparator) {
		if st, err := os.Stat(e.Program); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			return e.Program + " not found or not executable"
		}
	} else if _, err := exec.LookPath(e.Program); err != nil {
		return e.Program + " not found on PATH"
	}
	if e.check != nil {
		return e.check(e)
	}
	return ""
}

// version runs the engine's version command and returns its first line.
func (e *Engine) version() string {
	if e.versionArgs == nil || e.missing() != "" {
		return ""
	}
	argv := append(append([]string{}, e.Prefix...), e.versionArgs...)
	out, err := exec.Command(e.Program, argv...).CombinedOutput()
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return strings.TrimSpace(line)
}

// rivetSummary is what `rivet run --summary-json` writes.
type rivetSummary struct {
	BreakReason string `json:"break_reason"`
	Mcycle      uint64 `json:"mcycle"`
	ExitCode    uint64 `json:"exit_code"`
	Halted      bool   `json:"halted"`
}

func rivetMcycle(_ *runOutput, scratch string) (uint64, error) {
	data, err := os.ReadFile(scratch)
	if err != nil {
		return 0, fmt.Errorf("rivet summary: %w", err)
	}
	var s rivetSummary
	if err := json.Unmarshal(data, &s); err != nil {
		return 0, fmt.Errorf("rivet summary %s: %w", filepath.Base(scratch), err)
	}
	if !s.Halted || s.ExitCode != 0 {
		return 0, fmt.Errorf("rivet summary: break reason %q, exit code %d", s.BreakReason, s.ExitCode)
	}
	return s.Mcycle, nil
}

// cartesiMcycle reads the "Halted" and "Cycles: N" lines the reference
// prints on stderr when the machine halts (it prints neither when it stops
// at --max-mcycle).
func cartesiMcycle(out *runOutput, _ string) (uint64, error) {
	halted := false
	sc := bufio.NewScanner(bytes.NewReader(out.stderr))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "Halted") {
			halted = true
		}
		if v, ok := strings.CutPrefix(line, "Cycles: "); ok && halted {
			n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("cartesi: bad cycle count %q: %w", v, err)
			}
			return n, nil
		}
	}
	return 0, fmt.Errorf("cartesi: no \"Halted\" and \"Cycles:\" lines on stderr (the machine did not halt)")
}

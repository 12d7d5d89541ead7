package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rivetvm/rivet/emu"
)

const isaTestSummary = `usage: rivet isa-test [flags] FILE|DIR...

Runs programs that follow the riscv-tests protocol: each ELF defines a symbol
"tohost" and ends by storing 1 there (pass) or (n << 1) | 1 (test n failed).
A program that halts the machine through HTIF instead passes with exit code 0.
Directories are searched for ELF files (non-recursively). Prints one line per
program (PASS name / FAIL name test N / TIMEOUT name), then "N passed, M failed".
The exit status is non-zero when any program fails.`

func cmdISATest(args []string) error {
	fs := newFlagSet("isa-test", isaTestSummary)
	maxCycles := sizeFlag{name: "max-mcycle", v: 50_000_000}
	ramLength := sizeFlag{name: "ram-length", v: 64 << 20}
	fs.Var(&maxCycles, "max-mcycle", "cycles after which a program counts as TIMEOUT")
	fs.Var(&ramLength, "ram-length", "RAM length for each program")
	verbose := fs.Bool("v", false, "print the console output of the programs")
	engine := fs.String("engine", defaultEngine(), "execution engine: jit or interp")
	if err := parseFlags(fs, args, isaTestSummary); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("isa-test: no FILE or DIR given")
	}
	if err := checkEngine(*engine); err != nil {
		return err
	}
	files, err := collectELFs(fs.Args())
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("isa-test: no ELF files found in %s", strings.Join(fs.Args(), " "))
	}
	passed, failed := 0, 0
	for _, path := range files {
		res := RunISATest(path, ramLength.v, maxCycles.v, *verbose, *engine)
		fmt.Println(res.Line)
		if res.Pass {
			passed++
		} else {
			failed++
		}
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return &exitError{1}
	}
	return nil
}

// collectELFs expands directories into the ELF files they hold.
func collectELFs(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, usagef("isa-test: %v", err)
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue
			}
			p := filepath.Join(a, e.Name())
			if isELF(p) {
				names = append(names, p)
			}
		}
		sort.Strings(names)
		files = append(files, names...)
	}
	return files, nil
}

func isELF(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [4]byte
	_, err = f.Read(magic[:])
	return err == nil && string(magic[:]) == "\x7fELF"
}

// ISATestResult is the outcome of one riscv-tests program.
type ISATestResult struct {
	Pass   bool
	Line   string
	Mcycle uint64
}

// RunISATest runs one program until it writes tohost or times out.
func RunISATest(path string, ramLength, maxCycles uint64, verbose bool, engine string) ISATestResult {
	name := filepath.Base(path)
	fail := func(format string, args ...any) ISATestResult {
		return ISATestResult{Line: fmt.Sprintf("FAIL %s %s", name, fmt.Sprintf(format, args...))}
	}
	img, err := emu.ReadELF(path)
	if err != nil {
		return fail("(%v)", err)
	}
	tohost, ok := img.Symbols["tohost"]
	if !ok {
		return fail("(no tohost symbol)")
	}
	cfg := emu.DefaultConfig(ramLength)
	var opts emu.RuntimeOptions
	if verbose {
		opts.ConsoleOutput = os.Stdout
	}
	m, err := emu.New(cfg, opts)
	if err != nil {
		return fail("(%v)", err)
	}
	defer m.Close()
	if err := installTestEngine(m, engine); err != nil {
		return fail("(%v)", err)
	}
	if err := m.LoadELF(img); err != nil {
		return fail("(%v)", err)
	}
	var word [8]byte
	const chunk = 1 << 16
	for m.Mcycle() < maxCycles {
		reason, err := m.Run(min(m.Mcycle()+chunk, maxCycles))
		if err != nil {
			return fail("(%v)", err)
		}
		if err := m.ReadMemory(tohost, word[:]); err != nil {
			return fail("(tohost: %v)", err)
		}
		v := uint64(word[0]) | uint64(word[1])<<8 | uint64(word[2])<<16 | uint64(word[3])<<24 |
			uint64(word[4])<<32 | uint64(word[5])<<40 | uint64(word[6])<<48 | uint64(word[7])<<56
		switch {
		case v == 1:
			return ISATestResult{Pass: true, Line: "PASS " + name, Mcycle: m.Mcycle()}
		case v != 0:
			return ISATestResult{Line: fmt.Sprintf("FAIL %s test %d", name, v>>1), Mcycle: m.Mcycle()}
		}
		if reason == emu.BreakHalted {
			// A program may also end through the machine's own HTIF halt:
			// exit code 0 passes, anything else fails.
			if m.ExitCode() == 0 {
				return ISATestResult{Pass: true, Line: "PASS " + name, Mcycle: m.Mcycle()}
			}
			return fail("(halted with exit code %d)", m.ExitCode())
		}
		if reason != emu.BreakReachedTargetMcycle && reason != emu.BreakYieldedAutomatically {
			return fail("(stopped: %s)", reason)
		}
	}
	return ISATestResult{Line: "TIMEOUT " + name, Mcycle: m.Mcycle()}
}

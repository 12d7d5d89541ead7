package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/rivetvm/rivet/emu"
)

const runSummary = `usage: rivet run [flags] [-- command...]

Runs a machine and prints its console output live, then the break reason,
mcycle and halt exit code on stderr. rivet's exit status is the guest's halt
exit code (255 if larger), 0 when --max-mcycle is reached first.

Without --elf, --ram-image, --config or --load, rivet boots Linux from the
images 'make images' built (linux.bin, rootfs.ext2 as the root drive) and runs
the command after -- as the entrypoint (with -i and no command: sh).`

// runChunk is how many cycles Run executes between console flushes.
const runChunk = 1 << 24

type runFlags struct {
	machineFlags
	maxMcycle      sizeFlag
	quiet          bool
	summaryJSON    string
	initialHash    bool
	finalHash      bool
	periodicHashes sizeFlag
	store          string
	stats          bool
	cpuProfile     string
	jitCode        string
}

func cmdRun(args []string) error {
	var f runFlags
	fs := newFlagSet("run", runSummary)
	f.machineFlags.register(fs)
	f.maxMcycle = sizeFlag{name: "max-mcycle", v: ^uint64(0)}
	fs.Var(&f.maxMcycle, "max-mcycle", "stop when mcycle reaches this value")
	fs.BoolVar(&f.quiet, "quiet", false, "do not print the summary lines")
	fs.StringVar(&f.summaryJSON, "summary-json", "", "write the break reason, mcycle and exit code to this file as JSON")
	fs.BoolVar(&f.initialHash, "initial-hash", false, "print the root hash before running")
	fs.BoolVar(&f.finalHash, "final-hash", false, "print the root hash after running")
	fs.Var(&f.periodicHashes, "periodic-hashes", "print the root hash every N mcycles")
	fs.StringVar(&f.store, "store", "", "store the machine in this directory (which must not exist) after running")
	fs.BoolVar(&f.stats, "stats", false, "print engine statistics (blocks translated, entries, exits by reason, MIPS) at the end")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a Go CPU profile of the run to this file (for `go tool pprof`)")
	fs.StringVar(&f.jitCode, "jit-code", "", "write the JIT's code memory to this file at the end (offsets as `perf report` shows them for memfd:rivet-jit; `objdump -D -b binary -mi386:x86-64 FILE`)")
	if err := parseFlags(fs, args, runSummary); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		if !f.linuxMode() {
			return usagef("run: unexpected argument %q (a command after -- needs the Linux machine)", fs.Arg(0))
		}
		f.entrypoint = fs.Args()
	} else if f.interactive && f.linuxMode() && len(f.appendEntrypoint) == 0 {
		f.entrypoint = []string{"sh"} // -i alone: an interactive shell
	}
	for _, e := range f.env {
		if name, _, ok := strings.Cut(e, "="); !ok || name == "" || strings.ContainsAny(name, " \t\n;$") {
			return usagef("--env %q: want NAME=VALUE", e)
		}
	}
	if f.periodicHashes.set && f.periodicHashes.v == 0 {
		return usagef("--periodic-hashes 0: must be positive")
	}
	if f.store != "" {
		if _, err := os.Stat(f.store); err == nil {
			return usagef("--store %s: already exists", f.store)
		}
	}
	out := newConsoleWriter(os.Stdout)
	opts := emu.RuntimeOptions{ConsoleOutput: out}
	if f.interactive {
		in, restore, err := openTerminalInput()
		if err != nil {
			return err
		}
		defer restore()
		opts.ConsoleInput = in
	}
	f.timeTranslation = f.stats
	m, err := f.build(opts)
	if err != nil {
		return err
	}
	defer m.Close()
	if f.cpuProfile != "" {
		stop, err := startCPUProfile(f.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	// Building the machine leaves garbage (image files read whole). A
	// collection that starts while generated code runs has to stop the
	// goroutine running it, which only Go code can do: its preemption
	// signals keep missing, and on a short run that costs a fifth of the
	// time. Collect now, while nothing runs; the run loop allocates little.
	runtime.GC()
	hashes := os.Stderr
	started, startMcycle := time.Now(), m.Mcycle()
	if f.initialHash {
		printHash(hashes, m)
	}
	var reason emu.BreakReason
	if f.periodicHashes.set {
		step := f.periodicHashes.v
		for {
			next := (m.Mcycle()/step + 1) * step
			if next < m.Mcycle() || next > f.maxMcycle.v {
				next = f.maxMcycle.v
			}
			if reason, err = runTo(m, next, out); err != nil {
				return err
			}
			printHash(hashes, m)
			if reason != emu.BreakReachedTargetMcycle || m.Mcycle() >= f.maxMcycle.v {
				break
			}
		}
	} else if reason, err = runTo(m, f.maxMcycle.v, out); err != nil {
		return err
	}
	if f.finalHash && !f.periodicHashes.set {
		printHash(hashes, m)
	}
	if f.store != "" {
		if err := m.Store(f.store); err != nil {
			return err
		}
	}
	mcycle, code := m.Mcycle(), m.ExitCode()
	if f.stats {
		printStats(os.Stderr, m, mcycle-startMcycle, time.Since(started))
		f.stats = false
	}
	if f.jitCode != "" {
		if err := writeJITCode(f.jitCode, m); err != nil {
			return err
		}
	}
	if err := m.Close(); err != nil {
		return err
	}
	return finishRun(&f, reason, mcycle, code)
}

// startCPUProfile starts the Go CPU profiler writing to path; the returned
// function stops it and closes the file.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, usagef("--cpuprofile %s: %v", path, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func printHash(w io.Writer, m *emu.Machine) {
	fmt.Fprintf(w, "%d: %s\n", m.Mcycle(), emu.RootHashHex(m.RootHash()))
}

// runTo runs in chunks so console output is flushed while the guest runs.
func runTo(m *emu.Machine, end uint64, out *consoleWriter) (emu.BreakReason, error) {
	for {
		target := end
		if mc := m.Mcycle(); end-mc > runChunk {
			target = mc + runChunk
		}
		reason, err := m.Run(target)
		out.Flush()
		if err != nil {
			return reason, err
		}
		// Automatic yields (progress, outputs, reports) are notices: go on.
		if reason != emu.BreakReachedTargetMcycle && reason != emu.BreakConsoleOutput &&
			reason != emu.BreakYieldedAutomatically || m.Mcycle() >= end {
			return reason, nil
		}
	}
}

func finishRun(f *runFlags, reason emu.BreakReason, mcycle, code uint64) error {
	if !f.quiet {
		if reason == emu.BreakHalted {
			fmt.Fprintf(os.Stderr, "rivet: %s at mcycle %d, exit code %d\n", reason, mcycle, code)
			if code == 255 && f.linuxMode() {
				fmt.Fprintln(os.Stderr, "rivet: exit code 255 is a kernel panic or the death of init (see the console above)")
			}
		} else {
			fmt.Fprintf(os.Stderr, "rivet: %s at mcycle %d\n", reason, mcycle)
		}
	}
	if f.summaryJSON != "" {
		b, _ := json.Marshal(map[string]any{"break_reason": reason.String(), "mcycle": mcycle, "exit_code": code, "halted": reason == emu.BreakHalted})
		if err := os.WriteFile(f.summaryJSON, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if reason == emu.BreakHalted && code != 0 {
		return &exitError{int(min(code, 255))}
	}
	return nil
}

// consoleWriter buffers guest console output and flushes it at newlines and
// between run chunks, so output appears live without a write per character.
type consoleWriter struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func newConsoleWriter(f *os.File) *consoleWriter {
	return &consoleWriter{w: bufio.NewWriterSize(f, 4096)}
}

func (c *consoleWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, err := c.w.Write(p)
	if err == nil && len(p) > 0 && p[len(p)-1] == '\n' {
		err = c.w.Flush()
	}
	return n, err
}

func (c *consoleWriter) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.w.Flush()
}

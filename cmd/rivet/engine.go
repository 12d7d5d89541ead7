package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
)

// defaultEngine is the JIT where it runs, the interpreter elsewhere.
func defaultEngine() string {
	if jit.Supported {
		return "jit"
	}
	return "interp"
}

func checkEngine(name string) error {
	switch name {
	case "interp":
		return nil
	case "jit":
		if !jit.Supported {
			return usagef("--engine jit: the JIT has no backend for this host; use --engine interp")
		}
		return nil
	}
	return usagef("--engine %q: want jit or interp", name)
}

// installEngine gives the machine its engine (timed: the JIT measures its
// translation time, for --stats).
func installEngine(m *emu.Machine, name string, timed bool) error {
	if name == "jit" {
		opts := jit.DefaultOptions()
		opts.TimeTranslation = timed
		_, err := jit.NewWithOptions(m, opts)
		return err
	}
	return nil
}

// installTestEngine is installEngine for conformance runs: the JIT
// translates every block the first time it runs (test programs run most of
// their code once, which the default threshold would leave interpreted).
func installTestEngine(m *emu.Machine, name string) error {
	if name == "jit" {
		_, err := jit.NewWithOptions(m, jit.Options{HotThreshold: 0})
		return err
	}
	return nil
}

// writeJITCode writes the JIT's code memory to path.
func writeJITCode(path string, m *emu.Machine) error {
	e, ok := m.Engine().(*jit.Engine)
	if !ok {
		return usagef("--jit-code: the machine runs on the interpreter")
	}
	if err := os.WriteFile(path, e.Code(), 0o644); err != nil {
		return fmt.Errorf("--jit-code: %w", err)
	}
	return nil
}

// printStats writes the engine's counters and the run's speed.
func printStats(w io.Writer, m *emu.Machine, cycles uint64, wall time.Duration) {
	fmt.Fprintf(w, "rivet: %d cycles in %v: %.1f MIPS\n", cycles, wall.Round(time.Millisecond), float64(cycles)/wall.Seconds()/1e6)
	e, ok := m.Engine().(*jit.Engine)
	if !ok {
		fmt.Fprintln(w, "rivet: engine: interpreter")
		return
	}
	s := e.Stats()
	fmt.Fprintf(w, "rivet: jit: %d blocks translated (%d bytes) in %v (%.1f%% of the run, %.0f blocks/s)\n",
		s.BlocksTranslated, s.BytesEmitted, s.TranslateTime.Round(time.Microsecond),
		100*s.TranslateTime.Seconds()/wall.Seconds(), float64(s.BlocksTranslated)/max(s.TranslateTime.Seconds(), 1e-9))
	fmt.Fprintf(w, "rivet: jit: %d entries, %d chains linked, %d code-memory resets\n", s.Entries, s.ChainsPatched, s.Resets)
	fmt.Fprintf(w, "rivet: jit: block lookups: %d cache hits, %d not hot yet, %d untranslatable\n", s.CacheHits, s.ColdLookups, s.UntranslatableLookups)
	fmt.Fprintf(w, "rivet: jit: exits: budget %d, fetch %d, memory %d, general %d, chain %d, interpret %d\n",
		s.Exits[1], s.Exits[2], s.Exits[3], s.Exits[4], s.Exits[5], s.Exits[6])
	fmt.Fprintf(w, "rivet: jit: cycles in translated code %d (%.1f%%)\n", s.JITCycles, 100*float64(s.JITCycles)/float64(max(cycles, 1)))
}

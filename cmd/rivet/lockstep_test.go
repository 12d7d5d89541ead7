package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
)

// TestLockstepLinuxBoot boots Linux and runs a command on the interpreter
// and on the JIT side by side, comparing the whole state (registers, TLB,
// every range through the root hash) every chunk of cycles up to the halt.
// The chunk is odd so stops fall at arbitrary points inside blocks.
func TestLockstepLinuxBoot(t *testing.T) { lockstepLinux(t, nil) }

// TestLockstepLinuxBootSmallCodeMemory is the same with the JIT's code
// memory so small (256 KiB; a boot translates about 5 MB) that it fills up
// and is emptied again and again, with every block's links and tables.
func TestLockstepLinuxBootSmallCodeMemory(t *testing.T) {
	resets := lockstepLinux(t, &jit.Options{HotThreshold: 16, CodeMemory: 256 << 10})
	if resets < 5 {
		t.Errorf("%d code-memory resets: the test did not exercise them", resets)
	}
}

// lockstepLinux runs the boot in lockstep; opts, when set, replaces the
// JIT's options. It returns the JIT's code-memory resets.
func lockstepLinux(t *testing.T, opts *jit.Options) uint64 {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	images := imagesDir(t)
	t.Setenv("RIVET_IMAGES", images)
	chunk := uint64(1_000_003)
	if os.Getenv("RIVET_LOCKSTEP_LONG") != "" {
		chunk = 65_537
	}
	build := func(engine string, console *bytes.Buffer) *emu.Machine {
		var f machineFlags
		fs := newFlagSet("run", runSummary)
		f.register(fs)
		if err := parseFlags(fs, []string{"--engine", engine, "--", "echo lockstep; ls / | wc -l"}, runSummary); err != nil {
			t.Fatal(err)
		}
		f.entrypoint = fs.Args()
		m, err := f.build(emu.RuntimeOptions{ConsoleOutput: console})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		return m
	}
	var outInterp, outJIT bytes.Buffer
	interp, fast := build("interp", &outInterp), build("jit", &outJIT)
	eng, ok := fast.Engine().(*jit.Engine)
	if !ok {
		t.Fatal("--engine jit did not install the JIT")
	}
	if opts != nil {
		var err error
		if eng, err = jit.NewWithOptions(fast, *opts); err != nil {
			t.Fatal(err)
		}
	}
	for {
		end := interp.Mcycle() + chunk
		r1, err1 := interp.Run(end)
		r2, err2 := fast.Run(end)
		if err1 != nil || err2 != nil {
			t.Fatalf("run to %d: %v / %v", end, err1, err2)
		}
		if r1 != r2 {
			t.Fatalf("run to %d: interpreter stopped with %v, JIT with %v", end, r1, r2)
		}
		if d := emu.StateDiff(interp, fast); d != "" {
			t.Fatalf("states differ after running to mcycle %d (equal at %d): %s", end, end-chunk, d)
		}
		if r1 == emu.BreakHalted {
			break
		}
		if r1 != emu.BreakReachedTargetMcycle {
			t.Fatalf("run to %d: %v", end, r1)
		}
	}
	if outInterp.String() != outJIT.String() || !strings.Contains(outJIT.String(), "lockstep") {
		t.Errorf("console output differs or lacks the command's:\ninterpreter: %q\nJIT: %q", outInterp.String(), outJIT.String())
	}
	t.Logf("halted at mcycle %d with exit code %d (%d code-memory resets)", fast.Mcycle(), fast.ExitCode(), eng.Stats().Resets)
	return eng.Stats().Resets
}

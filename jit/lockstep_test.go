package jit_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
)

// The lockstep tester runs the interpreter and the JIT on the same machine
// and compares the whole state (registers, TLB, memory, root hash) every
// chunk of cycles; on a difference it reports the first mcycle and field.

type machineMaker func(t testing.TB) *emu.Machine

// lockstep runs two copies of a machine, one per engine, for cycles cycles in
// chunks, comparing them after each chunk.
func lockstep(t *testing.T, mk machineMaker, cycles, chunk uint64) {
	t.Helper()
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	ref := mk(t)
	fast := mk(t)
	// Every block translated at its first run, so short test programs run
	// translated too.
	if _, err := jit.NewWithOptions(fast, jit.Options{HotThreshold: 0}); err != nil {
		t.Fatal(err)
	}
	for ref.Mcycle() < cycles {
		end := min(ref.Mcycle()+chunk, cycles)
		r1, err1 := ref.Run(end)
		r2, err2 := fast.Run(end)
		if err1 != nil || err2 != nil {
			t.Fatalf("run: %v %v", err1, err2)
		}
		if r1 != r2 {
			t.Fatalf("mcycle %d: interpreter stopped with %v, JIT with %v", ref.Mcycle(), r1, r2)
		}
		if d := stateDiff(ref, fast); d != "" {
			lo := end - chunk
			t.Fatalf("states differ after running to mcycle %d (last equal at %d or later): %s", end, lo, d)
		}
		if r1 != emu.BreakReachedTargetMcycle {
			return
		}
	}
}

// stateDiff names the first difference between two machines, or "", and
// checks both machines' host-side TLB against their shadow TLB (which the
// JIT's refills fill themselves).
func stateDiff(a, b *emu.Machine) string {
	if d := emu.StateDiff(a, b); d != "" {
		return d
	}
	if d := emu.HotTLBDiff(a); d != "" {
		return "first machine: " + d
	}
	if d := emu.HotTLBDiff(b); d != "" {
		return "second machine: " + d
	}
	return ""
}

func elfMachine(path string) machineMaker { return elfMachineRAM(path, 16<<20, "make -C riscv-tests") }

func elfMachineRAM(path string, ram uint64, how string) machineMaker {
	return func(t testing.TB) *emu.Machine {
		img, err := emu.ReadELF(path)
		if err != nil {
			t.Skipf("%s: %v (build it with %s)", path, err, how)
		}
		m, err := emu.New(emu.DefaultConfig(ram), emu.RuntimeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		if err := m.LoadELF(img); err != nil {
			t.Fatal(err)
		}
		return m
	}
}

// TestLockstepISAPrograms runs rivet's own ISA test programs on both engines.
func TestLockstepISAPrograms(t *testing.T) {
	dir := filepath.Join("..", "build", "riscv-tests")
	files, _ := filepath.Glob(filepath.Join(dir, "*.elf"))
	if len(files) == 0 {
		t.Skipf("no programs in %s: run make -C riscv-tests first", dir)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { lockstep(t, elfMachine(f), 200000, 509) })
	}
}

// TestLockstepBenchWorkloads runs the bench suite's bare-metal workloads on
// both engines: their first few million cycles, in odd-sized chunks, or
// every cycle to the halt with RIVET_LOCKSTEP_LONG=1.
func TestLockstepBenchWorkloads(t *testing.T) {
	dir := filepath.Join("..", "bench", "out", "rivet")
	files, _ := filepath.Glob(filepath.Join(dir, "*.elf"))
	if len(files) == 0 {
		t.Skipf("no workloads in %s: run make -C bench first", dir)
	}
	cycles, chunk := uint64(3_000_000), uint64(100_003)
	if os.Getenv("RIVET_LOCKSTEP_LONG") != "" {
		cycles, chunk = ^uint64(0), 10_000_019
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			lockstep(t, elfMachineRAM(f, 256<<20, "make -C bench"), cycles, chunk)
		})
	}
}

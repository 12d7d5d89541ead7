package jit_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
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
	if _, err := jit.New(fast); err != nil {
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

// stateDiff names the first difference between two machines, or "". It
// compares registers and TLB (the shadow state) and root hashes; when the
// roots differ it finds the first differing byte.
func stateDiff(a, b *emu.Machine) string {
	if a.Mcycle() != b.Mcycle() || a.PC() != b.PC() {
		return fmt.Sprintf("mcycle %d/%d pc %#x/%#x", a.Mcycle(), b.Mcycle(), a.PC(), b.PC())
	}
	ra, rb := a.RangeBytes(), b.RangeBytes()
	if x, y := ra["shadow state"], rb["shadow state"]; !bytes.Equal(x, y) {
		for i := range x {
			if x[i] != y[i] {
				return fmt.Sprintf("shadow state at offset %#x: %#x vs %#x", i, x[i], y[i])
			}
		}
	}
	if a.RootHash() == b.RootHash() {
		return ""
	}
	var names []string
	for n := range ra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		x, y := ra[n], rb[n]
		if !bytes.Equal(x, y) {
			for i := range x {
				if x[i] != y[i] {
					return fmt.Sprintf("%s at offset %#x: %#x vs %#x", n, i, x[i], y[i])
				}
			}
		}
	}
	return "root hashes"
}

func elfMachine(path string) machineMaker {
	return func(t testing.TB) *emu.Machine {
		img, err := emu.ReadELF(path)
		if err != nil {
			t.Skipf("%s: %v (build it with make -C riscv-tests)", path, err)
		}
		m, err := emu.New(emu.DefaultConfig(16<<20), emu.RuntimeOptions{})
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
	_ = os.Getenv
}

package emu_test

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/emu/emutest"
)

// requireSameState fails naming the first range (and offset) whose bytes
// differ, then compares root hashes.
func requireSameState(t *testing.T, a, b *emu.Machine) {
	t.Helper()
	ra, rb := a.RangeBytes(), b.RangeBytes()
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
					t.Fatalf("%s differs at offset %#x: %#x vs %#x", n, i, x[i], y[i])
				}
			}
		}
	}
	if ha, hb := a.RootHash(), b.RootHash(); ha != hb {
		t.Fatalf("root hashes differ: %s vs %s", ha, hb)
	}
}

func loadFixture(t *testing.T, name string) *emu.Machine {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "fixtures", "cartesi-0.21", name+"-mcycle0"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := emu.Load(dir, emu.RuntimeOptions{})
	if err != nil {
		t.Skipf("fixture %s: %v", name, err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// TestRunChunkingIsInvisible runs the same program in one Run and in many
// Runs of random lengths; both must end in byte-identical state, TLB and
// registers included, at every common stopping point.
func TestRunChunkingIsInvisible(t *testing.T) {
	for _, prog := range []struct {
		name string
		new  func(t *testing.T) *emu.Machine
		end  uint64
	}{
		{"mix", func(t *testing.T) *emu.Machine { return loadFixture(t, "mix") }, 30000},
		{"intloop", func(t *testing.T) *emu.Machine { return newProgramMachine(t, emutest.IntLoop()) }, 100000},
		{"memloop", func(t *testing.T) *emu.Machine { return newProgramMachine(t, emutest.MemLoop()) }, 200000},
		{"traploop", func(t *testing.T) *emu.Machine { return newProgramMachine(t, emutest.TrapLoop()) }, 50000},
	} {
		t.Run(prog.name, func(t *testing.T) {
			whole := prog.new(t)
			if _, err := whole.Run(prog.end); err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			for trial := 0; trial < 3; trial++ {
				chunked := prog.new(t)
				for chunked.Mcycle() < prog.end && !chunked.Halted() {
					step := 1 + rng.Uint64N(9000)
					if _, err := chunked.Run(min(chunked.Mcycle()+step, prog.end)); err != nil {
						t.Fatal(err)
					}
				}
				requireSameState(t, whole, chunked)
			}
			again := prog.new(t)
			if _, err := again.Run(prog.end); err != nil {
				t.Fatal(err)
			}
			requireSameState(t, whole, again)
		})
	}
}

// TestFixedPoints checks that halted machines do not move.
func TestFixedPoints(t *testing.T) {
	m := loadFixture(t, "mix")
	reason, err := m.Run(1 << 40)
	if err != nil || reason != emu.BreakHalted {
		t.Fatalf("run: %v %v", reason, err)
	}
	before := m.RootHash()
	mc := m.Mcycle()
	reason, _ = m.Run(mc + 1000)
	if reason != emu.BreakHalted || m.Mcycle() != mc || m.RootHash() != before {
		t.Fatalf("a halted machine moved: %v mcycle %d->%d", reason, mc, m.Mcycle())
	}
}

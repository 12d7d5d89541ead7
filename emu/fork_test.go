package emu_test

import (
	"testing"
	"time"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/emu/emutest"
)

// TestForkIndependence forks a running machine and checks that parent and
// child each end exactly as an unforked machine would, whatever the other does.
func TestForkIndependence(t *testing.T) {
	for _, at := range []uint64{0, 500, 8192, 24000} {
		ref := loadFixture(t, "mix")
		if _, err := ref.Run(1 << 20); err != nil {
			t.Fatal(err)
		}
		parent := loadFixture(t, "mix")
		if _, err := parent.Run(at); err != nil {
			t.Fatal(err)
		}
		mid := parent.RootHash()
		child, err := parent.Fork()
		if err != nil {
			t.Fatal(err)
		}
		if child.RootHash() != mid {
			t.Fatalf("fork at %d: child root differs from parent's", at)
		}
		// The child runs to the end first; the parent must not see it.
		if _, err := child.Run(1 << 20); err != nil {
			t.Fatal(err)
		}
		if parent.RootHash() != mid {
			t.Fatalf("fork at %d: the child's run changed the parent", at)
		}
		requireSameState(t, ref, child)
		if _, err := parent.Run(1 << 20); err != nil {
			t.Fatal(err)
		}
		requireSameState(t, ref, parent)
		// A fork of a fork, after the first child is closed (the compaction path).
		child.Close()
		grand, err := parent.Fork()
		if err != nil {
			t.Fatal(err)
		}
		requireSameState(t, parent, grand)
		if err := grand.VerifyHashTree(); err != nil {
			t.Fatal(err)
		}
		grand.Close()
	}
}

// TestForkChain forks before every "input" (a chunk of run) and keeps the
// child, as the node does; the result must equal one uninterrupted run.
func TestForkChain(t *testing.T) {
	whole := newProgramMachine(t, emutest.MemLoop())
	if _, err := whole.Run(300000); err != nil {
		t.Fatal(err)
	}
	m := newProgramMachine(t, emutest.MemLoop())
	for m.Mcycle() < 300000 {
		child, err := m.Fork()
		if err != nil {
			t.Fatal(err)
		}
		m.Close()
		m = child
		if _, err := m.Run(min(m.Mcycle()+7919, 300000)); err != nil {
			t.Fatal(err)
		}
	}
	defer m.Close()
	requireSameState(t, whole, m)
	if err := m.VerifyHashTree(); err != nil {
		t.Fatal(err)
	}
}

func benchFork(b *testing.B, ramLength uint64) {
	m, err := emu.New(emu.DefaultConfig(ramLength), emu.RuntimeOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	// A working set of 1000 written pages, as one rollup input might leave.
	buf := []byte{1}
	for p := uint64(0); p < 1000; p++ {
		if err := m.WriteMemory(emu.RAMStart+p*4096*16%ramLength, buf); err != nil {
			b.Fatal(err)
		}
	}
	m.RootHash()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		c, err := m.Fork()
		if err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N)/1000, "ms/fork")
}

func BenchmarkFork128MiB(b *testing.B) { benchFork(b, 128<<20) }
func BenchmarkFork2GiB(b *testing.B)   { benchFork(b, 2<<30) }

package emu

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fixturesDir is ../shared/fixtures/cartesi-0.21 relative to the repository.
func fixturesDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "fixtures", "cartesi-0.21"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("reference fixtures not found at %s (they live beside the repository in ../shared)", dir)
	}
	return dir
}

type fixtureHash struct {
	mcycle uint64
	hash   string
}

func readFixtureHashes(t *testing.T, path string) []fixtureHash {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fixtureHash
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			continue
		}
		mc, err := strconv.ParseUint(k, 10, 64)
		if err != nil {
			t.Fatalf("%s: %q", path, sc.Text())
		}
		out = append(out, fixtureHash{mc, v})
	}
	return out
}

// TestReferenceFixtures loads machines stored by the Cartesi 0.21 reference
// and checks that rivet computes the reference's root hash at every mcycle
// the fixture lists (the hashes were computed by the reference, not by rivet).
func TestReferenceFixtures(t *testing.T) {
	dir := fixturesDir(t)
	// The hash file lists the target mcycle, or the halt mcycle when the
	// machine halted first; the targets used to make it are these.
	targets := []uint64{0, 1, 2, 100, 1000, 8192, 24576, 24613, 100000, 250000006}
	for _, name := range []string{"mix", "loop"} {
		t.Run(name, func(t *testing.T) {
			want := readFixtureHashes(t, filepath.Join(dir, name+".hashes"))
			if len(want) != len(targets) {
				t.Fatalf("%d hashes, want %d", len(want), len(targets))
			}
			m, err := Load(filepath.Join(dir, name+"-mcycle0"), RuntimeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			for i, target := range targets {
				if testing.Short() && target > 1_000_000 {
					continue
				}
				if _, err := m.Run(target); err != nil {
					t.Fatal(err)
				}
				got := RootHashHex(m.RootHash())
				if m.Mcycle() != want[i].mcycle {
					t.Errorf("run to %d: mcycle %d, reference %d", target, m.Mcycle(), want[i].mcycle)
				}
				if got != want[i].hash {
					t.Errorf("run to %d (mcycle %d): root %s, reference %s", target, m.Mcycle(), got, want[i].hash)
				}
			}
			if err := m.VerifyHashTree(); err != nil {
				t.Errorf("incremental tree differs from full recompute: %v", err)
			}
		})
	}
}

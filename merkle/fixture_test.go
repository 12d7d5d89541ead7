package merkle

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fixtureDir holds machines stored by the Cartesi Machine 0.21 reference, with the root hashes it
// printed for them (see its README). Tests skip when the folder is not there.
const fixtureDir = "../../shared/fixtures/cartesi-0.21"

// loadFixtureRegions reads every START-LENGTH.bin (hex) of a stored machine as a region.
func loadFixtureRegions(t testing.TB, dir string) []Region {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.bin"))
	if err != nil || len(files) == 0 {
		t.Skipf("no fixture .bin files in %s (they live outside the repository): %v", dir, err)
	}
	var regions []Region
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".bin")
		startHex, lengthHex, ok := strings.Cut(name, "-")
		if !ok {
			t.Fatalf("%s: file name is not START-LENGTH.bin", file)
		}
		start, err1 := strconv.ParseUint(startHex, 16, 64)
		length, err2 := strconv.ParseUint(lengthHex, 16, 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: file name is not START-LENGTH.bin in hex", file)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if uint64(len(data)) != length {
			t.Fatalf("%s: %d bytes, name says %#x", file, len(data), length)
		}
		set := NewPageSet(length / PageSize)
		set.MarkAll()
		regions = append(regions, Region{Name: name, Start: start, Length: length, Data: data, Dirty: set})
	}
	return regions
}

// fixtureRoot returns the root the reference printed at mcycle 0 (the first line of NAME.hashes).
func fixtureRoot(t testing.TB, file string) Hash {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Skipf("fixture hashes not available: %v", err)
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	cycle, hex, ok := strings.Cut(strings.TrimSpace(line), ": ")
	if !ok || cycle != "0" {
		t.Fatalf("%s: first line %q is not the mcycle 0 root", file, line)
	}
	h, err := ParseHash(hex)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return h
}

// TestFixtureRootsAtMcycle0 hashes the reference's stored machines with nothing but this package:
// equal roots check the leaf and node hashes, the page trees, the rounding of ranges and the
// sparse tree above them at once.
func TestFixtureRootsAtMcycle0(t *testing.T) {
	for _, name := range []string{"loop", "mix"} {
		t.Run(name, func(t *testing.T) {
			want := fixtureRoot(t, filepath.Join(fixtureDir, name+".hashes"))
			regions := loadFixtureRegions(t, filepath.Join(fixtureDir, name+"-mcycle0"))
			tree, err := New(Keccak256, regions)
			if err != nil {
				t.Fatal(err)
			}
			if got := tree.RootHash(); got != want {
				t.Errorf("root %v, reference %v", got, want)
			}
			for _, workers := range []int{1, 4} {
				got, err := RootHashOf(Keccak256, regions, workers)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("RootHashOf with %d workers: %v, reference %v", workers, got, want)
				}
			}
			if err := tree.Verify(); err != nil {
				t.Error(err)
			}
		})
	}
}

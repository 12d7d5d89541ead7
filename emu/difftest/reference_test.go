//go:build difftest

package difftest

import (
	"os"
	"strconv"
	"testing"
)

// TestAgainstReference runs generated programs on the reference and on
// rivet (build tag difftest; it needs the local reference build, lua5.4 and
// binutils):
//
//	go test -tags difftest ./emu/difftest -run TestAgainstReference
//
// DIFFTEST_SEED and DIFFTEST_N choose the seeds (default 1 and 20);
// DIFFTEST_AVOID=csrrci leaves out known differences.
func TestAgainstReference(t *testing.T) {
	seed, n := envInt(t, "DIFFTEST_SEED", 1), envInt(t, "DIFFTEST_N", 20)
	tt, err := NewTester(DefaultRefPaths(), t.TempDir())
	if err != nil {
		t.Skipf("reference not available: %v", err)
	}
	defer tt.Close()
	opts := DefaultGenOptions()
	if a := os.Getenv("DIFFTEST_AVOID"); a != "" {
		opts.Avoid = map[string]bool{a: true}
	}
	for s := seed; s < seed+n; s++ {
		tt.CheckEvery = CadenceFor(int64(s))
		p := Generate(int64(s), opts)
		o, _, err := tt.RunProgram(p)
		if err != nil {
			t.Fatalf("seed %d: %v", s, err)
		}
		if o.Mismatch != nil {
			t.Errorf("seed %d:\n%s", s, Describe(p, o.Mismatch))
		}
	}
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, v, err)
	}
	return n
}

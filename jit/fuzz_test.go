package jit_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/rivetvm/rivet/jit"
)

// Differential fuzzing of the JIT against the interpreter: generated
// programs (progen_test.go) run on both engines, which must stop at the
// same mcycles with the same break reasons and identical states (every
// register and CSR, the TLB, all memory, the root hash).
//
//	go test -run XXX -fuzz FuzzJITvsInterp ./jit/
//	RIVET_FUZZ_LONG=5000 go test -run TestJITvsInterpRandom ./jit/

// FuzzJITvsInterp: the fuzz input is a seed and bytes that drive the
// generator's first decisions.
func FuzzJITvsInterp(f *testing.F) {
	if !jit.Supported {
		f.Skip("the JIT has no backend for this host")
	}
	for seed := uint64(1); seed <= 8; seed++ {
		f.Add(seed, []byte{})
	}
	f.Add(uint64(0), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Fuzz(func(t *testing.T, seed uint64, data []byte) {
		var st runStats
		checkProgram(t, generate(seed, data), data, &st)
	})
}

// TestJITvsInterpRandom runs a fixed set of seeds; RIVET_FUZZ_LONG=n runs n
// seeds (RIVET_FUZZ_SEED picks the first).
func TestJITvsInterpRandom(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	n, first := uint64(12), uint64(1)
	if longRun() {
		n = 1000
		if k, err := strconv.ParseUint(os.Getenv("RIVET_FUZZ_LONG"), 10, 64); err == nil && k > 1 {
			n = k
		}
	}
	if v := os.Getenv("RIVET_FUZZ_SEED"); v != "" {
		k, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("RIVET_FUZZ_SEED %q: %v", v, err)
		}
		first = k
	}
	var st runStats
	for seed := first; seed < first+n; seed++ {
		checkProgram(t, generate(seed, nil), nil, &st)
	}
	t.Logf("%d programs, %d mcycles, %d run calls, %d comparisons, %d forks, %d console bytes",
		st.programs, st.cycles, st.runCalls, st.compares, st.forks, st.output)
}

// longRun reports whether RIVET_FUZZ_LONG asks for the long runs.
func longRun() bool { return os.Getenv("RIVET_FUZZ_LONG") != "" }

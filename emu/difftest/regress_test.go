package difftest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegressions runs every program in testdata/regress on rivet and
// checks each run call against what the reference computed (see
// regress.go). Each program reproduces a fixed difference found by the
// differential tester (/work/notes/difftest-findings.md).
func TestRegressions(t *testing.T) {
	dir := filepath.Join("testdata", "regress")
	expects, err := filepath.Glob(filepath.Join(dir, "*.expect"))
	if err != nil {
		t.Fatal(err)
	}
	if len(expects) == 0 {
		t.Skip("no regression programs")
	}
	uarch := filepath.Join(t.TempDir(), "uarch-zero.bin")
	if err := os.WriteFile(uarch, make([]byte, 4096), 0o644); err != nil {
		t.Fatal(err)
	}
	riv := NewRivet(filepath.Join(dir, "ref-dtb.bin"), uarch)
	defer riv.Close()
	for _, e := range expects {
		name := strings.TrimSuffix(filepath.Base(e), ".expect")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(e)
			if err != nil {
				t.Fatal(err)
			}
			seqs, err := ParseExpect(string(data))
			if err != nil {
				t.Fatal(err)
			}
			bin := strings.TrimSuffix(e, ".expect") + ".bin"
			for i, seq := range seqs {
				if err := riv.Load(bin); err != nil {
					t.Fatal(err)
				}
				for _, r := range seq {
					got, err := riv.Run(r.Target)
					if err != nil {
						t.Fatal(err)
					}
					if got != r.Want {
						t.Fatalf("sequence %d, run to %d: rivet %s, reference %s", i, r.Target, got, r.Want)
					}
				}
			}
		})
	}
}

func TestParseExpectRejectsBadLines(t *testing.T) {
	for _, bad := range []string{
		"run 1 1 halted 0x00",
		"sequence\nrun x 1 halted 0x" + strings.Repeat("0", 64),
		"sequence\nfoo",
	} {
		if _, err := ParseExpect(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

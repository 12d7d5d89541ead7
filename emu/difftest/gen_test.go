package difftest

import (
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		a := Generate(seed, DefaultGenOptions()).Assembly()
		b := Generate(seed, DefaultGenOptions()).Assembly()
		if a != b {
			t.Fatalf("seed %d: two generations differ", seed)
		}
	}
}

func TestGeneratedProgramsAssemble(t *testing.T) {
	tc := DefaultToolchain()
	if !tc.Available() {
		t.Skip("riscv64-unknown-elf binutils not installed (apt-get install binutils-riscv64-unknown-elf)")
	}
	n := int64(30)
	if testing.Short() {
		n = 5
	}
	for seed := int64(1); seed <= n; seed++ {
		p := Generate(seed, DefaultGenOptions())
		im, err := tc.Assemble(t.TempDir(), p.Assembly())
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if len(im.Bin) < 0x1000 {
			t.Fatalf("seed %d: image is only %d bytes", seed, len(im.Bin))
		}
	}
}

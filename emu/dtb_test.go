package emu

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// decompileDTB runs Debian's dtc on a blob and drops the rng-seed property,
// which the reference carries and rivet does not.
func decompileDTB(t *testing.T, blob []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "tree.dtb")
	if err := os.WriteFile(f, blob, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("dtc", "-I", "dtb", "-O", "dts", f).Output()
	if err != nil {
		t.Fatalf("dtc: %v", err)
	}
	var keep []string
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.Contains(line, "rng-seed") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// TestDeviceTreeMatchesReference compares rivet's generated device tree with
// the trees the reference made for the fixtures (same nodes, properties and
// order; only rng-seed differs).
func TestDeviceTreeMatchesReference(t *testing.T) {
	if _, err := exec.LookPath("dtc"); err != nil {
		t.Skip("dtc not installed (Debian package device-tree-compiler; `make deps` installs it)")
	}
	dir := fixturesDir(t)
	for _, name := range []string{"mix", "loop"} {
		ref, err := os.ReadFile(filepath.Join(dir, name+"-mcycle0", "000000007ff00000-100000.bin"))
		if err != nil {
			t.Fatal(err)
		}
		cfg := DefaultConfig(4 << 20)
		cfg.DTB.Bootargs = BootargsConsole + BootargsUIO // the reference CLI's --no-root-flash-drive
		blob, err := BuildDeviceTree(&cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := decompileDTB(t, blob), decompileDTB(t, ref); got != want {
			t.Errorf("%s: device tree differs from the reference's\nrivet:\n%s\nreference:\n%s", name, got, want)
		}
		// Beyond dtc's view: given the reference's rng-seed bytes (taken
		// from its tree at test time), rivet's builder must reproduce the
		// reference's whole 1 MiB range byte for byte.
		seed := findDTBProp(t, ref, "rng-seed")
		full, err := buildDeviceTree(&cfg, seed)
		if err != nil {
			t.Fatal(err)
		}
		img := make([]byte, len(ref))
		copy(img, full)
		if !bytes.Equal(img, ref) {
			t.Errorf("%s: with the reference's rng-seed, the tree is not byte-identical to the reference's", name)
		}
	}
}

// TestDeviceTreeDrives checks drive nodes and aliases.
func TestDeviceTreeDrives(t *testing.T) {
	if _, err := exec.LookPath("dtc"); err != nil {
		t.Skip("dtc not installed")
	}
	cfg := DefaultConfig(64 << 20)
	cfg.FlashDrive = []MemoryRangeConfig{{Label: "root", Start: AutoDetect, Length: 16 << 20}, {Start: AutoDetect, Length: 4096}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.FlashDrive[0].Start != 0x84000000 || cfg.FlashDrive[1].Start != 0x85000000 {
		t.Fatalf("drive starts %#x %#x, want 0x84000000 0x85000000", cfg.FlashDrive[0].Start, cfg.FlashDrive[1].Start)
	}
	blob, err := BuildDeviceTree(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	dts := decompileDTB(t, blob)
	for _, want := range []string{
		"pmem@84000000 {", `compatible = "pmem-region";`, "reg = <0x00 0x84000000 0x00 0x1000000>;", "volatile;",
		`flashdrive0 = "/pmem@84000000";`, `root = "/pmem@84000000";`, `flashdrive1 = "/pmem@85000000";`,
	} {
		if !strings.Contains(dts, want) {
			t.Errorf("device tree lacks %q:\n%s", want, dts)
		}
	}
}

// findDTBProp returns the value of the first property called name in a
// flattened device tree (a minimal walker written for this test).
func findDTBProp(t *testing.T, blob []byte, name string) []byte {
	t.Helper()
	be := func(off uint32) uint32 {
		return uint32(blob[off])<<24 | uint32(blob[off+1])<<16 | uint32(blob[off+2])<<8 | uint32(blob[off+3])
	}
	structOff, stringsOff := be(8), be(12)
	off := structOff
	for {
		switch be(off) {
		case fdtBeginNode:
			off += 4
			for blob[off] != 0 {
				off++
			}
			off = (off + 4) &^ 3
		case fdtEndNode:
			off += 4
		case fdtProp:
			n, nameOff := be(off+4), be(off+8)
			end := stringsOff + nameOff
			for blob[end] != 0 {
				end++
			}
			val := blob[off+12 : off+12+n]
			if string(blob[stringsOff+nameOff:end]) == name {
				return val
			}
			off = (off + 12 + n + 3) &^ 3
		default:
			t.Fatalf("property %q not found", name)
			return nil
		}
	}
}

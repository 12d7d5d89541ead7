package guest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const buildHint = "build them with: make -C guest images"

func cacheDir(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("RIVET_CACHE"); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skipf("no home directory (%v) and RIVET_CACHE unset", err)
	}
	return filepath.Join(home, ".cache", "rivet")
}

// currentImages returns the folder `make images` last built, or skips the test.
func currentImages(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(cacheDir(t), "images", "current")
	for _, f := range []string{"linux.bin", "rootfs.ext2"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Skipf("guest images absent (%v); %s", err, buildHint)
		}
	}
	return dir
}

func runImagesScript(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("bash", append([]string{"images.sh"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("images.sh %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// TestRootfsReproducible builds the root file system twice and wants the same bytes, and
// the same bytes as the cached image when that was built from the current inputs.
func TestRootfsReproducible(t *testing.T) {
	images := currentImages(t)
	if testing.Short() {
		t.Skip("builds the root file system twice; skipped with -short")
	}
	tmp := t.TempDir()
	first, second := filepath.Join(tmp, "first.ext2"), filepath.Join(tmp, "second.ext2")
	runImagesScript(t, "rootfs", first)
	runImagesScript(t, "rootfs", second)
	a, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(second)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("two root file system builds differ (%d and %d bytes)", len(a), len(b))
	}
	current, err := filepath.EvalSymlinks(images)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(current) != runImagesScript(t, "hash") {
		t.Logf("cached images are from other inputs; not compared")
		return
	}
	cached, err := os.ReadFile(filepath.Join(current, "rootfs.ext2"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, cached) {
		t.Fatalf("root file system differs from the cached one built from the same inputs")
	}
}

// TestLinuxBinLayout checks linux.bin against the layout in the design note: the firmware
// (as built now from firmware/) at offset 0, zeros up to 0x200000, and there a RISC-V Linux
// Image (header magic "RISCV\0\0\0" at 0x30 and "RSC\x05" at 0x38 of the Image).
func TestLinuxBinLayout(t *testing.T) {
	images := currentImages(t)
	linux, err := os.ReadFile(filepath.Join(images, "linux.bin"))
	if err != nil {
		t.Fatal(err)
	}
	const kernelOffset = 0x200000
	if len(linux) <= kernelOffset+0x40 {
		t.Fatalf("linux.bin is %d bytes; want a kernel at %#x", len(linux), kernelOffset)
	}
	fwDir := t.TempDir()
	runImagesScript(t, "firmware", fwDir)
	fw, err := os.ReadFile(filepath.Join(fwDir, "firmware.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if current, _ := filepath.EvalSymlinks(images); filepath.Base(current) == runImagesScript(t, "hash") {
		if !bytes.Equal(linux[:len(fw)], fw) {
			t.Errorf("linux.bin does not start with the firmware built from firmware/")
		}
	}
	if i := bytes.IndexFunc(linux[len(fw):kernelOffset], func(r rune) bool { return r != 0 }); i >= 0 {
		t.Errorf("non-zero byte at %#x, between the firmware and the kernel", len(fw)+i)
	}
	image := linux[kernelOffset:]
	if !bytes.Equal(image[0x30:0x38], []byte("RISCV\x00\x00\x00")) || !bytes.Equal(image[0x38:0x3c], []byte("RSC\x05")) {
		t.Errorf("no RISC-V Image header at %#x: % x", kernelOffset, image[0x30:0x3c])
	}
	// text_offset (0x08) is where the Image wants to sit past the start of RAM.
	if off := binary.LittleEndian.Uint64(image[0x08:]); off != kernelOffset {
		t.Errorf("Image text_offset %#x, want %#x", off, kernelOffset)
	}
}

// TestQEMUSmoke boots the images on QEMU's Spike machine (guest/qemu/smoke.sh).
func TestQEMUSmoke(t *testing.T) {
	images := currentImages(t)
	if _, err := exec.LookPath("qemu-system-riscv64"); err != nil {
		t.Skip("qemu-system-riscv64 absent (apt-get install qemu-system-misc)")
	}
	if _, err := exec.LookPath("dtc"); err != nil {
		t.Skip("dtc absent (apt-get install device-tree-compiler)")
	}
	if testing.Short() {
		t.Skip("boots Linux several times; skipped with -short")
	}
	cmd := exec.Command("bash", "qemu/smoke.sh", images)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		t.Fatalf("smoke test failed: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
}

// TestReferenceSmoke boots the images on the Cartesi 0.21 reference emulator named by
// $CARTESI_MACHINE (guest/reference-smoke.sh), where misaligned accesses trap and yields stop
// the machine. Skipped when the variable is unset.
func TestReferenceSmoke(t *testing.T) {
	images := currentImages(t)
	cm := os.Getenv("CARTESI_MACHINE")
	if cm == "" {
		t.Skip("CARTESI_MACHINE unset (a Cartesi 0.21 cartesi-machine command)")
	}
	if testing.Short() {
		t.Skip("boots Linux several times; skipped with -short")
	}
	out, err := exec.Command("bash", "reference-smoke.sh", images).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("reference smoke test failed: %v", err)
	}
}

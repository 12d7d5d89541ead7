package bench

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The tests below use the real builds. They build what they need with the
// Makefile (into out/, like `make -C bench`) and skip, saying how to install
// the toolchains, where those are missing.

const installHint = "install the toolchains with: make -C bench deps"

// requireTools skips the test unless every named program is on PATH (and
// picolibc, for the bare-metal builds).
func requireTools(t *testing.T, bare bool, tools ...string) {
	t.Helper()
	for _, tool := range append([]string{"make"}, tools...) {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found; %s", tool, installHint)
		}
	}
	if bare {
		if _, err := os.Stat("/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs"); err != nil {
			t.Skipf("picolibc-riscv64-unknown-elf not installed; %s", installHint)
		}
	}
}

// makeTargets runs make in this directory (bench/) for the given targets.
func makeTargets(t *testing.T, targets ...string) string {
	t.Helper()
	cmd := exec.Command("make", append([]string{"-s"}, targets...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("make %s: %v\n%s", strings.Join(targets, " "), err, out.String())
	}
	return out.String()
}

// runNative runs a native build at a scale and returns the checksum it printed.
func runNative(t *testing.T, workload string, scaleMilli uint64) uint64 {
	t.Helper()
	out, err := exec.Command(filepath.Join("out", "native", workload), fmt.Sprint(scaleMilli)).Output()
	if err != nil {
		t.Fatalf("%s: %v", workload, err)
	}
	m := resultLine.FindSubmatch(out)
	if m == nil || string(m[1]) != workload || string(m[2]) != fmt.Sprint(scaleMilli) {
		t.Fatalf("%s printed %q", workload, out)
	}
	var sum uint64
	fmt.Sscanf(string(m[3]), "%x", &sum)
	return sum
}

// mix and xorshift are bench.h's bench_mix and bench_rand, written again.
func mix(sum, v uint64) uint64 { return sum ^ (v + 0x9E3779B97F4A7C15 + (sum << 6) + (sum >> 2)) }

func xorshift(state *uint64) uint64 {
	x := *state
	x ^= x >> 12
	x ^= x << 25
	x ^= x >> 27
	*state = x
	return x * 0x2545F4914F6CDD1D
}

// TestChecksumsAgainstGo checks the native builds' results against the same
// computations done independently in Go (the standard library's SHA-256 and
// CRC-32, a Go sieve, the bytecode program's loop written out). The harness
// takes the native build as every engine's reference, so this anchors them all.
func TestChecksumsAgainstGo(t *testing.T) {
	requireTools(t, false, "gcc")
	makeTargets(t, "out/native/sha256", "out/native/crc32", "out/native/sieve", "out/native/fib",
		"out/native/bytecode", "out/native/traps")

	t.Run("sha256", func(t *testing.T) {
		const scale = 10 // 1000 rounds at full size: 10 rounds
		buf := make([]byte, 4096)
		for i := range buf {
			buf[i] = byte(i*7 + 3)
		}
		var digest [32]byte
		for r := 0; r < 10; r++ {
			copy(buf, digest[:])
			digest = sha256.Sum256(buf)
		}
		if got, want := runNative(t, "sha256", scale), binary.BigEndian.Uint64(digest[:8]); got != want {
			t.Errorf("checksum %016x, want %016x", got, want)
		}
	})
	t.Run("crc32", func(t *testing.T) {
		const scale = 10 // 600 rounds at full size: 6
		buf := make([]byte, 65536)
		seed := uint64(0x12345678)
		for i := range buf {
			buf[i] = byte(xorshift(&seed))
		}
		if got, want := runNative(t, "crc32", scale), uint64(crc32.ChecksumIEEE(bytes.Repeat(buf, 6))); got != want {
			t.Errorf("checksum %016x, want %016x", got, want)
		}
	})
	t.Run("sieve", func(t *testing.T) {
		const scale = 100 // 6 rounds at full size: 1 (rounded down)
		const limit = 4000000
		composite := make([]bool, limit)
		var count, sum uint64
		for i := 2; i < limit; i++ {
			if composite[i] {
				continue
			}
			count++
			sum += uint64(i)
			for j := i * i; j < limit; j += i {
				composite[j] = true
			}
		}
		if count != 283146 { // pi(4,000,000)
			t.Fatalf("Go sieve found %d primes, want 283146", count)
		}
		if got, want := runNative(t, "sieve", scale), mix(0, count^(sum<<20)); got != want {
			t.Errorf("checksum %016x, want %016x", got, want)
		}
	})
	t.Run("fib", func(t *testing.T) {
		const scale = 40 // 50 rounds at full size: 2
		if got, want := runNative(t, "fib", scale), mix(mix(0, 196418), 196418); got != want {
			t.Errorf("checksum %016x, want %016x (fib(27) = 196418, twice)", got, want)
		}
	})
	t.Run("bytecode", func(t *testing.T) {
		const scale = 1 // 1,200,000 iterations at full size: 1200
		acc, x := uint64(1), uint64(0)
		for i := uint64(1200); i != 0; i-- {
			acc = acc*31 + i
			acc ^= acc >> 13
			if i&3 == 0 {
				x += acc
			}
		}
		if got, want := runNative(t, "bytecode", scale), acc^x; got != want {
			t.Errorf("checksum %016x, want %016x", got, want)
		}
	})
	t.Run("traps", func(t *testing.T) {
		const scale = 1 // 16M round trips at full size: 16,000
		var sum uint64
		for i := uint64(0); i < 16000; i++ {
			sum = sum*31 + i + 11 // each round trip returns its argument + 11 (mcause of an M-mode ecall)
		}
		if got := runNative(t, "traps", scale); got != sum {
			t.Errorf("checksum %016x, want %016x", got, sum)
		}
	})
}

// TestQuickSuite builds everything and runs the whole suite at a tiny scale
// under every engine installed here (the Cartesi reference is not: it needs
// a command). Every cell must pass, apart from the Makefile's known failures.
func TestQuickSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs every workload under every engine; skipped with -short")
	}
	requireTools(t, true, "gcc", "riscv64-unknown-elf-gcc", "riscv64-linux-gnu-gcc", "go")
	makeTargets(t, "binaries", "out/bin/rivet")
	known := strings.Fields(makeTargets(t, "known-failures"))
	cfg := Config{
		BinDir: "out", ScaleMilli: 10, Runs: 1, Warmup: 0, Timeout: 2 * time.Minute, Metric: metricWall,
		Rivet: filepath.Join("out", "bin", "rivet"), QEMUSystem: "qemu-system-riscv64", QEMUUser: "qemu-riscv64",
		KnownFailures: known,
	}
	var log bytes.Buffer
	res, err := Run(cfg, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Logf("harness log:\n%s", log.String())
	if res.Failed() {
		t.Fatalf("suite failed:\n%s", res.Markdown())
	}
	for _, w := range res.Workloads {
		if w.ReferenceFrom != nativeName {
			t.Errorf("%s: reference from %q, want the native build", w.Workload.Name, w.ReferenceFrom)
		}
		if c := w.cell(rivetName); c == nil {
			t.Errorf("%s: rivet did not run", w.Workload.Name)
		} else if c.OK() && w.Instructions == 0 {
			t.Errorf("%s: no instruction count from rivet", w.Workload.Name)
		}
	}
}

// TestBareImages checks patchScale and flatImage on a real bare-metal build
// against binutils: the flat image must equal `objcopy -O binary`, and the
// patched word must sit at the address `nm` gives for the scale symbol.
func TestBareImages(t *testing.T) {
	requireTools(t, true, "riscv64-unknown-elf-gcc", "riscv64-unknown-elf-objcopy", "riscv64-unknown-elf-nm")
	makeTargets(t, "out/rivet/fib.elf")
	elfPath := filepath.Join("out", "rivet", "fib.elf")
	image, err := os.ReadFile(elfPath)
	if err != nil {
		t.Fatal(err)
	}
	objcopied := filepath.Join(t.TempDir(), "fib.bin")
	if out, err := exec.Command("riscv64-unknown-elf-objcopy", "-O", "binary", elfPath, objcopied).CombinedOutput(); err != nil {
		t.Fatalf("objcopy: %v\n%s", err, out)
	}
	want, err := os.ReadFile(objcopied)
	if err != nil {
		t.Fatal(err)
	}
	flat, err := flatImage(image, bareRAMStart, bareRAMBytes)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(flat, want) {
		t.Fatalf("flatImage gives %d bytes, objcopy -O binary %d; they differ", len(flat), len(want))
	}

	nm, err := exec.Command("riscv64-unknown-elf-nm", elfPath).Output()
	if err != nil {
		t.Fatal(err)
	}
	var addr uint64
	for _, line := range strings.Split(string(nm), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[2] == scaleSymbol {
			fmt.Sscanf(f[0], "%x", &addr)
		}
	}
	if addr < bareRAMStart {
		t.Fatalf("nm gives no address for %s", scaleSymbol)
	}
	off := addr - bareRAMStart
	if got := binary.LittleEndian.Uint64(want[off:]); got != scaleInitial {
		t.Fatalf("objcopy image holds %d at %s, want %d", got, scaleSymbol, scaleInitial)
	}
	patched, err := patchScale(image, 1234)
	if err != nil {
		t.Fatal(err)
	}
	pflat, err := flatImage(patched, bareRAMStart, bareRAMBytes)
	if err != nil {
		t.Fatal(err)
	}
	if got := binary.LittleEndian.Uint64(pflat[off:]); got != 1234 {
		t.Errorf("patched word = %d, want 1234", got)
	}
	binary.LittleEndian.PutUint64(pflat[off:], scaleInitial)
	if !bytes.Equal(pflat, want) {
		t.Error("patchScale changed bytes other than the scale word")
	}

	if _, err := patchScale(patched, 1); err == nil || !strings.Contains(err.Error(), "holds 1234") {
		t.Errorf("patching twice: err = %v, want one saying the word holds 1234", err)
	}
	if _, err := patchScale([]byte("not an elf"), 1); err == nil {
		t.Error("patchScale accepted a non-ELF")
	}
	if _, err := flatImage(image, bareRAMStart+0x1000, bareRAMBytes); err == nil || !strings.Contains(err.Error(), "outside RAM") {
		t.Errorf("flatImage with the wrong base: err = %v, want an outside-RAM error", err)
	}
}

// TestDemo runs the demo program on rivet: 9592 primes below 100,000, the
// largest 99991 (known values), and exit status 0.
func TestDemo(t *testing.T) {
	requireTools(t, true, "riscv64-unknown-elf-gcc", "go")
	makeTargets(t, "out/rivet/hello.elf", "out/bin/rivet")
	out, err := exec.Command(filepath.Join("out", "bin", "rivet"), "run", "--ram-length", bareRAMLength,
		"--elf", filepath.Join("out", "rivet", "hello.elf"), "--quiet").CombinedOutput()
	if err != nil {
		t.Fatalf("rivet run: %v\n%s", err, out)
	}
	if want := "primes below 100000: 9592, the largest 99991\n"; !strings.Contains(string(out), want) {
		t.Errorf("output %q lacks %q", out, want)
	}
}

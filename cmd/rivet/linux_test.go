package main

// Tests and benchmarks that boot the real guest images (docs/guest.md) with a
// rivet binary built once in TestMain, run as a user would. They skip, naming
// the build command, when the images were not built.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rivetvm/rivet/emu"
)

const imagesHint = "build them with 'make images' (or 'make -C guest images')"

// Cartesi 0.21 constants, from the reference's address-range defines and its
// RTC: mtime ticks every 8192 mcycles at a 15625 Hz timebase, so one guest
// second is 128 M mcycles.
const (
	cmioRxStart           = 0x60000000
	cmioTxStart           = 0x60800000
	cmioBufLength         = 1 << 21
	mcyclesPerGuestSecond = 8192 * 15625
)

// fixedEpoch is the time every file of a test drive gets (2025-01-01 UTC);
// E2FSPROGS_FAKE_TIME ignores 0.
const fixedEpoch = 1735689600

// rivetBin is the rivet binary TestMain builds.
var rivetBin string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "rivet-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	rivetBin = filepath.Join(dir, "rivet")
	build := exec.Command(goTool(), "build", "-o", rivetBin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building rivet: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// goTool is the go command on PATH, else the one of the toolchain that built
// the tests.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// imagesDir finds the images as rivet does ($RIVET_IMAGES, else
// $RIVET_CACHE or ~/.cache/rivet, then images/current) or skips the test.
func imagesDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("RIVET_IMAGES")
	if dir == "" {
		cache := os.Getenv("RIVET_CACHE")
		if cache == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				tb.Skipf("guest images: no home directory (%v) and neither RIVET_IMAGES nor RIVET_CACHE set; %s", err, imagesHint)
			}
			cache = filepath.Join(home, ".cache", "rivet")
		}
		dir = filepath.Join(cache, "images", "current")
	}
	for _, name := range []string{"linux.bin", "rootfs.ext2"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			tb.Skipf("guest images absent (%v); %s", err, imagesHint)
		}
	}
	return dir
}

// runResult is what one rivet process did.
type runResult struct {
	stdout, stderr string
	code           int
	// From --summary-json; zero when rivet stopped before running.
	summary struct {
		BreakReason string `json:"break_reason"`
		Mcycle      uint64 `json:"mcycle"`
		ExitCode    uint64 `json:"exit_code"`
		Halted      bool   `json:"halted"`
	}
}

func (r runResult) String() string {
	return fmt.Sprintf("exit status %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// rivetRun runs `rivet run --summary-json F ARGS...` with RIVET_IMAGES set to
// images (empty: left as is).
func rivetRun(t *testing.T, images string, args ...string) runResult {
	t.Helper()
	summary := filepath.Join(t.TempDir(), "summary.json")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, rivetBin, append([]string{"run", "--summary-json", summary}, args...)...)
	cmd.Env = os.Environ()
	if images != "" {
		cmd.Env = append(cmd.Env, "RIVET_IMAGES="+images)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := runResult{stdout: stdout.String(), stderr: stderr.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("rivet run %s: %v", strings.Join(args, " "), err)
	}
	if data, err := os.ReadFile(summary); err == nil {
		if err := json.Unmarshal(data, &r.summary); err != nil {
			t.Fatalf("--summary-json: %v", err)
		}
	}
	return r
}

// wantHalt fails unless the run halted with exit code (and rivet's exit status) code.
func wantHalt(t *testing.T, r runResult, code int) {
	t.Helper()
	if r.code != code || !r.summary.Halted || r.summary.ExitCode != uint64(code) {
		t.Fatalf("want a halt with exit code %d; got summary %+v, %s", code, r.summary, r)
	}
}

// consoleText turns the guest tty's CRLF line ends back into LF.
func consoleText(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

func TestLinuxConsoleOutput(t *testing.T) {
	images := imagesDir(t)
	t.Parallel()
	// The words after -- are joined into one entrypoint line.
	r := rivetRun(t, images, "--", "echo", "hello;", "echo", "world")
	wantHalt(t, r, 0)
	// The kernel boots with "quiet": the console carries only the command's
	// output, with the tty's CRLF line ends.
	if r.stdout != "hello\r\nworld\r\n" {
		t.Fatalf("console output %q; want %q", r.stdout, "hello\r\nworld\r\n")
	}
	if want := fmt.Sprintf("rivet: halted at mcycle %d, exit code 0\n", r.summary.Mcycle); r.stderr != want {
		t.Fatalf("stderr %q; want %q", r.stderr, want)
	}
}

func TestLinuxExitStatus(t *testing.T) {
	images := imagesDir(t)
	for _, code := range []int{0, 3} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			t.Parallel()
			r := rivetRun(t, images, "--", fmt.Sprintf("echo before; exit %d; echo after", code))
			wantHalt(t, r, code)
			if consoleText(r.stdout) != "before\n" {
				t.Fatalf("console output %q; want only %q", r.stdout, "before\n")
			}
		})
	}
}

// makeExt2 packs the folder src into an ext2 image of sizeMiB with a fixed
// identity and file times, so the same tree always gives the same bytes
// (mke2fs -d copies each file's ctime from the host, hence the debugfs pass).
func makeExt2(t *testing.T, src, image string, sizeMiB int) {
	t.Helper()
	for _, tool := range []string{"mke2fs", "debugfs"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (Debian package e2fsprogs; 'make images' installs it)", tool)
		}
	}
	env := append(os.Environ(), fmt.Sprintf("E2FSPROGS_FAKE_TIME=%d", fixedEpoch), "TZ=UTC")
	mk := exec.Command("mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", "-m", "0", "-L", "data",
		"-U", "2c7c3a1e-5d14-4b6f-8e0a-72697665740c", "-E", "hash_seed=4f1d0c2b-9a3e-4c57-b2d8-72697665740d,root_owner=0:0",
		"-d", src, image, fmt.Sprintf("%dM", sizeMiB))
	mk.Env = env
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("mke2fs: %v\n%s", err, out)
	}
	var script strings.Builder
	err := filepath.Walk(src, func(path string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		for _, field := range []string{"atime", "mtime", "ctime", "crtime"} {
			fmt.Fprintf(&script, "sif \"/%s\" %s @%d\n", filepath.ToSlash(rel), field, fixedEpoch)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fix := exec.Command("debugfs", "-w", "-f", "-", image)
	fix.Env = env
	fix.Stdin = strings.NewReader(script.String())
	if out, err := fix.CombinedOutput(); err != nil {
		t.Fatalf("debugfs: %v\n%s", err, out)
	}
}

// writeTree makes the files (path → content) under a new folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func fileSHA256(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// TestLinuxDataDrive reads a drive made on the host at /mnt/data (mounted by
// the init lines --flash-drive writes) and checks that the guest's writes to
// a drive that is not shared never reach the host file.
func TestLinuxDataDrive(t *testing.T) {
	images := imagesDir(t)
	t.Parallel()
	files := map[string]string{
		"greeting.txt":    "hello from the host\n",
		"sub/numbers.txt": "1 2 3\n",
	}
	image := filepath.Join(t.TempDir(), "data.ext2")
	makeExt2(t, writeTree(t, files), image, 4)
	// The drive is deterministic: the same tree, staged again later, packs to
	// the same bytes.
	again := filepath.Join(t.TempDir(), "again.ext2")
	makeExt2(t, writeTree(t, files), again, 4)
	before := fileSHA256(t, image)
	if before != fileSHA256(t, again) {
		t.Fatal("two packings of the same tree differ")
	}

	r := rivetRun(t, images, "--flash-drive", "label:data,filename:"+image, "--",
		"cat /mnt/data/greeting.txt /mnt/data/sub/numbers.txt && echo overwritten > /mnt/data/greeting.txt && sync && cat /mnt/data/greeting.txt")
	wantHalt(t, r, 0)
	if want := files["greeting.txt"] + files["sub/numbers.txt"] + "overwritten\n"; consoleText(r.stdout) != want {
		t.Fatalf("console output %q; want %q", consoleText(r.stdout), want)
	}
	if fileSHA256(t, image) != before {
		t.Fatal("the guest's write reached the host file of a drive that is not shared")
	}
}

// TestLinuxSharedDrive writes a file in the guest on a shared drive and reads
// it on the host after the run.
func TestLinuxSharedDrive(t *testing.T) {
	images := imagesDir(t)
	t.Parallel()
	image := filepath.Join(t.TempDir(), "out.ext2")
	makeExt2(t, t.TempDir(), image, 4)
	const text = "written in the guest"
	r := rivetRun(t, images, "--flash-drive", "label:out,filename:"+image+",shared", "--",
		fmt.Sprintf("echo %q > /mnt/out/result.txt", text))
	wantHalt(t, r, 0)
	// cartesi-init syncs before halting; nothing unmounts, which debugfs does
	// not mind.
	out, err := exec.Command("debugfs", "-R", "cat /result.txt", image).Output()
	if err != nil {
		t.Fatalf("debugfs cat: %v", err)
	}
	if string(out) != text+"\n" {
		t.Fatalf("host reads %q from the shared drive; want %q", out, text+"\n")
	}
}

// TestLinuxSleep needs timer interrupts: `sleep 1` takes one guest second
// more than `true`.
func TestLinuxSleep(t *testing.T) {
	images := imagesDir(t)
	t.Parallel()
	base := rivetRun(t, images, "--", "true")
	wantHalt(t, base, 0)
	r := rivetRun(t, images, "--", "sleep 1 && echo slept")
	wantHalt(t, r, 0)
	if consoleText(r.stdout) != "slept\n" {
		t.Fatalf("console output %q; want %q", r.stdout, "slept\n")
	}
	extra := r.summary.Mcycle - base.summary.Mcycle
	if r.summary.Mcycle < base.summary.Mcycle || extra < mcyclesPerGuestSecond || extra > mcyclesPerGuestSecond*3/2 {
		t.Fatalf("sleep 1 halted at mcycle %d, true at %d: %d more; want one guest second (%d) to %d",
			r.summary.Mcycle, base.summary.Mcycle, extra, mcyclesPerGuestSecond, mcyclesPerGuestSecond*3/2)
	}
}

// TestLinuxMisalignedAccess runs guest/userland's misaligned-check (misaligned
// 16/32/64-bit integer and FP loads and stores at offsets 1..7), built here
// and handed to the guest on a drive.
func TestLinuxMisalignedAccess(t *testing.T) {
	images := imagesDir(t)
	t.Parallel()
	tools := t.TempDir()
	build := exec.Command(goTool(), "build", "-trimpath", "-o", filepath.Join(tools, "misaligned-check"), "./cmd/misaligned-check")
	build.Dir = filepath.Join("..", "..", "guest", "userland")
	build.Env = append(os.Environ(), "GOOS=linux", "GOARCH=riscv64", "GORISCV64=rva20u64", "CGO_ENABLED=0", "GOFLAGS=-mod=readonly")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building misaligned-check: %v\n%s", err, out)
	}
	image := filepath.Join(t.TempDir(), "tools.ext2")
	makeExt2(t, tools, image, 8)
	r := rivetRun(t, images, "--flash-drive", "label:tools,filename:"+image, "--", "/mnt/tools/misaligned-check")
	wantHalt(t, r, 0)
	if consoleText(r.stdout) != "misaligned: ok\n" {
		t.Fatalf("console output %q; want %q", r.stdout, "misaligned: ok\n")
	}
}

// TestLinuxCMIO checks /dev/cmio's setup ioctl (through cmio-info, which also
// checks mmap and the one-user rule) against the device tree's buffers and
// the reference's addresses.
func TestLinuxCMIO(t *testing.T) {
	images := imagesDir(t)
	t.Parallel()
	r := rivetRun(t, images, "--",
		"[ -c /dev/cmio ] && echo /dev/cmio && cmio-info && for f in /proc/device-tree/cmio/*/reg; do echo reg $(base64 $f); done")
	wantHalt(t, r, 0)
	lines := strings.Split(strings.TrimSpace(consoleText(r.stdout)), "\n")
	if len(lines) != 6 || lines[0] != "/dev/cmio" || lines[3] != "cmio: ok" {
		t.Fatalf("console output %q; want /dev/cmio, two buffers, cmio: ok and two regs", r.stdout)
	}
	wantIoctl := []string{
		fmt.Sprintf("tx %#x %#x", cmioTxStart, cmioBufLength),
		fmt.Sprintf("rx %#x %#x", cmioRxStart, cmioBufLength),
	}
	if lines[1] != wantIoctl[0] || lines[2] != wantIoctl[1] {
		t.Fatalf("setup ioctl gave %q; want %q", lines[1:3], wantIoctl)
	}
	// The tree's reg properties (rx_buffer sorts first), big-endian address
	// and length.
	var regs [][2]uint64
	for _, line := range lines[4:] {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(line, "reg "))
		if err != nil || len(raw) != 16 {
			t.Fatalf("reg line %q: not 16 bytes of base64 (%v)", line, err)
		}
		regs = append(regs, [2]uint64{binary.BigEndian.Uint64(raw), binary.BigEndian.Uint64(raw[8:])})
	}
	if want := [][2]uint64{{cmioRxStart, cmioBufLength}, {cmioTxStart, cmioBufLength}}; fmt.Sprint(regs) != fmt.Sprint(want) {
		t.Fatalf("device tree cmio regs %#x; want %#x", regs, want)
	}
}

var hashLine = regexp.MustCompile(`(?m)^([0-9]+): (0x[0-9a-f]{64})$`)

// finalHash returns the last "mcycle: hash" line of a --final-hash run.
func finalHash(t *testing.T, r runResult) string {
	t.Helper()
	m := hashLine.FindAllString(r.stderr, -1)
	if len(m) == 0 {
		t.Fatalf("no root hash line in stderr:\n%s", r.stderr)
	}
	return m[len(m)-1]
}

// TestLinuxDeterminism boots twice and wants the same halt mcycle and root
// hash, then stops a boot midway, stores it, loads it and runs it on, and
// wants that same end.
func TestLinuxDeterminism(t *testing.T) {
	images := imagesDir(t)
	t.Parallel()
	const command = "echo hello"
	first := rivetRun(t, images, "--final-hash", "--", command)
	wantHalt(t, first, 0)
	second := rivetRun(t, images, "--final-hash", "--", command)
	wantHalt(t, second, 0)
	end := finalHash(t, first)
	if got := finalHash(t, second); got != end {
		t.Fatalf("two boots end differently:\n%s\n%s", end, got)
	}
	if !strings.HasPrefix(end, strconv.FormatUint(first.summary.Mcycle, 10)+": ") {
		t.Fatalf("final hash line %q is not at the halt mcycle %d", end, first.summary.Mcycle)
	}

	// Midway the kernel is still booting: the command's output comes after.
	mid := first.summary.Mcycle / 2
	stored := filepath.Join(t.TempDir(), "stored")
	part := rivetRun(t, images, "--max-mcycle", strconv.FormatUint(mid, 10), "--store", stored, "--", command)
	if part.code != 0 || part.summary.Halted || part.summary.Mcycle != mid {
		t.Fatalf("run to mcycle %d: summary %+v, %s", mid, part.summary, part)
	}
	rest := rivetRun(t, "", "--load", stored, "--final-hash")
	wantHalt(t, rest, 0)
	if got := finalHash(t, rest); got != end {
		t.Fatalf("stored at mcycle %d, loaded and run on, it ends at\n%s\nwant\n%s", mid, got, end)
	}
	if consoleText(part.stdout+rest.stdout) != "hello\n" {
		t.Fatalf("console output %q before the store and %q after; want %q in all", part.stdout, rest.stdout, "hello\n")
	}
}

// fakeImages makes an images folder whose files exist but are empty: enough
// for rivet to get past finding the images to the checks of later flags.
func fakeImages(t *testing.T) string {
	dir := t.TempDir()
	for _, name := range []string{"linux.bin", "rootfs.ext2"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// wantUsageError fails unless rivet exited with status 2 and one line on
// stderr holding every part of want.
func wantUsageError(t *testing.T, r runResult, want ...string) {
	t.Helper()
	if r.code != 2 || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
		t.Fatalf("want exit status 2 and one line on stderr; got %s", r)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Fatalf("stderr %q does not name %q", r.stderr, w)
		}
	}
}

func TestLinuxBadInput(t *testing.T) {
	t.Run("missing images", func(t *testing.T) {
		empty := t.TempDir()
		r := rivetRun(t, empty, "--", "true")
		wantUsageError(t, r, empty, "make images")
	})
	t.Run("unknown flag", func(t *testing.T) {
		r := rivetRun(t, fakeImages(t), "--no-such-flag", "--", "true")
		wantUsageError(t, r, "no-such-flag")
	})
	t.Run("bad size", func(t *testing.T) {
		r := rivetRun(t, fakeImages(t), "--ram-length", "12x", "--", "true")
		wantUsageError(t, r, "ram-length", "12x")
	})
	t.Run("drive field", func(t *testing.T) {
		r := rivetRun(t, fakeImages(t), "--flash-drive", "label:data,colour:red", "--", "true")
		wantUsageError(t, r, "colour")
	})
	t.Run("drive mount", func(t *testing.T) {
		r := rivetRun(t, fakeImages(t), "--flash-drive", "label:data,length:4Mi,mount:relative/path", "--", "true")
		wantUsageError(t, r, "mount", "relative/path")
	})
	t.Run("kernel panic", func(t *testing.T) {
		images := imagesDir(t)
		t.Parallel()
		// No such drive and no rootwait: the kernel cannot mount root and panics.
		r := rivetRun(t, images, "--append-bootargs", "root=/dev/pmem7", "--", "true")
		wantHalt(t, r, 255)
		if !strings.Contains(r.stdout, "Kernel panic - not syncing") {
			t.Fatalf("no panic message on the console:\n%s", r)
		}
	})
}

// tmuxSession drives `rivet run -i -- sh` in a detached tmux pane through a
// script that records the terminal settings before and after, rivet's pid
// and its exit status, in files under dir.
type tmuxSession struct {
	t    *testing.T
	dir  string
	tmux []string // tmux -S SOCKET
}

func startTmux(t *testing.T, images string) *tmuxSession {
	t.Helper()
	tmuxPath, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux not installed (Debian package tmux)")
	}
	dir := t.TempDir()
	s := &tmuxSession{t: t, dir: dir, tmux: []string{tmuxPath, "-S", filepath.Join(dir, "sock"), "-f", "/dev/null"}}
	script := fmt.Sprintf(`cd %s
stty -g > before
RIVET_IMAGES=%s sh -c 'echo $$ > pid; exec "$0" run -i -- sh' %s
echo $? > status.tmp && mv status.tmp status
stty -g > after
touch done
exec sleep 300
`, shellQuote(dir), shellQuote(images), shellQuote(rivetBin))
	if err := os.WriteFile(filepath.Join(dir, "pane.sh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s.tmuxCmd("new-session", "-d", "-x", "100", "-y", "30", "sh "+filepath.Join(dir, "pane.sh"))
	t.Cleanup(func() { exec.Command(s.tmux[0], append(s.tmux[1:], "kill-server")...).Run() })
	return s
}

// shellQuote quotes s for sh as one word.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (s *tmuxSession) tmuxCmd(args ...string) string {
	s.t.Helper()
	cmd := exec.Command(s.tmux[0], append(s.tmux[1:], args...)...)
	cmd.Env = os.Environ()
	if os.Getenv("TERM") == "" {
		cmd.Env = append(cmd.Env, "TERM=xterm")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// waitFor polls cond for up to a minute.
func (s *tmuxSession) waitFor(what string, cond func() bool) {
	s.t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, s.tmuxCmd("capture-pane", "-p"))
}

func (s *tmuxSession) screenLines() []string {
	return strings.Split(s.tmuxCmd("capture-pane", "-p"), "\n")
}

func (s *tmuxSession) file(name string) string {
	data, _ := os.ReadFile(filepath.Join(s.dir, name))
	return strings.TrimSpace(string(data))
}

// waitPrompt waits for the guest shell's "# " prompt (root's).
func (s *tmuxSession) waitPrompt() {
	s.waitFor("the guest shell's prompt", func() bool {
		for _, line := range s.screenLines() {
			if strings.HasPrefix(line, "#") {
				return true
			}
		}
		return false
	})
}

// wantRaw checks the pane's terminal while rivet runs: raw, so keys reach the
// guest one by one and Ctrl-C/Ctrl-D are the guest's.
func (s *tmuxSession) wantRaw() {
	s.t.Helper()
	tty := strings.TrimSpace(s.tmuxCmd("display-message", "-p", "#{pane_tty}"))
	out, err := exec.Command("stty", "-F", tty, "-a").Output()
	if err != nil {
		s.t.Fatalf("stty -F %s: %v", tty, err)
	}
	fields := strings.Fields(string(out))
	for _, want := range []string{"-icanon", "-echo", "-isig", "-icrnl", "-ixon"} {
		found := false
		for _, f := range fields {
			found = found || f == want
		}
		if !found {
			s.t.Fatalf("terminal not raw while rivet runs (no %s):\n%s", want, out)
		}
	}
}

// wantEnd waits for rivet to end and checks its status and the terminal.
func (s *tmuxSession) wantEnd(status int) {
	s.t.Helper()
	s.waitFor("rivet to end", func() bool { return fileExists(filepath.Join(s.dir, "done")) })
	if got := s.file("status"); got != strconv.Itoa(status) {
		s.t.Fatalf("rivet's exit status %s; want %d; screen:\n%s", got, status, s.tmuxCmd("capture-pane", "-p"))
	}
	if before, after := s.file("before"), s.file("after"); before == "" || before != after {
		s.t.Fatalf("terminal settings not restored:\nbefore %s\nafter  %s", before, after)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestLinuxInteractive types into `rivet run -i -- sh` through tmux: a
// command's output comes back; Ctrl-D, the guest's exit and a signal to
// rivet each end the run with the terminal restored.
func TestLinuxInteractive(t *testing.T) {
	images := imagesDir(t)
	t.Run("ctrl-d", func(t *testing.T) {
		t.Parallel()
		s := startTmux(t, images)
		s.waitPrompt()
		s.wantRaw()
		s.tmuxCmd("send-keys", "echo $((6*7))", "Enter")
		s.waitFor("the command's output", func() bool {
			for _, line := range s.screenLines() {
				if line == "42" {
					return true
				}
			}
			return false
		})
		s.tmuxCmd("send-keys", "C-d")
		s.wantEnd(0)
	})
	t.Run("exit", func(t *testing.T) {
		t.Parallel()
		s := startTmux(t, images)
		s.waitPrompt()
		s.tmuxCmd("send-keys", "exit 5", "Enter")
		s.wantEnd(5)
	})
	for _, sig := range []struct {
		name   string
		signal os.Signal
		status int
	}{{"SIGTERM", syscall.SIGTERM, 128 + 15}, {"SIGINT", syscall.SIGINT, 128 + 2}} {
		t.Run(sig.name, func(t *testing.T) {
			t.Parallel()
			s := startTmux(t, images)
			s.waitPrompt()
			pid, err := strconv.Atoi(s.file("pid"))
			if err != nil {
				t.Fatalf("rivet's pid: %v", err)
			}
			p, err := os.FindProcess(pid)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Signal(sig.signal); err != nil {
				t.Fatal(err)
			}
			// The shell reports death by a signal as 128 + its number.
			s.wantEnd(sig.status)
		})
	}
}

// benchRun boots the machine `rivet run ARGS` describes, in this process, and
// runs it to its halt, reporting mcycles per boot, MIPS (mcycles per
// microsecond of Run, wall clock) and cpu-MIPS (per microsecond of this
// process's CPU time during Run, steadier on a shared machine). Each
// iteration builds a fresh machine; its build time counts in ns/op only.
func benchRun(b *testing.B, wantOutput string, args ...string) {
	images := imagesDir(b)
	b.Setenv("RIVET_IMAGES", images)
	var f machineFlags
	fs := newFlagSet("run", runSummary)
	f.register(fs)
	if err := parseFlags(fs, args, runSummary); err != nil {
		b.Fatal(err)
	}
	f.entrypoint = fs.Args()
	var mcycles uint64
	var running, cpu time.Duration
	for b.Loop() {
		var console bytes.Buffer
		m, err := f.build(emu.RuntimeOptions{ConsoleOutput: &console})
		if err != nil {
			b.Fatal(err)
		}
		start, cpuStart := time.Now(), processCPU(b)
		reason, err := m.Run(^uint64(0))
		running += time.Since(start)
		cpu += processCPU(b) - cpuStart
		if err != nil || reason != emu.BreakHalted || m.ExitCode() != 0 {
			b.Fatalf("run: %v, %v, exit code %d; console:\n%s", err, reason, m.ExitCode(), console.String())
		}
		if !strings.Contains(console.String(), wantOutput) {
			b.Fatalf("console output %q; want %q in it", console.String(), wantOutput)
		}
		mcycles += m.Mcycle()
		m.Close()
	}
	b.ReportMetric(float64(mcycles)/float64(b.N)/1e6, "Mcycles/op")
	b.ReportMetric(float64(mcycles)/running.Seconds()/1e6, "MIPS")
	b.ReportMetric(float64(mcycles)/cpu.Seconds()/1e6, "cpu-MIPS")
}

// processCPU is the user and system time this process has used.
func processCPU(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// BenchmarkLinuxEcho: boot, `echo hello`, halt.
func BenchmarkLinuxEcho(b *testing.B) {
	benchEngines(b, "hello\r\n", "--", "echo hello")
}

// benchEngines runs benchRun once per engine, side by side.
func benchEngines(b *testing.B, wantOutput string, args ...string) {
	for _, engine := range []string{"interp", "jit"} {
		b.Run(engine, func(b *testing.B) {
			if checkEngine(engine) != nil {
				b.Skipf("engine %s does not run on this host", engine)
			}
			benchRun(b, wantOutput, append([]string{"--engine", engine}, args...)...)
		})
	}
}

// BenchmarkLinuxSHA256: boot and hash the 3.8 MB busybox binary with the
// userland's Go sha256 (integer work; no bit-manipulation extension). The
// expected digest is the host's, of the same file read out of rootfs.ext2.
func BenchmarkLinuxSHA256(b *testing.B) {
	images := imagesDir(b)
	out, err := exec.Command("debugfs", "-R", "cat /usr/bin/busybox", filepath.Join(images, "rootfs.ext2")).Output()
	if err != nil || len(out) == 0 {
		b.Skipf("debugfs cannot read /usr/bin/busybox from the root file system (%v)", err)
	}
	sum := sha256.Sum256(out)
	benchEngines(b, hex.EncodeToString(sum[:]), "--", "shasum -a 256 /usr/bin/busybox")
}

package difftest

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rivetvm/rivet/emu"
)

// Engine is one emulator under test: it builds a machine from a RAM image
// (the rest of the configuration is fixed: 4 MiB RAM, no drives, a 4 KiB
// zero uarch RAM) and runs it.
type Engine interface {
	Name() string
	// Load replaces the current machine with a new one.
	Load(ramImage string) error
	// Run runs to mcycle (or until a break) and reports where it stopped.
	Run(mcycle uint64) (Stop, error)
	// Read copies physical memory (any hashed range, the shadow included).
	Read(paddr, length uint64) ([]byte, error)
	Close() error
}

// Stop is where a run ended.
type Stop struct {
	Mcycle uint64
	Reason string // the reference's break reason names
	Hash   string // 0x-prefixed root hash
}

func (s Stop) String() string { return fmt.Sprintf("%d %s %s", s.Mcycle, s.Reason, s.Hash) }

// reasonNames maps rivet's break reasons to the reference's names.
var reasonNames = map[emu.BreakReason]string{
	emu.BreakFailed: "failed", emu.BreakHalted: "halted", emu.BreakYieldedManually: "yielded_manually",
	emu.BreakYieldedAutomatically: "yielded_automatically", emu.BreakYieldedSoftly: "yielded_softly",
	emu.BreakReachedTargetMcycle: "reached_target_mcycle", emu.BreakConsoleOutput: "console_output",
	emu.BreakConsoleInput: "console_input", emu.BreakMcycleOverflow: "mcycle_overflow",
}

// Rivet runs rivet's interpreter in this process.
type Rivet struct {
	dtb, uarch string
	m          *emu.Machine
	// Attach, when set, is called on every new machine (to install another
	// engine, such as the JIT, which this package must not import).
	Attach func(*emu.Machine) error
}

// NewRivet makes a rivet engine that uses the given device tree image (the
// reference's, which carries an rng-seed rivet does not generate) and uarch
// RAM image.
func NewRivet(dtbImage, uarchImage string) *Rivet { return &Rivet{dtb: dtbImage, uarch: uarchImage} }

func (r *Rivet) Name() string { return "rivet" }

func (r *Rivet) Load(ram string) (err error) {
	r.Close()
	cfg := emu.DefaultConfig(RAMLength)
	cfg.DTB.Bootargs = emu.BootargsConsole + emu.BootargsUIO
	cfg.RAM.BackingStore.DataFilename = ram
	cfg.DTB.BackingStore.DataFilename = r.dtb
	cfg.Uarch.RAM.BackingStore.DataFilename = r.uarch
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rivet panicked creating the machine: %v", p)
		}
	}()
	r.m, err = emu.New(cfg, emu.RuntimeOptions{})
	if err != nil {
		return fmt.Errorf("rivet: %w", err)
	}
	return r.attach()
}

func (r *Rivet) attach() error {
	if r.Attach == nil {
		return nil
	}
	if err := r.Attach(r.m); err != nil {
		return fmt.Errorf("rivet: attaching an engine: %w", err)
	}
	return nil
}

// LoadStored replaces the current machine with one loaded from a directory
// that the reference (or rivet) stored.
func (r *Rivet) LoadStored(dir string) (err error) {
	r.Close()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rivet panicked loading %s: %v", dir, p)
		}
	}()
	if r.m, err = emu.Load(dir, emu.RuntimeOptions{}); err != nil {
		return fmt.Errorf("rivet: %w", err)
	}
	return r.attach()
}

// Store stores rivet's machine in dir (which must not exist).
func (r *Rivet) Store(dir string) error { return r.m.Store(dir) }

func (r *Rivet) Run(mcycle uint64) (st Stop, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rivet panicked running to mcycle %d: %v", mcycle, p)
		}
	}()
	reason, err := r.m.Run(mcycle)
	if err != nil {
		return Stop{}, fmt.Errorf("rivet run: %w", err)
	}
	return Stop{Mcycle: r.m.Mcycle(), Reason: reasonNames[reason], Hash: emu.RootHashHex(r.m.RootHash())}, nil
}

func (r *Rivet) Read(paddr, length uint64) ([]byte, error) {
	buf := make([]byte, length)
	if err := r.m.ReadMemory(paddr, buf); err != nil {
		return nil, err
	}
	return buf, nil
}

func (r *Rivet) Close() error {
	if r.m == nil {
		return nil
	}
	err := r.m.Close()
	r.m = nil
	return err
}

//go:embed refserver.lua
var refServerLua []byte

// Reference drives the Cartesi Machine 0.21 reference through its Lua
// module, in a child process that stays up between programs.
type Reference struct {
	paths    RefPaths
	template string // a config.json the reference stored for this layout
	uarch    string
	dir      string
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
}

// RefPaths says where the reference build lives.
type RefPaths struct {
	// LuaDir holds cartesi.so and cartesi-machine.lua (…/src/src of a build).
	LuaDir string
	// CLI is a cartesi-machine wrapper that can create and store a machine.
	CLI string
	// PrepareLoad is a Lua script (SRC DST) that copies a stored machine
	// without the reference's cache files and adds zero-filled ones (the
	// reference rebuilds them), so the reference can load what rivet stored.
	PrepareLoad string
}

// DefaultRefPaths is the local build described in /work/refbuild/USAGE.md.
func DefaultRefPaths() RefPaths {
	return RefPaths{LuaDir: "/work/refbuild/src/src", CLI: "/work/refbuild/cartesi-machine",
		PrepareLoad: "/work/refbuild/prepare-load.lua"}
}

// StartReference prepares a work directory (zero uarch image, template
// configuration, the reference's device tree) and starts the Lua server.
// It returns the engine and the path of the device tree image rivet must use.
func StartReference(paths RefPaths, workDir string) (*Reference, string, string, error) {
	uarch := filepath.Join(workDir, "uarch-zero.bin")
	if err := os.WriteFile(uarch, make([]byte, 4096), 0o644); err != nil {
		return nil, "", "", err
	}
	ram := filepath.Join(workDir, "ram-zero.bin")
	if err := os.WriteFile(ram, make([]byte, 4096), 0o644); err != nil {
		return nil, "", "", err
	}
	store := filepath.Join(workDir, "template")
	cmd := exec.Command(paths.CLI, "--ram-length=4Mi", "--ram-image="+ram, "--no-root-flash-drive", "--no-init-splash",
		"--uarch-ram-image="+uarch, "--max-mcycle=0", "--store="+store)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, "", "", fmt.Errorf("reference: storing a template machine: %v: %s", err, out)
	}
	tmpl := filepath.Join(workDir, "template.json")
	cfg, err := os.ReadFile(filepath.Join(store, "config.json"))
	if err != nil {
		return nil, "", "", fmt.Errorf("reference: %w", err)
	}
	if err := os.WriteFile(tmpl, cfg, 0o644); err != nil {
		return nil, "", "", err
	}
	dtb := filepath.Join(workDir, "dtb.bin")
	data, err := os.ReadFile(filepath.Join(store, "000000007ff00000-100000.bin"))
	if err != nil {
		return nil, "", "", fmt.Errorf("reference: device tree: %w", err)
	}
	if err := os.WriteFile(dtb, data, 0o644); err != nil {
		return nil, "", "", err
	}
	os.RemoveAll(store)
	script := filepath.Join(workDir, "refserver.lua")
	if err := os.WriteFile(script, refServerLua, 0o644); err != nil {
		return nil, "", "", err
	}
	r := &Reference{template: tmpl, uarch: uarch, dir: workDir, paths: paths}
	r.cmd = exec.Command("lua5.4", script)
	r.cmd.Env = append(os.Environ(),
		"LUA_PATH_5_4="+paths.LuaDir+"/?.lua;;",
		"LUA_CPATH_5_4="+paths.LuaDir+"/?.so;;")
	r.cmd.Stderr = os.Stderr
	if r.in, err = r.cmd.StdinPipe(); err != nil {
		return nil, "", "", err
	}
	stdout, err := r.cmd.StdoutPipe()
	if err != nil {
		return nil, "", "", err
	}
	r.out = bufio.NewReader(stdout)
	if err := r.cmd.Start(); err != nil {
		return nil, "", "", fmt.Errorf("reference: starting lua5.4: %w", err)
	}
	return r, dtb, uarch, nil
}

func (r *Reference) Name() string { return "reference" }

func (r *Reference) call(format string, args ...any) (string, error) {
	line := fmt.Sprintf(format, args...)
	if _, err := fmt.Fprintln(r.in, line); err != nil {
		return "", fmt.Errorf("reference: %s: %w", line, err)
	}
	reply, err := r.out.ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("reference: %s: no reply: %w", line, err)
	}
	reply = strings.TrimRight(reply, "\n")
	if rest, ok := strings.CutPrefix(reply, "ok "); ok {
		return rest, nil
	}
	return "", fmt.Errorf("reference: %s: %s", line, reply)
}

func (r *Reference) Load(ram string) error {
	_, err := r.call("new %s %s %s", r.template, ram, r.uarch)
	return err
}

func (r *Reference) Run(mcycle uint64) (Stop, error) {
	reply, err := r.call("run %d", mcycle)
	if err != nil {
		return Stop{}, err
	}
	f := strings.Fields(reply)
	if len(f) != 3 {
		return Stop{}, fmt.Errorf("reference: run %d: bad reply %q", mcycle, reply)
	}
	mc, err := strconv.ParseUint(f[0], 10, 64)
	if err != nil {
		return Stop{}, fmt.Errorf("reference: run %d: bad mcycle %q", mcycle, f[0])
	}
	return Stop{Mcycle: mc, Reason: f[1], Hash: f[2]}, nil
}

// LoadDir replaces the reference's machine with one loaded from dir, which
// must hold the reference's cache files (see PrepareLoad).
func (r *Reference) LoadDir(dir string) error {
	_, err := r.call("load %s", dir)
	return err
}

// Store stores the reference's machine in dir (which must not exist).
func (r *Reference) Store(dir string) error {
	_, err := r.call("store %s", dir)
	return err
}

func (r *Reference) Read(paddr, length uint64) ([]byte, error) {
	f := filepath.Join(r.dir, "dump.bin")
	if _, err := r.call("dump %s %d %d", f, paddr, length); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(f)
	if err != nil {
		return nil, err
	}
	if uint64(len(data)) != length {
		return nil, fmt.Errorf("reference: dump of %#x+%#x gave %d bytes", paddr, length, len(data))
	}
	return data, nil
}

func (r *Reference) Close() error {
	if r.cmd == nil {
		return nil
	}
	r.in.Close()
	err := r.cmd.Wait()
	r.cmd = nil
	return err
}

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/rivetvm/rivet/emu"
)

const runSummary = `usage: rivet run [flags]

Runs a machine and prints its console output live, then the break reason,
mcycle and halt exit code on stderr. rivet's exit status is the guest's halt
exit code (255 if larger), 0 when --max-mcycle is reached first.`

// runChunk is how many cycles Run executes between console flushes.
const runChunk = 1 << 24

type runFlags struct {
	ramLength                sizeFlag
	ramImage, elfFile        string
	config                   string
	dtbImage, uarchRAMImage  string
	drives                   listFlag
	noRootDrive              bool
	maxMcycle                sizeFlag
	interactive, quiet       bool
	bootargs, appendBootargs string
	summaryJSON              string
}

func cmdRun(args []string) error {
	var f runFlags
	fs := newFlagSet("run", runSummary)
	f.ramLength = sizeFlag{name: "ram-length", v: 64 << 20}
	f.maxMcycle = sizeFlag{name: "max-mcycle", v: ^uint64(0)}
	fs.Var(&f.ramLength, "ram-length", "RAM length in bytes (suffixes Ki, Mi, Gi)")
	fs.StringVar(&f.ramImage, "ram-image", "", "raw image copied to the start of RAM (0x80000000)")
	fs.StringVar(&f.elfFile, "elf", "", "RISC-V ELF executable loaded into memory; pc starts at its entry")
	fs.StringVar(&f.config, "config", "", "machine configuration file (JSON, the Cartesi machine_config schema)")
	fs.StringVar(&f.dtbImage, "dtb-image", "", "device tree blob used as is instead of the generated one")
	fs.StringVar(&f.uarchRAMImage, "uarch-ram-image", "", "image for the microarchitecture RAM")
	fs.Var(&f.drives, "flash-drive", "flash drive: label:L,filename:F[,shared][,start:A][,length:N][,read_only] (repeatable)")
	fs.BoolVar(&f.noRootDrive, "no-root-flash-drive", false, "do not add a root flash drive")
	fs.Var(&f.maxMcycle, "max-mcycle", "stop when mcycle reaches this value")
	fs.BoolVar(&f.interactive, "i", false, "interactive: the guest's console getchar reads the terminal")
	fs.BoolVar(&f.interactive, "htif-console-getchar", false, "same as -i")
	fs.BoolVar(&f.quiet, "quiet", false, "do not print the summary lines")
	fs.StringVar(&f.bootargs, "bootargs", "", "kernel command line in the device tree (replaces the default)")
	fs.StringVar(&f.appendBootargs, "append-bootargs", "", "text appended to the kernel command line")
	fs.StringVar(&f.summaryJSON, "summary-json", "", "write the break reason, mcycle and exit code to this file as JSON")
	if err := parseFlags(fs, args, runSummary); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("run: unexpected argument %q", fs.Arg(0))
	}
	cfg, err := buildConfig(&f)
	if err != nil {
		return err
	}
	var img *emu.ELFImage
	if f.elfFile != "" {
		if img, err = emu.ReadELF(f.elfFile); err != nil {
			return usagef("--elf: %v", err)
		}
	}
	out := newConsoleWriter(os.Stdout)
	opts := emu.RuntimeOptions{ConsoleOutput: out}
	if f.interactive {
		in, restore, err := openTerminalInput()
		if err != nil {
			return err
		}
		defer restore()
		opts.ConsoleInput = in
	}
	m, err := emu.New(cfg, opts)
	if err != nil {
		return err
	}
	defer m.Close()
	if img != nil {
		if err := m.LoadELF(img); err != nil {
			return usagef("--elf %s: %v", f.elfFile, err)
		}
	}
	reason, err := runTo(m, f.maxMcycle.v, out)
	if err != nil {
		return err
	}
	mcycle, code := m.Mcycle(), m.ExitCode()
	if err := m.Close(); err != nil {
		return err
	}
	return finishRun(&f, reason, mcycle, code)
}

// runTo runs in chunks so console output is flushed while the guest runs.
func runTo(m *emu.Machine, end uint64, out *consoleWriter) (emu.BreakReason, error) {
	for {
		target := end
		if mc := m.Mcycle(); end-mc > runChunk {
			target = mc + runChunk
		}
		reason, err := m.Run(target)
		out.Flush()
		if err != nil {
			return reason, err
		}
		if reason != emu.BreakReachedTargetMcycle && reason != emu.BreakConsoleOutput || m.Mcycle() >= end {
			return reason, nil
		}
	}
}

func finishRun(f *runFlags, reason emu.BreakReason, mcycle, code uint64) error {
	if !f.quiet {
		if reason == emu.BreakHalted {
			fmt.Fprintf(os.Stderr, "rivet: %s at mcycle %d, exit code %d\n", reason, mcycle, code)
		} else {
			fmt.Fprintf(os.Stderr, "rivet: %s at mcycle %d\n", reason, mcycle)
		}
	}
	if f.summaryJSON != "" {
		b, _ := json.Marshal(map[string]any{"break_reason": reason.String(), "mcycle": mcycle, "exit_code": code, "halted": reason == emu.BreakHalted})
		if err := os.WriteFile(f.summaryJSON, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if reason == emu.BreakHalted && code != 0 {
		return &exitError{int(min(code, 255))}
	}
	return nil
}

// buildConfig turns flags into a machine configuration.
func buildConfig(f *runFlags) (emu.Config, error) {
	var cfg emu.Config
	if f.config != "" {
		data, err := os.ReadFile(f.config)
		if err != nil {
			return cfg, usagef("--config: %v", err)
		}
		if cfg, err = emu.ParseConfig(data); err != nil {
			return cfg, usagef("--config %s: %v", f.config, err)
		}
		if f.ramLength.set {
			cfg.RAM.Length = f.ramLength.v
		}
	} else {
		cfg = emu.DefaultConfig(f.ramLength.v)
		cfg.DTB.Bootargs = emu.BootargsConsole + emu.BootargsUIO
	}
	if f.ramImage != "" {
		cfg.RAM.BackingStore.DataFilename = f.ramImage
	}
	if f.dtbImage != "" {
		cfg.DTB.BackingStore.DataFilename = f.dtbImage
	}
	if f.uarchRAMImage != "" {
		cfg.Uarch.RAM.BackingStore.DataFilename = f.uarchRAMImage
	}
	if f.bootargs != "" {
		cfg.DTB.Bootargs = f.bootargs
	}
	if f.appendBootargs != "" {
		sep := ""
		if cfg.DTB.Bootargs != "" && !strings.HasSuffix(cfg.DTB.Bootargs, " ") {
			sep = " "
		}
		cfg.DTB.Bootargs += sep + f.appendBootargs
	}
	for _, spec := range f.drives {
		d, err := parseDrive(spec)
		if err != nil {
			return cfg, err
		}
		cfg.FlashDrive = append(cfg.FlashDrive, d.cfg)
	}
	if f.interactive {
		cfg.Processor.Registers.HtifIconsole |= 1 << emu.HTIFConsoleCmdGetchar
	}
	return cfg, nil
}

// consoleWriter buffers guest console output and flushes it at newlines and
// between run chunks, so output appears live without a write per character.
type consoleWriter struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func newConsoleWriter(f *os.File) *consoleWriter {
	return &consoleWriter{w: bufio.NewWriterSize(f, 4096)}
}

func (c *consoleWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, err := c.w.Write(p)
	if err == nil && len(p) > 0 && p[len(p)-1] == '\n' {
		err = c.w.Flush()
	}
	return n, err
}

func (c *consoleWriter) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.w.Flush()
}

var _ = strconv.Itoa

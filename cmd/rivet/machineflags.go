package main

import (
	"flag"
	"os"
	"strings"

	"github.com/rivetvm/rivet/emu"
)

// machineFlags are the flags that describe which machine to build, shared by
// run, hash and proof.
type machineFlags struct {
	ramLength                sizeFlag
	ramImage, elfFile        string
	config, load             string
	dtbImage, uarchRAMImage  string
	drives                   listFlag
	noRootDrive              bool
	interactive              bool
	bootargs, appendBootargs string
	hashFunction             string
	initialMcycle            sizeFlag
}

func (f *machineFlags) register(fs *flag.FlagSet) {
	f.ramLength = sizeFlag{name: "ram-length", v: 64 << 20}
	fs.Var(&f.ramLength, "ram-length", "RAM length in bytes (suffixes Ki, Mi, Gi)")
	fs.StringVar(&f.ramImage, "ram-image", "", "raw image copied to the start of RAM (0x80000000)")
	fs.StringVar(&f.elfFile, "elf", "", "RISC-V ELF executable loaded into memory; pc starts at its entry")
	fs.StringVar(&f.config, "config", "", "machine configuration file (JSON, the Cartesi machine_config schema)")
	fs.StringVar(&f.load, "load", "", "load a machine stored by rivet or by cartesi-machine 0.21 (--store)")
	fs.StringVar(&f.dtbImage, "dtb-image", "", "device tree blob used as is instead of the generated one")
	fs.StringVar(&f.uarchRAMImage, "uarch-ram-image", "", "image for the microarchitecture RAM")
	fs.Var(&f.drives, "flash-drive", "flash drive: label:L,filename:F[,shared][,start:A][,length:N][,read_only] (repeatable)")
	fs.BoolVar(&f.noRootDrive, "no-root-flash-drive", false, "do not add a root flash drive")
	fs.BoolVar(&f.interactive, "i", false, "interactive: the guest's console getchar reads the terminal")
	fs.BoolVar(&f.interactive, "htif-console-getchar", false, "same as -i")
	fs.StringVar(&f.bootargs, "bootargs", "", "kernel command line in the device tree (replaces the default)")
	fs.StringVar(&f.appendBootargs, "append-bootargs", "", "text appended to the kernel command line")
	fs.StringVar(&f.hashFunction, "hash-function", "", "state hash: keccak256 (default), sha256, or blake3 (rivet-only: outside Cartesi compatibility)")
}

// machineSpecified reports whether any flag chose a machine.
func (f *machineFlags) machineSpecified() bool {
	return f.load != "" || f.config != "" || f.elfFile != "" || f.ramImage != ""
}

// build makes the machine the flags describe. The ELF (if any) is loaded.
func (f *machineFlags) build(opts emu.RuntimeOptions) (*emu.Machine, error) {
	if f.load != "" {
		if f.config != "" || f.elfFile != "" || f.ramImage != "" || len(f.drives) > 0 || f.dtbImage != "" {
			return nil, usagef("--load: cannot be combined with flags that describe a new machine")
		}
		return emu.Load(f.load, opts)
	}
	cfg, err := f.buildConfig()
	if err != nil {
		return nil, err
	}
	var img *emu.ELFImage
	if f.elfFile != "" {
		if img, err = emu.ReadELF(f.elfFile); err != nil {
			return nil, usagef("--elf: %v", err)
		}
	}
	m, err := emu.New(cfg, opts)
	if err != nil {
		return nil, err
	}
	if img != nil {
		if err := m.LoadELF(img); err != nil {
			m.Close()
			return nil, usagef("--elf %s: %v", f.elfFile, err)
		}
	}
	return m, nil
}

// buildConfig turns flags into a machine configuration.
func (f *machineFlags) buildConfig() (emu.Config, error) {
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
	if f.hashFunction != "" {
		cfg.HashTree.HashFunction = f.hashFunction
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

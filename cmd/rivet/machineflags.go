package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
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
	images                   string
	appendInit               listFlag
	appendEntrypoint         listFlag
	env                      listFlag
	workdir, user, hostname  string
	noBootargs               bool
	engine                   string
	timeTranslation          bool     // the JIT measures its translation time (--stats)
	entrypoint               []string // the words after --
}

func (f *machineFlags) register(fs *flag.FlagSet) {
	f.ramLength = sizeFlag{name: "ram-length", v: 128 << 20}
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
	fs.StringVar(&f.images, "images", "", "directory holding linux.bin and rootfs.ext2 (default $RIVET_IMAGES, else the one `make images` built)")
	fs.Var(&f.appendInit, "append-init", "shell text appended to the guest's init script (repeatable)")
	fs.Var(&f.appendEntrypoint, "append-entrypoint", "shell text appended to the guest's entrypoint (repeatable)")
	fs.Var(&f.env, "env", "NAME=VALUE exported to the entrypoint (repeatable)")
	fs.StringVar(&f.workdir, "workdir", "", "working directory of the entrypoint")
	fs.StringVar(&f.user, "user", "", "user that runs the entrypoint (the root file system's default is dapp)")
	fs.StringVar(&f.hostname, "hostname", "", "guest host name")
	fs.BoolVar(&f.noBootargs, "no-bootargs", false, "start from empty kernel bootargs")
	fs.StringVar(&f.engine, "engine", defaultEngine(), "execution engine: jit (translates to host code; amd64) or interp (the interpreter)")
}

// linuxMode reports whether the flags ask for the default Linux machine
// (no bare-metal program, configuration or stored machine given).
func (f *machineFlags) linuxMode() bool {
	return f.load == "" && f.config == "" && f.elfFile == "" && f.ramImage == ""
}

// imagesDir finds the Linux images: --images, $RIVET_IMAGES, or the
// directory `make images` last built.
func (f *machineFlags) imagesDir() (string, error) {
	dir := f.images
	if dir == "" {
		dir = os.Getenv("RIVET_IMAGES")
	}
	if dir == "" {
		cache := os.Getenv("RIVET_CACHE")
		if cache == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			cache = filepath.Join(home, ".cache", "rivet")
		}
		dir = filepath.Join(cache, "images", "current")
	}
	for _, name := range []string{"linux.bin", "rootfs.ext2"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return "", usagef("Linux images not found in %s (%s missing): build them with 'make images', or pass --images DIR", dir, name)
		}
	}
	return dir, nil
}

// machineSpecified reports whether any flag chose a machine.
func (f *machineFlags) machineSpecified() bool {
	return f.load != "" || f.config != "" || f.elfFile != "" || f.ramImage != ""
}

// build makes the machine the flags describe, with its engine. The ELF (if
// any) is loaded.
func (f *machineFlags) build(opts emu.RuntimeOptions) (*emu.Machine, error) {
	if err := checkEngine(f.engine); err != nil {
		return nil, err
	}
	m, err := f.buildMachine(opts)
	if err != nil {
		return nil, err
	}
	if err := installEngine(m, f.engine, f.timeTranslation); err != nil {
		m.Close()
		return nil, err
	}
	return m, nil
}

func (f *machineFlags) buildMachine(opts emu.RuntimeOptions) (*emu.Machine, error) {
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
		return nil, usagef("%v", err) // a bad configuration, drive or image
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
		if !f.linuxMode() || f.noRootDrive {
			cfg.DTB.Bootargs = emu.BootargsConsole + emu.BootargsUIO
		}
	}
	if f.noBootargs {
		cfg.DTB.Bootargs = ""
	}
	var drives []driveSpec
	if f.linuxMode() && f.config == "" {
		dir, err := f.imagesDir()
		if err != nil {
			return cfg, err
		}
		cfg.RAM.BackingStore.DataFilename = filepath.Join(dir, "linux.bin")
		if !f.noRootDrive {
			drives = append(drives, driveSpec{cfg: emu.MemoryRangeConfig{Label: "root", Start: emu.AutoDetect, Length: emu.AutoDetect,
				BackingStore: emu.BackingStore{DataFilename: filepath.Join(dir, "rootfs.ext2")}}})
		}
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
		if d.cfg.Label == "root" && len(drives) > 0 && drives[0].cfg.Label == "root" {
			drives[0] = d // --flash-drive label:root,... replaces the default root drive
			continue
		}
		drives = append(drives, d)
	}
	for i, d := range drives {
		cfg.FlashDrive = append(cfg.FlashDrive, d.cfg)
		cfg.DTB.Init += driveInit(d, i)
	}
	cfg.DTB.Init += f.initText()
	for _, t := range f.appendEntrypoint {
		cfg.DTB.Entrypoint += t + "\n"
	}
	if len(f.entrypoint) > 0 {
		cfg.DTB.Entrypoint += strings.Join(f.entrypoint, " ")
	}
	if f.interactive {
		// As the reference's CLI: console input makes the machine
		// unreproducible, which lets it idle in WFI (emu.ConsoleWaiter).
		cfg.Processor.Registers.HtifIconsole |= 1 << emu.HTIFConsoleCmdGetchar
		cfg.Processor.Registers.Iunrep = 1
	}
	return cfg, nil
}

// driveInit is the init text that mounts a non-root drive, as the reference
// CLI writes it: drives with an image (or mount:true) and a label mount at
// /mnt/LABEL, or at the mount:PATH given.
func driveInit(d driveSpec, index int) string {
	if d.cfg.Label == "root" {
		return ""
	}
	label := d.cfg.Label
	if label == "" {
		label = fmt.Sprintf("flashdrive%d", index)
	}
	mount := ""
	switch {
	case strings.HasPrefix(d.mount, "/"):
		mount = d.mount
	case d.mount == "false":
	case d.cfg.Label != "" && (d.mount == "true" || d.cfg.BackingStore.DataFilename != ""):
		mount = "/mnt/" + d.cfg.Label
	}
	if mount == "" && d.user == "" {
		return ""
	}
	text := fmt.Sprintf("dev=$(flashdrive %s)\n", label)
	if mount != "" {
		ro := ""
		if d.cfg.ReadOnly {
			ro = " -o ro"
		}
		text += fmt.Sprintf("busybox mkdir -p \"%s\" && busybox mount%s \"$dev\" \"%s\"\n", mount, ro, mount)
	}
	if d.user != "" {
		path := mount
		if path == "" {
			path = "$dev"
		}
		text += fmt.Sprintf("busybox chown %s: \"%s\"\n", d.user, path)
	}
	return text
}

// initText is the init text for --user, --env, --workdir, --hostname and
// --append-init, in the reference CLI's forms.
func (f *machineFlags) initText() string {
	var b strings.Builder
	if f.user != "" {
		fmt.Fprintf(&b, "USER=%s\n", f.user)
	}
	for _, e := range f.env {
		fmt.Fprintf(&b, "export %s\n", e)
	}
	if f.workdir != "" {
		fmt.Fprintf(&b, "WORKDIR=%s\n", f.workdir)
	}
	if f.hostname != "" {
		fmt.Fprintf(&b, "busybox hostname %s\n", f.hostname)
	}
	for _, t := range f.appendInit {
		b.WriteString(t + "\n")
	}
	return b.String()
}

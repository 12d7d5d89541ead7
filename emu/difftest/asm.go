package difftest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Toolchain runs the RISC-V binutils that turn a program into a RAM image.
type Toolchain struct {
	Prefix string // e.g. "riscv64-unknown-elf-"
}

// DefaultToolchain uses Debian's riscv64-unknown-elf binutils.
func DefaultToolchain() Toolchain { return Toolchain{Prefix: "riscv64-unknown-elf-"} }

// Available reports whether the assembler can be found.
func (t Toolchain) Available() bool {
	_, err := exec.LookPath(t.Prefix + "as")
	return err == nil
}

// Image is an assembled program.
type Image struct {
	Bin     []byte
	Symbols []Symbol // sorted by address
}

// Symbol is a label and its address.
type Symbol struct {
	Addr uint64
	Name string
}

// Assemble writes src into dir as prog.S and builds prog.bin from it.
func (t Toolchain) Assemble(dir, src string) (*Image, error) {
	s := filepath.Join(dir, "prog.S")
	o := filepath.Join(dir, "prog.o")
	elf := filepath.Join(dir, "prog.elf")
	bin := filepath.Join(dir, "prog.bin")
	if err := os.WriteFile(s, []byte(src), 0o644); err != nil {
		return nil, fmt.Errorf("assemble: %w", err)
	}
	steps := [][]string{
		{t.Prefix + "as", "-march=rv64imac_zicsr_zifencei", "-mabi=lp64", "-mno-relax", "-o", o, s},
		{t.Prefix + "ld", "-nostdlib", "--no-relax", "-Ttext=0x80000000", "-o", elf, o},
		{t.Prefix + "objcopy", "-O", "binary", elf, bin},
	}
	for _, st := range steps {
		var stderr bytes.Buffer
		cmd := exec.Command(st[0], st[1:]...)
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			msg := stderr.String()
			if len(msg) > 2000 {
				msg = msg[:2000]
			}
			return nil, fmt.Errorf("assemble: %s: %v: %s", filepath.Base(st[0]), err, msg)
		}
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		return nil, fmt.Errorf("assemble: %w", err)
	}
	if len(data) > RAMLength {
		return nil, fmt.Errorf("assemble: image is %d bytes, RAM holds %d", len(data), RAMLength)
	}
	syms, err := t.symbols(elf)
	if err != nil {
		return nil, err
	}
	return &Image{Bin: data, Symbols: syms}, nil
}

func (t Toolchain) symbols(elf string) ([]Symbol, error) {
	out, err := exec.Command(t.Prefix+"nm", "-n", elf).Output()
	if err != nil {
		return nil, fmt.Errorf("nm %s: %w", elf, err)
	}
	var syms []Symbol
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		a, err := strconv.ParseUint(f[0], 16, 64)
		if err != nil {
			continue
		}
		syms = append(syms, Symbol{a, f[2]})
	}
	sort.SliceStable(syms, func(i, j int) bool { return syms[i].Addr < syms[j].Addr })
	return syms, nil
}

// SymbolAt names the label at or before addr, with the offset from it.
func (im *Image) SymbolAt(addr uint64) string {
	i := sort.Search(len(im.Symbols), func(i int) bool { return im.Symbols[i].Addr > addr })
	if i == 0 {
		return fmt.Sprintf("0x%x", addr)
	}
	s := im.Symbols[i-1]
	if addr == s.Addr {
		return s.Name
	}
	return fmt.Sprintf("%s+0x%x", s.Name, addr-s.Addr)
}

// Disassemble prints the instruction at paddr in the image (objdump; Zcb
// words print as raw halves).
func (t Toolchain) Disassemble(bin []byte, paddr uint64) string {
	off := paddr - RAMStart
	if paddr < RAMStart || off+2 > uint64(len(bin)) {
		return fmt.Sprintf("(0x%x is not in the image)", paddr)
	}
	end := min(off+4, uint64(len(bin)))
	f, err := os.CreateTemp("", "difftest-insn-*.bin")
	if err != nil {
		return err.Error()
	}
	defer os.Remove(f.Name())
	f.Write(bin[off:end])
	f.Close()
	out, err := exec.Command(t.Prefix+"objdump", "-D", "-b", "binary", "-m", "riscv:rv64",
		"-M", "no-aliases", fmt.Sprintf("--adjust-vma=0x%x", paddr), f.Name()).Output()
	if err != nil {
		return err.Error()
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), fmt.Sprintf("%x:", paddr)) {
			return strings.Join(strings.Fields(line)[1:], " ")
		}
	}
	return "(objdump printed nothing)"
}

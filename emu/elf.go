package emu

import (
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
)

// ELFImage is a parsed RISC-V executable: its loadable segments, entry point
// and symbols. Parsing checks everything that loading relies on, so a
// malformed file is an error here and never a panic or a partial load.
type ELFImage struct {
	Entry    uint64
	Segments []ELFSegment
	Symbols  map[string]uint64
}

// ELFSegment is one PT_LOAD segment: Data at physical address Addr, followed
// by MemSize-len(Data) zero bytes.
type ELFSegment struct {
	Addr    uint64
	Data    []byte
	MemSize uint64
}

// maxELFSize bounds what is read, so a hostile file cannot exhaust memory.
const maxELFSize = 1 << 30

// ReadELF parses an ELF file.
func ReadELF(path string) (*ELFImage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxELFSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	img, err := ParseELF(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// ParseELF parses an ELF image held in memory.
func ParseELF(data []byte) (img *ELFImage, err error) {
	if len(data) > maxELFSize {
		return nil, fmt.Errorf("elf: file larger than %d bytes", maxELFSize)
	}
	// debug/elf is not hardened against every malformed input; a panic
	// inside it is reported as a malformed file, never propagated.
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("elf: malformed file (%v)", r)
		}
	}()
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("elf: %w", err)
	}
	defer f.Close()
	if f.Class != elf.ELFCLASS64 {
		return nil, fmt.Errorf("elf: class %v: need ELFCLASS64", f.Class)
	}
	if f.Machine != elf.EM_RISCV {
		return nil, fmt.Errorf("elf: machine %v: need EM_RISCV", f.Machine)
	}
	if f.Data != elf.ELFDATA2LSB {
		return nil, fmt.Errorf("elf: data encoding %v: need little-endian", f.Data)
	}
	if f.Type != elf.ET_EXEC {
		return nil, fmt.Errorf("elf: type %v: need ET_EXEC", f.Type)
	}
	img = &ELFImage{Entry: f.Entry, Symbols: map[string]uint64{}}
	for i, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Memsz == 0 {
			continue
		}
		if p.Filesz > p.Memsz {
			return nil, fmt.Errorf("elf: segment %d: file size %#x exceeds memory size %#x", i, p.Filesz, p.Memsz)
		}
		if p.Paddr+p.Memsz < p.Paddr {
			return nil, fmt.Errorf("elf: segment %d: address %#x+%#x wraps around", i, p.Paddr, p.Memsz)
		}
		if p.Off > uint64(len(data)) || p.Filesz > uint64(len(data))-p.Off {
			return nil, fmt.Errorf("elf: segment %d: file range %#x+%#x outside the file", i, p.Off, p.Filesz)
		}
		img.Segments = append(img.Segments, ELFSegment{Addr: p.Paddr, Data: data[p.Off : p.Off+p.Filesz], MemSize: p.Memsz})
	}
	if len(img.Segments) == 0 {
		return nil, errors.New("elf: no loadable segments")
	}
	if syms, err := f.Symbols(); err == nil {
		for _, s := range syms {
			if s.Name != "" {
				img.Symbols[s.Name] = s.Value
			}
		}
	}
	return img, nil
}

// LoadELF copies an ELF image's segments into the machine's memory (host
// writes: pages are marked dirty) and sets pc to its entry point. Every
// segment is checked before anything is written.
func (m *Machine) LoadELF(img *ELFImage) error {
	for i, seg := range img.Segments {
		r := m.rangeOf(seg.Addr, seg.MemSize)
		if r == nil || r.data == nil || r.isDevice() || r == m.shadow || r == m.pmaArray {
			return fmt.Errorf("elf: segment %d at %#x+%#x is not inside RAM or another memory range", i, seg.Addr, seg.MemSize)
		}
	}
	// The bytes past a segment's file data (.bss) are zeroed a chunk at a
	// time: a buffer the size of a large .bss would be garbage that sets
	// off a collection while the machine runs.
	var zeros []byte
	for _, seg := range img.Segments {
		if err := m.WriteMemory(seg.Addr, seg.Data[:min(uint64(len(seg.Data)), seg.MemSize)]); err != nil {
			return err
		}
		for at := uint64(len(seg.Data)); at < seg.MemSize; {
			n := min(seg.MemSize-at, 64<<10)
			if zeros == nil {
				zeros = make([]byte, 64<<10)
			}
			if err := m.WriteMemory(seg.Addr+at, zeros[:n]); err != nil {
				return err
			}
			at += n
		}
	}
	m.s.PC = img.Entry
	m.shadow.dirty.Mark(0)
	return nil
}

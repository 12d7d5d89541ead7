package bench

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
)

// scaleSymbol is the 64-bit word of the bare-metal runtime (rt_bare.c) that
// holds the run's scale in thousandths; it is initialised to 1000 and lives
// in .data, so it has bytes in the file to patch.
const (
	scaleSymbol  = "bench_param_scale_milli"
	scaleInitial = 1000
)

// patchScale returns a copy of a bare-metal workload ELF whose scale word
// holds scaleMilli. It checks that the word is where the runtime put it
// (an 8-byte symbol with initial value 1000 in a section with file bytes).
func patchScale(image []byte, scaleMilli uint64) ([]byte, error) {
	f, err := elf.NewFile(bytes.NewReader(image))
	if err != nil {
		return nil, fmt.Errorf("patch scale: %w", err)
	}
	defer f.Close()
	if f.Class != elf.ELFCLASS64 || f.Data != elf.ELFDATA2LSB || f.Machine != elf.EM_RISCV {
		return nil, fmt.Errorf("patch scale: not a little-endian 64-bit RISC-V ELF (class %v, data %v, machine %v)", f.Class, f.Data, f.Machine)
	}
	syms, err := f.Symbols()
	if err != nil {
		return nil, fmt.Errorf("patch scale: symbols: %w", err)
	}
	for _, s := range syms {
		if s.Name != scaleSymbol {
			continue
		}
		if s.Size != 8 || int(s.Section) <= 0 || int(s.Section) >= len(f.Sections) {
			return nil, fmt.Errorf("patch scale: symbol %s has size %d, section %d; want an 8-byte data word", scaleSymbol, s.Size, s.Section)
		}
		sec := f.Sections[s.Section]
		if sec.Type != elf.SHT_PROGBITS || s.Value < sec.Addr || s.Value+8 > sec.Addr+sec.Size {
			return nil, fmt.Errorf("patch scale: symbol %s at %#x is not inside the file bytes of section %s", scaleSymbol, s.Value, sec.Name)
		}
		off := sec.Offset + (s.Value - sec.Addr)
		if off+8 > uint64(len(image)) {
			return nil, fmt.Errorf("patch scale: symbol %s at file offset %#x is past the end of the file (%d bytes)", scaleSymbol, off, len(image))
		}
		if v := binary.LittleEndian.Uint64(image[off:]); v != scaleInitial {
			return nil, fmt.Errorf("patch scale: symbol %s holds %d, want the runtime's initial %d", scaleSymbol, v, scaleInitial)
		}
		out := bytes.Clone(image)
		binary.LittleEndian.PutUint64(out[off:], scaleMilli)
		return out, nil
	}
	return nil, fmt.Errorf("patch scale: no symbol %s (not a bench bare-metal build?)", scaleSymbol)
}

// flatImage lays out the loadable segments of an ELF as a raw RAM image
// that starts at base (what the Cartesi machine's --ram-image takes). Bytes
// not in any segment's file part (bss, gaps) are zero, as RAM starts.
func flatImage(image []byte, base, maxLen uint64) ([]byte, error) {
	f, err := elf.NewFile(bytes.NewReader(image))
	if err != nil {
		return nil, fmt.Errorf("flat image: %w", err)
	}
	defer f.Close()
	var end uint64
	for i, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Filesz == 0 {
			continue
		}
		if p.Paddr < base || p.Paddr-base+p.Filesz > maxLen || p.Filesz > p.Memsz {
			return nil, fmt.Errorf("flat image: segment %d (paddr %#x, %d bytes) is outside RAM [%#x, %#x)", i, p.Paddr, p.Filesz, base, base+maxLen)
		}
		end = max(end, p.Paddr-base+p.Filesz)
	}
	if end == 0 {
		return nil, fmt.Errorf("flat image: no loadable bytes")
	}
	out := make([]byte, end)
	for i, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Filesz == 0 {
			continue
		}
		if _, err := p.ReadAt(out[p.Paddr-base:p.Paddr-base+p.Filesz], 0); err != nil {
			return nil, fmt.Errorf("flat image: segment %d: %w", i, err)
		}
	}
	return out, nil
}

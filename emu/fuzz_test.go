package emu

import (
	"encoding/binary"
	"testing"
)

// minimalELF builds a valid RV64 executable with one segment, as a seed.
func minimalELF() []byte {
	const ehsize, phsize = 64, 56
	code := []byte{0x13, 0, 0, 0, 0x6f, 0, 0, 0}
	b := make([]byte, ehsize+phsize+len(code))
	copy(b, "\x7fELF")
	b[4], b[5], b[6] = 2, 1, 1 // 64-bit, little-endian, version
	le := binary.LittleEndian
	le.PutUint16(b[16:], 2)   // ET_EXEC
	le.PutUint16(b[18:], 243) // EM_RISCV
	le.PutUint32(b[20:], 1)
	le.PutUint64(b[24:], RAMStart) // entry
	le.PutUint64(b[32:], ehsize)   // phoff
	le.PutUint16(b[52:], ehsize)
	le.PutUint16(b[54:], phsize)
	le.PutUint16(b[56:], 1) // phnum
	p := b[ehsize:]
	le.PutUint32(p[0:], 1) // PT_LOAD
	le.PutUint32(p[4:], 5)
	le.PutUint64(p[8:], ehsize+phsize)
	le.PutUint64(p[16:], RAMStart)
	le.PutUint64(p[24:], RAMStart)
	le.PutUint64(p[32:], uint64(len(code)))
	le.PutUint64(p[40:], uint64(len(code)))
	copy(b[ehsize+phsize:], code)
	return b
}

func TestParseMinimalELF(t *testing.T) {
	img, err := ParseELF(minimalELF())
	if err != nil {
		t.Fatal(err)
	}
	if img.Entry != RAMStart || len(img.Segments) != 1 || img.Segments[0].Addr != RAMStart {
		t.Fatalf("parsed %+v", img)
	}
	for _, bad := range [][]byte{nil, []byte("\x7fELF"), minimalELF()[:70]} {
		if _, err := ParseELF(bad); err == nil {
			t.Errorf("%d-byte input parsed without error", len(bad))
		}
	}
}

// FuzzParseELF: hostile ELF files give errors, never panics, and what parses
// can be loaded (or refused) without panicking.
func FuzzParseELF(f *testing.F) {
	f.Add(minimalELF())
	f.Add([]byte("\x7fELF\x02\x01\x01"))
	m, err := New(DefaultConfig(1<<20), RuntimeOptions{})
	if err != nil {
		f.Fatal(err)
	}
	defer m.Close()
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := ParseELF(data)
		if err != nil {
			return
		}
		for _, s := range img.Segments {
			if s.MemSize > 64<<20 {
				return // loading is refused by size anyway; skip huge allocations
			}
		}
		_ = m.LoadELF(img)
	})
}

// FuzzParseConfig: hostile configuration files give errors, never panics;
// accepted ones validate or fail validation with an error.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(`{"ram":{"length":4194304}}`))
	f.Add([]byte(`{"ram":{"length":4096},"flash_drive":[{"label":"root","start":18446744073709551615,"length":4096}]}`))
	f.Add([]byte(`{"processor":{"registers":{"x1":5,"iflags":{"H":1}}}}`))
	f.Add([]byte(`{"dtb":{"bootargs":"x"},"hash_tree":{"hash_function":"sha256"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data)
		if err != nil {
			return
		}
		_ = c.Validate()
		if c.RAM.Length <= 1<<20 && len(c.FlashDrive) == 0 && len(c.NVRAM) == 0 {
			if _, err := BuildDeviceTree(&c); err != nil {
				return
			}
		}
	})
}

// FuzzParseStoredConfig: hostile config.json files of stored machines give
// errors, never panics.
func FuzzParseStoredConfig(f *testing.F) {
	f.Add([]byte(`{"archive_version":7,"config":{"ram":{"length":4194304}}}`))
	f.Add([]byte(`{"archive_version":6}`))
	f.Add([]byte(`{"archive_version":7,"config":{"flash_drive":[{"start":0,"length":0}],"processor":{"registers":{"misa":1}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseStoredConfig(data)
		if err != nil {
			return
		}
		_ = c.Validate()
	})
}

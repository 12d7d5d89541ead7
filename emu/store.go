package emu

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rivetvm/rivet/merkle"
)

// Stored machines use the Cartesi 0.21 layout: DIR/config.json (archive
// version 7, the machine_config) and one raw file per memory range named
// START-LENGTH.bin in hex. rivet adds DIR/root-hash (hex text), which the
// reference ignores; Load recomputes the root and refuses a directory whose
// recorded hash does not match. The reference's hash-tree caches (.dht, .dpt,
// hash_tree.*) are neither needed nor written.

const (
	configFileName   = "config.json"
	rootHashFileName = "root-hash"
)

func dataFileName(start, length uint64) string {
	return fmt.Sprintf("%016x-%x.bin", start, length)
}

// Load opens a machine stored in dir. Guest writes stay in memory; the files
// are never modified.
func Load(dir string, opts RuntimeOptions) (*Machine, error) {
	data, err := os.ReadFile(filepath.Join(dir, configFileName))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	cfg, err := ParseStoredConfig(data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if err := fillLengths(&cfg); err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	adjust := func(bs *BackingStore, start, length uint64, what string) error {
		name := filepath.Join(dir, dataFileName(start, length))
		st, err := os.Stat(name)
		if err != nil {
			return fmt.Errorf("load %s: %s: %w", dir, what, err)
		}
		if uint64(st.Size()) != length {
			return fmt.Errorf("load %s: %s: %s is %d bytes, want %d", dir, what, filepath.Base(name), st.Size(), length)
		}
		*bs = BackingStore{DataFilename: name}
		return nil
	}
	type item struct {
		bs            *BackingStore
		start, length uint64
		what          string
	}
	items := []item{
		{&cfg.Processor.BackingStore, ShadowStateStart, ShadowStateLength, "shadow state"},
		{&cfg.PMAs.BackingStore, PMAsStart, PMAsLength, "PMA array"},
		{&cfg.Uarch.Processor.BackingStore, UarchShadowStart, UarchShadowLength, "uarch shadow state"},
		{&cfg.Uarch.RAM.BackingStore, UarchRAMStart, UarchRAMLength, "uarch RAM"},
		{&cfg.CMIO.RxBuffer.BackingStore, CMIORxStart, CMIORxLength, "CMIO rx buffer"},
		{&cfg.CMIO.TxBuffer.BackingStore, CMIOTxStart, CMIOTxLength, "CMIO tx buffer"},
		{&cfg.DTB.BackingStore, DTBStart, DTBLength, "device tree"},
		{&cfg.RAM.BackingStore, RAMStart, cfg.RAM.Length, "RAM"},
	}
	for i := range cfg.FlashDrive {
		d := &cfg.FlashDrive[i]
		items = append(items, item{&d.BackingStore, d.Start, d.Length, fmt.Sprintf("flash drive %d", i)})
	}
	for i := range cfg.NVRAM {
		d := &cfg.NVRAM[i]
		items = append(items, item{&d.BackingStore, d.Start, d.Length, fmt.Sprintf("nvram %d", i)})
	}
	for _, it := range items {
		if err := adjust(it.bs, it.start, it.length, it.what); err != nil {
			return nil, err
		}
	}
	m, err := New(cfg, opts)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if want, err := readRootHashFile(dir); err != nil {
		m.Close()
		return nil, err
	} else if want != nil {
		if got := m.RootHash(); got != *want {
			err := fmt.Errorf("load %s: root hash %s does not match the recorded %s", dir, got, want)
			if r := m.firstDifferingRange(dir); r != "" {
				err = fmt.Errorf("%w (%s differs)", err, r)
			}
			m.Close()
			return nil, err
		}
	}
	return m, nil
}

func readRootHashFile(dir string) (*merkle.Hash, error) {
	b, err := os.ReadFile(filepath.Join(dir, rootHashFileName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	h, err := merkle.ParseHash(strings.TrimPrefix(strings.TrimSpace(first), "0x"))
	if err != nil {
		return nil, fmt.Errorf("load %s: %s: %w", dir, rootHashFileName, err)
	}
	return &h, nil
}

// firstDifferingRange names a range whose subtree hash disagrees with the
// stored per-range hashes, when the store recorded them.
func (m *Machine) firstDifferingRange(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, rootHashFileName))
	if err != nil {
		return ""
	}
	lines := strings.Split(string(b), "\n")
	for _, line := range lines[1:] {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		for _, r := range m.ranges {
			if !r.hashed || dataFileName(r.start, r.length) != f[0] {
				continue
			}
			var log2 int
			fmt.Sscan(f[1], &log2)
			h, err := m.tree.NodeHash(r.start, log2)
			if err == nil && h.String() != f[2] {
				return r.name
			}
		}
	}
	return ""
}

// Store writes the machine to dir (which must not exist) in the reference's
// layout, sparse where memory is zero, with the root hash beside it.
func (m *Machine) Store(dir string) (err error) {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("store %s: already exists", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("store %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir) // nothing partly written is left behind
		}
	}()
	cfg := m.cfg
	name := func(start, length uint64) BackingStore {
		n := "./" + dataFileName(start, length)
		dht := strings.TrimSuffix(n, ".bin") + ".dht"
		dpt := strings.TrimSuffix(n, ".bin") + ".dpt"
		return BackingStore{DataFilename: n, DhtFilename: dht, DptFilename: dpt}
	}
	cfg.Processor.BackingStore = name(ShadowStateStart, ShadowStateLength)
	cfg.PMAs.BackingStore = name(PMAsStart, PMAsLength)
	cfg.Uarch.Processor.BackingStore = name(UarchShadowStart, UarchShadowLength)
	cfg.Uarch.RAM.BackingStore = name(UarchRAMStart, UarchRAMLength)
	cfg.CMIO.RxBuffer.BackingStore = name(CMIORxStart, CMIORxLength)
	cfg.CMIO.TxBuffer.BackingStore = name(CMIOTxStart, CMIOTxLength)
	cfg.DTB.BackingStore = name(DTBStart, DTBLength)
	cfg.RAM.BackingStore = name(RAMStart, cfg.RAM.Length)
	cfg.FlashDrive = append([]MemoryRangeConfig(nil), cfg.FlashDrive...)
	for i := range cfg.FlashDrive {
		cfg.FlashDrive[i].BackingStore = name(cfg.FlashDrive[i].Start, cfg.FlashDrive[i].Length)
	}
	cfg.NVRAM = append([]MemoryRangeConfig(nil), cfg.NVRAM...)
	for i := range cfg.NVRAM {
		cfg.NVRAM[i].BackingStore = name(cfg.NVRAM[i].Start, cfg.NVRAM[i].Length)
	}
	cfg.HashTree.ShtFilename = "./hash_tree.sht"
	cfg.HashTree.PhtcFilename = "./hash_tree.phtc"
	cfg.HashTree.Shared, cfg.HashTree.Create = false, false
	if cfg.VirtIO == nil {
		cfg.VirtIO = []jsonRaw{}
	}
	if cfg.FlashDrive == nil {
		cfg.FlashDrive = []MemoryRangeConfig{}
	}
	if cfg.NVRAM == nil {
		cfg.NVRAM = []MemoryRangeConfig{}
	}
	body, err := cfg.Marshal()
	if err != nil {
		return err
	}
	top := append([]byte(`{"archive_version":7,"config":`), body...)
	top = append(top, '}')
	if err := os.WriteFile(filepath.Join(dir, configFileName), top, 0o644); err != nil {
		return fmt.Errorf("store %s: %w", dir, err)
	}
	root := m.RootHash()
	var hashes bytes.Buffer
	fmt.Fprintf(&hashes, "%s\n", root)
	for _, r := range m.ranges {
		if !r.hashed {
			continue
		}
		if err := writeSparse(filepath.Join(dir, dataFileName(r.start, r.length)), r.data); err != nil {
			return fmt.Errorf("store %s: %s: %w", dir, r.name, err)
		}
		log2 := 0
		for uint64(1)<<log2 < r.alignedSize() {
			log2++
		}
		h, err := m.tree.NodeHash(r.start, log2)
		if err != nil {
			return err
		}
		fmt.Fprintf(&hashes, "%s %d %s\n", dataFileName(r.start, r.length), log2, h)
	}
	return os.WriteFile(filepath.Join(dir, rootHashFileName), hashes.Bytes(), 0o644)
}

// writeSparse writes data to a new file, skipping all-zero pages (left as
// holes), and syncs it.
func writeSparse(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		f.Close()
		return err
	}
	var zero [PageSize]byte
	for off := 0; off < len(data); off += PageSize {
		end := min(off+PageSize, len(data))
		page := data[off:end]
		if bytes.Equal(page, zero[:len(page)]) {
			continue
		}
		if _, err := f.WriteAt(page, int64(off)); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// RootHashHex is the root hash as the reference prints it.
func RootHashHex(h merkle.Hash) string { return "0x" + hex.EncodeToString(h[:]) }

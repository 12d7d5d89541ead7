package emu

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// The configuration schema is the Cartesi Machine 0.21 machine_config, so a
// config.json stored by the reference (archive_version 7) and rivet's own
// --config files share one parser. Field names follow the reference's JSON.

// ArchiveVersion is the stored-machine format version of the reference.
const ArchiveVersion = 7

// AutoDetect marks a drive start or length to be chosen by the machine.
const AutoDetect = ^uint64(0)

// Bootargs parts, as the reference composes them.
const (
	BootargsConsole = "quiet earlycon=sbi console=hvc0 "
	BootargsUIO     = "uio_pdrv_genirq.of_id=generic-uio "
	BootargsRoot    = "root=/dev/pmem0 rw "
	BootargsInit    = "init=/usr/sbin/cartesi-init"
	// DefaultBootargs is what a machine with a root drive boots with.
	DefaultBootargs = BootargsConsole + BootargsUIO + BootargsRoot + BootargsInit
	maxBootargsLen  = 4096
	maxLabelLen     = 31
)

// BackingStore says where a memory range's bytes come from and whether guest
// writes go back to the file.
type BackingStore struct {
	Shared       bool   `json:"shared"`
	Create       bool   `json:"create"`
	Truncate     bool   `json:"truncate"`
	DataFilename string `json:"data_filename"`
	DhtFilename  string `json:"dht_filename"`
	DptFilename  string `json:"dpt_filename"`
}

// BackingStoreOnly wraps a backing store, as the reference nests it.
type BackingStoreOnly struct {
	BackingStore BackingStore `json:"backing_store"`
}

// RAMConfig is the main memory.
type RAMConfig struct {
	Length       uint64       `json:"length"`
	BackingStore BackingStore `json:"backing_store"`
}

// DTBConfig is the device tree: the generated tree's text fields, or an image.
type DTBConfig struct {
	Bootargs     string       `json:"bootargs"`
	Init         string       `json:"init"`
	Entrypoint   string       `json:"entrypoint"`
	BackingStore BackingStore `json:"backing_store"`
}

// MemoryRangeConfig is a flash drive or NVRAM.
type MemoryRangeConfig struct {
	Label        string       `json:"label,omitempty"`
	Start        uint64       `json:"start"`
	Length       uint64       `json:"length"`
	ReadOnly     bool         `json:"read_only"`
	BackingStore BackingStore `json:"backing_store"`
}

// ProcessorConfig holds the initial registers and the shadow state store.
type ProcessorConfig struct {
	Registers    Registers    `json:"registers"`
	BackingStore BackingStore `json:"backing_store"`
}

// CMIOConfig holds the rx and tx buffers' stores.
type CMIOConfig struct {
	RxBuffer BackingStoreOnly `json:"rx_buffer"`
	TxBuffer BackingStoreOnly `json:"tx_buffer"`
}

// UarchRegisters are the microarchitecture's registers.
type UarchRegisters struct {
	Halt  uint64
	Cycle uint64
	PC    uint64
	X     [32]uint64
}

// UarchConfig is the microarchitecture's state and RAM.
type UarchConfig struct {
	Processor struct {
		Registers    UarchRegisters `json:"registers"`
		BackingStore BackingStore   `json:"backing_store"`
	} `json:"processor"`
	RAM BackingStoreOnly `json:"ram"`
}

// HashTreeConfig selects the state hash function; the file names are the
// reference's caches, which rivet neither needs nor writes.
type HashTreeConfig struct {
	Shared       bool   `json:"shared"`
	Create       bool   `json:"create"`
	ShtFilename  string `json:"sht_filename"`
	PhtcFilename string `json:"phtc_filename"`
	PhtcSize     uint64 `json:"phtc_size"`
	HashFunction string `json:"hash_function"`
}

// Config describes a machine. Zero values are filled by Defaults.
type Config struct {
	Processor  ProcessorConfig     `json:"processor"`
	RAM        RAMConfig           `json:"ram"`
	DTB        DTBConfig           `json:"dtb"`
	FlashDrive []MemoryRangeConfig `json:"flash_drive"`
	NVRAM      []MemoryRangeConfig `json:"nvram"`
	VirtIO     []jsonRaw           `json:"virtio"`
	CMIO       CMIOConfig          `json:"cmio"`
	PMAs       BackingStoreOnly    `json:"pmas"`
	Uarch      UarchConfig         `json:"uarch"`
	HashTree   HashTreeConfig      `json:"hash_tree"`
}

// DefaultConfig returns the configuration of a machine with the given RAM
// length and every register at its reset value.
func DefaultConfig(ramLength uint64) Config {
	var c Config
	c.Processor.Registers = DefaultRegisters()
	c.RAM.Length = ramLength
	c.DTB.Bootargs = DefaultBootargs
	c.Uarch.Processor.Registers.PC = UarchRAMStart
	c.HashTree.PhtcSize = 4096
	c.HashTree.HashFunction = "keccak256"
	return c
}

// ConfigError names the configuration field and value that are wrong.
type ConfigError struct {
	Field string
	Value string
	Msg   string
}

func (e *ConfigError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("config: %s: %s", e.Field, e.Msg)
	}
	return fmt.Sprintf("config: %s %s: %s", e.Field, e.Value, e.Msg)
}

func cfgErr(field string, value any, format string, args ...any) error {
	v := ""
	switch x := value.(type) {
	case nil:
	case uint64:
		v = fmt.Sprintf("%#x", x)
	case string:
		v = strconv.Quote(x)
	default:
		v = fmt.Sprint(x)
	}
	return &ConfigError{Field: field, Value: v, Msg: fmt.Sprintf(format, args...)}
}

// ParseConfig decodes a configuration object (the value of "config" in a
// stored machine's config.json, or a rivet --config file). Unknown fields are
// errors, so a typo never silently falls back to a default.
func ParseConfig(data []byte) (Config, error) {
	c := DefaultConfig(0)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if dec.More() {
		return Config{}, errors.New("config: trailing data after the JSON object")
	}
	return c, nil
}

// ParseStoredConfig decodes a stored machine's config.json.
func ParseStoredConfig(data []byte) (Config, error) {
	var top struct {
		ArchiveVersion *int64          `json:"archive_version"`
		Config         json.RawMessage `json:"config"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return Config{}, fmt.Errorf("config.json: %w", err)
	}
	if top.ArchiveVersion == nil {
		return Config{}, errors.New(`config.json: missing field "archive_version"`)
	}
	if *top.ArchiveVersion != ArchiveVersion {
		return Config{}, fmt.Errorf(`config.json: archive_version %d: expected %d`, *top.ArchiveVersion, ArchiveVersion)
	}
	if len(top.Config) == 0 {
		return Config{}, errors.New(`config.json: missing field "config"`)
	}
	return ParseConfig(top.Config)
}

// Marshal encodes the configuration as the reference does (sorted keys).
func (c *Config) Marshal() ([]byte, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	// Re-encode through a generic value so keys come out sorted, as in the
	// reference's files.
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// Validate checks the configuration and fills automatic drive starts and
// lengths (lengths from image sizes must be filled by the caller, which can
// stat files). Errors name the field and value.
func (c *Config) Validate() error {
	if c.RAM.Length == 0 {
		return cfgErr("ram.length", uint64(0), "must be positive")
	}
	if c.RAM.Length%PageSize != 0 {
		return cfgErr("ram.length", c.RAM.Length, "not a multiple of 4096")
	}
	if c.RAM.Length > AddressableMask-RAMStart {
		return cfgErr("ram.length", c.RAM.Length, "does not fit in the 56-bit address space")
	}
	if len(c.DTB.Bootargs) > maxBootargsLen {
		return cfgErr("dtb.bootargs", nil, "longer than %d bytes", maxBootargsLen)
	}
	if len(c.VirtIO) != 0 {
		return cfgErr("virtio", nil, "VirtIO devices are not supported (they make a machine unreproducible)")
	}
	if u := c.Processor.Registers.Iunrep; u > 1 {
		return cfgErr("processor.registers.iunrep", u, "want 0 (reproducible) or 1 (unreproducible)")
	}
	if len(c.FlashDrive) > MaxFlashDrives {
		return cfgErr("flash_drive", len(c.FlashDrive), "at most %d flash drives", MaxFlashDrives)
	}
	if len(c.NVRAM) > MaxNVRAMs {
		return cfgErr("nvram", len(c.NVRAM), "at most %d NVRAMs", MaxNVRAMs)
	}
	if c.HashTree.HashFunction == "" {
		c.HashTree.HashFunction = "keccak256"
	}
	switch c.HashTree.HashFunction {
	case "keccak256", "sha256", "blake3":
	default:
		return cfgErr("hash_tree.hash_function", c.HashTree.HashFunction, "must be keccak256, sha256 or blake3")
	}
	seen := map[string]string{}
	checkLabels := func(kind string, mrs []MemoryRangeConfig) error {
		for i, mr := range mrs {
			field := fmt.Sprintf("%s[%d].label", kind, i)
			if err := validateLabel(field, mr.Label); err != nil {
				return err
			}
			if mr.Label != "" {
				if prev, ok := seen[mr.Label]; ok {
					return cfgErr(field, mr.Label, "duplicates %s", prev)
				}
				seen[mr.Label] = field
			}
		}
		return nil
	}
	if err := checkLabels("flash_drive", c.FlashDrive); err != nil {
		return err
	}
	if err := checkLabels("nvram", c.NVRAM); err != nil {
		return err
	}
	next := RAMStart + ceilPow2(c.RAM.Length)
	var err error
	if next, err = placeRanges("flash_drive", c.FlashDrive, next); err != nil {
		return err
	}
	if _, err = placeRanges("nvram", c.NVRAM, next); err != nil {
		return err
	}
	return nil
}

func validateLabel(field, label string) error {
	if label == "" {
		return nil
	}
	if len(label) > maxLabelLen {
		return cfgErr(field, label, "longer than %d characters", maxLabelLen)
	}
	if label[0] < 'a' || label[0] > 'z' {
		return cfgErr(field, label, "must start with a lowercase letter")
	}
	for _, ch := range label {
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-') {
			return cfgErr(field, label, "contains %q (allowed: a-z, 0-9, -)", ch)
		}
	}
	for _, prefix := range []string{"flashdrive", "nvram"} {
		if rest, ok := strings.CutPrefix(label, prefix); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return cfgErr(field, label, "is reserved for automatic labels")
		}
	}
	return nil
}

// placeRanges fills automatic starts: each range goes at the lowest address at
// or after next that is aligned to its length rounded up to a power of two.
func placeRanges(kind string, mrs []MemoryRangeConfig, next uint64) (uint64, error) {
	for i := range mrs {
		mr := &mrs[i]
		field := fmt.Sprintf("%s[%d]", kind, i)
		if mr.Length == AutoDetect || mr.Length == 0 {
			return 0, cfgErr(field+".length", mr.Length, "unknown (give a length or an image file)")
		}
		if mr.Length%PageSize != 0 {
			return 0, cfgErr(field+".length", mr.Length, "not a multiple of 4096")
		}
		if mr.Length > AddressableMask {
			return 0, cfgErr(field+".length", mr.Length, "does not fit in the 56-bit address space")
		}
		p2 := ceilPow2(mr.Length)
		if mr.Start == AutoDetect {
			start := (next + p2 - 1) &^ (p2 - 1)
			if start < next || start+p2 < start {
				return 0, cfgErr(field+".start", nil, "no address space left")
			}
			mr.Start = start
			next = start + p2
		}
		if mr.Start%p2 != 0 {
			return 0, cfgErr(field+".start", mr.Start, "not aligned to the length rounded up to a power of two (%#x)", p2)
		}
	}
	return next, nil
}

func ceilPow2(v uint64) uint64 {
	if v <= 1 {
		return 1
	}
	return uint64(1) << (64 - bits.LeadingZeros64(v-1))
}

// jsonRaw holds a configuration entry rivet does not interpret.
type jsonRaw = json.RawMessage

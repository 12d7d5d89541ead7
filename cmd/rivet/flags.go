package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rivetvm/rivet/emu"
)

// parseSize reads a byte count: decimal or 0x-hex, with an optional Ki, Mi,
// Gi or Ti suffix (as the reference CLI accepts).
func parseSize(field, s string) (uint64, error) {
	mult := uint64(1)
	for _, suf := range []struct {
		s string
		m uint64
	}{{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40}} {
		if strings.HasSuffix(s, suf.s) {
			mult = suf.m
			s = strings.TrimSuffix(s, suf.s)
			break
		}
	}
	v, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		return 0, usagef("%s %q: not a number", field, s)
	}
	if v != 0 && v*mult/mult != v {
		return 0, usagef("%s %q: too large", field, s)
	}
	return v * mult, nil
}

// sizeFlag is a flag.Value holding a size.
type sizeFlag struct {
	name string
	v    uint64
	set  bool
}

func (f *sizeFlag) String() string { return strconv.FormatUint(f.v, 10) }
func (f *sizeFlag) Set(s string) error {
	v, err := parseSize("--"+f.name, s)
	if err != nil {
		return err
	}
	f.v, f.set = v, true
	return nil
}

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// parseDrive reads a --flash-drive spec: comma-separated key:value pairs and
// bare flags, e.g. label:data,filename:data.ext2,shared.
type driveSpec struct {
	cfg   emu.MemoryRangeConfig
	mount string // "", "true" or "false"
	user  string
}

func parseDrive(spec string) (driveSpec, error) {
	d := driveSpec{cfg: emu.MemoryRangeConfig{Start: emu.AutoDetect, Length: emu.AutoDetect}}
	for _, part := range strings.Split(spec, ",") {
		key, val, hasVal := strings.Cut(part, ":")
		var err error
		switch key {
		case "label":
			d.cfg.Label = val
		case "filename", "data_filename":
			d.cfg.BackingStore.DataFilename = val
		case "start":
			d.cfg.Start, err = parseSize("--flash-drive start", val)
		case "length":
			d.cfg.Length, err = parseSize("--flash-drive length", val)
		case "shared":
			d.cfg.BackingStore.Shared = !hasVal || val == "true"
		case "read_only":
			d.cfg.ReadOnly = !hasVal || val == "true"
		case "create":
			d.cfg.BackingStore.Create = !hasVal || val == "true"
		case "mount":
			if hasVal && val != "true" && val != "false" && !strings.HasPrefix(val, "/") {
				return d, usagef("--flash-drive %q: mount:%q must be true, false or an absolute path", spec, val)
			}
			d.mount = val
			if !hasVal {
				d.mount = "true"
			}
		case "user":
			d.user = val
		case "":
			return d, usagef("--flash-drive %q: empty field", spec)
		default:
			return d, usagef("--flash-drive %q: unknown field %q", spec, key)
		}
		if err != nil {
			return d, err
		}
	}
	return d, nil
}

// newFlagSet returns a flag set that reports errors as usage errors.
func newFlagSet(name, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	_ = summary
	return fs
}

// parseFlags parses args, turning flag errors into one-line usage errors and
// -h into the flag list on stdout.
func parseFlags(fs *flag.FlagSet, args []string, summary string) error {
	err := fs.Parse(args)
	if err == flag.ErrHelp {
		fmt.Println(summary)
		fs.SetOutput(stdoutWriter{})
		fs.PrintDefaults()
		return &exitError{0}
	}
	if err != nil {
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}

type stdoutWriter struct{}

func (stdoutWriter) Write(p []byte) (int, error) { return fmt.Print(string(p)) }

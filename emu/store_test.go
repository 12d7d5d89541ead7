package emu_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivetvm/rivet/emu"
)

// TestStoreLoadRoundTrip stores a machine mid-run, loads it, and checks that
// the loaded machine has the same root and runs on to the same end.
func TestStoreLoadRoundTrip(t *testing.T) {
	m := loadFixture(t, "mix")
	if _, err := m.Run(9000); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "stored")
	if err := m.Store(dir); err != nil {
		t.Fatal(err)
	}
	if err := m.Store(dir); err == nil {
		t.Fatal("storing into an existing directory succeeded")
	}
	l, err := emu.Load(dir, emu.RuntimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	requireSameState(t, m, l)
	if _, err := m.Run(1 << 20); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Run(1 << 20); err != nil {
		t.Fatal(err)
	}
	requireSameState(t, m, l)
}

// TestLoadRejectsDamagedStores damages a store in several ways; each load
// must fail with an error naming what is wrong, never panic.
func TestLoadRejectsDamagedStores(t *testing.T) {
	m := loadFixture(t, "mix")
	if _, err := m.Run(5000); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(t.TempDir(), "good")
	if err := m.Store(base); err != nil {
		t.Fatal(err)
	}
	ramFile := "0000000080000000-400000.bin"
	cases := []struct {
		name, want string
		damage     func(dir string) error
	}{
		{"missing RAM file", "RAM", func(d string) error { return os.Remove(filepath.Join(d, ramFile)) }},
		{"truncated RAM file", "RAM", func(d string) error { return os.Truncate(filepath.Join(d, ramFile), 4096) }},
		{"altered RAM byte", "RAM differs", func(d string) error {
			f, err := os.OpenFile(filepath.Join(d, ramFile), os.O_RDWR, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt([]byte{0x5a}, 0x1234)
			return err
		}},
		{"altered register", "shadow state differs", func(d string) error {
			f, err := os.OpenFile(filepath.Join(d, "0000000000000000-8000.bin"), os.O_RDWR, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt([]byte{7}, 0x08) // x1
			return err
		}},
		{"wrong marchid", "marchid", func(d string) error {
			f, err := os.OpenFile(filepath.Join(d, "0000000000000000-8000.bin"), os.O_RDWR, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt([]byte{99}, 0x290)
			return err
		}},
		{"bad archive version", "archive_version", func(d string) error {
			p := filepath.Join(d, "config.json")
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(p, []byte(strings.Replace(string(b), `"archive_version":7`, `"archive_version":6`, 1)), 0o644)
		}},
		{"garbage config", "config.json", func(d string) error {
			return os.WriteFile(filepath.Join(d, "config.json"), []byte("{not json"), 0o644)
		}},
		{"missing config", "config.json", func(d string) error { return os.Remove(filepath.Join(d, "config.json")) }},
		{"bad recorded hash", "root-hash", func(d string) error {
			return os.WriteFile(filepath.Join(d, "root-hash"), []byte("0xnothex\n"), 0o644)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "copy")
			copyDir(t, base, dir)
			if err := c.damage(dir); err != nil {
				t.Fatal(err)
			}
			l, err := emu.Load(dir, emu.RuntimeOptions{})
			if err == nil {
				l.Close()
				t.Fatal("damaged store loaded without error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
		})
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

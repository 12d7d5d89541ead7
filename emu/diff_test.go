package emu

import (
	"strings"
	"testing"
)

func TestStateDiff(t *testing.T) {
	mk := func() *Machine {
		m, err := New(DefaultConfig(1<<20), RuntimeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		return m
	}
	a, b := mk(), mk()
	if d := StateDiff(a, b); d != "" {
		t.Fatalf("fresh machines differ: %s", d)
	}
	if err := b.WriteMemory(RAMStart+0x123, []byte{7}); err != nil {
		t.Fatal(err)
	}
	if d := StateDiff(a, b); !strings.Contains(d, "RAM at offset 0x123") {
		t.Errorf("RAM write: diff %q", d)
	}
	if err := a.WriteMemory(RAMStart+0x123, []byte{7}); err != nil {
		t.Fatal(err)
	}
	if d := StateDiff(a, b); d != "" {
		t.Fatalf("equal again, diff %q", d)
	}
	a.s.Mstatus ^= 1 << 1
	if d := StateDiff(a, b); !strings.Contains(d, "shadow state at offset 0x220") {
		t.Errorf("mstatus change: diff %q", d)
	}
	a.s.Mstatus ^= 1 << 1
	a.s.PC += 4
	if d := StateDiff(a, b); !strings.Contains(d, "pc") {
		t.Errorf("pc change: diff %q", d)
	}
}

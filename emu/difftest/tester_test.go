package difftest

import (
	"encoding/binary"
	"fmt"
	"testing"
)

// fakeEngine is a machine whose state is its mcycle; from mcycle diverge on
// it also sets x10 (so its hash differs from an engine that never diverges).
type fakeEngine struct {
	mcycle, diverge, halt uint64
}

func (f *fakeEngine) Name() string      { return "fake" }
func (f *fakeEngine) Load(string) error { f.mcycle = 0; return nil }
func (f *fakeEngine) Close() error      { return nil }
func (f *fakeEngine) diverged() bool    { return f.mcycle >= f.diverge }
func (f *fakeEngine) Run(t uint64) (Stop, error) {
	reason := "reached_target_mcycle"
	f.mcycle = max(f.mcycle, t)
	if f.mcycle >= f.halt {
		f.mcycle, reason = f.halt, "halted"
	}
	return Stop{Mcycle: f.mcycle, Reason: reason, Hash: fmt.Sprintf("%d/%v", f.mcycle, f.diverged())}, nil
}

func (f *fakeEngine) Read(paddr, length uint64) ([]byte, error) {
	buf := make([]byte, length)
	if paddr == 0 {
		binary.LittleEndian.PutUint64(buf[0x108:], RAMStart+4*f.mcycle)
		binary.LittleEndian.PutUint64(buf[0x100:], f.mcycle)
		if f.diverged() {
			binary.LittleEndian.PutUint64(buf[10*8:], 1)
		}
	}
	return buf, nil
}

func TestBisectFindsTheFirstDifferingMcycle(t *testing.T) {
	for _, diverge := range []uint64{1, 2, 4095, 4096, 4097, 10000, 12287} {
		tt := &Tester{Ref: &fakeEngine{diverge: ^uint64(0), halt: 20000}, Riv: &fakeEngine{diverge: diverge, halt: 20000},
			CheckEvery: 4096, MaxMcycle: 100000, TC: Toolchain{Prefix: "/nonexistent/"}}
		o, err := tt.Compare(&Image{}, "unused")
		if err != nil {
			t.Fatal(err)
		}
		m := o.Mismatch
		if m == nil {
			t.Fatalf("diverge %d: no mismatch found", diverge)
		}
		if m.Mcycle != diverge {
			t.Errorf("diverge %d: bisect says %d", diverge, m.Mcycle)
		}
		if m.PC != RAMStart+4*(diverge-1) {
			t.Errorf("diverge %d: pc 0x%x, want the pc of mcycle %d", diverge, m.PC, diverge-1)
		}
		if len(m.Diffs) != 1 || m.Diffs[0].Name != "x10(a0)" || m.Diffs[0].Ref != 0 || m.Diffs[0].Riv != 1 {
			t.Errorf("diverge %d: diffs %v, want only x10 0 -> 1", diverge, m.Diffs)
		}
	}
}

func TestAgreeingEnginesEndWithoutMismatch(t *testing.T) {
	tt := &Tester{Ref: &fakeEngine{diverge: ^uint64(0), halt: 9000}, Riv: &fakeEngine{diverge: ^uint64(0), halt: 9000},
		CheckEvery: 4096, MaxMcycle: 100000, TC: Toolchain{Prefix: "/nonexistent/"}}
	o, err := tt.Compare(&Image{}, "unused")
	if err != nil {
		t.Fatal(err)
	}
	if o.Mismatch != nil || o.Cycles != 9000 || o.End != "halted" || o.Checkpoints != 3 {
		t.Fatalf("outcome %+v, want a halt at 9000 after 3 checkpoints", o)
	}
}

func TestWordNames(t *testing.T) {
	shadow := Regions[0]
	cases := map[uint64]string{
		0x000:                "x0(zero)",
		0x108:                "pc",
		0x220:                "mstatus",
		0x2D8:                "senvcfg",
		0x2E0:                "ilrsc",
		0x350:                "htif.iyield",
		0x1000:               "tlb.code[0].vaddr_page",
		0x1000 + 0x2000 + 40: "tlb.read[1].vp_offset",
		0x1000 + 0x4000 + 16: "tlb.write[0].pma_index",
	}
	for addr, want := range cases {
		if got, _ := wordName(shadow, addr); got != want {
			t.Errorf("word 0x%x: %s, want %s", addr, got, want)
		}
	}
}

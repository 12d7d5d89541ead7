package jit_test

import (
	"testing"

	"github.com/rivetvm/rivet/jit"
)

// Regression tests for differences between the JIT and the interpreter
// found by the fuzz tests (see /work/notes/jit-fuzz-findings.md). A skipped
// test is a finding not fixed yet; it must pass once it is.

// TestJITMcycleNearWrap (finding J1): a hot block that starts within its
// own length of mcycle 2^64 must not run; the interpreter stops at mcycle
// 2^64-1 with "mcycle overflow". The JIT's block budget check adds the
// block length to mcycle, which wraps, so the block runs and mcycle wraps
// to a small value: here the guest then finishes its loop and halts.
func TestJITMcycleNearWrap(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const a0, t0, t1 = 10, 5, 6
	body := []uint32{encADDI(rT5, rZero, 200)}
	for k := 0; k < 30; k++ { // L: a 32-instruction pass (30 ADDIs, the count, the branch)
		body = append(body, encADDI(a0, a0, 1))
	}
	body = append(body, encADDI(rT5, rT5, -1), encBNE(rT5, rZero, -4*31),
		encLUI(t0, 0x40008), encADDI(t1, rZero, 1), encStore(3, t1, t0, 0), // halt
		encJAL(rZero, 0))
	p := mProgram(body, 0)
	p.Regs.Mcycle = ^uint64(0) - 6000 // 2^64-1 comes on pass 188 of 200, long after the loop is hot
	p.Limit, p.Checks, p.Subs = ^uint64(0), []uint64{^uint64(0)}, nil
	var st runStats
	mm, err := compareRun(p, 0, &st)
	if err != nil {
		t.Fatal(err)
	}
	if mm != nil {
		t.Fatal(mm.detail)
	}
}

// TestJITMcycleNearWrapCold (J1's other path): straight-line code that
// starts d cycles before mcycle 2^64-1, cold or translated at once, then
// halts; the run must stop at 2^64-1 with "mcycle overflow" unless the halt
// comes first. (Before the fix, a decline limit of mcycle+32 wrapped and the
// block then ran past 2^64.)
func TestJITMcycleNearWrapCold(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const a0, t0, t1 = 10, 5, 6
	var body []uint32
	for k := 0; k < 30; k++ {
		body = append(body, encADDI(a0, a0, 1))
	}
	body = append(body, encLUI(t0, 0x40008), encADDI(t1, rZero, 1), encStore(3, t1, t0, 0), encJAL(rZero, 0))
	for _, hot := range []int{-1, 0, 1} {
		for _, d := range []uint64{0, 1, 5, 20, 31, 32, 33, 40} {
			p := mProgram(body, 0)
			p.Hot = hot
			p.Regs.Mcycle = ^uint64(0) - d
			p.Limit, p.Checks, p.Subs = ^uint64(0), []uint64{^uint64(0)}, nil
			var st runStats
			mm, err := compareRun(p, 0, &st)
			if err != nil {
				t.Fatalf("hot %d, %d cycles before 2^64-1: %v", hot, d, err)
			}
			if mm != nil {
				t.Fatalf("hot %d, %d cycles before 2^64-1: %s", hot, d, mm.detail)
			}
		}
	}
}

// TestJITOptionsChecked: options out of range are refused with an error
// naming them, and nothing is installed.
func TestJITOptionsChecked(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	p := mProgram([]uint32{encJAL(rZero, 0)}, 100)
	m, err := newMachine(p, false)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for _, o := range []jit.Options{{HotThreshold: -1}, {HotThreshold: 256}, {CodeMemory: 4096}, {CodeMemory: 2 << 30}} {
		if _, err := jit.NewWithOptions(m, o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if m.Engine() != nil {
		t.Errorf("an engine was installed: %T", m.Engine())
	}
	if _, err := jit.NewWithOptions(m, jit.Options{CodeMemory: 64 << 10}); err != nil {
		t.Errorf("64 KiB of code memory refused: %v", err)
	}
}

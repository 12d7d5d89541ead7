package emu_test

import (
	"testing"
	"time"

	"github.com/rivetvm/rivet/emu"
	. "github.com/rivetvm/rivet/emu/emutest"
)

// waiter is a console that never has input and waits longer than any WFI
// may (1 ms of host time is 128,000 cycles, more than an RTC tick).
type waiter struct{ calls int }

func (w *waiter) Getchar() int { return -1 }
func (w *waiter) WaitInput(d time.Duration) bool {
	w.calls++
	time.Sleep(time.Millisecond)
	return false
}

// TestWFIIdles: an unreproducible machine with a console that can wait
// idles in WFI up to the next RTC tick (so WFI runs about once per tick);
// a reproducible one never waits and runs WFI as a no-op.
func TestWFIIdles(t *testing.T) {
	prog := Program(
		LUI(T0, 0x2004),    // t0 = CLINT mtimecmp (0x2004000)
		ADDI(T1, Zero, -1), // mtimecmp = all ones: no timer event soon
		SD(T1, T0, 0),
		uint32(0x10500073), // loop: wfi
		JAL(Zero, -4),
	)
	const end = 100_000
	for _, unrep := range []uint64{0, 1} {
		cfg := emu.DefaultConfig(1 << 20)
		cfg.Processor.Registers.Iunrep = unrep
		w := &waiter{}
		m, err := emu.New(cfg, emu.RuntimeOptions{ConsoleInput: w})
		if err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		if err := m.WriteMemory(emu.RAMStart, Bytes(prog)); err != nil {
			t.Fatal(err)
		}
		if r, err := m.Run(end); err != nil || r != emu.BreakReachedTargetMcycle || m.Mcycle() != end {
			t.Fatalf("iunrep %d: run: %v %v at mcycle %d", unrep, r, err, m.Mcycle())
		}
		switch {
		case unrep == 0 && w.calls != 0:
			t.Errorf("reproducible machine waited %d times", w.calls)
		case unrep == 1 && (w.calls < end/emu.RTCFreqDiv || w.calls > end/emu.RTCFreqDiv+2):
			t.Errorf("unreproducible machine waited %d times in %d cycles, want about one per %d-cycle tick", w.calls, end, emu.RTCFreqDiv)
		}
	}
}

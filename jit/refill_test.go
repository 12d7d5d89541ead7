package jit_test

import (
	"encoding/binary"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
)

// refillProgram is an M-mode guest that calls hot loops of long blocks of
// loads and stores in pages 1..pages of the body, then stores into each of
// those pages (the same word back, over a translated instruction), so
// every round translates them all again.
func refillProgram(pages int) *program {
	p := generateWith(3, nil, &shape{prv: emu.PrvM})
	p.Regs.Imcyclemax, p.Regs.Mcycle = ^uint64(0), 0
	p.Regs.Mie = 0
	p.Regs.X[rSP] = dataPA + 0x2000
	p.Regs.X[9] = 0 // s1 counts rounds
	p.Hot = -1
	body := p.RAM[bodyPA-ramBase : bodyLimitPA-ramBase]
	for i := range body {
		body[i] = 0
	}
	at := uint64(bodyPA)
	put := func(w uint32) {
		binary.LittleEndian.PutUint32(p.RAM[at-ramBase:], w)
		at += 4
	}
	const t0, t1, s1 = 5, 6, 9
	round := at
	for i := 1; i <= pages; i++ {
		put(encJAL(rRA, int64(bodyPA+uint64(i)*4096-at)))
	}
	for i := 1; i <= pages; i++ {
		target := bodyPA + uint64(i)*4096
		hi := int64(target-at+0x800) >> 12
		put(encAUIPC(t0, uint32(hi)))
		put(encADDI(t0, t0, int64(target-(at-4))-hi<<12))
		put(encLoad(2, t1, t0, 64)) // an instruction inside the first translated block
		put(encStore(2, t1, t0, 64))
	}
	put(encADDI(s1, s1, 1))
	put(encJAL(rZero, int64(round)-int64(at)))
	// An iteration is 31*32 instructions: the interpreter, which runs 32
	// instructions whenever the JIT declines a cold block, then offers the
	// JIT the same pcs on every pass, so they get hot.
	for i := 1; i <= pages; i++ {
		at = bodyPA + uint64(i)*4096
		put(encADDI(rT5, rZero, 40))
		loop := at
		for k := 0; k < 31*32-2; k++ {
			off := int64(8 * (k % 256))
			switch {
			case k >= 15*64:
				put(wordNOP)
			case k%2 == 0:
				put(encLoad(3, 10+uint32(k%6), rSP, off))
			default:
				put(encStore(3, 10+uint32(k%6), rSP, off))
			}
		}
		put(encADDI(rT5, rT5, -1))
		put(encBNE(rT5, rZero, int64(loop)-int64(at)))
		put(encJALR(rZero, rRA, 0))
	}
	p.BodyStart, p.BodyEnd = bodyPA, bodyPA+uint64(pages+1)*4096
	return p
}

// TestJITRefillsCodeMemory: a guest that rewrites its own code in a loop
// makes the JIT translate the same pages again and again, until its code
// memory is full and is emptied (Stats.Resets); the guest keeps running
// exactly as on the interpreter throughout, only slower.
func TestJITRefillsCodeMemory(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	if !longRun() {
		t.Skip("about 40M guest cycles: set RIVET_FUZZ_LONG=1")
	}
	p := refillProgram(4)
	ref, err := newMachine(p, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	fast, err := newMachine(p, true)
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Close()
	eng := fast.Engine().(*jit.Engine)
	const step = 1 << 21
	for target := uint64(step); eng.Stats().Resets < 2; target += step + target%7919 {
		if target > 1<<28 {
			t.Fatalf("no code-memory reset after %d cycles: %+v", target, eng.Stats())
		}
		r1, err1 := ref.Run(target)
		r2, err2 := fast.Run(target)
		if err1 != nil || err2 != nil || r1 != r2 || r1 != emu.BreakReachedTargetMcycle {
			t.Fatalf("run to %d: %v %v %v %v", target, r1, r2, err1, err2)
		}
		if d := machineDiff(ref, fast, false); d != "" {
			t.Fatalf("after mcycle %d (%+v): %s", target, eng.Stats(), d)
		}
	}
	if d := machineDiff(ref, fast, true); d != "" {
		t.Fatal(d)
	}
	st := eng.Stats()
	t.Logf("%d mcycles, %d rounds: %d blocks translated, %d bytes emitted, %d resets", ref.Mcycle(), ref.Shadow().X[9], st.BlocksTranslated, st.BytesEmitted, st.Resets)
}

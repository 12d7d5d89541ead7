package jit_test

import (
	"encoding/binary"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
)

// Guests that jump into the middle of an instruction, or rewrite the
// instruction they run next on every pass, run correctly on the JIT (the
// first is translated; the second drops its page on every pass, so it runs
// on the interpreter: only slower). The results are worked out by hand.

// mProgram is an M-mode program with the given body and nothing else
// running (no interrupts), for hand-written tests.
func mProgram(body []uint32, limit uint64) *program {
	p := generateWith(11, nil, &shape{prv: emu.PrvM})
	p.Regs.Imcyclemax, p.Regs.Mcycle, p.Regs.Mie = ^uint64(0), 0, 0
	p.Regs.X[10], p.Regs.X[11] = 0, 0
	for i := range p.RAM[bodyPA-ramBase : bodyLimitPA-ramBase] {
		p.RAM[bodyPA-ramBase+uint64(i)] = 0
	}
	for i, w := range body {
		binary.LittleEndian.PutUint32(p.RAM[bodyPA-ramBase+uint64(4*i):], w)
	}
	p.BodyStart, p.BodyEnd = bodyPA, bodyPA+uint64(4*len(body))
	p.Limit, p.Checks = limit, []uint64{limit / 3, limit / 2, limit}
	p.Subs = []uint64{limit/3 + 1, limit/3 + 2, limit/2 + 7}
	p.ForkAt, p.Hot = 0, -1
	return p
}

// runBoth runs a hand-written program on both engines (compared at its
// check points) and returns the JIT machine's a0 and a1 and its stats.
func runBoth(t *testing.T, p *program) (a0, a1 uint64, st jit.Stats) {
	t.Helper()
	var rs runStats
	if mm, err := compareRun(p, 0, &rs); err != nil || mm != nil {
		t.Fatalf("engines differ: %v %+v", err, mm)
	}
	m, err := newMachine(p, true)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := m.Run(p.Limit); err != nil {
		t.Fatal(err)
	}
	return m.Shadow().X[10], m.Shadow().X[11], m.Engine().(*jit.Engine).Stats()
}

// TestJITJumpsIntoInstructions: a loop enters the word 0x05050537 at byte
// 0 (LUI a0, 0x5050) and at byte 2 (C.ADDI a0, 1) on alternate passes.
func TestJITJumpsIntoInstructions(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const n = 1000
	const t0, t1, a0, a1 = 5, 6, 10, 11
	body := []uint32{
		encADDI(rT5, rZero, n),
		encANDI(t0, rT5, 1),          // L: t0 = t5 & 1
		encAUIPC(t1, 0),              // A
		encSLLI(t0, t0, 1),           // A+4: 0 or 2
		encR(0, t0, t1, 0, t1, opOp), // A+8: t1 += t0
		encJALR(rZero, t1, 16),       // A+12: to W or W+2
		0x05050537,                   // A+16 W: lui a0, 0x5050 | c.addi a0, 1
		encR(0, a0, a1, 0, a1, opOp), // a1 += a0
		encADDI(rT5, rT5, -1),
		encBNE(rT5, rZero, -4*8),
		encJAL(rZero, 0),
	}
	p := mProgram(body, 20*n)
	gotA0, gotA1, st := runBoth(t, p)
	// Even t5 (n, n-2, ...) runs the LUI, odd t5 the C.ADDI on top of it.
	const lui = 0x05050000
	if wantA1 := uint64(n/2*lui + n/2*(lui+1)); gotA1 != wantA1 || gotA0 != lui+1 {
		t.Fatalf("a0 %#x a1 %#x, want %#x %#x", gotA0, gotA1, lui+1, wantA1)
	}
	if st.BlocksTranslated < 3 || st.JITCycles < 10*n {
		t.Fatalf("the loop did not run translated: %+v", st)
	}
}

// TestJITRewritesNextInstruction: every pass flips the immediate of the
// ADDI it runs next between 1 and 2.
func TestJITRewritesNextInstruction(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const n = 1000
	const t0, t1, t2, a0 = 5, 6, 7, 10
	body := []uint32{
		encADDI(rT5, rZero, n),
		encAUIPC(t1, 0),              // L = A
		encLoad(2, t0, t1, 20),       // A+4: the word at T
		encLUI(t2, 0x300),            // A+8: immediate bits 1 and 0
		encR(0, t2, t0, 4, t0, opOp), // A+12: xor
		encStore(2, t0, t1, 20),      // A+16
		encADDI(a0, a0, 1),           // A+20 T: adds 2, 1, 2, 1, ...
		encADDI(rT5, rT5, -1),
		encBNE(rT5, rZero, -4*7),
		encJAL(rZero, 0),
	}
	p := mProgram(body, 12*n)
	gotA0, _, _ := runBoth(t, p)
	if want := uint64(n/2*2 + n/2*1); gotA0 != want {
		t.Fatalf("a0 = %d, want %d", gotA0, want)
	}
}

// TestJITCallsAcrossPages: a loop calls a function in the next page. The
// function's first block is reached from another page only, and must get
// translated like any other block: an engine that never sees it start (the
// interpreter stepping its first instruction after every page change, as
// it once did) leaves generated code on every call and return.
func TestJITCallsAcrossPages(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const n = 2000
	const a0, a1 = 10, 11
	body := make([]uint32, 1024+4)
	copy(body, []uint32{
		encADDI(rT5, rZero, n),
		encJAL(rRA, 4096-4), // L: call F (one page on)
		encADDI(rT5, rT5, -1),
		encBNE(rT5, rZero, -8),
		encJAL(rZero, 0),
	})
	copy(body[1024:], []uint32{ // F
		encADDI(a0, a0, 1),
		encADDI(a1, a1, 2),
		encJALR(rZero, rRA, 0),
	})
	p := mProgram(body, 12*n)
	gotA0, gotA1, st := runBoth(t, p)
	if gotA0 != n || gotA1 != 2*n {
		t.Fatalf("a0 %d a1 %d, want %d %d", gotA0, gotA1, n, 2*n)
	}
	// Translated, each call and each return is one dispatch through the
	// code TLB; only the first passes (before the blocks are hot) leave
	// generated code.
	if st.Entries > n/10 || st.JITCycles < 5*n*9/10 {
		t.Fatalf("the calls did not run translated: %d entries for %d calls, %d of %d cycles in generated code",
			st.Entries, n, st.JITCycles, 5*n)
	}
}

// TestJITChainedAccesses: consecutive loads or stores through one base
// register share the first one's TLB lookup while they stay in its page
// (codegen.go, memChain). Here such runs start at bases near page ends, at
// odd addresses and across pages, and one load overwrites its own base,
// after which the next access must look the TLB up again: in lockstep with
// the interpreter (which traps on the misaligned ones: the handler skips
// them).
func TestJITChainedAccesses(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const t0, t1, s0, s1, a1, a2, a3, a4, a5, a6, a7 = 5, 6, 8, 9, 11, 12, 13, 14, 15, 16, 17
	table := uint64(dataPA + 0x3000) // the bases, then 0
	bases := []uint64{dataPA + 0x1000, dataPA + 0x1FF8, dataPA + 0x1FFC, dataPA + 0x1FF0, dataPA + 0x1001, dataPA + 0x2FFE, dataPA + 0x0800}
	srli := func(rd, rs1, sh uint32) uint32 { return encI(int64(sh), rs1, 5, rd, opImm) }
	body := []uint32{
		// t1 = the table (LUI sign-extends: clear the upper half).
		encLUI(t1, uint32(table>>12)), encSLLI(t1, t1, 32), srli(t1, t1, 32),
	}
	round := len(body)
	body = append(body, encADDI(s1, t1, 0)) // s1 walks the table
	each := len(body)
	body = append(body,
		encLoad(3, s0, s1, 0),
		0, // BEQ s0, x0, next round (below)
		encStore(3, a1, s0, 0),
		encStore(3, a2, s0, 8),
		encStore(2, a3, s0, -4),
		encStore(1, a4, s0, 6),
		encStore(0, a5, s0, 3),
		encStore(2, a3, s0, 2), // misaligned where s0 is aligned: traps
		encLoad(3, a4, s0, 0),
		encLoad(3, a6, s0, 4), // misaligned where s0 is aligned: traps
		encLoad(3, a5, s0, 8),
		encLoad(2, a6, s0, -4),
		encLoad(4, a7, s0, 3),
		encR(0, a4, a1, 0, a1, opOp), // a1 += a4
		encR(0, a6, a2, 0, a2, opOp), // a2 += a6
		encLoad(3, s0, s0, 0),        // the base overwritten by its own load
		encLoad(3, a3, s0, 8),        // not chained: s0 changed
		encADDI(a3, a3, 1),
		encADDI(s1, s1, 8),
	)
	body = append(body, encJAL(rZero, int64(4*(each-len(body)))))
	body[each+1] = encBEQ(s0, rZero, int64(4*(len(body)-(each+1))))
	body = append(body, encJAL(rZero, int64(4*(round-len(body)))))
	_ = t0
	p := mProgram(body, 60_000)
	p.Regs.X[a1], p.Regs.X[a2], p.Regs.X[a3] = 0x1111, 0x2222, 0x3333
	for i, b := range bases {
		binary.LittleEndian.PutUint64(p.RAM[table-ramBase+uint64(8*i):], b)
	}
	binary.LittleEndian.PutUint64(p.RAM[table-ramBase+uint64(8*len(bases)):], 0)
	p.Hot = 0
	var st runStats
	mm, err := compareRun(p, 0, &st)
	if err != nil {
		t.Fatal(err)
	}
	if mm != nil {
		t.Fatal(mm.detail)
	}
}

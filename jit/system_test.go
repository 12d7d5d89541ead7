package jit_test

import (
	"fmt"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
	"github.com/rivetvm/rivet/jit/ir"
)

// The system instructions the JIT translates (jit/amd64/system.go): every
// form of the CSR instructions on the CSRs it takes, ECALL and MRET, from
// each privilege, with mstatus values that need legalising (reserved MPP,
// FS without SD, bits that do not exist; set straight in the shadow page,
// as a loaded state may hold them, since a configuration is legalised) and
// with interrupts pending. Both engines must agree at every check point
// (every few dozen cycles, so a CSR value that is soon overwritten is
// compared too).

// trapProgram is a loop of CSR instructions and an ECALL whose M-mode
// handler skips the trapping instruction and returns with MRET.
func trapProgram() []uint32 {
	const (
		t0, t1, t2, s1, s2, s3, a0 = 5, 6, 7, 9, 18, 19, 10
		handler                    = 4 * 28 // byte offset of the handler
	)
	body := []uint32{
		encAUIPC(t0, 0),
		encADDI(t0, t0, handler),
		encCSRW(0x305, t0), // mtvec
		encADDI(s1, rZero, 0x235),
		// loop (offset 16):
		encCSR(1, a0, 0x340, s1),    // csrrw a0, mscratch, s1
		encCSR(2, a0+1, 0x341, s1),  // csrrs a1, mepc, s1
		encCSR(3, a0+2, 0x342, a0),  // csrrc a2, mcause, a0
		encCSR(5, a0+3, 0x343, 21),  // csrrwi a3, mtval, 21
		encCSR(6, a0+4, 0x140, 7),   // csrrsi a4, sscratch, 7
		encCSR(7, a0+5, 0x140, 3),   // csrrci a5, sscratch, 3
		encCSR(1, rZero, 0x141, s1), // csrw sepc, s1 (odd: bit 0 dropped)
		encCSR(2, a0+6, 0x142, rZero),
		encCSR(1, a0+7, 0x143, a0),
		encCSRR(t2, 0x300),          // mstatus
		encCSRR(s2, 0x305),          // mtvec
		encCSRR(s2, 0x105),          // stvec
		encCSRR(t1, 0xB00),          // mcycle
		encCSR(7, s3, 0x141, 31),    // csrrci s3, sepc, 31
		encCSR(3, s3, 0x343, s1),    // csrrc s3, mtval, s1
		encCSR(2, rZero, 0x342, a0), // csrrs x0, mcause, a0 (writes)
		encADDI(s1, s1, 0x111),
		wordECALL,
		encADDI(s3, s3, 1),
		encJAL(rZero, -4*19), // to the loop
		wordNOP, wordNOP, wordNOP, wordNOP, wordNOP, wordNOP, wordNOP,
		// handler (offset 112):
		encCSRR(t0, 0x342), // mcause
		encCSR(2, t1, 0x341, rZero),
		encADDI(t1, t1, 4),
		encCSRW(0x341, t1),
		wordMRET,
	}
	if got := 4 * 28; len(body) < 28 || got != handler {
		panic("trapProgram: handler offset")
	}
	return body
}

func TestJITSystemInstructions(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const limit = 4000
	mstatuses := []uint64{0, 1 << 3, 1<<3 | 1<<7, 2 << 11, 1 << 13, 1 << 63, 1 << 15, 3<<13 | 1<<63 | 3<<32 | 3<<34, ^uint64(0)}
	interrupts := []struct{ mip, mie uint64 }{{0, 0}, {1 << 3, 1 << 3}, {1 << 3, 0}, {1 << 5, 1 << 5}, {1 << 7, 1 << 7},
		{1 << 20, 1 << 20}} // (bits mip and mie do not have)
	for _, prv := range []uint64{emu.PrvM, emu.PrvS, emu.PrvU} {
		for _, ms := range mstatuses {
			for _, irq := range interrupts {
				name := fmt.Sprintf("prv%d/mstatus%#x/mip%#x/mie%#x", prv, ms, irq.mip, irq.mie)
				p := mProgram(trapProgram(), limit)
				p.Hot = 0
				p.Regs.Iprv = prv
				p.Regs.Medeleg, p.Regs.Mideleg = 0, 0
				p.Checks, p.Subs = nil, nil
				for c := uint64(23); c < limit; c += 41 {
					p.Checks = append(p.Checks, c)
				}
				p.Checks = append(p.Checks, limit)
				p.Prepare = func(ref, fast *emu.Machine) error {
					for _, m := range []*emu.Machine{ref, fast} {
						s := m.Shadow()
						s.Mstatus, s.Mip, s.Mie = ms, irq.mip, irq.mie
						s.Mepc, s.Sepc = 0x80000001, 0x80000003
					}
					return nil
				}
				// Compared often, and then in one run call (each run call
				// starts by taking a pending interrupt: frequent calls hide
				// one taken late).
				for _, checks := range [][]uint64{p.Checks, {limit}} {
					p.Checks = checks
					var rs runStats
					mm, err := compareRun(p, 0, &rs)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if mm != nil {
						t.Fatalf("%s (%d checks): %s", name, len(checks), mm.detail)
					}
				}
			}
		}
	}
}

// TestJITTrapRoundTripTranslated: in M-mode with no interrupt pending the
// whole round trip runs in generated code, with few exits to Go.
func TestJITTrapRoundTripTranslated(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const limit = 200000
	p := mProgram(trapProgram(), limit)
	p.Hot = 0
	p.Regs.Iprv, p.Regs.Mstatus, p.Regs.Mip, p.Regs.Mie = emu.PrvM, 0, 0, 0
	_, _, st := runBoth(t, p)
	rounds := limit / 25 // about 25 instructions per round trip
	if st.JITCycles < limit*9/10 {
		t.Errorf("%d of %d cycles ran in generated code", st.JITCycles, limit)
	}
	if g := st.Exits[ir.ExitGeneral]; g > uint64(rounds)/10 {
		t.Errorf("%d general exits in about %d round trips", g, rounds)
	}
}

// TestJITSstatus: the CSR instructions on sstatus (jit/amd64/system.go), in
// every form, from each privilege, with mstatus values that need
// legalising, with interrupts pending (delegated to S-mode or not) and not,
// and with writes that change SIE, SUM, MXR and FS (which the JIT leaves to
// the interpreter when they flush TLB sets or may let an interrupt in; a
// store in the loop keeps a write-TLB slot live): compared every few dozen
// cycles with the interpreter. An M handler skips trapping instructions; an
// S handler takes the delegated interrupt once (it clears sie).
func TestJITSstatus(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const t0, t1, s1, s2, a0, a1, a2, a3, a4, a5 = 5, 6, 9, 18, 10, 11, 12, 13, 14, 15
	const mHandler, sHandler = 4 * 24, 4 * 30
	body := []uint32{
		encAUIPC(t0, 0),
		encADDI(t0, t0, mHandler),
		encCSRW(0x305, t0), // mtvec
		encADDI(t0, t0, sHandler-mHandler),
		encCSRW(0x105, t0),        // stvec
		encLUI(s2, 0x40),          // s2 = SUM
		encADDI(s1, rZero, 0x122), // SPP, SPIE, SIE
		// loop (word 7):
		encCSR(7, a0, 0x100, 2),     // csrrci a0, sstatus, SIE (irq save)
		encCSR(2, rZero, 0x100, a0), // csrs sstatus, a0 (irq restore)
		encCSR(6, a1, 0x100, 2),     // csrrsi a1, sstatus, SIE
		encCSR(3, a2, 0x100, s1),    // csrrc a2, sstatus, s1
		encCSR(2, a3, 0x100, s1),    // csrrs a3, sstatus, s1
		encCSR(1, a4, 0x100, a3),    // csrrw a4, sstatus, a3
		encCSR(5, a5, 0x100, 0),     // csrrwi a5, sstatus, 0
		encCSR(2, rZero, 0x100, s2), // csrs sstatus, SUM (flushes: left to Go)
		encStore(3, a0, rSP, 0),
		encCSR(3, rZero, 0x100, s2), // csrc sstatus, SUM
		encCSRR(t1, 0x100),
		encCSR(1, rZero, 0x100, a4), // csrw sstatus, a4 (back as it was)
		encADDI(s1, s1, 0x40),       // sometimes FS and MXR bits too
		encJAL(rZero, -4*13),
		wordNOP, wordNOP, wordNOP,
		// M handler (word 24): skip the instruction
		encCSR(2, t0, 0x341, rZero),
		encADDI(t0, t0, 4),
		encCSRW(0x341, t0),
		wordMRET,
		wordNOP, wordNOP,
		// S handler (word 30): no more interrupts
		encCSRW(0x104, rZero), // sie
		0x10200073,            // sret
	}
	if body[24] != encCSR(2, t0, 0x341, rZero) || body[30] != encCSRW(0x104, rZero) {
		t.Fatal("handler offsets")
	}
	const limit = 3000
	mstatuses := []uint64{0, 1 << 1, 1<<1 | 1<<5 | 1<<8, 2 << 11, 1 << 13, 3 << 13, 1<<18 | 1<<19, ^uint64(0)}
	interrupts := []struct{ mip, mie, mideleg uint64 }{{0, 0, 0}, {1 << 5, 1 << 5, 0}, {1 << 1, 1 << 1, 1 << 1},
		{1 << 5, 1 << 5, 1 << 5}, {1 << 9, 0, 0}}
	for _, prv := range []uint64{emu.PrvM, emu.PrvS, emu.PrvU} {
		for _, ms := range mstatuses {
			for _, irq := range interrupts {
				name := fmt.Sprintf("prv%d/mstatus%#x/mip%#x/mie%#x/mideleg%#x", prv, ms, irq.mip, irq.mie, irq.mideleg)
				p := mProgram(body, limit)
				p.Hot = 0
				p.Regs.Iprv = prv
				p.Regs.Medeleg, p.Regs.Mideleg = 0, irq.mideleg
				p.Checks, p.Subs = nil, nil
				for c := uint64(17); c < limit; c += 37 {
					p.Checks = append(p.Checks, c)
				}
				p.Checks = append(p.Checks, limit)
				p.Prepare = func(ref, fast *emu.Machine) error {
					for _, m := range []*emu.Machine{ref, fast} {
						s := m.Shadow()
						s.Mstatus, s.Mip, s.Mie = ms, irq.mip, irq.mie
					}
					return nil
				}
				// Compared often, and then in one run call (each run call
				// starts by taking a pending interrupt: frequent calls hide
				// one taken late).
				for _, checks := range [][]uint64{p.Checks, {limit}} {
					p.Checks = checks
					var rs runStats
					mm, err := compareRun(p, 0, &rs)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if mm != nil {
						t.Fatalf("%s (%d checks): %s", name, len(checks), mm.detail)
					}
				}
				if prv == emu.PrvS && ms == 0 && irq.mideleg == 2 {
					m, _ := newMachine(p, true)
					p.Prepare(m, m)
					m.Run(limit)
					t.Logf("%s: mcause %#x scause %#x sepc %#x stats %+v", name, m.Shadow().Mcause, m.Shadow().Scause, m.Shadow().Sepc, m.Engine().(*jit.Engine).Stats())
				}
			}
		}
	}
}

package jit_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
	"github.com/rivetvm/rivet/jit/ir"
)

// The TLB refills of generated code (jit/amd64/refill.go): where a load or
// store misses in identity-mapped RAM, generated code fills the slot itself,
// and for a store marks the page of the slot it evicts dirty. These tests
// make stores evict RAM slots (4 MiB of RAM: pages 1 MiB apart share a
// slot), flash-drive slots (which the refill must leave to Go) and slots of
// pages with decoded code (poisoned: left to Go), in each mode where
// translation is the identity, and compare both engines at every chunk; the
// JIT machine's hash tree is then verified against its memory, which fails
// if a page a refill evicted was not marked dirty.

const (
	fillRAM   = 4 << 20
	fillFlash = 1 << 44
)

// tlbFillProgram returns the program's words. With mixed, each round also
// stores to the flash drive and into its own code page.
func tlbFillProgram(mixed bool) []uint32 {
	const (
		t0, t1, t2, s0, s1, a0, a1, a2, a3, t3, t4, t5, s2, s3 = 5, 6, 7, 8, 9, 10, 11, 12, 13, 28, 29, 30, 18, 19
	)
	encADD := func(rd, rs1, rs2 uint32) uint32 { return encR(0, rs2, rs1, 0, rd, opOp) }
	w := []uint32{
		encADDI(s0, rZero, 1), encSLLI(s0, s0, 31), // s0 = RAM
		encADDI(s1, rZero, 1), encSLLI(s1, s1, 44), // s1 = flash
		encLUI(t2, 0x40), encADD(s0, s0, t2), encADD(s1, s1, t2), // page 0x40 of each: slot 0x40
		encLUI(t3, 0x100), // 1 MiB
		encADDI(a0, rZero, 5),
		// loop (word 9):
		encADDI(t0, s0, 0), encADDI(t1, rZero, 4),
		// inner (word 11): four RAM pages in one slot
		encStore(3, a0, t0, 16),
		encLoad(3, a1, t0, 24),
		encADD(a0, a0, a1), encADDI(a0, a0, 3),
		encADD(t0, t0, t3),
		encADDI(t1, t1, -1),
		encBNE(t1, rZero, -4*6),
	}
	if mixed {
		w = append(w,
			encStore(3, a0, s1, 8), // the flash page, same slot
			encLoad(3, a2, s1, 8),
			encStore(3, a2, s0, 32), // a RAM page evicting the flash page's slot
			encAUIPC(t4, 0),
			encStore(2, a0, t4, 0x7F0), // data beside the code: the decoded code stands
			encLoad(2, t5, t4, 28),     // the ADDI below, whose immediate 1 <-> 2
			encLUI(a3, 0x300),
			encR(0, a3, t5, 4, t5, opOp), // xor t5, t5, a3
			encStore(2, t5, t4, 28),      // changed code, translated before
			wordNOP,
			encADDI(s3, s3, 1),
		)
	}
	w = append(w, encADDI(s2, s2, 1))
	return append(w, encJAL(rZero, -4*int64(len(w)-9)))
}

func tlbFillMachine(prog []uint32, mode string) machineMaker {
	return func(t testing.TB) *emu.Machine {
		cfg := emu.DefaultConfig(fillRAM)
		cfg.FlashDrive = []emu.MemoryRangeConfig{{Label: "rw", Start: fillFlash, Length: 1 << 20}}
		r := &cfg.Processor.Registers
		r.PC, r.Mie, r.Mip = emu.RAMStart, 0, 0
		switch mode {
		case "M":
		case "M+MPRV": // data accesses as S-mode, satp Bare: still the identity
			r.Mstatus |= 1<<17 | emu.PrvS<<11
		case "S":
			r.Iprv = emu.PrvS
		default:
			t.Fatalf("mode %q", mode)
		}
		m, err := emu.New(cfg, emu.RuntimeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		code := make([]byte, 4*len(prog))
		for i, w := range prog {
			binary.LittleEndian.PutUint32(code[4*i:], w)
		}
		if err := m.WriteMemory(emu.RAMStart, code); err != nil {
			t.Fatal(err)
		}
		return m
	}
}

func TestJITTLBFills(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	for _, mixed := range []bool{false, true} {
		for _, mode := range []string{"M", "M+MPRV", "S"} {
			t.Run(fmt.Sprintf("%s/mixed=%v", mode, mixed), func(t *testing.T) {
				mk := tlbFillMachine(tlbFillProgram(mixed), mode)
				lockstep(t, mk, 120_000, 997)
				// The same run once more, checked where lockstep does not
				// look: the JIT machine's tree against its bytes, and how
				// many stores left generated code.
				m := mk(t)
				eng, err := jit.NewWithOptions(m, jit.Options{HotThreshold: 0})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := m.Run(120_000); err != nil {
					t.Fatal(err)
				}
				if err := m.VerifyHashTree(); err != nil {
					t.Fatalf("JIT machine: %v", err)
				}
				rounds := m.Shadow().X[18]
				if mixed {
					// The ADDI adds 1 and 2 on alternate rounds (one
					// round may be cut short by the end of the run).
					if s3, want := m.Shadow().X[19], rounds*3/2; s3 < want-2 || s3 > want+2 {
						t.Errorf("s3 = %d after %d rounds, want about %d: changed code did not run", s3, rounds, want)
					}
				}
				exits := eng.Stats().Exits[ir.ExitMemory]
				if rounds < 1000 {
					t.Fatalf("only %d rounds", rounds)
				}
				// Unmixed, every miss is refilled in place; mixed, the
				// flash page's load and store, the store to the slot it
				// leaves and the two stores to the code page go to Go (at
				// most six a round), and the changed code is translated
				// again each round.
				if limit := map[bool]uint64{false: 8, true: 6*rounds + 8}[mixed]; exits > limit {
					t.Errorf("%d memory exits in %d rounds (at most %d expected)", exits, rounds, limit)
				}
			})
		}
	}
}

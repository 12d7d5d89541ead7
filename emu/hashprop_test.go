package emu_test

import (
	"math/rand/v2"
	"testing"

	"github.com/rivetvm/rivet/emu"
	. "github.com/rivetvm/rivet/emu/emutest"
)

// randomStoreProgram makes an endless loop of random arithmetic, loads and
// stores over a 1 MiB window (256 pages) addressed from s0, so the write
// TLB fills, evicts and refills as the program runs.
func randomStoreProgram(rng *rand.Rand, n int) []uint32 {
	prog := Program(
		LUI(S0, 0x80100), SLLI(S0, S0, 32), SRLI(S0, S0, 32), // s0 = 0x80100000
		LUI(S1, 0xFF), // s1 = 0xFF000: in-window mask
	)
	regs := []uint32{T0, T1, T2, A0, A1, A2, A3, T3}
	pick := func() uint32 { return regs[rng.IntN(len(regs))] }
	loop := len(prog)
	for i := 0; i < n; i++ {
		switch rng.IntN(6) {
		case 0:
			prog = append(prog, ADDI(pick(), pick(), int32(rng.IntN(4096)-2048)))
		case 1:
			prog = append(prog, ADD(pick(), pick(), pick()))
		case 2:
			prog = append(prog, XOR(pick(), pick(), pick()))
		default: // an aligned store or load somewhere in the window
			r := pick()
			prog = append(prog, AND(T4, r, S1), ADD(T4, T4, S0))
			if rng.IntN(3) == 0 {
				prog = append(prog, LD(pick(), T4, int32(rng.IntN(64))*8))
			} else {
				prog = append(prog, SD(pick(), T4, int32(rng.IntN(64))*8))
			}
		}
	}
	return append(prog, JAL(Zero, int32(loop-len(prog))*4))
}

// TestIncrementalHashMatchesFullRecompute runs random programs with random
// host writes in between and checks, at many points, that the incrementally
// maintained tree equals a full recompute from memory.
func TestIncrementalHashMatchesFullRecompute(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		m := newProgramMachine(t, randomStoreProgram(rng, 200))
		for step := 0; step < 25; step++ {
			if _, err := m.Run(m.Mcycle() + uint64(1+rng.IntN(20000))); err != nil {
				t.Fatal(err)
			}
			if rng.IntN(2) == 0 {
				addr := emu.RAMStart + 0x200000 + uint64(rng.IntN(0x100000))
				if err := m.WriteMemory(addr, []byte{byte(rng.Uint32()), 1, 2, 3}); err != nil {
					t.Fatal(err)
				}
			}
			m.RootHash()
			if err := m.VerifyHashTree(); err != nil {
				t.Fatalf("seed %d step %d (mcycle %d): %v", seed, step, m.Mcycle(), err)
			}
		}
	}
}

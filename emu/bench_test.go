package emu_test

import (
	"testing"

	"github.com/rivetvm/rivet/emu"
	. "github.com/rivetvm/rivet/emu/emutest"
)

// newProgramMachine makes a machine with prog at the start of RAM.
func newProgramMachine(tb testing.TB, prog []uint32) *emu.Machine {
	tb.Helper()
	m, err := emu.New(emu.DefaultConfig(16<<20), emu.RuntimeOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { m.Close() })
	if err := m.WriteMemory(emu.RAMStart, Bytes(prog)); err != nil {
		tb.Fatal(err)
	}
	return m
}

func benchProgram(b *testing.B, prog []uint32) {
	RunMIPS(b, newProgramMachine(b, prog), 10_000_000)
}

func BenchmarkInterpIntLoop(b *testing.B)  { benchProgram(b, IntLoop()) }
func BenchmarkInterpMemLoop(b *testing.B)  { benchProgram(b, MemLoop()) }
func BenchmarkInterpTrapLoop(b *testing.B) { benchProgram(b, TrapLoop()) }

package emu_test

import (
	"syscall"
	"testing"
	"time"

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
	m := newProgramMachine(b, prog)
	const chunk = 10_000_000
	b.ResetTimer()
	start, cpuStart := time.Now(), cpuTime()
	var cycles uint64
	for i := 0; i < b.N; i++ {
		before := m.Mcycle()
		if _, err := m.Run(before + chunk); err != nil {
			b.Fatal(err)
		}
		cycles += m.Mcycle() - before
	}
	b.ReportMetric(float64(cycles)/time.Since(start).Seconds()/1e6, "MIPS")
	// On a shared machine wall time includes other processes' turns; CPU
	// time is the steadier figure.
	b.ReportMetric(float64(cycles)/(cpuTime()-cpuStart).Seconds()/1e6, "MIPS(cpu)")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkInterpIntLoop(b *testing.B)  { benchProgram(b, IntLoop()) }
func BenchmarkInterpMemLoop(b *testing.B)  { benchProgram(b, MemLoop()) }
func BenchmarkInterpTrapLoop(b *testing.B) { benchProgram(b, TrapLoop()) }

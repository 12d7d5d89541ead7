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

// intLoop is the reference fixture's integer loop: add, xor, slli, addi, bnez.
func intLoop() []uint32 {
	return Program(
		LUI(T2, 0x10000), // t2 = 0x10000000: effectively endless
		ADDI(T3, Zero, 0),
		ADD(T3, T3, T2),
		XOR(T4, T3, T2),
		SLLI(T4, T4, 3),
		ADDI(T2, T2, -1),
		BNE(T2, Zero, -16),
		HaltSequence(0),
	)
}

// memLoop streams loads and stores over 1 MiB, touching 256 pages.
func memLoop() []uint32 {
	return Program(
		LUI(S0, 0x80100), // s0 = 0x80100000 (sign-extends: fix below)
		SLLI(S0, S0, 32),
		SRLI(S0, S0, 32),
		LUI(S1, 0x100), // s1 = 1 MiB
		ADD(S1, S1, S0),
		ADDI(T0, S0, 0), // loop: t0 = base
		LD(T1, T0, 0),
		ADDI(T1, T1, 1),
		SD(T1, T0, 8),
		ADDI(T0, T0, 64),
		BLTU(T0, S1, -16),
		JAL(Zero, -24),
	)
}

// trapLoop takes an ecall and returns with mret, forever.
func trapLoop() []uint32 {
	// 0x80000000: auipc t0, 0; addi t0, t0, 24; csrw mtvec, t0
	// loop: ecall; j loop
	// handler (offset 24): csrr t1, mepc; addi t1, t1, 4; csrw mepc, t1; mret
	return Program(
		AUIPC(T0, 0),
		ADDI(T0, T0, 24),
		CSRRW(Zero, 0x305, T0),
		uint32(ECALL),
		JAL(Zero, -4),
		NOP,
		CSRRS(T1, 0x341, Zero),
		ADDI(T1, T1, 4),
		CSRRW(Zero, 0x341, T1),
		uint32(MRET),
	)
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

func BenchmarkInterpIntLoop(b *testing.B)  { benchProgram(b, intLoop()) }
func BenchmarkInterpMemLoop(b *testing.B)  { benchProgram(b, memLoop()) }
func BenchmarkInterpTrapLoop(b *testing.B) { benchProgram(b, trapLoop()) }

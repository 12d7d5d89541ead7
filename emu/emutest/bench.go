package emutest

import (
	"syscall"
	"testing"
	"time"

	"github.com/rivetvm/rivet/emu"
)

// RunMIPS is the body of the engines' benchmarks: it runs m b.N times for
// chunk cycles (each run must reach its target: the benchmark programs run
// forever) and reports guest MIPS by wall time and by CPU time. On a shared
// machine wall time includes other processes' turns; CPU time is the
// steadier figure.
func RunMIPS(b *testing.B, m *emu.Machine, chunk uint64) {
	b.ResetTimer()
	start, cpuStart := time.Now(), cpuTime()
	var cycles uint64
	for range b.N {
		before := m.Mcycle()
		if r, err := m.Run(before + chunk); err != nil || r != emu.BreakReachedTargetMcycle {
			b.Fatalf("run to %d: %v %v", before+chunk, r, err)
		}
		cycles += m.Mcycle() - before
	}
	b.ReportMetric(float64(cycles)/time.Since(start).Seconds()/1e6, "MIPS")
	b.ReportMetric(float64(cycles)/(cpuTime()-cpuStart).Seconds()/1e6, "MIPS(cpu)")
}

// cpuTime is the process's user and system time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

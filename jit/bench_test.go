package jit_test

import (
	"testing"

	"github.com/rivetvm/rivet/emu/emutest"
)

// The interpreter's benchmark programs (emu/bench_test.go) on both engines,
// side by side: go test -run '^$' -bench 'Loop' ./jit/

func BenchmarkIntLoop(b *testing.B)  { fbench(b, emutest.IntLoop()) }
func BenchmarkMemLoop(b *testing.B)  { fbench(b, emutest.MemLoop()) }
func BenchmarkTrapLoop(b *testing.B) { fbench(b, emutest.TrapLoop()) }

//go:build !amd64

package jit

import (
	"errors"

	"github.com/rivetvm/rivet/jit/ir"
)

// Supported reports whether the JIT runs on this host.
const Supported = false

type hostContext struct {
	X, HotRead, HotWrite uintptr
	PC, Mcycle, End      uint64
	RefillRead, RAMHost  uintptr
	RAMStart, RAMLength  uint64
	RAMPMA               uint64
	ReadLive             uintptr
	RefillWrite          uintptr
	WriteLive, RAMCode   uintptr
	RAMDirty             uintptr
	RAMDirtySummary      uintptr
	RAMDelta             uint64
	RefillExec, CodeLive uintptr
	Tables               uintptr
	TablePages           uint64
	Saved                [6]uint64
}

const maxEnd = ^uint64(0)

var errUnsupported = errors.New("jit: no backend for this host architecture")

func newBackend() ir.Backend { return nil }

func enter(entry uintptr, ctx *hostContext) uint32 { panic(errUnsupported) }

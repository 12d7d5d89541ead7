//go:build amd64

package jit

import (
	"errors"

	"github.com/rivetvm/rivet/jit/amd64"
	"github.com/rivetvm/rivet/jit/ir"
)

// Supported reports whether the JIT runs on this host.
const Supported = true

type hostContext = amd64.Context

// maxEnd is the largest end mcycle generated code may be given.
const maxEnd = amd64.MaxEnd

func newBackend() ir.Backend { return amd64.New() }

func enter(entry uintptr, ctx *hostContext) uint32 { return amd64.Enter(entry, ctx) }

var errUnsupported = errors.New("jit: no backend for this host architecture")

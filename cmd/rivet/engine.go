package main

import (
	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
)

// defaultEngine is the JIT where it runs, the interpreter elsewhere.
func defaultEngine() string {
	if jit.Supported {
		return "jit"
	}
	return "interp"
}

func checkEngine(name string) error {
	switch name {
	case "interp":
		return nil
	case "jit":
		if !jit.Supported {
			return usagef("--engine jit: the JIT has no backend for this host; use --engine interp")
		}
		return nil
	}
	return usagef("--engine %q: want jit or interp", name)
}

// installEngine gives the machine its engine.
func installEngine(m *emu.Machine, name string) error {
	if name == "jit" {
		_, err := jit.New(m)
		return err
	}
	return nil
}

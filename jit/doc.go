// Package jit will translate RISC-V basic blocks to host machine code.
//
// It implements the emu.Engine contract; emu never imports it. Until the
// translator lands, the interpreter in emu is the only engine.
package jit

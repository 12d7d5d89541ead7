// Package emu is rivet's machine: a RISC-V RV64GC machine with M, S and U
// modes and Sv39/Sv48 virtual memory, state-compatible with the Cartesi
// Machine 0.21.0 (see ../shared/design/machine.md).
//
// # State
//
// Every byte of state lives in memory ranges mapped outside the Go heap: the
// shadow-state range at physical address 0 holds the registers (viewed
// through [Shadow]) and the TLB, followed by the PMA array, the
// microarchitecture's state and RAM, the CMIO buffers, the device tree, RAM
// and the flash drives. The Merkle tree hashes these same bytes, and
// generated code reaches a register at a fixed offset from one base pointer.
//
// # Engines
//
// The interpreter (interp.go and the files it calls) is the reference
// semantics. Every other engine must stop at the same mcycle with the same
// state, TLB slots included. The TLB is part of the hashed state, so every
// engine fills and flushes it exactly as the interpreter does.
//
// # Dirty pages
//
// Host writes mark their pages dirty. Guest stores mark nothing on the fast
// path: a page can only be written while it is in the write TLB, so pages in
// the write TLB count as dirty and a page leaving it is marked then.
//
// # Determinism
//
// No host time, randomness or map order reaches the state. WFI is a no-op
// and time is mcycle/8192. The one exception is an unreproducible machine
// (iunrep = 1, made by `rivet run -i` as by the reference's CLI) with a
// console that can wait (ConsoleWaiter): its WFI idles on the host and
// advances mcycle by the time waited. Its hashes mean nothing, as on the
// reference.
//
// emu imports merkle and nothing else of rivet; it never imports jit.
package emu

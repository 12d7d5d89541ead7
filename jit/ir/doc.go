// Package ir is the contract between the JIT's machine-independent part
// (package jit) and its backends (jit/amd64, later jit/arm64): the decoded
// Block a backend translates, the ExitCode values generated code returns,
// and the Backend interface. Backends import ir and emu/isa, never jit.
//
// Generated code never calls Go. It returns to its trampoline with an
// ExitCode in the low byte (and an argument above it), pc and mcycle; the
// engine handles the exit and re-enters.
package ir

// Package bench is rivet's side-by-side benchmark suite: guest workloads
// written in C (guest/workloads, built by the Makefile for four targets) and
// the harness that runs them under every engine in one go and compares.
//
// Engines: native x86-64 code, rivet's interpreter and JIT (one line each in
// defaultEngines), QEMU's spike machine with and without -icount shift=0,
// QEMU user mode, and the Cartesi reference machine when its command is
// given. Each workload prints "bench NAME scale_milli=N checksum=HEX"; the
// harness checks the exit status and the line of every run, takes the native
// build's checksum as the reference (the native compiler and CPU are
// independent of every emulator), and marks a cell FAILED on any difference.
// Every engine that counts cycles must halt at the same mcycle as the
// Cartesi reference (when it ran) or rivet's interpreter.
//
// Invariants:
//   - One bare-metal build serves every scale: the harness patches the
//     runtime's bench_param_scale_milli word in a copy of the ELF (patchScale)
//     and, for the Cartesi machine, flattens that copy into a RAM image
//     (flatImage). Hosted builds take the scale as their argument.
//   - Engines alternate within a workload (A B C A B C ...), after Warmup
//     untimed runs, so a change in the host's load falls on all of them.
//   - Nothing reaches a guest from the host's clock: times are measured
//     outside, around the whole process.
//
// Entry points: Main (the command line, used by cmd/bench), Run (returns
// Results), Results.Markdown, Results.WriteFiles, Results.UpdateReadme.
package bench

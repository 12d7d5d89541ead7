// Package difftest compares rivet's interpreter with the Cartesi Machine
// 0.21 reference by running the same generated programs on both and
// comparing root hashes (which cover registers, the TLB and all hashed
// memory) at many mcycles.
//
// # Running it
//
// The tester needs the reference built locally (see /work/refbuild/USAGE.md:
// its Lua module cartesi.so and its cartesi-machine wrapper), lua5.4 and
// the riscv64-unknown-elf binutils. Plain `go test ./...` never needs them:
// the package's own tests use fake engines, skip assembling without
// binutils, and replay regression programs against stored reference
// results. With the reference present:
//
//	go build -o /tmp/difftest ./emu/difftest/cmd/difftest
//	/tmp/difftest -seed 1 -n 1000 -cases /tmp/cases     # generated programs
//	/tmp/difftest -sweep 3000 -n 200                     # random-word sweeps
//	/tmp/difftest -asm prog.S -every 1                   # one hand-written program
//	go test -tags difftest ./emu/difftest                # a short campaign as a test
//
// Every mismatch is bisected to the first differing mcycle, minimised
// (segments, items, lines, configuration) and, with -cases, written as a
// full .S file plus a description. Other flags: -v (each program's
// outcome), -trace (the traps taken between checkpoints), -every (the
// checkpoint distance; by default it varies with the seed), -avoid (leave
// out known differences, see GenOptions.Avoid), -weights (focus on some
// item kinds), -reload-every (in some programs rivet continues from the
// reference's stored machine), -engine jit (install the JIT in rivet's
// machines), -make-regression (record a program's reference results).
//
// # Programs
//
// Generate(seed) is deterministic. A program is a harness (boot code, an M
// and an S trap handler, one set-up block per segment) and segments. A
// segment runs at one privilege level (M, S or U) under one configuration
// (satp with its own Sv39/Sv48 page tables, mstatus, medeleg, mideleg, mie,
// counters, vectored or direct trap entry, a pending timer or software
// interrupt) and is a list of items: random ALU, memory, compressed and Zcb
// instructions, branches and jumps, wild jumps, instructions that straddle
// a page end, traps, random instruction words, privileged instructions, CSR
// accesses with random values (read back and logged to memory), counters,
// AMOs, LR/SC sequences, fences, device accesses, interrupts, timer waits,
// loops, self-modifying code (through every kind of store, through a second
// virtual mapping, in the device-tree range, by the page walker's A-bit
// update), MPRV, SUM and MXR, satp switches, PTE rewrites and privilege
// round trips. F and D instructions are left out (GenOptions.AllowFloat)
// while rivet lacks them.
//
// Harness invariants: gp holds the harness data page, tp is the harness's
// scratch and magic register, ra always points at a recovery address (a
// fetch fault resumes there), sp, s0 and s11 are data pointers and t6 is the
// loop counter; random code writes none of them (the result log borrows tp
// and clears it). All of RAM is identity mapped, so the handlers can read
// the faulting instruction at its physical address to skip it; code runs
// only where virtual and physical addresses agree (or in the gadget pages,
// which never trap). A segment ends with ECALL and tp = magicNext; after
// trapLimit traps the harness cuts the segment short. The harness counts
// traps by cause in its data page (Stats).
//
// Sweep(seed) programs are the other kind: thousands of random 16- and
// 32-bit words at one privilege level, all registers fair game, a handler
// that needs no register, and a register dump into RAM every 16 words.
//
// # Comparing
//
// Tester.Compare calls Run on both engines to the same targets (every
// CheckEvery mcycles, repeating a target after an early break) and compares
// mcycle, break reason and root hash. On a mismatch it bisects: it reloads
// both machines, replays the earlier run calls and runs to a middle mcycle,
// until it finds the mcycle t whose state differs while the state at t-1 is
// equal. It then reports the instruction at pc(t-1) and every 64-bit word
// of every hashed range that differs at t (registers and TLB slots by name).
//
// The Rivet engine runs emu in this process. The Reference engine drives
// refserver.lua (embedded) in a lua5.4 child process that creates machines
// from the configuration the reference's own CLI stores for
// `--ram-length=4Mi --ram-image=P --no-root-flash-drive --no-init-splash
// --uarch-ram-image=ZERO4K`; rivet gets the reference's device tree.
//
// # Regressions
//
// testdata/regress holds programs that once showed a difference that has
// since been fixed: NAME.S, NAME.bin and NAME.expect (the reference's stops
// and root hashes for one long run and for one run per mcycle).
// TestRegressions replays them on rivet. -make-regression writes them.
package difftest

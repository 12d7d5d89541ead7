// Package jit translates RISC-V basic blocks to host machine code and runs
// them in place of the interpreter's fast loop (it implements emu.Engine;
// emu never imports jit).
//
// # Contract
//
// The interpreter in emu is the reference. The JIT must stop at exactly the
// same mcycle with exactly the same state, TLB slots included, so:
//
//   - A block runs only if all of it fits before st.End (the run's target,
//     the next 8192-cycle tick, imcyclemax: whatever the interpreter checks
//     between instructions). Otherwise the block exits with ExitBudget before
//     doing anything and the interpreter steps.
//   - Loads and stores look up the same hot TLB the interpreter uses, inline.
//     A hit changes no state in either engine. On a miss where the fill is
//     fixed (the translation, the identity or a page walk under Sv39/Sv48,
//     succeeds without writing a PTE, the page is in RAM, and for a store
//     no decoded code is involved and the evicted slot is RAM's), a refill
//     routine of generated code fills the slot exactly as the interpreter
//     would: shadow slot, host mirror, live bit, and for a store the
//     evicted page marked dirty. Any other miss (including a
//     misaligned address, whose low bits fail the compare, and any device
//     access, which is never in the TLB) exits with pc at the instruction
//     and mcycle counting the instructions before it, and the interpreter
//     redoes the access with its fill, eviction and dirty marking.
//   - The trap CSRs (mscratch, mepc, mcause, mtval and their S-mode twins;
//     reads of mtvec, stvec, mstatus and mcycle), sstatus, ECALL from M-mode
//     and MRET back to M-mode are translated with execSystem's semantics;
//     where the privilege is too low, would change, a TLB set would be
//     flushed, or an interrupt may become deliverable, generated code leaves
//     the instruction to the interpreter.
//   - Anything else not translated (the other system instructions and
//     CSRs, and FP where the backend cannot be exact) exits to the
//     interpreter for one step.
//   - Cross-page and indirect jumps dispatch inline through the code TLB to
//     the target page's block table (the engine's table of RAM pages); a
//     code-TLB miss is filled by generated code as the interpreter's fetch
//     would fill it, when the interpreter would fetch (before the run's
//     end); fetches that cross a page go to the interpreter.
//   - Exits from inside a block carry a site (ir.Site): the engine writes
//     back the guest registers generated code held changed and counts pc
//     and mcycle to the instruction, so that Go sees exactly the state the
//     interpreter would have there.
//
// # Code cache
//
// Translations belong to emu.CodePage (a physical page's decoded code): its
// Blocks table maps each halfword offset to a block entry. emu drops a
// CodePage when the page is written (guest stores, stores that fill the
// write TLB for it, PTE updates, host writes) and calls Engine.DropPage;
// the page's table is then gone and nothing translated from it can run.
// Blocks are keyed by physical page, and guest pc is a run-time value, so a
// page mapped at several virtual addresses shares its translations.
// A block is translated once it has been reached hotThreshold times (cold
// code is cheaper to interpret than to translate); blocks whose first
// instruction is not translated point at a shared stub that exits at once.
// Code memory is a memfd mapped twice, writable and executable, never both
// in one mapping; when it fills up, every translation is dropped.
//
// # Chaining
//
// A direct jump or branch to the same page is a patchable jump: it first
// exits with ExitChain, Go translates the target and patches the jump, and
// later runs go straight through.
//
// # Backends
//
// The machine-independent part (this package) decodes blocks and manages
// code memory; a backend (package jit/amd64, implementing jit/ir.Backend)
// emits code. An arm64 backend is a new package implementing the same
// interface plus a trampoline. Hosts without a backend get
// errUnsupported from New and use the interpreter.
//
// Statistics (Engine.Stats, `rivet run --stats`) count blocks translated,
// translation time, entries, exits by reason and the cycles run in
// generated code.
package jit

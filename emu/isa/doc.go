// Package isa decodes RISC-V RV64GC instruction words (with Zcb) into Insn
// values: an operation, register numbers and the immediate already
// sign-extended. Compressed instructions decode to the operation of their
// 32-bit equivalent with Size 2. Reserved and unknown encodings decode to
// Illegal, so legality rules live here and executors trust what they are
// given. SYSTEM, AMO and FP instructions decode to one operation each and
// are executed from their raw word.
//
// Decoding is pure (the same word always gives the same Insn), which is what
// lets the interpreter keep decoded code pages and the JIT translate from
// them. Insn is 16 bytes with fixed field offsets: the interpreter's fast
// loop and generated code read decoded entries directly.
package isa

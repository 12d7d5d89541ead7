package emutest

// Benchmark programs shared by the engines' benchmarks (emu, jit): each
// runs forever from the start of RAM.

// IntLoop is the reference fixture's integer loop: add, xor, slli, addi,
// bnez, 2^28 times, then again from the start, forever (the JIT gets
// through 2^28 passes in a fraction of a second).
func IntLoop() []uint32 {
	return Program(
		LUI(T2, 0x10000), // t2 = 0x10000000
		ADDI(T3, Zero, 0),
		ADD(T3, T3, T2),
		XOR(T4, T3, T2),
		SLLI(T4, T4, 3),
		ADDI(T2, T2, -1),
		BNE(T2, Zero, -16),
		JAL(Zero, -24),
	)
}

// MemLoop streams loads and stores over 1 MiB, touching 256 pages.
func MemLoop() []uint32 {
	return Program(
		LUI(S0, 0x80100), // s0 = 0x80100000 (sign-extends: fix below)
		SLLI(S0, S0, 32),
		SRLI(S0, S0, 32),
		LUI(S1, 0x100), // s1 = 1 MiB
		ADD(S1, S1, S0),
		ADDI(T0, S0, 0), // loop: t0 = base
		LD(T1, T0, 0),
		ADDI(T1, T1, 1),
		SD(T1, T0, 8),
		ADDI(T0, T0, 64),
		BLTU(T0, S1, -16),
		JAL(Zero, -24),
	)
}

// TrapLoop takes an ecall and returns with mret, forever.
func TrapLoop() []uint32 {
	// 0x80000000: auipc t0, 0; addi t0, t0, 24; csrw mtvec, t0
	// loop: ecall; j loop
	// handler (offset 24): csrr t1, mepc; addi t1, t1, 4; csrw mepc, t1; mret
	return Program(
		AUIPC(T0, 0),
		ADDI(T0, T0, 24),
		CSRRW(Zero, 0x305, T0),
		uint32(ECALL),
		JAL(Zero, -4),
		NOP,
		CSRRS(T1, 0x341, Zero),
		ADDI(T1, T1, 4),
		CSRRW(Zero, 0x341, T1),
		uint32(MRET),
	)
}

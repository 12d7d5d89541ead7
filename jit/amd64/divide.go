package amd64

import "github.com/rivetvm/rivet/emu/isa"

// Division and MULHSU. RISC-V division never traps: a zero divisor gives
// all ones (DIV, DIVU) or the dividend (REM, REMU), and the signed overflow
// MIN / -1 gives MIN (DIV) or 0 (REM). x86 DIV and IDIV fault on both, so
// those cases are tested first. Word forms divide the low 32 bits and
// sign-extend the 32-bit result.

// divide emits DIV, DIVU, REM, REMU and their W forms.
func (g *gen) divide(op isa.Op, rd, rs1, rs2 uint8) {
	if rd == 0 {
		return // no effect (the guards above make the host division harmless too)
	}
	a := &g.a
	var word, signed, rem bool
	switch op {
	case isa.DIV:
		signed = true
	case isa.DIVU:
	case isa.REM:
		signed, rem = true, true
	case isa.REMU:
		rem = true
	case isa.DIVW:
		word, signed = true, true
	case isa.DIVUW:
		word = true
	case isa.REMW:
		word, signed, rem = true, true, true
	case isa.REMUW:
		word, rem = true, true
	}
	wide := !word
	// Both operands are loaded (and cached) before the paths split, so the
	// paths leave the register cache as they found it.
	g.load(RCX, rs2)
	g.load(RAX, rs1)
	a.Test32or64(wide, RCX)
	zero := a.Jcc(CondE)
	var overflow, notOverflow []int
	if signed {
		a.AluRI(wide, CMP, RCX, -1)
		notOverflow = append(notOverflow, a.Jcc(CondNE))
		if wide {
			a.MovImm(RDX, 1<<63)
			a.AluRR(true, CMP, RAX, RDX)
		} else {
			a.AluRI(false, CMP, RAX, -0x80000000)
		}
		overflow = append(overflow, a.Jcc(CondE))
	}
	for _, j := range notOverflow {
		a.Patch(j, a.Here())
	}
	if signed {
		a.Cqo(wide)
		a.Idiv(wide, RCX)
	} else {
		a.AluRR(false, XOR, RDX, RDX)
		a.Div(wide, RCX)
	}
	if rem {
		a.MovRR(RAX, RDX)
	}
	done := []int{a.Jmp()}
	// Zero divisor: the quotient is all ones, the remainder the dividend
	// (already in RAX).
	a.Patch(zero, a.Here())
	if !rem {
		a.MovImm(RAX, ^uint64(0))
	}
	if signed {
		done = append(done, a.Jmp())
		// Overflow: the quotient is the dividend (MIN, in RAX), the
		// remainder 0.
		for _, j := range overflow {
			a.Patch(j, a.Here())
		}
		if rem {
			a.AluRR(false, XOR, RAX, RAX)
		}
	}
	for _, j := range done {
		a.Patch(j, a.Here())
	}
	if word {
		a.Movsxd(RAX, RAX)
	}
	g.store(rd, RAX)
}

// mulhsu emits MULHSU: the high half of signed rs1 times unsigned rs2,
// which is the unsigned high half minus rs2 when rs1 is negative.
func (g *gen) mulhsu(rd, rs1, rs2 uint8) {
	if rd == 0 {
		return
	}
	a := &g.a
	g.load(RCX, rs2)
	g.load(RAX, rs1)
	a.MulRDX(RCX) // RDX = unsigned high half
	g.load(RAX, rs1)
	a.ShiftRI(true, SAR, RAX, 63)
	a.AluRR(true, AND, RAX, RCX)
	a.AluRR(true, SUB, RDX, RAX)
	g.store(rd, RDX)
}

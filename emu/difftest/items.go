package difftest

import (
	"fmt"
	"strings"
)

// Items: the snippets segments are made of. Each returns assembly lines;
// labels ending in ':' are placed unindented.

type itemKind struct {
	name   string
	weight int
	fn     func(g *gen, s *Segment) []string
}

var itemKinds = []itemKind{
	{"alu", 30, (*gen).itemALU},
	{"alu-c", 14, (*gen).itemALUC},
	{"mem", 22, (*gen).itemMem},
	{"mem-c", 10, (*gen).itemMemC},
	{"pointer", 10, (*gen).itemPointer},
	{"branch", 8, (*gen).itemBranch},
	{"jump", 5, (*gen).itemJump},
	{"wild-jump", 3, (*gen).itemWildJump},
	{"straddle", 3, (*gen).itemStraddle},
	{"trap", 6, (*gen).itemTrap},
	{"random-word", 8, (*gen).itemRandomWord},
	{"system", 4, (*gen).itemSystem},
	{"csr", 14, (*gen).itemCSR},
	{"counter", 3, (*gen).itemCounter},
	{"amo", 7, (*gen).itemAMO},
	{"lrsc", 5, (*gen).itemLRSC},
	{"fence", 3, (*gen).itemFence},
	{"device", 6, (*gen).itemDevice},
	{"interrupt", 3, (*gen).itemInterrupt},
	{"timer", 1, (*gen).itemTimer},
	{"loop", 3, (*gen).itemLoop},
	{"smc", 3, (*gen).itemSMC},
	{"smc-loop", 3, (*gen).itemSMCLoop},
	{"smc-alias", 2, (*gen).itemSMCAlias},
	{"reserved-c", 2, (*gen).itemReservedC},
	{"mprv", 3, (*gen).itemMPRV},
	{"sum-mxr", 3, (*gen).itemSumMxr},
	{"satp", 3, (*gen).itemSatp},
	{"pte", 5, (*gen).itemPTE},
	{"priv-trip", 3, (*gen).itemPrivTrip},
	{"log", 8, (*gen).itemLog},
	{"pte-in-code", 2, (*gen).itemPTEInCode},
	{"dtb-code", 2, (*gen).itemDTBCode},
}

var itemWeightTotal = func() int {
	t := 0
	for _, k := range itemKinds {
		t += k.weight
	}
	return t
}()

func (g *gen) item(s *Segment) Item {
	weight := func(k itemKind) int {
		if w, ok := g.opts.Weights[k.name]; ok {
			return w
		}
		return k.weight
	}
	total := itemWeightTotal
	if len(g.opts.Weights) > 0 {
		total = 0
		for _, k := range itemKinds {
			total += weight(k)
		}
	}
	if total <= 0 {
		return Item{Kind: "alu", Asm: g.itemALU(s)}
	}
	n := g.pick(total)
	for _, k := range itemKinds {
		if w := weight(k); n < w {
			return Item{Kind: k.name, Asm: k.fn(g, s)}
		} else {
			n -= w
		}
	}
	panic("unreachable")
}

// ItemKinds lists the item kinds and their default weights.
func ItemKinds() map[string]int {
	m := map[string]int{}
	for _, k := range itemKinds {
		m[k.name] = k.weight
	}
	return m
}

func li(r uint32, v uint64) string { return fmt.Sprintf("li %s, 0x%x", rn(r), v) }

// cInsn wraps a compressed mnemonic so the assembler emits it as written
// (everything else is assembled with norvc, so it never compresses).
func cInsn(text string) []string { return []string{".option rvc", text, ".option norvc"} }

func half(h uint16, text string) string { return fmt.Sprintf(".half 0x%04x # %s", h, text) }

var aluR = []string{"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
	"addw", "subw", "sllw", "srlw", "sraw",
	"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
	"mulw", "divw", "divuw", "remw", "remuw"}
var aluI = []string{"addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"}

func (g *gen) aluInsn() string {
	switch g.pick(10) {
	case 0, 1, 2, 3:
		return fmt.Sprintf("%s %s, %s, %s", aluR[g.pick(len(aluR))], rn(g.wreg()), rn(g.anyReg()), rn(g.anyReg()))
	case 4, 5, 6:
		return fmt.Sprintf("%s %s, %s, %d", aluI[g.pick(len(aluI))], rn(g.wreg()), rn(g.anyReg()), g.imm12())
	case 7:
		op := []string{"slli", "srli", "srai"}[g.pick(3)]
		return fmt.Sprintf("%s %s, %s, %d", op, rn(g.wreg()), rn(g.anyReg()), g.pick(64))
	case 8:
		op := []string{"slliw", "srliw", "sraiw"}[g.pick(3)]
		return fmt.Sprintf("%s %s, %s, %d", op, rn(g.wreg()), rn(g.anyReg()), g.pick(32))
	default:
		op := []string{"lui", "auipc"}[g.pick(2)]
		return fmt.Sprintf("%s %s, 0x%x", op, rn(g.wreg()), g.pick(1<<20))
	}
}

func (g *gen) itemALU(s *Segment) []string {
	var out []string
	for n := 1 + g.pick(6); n > 0; n-- {
		out = append(out, g.aluInsn())
	}
	return out
}

func (g *gen) cImm6() int {
	v := g.pick(64) - 32
	if v == 0 {
		v = 1
	}
	return v
}

func (g *gen) aluCInsn() []string {
	rd := g.cReg()
	switch g.pick(16) {
	case 0:
		return cInsn(fmt.Sprintf("c.addi %s, %d", rn(g.wregNZ()), g.cImm6()))
	case 1:
		return cInsn(fmt.Sprintf("c.addiw %s, %d", rn(g.wregNZ()), g.pick(64)-32))
	case 2:
		return cInsn(fmt.Sprintf("c.li %s, %d", rn(g.wregNZ()), g.pick(64)-32))
	case 3:
		imm := 1 + g.pick(31)
		if g.chance(0.5) {
			imm = 0xFFFE0 + g.pick(32)
		}
		return cInsn(fmt.Sprintf("c.lui %s, 0x%x", rn(g.wregNZ()), imm))
	case 4:
		op := []string{"c.srli", "c.srai"}[g.pick(2)]
		return cInsn(fmt.Sprintf("%s %s, %d", op, rn(rd), 1+g.pick(63)))
	case 5:
		return cInsn(fmt.Sprintf("c.andi %s, %d", rn(rd), g.pick(64)-32))
	case 6:
		op := []string{"c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw"}[g.pick(6)]
		return cInsn(fmt.Sprintf("%s %s, %s", op, rn(rd), rn(g.cAny())))
	case 7:
		return cInsn(fmt.Sprintf("c.slli %s, %d", rn(g.wregNZ()), 1+g.pick(63)))
	case 8:
		return cInsn(fmt.Sprintf("c.mv %s, %s", rn(g.wregNZ()), rn(1+uint32(g.pick(31)))))
	case 9:
		return cInsn(fmt.Sprintf("c.add %s, %s", rn(g.wregNZ()), rn(1+uint32(g.pick(31)))))
	case 10:
		return cInsn("c.nop")
	case 11:
		return cInsn(fmt.Sprintf("c.addi4spn %s, sp, %d", rn(rd), 4*(1+g.pick(255))))
	case 12, 13:
		op := []string{"c.zext.b", "c.sext.b", "c.zext.h", "c.sext.h", "c.zext.w", "c.not"}[g.pick(6)]
		h, err := zcbUnary(op, rd)
		if err != nil {
			panic(err)
		}
		return []string{half(h, fmt.Sprintf("%s %s", op, rn(rd)))}
	case 14:
		rs2 := g.cAny()
		h, err := zcbMul(rd, rs2)
		if err != nil {
			panic(err)
		}
		return []string{half(h, fmt.Sprintf("c.mul %s, %s", rn(rd), rn(rs2)))}
	default:
		// sp moves by a multiple of 16; it stays a usable pointer.
		v := g.pick(16) - 8
		if v >= 0 {
			v++
		}
		return cInsn(fmt.Sprintf("c.addi16sp sp, %d", 16*v))
	}
}

func (g *gen) itemALUC(s *Segment) []string {
	var out []string
	for n := 1 + g.pick(6); n > 0; n-- {
		out = append(out, g.aluCInsn()...)
	}
	return out
}

// memOffset draws an offset: usually aligned to size, sometimes not.
func (g *gen) memOffset(size int) int {
	off := (g.pick(256) - 128) * size
	if g.chance(0.12) {
		off += 1 + g.pick(size*2)
	}
	if off > 2047 {
		off = 2047
	}
	if off < -2048 {
		off = -2048
	}
	return off
}

var loads = []struct {
	op   string
	size int
}{{"lb", 1}, {"lh", 2}, {"lw", 4}, {"ld", 8}, {"lbu", 1}, {"lhu", 2}, {"lwu", 4}}
var stores = []struct {
	op   string
	size int
}{{"sb", 1}, {"sh", 2}, {"sw", 4}, {"sd", 8}}

func (g *gen) memInsn() string {
	if g.chance(0.5) {
		l := loads[g.pick(len(loads))]
		return fmt.Sprintf("%s %s, %d(%s)", l.op, rn(g.wreg()), g.memOffset(l.size), rn(g.ptr()))
	}
	st := stores[g.pick(len(stores))]
	return fmt.Sprintf("%s %s, %d(%s)", st.op, rn(g.anyReg()), g.memOffset(st.size), rn(g.ptr()))
}

func (g *gen) itemMem(s *Segment) []string {
	var out []string
	for n := 1 + g.pick(5); n > 0; n-- {
		out = append(out, g.memInsn())
	}
	return out
}

func (g *gen) memCInsn() []string {
	switch g.pick(12) {
	case 0:
		return cInsn(fmt.Sprintf("c.lw %s, %d(s0)", rn(g.cReg()), 4*g.pick(32)))
	case 1:
		return cInsn(fmt.Sprintf("c.ld %s, %d(s0)", rn(g.cReg()), 8*g.pick(32)))
	case 2:
		return cInsn(fmt.Sprintf("c.sw %s, %d(s0)", rn(g.cAny()), 4*g.pick(32)))
	case 3:
		return cInsn(fmt.Sprintf("c.sd %s, %d(s0)", rn(g.cAny()), 8*g.pick(32)))
	case 4:
		return cInsn(fmt.Sprintf("c.lwsp %s, %d(sp)", rn(g.wregNZ()), 4*g.pick(64)))
	case 5:
		return cInsn(fmt.Sprintf("c.ldsp %s, %d(sp)", rn(g.wregNZ()), 8*g.pick(64)))
	case 6:
		return cInsn(fmt.Sprintf("c.swsp %s, %d(sp)", rn(g.anyReg()), 4*g.pick(64)))
	case 7:
		return cInsn(fmt.Sprintf("c.sdsp %s, %d(sp)", rn(g.anyReg()), 8*g.pick(64)))
	default:
		op := []string{"c.lbu", "c.lhu", "c.lh", "c.sb", "c.sh"}[g.pick(5)]
		var reg uint32
		if strings.HasPrefix(op, "c.l") {
			reg = g.cReg()
		} else {
			reg = g.cAny()
		}
		off := uint32(g.pick(4))
		if op != "c.lbu" && op != "c.sb" {
			off &= 2
		}
		h, err := zcbLoadStore(op, reg, regS0, off)
		if err != nil {
			panic(err)
		}
		return []string{half(h, fmt.Sprintf("%s %s, %d(s0)", op, rn(reg), off))}
	}
}

func (g *gen) itemMemC(s *Segment) []string {
	var out []string
	for n := 1 + g.pick(5); n > 0; n-- {
		out = append(out, g.memCInsn()...)
	}
	return out
}

func (g *gen) itemPointer(s *Segment) []string {
	p := g.ptr()
	v := g.anyPtr(s)
	if p == regSP && g.chance(0.5) {
		v = g.dataPtr(s, 16)
	}
	return []string{li(p, v)}
}

// itemBranch skips forward over a few instructions, maybe.
func (g *gen) itemBranch(s *Segment) []string {
	target := g.newLabel()
	var out []string
	switch g.pick(8) {
	case 0, 1, 2, 3:
		op := []string{"beq", "bne", "blt", "bge", "bltu", "bgeu"}[g.pick(6)]
		a, b := g.anyReg(), g.anyReg()
		if g.chance(0.2) {
			b = a
		}
		out = append(out, fmt.Sprintf("%s %s, %s, %s", op, rn(a), rn(b), target))
	case 4, 5:
		op := []string{"c.beqz", "c.bnez"}[g.pick(2)]
		out = append(out, cInsn(fmt.Sprintf("%s %s, %s", op, rn(g.cAny()), target))...)
	case 6:
		out = append(out, cInsn("c.j "+target)...)
	default:
		out = append(out, fmt.Sprintf("jal %s, %s", rn(g.wreg()), target))
	}
	for n := g.pick(4); n > 0; n-- {
		if g.chance(0.5) {
			out = append(out, g.aluInsn())
		} else {
			out = append(out, g.aluCInsn()...)
		}
	}
	return append(out, target+":")
}

// itemJump jumps forward through a register.
func (g *gen) itemJump(s *Segment) []string {
	target := g.newLabel()
	t := g.tmps(2)
	var out []string
	switch g.pick(4) {
	case 0:
		rd := g.wreg()
		if g.chance(0.3) {
			rd = t[0] // the link register is the base
		}
		out = append(out, "la "+rn(t[0])+", "+target, fmt.Sprintf("jalr %s, 0(%s)", rn(rd), rn(t[0])))
	case 1: // bit 0 of the target is cleared
		out = append(out, "la "+rn(t[0])+", "+target+"+1", fmt.Sprintf("jalr %s, 0(%s)", rn(g.wreg()), rn(t[0])))
	case 2:
		off := g.pick(64) - 32
		out = append(out, fmt.Sprintf("la %s, %s%+d", rn(t[0]), target, -off), fmt.Sprintf("jalr %s, %d(%s)", rn(g.wreg()), off, rn(t[0])))
	default:
		// C.JR; C.JALR writes ra, which the harness keeps pointing at the segment end.
		out = append(out, "la "+rn(t[0])+", "+target)
		if g.chance(0.5) {
			out = append(out, cInsn("c.jr "+rn(t[0]))...)
		} else {
			out = append(out, cInsn("c.jalr "+rn(t[0]))...)
		}
	}
	out = append(out, g.aluInsn(), target+":", "la ra, "+s.endLabel())
	return out
}

// itemWildJump jumps to an address that may not hold code; a fetch fault
// comes back to ra.
func (g *gen) itemWildJump(s *Segment) []string {
	back := g.newLabel()
	t := g.wregNZ()
	var dest uint64
	switch g.pick(6) {
	case 0:
		dest = gadgetAddr
	case 1:
		dest = 0x4003F000
	case 2:
		dest = g.devicePtr() &^ 1
	case 3:
		// Non-canonical, or the high half (maps nothing executable but data).
		dest = []uint64{0x0000004000000000, 0x8000000000000000, 0x0000800000000000}[g.pick(3)]
	case 4:
		dest = 0x803FFFFE // the end of RAM: a straddle there always faults
		if !g.p.RAMEndStraddle {
			dest = 0x80400000
		}
	default:
		dest = g.value() &^ 1
	}
	// RAM holds the harness and data, and the device tree is executable
	// too: running data would be chaos, not a test.
	if dest != gadgetAddr && dest != 0x803FFFFE && (dest >= RAMStart && dest < RAMStart+RAMLength || dest >= dtbBase && dest < dtbBase+0x100000) {
		dest = gadgetAddr
	}
	return []string{"la ra, " + back, li(t, dest), fmt.Sprintf("jalr x0, 0(%s)", rn(t)), back + ":", "la ra, " + s.endLabel()}
}

func (g *gen) itemStraddle(s *Segment) []string {
	if len(s.Straddles) == 0 {
		return g.itemALU(s)
	}
	j := g.pick(len(s.Straddles))
	return []string{fmt.Sprintf("jal ra, seg%d_straddle%d", s.Index, j), "la ra, " + s.endLabel()}
}

func (g *gen) itemTrap(s *Segment) []string {
	switch g.pick(5) {
	case 0:
		return []string{"ecall"}
	case 1:
		return []string{"ebreak"}
	case 2:
		return cInsn("c.ebreak")
	case 3:
		return []string{".word 0x00000000 # illegal", ".half 0x0000 # illegal (c.unimp)"}
	default:
		return []string{"unimp"}
	}
}

// itemRandomWord places random instruction words: the decoder must agree
// on what is illegal and what each legal word does.
func (g *gen) itemRandomWord(s *Segment) []string {
	var out []string
	for n := 1 + g.pick(3); n > 0; n-- {
		if g.chance(0.5) {
			for {
				w := g.r.Uint32()
				if g.chance(0.5) {
					// Keep a common major opcode, randomise the rest.
					ops := []uint32{0x03, 0x0F, 0x13, 0x1B, 0x23, 0x2F, 0x33, 0x3B, 0x37, 0x17}
					w = w&^0x7F | ops[g.pick(len(ops))]
				}
				if safeRandomWord(w, g.opts.AllowFloat) {
					out = append(out, fmt.Sprintf(".word 0x%08x", w))
					break
				}
			}
		} else {
			for {
				h := uint16(g.r.Uint32())
				if safeRandomHalf(h, g.opts.AllowFloat) {
					out = append(out, fmt.Sprintf(".half 0x%04x", h))
					break
				}
			}
		}
	}
	return out
}

// itemSystem places SYSTEM words: privileged instructions in the wrong mode,
// odd encodings of ECALL/EBREAK/WFI, SFENCE.VMA forms.
func (g *gen) itemSystem(s *Segment) []string {
	const (
		mret = 0x30200073
		sret = 0x10200073
	)
	for {
		var w uint32
		switch g.pick(8) {
		case 0:
			w = mret
		case 1:
			w = sret
		case 2:
			w = 0x10500073 // wfi
		case 3:
			w = encR(0x73, 0, 0x09, 0, uint32(g.pick(32)), uint32(g.pick(32))) // sfence.vma
		case 4:
			w = 0x7b200073 // dret
		case 5:
			w = 0x00200073 // uret
		case 6:
			// funct3 = 0 with random fields
			w = g.r.Uint32()&^0x707F | 0x73
		default:
			// ECALL/EBREAK/WFI/MRET/SRET with a non-zero rd or rs1
			base := []uint32{0x00000073, 0x00100073, 0x10500073, mret, sret}[g.pick(5)]
			w = base | uint32(1+g.pick(31))<<7
			if g.chance(0.5) {
				w = base | uint32(1+g.pick(31))<<15
			}
		}
		// Real MRET/SRET would leave the segment's control flow.
		if w == mret && s.Priv == prvM {
			continue
		}
		if w == sret && (s.Priv == prvM || s.Priv == prvS && s.Mstatus&msTSR == 0) {
			continue
		}
		if rd := (w >> 7) & 31; reservedReg(rd) && (w>>12)&7 != 0 {
			continue
		}
		return []string{fmt.Sprintf(".word 0x%08x", w)}
	}
}

var csrList = []uint32{
	0x001, 0x002, 0x003, 0xC00, 0xC01, 0xC02, 0xC03, 0xC1F, 0xC80,
	0x100, 0x104, 0x105, 0x106, 0x10A, 0x140, 0x141, 0x142, 0x143, 0x144, 0x180, 0x10C, 0x5A8,
	0xF11, 0xF12, 0xF13, 0xF14, 0xF15,
	0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x30A, 0x30C, 0x310, 0x31A, 0x320, 0x323, 0x33F,
	0x340, 0x341, 0x342, 0x343, 0x344, 0x34A, 0x34B, 0x3A0, 0x3B0, 0x747,
	0xB00, 0xB02, 0xB03, 0xB1F, 0xB80, 0x7A0, 0x7A1, 0x7A2, 0x7A3, 0x7A8, 0x7B0,
	0x600, 0x200, 0xDA0,
}

// harnessCSRs must be restored right after a random write.
var harnessCSRs = map[uint32]bool{0x100: true, 0x104: true, 0x105: true, 0x144: true, 0x180: true,
	0x300: true, 0x302: true, 0x303: true, 0x304: true, 0x305: true, 0x344: true, 0x340: true}

// csrValue is a random value, biased by what the CSR holds.
func (g *gen) csrValue(csr uint32, s *Segment) uint64 {
	switch csr {
	case 0x300, 0x100: // mstatus, sstatus
		v := g.value()
		if g.chance(0.6) {
			v = s.Mstatus ^ 1<<uint(g.pick(40))
		}
		return v
	case 0x180: // satp
		if s.Priv == prvS || s.Priv == prvU || g.chance(0.5) {
			// In S mode only values that keep the harness mapped.
			asid := uint64(g.pick(1<<16)) << 44
			switch g.pick(4) {
			case 0:
				return s.Satp&^(0xFFFF<<44) | asid
			case 1:
				if s.SatpAlt != 0 {
					return s.SatpAlt
				}
				return s.Satp
			case 2:
				return s.Satp | 0xF<<60 // unsupported modes keep satp
			default:
				if s.Satp == 0 {
					return uint64(10) << 60
				}
				return s.Satp ^ uint64(10^(s.Satp>>60))<<60 // Sv57
			}
		}
		return g.value()
	}
	return g.value()
}

func (g *gen) itemCSR(s *Segment) []string {
	csr := csrList[g.pick(len(csrList))]
	if g.chance(0.05) {
		csr = uint32(g.pick(4096))
	}
	t := g.tmps(2)
	val := g.csrValue(csr, s)
	rd := g.wreg()
	restore := harnessCSRs[csr]
	if csr == 0x180 && s.Priv != prvM {
		restore = false // only harmless values are written
	}
	if restore {
		rd = t[1]
	}
	var out []string
	switch g.pick(7) {
	case 0, 1:
		out = append(out, li(t[0], val), fmt.Sprintf("csrrw %s, 0x%x, %s", rn(rd), csr, rn(t[0])))
	case 2:
		out = append(out, li(t[0], val), fmt.Sprintf("csrrs %s, 0x%x, %s", rn(rd), csr, rn(t[0])))
	case 3:
		out = append(out, li(t[0], val), fmt.Sprintf("csrrc %s, 0x%x, %s", rn(rd), csr, rn(t[0])))
	case 4:
		op := []string{"csrrwi", "csrrsi", "csrrci"}[g.pick(3)]
		if op == "csrrci" && g.opts.Avoid["csrrci"] {
			op = "csrrsi"
		}
		out = append(out, fmt.Sprintf("%s %s, 0x%x, %d", op, rn(rd), csr, g.pick(32)))
	case 5: // pure read: rs1 = x0 does not write
		out = append(out, fmt.Sprintf("csrrs %s, 0x%x, x0", rn(g.wreg()), csr))
		restore = false
	default: // CSRRC/CSRRSI with zero source do not write either
		if g.chance(0.5) {
			out = append(out, fmt.Sprintf("csrrc %s, 0x%x, x0", rn(g.wreg()), csr))
		} else {
			out = append(out, fmt.Sprintf("csrrsi %s, 0x%x, 0", rn(g.wreg()), csr))
		}
		restore = false
	}
	// Read the CSR back and keep both values in memory, so a difference
	// survives the restore and later overwrites of the registers.
	back := t[0]
	out = append(out, fmt.Sprintf("csrrs %s, 0x%x, x0", rn(back), csr))
	if restore {
		out = append(out, fmt.Sprintf("csrw 0x%x, %s", csr, rn(rd)))
	}
	out = append(out, g.logRegs(s, back, rd)...)
	return out
}

// logRegs stores registers into the segment's result log (a data area
// nothing else writes on purpose), so values computed by the program reach
// the hashed state even if the registers are overwritten later.
func (g *gen) logRegs(s *Segment, regs ...uint32) []string {
	base := uint64(kdataBase + 0x70000)
	if s.Priv == prvU {
		base = udataBase + 0xE0000
	}
	var out []string
	for _, r := range regs {
		if r == 0 {
			continue
		}
		g.logSlot++
		addr := base + uint64(g.logSlot%0x2000)*8
		out = append(out, li(regTP, addr), fmt.Sprintf("sd %s, 0(tp)", rn(r)))
	}
	// tp is the harness's scratch: leave it as a trap would.
	return append(out, "li tp, 0")
}

// itemLog stores a few registers into the result log.
func (g *gen) itemLog(s *Segment) []string {
	var regs []uint32
	for n := 1 + g.pick(4); n > 0; n-- {
		regs = append(regs, g.anyReg())
	}
	return g.logRegs(s, regs...)
}

func (g *gen) itemCounter(s *Segment) []string {
	op := []string{"rdcycle", "rdtime", "rdinstret"}[g.pick(3)]
	return []string{fmt.Sprintf("%s %s", op, rn(g.wreg()))}
}

var amoOps = []string{"amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"}

func (g *gen) ordering() string {
	return []string{"", "", ".aq", ".rl", ".aqrl"}[g.pick(5)]
}

func (g *gen) itemAMO(s *Segment) []string {
	t := g.wregNZ()
	w := []string{".w", ".d"}[g.pick(2)]
	align := uint64(4)
	if w == ".d" {
		align = 8
	}
	var addr uint64
	switch g.pick(6) {
	case 0:
		addr = g.dataPtr(s, 1) // often misaligned
	case 1:
		addr = g.anyPtr(s) &^ (align - 1)
	default:
		addr = g.dataPtr(s, align)
	}
	return []string{li(t, addr), fmt.Sprintf("%s%s%s %s, %s, (%s)", amoOps[g.pick(len(amoOps))], w, g.ordering(), rn(g.wreg()), rn(g.anyReg()), rn(t))}
}

func (g *gen) itemLRSC(s *Segment) []string {
	t := g.tmps(2)
	w := []string{".w", ".d"}[g.pick(2)]
	align := uint64(4)
	if w == ".d" {
		align = 8
	}
	addr := g.dataPtr(s, align)
	if g.chance(0.1) {
		addr = g.anyPtr(s)
	}
	out := []string{li(t[0], addr)}
	lr := fmt.Sprintf("lr%s%s %s, (%s)", w, g.ordering(), rn(g.wreg()), rn(t[0]))
	sc := fmt.Sprintf("sc%s%s %s, %s, (%s)", w, g.ordering(), rn(g.wreg()), rn(g.anyReg()), rn(t[0]))
	switch g.pick(8) {
	case 0: // SC without LR
		out = append(out, sc)
	case 1: // SC to another address
		out = append(out, lr, fmt.Sprintf("addi %s, %s, %d", rn(t[0]), rn(t[0]), int(align)*(1+g.pick(4))), sc)
	case 2: // a trap between
		out = append(out, lr, "ecall", sc)
	case 3: // a store to the same address between
		out = append(out, lr, fmt.Sprintf("sd %s, 0(%s)", rn(g.anyReg()), rn(t[0]))+"", sc)
	case 4: // LR of the other width
		w2 := ".d"
		if w == ".d" {
			w2 = ".w"
		}
		out = append(out, fmt.Sprintf("lr%s %s, (%s)", w2, rn(g.wreg()), rn(t[0])), sc)
	case 5: // two SCs
		out = append(out, lr, sc, sc)
	default:
		out = append(out, lr, g.aluInsn(), sc)
	}
	return out
}

func (g *gen) itemFence(s *Segment) []string {
	switch g.pick(6) {
	case 0:
		return []string{"fence"}
	case 1:
		return []string{"fence.i"}
	case 2:
		return []string{"fence.tso"}
	case 3:
		return []string{"fence r, w"}
	case 4:
		// FENCE / FENCE.I with random fields (rd/rs1/imm are ignored or reserved).
		w := g.r.Uint32()&^0x707F | 0x0F | uint32(g.pick(2))<<12
		if reservedReg((w >> 7) & 31) {
			w &^= 31 << 7
		}
		return []string{fmt.Sprintf(".word 0x%08x", w)}
	default:
		var out []string
		switch g.pick(3) {
		case 0:
			out = append(out, "sfence.vma")
		case 1:
			out = append(out, fmt.Sprintf("sfence.vma %s", rn(g.anyReg())))
		default:
			out = append(out, fmt.Sprintf("sfence.vma %s, %s", rn(g.anyReg()), rn(g.anyReg())))
		}
		return out
	}
}

// itemDevice reads and writes device registers with chosen values.
func (g *gen) itemDevice(s *Segment) []string {
	t := g.tmps(2)
	addr := g.devicePtr()
	if g.chance(0.5) {
		l := loads[g.pick(len(loads))]
		return []string{li(t[0], addr), fmt.Sprintf("%s %s, 0(%s)", l.op, rn(g.wreg()), rn(t[0]))}
	}
	st := stores[g.pick(len(stores))]
	val := g.value()
	switch g.pick(6) {
	case 0: // HTIF console putchar
		addr, st.op, val = htifBase, "sd", 0x0101000000000000|uint64('a'+g.pick(26))
	case 1: // HTIF automatic yield (progress)
		addr, st.op, val = htifBase, "sd", 0x0200000100000000|uint64(g.pick(1000))
	case 2: // HTIF command of an unknown device or a disabled command
		addr, st.op = htifBase, "sd"
		val = []uint64{0x0300000000000000, 0x0102000000000041, 0x0100000000000000, 0x0002000000000000, 0x0201000500000000}[g.pick(5)]
	case 3:
		addr, val = clintCmp, uint64(g.pick(4))
	}
	return []string{li(t[0], addr), li(t[1], val), fmt.Sprintf("%s %s, 0(%s)", st.op, rn(t[1]), rn(t[0]))}
}

// itemInterrupt makes an interrupt pending (and maybe enabled).
func (g *gen) itemInterrupt(s *Segment) []string {
	t := g.tmps(2)
	switch g.pick(5) {
	case 0: // MSIP through the CLINT
		return []string{li(t[0], clintMsip), li(t[1], 1), fmt.Sprintf("sw %s, 0(%s)", rn(t[1]), rn(t[0]))}
	case 1:
		bit := []int{1, 5, 9}[g.pick(3)]
		return []string{li(t[0], 1<<uint(bit)), fmt.Sprintf("csrs mip, %s", rn(t[0]))}
	case 2:
		bit := []int{1, 5, 9}[g.pick(3)]
		return []string{li(t[0], 1<<uint(bit)), fmt.Sprintf("csrs sip, %s", rn(t[0]))}
	case 3:
		bit := []int{1, 3, 5, 7, 9, 11}[g.pick(6)]
		return []string{li(t[0], 1<<uint(bit)), fmt.Sprintf("csrs mie, %s", rn(t[0]))}
	default:
		if s.Priv == prvM {
			return []string{"csrsi mstatus, 8", "nop", "csrci mstatus, 8"}
		}
		return []string{"csrsi sstatus, 2", "nop", "csrci sstatus, 2"}
	}
}

// itemTimer arms mtimecmp and spins past the next timer tick.
func (g *gen) itemTimer(s *Segment) []string {
	t := g.tmps(2)
	out := []string{li(t[0], clintCmp), "rdtime " + rn(t[1]), fmt.Sprintf("addi %s, %s, 1", rn(t[1]), rn(t[1])), fmt.Sprintf("sd %s, 0(%s)", rn(t[1]), rn(t[0]))}
	if s.Priv == prvM {
		out = append(out, li(t[0], 1<<7), fmt.Sprintf("csrs mie, %s", rn(t[0])), "csrsi mstatus, 8")
	}
	loop := g.newLabel()
	body := "nop"
	// WFI is illegal in U and in S with TW: a trap per iteration.
	if (s.Priv == prvM || s.Priv == prvS && s.Mstatus&msTW == 0) && g.chance(0.4) {
		body = "wfi"
	}
	out = append(out, li(regLC, 4200), loop+":", body, fmt.Sprintf("addi %s, %s, -1", rn(regLC), rn(regLC)), fmt.Sprintf("bnez %s, %s", rn(regLC), loop))
	if s.Priv == prvM {
		out = append(out, "csrci mstatus, 8")
	}
	return out
}

func (g *gen) itemLoop(s *Segment) []string {
	loop := g.newLabel()
	out := []string{li(regLC, uint64(2+g.pick(40))), loop + ":"}
	for n := 1 + g.pick(4); n > 0; n-- {
		switch g.pick(3) {
		case 0:
			out = append(out, g.memInsn())
		case 1:
			out = append(out, g.aluCInsn()...)
		default:
			out = append(out, g.aluInsn())
		}
	}
	return append(out, fmt.Sprintf("addi %s, %s, -1", rn(regLC), rn(regLC)), fmt.Sprintf("bnez %s, %s", rn(regLC), loop))
}

// itemSMC rewrites an instruction ahead of itself, then runs it.
func (g *gen) itemSMC(s *Segment) []string {
	t := g.tmps(2)
	slot := g.newLabel()
	rd := g.cReg() // a harmless destination
	var word uint64
	var store, placeholder string
	if g.chance(0.7) {
		switch g.pick(3) {
		case 0:
			word = uint64(encI(0x13, 0, rd, rd, g.imm12())) // addi
		case 1:
			word = uint64(encI(0x13, 4, rd, uint32(g.pick(32)), g.imm12())) // xori
		default:
			word = uint64(encR(0x33, 0, 1, rd, uint32(g.pick(32)), uint32(g.pick(32)))) // mul
		}
		store, placeholder = "sw", "addi x0, x0, 0"
	} else {
		// c.addi rd, imm: 000 imm[5] rd imm[4:0] 01
		imm := uint32(1 + g.pick(31))
		word = uint64(rd<<7 | imm<<2 | 1)
		store, placeholder = "sh", ".half 0x0001 # c.nop"
	}
	out := []string{"la " + rn(t[0]) + ", " + slot, li(t[1], word), fmt.Sprintf("%s %s, 0(%s)", store, rn(t[1]), rn(t[0]))}
	if g.chance(0.8) {
		out = append(out, "fence.i")
	}
	return append(out, slot+":", placeholder)
}

// itemMPRV makes M-mode loads and stores use another privilege.
func (g *gen) itemMPRV(s *Segment) []string {
	if s.Priv != prvM {
		return g.itemSumMxr(s)
	}
	t := g.wregNZ()
	bits := uint64(msMPRV) | uint64(g.pick(2))<<11 // MPP = U or S
	if g.chance(0.3) {
		bits |= msSUM
	}
	if g.chance(0.3) {
		bits |= msMXR
	}
	out := []string{li(t, bits), fmt.Sprintf("csrs mstatus, %s", rn(t))}
	for n := 1 + g.pick(3); n > 0; n-- {
		out = append(out, g.memInsn())
	}
	return append(out, fmt.Sprintf("csrc mstatus, %s", rn(t)))
}

// itemSumMxr toggles SUM or MXR and accesses memory.
func (g *gen) itemSumMxr(s *Segment) []string {
	if s.Priv == prvU {
		return g.itemMem(s)
	}
	t := g.wregNZ()
	bit := []uint64{msSUM, msMXR, msSUM | msMXR}[g.pick(3)]
	op := []string{"csrs", "csrc"}[g.pick(2)]
	csr := "sstatus"
	if s.Priv == prvM && g.chance(0.5) {
		csr = "mstatus"
	}
	out := []string{li(t, bit), fmt.Sprintf("%s %s, %s", op, csr, rn(t))}
	for n := 1 + g.pick(3); n > 0; n-- {
		out = append(out, g.memInsn())
	}
	return out
}

// itemSatp switches between the segment's page tables, with or without
// SFENCE.VMA.
func (g *gen) itemSatp(s *Segment) []string {
	if s.Priv == prvU || s.Satp == 0 {
		return g.itemFence(s)
	}
	t := g.wregNZ()
	v := s.Satp
	if g.chance(0.5) {
		v = s.SatpAlt
	}
	if g.chance(0.5) {
		v = v&^(0xFFFF<<44) | uint64(g.pick(1<<16))<<44
	}
	out := []string{li(t, v), fmt.Sprintf("csrw satp, %s", rn(t))}
	switch g.pick(4) {
	case 0:
		out = append(out, "sfence.vma")
	case 1:
		out = append(out, fmt.Sprintf("sfence.vma %s", rn(g.ptr())))
	case 2:
		out = append(out, fmt.Sprintf("sfence.vma x0, %s", rn(t)))
	}
	return out
}

// itemPTE rewrites a test PTE, maybe fences, then accesses through it.
func (g *gen) itemPTE(s *Segment) []string {
	tb := g.tables[s.Index]
	if tb == nil || s.Priv == prvU {
		return g.itemMem(s)
	}
	t := g.tmps(2)
	k := g.pick(64)
	if k == 8 {
		k = 9
	}
	var pteAddr, va uint64
	var v uint64
	switch g.pick(4) {
	case 0:
		pteAddr, va = tb.l1t+8, 0x40200000+0x80000
		v = g.randomLeaf(s, []uint64{RAMStart, 0}[g.pick(2)], 1)
	case 1:
		pteAddr, va = tb.top+3*8, 0xC0080000
		v = g.randomLeaf(s, RAMStart, 2)
	case 2:
		// Page 63 maps code: one gadget or the other.
		pteAddr, va = tb.l0t+63*8, 0x4003F000
		v = g.randomLeaf(s, []uint64{gadgetAddr, gadget2Addr}[g.pick(2)], 0)
	default:
		pteAddr, va = tb.l0t+uint64(k)*8, 0x40000000+uint64(k)*0x1000
		v = g.randomLeaf(s, g.testTarget(tb), 0)
	}
	out := []string{li(t[0], pteAddr), li(t[1], v), fmt.Sprintf("sd %s, 0(%s)", rn(t[1]), rn(t[0]))}
	switch g.pick(4) {
	case 0:
		out = append(out, "sfence.vma")
	case 1:
		out = append(out, li(t[0], va), fmt.Sprintf("sfence.vma %s", rn(t[0])))
	case 2:
		out = append(out, li(t[0], va), fmt.Sprintf("sfence.vma %s, %s", rn(t[0]), rn(g.anyReg())))
	}
	out = append(out, li(t[0], va+uint64(g.pick(64))*8))
	for n := 1 + g.pick(3); n > 0; n-- {
		if g.chance(0.5) {
			out = append(out, fmt.Sprintf("ld %s, 0(%s)", rn(g.wreg()), rn(t[0])))
		} else {
			out = append(out, fmt.Sprintf("sw %s, 8(%s)", rn(g.anyReg()), rn(t[0])))
		}
	}
	if pteAddr == tb.l0t+63*8 && g.chance(0.5) {
		// Jump through the rewritten mapping. Only page 63 may map code:
		// the trap handlers read instructions at their physical addresses,
		// so code may run only where the two agree (or in the gadget, which
		// never traps).
		back := g.newLabel()
		out = append(out, "la ra, "+back, li(t[0], va), fmt.Sprintf("jalr x0, 0(%s)", rn(t[0])), back+":", "la ra, "+s.endLabel())
	}
	return out
}

// itemPrivTrip leaves M for S or U at the next instruction, runs a few
// items there, and comes back with an ECALL the harness recognises.
func (g *gen) itemPrivTrip(s *Segment) []string {
	if s.Priv != prvM {
		return g.itemCSR(s)
	}
	// U cannot run kernel pages when paging is on (harness pages have U=0);
	// medeleg bit 8 would send the return ECALL to S.
	to := prvS
	if s.Satp == 0 && s.Medeleg&(1<<8) == 0 && g.chance(0.5) {
		to = prvU
	}
	t := g.tmps(2)
	there := g.newLabel()
	var out []string
	if g.chance(0.5) {
		out = []string{
			li(t[0], msMPP), fmt.Sprintf("csrc mstatus, %s", rn(t[0])),
			li(t[0], uint64(to)<<11), fmt.Sprintf("csrs mstatus, %s", rn(t[0])),
			"la " + rn(t[1]) + ", " + there, fmt.Sprintf("csrw mepc, %s", rn(t[1])),
			"mret",
			there + ":",
		}
	} else {
		// SRET is legal in M too: it returns to SPP (S or U) at sepc.
		op := "csrc"
		if to == prvS {
			op = "csrs"
		}
		out = []string{
			li(t[0], msSPP), fmt.Sprintf("%s mstatus, %s", op, rn(t[0])),
			"la " + rn(t[1]) + ", " + there, fmt.Sprintf("csrw sepc, %s", rn(t[1])),
			"sret",
			there + ":",
		}
	}
	for n := 1 + g.pick(3); n > 0; n-- {
		switch g.pick(3) {
		case 0:
			out = append(out, g.memInsn())
		case 1:
			out = append(out, g.aluInsn())
		default:
			out = append(out, fmt.Sprintf("csrr %s, 0x%x", rn(g.wreg()), csrList[g.pick(len(csrList))]))
		}
	}
	return append(out, li(regTP, magicBack), "ecall")
}

// smcWord draws an instruction word to store into code: 4 bytes (an ALU
// operation on a harmless register) or 2 bytes (C.ADDI).
func (g *gen) smcWord(rd uint32) (word uint64, store string) {
	if g.chance(0.7) {
		switch g.pick(3) {
		case 0:
			return uint64(encI(0x13, 0, rd, rd, g.imm12())), "sw" // addi
		case 1:
			return uint64(encI(0x13, 4, rd, uint32(g.pick(32)), g.imm12())), "sw" // xori
		default:
			return uint64(encR(0x33, 0, 1, rd, uint32(g.pick(32)), uint32(g.pick(32)))), "sw" // mul
		}
	}
	return uint64(rd<<7 | uint32(1+g.pick(31))<<2 | 1), "sh" // c.addi rd, imm
}

// itemSMCLoop runs an instruction, rewrites it, and runs it again: an
// engine that caches decoded instructions must notice the store, whatever
// kind of store it is.
func (g *gen) itemSMCLoop(s *Segment) []string {
	// Temporaries outside x8..x15, the base in it (compressed stores need
	// that), and the rewritten instructions write another register of it.
	t := g.tmpsOutsideC(2)
	base := g.cReg()
	rd := g.cReg()
	for rd == base {
		rd = g.cReg()
	}
	loop, slot := g.newLabel(), g.newLabel()
	word, store := g.smcWord(rd)
	placeholder := fmt.Sprintf("addi %s, %s, 1", rn(rd), rn(g.cReg()))
	if store == "sh" {
		placeholder = fmt.Sprintf(".half 0x%04x # c.addi", rd<<7|uint32(1+g.pick(31))<<2|1)
	} else {
		store = []string{"sw", "sw", "sd", "sb", "c.sw", "c.sd", "amoswap.w", "amoadd.w", "sc.w"}[g.pick(9)]
		if store == "sd" || store == "c.sd" {
			word |= uint64(encI(0x13, 0, 0, 0, 0)) << 32 // the slot and a nop after it
		}
		if store == "amoadd.w" {
			word = 0x80 // adds one to the placeholder's rd; the next round subtracts it
			if rd+1 == base {
				word = 0x1000 // adds one to funct3: addi becomes slli (shamt from the immediate)
			}
		}
	}
	// The word flips between two values (immediate bit 0 toggled) each
	// round; enough rounds make the code hot for engines that translate it.
	toggle := uint64(1 << 20)
	if store == "sh" {
		toggle = 1 << 2
	}
	rounds := uint64(2 + g.pick(3))
	if g.chance(0.3) {
		rounds = uint64(17 + g.pick(24))
	}
	out := []string{li(regLC, rounds), li(t[0], toggle), "la " + rn(base) + ", " + slot, li(t[1], word),
		".option push", ".option rvc", ".balign 8", ".option pop", loop + ":", slot + ":", placeholder}
	if strings.HasSuffix(store, "sd") {
		out = append(out, "addi x0, x0, 0")
	}
	switch store {
	case "c.sw", "c.sd":
		src := g.cReg()
		for src == base {
			src = g.cReg()
		}
		out = append(out, fmt.Sprintf("mv %s, %s", rn(src), rn(t[1])))
		out = append(out, cInsn(fmt.Sprintf("%s %s, 0(%s)", store, rn(src), rn(base)))...)
	case "amoswap.w", "amoadd.w":
		r := g.wreg()
		for r == t[0] || r == t[1] || r == base {
			r = g.wreg()
		}
		out = append(out, fmt.Sprintf("%s %s, %s, (%s)", store, rn(r), rn(t[1]), rn(base)))
	case "sc.w":
		r := g.wregNZ()
		for r == t[0] || r == t[1] || r == base {
			r = g.wregNZ()
		}
		out = append(out, fmt.Sprintf("lr.w %s, (%s)", rn(r), rn(base)), fmt.Sprintf("sc.w %s, %s, (%s)", rn(r), rn(t[1]), rn(base)))
	default:
		out = append(out, fmt.Sprintf("%s %s, 0(%s)", store, rn(t[1]), rn(base)))
	}
	if g.chance(0.5) {
		out = append(out, "fence.i")
	}
	// Change the word for the next round.
	if store == "amoadd.w" {
		out = append(out, fmt.Sprintf("sub %s, x0, %s", rn(t[1]), rn(t[1])))
	} else {
		out = append(out, fmt.Sprintf("xor %s, %s, %s", rn(t[1]), rn(t[1]), rn(t[0])))
	}
	return append(out, fmt.Sprintf("addi %s, %s, -1", rn(regLC), rn(regLC)), fmt.Sprintf("bnez %s, %s", rn(regLC), loop))
}

// itemSMCAlias maps a test page onto the page of an instruction and
// rewrites the instruction through that second virtual address.
func (g *gen) itemSMCAlias(s *Segment) []string {
	tb := g.tables[s.Index]
	if tb == nil || s.Priv == prvU {
		return g.itemSMCLoop(s)
	}
	t := g.tmpsOutsideC(3)
	k := 10 + g.pick(50)
	loop, slot := g.newLabel(), g.newLabel()
	rd := g.cReg()
	word, store := g.smcWord(rd)
	placeholder := fmt.Sprintf("addi %s, %s, 1", rn(rd), rn(g.cReg()))
	if store == "sh" {
		placeholder = fmt.Sprintf(".half 0x%04x # c.addi", rd<<7|uint32(1+g.pick(31))<<2|1)
	}
	alias := uint64(0x40000000 + k*0x1000)
	load := "lwu"
	if store == "sh" {
		load = "lhu"
	}
	out := []string{
		// PTE for the alias: the slot's page, readable and writable.
		"la " + rn(t[0]) + ", " + slot,
		fmt.Sprintf("srli %s, %s, 12", rn(t[0]), rn(t[0])),
		fmt.Sprintf("slli %s, %s, 10", rn(t[0]), rn(t[0])),
		fmt.Sprintf("ori %s, %s, 0x%x", rn(t[0]), rn(t[0]), pteV|pteR|pteW|pteA|pteD),
		li(t[1], tb.l0t+uint64(k)*8),
		fmt.Sprintf("sd %s, 0(%s)", rn(t[0]), rn(t[1])),
		"sfence.vma",
		// The alias address of the slot.
		"la " + rn(t[0]) + ", " + slot,
		fmt.Sprintf("slli %s, %s, 52", rn(t[0]), rn(t[0])),
		fmt.Sprintf("srli %s, %s, 52", rn(t[0]), rn(t[0])),
		li(t[1], alias),
		fmt.Sprintf("add %s, %s, %s", rn(t[0]), rn(t[0]), rn(t[1])),
	}
	if g.chance(0.5) {
		// Put the alias in the read and write TLBs before the slot's page
		// is decoded: rewrite the slot with its own value.
		out = append(out, fmt.Sprintf("%s %s, 0(%s)", load, rn(t[2]), rn(t[0])), fmt.Sprintf("%s %s, 0(%s)", store, rn(t[2]), rn(t[0])))
	}
	out = append(out,
		li(t[2], word),
		li(regLC, 2),
		".option push", ".option rvc", ".balign 8", ".option pop",
		loop+":",
		slot+":",
		placeholder,
		fmt.Sprintf("%s %s, 0(%s)", store, rn(t[2]), rn(t[0])))
	if g.chance(0.5) {
		out = append(out, "fence.i")
	}
	return append(out, fmt.Sprintf("addi %s, %s, 0x80", rn(t[2]), rn(t[2])), fmt.Sprintf("addi %s, %s, -1", rn(regLC), rn(regLC)), fmt.Sprintf("bnez %s, %s", rn(regLC), loop))
}

// itemReservedC places reserved and hint encodings of the C extension.
func (g *gen) itemReservedC(s *Segment) []string {
	list := []struct {
		h    uint16
		name string
	}{
		{0x0000, "illegal (all zero)"}, {0x8002, "c.jr x0 (reserved)"}, {0x4002, "c.lwsp x0 (reserved)"},
		{0x6002, "c.ldsp x0 (reserved)"}, {0x6101, "c.addi16sp 0 (reserved)"}, {0x6281, "c.lui x5, 0 (reserved)"},
		{0x2005, "c.addiw x0 (reserved)"}, {0x4005, "c.li x0, 1 (hint)"}, {0x6005, "c.lui x0, 1 (hint)"},
		{0x0005, "c.addi x0, 1 (hint)"}, {0x0015, "c.nop 5 (hint)"}, {0x0281, "c.addi x5, 0 (hint)"},
		{0x800A, "c.mv x0, sp (hint)"}, {0x900A, "c.add x0, sp (hint)"}, {0x0016, "c.slli x0, 5 (hint)"},
		{0x0282, "c.slli x5, 0 (hint in RV64? shamt 0)"}, {0x8001, "c.srli x8, 0 (hint)"}, {0x8401, "c.srai x8, 0 (hint)"},
		{0x1002, "c.slli x0, 32"}, {0x9C01, "c.subw x8, x8"}, {0x9C21, "c.addw x8, x8"},
		{0x9CE1, "c.zext.b s1"}, {0x9C7D, "Zcb unary 111 (reserved)"}, {0x9CF9, "Zcb unary 110 (reserved)"},
		{0x8004, "c.lbu s1, 0(s0)"}, {0x9000, "quadrant 0 funct6 100100 (reserved)"}, {0x0001, "c.nop"},
	}
	e := list[g.pick(len(list))]
	return []string{half(e.h, e.name)}
}

// itemPTEInCode makes the page walker update an instruction that already
// ran: a level-1 entry of the test window points at the code page as if it
// were a level-0 table, so the 8-byte slot below is the leaf PTE for one
// window page. "sb x0, 8(x0)" (0x00000423) reads as V, R, G; the walk sets
// A (bit 6) and the word becomes "beq x0, x0, 8". The slot runs before and
// after the walk.
func (g *gen) itemPTEInCode(s *Segment) []string {
	tb := g.tables[s.Index]
	if tb == nil || s.Priv != prvS {
		return g.itemSMCLoop(s)
	}
	t := g.tmps(3)
	loop, slot := g.newLabel(), g.newLabel()
	return []string{
		"la " + rn(t[0]) + ", " + slot,
		fmt.Sprintf("srli %s, %s, 12", rn(t[0]), rn(t[0])),
		fmt.Sprintf("slli %s, %s, 10", rn(t[0]), rn(t[0])),
		fmt.Sprintf("ori %s, %s, 1", rn(t[0]), rn(t[0])),
		li(t[1], tb.l1t+2*8),
		fmt.Sprintf("sd %s, 0(%s)", rn(t[0]), rn(t[1])),
		"sfence.vma",
		// The window address whose level-0 index selects the slot.
		"la " + rn(t[2]) + ", " + slot,
		fmt.Sprintf("slli %s, %s, 52", rn(t[2]), rn(t[2])),
		fmt.Sprintf("srli %s, %s, 55", rn(t[2]), rn(t[2])),
		fmt.Sprintf("slli %s, %s, 12", rn(t[2]), rn(t[2])),
		li(t[1], 0x40400000),
		fmt.Sprintf("add %s, %s, %s", rn(t[2]), rn(t[2]), rn(t[1])),
		li(regLC, 2),
		".balign 8",
		loop + ":",
		slot + ":",
		"sb x0, 8(x0)",
		"addi x0, x0, 0",
		fmt.Sprintf("ld %s, 0(%s)", rn(g.wreg()), rn(t[2])),
		fmt.Sprintf("addi %s, %s, -1", rn(regLC), rn(regLC)),
		fmt.Sprintf("bnez %s, %s", rn(regLC), loop),
	}
}

// itemDTBCode writes a function into the device-tree range (writable and
// executable memory, outside RAM), calls it, rewrites one instruction and
// calls it again. Only where addresses are physical (M, or bare).
func (g *gen) itemDTBCode(s *Segment) []string {
	if s.Satp != 0 && s.Priv != prvM {
		return g.itemSMCLoop(s)
	}
	t := g.tmps(2)
	fn := uint64(dtbBase + 0x80000 + uint64(g.pick(0x70))*0x1000 + uint64(g.pick(0x1F0))*8)
	first := uint64(encI(0x13, 0, 10, 10, 1))  // addi a0, a0, 1
	second := uint64(encI(0x13, 0, 11, 11, 2)) // addi a1, a1, 2
	ret := uint64(encI(0x67, 0, 0, regRA, 0))  // jalr x0, 0(ra)
	back1, back2 := g.newLabel(), g.newLabel()
	out := []string{
		li(t[0], fn),
		li(t[1], ret<<32|first), fmt.Sprintf("sd %s, 0(%s)", rn(t[1]), rn(t[0])),
		"la ra, " + back1, fmt.Sprintf("jalr x0, 0(%s)", rn(t[0])), back1 + ":",
		li(t[1], second), fmt.Sprintf("sw %s, 0(%s)", rn(t[1]), rn(t[0])),
	}
	if g.chance(0.5) {
		out = append(out, "fence.i")
	}
	return append(out, "la ra, "+back2, fmt.Sprintf("jalr x0, 0(%s)", rn(t[0])), back2+":", "la ra, "+s.endLabel())
}

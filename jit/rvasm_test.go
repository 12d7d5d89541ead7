package jit_test

import (
	"testing"

	"github.com/rivetvm/rivet/emu/isa"
)

// A small RV64GC encoder for the program generator of the JIT fuzz tests.
// Each function returns one instruction word (the low 16 bits for a
// compressed one). Immediates are taken modulo their field: callers pass
// values in range, and the tests in this file check every encoder against
// emu/isa's decoder.

// Base-ISA major opcodes.
const (
	opLoad    = 0x03
	opLoadFP  = 0x07
	opMiscMem = 0x0F
	opImm     = 0x13
	opAUIPC   = 0x17
	opImm32   = 0x1B
	opStore   = 0x23
	opStoreFP = 0x27
	opAMO     = 0x2F
	opOp      = 0x33
	opLUI     = 0x37
	opOp32    = 0x3B
	opMAdd    = 0x43
	opMSub    = 0x47
	opNMSub   = 0x4B
	opNMAdd   = 0x4F
	opFP      = 0x53
	opBranch  = 0x63
	opJALR    = 0x67
	opJAL     = 0x6F
	opSystem  = 0x73
)

// Register numbers by ABI name (those the generator names).
const (
	rZero = 0
	rRA   = 1
	rSP   = 2
	rGP   = 3
	rTP   = 4
	rT0   = 5
	rT5   = 30
	rT6   = 31
)

func encR(funct7, rs2, rs1, funct3, rd, opcode uint32) uint32 {
	return (funct7&0x7F)<<25 | (rs2&31)<<20 | (rs1&31)<<15 | (funct3&7)<<12 | (rd&31)<<7 | opcode
}

func encI(imm int64, rs1, funct3, rd, opcode uint32) uint32 {
	return uint32(imm&0xFFF)<<20 | (rs1&31)<<15 | (funct3&7)<<12 | (rd&31)<<7 | opcode
}

func encS(imm int64, rs2, rs1, funct3, opcode uint32) uint32 {
	u := uint32(imm)
	return (u>>5&0x7F)<<25 | (rs2&31)<<20 | (rs1&31)<<15 | (funct3&7)<<12 | (u&0x1F)<<7 | opcode
}

// encB encodes a conditional branch; off is the byte offset (even, ±4 KiB).
func encB(off int64, rs2, rs1, funct3 uint32) uint32 {
	u := uint32(off)
	return (u>>12&1)<<31 | (u>>5&0x3F)<<25 | (rs2&31)<<20 | (rs1&31)<<15 | (funct3&7)<<12 |
		(u>>1&0xF)<<8 | (u>>11&1)<<7 | opBranch
}

func encU(imm20 uint32, rd, opcode uint32) uint32 { return (imm20&0xFFFFF)<<12 | (rd&31)<<7 | opcode }

// encJAL encodes JAL with a byte offset (even, ±1 MiB).
func encJAL(rd uint32, off int64) uint32 {
	u := uint32(off)
	return (u>>20&1)<<31 | (u>>1&0x3FF)<<21 | (u>>11&1)<<20 | (u>>12&0xFF)<<12 | (rd&31)<<7 | opJAL
}

func encJALR(rd, rs1 uint32, imm int64) uint32 { return encI(imm, rs1, 0, rd, opJALR) }

func encLUI(rd uint32, imm20 uint32) uint32   { return encU(imm20, rd, opLUI) }
func encAUIPC(rd uint32, imm20 uint32) uint32 { return encU(imm20, rd, opAUIPC) }

func encADDI(rd, rs1 uint32, imm int64) uint32  { return encI(imm, rs1, 0, rd, opImm) }
func encADDIW(rd, rs1 uint32, imm int64) uint32 { return encI(imm, rs1, 0, rd, opImm32) }
func encSLLI(rd, rs1, sh uint32) uint32         { return encI(int64(sh&63), rs1, 1, rd, opImm) }
func encANDI(rd, rs1 uint32, imm int64) uint32  { return encI(imm, rs1, 7, rd, opImm) }
func encXORI(rd, rs1 uint32, imm int64) uint32  { return encI(imm, rs1, 4, rd, opImm) }

// Loads and stores by width code (0: byte, 1: half, 2: word, 3: double;
// +4 for the unsigned loads).
func encLoad(funct3, rd, rs1 uint32, imm int64) uint32 { return encI(imm, rs1, funct3, rd, opLoad) }
func encStore(funct3, rs2, rs1 uint32, imm int64) uint32 {
	return encS(imm, rs2, rs1, funct3, opStore)
}

func encBNE(rs1, rs2 uint32, off int64) uint32 { return encB(off, rs2, rs1, 1) }
func encBEQ(rs1, rs2 uint32, off int64) uint32 { return encB(off, rs2, rs1, 0) }
func encBLT(rs1, rs2 uint32, off int64) uint32 { return encB(off, rs2, rs1, 4) }

// CSR instructions: funct3 1..3 (RW, RS, RC) take rs1, 5..7 a 5-bit immediate.
func encCSR(funct3, rd, csr, rs1 uint32) uint32 {
	return (csr&0xFFF)<<20 | (rs1&31)<<15 | (funct3&7)<<12 | (rd&31)<<7 | opSystem
}

func encCSRR(rd, csr uint32) uint32  { return encCSR(2, rd, csr, rZero) }
func encCSRW(csr, rs1 uint32) uint32 { return encCSR(1, rZero, csr, rs1) }
func encCSRS(csr, rs1 uint32) uint32 { return encCSR(2, rZero, csr, rs1) }
func encCSRC(csr, rs1 uint32) uint32 { return encCSR(3, rZero, csr, rs1) }

const (
	wordECALL     = 0x00000073
	wordEBREAK    = 0x00100073
	wordMRET      = 0x30200073
	wordSRET      = 0x10200073
	wordWFI       = 0x10500073
	wordFENCE     = 0x0FF0000F
	wordFENCEI    = 0x0000100F
	wordNOP       = 0x00000013
	wordCEBREAK   = 0x9002
	wordCNOP      = 0x0001
	wordSoftYield = 0x41FFD013 // SRAIW x0, x31, 31: the soft-yield hint
)

func encSFENCEVMA(rs1, rs2 uint32) uint32 { return encR(0x09, rs2, rs1, 0, 0, opSystem) }

// encAMO encodes LR (funct5 2), SC (3) and the AMOs; width 2 (W) or 3 (D).
func encAMO(funct5, aq, rl, rs2, rs1, width, rd uint32) uint32 {
	return encR(funct5<<2|(aq&1)<<1|rl&1, rs2, rs1, width, rd, opAMO)
}

// FP: fmt 0 single, 1 double; rm is the rounding-mode field (7: dynamic).
func encFPOp(funct5, fmt, rs2, rs1, rm, rd uint32) uint32 {
	return encR(funct5<<2|fmt&3, rs2, rs1, rm, rd, opFP)
}

func encFMA(opcode, fmt, rs3, rs2, rs1, rm, rd uint32) uint32 {
	return (rs3&31)<<27 | (fmt&3)<<25 | (rs2&31)<<20 | (rs1&31)<<15 | (rm&7)<<12 | (rd&31)<<7 | opcode
}

func encFLoad(width, rd, rs1 uint32, imm int64) uint32 { return encI(imm, rs1, width, rd, opLoadFP) }
func encFStore(width, rs2, rs1 uint32, imm int64) uint32 {
	return encS(imm, rs2, rs1, width, opStoreFP)
}

// Compressed encoders. Registers named with a prime (rdp, rs1p, rs2p) are
// x8..x15.

func cReg(r uint32) uint32 { return (r - 8) & 7 }

func encCADDI4SPN(rdp uint32, uimm uint32) uint32 {
	return (uimm>>4&3)<<11 | (uimm>>6&0xF)<<7 | (uimm>>2&1)<<6 | (uimm>>3&1)<<5 | cReg(rdp)<<2
}

// Quadrant-0 loads and stores: funct3 1 FLD, 2 LW, 3 LD, 5 FSD, 6 SW, 7 SD.
func encCMem(funct3, rs1p, r2p uint32, uimm uint32) uint32 {
	w := funct3<<13 | cReg(rs1p)<<7 | cReg(r2p)<<2
	w |= (uimm >> 3 & 7) << 10
	if funct3&3 == 2 { // LW, SW: uimm[2|6]
		w |= (uimm>>2&1)<<6 | (uimm>>6&1)<<5
	} else { // D-sized: uimm[7:6]
		w |= (uimm >> 6 & 3) << 5
	}
	return w
}

// encCI encodes a quadrant-1 or -2 CI format (funct3, 6-bit immediate).
func encCI(funct3, quadrant, rd uint32, imm int64) uint32 {
	u := uint32(imm)
	return funct3<<13 | (u>>5&1)<<12 | (rd&31)<<7 | (u&31)<<2 | quadrant
}

func encCADDI(rd uint32, imm int64) uint32  { return encCI(0, 1, rd, imm) }
func encCADDIW(rd uint32, imm int64) uint32 { return encCI(1, 1, rd, imm) }
func encCLI(rd uint32, imm int64) uint32    { return encCI(2, 1, rd, imm) }
func encCLUI(rd uint32, imm int64) uint32   { return encCI(3, 1, rd, imm) }
func encCSLLI(rd uint32, sh uint32) uint32  { return encCI(0, 2, rd, int64(sh)) }

func encCADDI16SP(imm int64) uint32 {
	u := uint32(imm)
	return 3<<13 | (u>>9&1)<<12 | 2<<7 | (u>>4&1)<<6 | (u>>6&1)<<5 | (u>>7&3)<<3 | (u>>5&1)<<2 | 1
}

// encCShiftAnd: kind 0 SRLI, 1 SRAI, 2 ANDI.
func encCShiftAnd(kind, rdp uint32, imm int64) uint32 {
	u := uint32(imm)
	return 4<<13 | (u>>5&1)<<12 | kind<<10 | cReg(rdp)<<7 | (u&31)<<2 | 1
}

// encCArith: kind 0 SUB, 1 XOR, 2 OR, 3 AND, 4 SUBW, 5 ADDW.
func encCArith(kind, rdp, rs2p uint32) uint32 {
	return 4<<13 | (kind>>2&1)<<12 | 3<<10 | cReg(rdp)<<7 | (kind&3)<<5 | cReg(rs2p)<<2 | 1
}

func encCJ(off int64) uint32 {
	u := uint32(off)
	return 5<<13 | (u>>11&1)<<12 | (u>>4&1)<<11 | (u>>8&3)<<9 | (u>>10&1)<<8 | (u>>6&1)<<7 |
		(u>>7&1)<<6 | (u>>1&7)<<3 | (u>>5&1)<<2 | 1
}

// encCBranch: bnez false for C.BEQZ, true for C.BNEZ.
func encCBranch(bnez bool, rs1p uint32, off int64) uint32 {
	u := uint32(off)
	f := uint32(6)
	if bnez {
		f = 7
	}
	return f<<13 | (u>>8&1)<<12 | (u>>3&3)<<10 | cReg(rs1p)<<7 | (u>>6&3)<<5 | (u>>1&3)<<3 | (u>>5&1)<<2 | 1
}

// Quadrant-2 stack-pointer loads: funct3 1 FLDSP, 2 LWSP, 3 LDSP.
func encCLoadSP(funct3, rd uint32, uimm uint32) uint32 {
	w := funct3<<13 | (uimm>>5&1)<<12 | (rd&31)<<7 | 2
	if funct3 == 2 {
		w |= (uimm>>2&7)<<4 | (uimm>>6&3)<<2
	} else {
		w |= (uimm>>3&3)<<5 | (uimm>>6&7)<<2
	}
	return w
}

// Quadrant-2 stack-pointer stores: funct3 5 FSDSP, 6 SWSP, 7 SDSP.
func encCStoreSP(funct3, rs2 uint32, uimm uint32) uint32 {
	w := funct3<<13 | (rs2&31)<<2 | 2
	if funct3 == 6 {
		w |= (uimm>>2&0xF)<<9 | (uimm>>6&3)<<7
	} else {
		w |= (uimm>>3&7)<<10 | (uimm>>6&7)<<7
	}
	return w
}

// encCR: quadrant-2 funct4 forms. bit12 0: JR (rs2 0) / MV; 1: JALR (rs2 0) / ADD.
func encCR(bit12, rd, rs2 uint32) uint32 { return 4<<13 | bit12<<12 | (rd&31)<<7 | (rs2&31)<<2 | 2 }

// Zcb: encCUnary f is 0 ZEXT.B, 1 SEXT.B, 2 ZEXT.H, 3 SEXT.H, 4 ZEXT.W,
// 5 NOT; encCZcbMem kind is 0 LBU, 1 LHU (uimm bit 0 set: LH), 2 SB, 3 SH
// with a 2-bit offset.
func encCUnary(f, rdp uint32) uint32  { return 0x9C61 | cReg(rdp)<<7 | (f&7)<<2 }
func encCMUL(rdp, rs2p uint32) uint32 { return 0x9C41 | cReg(rdp)<<7 | cReg(rs2p)<<2 }

// Bits 6 and 5 hold uimm[0] and uimm[1] (for LHU/SH bit 6 selects LH, or is
// reserved).
func encCZcbMem(kind, rs1p, r2p, uimm uint32) uint32 {
	return 4<<13 | (kind&3)<<10 | cReg(rs1p)<<7 | (uimm&1)<<6 | (uimm>>1&1)<<5 | cReg(r2p)<<2
}

// loadImm returns instructions that set rd to v (LUI/ADDIW/SLLI/ADDI, the
// usual RV64 constant materialisation).
func loadImm(rd uint32, v uint64) []uint32 {
	s := int64(v)
	if s == int64(int32(s)) {
		hi := uint32((s+0x800)>>12) & 0xFFFFF
		lo := s << 52 >> 52
		var out []uint32
		if hi != 0 {
			out = append(out, encLUI(rd, hi))
			if lo != 0 {
				out = append(out, encADDIW(rd, rd, lo))
			}
			return out
		}
		return append(out, encADDI(rd, rZero, lo))
	}
	lo := s << 52 >> 52
	hi := (s - lo) >> 12
	shift := uint32(12)
	for hi&1 == 0 {
		hi >>= 1
		shift++
	}
	out := loadImm(rd, uint64(hi))
	out = append(out, encSLLI(rd, rd, shift))
	if lo != 0 {
		out = append(out, encADDI(rd, rd, lo))
	}
	return out
}

// TestEncodersDecode checks the encoders against emu/isa's decoder with
// random operands, and a few words against the ISA manual's encodings.
func TestEncodersDecode(t *testing.T) {
	known := []struct {
		got, want uint32
		what      string
	}{
		{encADDI(0, 0, 0), 0x00000013, "nop"},
		{encADDI(10, 11, -1), 0xFFF58513, "addi a0, a1, -1"},
		{encJAL(1, 2048), 0x001000EF, "jal ra, 2048"},
		{encB(-4, 0, 31, 4), 0xFE0FCEE3, "blt t6, x0, -4"},
		{encStore(3, 5, 2, -8), 0xFE513C23, "sd t0, -8(sp)"},
		{encLUI(5, 0x40008), 0x400082B7, "lui t0, 0x40008"},
		{encCSRR(10, 0x342), 0x34202573, "csrr a0, mcause"},
		{encAMO(2, 0, 0, 0, 10, 3, 11), 0x100535AF, "lr.d a1, (a0)"},
		{encFPOp(0, 1, 2, 1, 7, 0), 0x0220F053, "fadd.d f0, f1, f2, dyn"},
		{encCJ(-2), 0xBFFD, "c.j -2"},
		{encCADDI(10, -1), 0x157D, "c.addi a0, -1"},
		{encCMem(3, 8, 9, 8), 0x6404, "c.ld s1, 8(s0)"},
		{encCLoadSP(3, 1, 8), 0x60A2, "c.ldsp ra, 8(sp)"},
		{encCStoreSP(7, 1, 8), 0xE406, "c.sdsp ra, 8(sp)"},
	}
	for _, k := range known {
		if k.got != k.want {
			t.Errorf("%s: %#08x, want %#08x", k.what, k.got, k.want)
		}
	}
	c := newChooser(1, nil)
	r := func() uint32 { return uint32(c.intn(32)) }
	rp := func() uint32 { return 8 + uint32(c.intn(8)) }
	check := func(what string, w uint32, op isa.Op, rd, rs1, rs2 uint32, imm uint64, size uint8) {
		t.Helper()
		d := isa.Decode(w)
		if d.Op != op || rd != 99 && d.Rd != uint8(rd) || rs1 != 99 && d.Rs1 != uint8(rs1) || d.Imm != imm || d.Size != size || rs2 != 99 && d.Rs2 != uint8(rs2) {
			t.Fatalf("%s: word %#08x decodes to %+v; want op %d rd %d rs1 %d rs2 %d imm %#x size %d", what, w, d, op, rd, rs1, rs2, imm, size)
		}
	}
	sx := func(v int64) uint64 { return uint64(v) }
	for i := 0; i < 2000; i++ {
		rd, rs1, rs2 := r(), r(), r()
		imm := int64(c.intn(4096)) - 2048
		check("addi", encADDI(rd, rs1, imm), isa.ADDI, rd, rs1, 99, sx(imm), 4)
		check("lw", encLoad(2, rd, rs1, imm), isa.LW, rd, rs1, 99, sx(imm), 4)
		check("sd", encStore(3, rs2, rs1, imm), isa.SD, 99, rs1, rs2, sx(imm), 4)
		boff := (int64(c.intn(8192)) - 4096) &^ 1
		check("bne", encBNE(rs1, rs2, boff), isa.BNE, 99, rs1, rs2, sx(boff), 4)
		joff := (int64(c.intn(1<<21)) - 1<<20) &^ 1
		check("jal", encJAL(rd, joff), isa.JAL, rd, 99, 99, sx(joff), 4)
		check("jalr", encJALR(rd, rs1, imm), isa.JALR, rd, rs1, 99, sx(imm), 4)
		u := uint32(c.intn(1 << 20))
		check("lui", encLUI(rd, u), isa.LUI, rd, 99, 99, sx(int64(int32(u<<12))), 4)
		sh := uint32(c.intn(64))
		check("slli", encSLLI(rd, rs1, sh), isa.SLLI, rd, rs1, 99, uint64(sh), 4)
		check("sub", encR(0x20, rs2, rs1, 0, rd, opOp), isa.SUB, rd, rs1, rs2, 0, 4)

		// Compressed forms (rd/rs1 nonzero where the encoding needs it).
		nz := 1 + uint32(c.intn(31))
		if nz == 2 {
			nz = 3
		}
		i6 := int64(c.intn(64)) - 32
		if i6 != 0 {
			check("c.addi", encCADDI(nz, i6), isa.ADDI, nz, nz, 99, sx(i6), 2)
			check("c.lui", encCLUI(nz, i6), isa.ADDI, nz, 0, 99, sx(i6<<12), 2)
			sp16 := i6 * 16
			check("c.addi16sp", encCADDI16SP(sp16), isa.ADDI, 2, 2, 99, sx(sp16), 2)
		}
		check("c.li", encCLI(nz, i6), isa.ADDI, nz, 0, 99, sx(i6), 2)
		check("c.addiw", encCADDIW(nz, i6), isa.ADDIW, nz, nz, 99, sx(i6), 2)
		p1, p2 := rp(), rp()
		uw, ud := uint32(4*c.intn(32)), uint32(8*c.intn(32))
		check("c.lw", encCMem(2, p1, p2, uw), isa.LW, p2, p1, 99, uint64(uw), 2)
		check("c.ld", encCMem(3, p1, p2, ud), isa.LD, p2, p1, 99, uint64(ud), 2)
		check("c.sw", encCMem(6, p1, p2, uw), isa.SW, 0, p1, p2, uint64(uw), 2)
		check("c.sd", encCMem(7, p1, p2, ud), isa.SD, 0, p1, p2, uint64(ud), 2)
		u4 := uint32(4 + 4*c.intn(255))
		check("c.addi4spn", encCADDI4SPN(p1, u4), isa.ADDI, p1, 2, 99, uint64(u4), 2)
		sw, sd := uint32(4*c.intn(64)), uint32(8*c.intn(64))
		check("c.lwsp", encCLoadSP(2, nz, sw), isa.LW, nz, 2, 99, uint64(sw), 2)
		check("c.ldsp", encCLoadSP(3, nz, sd), isa.LD, nz, 2, 99, uint64(sd), 2)
		check("c.swsp", encCStoreSP(6, rs2, sw), isa.SW, 0, 2, rs2, uint64(sw), 2)
		check("c.sdsp", encCStoreSP(7, rs2, sd), isa.SD, 0, 2, rs2, uint64(sd), 2)
		cj := (int64(c.intn(4096)) - 2048) &^ 1
		check("c.j", encCJ(cj), isa.JAL, 0, 0, 99, sx(cj), 2)
		cb := (int64(c.intn(512)) - 256) &^ 1
		check("c.beqz", encCBranch(false, p1, cb), isa.BEQ, 0, p1, 0, sx(cb), 2)
		check("c.bnez", encCBranch(true, p1, cb), isa.BNE, 0, p1, 0, sx(cb), 2)
		sh6 := uint32(1 + c.intn(63))
		check("c.slli", encCSLLI(nz, sh6), isa.SLLI, nz, nz, 99, uint64(sh6), 2)
		check("c.srai", encCShiftAnd(1, p1, int64(sh6)), isa.SRAI, p1, p1, 99, uint64(sh6), 2)
		check("c.andi", encCShiftAnd(2, p1, i6), isa.ANDI, p1, p1, 99, sx(i6), 2)
		check("c.subw", encCArith(4, p1, p2), isa.SUBW, p1, p1, p2, 0, 2)
		check("c.and", encCArith(3, p1, p2), isa.AND, p1, p1, p2, 0, 2)
		check("c.mv", encCR(0, nz, nz), isa.ADD, nz, 0, nz, 0, 2)
		check("c.add", encCR(1, nz, nz), isa.ADD, nz, nz, nz, 0, 2)
		check("c.jalr", encCR(1, nz, 0), isa.JALR, 1, nz, 99, 0, 2)
		check("c.sext.b", encCUnary(1, p1), isa.SEXT_B, p1, p1, 99, 0, 2)
		check("c.zext.h", encCUnary(2, p1), isa.ZEXT_H, p1, p1, 99, 0, 2)
		check("c.sext.h", encCUnary(3, p1), isa.SEXT_H, p1, p1, 99, 0, 2)
		check("c.zext.w", encCUnary(4, p1), isa.ZEXT_W, p1, p1, 99, 0, 2)
		check("c.mul", encCMUL(p1, p2), isa.MUL, p1, p1, p2, 0, 2)
		b2 := uint32(c.intn(4))
		check("c.lbu", encCZcbMem(0, p1, p2, b2), isa.LBU, p2, p1, 99, uint64(b2), 2)
		check("c.sb", encCZcbMem(2, p1, p2, b2), isa.SB, 0, p1, p2, uint64(b2), 2)
		check("c.lhu", encCZcbMem(1, p1, p2, b2&2), isa.LHU, p2, p1, 99, uint64(b2&2), 2)
		check("c.lh", encCZcbMem(1, p1, p2, b2&2|1), isa.LH, p2, p1, 99, uint64(b2&2), 2)
	}
}

// TestLoadImm evaluates loadImm's sequences with the decoder's operands.
func TestLoadImm(t *testing.T) {
	c := newChooser(2, nil)
	vals := []uint64{0, 1, ^uint64(0), 0x7FFFFFFF, 0x80000000, 0x7FFFF800, 0xFFFFFFFF, 1 << 63, 1<<63 - 1,
		0x80020000, 0x40008000, 0xFFFFFFFFFFFFF000, 0x123456789ABCDEF0, 2<<56 | 1<<48 | 0x1234}
	for i := 0; i < 2000; i++ {
		vals = append(vals, c.u64(), c.u64()>>uint(c.intn(64)))
	}
	for _, v := range vals {
		var x uint64
		for _, w := range loadImm(7, v) {
			d := isa.Decode(w)
			if d.Rd != 7 || d.Op != isa.LUI && d.Rs1 != 0 && d.Rs1 != 7 {
				t.Fatalf("%#x: %#08x uses registers %d, %d", v, w, d.Rd, d.Rs1)
			}
			src := x
			if d.Rs1 == 0 {
				src = 0
			}
			switch d.Op {
			case isa.LUI:
				x = d.Imm
			case isa.ADDI:
				x = src + d.Imm
			case isa.ADDIW:
				x = uint64(int64(int32(src + d.Imm)))
			case isa.SLLI:
				x = src << d.Imm
			default:
				t.Fatalf("%#x: unexpected %#08x", v, w)
			}
		}
		if x != v {
			t.Fatalf("loadImm(%#x) computes %#x", v, x)
		}
	}
}

// Package emutest helps tests build machines from instruction words: a tiny
// RV64 encoder for the instructions tests need, and machine comparisons.
// Only tests import it.
package emutest

// Register numbers by ABI name.
const (
	Zero = 0
	RA   = 1
	SP   = 2
	GP   = 3
	TP   = 4
	T0   = 5
	T1   = 6
	T2   = 7
	S0   = 8
	S1   = 9
	A0   = 10
	A1   = 11
	A2   = 12
	A3   = 13
	A4   = 14
	A5   = 15
	A6   = 16
	A7   = 17
	S2   = 18
	T3   = 28
	T4   = 29
	T5   = 30
	T6   = 31
)

func rtype(funct7, rs2, rs1, funct3, rd, opcode uint32) uint32 {
	return funct7<<25 | rs2<<20 | rs1<<15 | funct3<<12 | rd<<7 | opcode
}

func itype(imm int32, rs1, funct3, rd, opcode uint32) uint32 {
	return uint32(imm&0xFFF)<<20 | rs1<<15 | funct3<<12 | rd<<7 | opcode
}

func stype(imm int32, rs2, rs1, funct3, opcode uint32) uint32 {
	u := uint32(imm)
	return (u>>5&0x7F)<<25 | rs2<<20 | rs1<<15 | funct3<<12 | (u&0x1F)<<7 | opcode
}

func btype(imm int32, rs2, rs1, funct3 uint32) uint32 {
	u := uint32(imm)
	return (u>>12&1)<<31 | (u>>5&0x3F)<<25 | rs2<<20 | rs1<<15 | funct3<<12 | (u>>1&0xF)<<8 | (u>>11&1)<<7 | 0x63
}

// Encoders for the base ISA and a few system instructions.
func ADD(rd, rs1, rs2 uint32) uint32  { return rtype(0, rs2, rs1, 0, rd, 0x33) }
func SUB(rd, rs1, rs2 uint32) uint32  { return rtype(0x20, rs2, rs1, 0, rd, 0x33) }
func XOR(rd, rs1, rs2 uint32) uint32  { return rtype(0, rs2, rs1, 4, rd, 0x33) }
func AND(rd, rs1, rs2 uint32) uint32  { return rtype(0, rs2, rs1, 7, rd, 0x33) }
func MUL(rd, rs1, rs2 uint32) uint32  { return rtype(1, rs2, rs1, 0, rd, 0x33) }
func ADDW(rd, rs1, rs2 uint32) uint32 { return rtype(0, rs2, rs1, 0, rd, 0x3B) }
func ADDI(rd, rs1 uint32, imm int32) uint32 {
	return itype(imm, rs1, 0, rd, 0x13)
}
func ANDI(rd, rs1 uint32, imm int32) uint32 { return itype(imm, rs1, 7, rd, 0x13) }
func SLLI(rd, rs1, shamt uint32) uint32     { return itype(int32(shamt), rs1, 1, rd, 0x13) }
func SRLI(rd, rs1, shamt uint32) uint32     { return itype(int32(shamt), rs1, 5, rd, 0x13) }
func LUI(rd uint32, imm20 uint32) uint32    { return imm20<<12 | rd<<7 | 0x37 }
func AUIPC(rd uint32, imm20 uint32) uint32  { return imm20<<12 | rd<<7 | 0x17 }
func LD(rd, rs1 uint32, imm int32) uint32   { return itype(imm, rs1, 3, rd, 0x03) }
func LW(rd, rs1 uint32, imm int32) uint32   { return itype(imm, rs1, 2, rd, 0x03) }
func SD(rs2, rs1 uint32, imm int32) uint32  { return stype(imm, rs2, rs1, 3, 0x23) }
func SW(rs2, rs1 uint32, imm int32) uint32  { return stype(imm, rs2, rs1, 2, 0x23) }
func BNE(rs1, rs2 uint32, off int32) uint32 {
	return btype(off, rs2, rs1, 1)
}
func BEQ(rs1, rs2 uint32, off int32) uint32 { return btype(off, rs2, rs1, 0) }
func BLTU(rs1, rs2 uint32, off int32) uint32 {
	return btype(off, rs2, rs1, 6)
}
func JAL(rd uint32, off int32) uint32 {
	u := uint32(off)
	return (u>>20&1)<<31 | (u>>1&0x3FF)<<21 | (u>>11&1)<<20 | (u>>12&0xFF)<<12 | rd<<7 | 0x6F
}
func JALR(rd, rs1 uint32, imm int32) uint32 { return itype(imm, rs1, 0, rd, 0x67) }
func CSRRW(rd, csr, rs1 uint32) uint32      { return csr<<20 | rs1<<15 | 1<<12 | rd<<7 | 0x73 }
func CSRRS(rd, csr, rs1 uint32) uint32      { return csr<<20 | rs1<<15 | 2<<12 | rd<<7 | 0x73 }

const (
	ECALL uint32 = 0x00000073
	MRET  uint32 = 0x30200073
	NOP   uint32 = 0x00000013
)

// LI expands to instructions loading a 32-bit signed constant into rd.
func LI(rd uint32, v int32) []uint32 {
	lo := v << 20 >> 20
	hi := uint32(v-lo) >> 12
	if hi == 0 {
		return []uint32{ADDI(rd, Zero, lo)}
	}
	return []uint32{LUI(rd, hi&0xFFFFF), ADDI(rd, rd, lo)}
}

// Program concatenates instruction words and slices of them.
func Program(parts ...any) []uint32 {
	var out []uint32
	for _, p := range parts {
		switch v := p.(type) {
		case uint32:
			out = append(out, v)
		case []uint32:
			out = append(out, v...)
		default:
			panic("emutest.Program: want uint32 or []uint32")
		}
	}
	return out
}

// Bytes returns the little-endian bytes of instruction words.
func Bytes(words []uint32) []byte {
	b := make([]byte, 4*len(words))
	for i, w := range words {
		b[4*i], b[4*i+1], b[4*i+2], b[4*i+3] = byte(w), byte(w>>8), byte(w>>16), byte(w>>24)
	}
	return b
}

// HaltSequence stores 1 to HTIF tohost (halt with exit code 0) and loops.
// It clobbers t0 and t1.
func HaltSequence(exitCode int32) []uint32 {
	return Program(
		LUI(T0, 0x40008), // t0 = 0x40008000
		LI(T1, exitCode<<1|1),
		SD(T1, T0, 0),
		JAL(Zero, 0),
	)
}

package emutest

// Encoders for the F and D instructions tests and benchmarks need. Register
// arguments are numbers (f registers: 0..31, the FT/FA constants below);
// rm is a rounding mode (RNE..RMM, or DYN to take frm).

// More integer registers by ABI name.
const (
	S3 = 19
	S4 = 20
)

// Floating-point registers by ABI name.
const (
	FT0 = 0
	FT1 = 1
	FT2 = 2
	FA0 = 10
	FA1 = 11
	FA2 = 12
)

// Rounding modes (the rm field).
const (
	RNE = 0
	RTZ = 1
	RDN = 2
	RUP = 3
	RMM = 4
	DYN = 7
)

const (
	opLoadFP  = 0x07
	opStoreFP = 0x27
	opMadd    = 0x43
	opOpFP    = 0x53
)

func r4type(rs3, fmt, rs2, rs1, rm, rd, opcode uint32) uint32 {
	return rs3<<27 | fmt<<25 | rs2<<20 | rs1<<15 | rm<<12 | rd<<7 | opcode
}

func FLW(rd, rs1 uint32, imm int32) uint32  { return itype(imm, rs1, 2, rd, opLoadFP) }
func FLD(rd, rs1 uint32, imm int32) uint32  { return itype(imm, rs1, 3, rd, opLoadFP) }
func FSW(rs2, rs1 uint32, imm int32) uint32 { return stype(imm, rs2, rs1, 2, opStoreFP) }
func FSD(rs2, rs1 uint32, imm int32) uint32 { return stype(imm, rs2, rs1, 3, opStoreFP) }

func FADDS(rd, rs1, rs2, rm uint32) uint32 { return rtype(0x00, rs2, rs1, rm, rd, opOpFP) }
func FADDD(rd, rs1, rs2, rm uint32) uint32 { return rtype(0x01, rs2, rs1, rm, rd, opOpFP) }
func FMULS(rd, rs1, rs2, rm uint32) uint32 { return rtype(0x08, rs2, rs1, rm, rd, opOpFP) }
func FMULD(rd, rs1, rs2, rm uint32) uint32 { return rtype(0x09, rs2, rs1, rm, rd, opOpFP) }
func FDIVD(rd, rs1, rs2, rm uint32) uint32 { return rtype(0x0D, rs2, rs1, rm, rd, opOpFP) }

// FMADDS / FMADDD: rd = rs1 * rs2 + rs3 with one rounding.
func FMADDS(rd, rs1, rs2, rs3, rm uint32) uint32 { return r4type(rs3, 0, rs2, rs1, rm, rd, opMadd) }
func FMADDD(rd, rs1, rs2, rs3, rm uint32) uint32 { return r4type(rs3, 1, rs2, rs1, rm, rd, opMadd) }

// FMVDX / FMVXD move the 64 bits between an x and an f register.
func FMVDX(rd, rs1 uint32) uint32 { return rtype(0x79, 0, rs1, 0, rd, opOpFP) }
func FMVXD(rd, rs1 uint32) uint32 { return rtype(0x71, 0, rs1, 0, rd, opOpFP) }

// FCVTDL converts the signed 64-bit integer in rs1 to a double.
func FCVTDL(rd, rs1, rm uint32) uint32 { return rtype(0x69, 2, rs1, rm, rd, opOpFP) }

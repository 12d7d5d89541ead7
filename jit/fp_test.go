package jit_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/rivetvm/rivet/emu"
	rv "github.com/rivetvm/rivet/emu/emutest"
	"github.com/rivetvm/rivet/jit"
	"github.com/rivetvm/rivet/jit/ir"
)

// The floating-point differential test: random streams of F and D
// instructions (every opcode, every rounding mode, reserved ones included)
// over operands that mix random values with edge cases, run by the
// interpreter and by the JIT; the whole state (registers, f registers,
// fcsr, mstatus, mcycle, pc and memory) must be identical after every chunk
// of cycles and at the end.
//
// A program loops over a table of operand records: each iteration loads
// f0..f15, a0..a4 and frm from its record, clears fflags, runs the random
// stream, and stores f0..f15, a0..a4 and fcsr to its output record. After
// 16 visits a block is translated, so most iterations run in generated
// code. The stream also turns mstatus.FS off now and then and changes frm
// (a trap handler skips whatever traps: reserved rounding modes, FP with FS
// off, misaligned accesses) and reads fflags mid-stream.
//
// Three kinds of program alternate: long blocks of chained instructions;
// every instruction's result and flags stored (a flag difference hidden by
// the same flag from another instruction would otherwise go unseen); and
// arithmetic on operands chosen to land near underflow (tininess) and
// overflow, results and flags stored. The test logs how many stream
// instructions raised each flag.
//
// RIVET_FP_LONG=1 runs fifty times more programs; RIVET_FP_SEED sets the
// first seed. FuzzJITFloat explores seeds with go test -fuzz.

const (
	ftestCode    = emu.RAMStart
	ftestData    = emu.RAMStart + 0x100000
	ftestOut     = emu.RAMStart + 0x200000
	ftestScratch = emu.RAMStart + 0x300000 // sp = +0x800, a5 = +0x100
	ftestRecord  = 256                     // bytes per data record
	ftestOutRec  = 1024                    // bytes per output record
	ftestRAM     = 4 << 20
)

// Registers: s0/s1 walk the data and output tables, s2 counts iterations,
// t0..t2 belong to the harness and t3..t6 to the trap handler; the stream
// uses f0..f31, a0..a4 (x10..x14) and x0 for integers, sp and a5 as bases.
const (
	ftS0, ftS1, ftS2 = 8, 9, 18
	ftT0, ftT3, ftT4 = 5, 28, 29
	ftT5, ftT6       = 30, 31
	ftSP, ftA0, ftA5 = 2, 10, 15
)

// ftestProg is a generated program: halfwords at ftestCode, the data table
// and a listing of the random stream (for reports).
type ftestProg struct {
	code    []uint16
	data    []byte
	listing []string
	iters   int
	streamN int // random instructions per iteration
	perInsn bool
}

// ftestMode is the kind of program.
type ftestMode int

const (
	ftestBlocks ftestMode = iota // long blocks of chained random instructions
	ftestEach                    // every instruction's result and flags kept
	ftestTiny                    // arithmetic near underflow and overflow, every result and flags kept
)

func (p *ftestProg) pc() uint64 { return ftestCode + 2*uint64(len(p.code)) }

func (p *ftestProg) w(ws ...uint32) {
	for _, x := range ws {
		if x&3 != 3 {
			p.code = append(p.code, uint16(x))
			continue
		}
		p.code = append(p.code, uint16(x), uint16(x>>16))
	}
}

// Encoders the emutest package lacks.
func ftR(funct7, rs2, rs1, rm, rd uint32) uint32 {
	return funct7<<25 | rs2<<20 | rs1<<15 | rm<<12 | rd<<7 | 0x53
}
func ftFMA(opcode, fmt, rs3, rs2, rs1, rm, rd uint32) uint32 {
	return rs3<<27 | fmt<<25 | rs2<<20 | rs1<<15 | rm<<12 | rd<<7 | opcode
}
func ftI(imm int32, rs1, funct3, rd, opcode uint32) uint32 {
	return uint32(imm&0xFFF)<<20 | rs1<<15 | funct3<<12 | rd<<7 | opcode
}
func ftS(imm int32, rs2, rs1, funct3, opcode uint32) uint32 {
	u := uint32(imm)
	return (u>>5&0x7F)<<25 | rs2<<20 | rs1<<15 | funct3<<12 | (u&0x1F)<<7 | opcode
}
func ftFLD(rd, rs1 uint32, imm int32) uint32  { return ftI(imm, rs1, 3, rd, 0x07) }
func ftFLW(rd, rs1 uint32, imm int32) uint32  { return ftI(imm, rs1, 2, rd, 0x07) }
func ftFSD(rs2, rs1 uint32, imm int32) uint32 { return ftS(imm, rs2, rs1, 3, 0x27) }
func ftFSW(rs2, rs1 uint32, imm int32) uint32 { return ftS(imm, rs2, rs1, 2, 0x27) }
func ftCSR(funct3, rd, csr, rs1 uint32) uint32 {
	return csr<<20 | rs1<<15 | funct3<<12 | rd<<7 | 0x73
}
func ftLHU(rd, rs1 uint32, imm int32) uint32 { return ftI(imm, rs1, 5, rd, 0x03) }

// Compressed FP loads and stores (imm: a multiple of 8).
func ftCFLD(rd, rs1 uint32, imm uint32) uint32 { // rd, rs1 in 8..15
	return 1<<13 | (imm>>3&7)<<10 | (rs1-8)<<7 | (imm>>6&3)<<5 | (rd-8)<<2
}
func ftCFSD(rs2, rs1 uint32, imm uint32) uint32 {
	return 5<<13 | (imm>>3&7)<<10 | (rs1-8)<<7 | (imm>>6&3)<<5 | (rs2-8)<<2
}
func ftCFLDSP(rd uint32, imm uint32) uint32 {
	return 1<<13 | (imm>>5&1)<<12 | rd<<7 | (imm>>3&3)<<5 | (imm>>6&7)<<2 | 2
}
func ftCFSDSP(rs2 uint32, imm uint32) uint32 {
	return 5<<13 | (imm>>3&7)<<10 | (imm>>6&7)<<7 | rs2<<2 | 2
}

const (
	csrFflags  = 0x001
	csrFrm     = 0x002
	csrFcsr    = 0x003
	csrMstatus = 0x300
	csrMtvec   = 0x305
	csrMepc    = 0x341
)

// li64 loads a 32-bit address with its upper half cleared.
func ftestLA(rd uint32, addr uint64) []uint32 {
	return rv.Program(rv.LI(rd, int32(uint32(addr))), rv.SLLI(rd, rd, 32), rv.SRLI(rd, rd, 32))
}

// ftestSlot is where, in an output record, the result and fflags of stream
// instruction i are kept (per-instruction programs).
func ftestSlot(i int) int { return 256 + 16*i }

// ftestDest returns the f or x register an instruction writes (-1: none).
func ftestDest(w uint32) (f, x int) {
	rd := int(w >> 7 & 31)
	if w&3 != 3 { // C.FLD, C.FLDSP
		switch (w&3)<<3 | (w>>13)&7 {
		case 0x01:
			return int(8 + (w>>2)&7), -1
		case 0x11:
			return rd, -1
		}
		return -1, -1
	}
	switch w & 0x7F {
	case 0x07, 0x43, 0x47, 0x4B, 0x4F:
		return rd, -1
	case 0x73:
		return -1, rd
	case 0x53:
		switch w >> 25 {
		case 0x50, 0x51, 0x60, 0x61, 0x70, 0x71:
			return -1, rd
		}
		return rd, -1
	}
	return -1, -1
}

// ftestGen builds a random program: streamN random instructions run iters
// times; with perInsn, each is followed by a store of its result and a
// swap of fflags with zero (so every instruction's own flags are kept, at
// the price of ending a block after each).
func ftestGen(seed uint64, iters, streamN int, mode ftestMode) *ftestProg {
	r := rand.New(rand.NewPCG(seed, 0x5EED))
	perInsn := mode != ftestBlocks
	p := &ftestProg{iters: iters, streamN: streamN, perInsn: perInsn}
	// 0: jump over the trap handler (patched below).
	p.w(rv.NOP)
	handler := p.pc()
	// The handler skips the trapping instruction (2 or 4 bytes), turns FS
	// back on and returns.
	p.w(
		ftCSR(2, ftT3, csrMepc, 0),
		ftLHU(ftT4, ftT3, 0),
		rv.ANDI(ftT4, ftT4, 3),
		rv.ADDI(ftT3, ftT3, 2),
		rv.ADDI(ftT5, 0, 3),
		rv.BNE(ftT4, ftT5, 8),
		rv.ADDI(ftT3, ftT3, 2),
		ftCSR(1, 0, csrMepc, ftT3),
		rv.LUI(ftT6, 6), // 0x6000: FS
		ftCSR(2, 0, csrMstatus, ftT6),
		rv.MRET,
	)
	j := rv.JAL(0, int32(p.pc()-ftestCode))
	p.code[0], p.code[1] = uint16(j), uint16(j>>16)
	p.w(rv.AUIPC(ftT0, 0), rv.ADDI(ftT0, ftT0, int32(handler)-int32(p.pc())), ftCSR(1, 0, csrMtvec, ftT0))
	p.w(ftestLA(ftS0, ftestData)...)
	p.w(ftestLA(ftS1, ftestOut)...)
	p.w(ftestLA(ftSP, ftestScratch+0x800)...)
	p.w(ftestLA(ftA5, ftestScratch+0x100)...)
	p.w(rv.LI(ftS2, int32(iters))...)
	loop := p.pc()
	p.w(rv.LD(ftT0, ftS0, 168), ftCSR(1, 0, csrFrm, ftT0), ftCSR(1, 0, csrFflags, 0))
	for i := uint32(0); i < 16; i++ {
		if i >= 8 && r.IntN(2) == 0 {
			p.w(ftCFLD(i, ftS0, 8*i))
		} else {
			p.w(ftFLD(i, ftS0, int32(8*i)))
		}
	}
	for i := uint32(0); i < 5; i++ {
		p.w(rv.LD(ftA0+i, ftS0, int32(128+8*i)))
	}
	for i := range streamN {
		var ws []uint32
		var desc string
		if mode == ftestTiny {
			ws, desc = ftestTinyInsn(r)
		} else {
			ws, desc = ftestInsn(r)
		}
		p.listing = append(p.listing, fmt.Sprintf("%#x: %s", p.pc(), desc))
		p.w(ws...)
		if perInsn {
			// Keep this instruction's result and flags (swapping fflags
			// with zero), at ftestSlot(i).
			off := int32(ftestSlot(i))
			switch f, x := ftestDest(ws[len(ws)-1]); {
			case f >= 0:
				p.w(ftFSD(uint32(f), ftS1, off))
			case x > 0:
				p.w(rv.SD(uint32(x), ftS1, off))
			}
			p.w(ftCSR(1, ftT0+1, csrFflags, 0), rv.SD(ftT0+1, ftS1, off+8))
		}
	}
	for i := uint32(0); i < 16; i++ {
		p.w(ftFSD(i, ftS1, int32(8*i)))
	}
	for i := uint32(0); i < 5; i++ {
		p.w(rv.SD(ftA0+i, ftS1, int32(128+8*i)))
	}
	p.w(ftCSR(2, ftT0, csrFcsr, 0), rv.SD(ftT0, ftS1, 168))
	p.w(rv.ADDI(ftS0, ftS0, ftestRecord), rv.ADDI(ftS1, ftS1, ftestOutRec), rv.ADDI(ftS2, ftS2, -1))
	p.w(rv.BNE(ftS2, 0, int32(loop)-int32(p.pc())))
	p.w(rv.HaltSequence(0)...)

	// The data table.
	p.data = make([]byte, iters*ftestRecord)
	for it := range iters {
		rec := p.data[it*ftestRecord:]
		for i := range 16 {
			if mode == ftestTiny {
				putU64(rec[8*i:], ftestTinyFloat(r, i < 8))
			} else {
				putU64(rec[8*i:], ftestFloat(r, i < 8))
			}
		}
		for i := range 5 {
			putU64(rec[128+8*i:], ftestInt(r))
		}
		frm := uint64(7) // DYN in frm is reserved
		switch x := r.IntN(100); {
		case x < 60:
			frm = 0
		case x < 90:
			frm = uint64(r.IntN(5))
		default:
			frm = uint64(r.IntN(8))
		}
		putU64(rec[168:], frm)
	}
	return p
}

func putU64(b []byte, v uint64) {
	for i := range 8 {
		b[i] = byte(v >> (8 * i))
	}
}

// ftestRM picks a rounding mode field: mostly DYN, sometimes static, now
// and then reserved.
func ftestRM(r *rand.Rand) uint32 {
	switch x := r.IntN(100); {
	case x < 65:
		return 7
	case x < 97:
		return uint32(r.IntN(5))
	default:
		return uint32(r.IntN(8))
	}
}

var rmNames = [...]string{"rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn"}

// ftestFreg picks an f register: doubles mostly live in f0..f7 and singles
// in f8..f15 (mixing formats mostly makes NaNs), now and then any.
func ftestFreg(r *rand.Rand, double bool) uint32 {
	switch {
	case r.IntN(20) == 0:
		return uint32(r.IntN(32))
	case double:
		return uint32(r.IntN(8))
	}
	return 8 + uint32(r.IntN(8))
}

func ftestXreg(r *rand.Rand) uint32 {
	if r.IntN(10) == 0 {
		return 0
	}
	return ftA0 + uint32(r.IntN(5))
}

// ftestInsn returns one random stream instruction and its description.
func ftestInsn(r *rand.Rand) ([]uint32, string) {
	fmtBit := uint32(r.IntN(2)) // 0 S, 1 D
	sfx := [2]string{".s", ".d"}[fmtBit]
	d := fmtBit == 1
	rd, rs1, rs2, rs3 := ftestFreg(r, d), ftestFreg(r, d), ftestFreg(r, d), ftestFreg(r, d)
	rm := ftestRM(r)
	one := func(w uint32, format string, args ...any) ([]uint32, string) {
		return []uint32{w}, fmt.Sprintf("%08x ", w) + fmt.Sprintf(format, args...)
	}
	switch x := r.IntN(1000); {
	case x < 220: // arithmetic
		k := r.IntN(5)
		f7 := [5]uint32{0x00, 0x04, 0x08, 0x0C, 0x2C}[k] | fmtBit
		name := [5]string{"fadd", "fsub", "fmul", "fdiv", "fsqrt"}[k]
		if k == 4 {
			rs2 = 0
		}
		return one(ftR(f7, rs2, rs1, rm, rd), "%s%s f%d, f%d, f%d, %s", name, sfx, rd, rs1, rs2, rmNames[rm])
	case x < 350: // fused multiply-add
		k := uint32(r.IntN(4))
		name := [4]string{"fmadd", "fmsub", "fnmsub", "fnmadd"}[k]
		return one(ftFMA(0x43+4*k, fmtBit, rs3, rs2, rs1, rm, rd), "%s%s f%d, f%d, f%d, f%d, %s", name, sfx, rd, rs1, rs2, rs3, rmNames[rm])
	case x < 400: // sign injection
		k := uint32(r.IntN(3))
		if r.IntN(10) == 0 {
			k = 3 // reserved
		}
		return one(ftR(0x10|fmtBit, rs2, rs1, k, rd), "fsgnj[%d]%s f%d, f%d, f%d", k, sfx, rd, rs1, rs2)
	case x < 470: // min/max
		k := uint32(r.IntN(2))
		return one(ftR(0x14|fmtBit, rs2, rs1, k, rd), "%s%s f%d, f%d, f%d", [2]string{"fmin", "fmax"}[k], sfx, rd, rs1, rs2)
	case x < 560: // compare
		k := uint32(r.IntN(3))
		xd := ftestXreg(r)
		return one(ftR(0x50|fmtBit, rs2, rs1, k, xd), "%s%s x%d, f%d, f%d", [3]string{"fle", "flt", "feq"}[k], sfx, xd, rs1, rs2)
	case x < 600: // FCVT.S.D / FCVT.D.S
		if fmtBit == 0 {
			rs1 = ftestFreg(r, true)
			return one(ftR(0x20, 1, rs1, rm, rd), "fcvt.s.d f%d, f%d, %s", rd, rs1, rmNames[rm])
		}
		rs1 = ftestFreg(r, false)
		return one(ftR(0x21, 0, rs1, rm, rd), "fcvt.d.s f%d, f%d, %s", rd, rs1, rmNames[rm])
	case x < 730: // to integer
		k := uint32(r.IntN(4))
		xd := ftestXreg(r)
		if r.IntN(3) == 0 {
			rm = 1 // RTZ, what compilers emit
		}
		return one(ftR(0x60|fmtBit, k, rs1, rm, xd), "fcvt.%s%s x%d, f%d, %s", [4]string{"w", "wu", "l", "lu"}[k], sfx, xd, rs1, rmNames[rm])
	case x < 820: // from integer
		k := uint32(r.IntN(4))
		xs := ftestXreg(r)
		return one(ftR(0x68|fmtBit, k, xs, rm, rd), "fcvt%s.%s f%d, x%d, %s", sfx, [4]string{"w", "wu", "l", "lu"}[k], rd, xs, rmNames[rm])
	case x < 860: // moves and classification to x
		k := uint32(r.IntN(2))
		xd := ftestXreg(r)
		return one(ftR(0x70|fmtBit, 0, rs1, k, xd), "%s%s x%d, f%d", [2]string{"fmv.x", "fclass"}[k], sfx, xd, rs1)
	case x < 890: // moves from x
		xs := ftestXreg(r)
		return one(ftR(0x78|fmtBit, 0, xs, 0, rd), "fmv%s.x f%d, x%d", sfx, rd, xs)
	case x < 960: // loads and stores
		off := int32(r.IntN(512)) * 8
		off -= 2048
		if r.IntN(30) == 0 {
			off += int32(1 + r.IntN(7)) // misaligned
		}
		switch r.IntN(8) {
		case 0:
			return one(ftFLW(rd, ftSP, off), "flw f%d, %d(sp)", rd, off)
		case 1:
			return one(ftFLD(rd, ftSP, off), "fld f%d, %d(sp)", rd, off)
		case 2:
			return one(ftFSW(rs2, ftSP, off), "fsw f%d, %d(sp)", rs2, off)
		case 3:
			return one(ftFSD(rs2, ftSP, off), "fsd f%d, %d(sp)", rs2, off)
		case 4:
			rd, imm := 8+uint32(r.IntN(8)), uint32(r.IntN(32))*8
			return one(ftCFLD(rd, ftA5, imm), "c.fld f%d, %d(a5)", rd, imm)
		case 5:
			rs2, imm := 8+uint32(r.IntN(8)), uint32(r.IntN(32))*8
			return one(ftCFSD(rs2, ftA5, imm), "c.fsd f%d, %d(a5)", rs2, imm)
		case 6:
			imm := uint32(r.IntN(64)) * 8
			return one(ftCFLDSP(rd, imm), "c.fldsp f%d, %d(sp)", rd, imm)
		default:
			imm := uint32(r.IntN(64)) * 8
			return one(ftCFSDSP(rs2, imm), "c.fsdsp f%d, %d(sp)", rs2, imm)
		}
	case x < 975: // FS off: the next FP instruction traps
		return []uint32{rv.LUI(ftT0, 6), ftCSR(3, 0, csrMstatus, ftT0)}, "csrc mstatus, FS"
	case x < 990: // a new frm
		frm := uint32(r.IntN(8))
		return one(ftCSR(5, 0, csrFrm, frm), "csrwi frm, %d", frm)
	default: // read (and keep) fflags
		xd := ftestXreg(r)
		return one(ftCSR(2, xd, csrFflags, 0), "frflags x%d", xd)
	}
}

// ftestFloat returns a random f register value: mostly a double (for
// f0..f7) or a NaN-boxed single (f8..f15; now and then improperly boxed),
// edge cases and random.
func ftestFloat(r *rand.Rand, double bool) uint64 {
	if r.IntN(10) == 0 {
		double = !double
	}
	if double {
		return ftestDouble(r)
	}
	v := uint64(ftestSingle(r)) | 0xFFFFFFFF00000000
	if r.IntN(25) == 0 {
		v ^= uint64(1+r.IntN(0xFFFF)) << 32 // improperly boxed
	}
	return v
}

// ftestNeighbour returns v, or (one time in four each) the next or the
// previous bit pattern.
func ftestNeighbour[T uint32 | uint64](r *rand.Rand, v T) T {
	switch r.IntN(4) {
	case 0:
		v++
	case 1:
		v--
	}
	return v
}

func ftestDouble(r *rand.Rand) uint64 {
	switch x := r.IntN(100); {
	case x < 35:
		return ftestNeighbour(r, ftestDoubleEdges[r.IntN(len(ftestDoubleEdges))])
	case x < 50:
		return r.Uint64()
	case x < 75: // a small-ish number with few significant bits (exact cases)
		v := math.Float64bits(float64(r.IntN(1<<12)-1<<11) / float64(int(1)<<r.IntN(12)))
		return v
	default: // a random significand with an exponent from a class below
		return uint64(r.IntN(2))<<63 | ftestExp(r, ftestDoubleExps, 2046)<<52 | r.Uint64()>>12
	}
}

func ftestSingle(r *rand.Rand) uint32 {
	switch x := r.IntN(100); {
	case x < 35:
		return ftestNeighbour(r, ftestSingleEdges[r.IntN(len(ftestSingleEdges))])
	case x < 50:
		return r.Uint32()
	case x < 75:
		return math.Float32bits(float32(r.IntN(1<<10)-1<<9) / float32(int(1)<<r.IntN(10)))
	default:
		return uint32(r.IntN(2))<<31 | uint32(ftestExp(r, ftestSingleExps, 254))<<23 | r.Uint32()>>9
	}
}

// Biased exponents around which random values cluster: 1 (normal
// arithmetic), the square roots of the smallest normal and of the largest
// value (products and quotients near underflow and overflow), the format's
// ends, and for doubles the single range's ends (FCVT.S.D underflow and
// overflow) and the integer limits.
var (
	ftestDoubleExps = []int{1023, 1023 - 511, 1023 + 511, 1023 - 537, 1, 2045, 1023 - 126, 1023 - 149, 1023 + 127, 1023 + 31, 1023 + 63}
	ftestSingleExps = []int{127, 127 - 63, 127 + 63, 127 - 75, 1, 253, 127 + 31}
)

// ftestExp returns an exponent field: anything now and then, else near one
// of the classes.
func ftestExp(r *rand.Rand, classes []int, top int) uint64 {
	if r.IntN(5) == 0 {
		return uint64(r.IntN(top + 1))
	}
	e := classes[r.IntN(len(classes))] + r.IntN(9) - 4
	return uint64(min(max(e, 0), top))
}

// ftestTinyInsn returns an arithmetic instruction (or FCVT.S.D) writing one
// of f16..f31, so the loaded operands stay as generated.
func ftestTinyInsn(r *rand.Rand) ([]uint32, string) {
	fmtBit := uint32(r.IntN(2))
	d := fmtBit == 1
	sfx := [2]string{".s", ".d"}[fmtBit]
	rd, rs1, rs2, rs3 := 16+uint32(r.IntN(16)), ftestFreg(r, d), ftestFreg(r, d), ftestFreg(r, d)
	rm := ftestRM(r)
	var w uint32
	var desc string
	switch k := r.IntN(10); {
	case k < 5:
		f7 := [5]uint32{0x00, 0x04, 0x08, 0x0C, 0x2C}[k] | fmtBit
		if k == 4 {
			rs2 = 0
		}
		w = ftR(f7, rs2, rs1, rm, rd)
		desc = fmt.Sprintf("%s%s f%d, f%d, f%d, %s", [5]string{"fadd", "fsub", "fmul", "fdiv", "fsqrt"}[k], sfx, rd, rs1, rs2, rmNames[rm])
	case k < 9:
		op := uint32(k - 5)
		w = ftFMA(0x43+4*op, fmtBit, rs3, rs2, rs1, rm, rd)
		desc = fmt.Sprintf("%s%s f%d, f%d, f%d, f%d, %s", [4]string{"fmadd", "fmsub", "fnmsub", "fnmadd"}[op], sfx, rd, rs1, rs2, rs3, rmNames[rm])
	default:
		rs1 = ftestFreg(r, true)
		w = ftR(0x20, 1, rs1, rm, rd)
		desc = fmt.Sprintf("fcvt.s.d f%d, f%d, %s", rd, rs1, rmNames[rm])
	}
	return []uint32{w}, fmt.Sprintf("%08x %s", w, desc)
}

// ftestTinyFloat returns operands whose products, quotients, sums and
// narrowings land near the subnormal range (and now and then near
// overflow): exponents around the square root of the smallest normal, the
// subnormals themselves, around 1, and for doubles the single range's
// bottom. Significands are random or short (exact and halfway cases).
func ftestTinyFloat(r *rand.Rand, double bool) uint64 {
	sig := func(bits int) uint64 {
		v := r.Uint64() >> (64 - bits)
		if r.IntN(3) == 0 {
			v &^= 1<<(bits-r.IntN(8)-1) - 1 // short significand
		}
		return v
	}
	near := func(classes []int, top int) uint64 {
		e := classes[r.IntN(len(classes))] + r.IntN(41) - 20
		return uint64(min(max(e, 0), top))
	}
	if double {
		e := near([]int{1023 - 511, 1023 - 537, 10, 1023, 1023 - 140, 1023 + 511}, 2046)
		return uint64(r.IntN(2))<<63 | e<<52 | sig(52)
	}
	e := near([]int{127 - 63, 127 - 75, 10, 127, 127 + 63}, 254)
	return 0xFFFFFFFF00000000 | uint64(r.IntN(2))<<31 | e<<23 | sig(23)
}

func ftestInt(r *rand.Rand) uint64 {
	switch x := r.IntN(100); {
	case x < 40:
		v := ftestIntEdges[r.IntN(len(ftestIntEdges))]
		return v + uint64(r.IntN(3)) - 1
	case x < 60:
		return uint64(int64(int32(r.Uint32())))
	case x < 80:
		return r.Uint64() >> r.IntN(64)
	default:
		return r.Uint64()
	}
}

var ftestDoubleEdges, ftestSingleEdges, ftestIntEdges = ftestEdges()

func ftestEdges() (d []uint64, s []uint32, ints []uint64) {
	for _, x := range []float64{
		0, 1, 0.5, 1.5, 2.5, 3.5, 0.49999999999999994, 0.7, 1e-300, 1e300, 1e-160, 1e160, 1e-155,
		1 << 31, 1<<31 - 1, 1<<31 - 0.5, 1<<31 + 0.5, 1 << 32, 1<<32 - 1, 1<<32 - 0.5, 1<<32 + 0.5,
		1 << 63, 1 << 64, 1 << 53, 1<<53 + 2, 1 << 24, 1<<24 + 1, 3.4028234663852886e38, 3.4028235677973366e38,
		1.1754943508222875e-38, 1.401298464324817e-45, 7.006492321624085e-46, 1.1754942106924411e-38,
		2.2250738585072014e-308, 4.9406564584124654e-324, math.MaxFloat64, math.Inf(1), math.Sqrt(2),
	} {
		b := math.Float64bits(x)
		d = append(d, b, b|1<<63)
	}
	d = append(d, 0x7FF8000000000000, 0x7FF8000000000123, 0xFFF8000000000000, 0x7FF0000000000001,
		0x7FF4000000000000, 0xFFF0000000000001, 0x000FFFFFFFFFFFFF, 0x800FFFFFFFFFFFFF)
	for _, x := range []float32{
		0, 1, 0.5, 1.5, 2.5, 0.7, 1e-30, 1e30, 1e-20, 1e20, 1 << 31, 1 << 32, 1 << 63, 1 << 64,
		1 << 24, 1<<24 + 2, math.MaxFloat32, 1.1754943508222875e-38, 1.401298464324817e-45,
		float32(math.Inf(1)), 2147483520, 4294967040,
	} {
		b := math.Float32bits(x)
		s = append(s, b, b|1<<31)
	}
	s = append(s, 0x7FC00000, 0x7FC00123, 0xFFC00000, 0x7F800001, 0x7FA00000, 0xFF800001, 0x007FFFFF, 0x807FFFFF)
	ints = []uint64{0, 1, 2, 3, 1<<31 - 1, 1 << 31, 1<<32 - 1, 1 << 32, 1<<63 - 1, 1 << 63, 1<<64 - 1,
		1 << 53, 1<<53 + 1, 1<<63 + 1<<11 + 1, 1<<63 + 1<<10, 1<<24 + 1, 1<<24 + 3, 0xFFFFFFFF00000000,
		0xFFFFFFFF80000000, 0x8000000080000000}
	return d, s, ints
}

// ftestMachine builds a machine holding the program, FS on. The caller
// closes it (a long run makes thousands).
func ftestMachine(tb testing.TB, p *ftestProg) *emu.Machine {
	tb.Helper()
	cfg := emu.DefaultConfig(ftestRAM)
	cfg.Processor.Registers.Mstatus |= 0x6000 // FS on
	m, err := emu.New(cfg, emu.RuntimeOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	code := make([]byte, 2*len(p.code))
	for i, h := range p.code {
		code[2*i], code[2*i+1] = byte(h), byte(h>>8)
	}
	if err := m.WriteMemory(ftestCode, code); err != nil {
		tb.Fatal(err)
	}
	if err := m.WriteMemory(ftestData, p.data); err != nil {
		tb.Fatal(err)
	}
	return m
}

// ftestDiff names the first difference between two machines' states, or "".
func ftestDiff(a, b *emu.Machine) string {
	sa, sb := reflect.ValueOf(*a.Shadow()), reflect.ValueOf(*b.Shadow())
	for i := range sa.NumField() {
		x, y := sa.Field(i).Interface(), sb.Field(i).Interface()
		if !reflect.DeepEqual(x, y) {
			name := sa.Type().Field(i).Name
			if xs, ok := x.([32]uint64); ok {
				ys := y.([32]uint64)
				for j := range xs {
					if xs[j] != ys[j] {
						return fmt.Sprintf("%s[%d]: interpreter %#x, JIT %#x", name, j, xs[j], ys[j])
					}
				}
			}
			return fmt.Sprintf("%s: interpreter %#x, JIT %#x", name, x, y)
		}
	}
	if a.RootHash() != b.RootHash() {
		ra, rb := a.RangeBytes(), b.RangeBytes()
		for n, x := range ra {
			y := rb[n]
			for i := range x {
				if x[i] != y[i] {
					return fmt.Sprintf("%s at offset %#x: interpreter %#x, JIT %#x", n, i, x[i], y[i])
				}
			}
		}
		return "root hashes differ"
	}
	return ""
}

// ftestResult counts what one program did.
type ftestResult struct {
	cycles    uint64    // guest instructions
	jitCycles uint64    // of which in generated code
	streamFP  uint64    // random stream instructions executed
	flagged   [5]uint64 // per-instruction programs: instructions raising NX, UF, OF, DZ, NV
}

// tally counts the flags each stream instruction raised (per-instruction
// programs), from the interpreter's output records.
func (res *ftestResult) tally(t testing.TB, m *emu.Machine, p *ftestProg) {
	buf := make([]byte, p.iters*ftestOutRec)
	if err := m.ReadMemory(ftestOut, buf); err != nil {
		t.Fatal(err)
	}
	for it := range p.iters {
		for i := range p.streamN {
			fl := buf[it*ftestOutRec+ftestSlot(i)+8]
			for b := range res.flagged {
				if fl>>b&1 != 0 {
					res.flagged[b]++
				}
			}
		}
	}
}

// ftestRun runs a program on both engines, comparing them at every stop;
// on a difference it narrows down to the first differing cycle.
func ftestRun(t testing.TB, p *ftestProg) ftestResult {
	ref, fast := ftestMachine(t, p), ftestMachine(t, p)
	defer ref.Close()
	defer fast.Close()
	e, err := jit.New(fast)
	if err != nil {
		t.Fatal(err)
	}
	const limit = 50_000_000
	for ref.Mcycle() < limit {
		lo := ref.Mcycle()
		end := ftestNextStop(lo)
		r1, err1 := ftestAdvance(ref, end)
		r2, err2 := ftestAdvance(fast, end)
		if err1 != nil || err2 != nil {
			t.Fatalf("run: %v %v", err1, err2)
		}
		if d := ftestDiff(ref, fast); d != "" || r1 != r2 {
			t.Fatalf("%s", ftestNarrow(t, p, lo, end, fmt.Sprintf("%s (break %v / %v)", d, r1, r2)))
		}
		if r1 == emu.BreakHalted {
			res := ftestResult{cycles: ref.Mcycle(), jitCycles: e.Stats().JITCycles, streamFP: uint64(p.iters * p.streamN)}
			if p.perInsn {
				res.tally(t, ref, p)
			}
			return res
		}
		if r1 != emu.BreakReachedTargetMcycle {
			t.Fatalf("stopped with %v", r1)
		}
	}
	t.Fatalf("no halt within %d cycles", uint64(limit))
	return ftestResult{}
}

// Runs stop at the multiples of ftestPeriod and ftestPoke cycles after
// them; at the second kind of stop, ftestAdvance sets junk in fcsr's
// reserved bits (as a stored machine could hold): the next instruction that
// accumulates flags must clear them, in both engines alike, and the short
// run to the next stop lets a difference show before a CSR write cleans it.
const (
	ftestPeriod = 1046
	ftestPoke   = 1009
)

// ftestNextStop returns the first stop after mcycle c.
func ftestNextStop(c uint64) uint64 {
	base := c / ftestPeriod * ftestPeriod
	if c < base+ftestPoke {
		return base + ftestPoke
	}
	return base + ftestPeriod
}

// ftestAdvance runs a machine to mcycle to, poking fcsr at the stops.
func ftestAdvance(m *emu.Machine, to uint64) (emu.BreakReason, error) {
	for {
		b := ftestNextStop(m.Mcycle())
		r, err := m.Run(min(b, to))
		if err != nil || r != emu.BreakReachedTargetMcycle {
			return r, err
		}
		if m.Mcycle() == b && b%ftestPeriod == ftestPoke {
			m.Shadow().Fcsr |= 0x5A00
		}
		if m.Mcycle() >= to {
			return r, nil
		}
	}
}

// ftestNarrow reruns a program to find the first cycle where the engines
// differ (they agreed at lo) and describes it.
func ftestNarrow(t testing.TB, p *ftestProg, lo, hi uint64, first string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "engines differ by mcycle %d: %s\n", hi, first)
	// Fresh machines run to each cycle count in turn (the JIT stops
	// exactly there, and translates the same blocks every time).
	for c := lo + 1; c <= hi; c++ {
		r := ftestMachineAt(t, p, c, false)
		f := ftestMachineAt(t, p, c, true)
		d := ftestDiff(r, f)
		r.Close()
		f.Close()
		if d != "" {
			fmt.Fprintf(&b, "first difference after mcycle %d (pc before it: %#x): %s\n", c, ftestPCAt(t, p, c-1), d)
			break
		}
	}
	fmt.Fprintf(&b, "stream (%d instructions, repeated %d times):\n", p.streamN, p.iters)
	for _, l := range p.listing {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	return b.String()
}

func ftestMachineAt(t testing.TB, p *ftestProg, c uint64, useJIT bool) *emu.Machine {
	m := ftestMachine(t, p)
	if useJIT {
		if _, err := jit.New(m); err != nil {
			t.Fatal(err)
		}
	}
	ftestAdvance(m, c)
	return m
}

func ftestPCAt(t testing.TB, p *ftestProg, c uint64) uint64 {
	m := ftestMachineAt(t, p, c, false)
	defer m.Close()
	return m.PC()
}

func ftestEnvInt(name string, def uint64) uint64 {
	if v, err := strconv.ParseUint(os.Getenv(name), 0, 64); err == nil {
		return v
	}
	return def
}

// TestJITFloatDifferential runs random FP programs on both engines.
func TestJITFloatDifferential(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	programs := 24
	if os.Getenv("RIVET_FP_LONG") != "" {
		programs *= 50
	}
	if testing.Short() {
		programs /= 4
	}
	seed := ftestEnvInt("RIVET_FP_SEED", 1)
	var total ftestResult
	for i := range programs {
		// Seeds cycle through the three kinds of program.
		s := seed + uint64(i)
		p := ftestGen(s, 400, 48, ftestMode(s%3))
		res := ftestRun(t, p)
		total.cycles += res.cycles
		total.jitCycles += res.jitCycles
		total.streamFP += res.streamFP
		for b := range total.flagged {
			total.flagged[b] += res.flagged[b]
		}
	}
	t.Logf("%d programs, seeds %d..%d: %d random FP stream instructions executed per engine, %d guest instructions, %d of them in generated code; 0 mismatches",
		programs, seed, seed+uint64(programs)-1, total.streamFP, total.cycles, total.jitCycles)
	t.Logf("per-instruction programs: stream instructions raising NX %d, UF %d, OF %d, DZ %d, NV %d",
		total.flagged[0], total.flagged[1], total.flagged[2], total.flagged[3], total.flagged[4])
}

// FuzzJITFloat explores program seeds: go test -fuzz FuzzJITFloat ./jit/.
func FuzzJITFloat(f *testing.F) {
	if !jit.Supported {
		f.Skip("the JIT has no backend for this host")
	}
	f.Add(uint64(1))
	f.Fuzz(func(t *testing.T, seed uint64) {
		ftestRun(t, ftestGen(seed, 200, 48, ftestMode(seed%3)))
	})
}

// FP benchmarks: guest MIPS of floating-point loops, interpreter and JIT
// side by side (go test -bench FP ./jit/).

const (
	fbenchX = emu.RAMStart + 0x10000 // first matrix or vector
	fbenchY = emu.RAMStart + 0x20000 // second
	fbenchZ = emu.RAMStart + 0x30000 // result matrix
)

// fbenchMatmul multiplies two 16×16 double matrices (C = A·B, FMADD.D in
// the inner loop), forever.
func fbenchMatmul() []uint32 {
	const n = 16
	var p ftestProg
	p.w(ftestLA(ftS0, fbenchX)...)
	p.w(ftestLA(ftS1, fbenchY)...)
	p.w(ftestLA(ftS2, fbenchZ)...)
	p.w(rv.ADDI(28, 0, n)) // t3 = n
	repeat := p.pc()
	p.w(rv.ADDI(19, 0, 0)) // s3 = i
	loopI := p.pc()
	p.w(rv.ADDI(20, 0, 0)) // s4 = j
	loopJ := p.pc()
	p.w(rv.SLLI(ftT0, 19, 7), rv.ADD(ftA0, ftS0, ftT0)) // a0 = &A[i][0]
	p.w(rv.SLLI(6, 20, 3), rv.ADD(ftA0+1, ftS1, 6))     // a1 = &B[0][j]
	p.w(ftR(0x79, 0, 0, 0, 10))                         // fa0 = 0
	p.w(rv.ADDI(7, 0, n))                               // t2 = n
	loopK := p.pc()
	p.w(ftFLD(0, ftA0, 0), ftFLD(1, ftA0+1, 0), ftFMA(0x43, 1, 10, 1, 0, 7, 10))
	p.w(rv.ADDI(ftA0, ftA0, 8), rv.ADDI(ftA0+1, ftA0+1, 8*n), rv.ADDI(7, 7, -1))
	p.w(rv.BNE(7, 0, int32(loopK)-int32(p.pc())))
	p.w(rv.SLLI(ftT0, 19, 7), rv.ADD(ftT0, ftT0, ftS2), rv.SLLI(6, 20, 3), rv.ADD(ftT0, ftT0, 6))
	p.w(ftFSD(10, ftT0, 0))
	p.w(rv.ADDI(20, 20, 1))
	p.w(rv.BLTU(20, 28, int32(loopJ)-int32(p.pc())))
	p.w(rv.ADDI(19, 19, 1))
	p.w(rv.BLTU(19, 28, int32(loopI)-int32(p.pc())))
	p.w(rv.JAL(0, int32(repeat)-int32(p.pc())))
	return ftestWords(&p)
}

// fbenchDaxpy computes y = a·x + y over 256 doubles with FMUL.D and FADD.D
// (no fused multiply-add), forever.
func fbenchDaxpy() []uint32 {
	const n = 256
	var p ftestProg
	p.w(ftestLA(ftS0, fbenchX)...)
	p.w(ftestLA(ftS1, fbenchY)...)
	p.w(ftFLD(11, ftS0, 8*n)) // fa1 = a, just after x
	repeat := p.pc()
	p.w(rv.ADDI(ftA0, ftS0, 0), rv.ADDI(ftA0+1, ftS1, 0), rv.ADDI(7, 0, n))
	loop := p.pc()
	p.w(ftFLD(0, ftA0, 0), ftFLD(1, ftA0+1, 0))
	p.w(ftR(0x09, 11, 0, 7, 0), ftR(0x01, 0, 1, 7, 1)) // ft0 *= fa1; ft1 += ft0
	p.w(ftFSD(1, ftA0+1, 0))
	p.w(rv.ADDI(ftA0, ftA0, 8), rv.ADDI(ftA0+1, ftA0+1, 8), rv.ADDI(7, 7, -1))
	p.w(rv.BNE(7, 0, int32(loop)-int32(p.pc())))
	p.w(rv.JAL(0, int32(repeat)-int32(p.pc())))
	return ftestWords(&p)
}

// fbenchForms runs, in a loop over x and y, double operations in every
// register form the FP cache emits on its own registers: rd distinct, rd =
// rs1, rd = rs2 (of a subtraction and a division too, whose operands must
// not swap), rs1 = rs2, square roots in place and not, with static and
// dynamic rounding. y is written back, so the values drift through zeros,
// infinities and NaNs.
func fbenchForms() []uint32 {
	const n = 64
	const sub, mul, div, add, sqrt = 0x05, 0x09, 0x0D, 0x01, 0x2D
	const rtz, dyn = 1, 7
	var p ftestProg
	p.w(ftestLA(ftS0, fbenchX)...)
	p.w(ftestLA(ftS1, fbenchY)...)
	repeat := p.pc()
	p.w(rv.ADDI(ftA0, ftS0, 0), rv.ADDI(ftA0+1, ftS1, 0), rv.ADDI(7, 0, n))
	loop := p.pc()
	p.w(ftFLD(0, ftA0, 0), ftFLD(1, ftA0+1, 0))
	p.w(ftR(sub, 1, 0, dyn, 2))  // f2 = f0 - f1
	p.w(ftR(sub, 1, 0, dyn, 1))  // f1 = f0 - f1
	p.w(ftR(div, 1, 0, rtz, 3))  // f3 = f0 / f1
	p.w(ftR(div, 1, 0, dyn, 1))  // f1 = f0 / f1
	p.w(ftR(add, 1, 4, dyn, 4))  // f4 = f4 + f1
	p.w(ftR(mul, 5, 3, rtz, 5))  // f5 = f3 * f5
	p.w(ftR(add, 0, 6, dyn, 6))  // f6 = f6 + f0
	p.w(ftR(sub, 3, 3, dyn, 7))  // f7 = f3 - f3
	p.w(ftR(sqrt, 0, 2, dyn, 8)) // f8 = sqrt(f2)
	p.w(ftR(sqrt, 0, 4, rtz, 4)) // f4 = sqrt(f4)
	p.w(ftR(mul, 0, 1, dyn, 0))  // f0 = f1 * f0
	p.w(ftR(add, 7, 5, dyn, 5))  // f5 = f5 + f7
	p.w(ftFSD(1, ftA0+1, 0))
	p.w(rv.ADDI(ftA0, ftA0, 8), rv.ADDI(ftA0+1, ftA0+1, 8), rv.ADDI(7, 7, -1))
	p.w(rv.BNE(7, 0, int32(loop)-int32(p.pc())))
	p.w(rv.JAL(0, int32(repeat)-int32(p.pc())))
	return ftestWords(&p)
}

// ftestWords returns a program's code as words (it holds no compressed
// instructions).
func ftestWords(p *ftestProg) []uint32 {
	ws := make([]uint32, len(p.code)/2)
	for i := range ws {
		ws[i] = uint32(p.code[2*i]) | uint32(p.code[2*i+1])<<16
	}
	return ws
}

func fbenchMachine(b *testing.B, prog []uint32, useJIT bool) *emu.Machine {
	p := &ftestProg{}
	for _, w := range prog {
		p.w(w)
	}
	m := fbenchDataMachine(b, p)
	if useJIT {
		if _, err := jit.New(m); err != nil {
			b.Fatal(err)
		}
	}
	return m
}

func fbench(b *testing.B, prog []uint32) {
	for _, engine := range []string{"interp", "jit"} {
		b.Run(engine, func(b *testing.B) {
			if engine == "jit" && !jit.Supported {
				b.Skip("the JIT has no backend for this host")
			}
			m := fbenchMachine(b, prog, engine == "jit")
			const chunk = 2_000_000
			m.Run(chunk) // warm up: blocks translated
			rv.RunMIPS(b, m, chunk)
		})
	}
}

func BenchmarkFPMatmul(b *testing.B) { fbench(b, fbenchMatmul()) }
func BenchmarkFPDaxpy(b *testing.B)  { fbench(b, fbenchDaxpy()) }

// TestJITFPLoops runs the FP benchmark programs (loops of FP loads, stores
// and arithmetic, whose integer registers the JIT keeps in host registers
// across iterations and across the FP instructions) on both engines in
// lockstep.
func TestJITFPLoops(t *testing.T) {
	for name, prog := range map[string][]uint32{"matmul": fbenchMatmul(), "daxpy": fbenchDaxpy(), "forms": fbenchForms()} {
		t.Run(name, func(t *testing.T) {
			mk := func(tb testing.TB) *emu.Machine {
				p := &ftestProg{}
				for _, w := range prog {
					p.w(w)
				}
				return fbenchDataMachine(tb, p)
			}
			lockstep(t, mk, 300_000, 7919)
		})
	}
}

// fbenchDataMachine is an FP benchmark program's machine with its data: x
// and y (257 doubles each; daxpy's a just after x). It closes with tb.
func fbenchDataMachine(tb testing.TB, p *ftestProg) *emu.Machine {
	m := ftestMachine(tb, p)
	tb.Cleanup(func() { m.Close() })
	vals := make([]byte, 8*(256+1))
	for i := range 257 {
		putU64(vals[8*i:], math.Float64bits(1+float64(i%17)/64))
	}
	putU64(vals[8*256:], math.Float64bits(1.0/1024)) // daxpy's a
	for _, at := range []uint64{fbenchX, fbenchY} {
		if err := m.WriteMemory(at, vals); err != nil {
			tb.Fatal(err)
		}
	}
	return m
}

// TestJITFPLoopChecks: a loop checks mstatus.FS, frm and fcsr once, before
// its first pass (they cannot change inside it), and leaves the block to
// the interpreter where a check fails. The daxpy loop (whose FMUL and FADD
// round with DYN) runs in lockstep; once its block runs translated, both
// machines get FS off, a reserved frm or fcsr's upper bits set (raw, through
// the shadow registers), and an M handler turns FS on and sets frm, then
// retries the instruction; fcsr is legalised by the first FP instruction
// that accumulates flags.
func TestJITFPLoopChecks(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const handler = ftestCode + 0x8000
	for _, c := range []struct {
		name          string
		mstatus, fcsr uint64
	}{
		{"FS off", 0, 0},
		{"frm reserved", 0x6000, 5 << 5},
		{"frm dynamic", 0x6000, 7 << 5},
		{"fcsr raw", 0x6000, 0xF00 | 2<<5 | 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			var ms [2]*emu.Machine
			for i := range ms {
				p := &ftestProg{}
				for _, w := range fbenchDaxpy() {
					p.w(w)
				}
				m := fbenchDataMachine(t, p)
				const t0 = 5
				code := rv.Bytes(rv.Program(
					rv.LUI(t0, 6), rv.CSRRS(0, 0x300, t0), // FS on
					rv.CSRRW(0, 0x002, 0), // frm = RNE
					uint32(0x30200073),    // mret: retry the instruction
				))
				if err := m.WriteMemory(handler, code); err != nil {
					t.Fatal(err)
				}
				m.Shadow().Mtvec = handler
				ms[i] = m
			}
			ref, fast := ms[0], ms[1]
			eng, err := jit.NewWithOptions(fast, jit.Options{HotThreshold: 0})
			if err != nil {
				t.Fatal(err)
			}
			for round := range 20 {
				end := uint64(round+1) * 5000
				if _, err := ref.Run(end); err != nil {
					t.Fatal(err)
				}
				if _, err := fast.Run(end); err != nil {
					t.Fatal(err)
				}
				if d := stateDiff(ref, fast); d != "" {
					t.Fatalf("round %d, mcycle %d: %s", round, end, d)
				}
				for _, m := range ms { // mid-loop, on both
					s := m.Shadow()
					s.Mstatus = s.Mstatus&^0x6000 | c.mstatus
					s.Fcsr = c.fcsr
				}
			}
			// A change that finds the loop between passes is caught by the
			// checks of the block that enters it instead; about half of
			// them find it inside.
			if st := eng.Stats(); st.Exits[ir.ExitInterpret] < 5 {
				t.Fatalf("the loop's checks failed %d times in 19 changes: they were not reached", st.Exits[ir.ExitInterpret])
			}
		})
	}
}

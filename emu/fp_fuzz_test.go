package emu_test

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/rivetvm/rivet/emu"
	. "github.com/rivetvm/rivet/emu/emutest"
)

// FuzzFPInstructions drives random instruction words, steered mostly into the
// FP opcodes (LOAD-FP, STORE-FP, the fused multiply-adds, OP-FP, c.fld/c.fsd/
// c.fldsp/c.fsdsp and csr accesses to fcsr/frm/fflags), through a machine whose
// x and f registers, fcsr and mstatus.FS come from the input too. Whatever the
// input: Run returns within its mcycle bound without panicking or failing,
// x0 stays 0, a legal fcsr stays within its 8 bits, a consistent FS/SD stays
// consistent (FS is Off or Dirty, SD set exactly when Dirty), and running the
// same input again one cycle per Run call ends in the same state.
//
//	go test ./emu -run '^$' -fuzz FuzzFPInstructions -fuzztime 5m
func FuzzFPInstructions(f *testing.F) {
	for _, seed := range fpFuzzSeeds() {
		f.Add(seed.insns, seed.regs, seed.fcsr, seed.fs)
	}
	f.Fuzz(func(t *testing.T, insns, regs []byte, fcsr uint64, fs uint8) {
		in := newFPFuzzInput(insns, regs, fcsr, fs)
		whole := in.run(t, false)
		stepped := in.run(t, true)
		if *whole.Shadow() != *stepped.Shadow() {
			t.Fatalf("running in one call and one cycle per call differ:\n%s", emu.StateDiff(whole, stepped))
		}
		a, b := make([]byte, fpFuzzData+0x1000), make([]byte, fpFuzzData+0x1000)
		if err := whole.ReadMemory(emu.RAMStart, a); err != nil {
			t.Fatal(err)
		}
		if err := stepped.ReadMemory(emu.RAMStart, b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("running in one call and one cycle per call leave different memory")
		}
	})
}

const (
	fpFuzzSlots   = 16     // instruction slots of 4 bytes
	fpFuzzCycles  = 200    // mcycle bound of a run
	fpFuzzHandler = 0x800  // trap handler, from RAMStart
	fpFuzzData    = 0x4000 // data pages that pointer registers point into, from RAMStart
	mstatusFS     = 3 << 13
	mstatusSD     = 1 << 63
)

// fpFuzzInput is one decoded fuzz input: a program and the initial state.
type fpFuzzInput struct {
	prog    []uint32
	regs    emu.Registers
	legalFS bool // FS and SD start consistent (as a CSR write leaves them)
}

// fpOpcodes are the major opcodes a 32-bit slot is steered into (OP-FP twice:
// kind 7 also steers funct7).
var fpOpcodes = [8]uint32{0x07, 0x27, 0x43, 0x47, 0x4B, 0x4F, 0x53, 0x53}

// opFPFunct7 are the funct7 values OP-FP assigns in F and D.
var opFPFunct7 = [...]uint32{
	0x00, 0x01, 0x04, 0x05, 0x08, 0x09, 0x0C, 0x0D, 0x2C, 0x2D, 0x10, 0x11, 0x14,
	0x15, 0x20, 0x21, 0x50, 0x51, 0x60, 0x61, 0x68, 0x69, 0x70, 0x71, 0x78, 0x79,
}

// fpCompressed are the compressed FP loads/stores: funct3 and quadrant bits.
var fpCompressed = [4]uint16{
	0x2000, // c.fld
	0xA000, // c.fsd
	0x2002, // c.fldsp
	0xA002, // c.fsdsp
}

// steerSlot turns a selector byte and an input word into one 4-byte slot.
// The selector's low 4 bits pick the kind: 0-7 a 32-bit FP instruction (the
// opcode from fpOpcodes, the other fields as given, except that kind 7 takes
// an assigned OP-FP funct7 picked by the word's funct7 bits), 8-11 a compressed FP
// load/store (the word's high half, its funct3 and quadrant forced) followed
// by c.nop, 12-13 a csr instruction on fflags, frm or fcsr, 14-15 the word as
// it is (any instruction).
func steerSlot(sel uint8, w uint32) uint32 {
	kind := sel & 0xF
	switch {
	case kind < 7:
		return w&^0x7F | fpOpcodes[kind]
	case kind == 7:
		funct7 := opFPFunct7[(w>>25)%uint32(len(opFPFunct7))]
		return funct7<<25 | w&0x01FFFF80 | 0x53
	case kind < 12:
		c := uint16(w>>16)&^0xE003 | fpCompressed[kind-8]
		return 0x0001<<16 | uint32(c) // c.nop after it keeps slots 4 bytes long
	case kind < 14:
		funct3 := w >> 12 & 7
		if funct3 == 0 || funct3 == 4 {
			funct3 = 1 // csrrw
		}
		csr := w >> 20 & 3 // fflags, frm, fcsr (0 becomes fcsr too)
		if csr == 0 {
			csr = 3
		}
		return csr<<20 | w&(0x1F<<15) | funct3<<12 | w&(0x1F<<7) | 0x73
	}
	return w
}

// fpValues are register images the f registers are drawn from: NaN-boxed
// singles and doubles at the edges (zeros, subnormals, limits, infinities,
// NaNs of both kinds, values near integer limits), and improperly boxed ones.
var fpValues = [...]uint64{
	0xFFFFFFFF00000000, 0xFFFFFFFF80000000, 0xFFFFFFFF3F800000, 0xFFFFFFFFBF800000,
	0xFFFFFFFF00000001, 0xFFFFFFFF807FFFFF, 0xFFFFFFFF00800000, 0xFFFFFFFF7F7FFFFF,
	0xFFFFFFFF7F800000, 0xFFFFFFFFFF800000, 0xFFFFFFFF7FC00000, 0xFFFFFFFF7F800001,
	0xFFFFFFFFFFC12345, 0xFFFFFFFF4F000000, 0xFFFFFFFFCF000000, 0xFFFFFFFF5F800000,
	0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
	0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x0010000000000000, 0x7FEFFFFFFFFFFFFF,
	0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0x7FF0000000000001,
	0x41DFFFFFFFE00000, 0xC1E0000000200000, 0x43E0000000000000, 0x3FE0000000000000,
	0x000000003F800000, 0x7FFFFFFF7FC00000, 0xFFFFFFFE00000000, 0x3FD5555555555555,
}

// intValues are x register values for the conversions from integers.
var intValues = [...]uint64{
	0, 1, 2, 3, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF80000000, 0xFFFFFFFF,
	0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0x1000001, 0x20000000000001, 0xFFFFFFFFFEFFFFFF,
	0x123456789ABCDEF0, 0xFFFFFFFFFFFFF800,
}

// byteReader hands out input bytes, then zeros.
type byteReader struct{ b []byte }

func (r *byteReader) u8() uint8 {
	if len(r.b) == 0 {
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *byteReader) u64() uint64 {
	var buf [8]byte
	n := copy(buf[:], r.b)
	r.b = r.b[n:]
	return binary.LittleEndian.Uint64(buf[:])
}

func newFPFuzzInput(insns, regs []byte, fcsr uint64, fs uint8) *fpFuzzInput {
	in := &fpFuzzInput{regs: emu.DefaultRegisters()}
	for i := 0; i < fpFuzzSlots && 5*i+5 <= len(insns); i++ {
		in.prog = append(in.prog, steerSlot(insns[5*i], binary.LittleEndian.Uint32(insns[5*i+1:])))
	}
	in.prog = append(in.prog, HaltSequence(0)...)

	r := &byteReader{regs}
	x := &in.regs.X
	for i := 1; i < 32; i++ {
		sel := r.u8()
		switch {
		case i == 2 || i >= 8 && i <= 15 || sel&1 != 0:
			// a pointer into the data pages (sp and the registers of the
			// compressed forms always), so that loads and stores can succeed
			x[i] = emu.RAMStart + fpFuzzData + uint64(sel&0xFE)<<3
		case sel < 128:
			x[i] = intValues[int(sel>>1)%len(intValues)]
		default:
			x[i] = r.u64()
		}
	}
	for i := range in.regs.F {
		sel := r.u8()
		switch {
		case sel < 192:
			in.regs.F[i] = fpValues[int(sel)%len(fpValues)]
		case sel < 224:
			in.regs.F[i] = 0xFFFFFFFF00000000 | r.u64()&0xFFFFFFFF // a boxed single
		default:
			in.regs.F[i] = r.u64()
		}
	}
	// fcsr: any value, even one a CSR write could not leave (a loaded state
	// is untrusted too); mstatus.FS: the four encodings, SD set when FS is
	// not Off, or the other way round when fs&4 says so.
	in.regs.Fcsr = fcsr
	in.regs.Mstatus = emu.MstatusInit | uint64(fs&3)<<13
	if (fs&3 != 0) != (fs&4 != 0) {
		in.regs.Mstatus |= mstatusSD
	}
	fsVal := in.regs.Mstatus & mstatusFS
	in.legalFS = (fsVal == 0 || fsVal == mstatusFS) && (in.regs.Mstatus&mstatusSD != 0) == (fsVal != 0)
	in.regs.Mtvec = emu.RAMStart + fpFuzzHandler
	return in
}

// fpFuzzHandlerCode skips the trapping slot: mepc += 4, keeping t0 through mscratch.
func fpFuzzHandlerCode() []uint32 {
	return Program(
		CSRRW(T0, 0x340, T0),   // csrrw t0, mscratch, t0
		CSRRS(T0, 0x341, Zero), // csrr t0, mepc
		ADDI(T0, T0, 4),
		CSRRW(Zero, 0x341, T0),
		CSRRW(T0, 0x340, T0),
		uint32(MRET),
	)
}

// run builds a fresh machine for the input and runs it to the mcycle bound,
// in one Run call or one cycle per call, checking the invariants.
func (in *fpFuzzInput) run(t *testing.T, stepped bool) *emu.Machine {
	t.Helper()
	cfg := emu.DefaultConfig(1 << 20)
	cfg.Processor.Registers = in.regs
	m, err := emu.New(cfg, emu.RuntimeOptions{})
	if err != nil {
		t.Fatalf("new machine: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := m.WriteMemory(emu.RAMStart, Bytes(in.prog)); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteMemory(emu.RAMStart+fpFuzzHandler, Bytes(fpFuzzHandlerCode())); err != nil {
		t.Fatal(err)
	}
	// at most one Run call per cycle, plus a few that stop early (console output)
	for calls := 0; calls < 2*fpFuzzCycles+16; calls++ {
		target := uint64(fpFuzzCycles)
		if stepped {
			target = min(m.Mcycle()+1, fpFuzzCycles)
		}
		before := m.Mcycle()
		reason, err := m.Run(target)
		if err != nil {
			t.Fatalf("run: %v", err)
		}
		if m.Mcycle() > target {
			t.Fatalf("mcycle %d ran past the target %d", m.Mcycle(), target)
		}
		checkFPFuzzState(t, m, in)
		switch reason {
		case emu.BreakHalted, emu.BreakYieldedManually, emu.BreakMcycleOverflow:
			return m
		}
		if m.Mcycle() >= fpFuzzCycles {
			return m
		}
		if m.Mcycle() == before && reason == emu.BreakReachedTargetMcycle {
			t.Fatalf("Run made no progress at mcycle %d", before)
		}
	}
	t.Fatalf("did not reach mcycle %d (at %d)", fpFuzzCycles, m.Mcycle())
	return nil
}

func checkFPFuzzState(t *testing.T, m *emu.Machine, in *fpFuzzInput) {
	t.Helper()
	s := m.Shadow()
	if s.X[0] != 0 {
		t.Fatalf("x0 = %#x", s.X[0])
	}
	if in.regs.Fcsr <= 0xFF && s.Fcsr > 0xFF {
		t.Fatalf("fcsr = %#x, outside its 8 bits", s.Fcsr)
	}
	if in.legalFS {
		fsVal := s.Mstatus & mstatusFS
		if fsVal != 0 && fsVal != mstatusFS {
			t.Fatalf("mstatus.FS = %d, neither Off nor Dirty", fsVal>>13)
		}
		if (s.Mstatus&mstatusSD != 0) != (fsVal != 0) {
			t.Fatalf("mstatus = %#x: SD does not follow FS", s.Mstatus)
		}
	}
}

type fpFuzzSeed struct {
	insns, regs []byte
	fcsr        uint64
	fs          uint8
}

// fpFuzzSeeds are hand-written starting points: each FP opcode with plain
// operands, NaN/infinity operands, dynamic rounding with an invalid frm, FS
// off, compressed loads and stores, and fcsr writes. The corpus in
// testdata/fuzz/FuzzFPInstructions adds inputs found while fuzzing.
func fpFuzzSeeds() []fpFuzzSeed {
	// slots: kind, word pairs (see steerSlot)
	slots := func(kw ...uint32) []byte {
		var b []byte
		for i := 0; i+1 < len(kw); i += 2 {
			b = append(b, byte(kw[i]))
			b = binary.LittleEndian.AppendUint32(b, kw[i+1])
		}
		return b
	}
	const (
		load, store, madd, msub, nmsub, nmadd, opfp = 0, 1, 2, 3, 4, 5, 6
		cfld, cfsd, cfldsp, cfsdsp, csr, raw        = 8, 9, 10, 11, 12, 14
	)
	// x selectors 1..31 (odd: pointers, even: small integers), then f
	// selectors: indexes into fpValues
	regs := func(fsel ...byte) []byte {
		b := make([]byte, 31, 31+32)
		for i := range b {
			b[i] = byte(i + 1)
		}
		return append(b, fsel...)
	}
	plain := regs(2, 3, 18, 19, 8, 10, 11, 24, 26, 27, 20, 21, 32, 33, 34, 35, 4, 5, 6, 7, 12, 13, 14, 15, 28, 29, 30, 31)
	return []fpFuzzSeed{
		// fadd.s, fmul.d, fdiv.d, fsqrt.s, fmadd.s, fmsub.d, fnmsub.s, fnmadd.d
		{slots(opfp, 0x00c58553, opfp, 0x12c58553, opfp, 0x1ac58553, opfp, 0x58058553,
			madd, 0x68c58543, msub, 0x6ac58547, nmsub, 0x68c5854b, nmadd, 0x6ac5854f), plain, 0, 3},
		// DYN rounding with an invalid frm (illegal instruction), then a valid static mode
		{slots(opfp, 0x00c5f553, opfp, 0x12c5f553, madd, 0x68c5f543, opfp, 0x02c59553), plain, 7 << 5, 3},
		// fcvt.w.s, fcvt.lu.d, fcvt.s.l, fcvt.d.s, fclass.d, feq.s, fmin.d, fsgnjn.s, fmv.x.w, fmv.d.x
		{slots(opfp, 0xc005f553, opfp, 0xc235f553, opfp, 0xd025f553, opfp, 0x42058553, opfp, 0xe2059553,
			opfp, 0xa0c5a553, opfp, 0x2ac58553, opfp, 0x20c59553, opfp, 0xe0058553, opfp, 0xf2058553), plain, 0x1f, 3},
		// flw, fsd, fld with every mode, then the same with FS off
		{slots(load, 0x0004a507, store, 0x00a4b027, load, 0xff84b587, opfp, 0x02c58553), plain, 0, 3},
		{slots(load, 0x0004a507, store, 0x00a4b027, opfp, 0x02c58553, csr, 0x00302573), plain, 0, 0},
		// c.fld fs0, 248(a5); c.fsd fa0, 8(a0); c.fldsp fa0, 0(sp); c.fsdsp fa0, 504(sp)
		{slots(cfld, 0x3fe00000, cfsd, 0xa5080000, cfldsp, 0x25020000, cfsdsp, 0xbfaa0000), plain, 0, 3},
		// csrrw fcsr, csrrs frm, csrrc fflags with wide register values, then an FP op
		{slots(csr, 0x00359573, csr, 0x0025a5f3, csr, 0x0015b673, opfp, 0x00c5f553), regs(), 0xe5, 3},
		// raw words: fadd.d with rm = 5 and 6, fcsr garbage, FS Initial
		{slots(raw, 0x02c5d553, raw, 0x02c5e553, raw, 0x02c5f553), plain, 0xffffffffffffffff, 1},
	}
}

// TestFPFuzzHarness checks the harness itself: every seed reaches the halt
// sequence after its slots (trapping slots are skipped by the handler), the
// FP-off seed traps with illegal instruction, and the first seed ends with
// the canonical NaN its last instruction (fnmadd.d with a quiet-NaN addend)
// must give.
func TestFPFuzzHarness(t *testing.T) {
	for i, seed := range fpFuzzSeeds() {
		in := newFPFuzzInput(seed.insns, seed.regs, seed.fcsr, seed.fs)
		m := in.run(t, false)
		if !m.Halted() || m.ExitCode() != 0 {
			t.Errorf("seed %d: halted %v, exit code %d, pc %#x", i, m.Halted(), m.ExitCode(), m.PC())
		}
		s := m.Shadow()
		switch i {
		case 0:
			if s.F[10] != 0x7FF8000000000000 {
				t.Errorf("seed 0: fa0 = %#x, want the canonical NaN", s.F[10])
			}
		case 4:
			if s.Mcause != 2 {
				t.Errorf("seed 4 (FS off): mcause = %d, want 2", s.Mcause)
			}
		}
	}
}

package difftest

import (
	"fmt"
	"math/rand"
	"strings"
)

// Sweep programs test the decoder and the plain instructions at a high
// rate: thousands of random 16- and 32-bit words in one privilege level,
// without paging, where every register is fair game. Words that would
// change control flow, touch CSRs or privilege (branches, jumps, SYSTEM),
// and F/D words (unless allowed) are left out. The trap handler keeps its
// two scratch registers in mscratch and sscratch, so it needs no register
// the words might clobber; it skips the trapping word. Every dumpEvery
// words all registers are stored into a log in RAM, so a register that
// differs for a moment still reaches the hashed state.

const (
	sweepLog      = RAMStart + 0x200000
	sweepLogSlots = 64
	sweepData     = RAMStart + 0x100000 // registers point here now and then
)

// SweepOptions shape a sweep program.
type SweepOptions struct {
	Words      int // random words
	DumpEvery  int // words between register dumps
	AllowFloat bool
	// Loop > 1 runs each chunk of DumpEvery words that many times (s11 is
	// the loop counter, which the words then never write), so engines that
	// translate hot code (the JIT) get to translate it.
	Loop int
}

// Sweep returns the assembly of the sweep program for a seed. The privilege
// level (M, S or U) is drawn from the seed.
func Sweep(seed int64, o SweepOptions) string {
	r := rand.New(rand.NewSource(seed))
	g := &gen{r: r, opts: GenOptions{AllowFloat: o.AllowFloat}}
	prv := []int{prvM, prvS, prvU}[r.Intn(3)]
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("# rivet difftest sweep program, seed %d, %s-mode", seed, prvNames[prv])
	w("\t.option norvc\n\t.option norelax\n\t.text\n\t.globl _start")
	w("_start:")
	w("\tla t0, sweep_trap")
	w("\tcsrw mtvec, t0")
	w("\tli t0, 0x%x", uint64(prv)<<11)
	w("\tcsrw mstatus, t0")
	w("\tla t0, sweep_body")
	w("\tcsrw mepc, t0")
	for reg := 1; reg < 32; reg++ {
		v := g.value()
		if r.Intn(4) == 0 {
			v = sweepData + uint64(r.Intn(0x10000))&^7
		}
		w("\tli %s, 0x%x", regNames[reg], v)
	}
	w("\tmret")
	// The handler: skip the word (2 or 4 bytes), return to the same level.
	w("sweep_trap:")
	w("\tcsrw sscratch, t1")
	w("\tcsrrw t0, mscratch, t0")
	w("\tcsrr t0, mepc")
	w("\tlhu t1, 0(t0)")
	w("\tandi t1, t1, 3")
	w("\taddi t1, t1, -3")
	w("\taddi t0, t0, 2")
	w("\tbnez t1, 1f")
	w("\taddi t0, t0, 2")
	w("1:\tcsrw mepc, t0")
	w("\tcsrrw t0, mscratch, t0")
	w("\tcsrr t1, sscratch")
	w("\tmret")
	w("\t.balign 4")
	w("sweep_body:")
	dumps, loops := 0, 0
	loopReg := ""
	if o.Loop > 1 {
		loopReg = "s11"
	}
	for i := 0; i < o.Words; i++ {
		if o.DumpEvery > 0 && i%o.DumpEvery == 0 {
			if loopReg != "" && i > 0 {
				w("\taddi s11, s11, -1")
				w("\tbnez s11, sweep_loop%d", loops)
				loops++
			}
			sweepDump(w, dumps%sweepLogSlots)
			dumps++
			if loopReg != "" {
				w("\tli s11, %d", o.Loop)
				w("sweep_loop%d:", loops)
			}
		}
		if r.Intn(2) == 0 {
			for {
				x := r.Uint32()
				if r.Intn(2) == 0 {
					ops := []uint32{0x03, 0x0F, 0x13, 0x1B, 0x23, 0x2F, 0x33, 0x3B, 0x37, 0x17}
					x = x&^0x7F | ops[r.Intn(len(ops))]
				}
				if sweepWordOK(x, o.AllowFloat) && (loopReg == "" || !writesReg32(x, 27)) {
					w("\t.word 0x%08x", x)
					break
				}
			}
		} else {
			for {
				h := uint16(r.Uint32())
				if sweepHalfOK(h, o.AllowFloat) && (loopReg == "" || !writesReg16(h, 27)) {
					w("\t.half 0x%04x", h)
					break
				}
			}
		}
	}
	if loopReg != "" {
		w("\taddi s11, s11, -1")
		w("\tbnez s11, sweep_loop%d", loops)
	}
	sweepDump(w, dumps%sweepLogSlots)
	// Halt: the handler skips the words, so the body always gets here.
	w("\t.balign 4")
	w("\tli t0, 1")
	w("\tli t1, 0x%x", htifBase)
	w("\tsd t0, 0(t1)")
	w("1:\tj 1b")
	return b.String()
}

// sweepDump stores x1..x31 into log slot k. t0 goes through sscratch.
func sweepDump(w func(string, ...any), k int) {
	w("\tcsrw sscratch, t0")
	w("\tli t0, 0x%x", sweepLog+uint64(k)*256)
	for reg := 1; reg < 32; reg++ {
		if reg != 5 {
			w("\tsd %s, %d(t0)", regNames[reg], reg*8)
		}
	}
	w("\tcsrr ra, sscratch")
	w("\tsd ra, 40(t0)")
	w("\tld ra, 8(t0)")
	w("\tcsrr t0, sscratch")
}

// sweepWordOK accepts 32-bit words that keep control flow and privilege:
// no branch, jump or SYSTEM word, no F/D word unless allowed.
func sweepWordOK(x uint32, allowFloat bool) bool {
	if x&3 != 3 || x&0x1C == 0x1C {
		return false
	}
	if !allowFloat && isFloatWord(x) {
		return false
	}
	switch x & 0x7F {
	case 0x63, 0x67, 0x6F, 0x73:
		return false
	}
	return true
}

// sweepHalfOK accepts 16-bit words that keep control flow: no C.J, C.JAL
// (RV32 only, C.ADDIW here), C.BEQZ, C.BNEZ, C.JR, C.JALR; C.EBREAK is fine.
func sweepHalfOK(h uint16, allowFloat bool) bool {
	q, f3 := h&3, h>>13
	if q == 3 {
		return false
	}
	if !allowFloat && isFloatHalf(h) {
		return false
	}
	if q == 1 && f3 >= 5 {
		return false
	}
	if q == 2 && f3 == 4 && (h>>2)&31 == 0 && (h>>7)&31 != 0 {
		return false // C.JR / C.JALR (rs1 != 0)
	}
	return true
}

// writesReg32 reports whether a 32-bit word may write register r (every
// format with an rd field but stores counts).
func writesReg32(x uint32, r uint32) bool {
	switch x & 0x7F {
	case 0x23, 0x27:
		return false
	}
	return (x>>7)&31 == r
}

// writesReg16 reports whether a 16-bit word may write register r (only
// forms with a full 5-bit rd can name x16..x31).
func writesReg16(h uint16, r uint32) bool {
	q, f3 := h&3, h>>13
	rd := uint32(h>>7) & 31
	switch q {
	case 1:
		return f3 <= 3 && rd == r
	case 2:
		return (f3 == 0 || f3 == 2 || f3 == 3 || f3 == 4) && rd == r
	}
	return false
}

package jit_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/jit"
	"github.com/rivetvm/rivet/jit/ir"
)

// The refill routines' page walk (jit/amd64/refill.go): under Sv39 and
// Sv48 a load or store that misses the TLB is translated and filled by
// generated code where the interpreter's walk would succeed without writing
// a PTE. Here a loop loads from and stores to pages that share one TLB slot,
// so every access misses, through PTEs of every kind the walk must tell
// apart: plain, read-only, execute-only (readable with MXR), write-only and
// write+execute (reserved), invalid with permissions, user pages (reachable
// from S-mode with SUM), A or D clear, reserved bits, a pointer at the last
// level, superpages aligned and not, and a non-canonical address. Each
// privilege and mstatus setting runs in lockstep with the interpreter; an
// M-mode trap handler skips faulting accesses and counts them.

const (
	walkRAM     = 8 << 20
	walkRoot    = emu.RAMStart + 0x100000 // page tables from here
	walkData    = emu.RAMStart + 0x200000 // the pages the PTEs map
	walkVA      = 0x40000000              // kind k at walkVA + k MiB: all in slot 0
	walkHandler = emu.RAMStart + 0x800
)

// walkKinds are the leaf PTEs (flags over the page of each kind) that the
// loop touches; superpages and the odd cases are set up by walkTables.
var walkKinds = []uint64{
	pteV | pteR | pteW | pteA | pteD,               // plain
	pteV | pteR | pteW | pteA,                      // D clear: loads fill, stores go to Go
	pteV | pteR | pteW | pteD,                      // A clear
	pteV | pteR | pteA | pteD,                      // read-only
	pteV | pteX | pteA | pteD,                      // execute-only: readable with MXR
	pteV | pteW | pteA | pteD,                      // reserved: W without R
	pteV | pteW | pteX | pteA | pteD,               // reserved: W+X without R
	pteR | pteW | pteA | pteD,                      // invalid
	pteV | pteR | pteW | pteU | pteA | pteD,        // user
	pteV | pteR | pteW | pteA | pteD | 1<<54,       // reserved bit
	pteV,                                           // a pointer at the last level
	pteV | pteR | pteW | pteX | pteU | pteA | pteD, // user, everything
	pteV | pteX | pteU | pteA | pteD,               // user, execute-only
}

// Besides the kinds above, the loop visits a 2 MiB page, a misaligned one,
// and a non-canonical address (the last three of walkVAs).
func walkVAs(levels int) []uint64 {
	// First, a page of RAM's last 2 MiB, which are not mapped one to one (a
	// walk taken for the identity would reach the wrong page; first, as the
	// first trap's MRET changes MPP).
	vas := []uint64{walkRemapVA}
	for k := range walkKinds {
		vas = append(vas, walkVA+uint64(k)<<20)
	}
	vas = append(vas, walkVA+0x10000000, walkVA+0x10200000) // superpages
	// Non-canonical: the first bit above the top VPN differs from it (the
	// rest is walkVA's, which is mapped).
	return append(vas, uint64(1)<<(12+9*levels)|walkVA)
}

// walkRemapVA is in RAM but mapped elsewhere in RAM.
const walkRemapVA = emu.RAMStart + walkRAM - 2<<20

func walkTables(img []byte, levels int, root, identityFlags uint64) {
	next := root + 4096
	put := func(a, v uint64) { binary.LittleEndian.PutUint64(img[a-emu.RAMStart:], v) }
	get := func(a uint64) uint64 { return binary.LittleEndian.Uint64(img[a-emu.RAMStart:]) }
	// slot returns the PTE address of va at a level (0: 4 KiB leaves).
	slot := func(va uint64, level int) uint64 {
		table := root
		for l := levels - 1; l > level; l-- {
			a := table + (va>>(12+9*l)&511)*8
			if get(a)&pteV == 0 {
				put(a, next>>12<<10|pteV)
				next += 4096
			}
			table = get(a) >> 10 << 12
		}
		return table + (va>>(12+9*level)&511)*8
	}
	// Code, handler and tables: RAM mapped one to one, 2 MiB at a time.
	for pa := uint64(emu.RAMStart); pa < walkRemapVA; pa += 2 << 20 {
		put(slot(pa, 1), pa>>12<<10|pteV|pteR|pteW|pteX|pteA|pteD|identityFlags)
	}
	put(slot(walkRemapVA, 0), (walkData+0x30000)>>12<<10|pteV|pteR|pteW|pteA|pteD|identityFlags)
	for k, flags := range walkKinds {
		put(slot(walkVA+uint64(k)<<20, 0), (walkData+uint64(k)*4096)>>12<<10|flags)
	}
	put(slot(walkVA+0x10000000, 1), walkData>>12<<10|pteV|pteR|pteW|pteA|pteD)          // 2 MiB, aligned
	put(slot(walkVA+0x10200000, 1), (walkData+0x1000)>>12<<10|pteV|pteR|pteW|pteA|pteD) // misaligned
}

// walkProgram: s0 points at the table of addresses, s1 counts rounds, s4
// counts traps. Each round loads from and stores to every address.
func walkProgram(n int) []uint32 {
	const t0, t1, t2, s0, s1, s2, a0 = 5, 6, 7, 8, 9, 18, 10
	encADD := func(rd, rs1, rs2 uint32) uint32 { return encR(0, rs2, rs1, 0, rd, opOp) }
	return []uint32{
		// round (word 0):
		encADDI(t0, s0, 0), encADDI(t2, rZero, int64(n)),
		// each (word 2):
		encLoad(3, t1, t0, 0),   // the address
		encLoad(3, a0, t1, 8),   // load through it
		encADD(s2, s2, a0),      // (a faulting load leaves a0 as it was)
		encStore(3, s2, t1, 16), // store through it
		encADDI(t0, t0, 8),
		encADDI(t2, t2, -1),
		encBNE(t2, rZero, -4*6),
		encADDI(s1, s1, 1),
		encJAL(rZero, -4*10),
	}
}

// walkHandlerCode skips the faulting instruction and counts the trap in s4.
func walkHandlerCode() []uint32 {
	const t6, s4 = 31, 20
	return []uint32{
		encCSRR(t6, 0x341), encADDI(t6, t6, 4), encCSRW(0x341, t6),
		encADDI(s4, s4, 1),
		0x30200073, // mret
	}
}

// walkMachine runs walkProgram at a privilege with mstatus bits set; RAM
// is mapped one to one with user (pteU) or supervisor pages.
func walkMachine(levels int, prv, mstatus, identityFlags uint64) machineMaker {
	return func(t testing.TB) *emu.Machine {
		img := make([]byte, walkRAM)
		w32 := func(a uint64, ws []uint32) {
			for i, w := range ws {
				binary.LittleEndian.PutUint32(img[a-emu.RAMStart+uint64(4*i):], w)
			}
		}
		w32(emu.RAMStart, walkProgram(len(walkVAs(levels))))
		w32(walkHandler, walkHandlerCode())
		walkTables(img, levels, walkRoot, identityFlags)
		// Every word of the mapped pages and of RAM's last 2 MiB differs,
		// so a load from the wrong page shows.
		for a := uint64(walkData); a < emu.RAMStart+walkRAM; a += 8 {
			if a < walkData+0x40000 || a >= walkRemapVA {
				binary.LittleEndian.PutUint64(img[a-emu.RAMStart:], a*0x9E3779B97F4A7C15)
			}
		}
		const table = emu.RAMStart + 0x1000 // the addresses the loop visits
		for i, va := range walkVAs(levels) {
			binary.LittleEndian.PutUint64(img[table-emu.RAMStart+uint64(8*i):], va)
		}
		cfg := emu.DefaultConfig(walkRAM)
		r := &cfg.Processor.Registers
		r.PC, r.Mie, r.Mip, r.Mtvec = emu.RAMStart, 0, 0, walkHandler
		r.Iprv = prv
		r.Satp = uint64(levels+5)<<60 | walkRoot>>12
		r.X[8] = table
		m, err := emu.New(cfg, emu.RuntimeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { m.Close() })
		if err := m.WriteMemory(emu.RAMStart, img); err != nil {
			t.Fatal(err)
		}
		// The configuration's mstatus is legalised; the shadow register
		// takes raw values (such as MPP = 2, which reads as U).
		m.Shadow().Mstatus |= mstatus
		return m
	}
}

func TestJITTLBWalks(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const sum, mxr, mprv = 1 << 18, 1 << 19, 1 << 17
	for _, levels := range []int{3, 4} {
		for _, c := range []struct {
			name    string
			prv     uint64
			mstatus uint64
			ident   uint64 // flags of the one-to-one mapping of RAM
		}{
			{"S", emu.PrvS, 0, 0},
			{"S+SUM+MXR", emu.PrvS, sum | mxr, 0},
			{"U", emu.PrvU, 0, pteU},
			{"U+MXR", emu.PrvU, mxr, pteU},
			// With MPRV the code runs in M-mode untranslated and the data
			// accesses are an S-mode's (or, from the first trap on, whose
			// MRET leaves MPP = U, a user's).
			{"M+MPRV(S)", emu.PrvM, mprv | emu.PrvS<<11 | sum, pteU},
			// MPP = 2 reads as U: the data accesses are a user's.
			{"M+MPRV(MPP=2)", emu.PrvM, mprv | 2<<11, pteU},
		} {
			t.Run(fmt.Sprintf("Sv%d/%s", 12+9*levels, c.name), func(t *testing.T) {
				mk := walkMachine(levels, c.prv, c.mstatus, c.ident)
				lockstep(t, mk, 60_000, 1009)
				m := mk(t)
				eng, err := jit.NewWithOptions(m, jit.Options{HotThreshold: 0})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := m.Run(60_000); err != nil {
					t.Fatal(err)
				}
				if err := m.VerifyHashTree(); err != nil {
					t.Fatalf("JIT machine: %v", err)
				}
				rounds, traps := m.Shadow().X[9], m.Shadow().X[20]
				if rounds < 100 {
					t.Fatalf("only %d rounds", rounds)
				}
				// Accesses that fault, or that need A or D set, go to Go
				// (and trap); everything else is filled in generated code.
				// The plain kinds alone would exit at most twice a round
				// (the store of the D-clear kind and the A-clear kind's
				// first pass each set a bit once): whatever faults on
				// every round exits on every round, and nothing else may.
				exits := eng.Stats().Exits[ir.ExitMemory]
				if traps < rounds {
					t.Fatalf("%d traps in %d rounds: the odd kinds did not fault", traps, rounds)
				}
				if exits > traps+8 {
					t.Errorf("%d memory exits for %d traps in %d rounds: refills left accesses to Go", exits, traps, rounds)
				}
			})
		}
	}
}

// TestJITFetchRefills: dispatch fills the code TLB itself where the
// interpreter's fetch would fill it. Four pages 1 MiB apart, which share a
// code-TLB slot, jump to one another in a ring (AUIPC+JALR: every jump
// misses). Under Sv39 their addresses map to other physical pages than in
// M-mode, holding a ring that adds 2 to s5 instead of 1, so a fetch
// translated as the wrong privilege (MPRV applies to loads and stores, not
// fetches) runs the other ring. Lockstep with the interpreter; then the
// counter says which ring ran, and the memory exits show the fills stayed in
// generated code.
func TestJITFetchRefills(t *testing.T) {
	if !jit.Supported {
		t.Skip("the JIT has no backend for this host")
	}
	const (
		ram     = 16 << 20
		ringVA  = emu.RAMStart + 8<<20 // page k at ringVA + k MiB, one to one in M-mode
		ringPA  = emu.RAMStart + 4<<20 // where Sv39 maps them (page k at + k*4 KiB)
		root    = emu.RAMStart + 0x100000
		s5      = 21
		t0      = 5
		mstatus = 1 << 17 // MPRV
	)
	ring := func(inc int64) [][]uint32 {
		var pages [][]uint32
		for k := 0; k < 4; k++ {
			next := int64((k+1)%4-k) << 20 // the next page's start, from this one's
			hi := (next + 0x800) >> 12
			pages = append(pages, []uint32{
				encADDI(s5, s5, inc),
				encAUIPC(t0, uint32(hi)),
				encJALR(rZero, t0, next-4-hi<<12),
			})
		}
		return pages
	}
	machine := func(prv, ms, satp, user uint64) machineMaker {
		return func(t testing.TB) *emu.Machine {
			img := make([]byte, ram)
			put32 := func(a uint64, ws []uint32) {
				for i, w := range ws {
					binary.LittleEndian.PutUint32(img[a-emu.RAMStart+uint64(4*i):], w)
				}
			}
			put64 := func(a, v uint64) { binary.LittleEndian.PutUint64(img[a-emu.RAMStart:], v) }
			// The start: jump to the ring.
			hi := int64(ringVA-emu.RAMStart+0x800) >> 12
			put32(emu.RAMStart, []uint32{encAUIPC(t0, uint32(hi)), encJALR(rZero, t0, int64(ringVA-emu.RAMStart)-hi<<12)})
			for k, code := range ring(1) {
				put32(ringVA+uint64(k)<<20, code)
			}
			for k, code := range ring(2) {
				put32(ringPA+uint64(k)<<12, code)
			}
			// Sv39: RAM's first 4 MiB one to one (2 MiB pages), the ring's
			// pages through 4 KiB ones.
			const l1, l0 = root + 0x1000, root + 0x2000
			put64(root+(emu.RAMStart>>30&511)*8, l1>>12<<10|pteV)
			for pa := uint64(emu.RAMStart); pa < emu.RAMStart+4<<20; pa += 2 << 20 {
				put64(l1+(pa>>21&511)*8, pa>>12<<10|pteV|pteR|pteW|pteX|pteA|pteD|user)
			}
			for k := uint64(0); k < 4; k++ {
				va := ringVA + k<<20
				table := l0 + (va-ringVA)>>21*0x1000 // one per 2 MiB
				put64(l1+(va>>21&511)*8, table>>12<<10|pteV)
				put64(table+(va>>12&511)*8, (ringPA+k<<12)>>12<<10|pteV|pteR|pteX|pteA|user)
			}
			cfg := emu.DefaultConfig(ram)
			r := &cfg.Processor.Registers
			r.PC, r.Mie, r.Mip, r.Iprv = emu.RAMStart, 0, 0, prv
			r.Mstatus |= ms
			r.Satp = satp
			m, err := emu.New(cfg, emu.RuntimeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { m.Close() })
			if err := m.WriteMemory(emu.RAMStart, img); err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	sv39 := uint64(8)<<60 | root>>12
	for _, c := range []struct {
		name          string
		prv, ms, satp uint64
		user          uint64
		inc           uint64 // what a pass of the ring adds to s5
	}{
		{"M", emu.PrvM, 0, 0, 0, 1},
		{"M+MPRV(S)", emu.PrvM, mstatus | emu.PrvS<<11, sv39, 0, 1},
		{"S", emu.PrvS, 0, sv39, 0, 2},
		{"U", emu.PrvU, 0, sv39, pteU, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			mk := machine(c.prv, c.ms, c.satp, c.user)
			lockstep(t, mk, 40_000, 1013)
			m := mk(t)
			eng, err := jit.NewWithOptions(m, jit.Options{HotThreshold: 0})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Run(40_000); err != nil {
				t.Fatal(err)
			}
			jumps := m.Shadow().X[s5] / c.inc
			if m.Shadow().X[s5]%c.inc != 0 || jumps < 10_000 {
				t.Fatalf("s5 = %d: not the ring that adds %d, or too few passes", m.Shadow().X[s5], c.inc)
			}
			if st := eng.Stats(); st.Exits[ir.ExitFetch] > jumps/100 {
				t.Errorf("%d fetch exits for %d jumps: the code TLB was not filled in generated code", st.Exits[ir.ExitFetch], jumps)
			}
		})
	}
}

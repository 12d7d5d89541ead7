package difftest

// The physical layout of every generated program. RAM is 4 MiB at
// 0x80000000; the program image covers it from the start. Virtual memory
// maps the whole of RAM at the same addresses (identity), so trap handlers
// can read the instruction at mepc/sepc with a plain load.
const (
	RAMStart  = 0x80000000
	RAMLength = 4 << 20

	harnessBase = RAMStart            // boot code, trap handlers, segment set-ups
	hdataBase   = RAMStart + 0x10000  // harness data: save slots, trap log, next-segment address
	ptPoolBase  = RAMStart + 0x20000  // page tables
	ptPoolEnd   = RAMStart + 0x80000  //
	kdataBase   = RAMStart + 0x80000  // data for M and S segments
	kdataEnd    = RAMStart + 0x100000 //
	kcodeBase   = RAMStart + 0x100000 // code of M and S segments, segCodeSize each
	ucodeBase   = RAMStart + 0x200000 // code of U segments, segCodeSize each
	udataBase   = RAMStart + 0x300000 // data for U segments
	udataEnd    = RAMStart + 0x3F0000 //
	ramEndPage  = RAMStart + 0x3FF000 // holds the function that straddles the end of RAM

	segCodeSize    = 0x10000 // per segment: main code, then straddle functions
	segMainSize    = 0xA000  // main code may use this much
	straddleArea   = 0xA000  // offset of the first straddle function's page
	straddleStride = 0x2000  // each straddle function uses two pages
	maxStraddles   = 3
	maxSegments    = 16

	// Harness data offsets (from gp).
	hdSaveM0     = 0x00
	hdSaveM1     = 0x08
	hdTrapCountM = 0x10
	hdSaveS0     = 0x20
	hdSaveS1     = 0x28
	hdTrapCountS = 0x30
	hdNext       = 0x40
	hdSegStarted = 0x48  // statistics: segments started,
	hdSegAborted = 0x50  // segments cut short by the trap limit,
	hdTrapsM     = 0x58  // traps taken to M,
	hdTrapsS     = 0x60  // traps taken to S
	hdLogM       = 0x100 // 32 entries of 32 bytes
	hdLogS       = 0x500
	hdCauseM     = 0xC00 // 64 counters: traps to M by cause (interrupts from 32)
	hdCauseS     = 0xE00 // the same for S

	// trapLimit bounds the traps one segment may take before the harness
	// moves on to the next segment (so trap storms end).
	trapLimit = 400

	// magicNext in tp before ECALL ends the segment; magicBack returns to M
	// right after the ECALL (a privilege round trip inside an M segment).
	magicNext = 0x5a1
	magicBack = 0x3c7

	// Devices.
	clintBase    = 0x2000000
	clintMsip    = clintBase
	clintCmp     = clintBase + 0x4000
	clintMtime   = clintBase + 0xBFF8
	htifBase     = 0x40008000
	plicBase     = 0x40100000
	pmaBase      = 0x10000
	rxBase       = 0x60000000
	txBase       = 0x60800000
	dtbBase      = 0x7FF00000
	uarchShadow  = 0x400000
	uarchRAMBase = 0x600000
)

// Registers the harness owns. Random code never writes them.
const (
	regRA = 1  // return address for fetch-fault recovery
	regSP = 2  // data pointer (compressed SP-relative forms)
	regGP = 3  // harness data base
	regTP = 4  // harness scratch and magic values
	regS0 = 8  // data pointer (compressed register forms)
	regLC = 31 // loop counter (t6)
	regP2 = 27 // data pointer (s11)
)

// writable lists the registers random code may write (x0 included: writes
// to it exercise the rd == x0 paths).
var writable = []uint32{0, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30}

// writableC lists the rd'/rs1' registers (x8..x15) compressed ALU forms may write.
var writableC = []uint32{9, 10, 11, 12, 13, 14, 15}

var pointers = []uint32{regSP, regS0, regP2}

var regNames = [32]string{"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"}

// Privilege levels.
const (
	prvU = 0
	prvS = 1
	prvM = 3
)

// satp modes.
const (
	modeBare = 0
	modeSv39 = 8
	modeSv48 = 9
)

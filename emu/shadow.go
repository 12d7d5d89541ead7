package emu

import "unsafe"

// Shadow is the register file as it lies in the shadow-state page at physical
// address 0 (machine.md, "Shadow registers"). The machine maps that page
// outside the Go heap and views it through this struct, so every engine (and
// generated code) reaches a register at a fixed offset from one base pointer
// and the Merkle tree hashes exactly these bytes. Field order is the layout;
// TestShadowLayout checks every offset against the design note.
type Shadow struct {
	X             [32]uint64 // 0x000
	Mcycle        uint64     // 0x100
	PC            uint64     // 0x108
	Fcsr          uint64     // 0x110
	F             [32]uint64 // 0x118
	Iprv          uint64     // 0x218
	Mstatus       uint64     // 0x220
	Mtvec         uint64
	Mscratch      uint64
	Mepc          uint64
	Mcause        uint64
	Mtval         uint64
	Misa          uint64
	Mie           uint64
	Mip           uint64
	Medeleg       uint64
	Mideleg       uint64
	Mcounteren    uint64
	Menvcfg       uint64
	Mvendorid     uint64 // 0x288
	Marchid       uint64 // 0x290
	Mimpid        uint64 // 0x298
	Stvec         uint64 // 0x2A0
	Sscratch      uint64
	Sepc          uint64
	Scause        uint64
	Stval         uint64
	Satp          uint64
	Scounteren    uint64
	Senvcfg       uint64 // 0x2D8
	Ilrsc         uint64 // 0x2E0
	Icycleinstret uint64 // 0x2E8
	Iunrep        uint64 // 0x2F0
	Imcyclemax    uint64 // 0x2F8
	IflagsX       uint64 // 0x300
	IflagsY       uint64 // 0x308
	IflagsH       uint64 // 0x310
	ClintMtimecmp uint64 // 0x318
	PlicGirqpend  uint64 // 0x320
	PlicGirqsrvd  uint64 // 0x328
	HtifTohost    uint64 // 0x330
	HtifFromhost  uint64 // 0x338
	HtifIhalt     uint64 // 0x340
	HtifIconsole  uint64 // 0x348
	HtifIyield    uint64 // 0x350
}

// tlbSlot is one 32-byte TLB slot in the shadow TLB pages (machine.md, "TLB").
type tlbSlot struct {
	VaddrPage uint64
	VpOffset  uint64 // paddr_page - vaddr_page
	PMAIndex  uint64
	Zero      uint64
}

// shadowTLB is the three TLB sets (code, read, write) at shadow address 0x1000.
type shadowTLB [3][tlbSetSize]tlbSlot

// hotSlot mirrors a shadow TLB slot with the host address of the mapped page,
// so a hit costs one compare and one add. It lives outside the hashed state
// and is rebuilt from the shadow slot whenever the slot changes (newHotSlot).
// A poisoned write slot (vaddrPage tlbPoisoned) keeps everything else; its
// page is the shadow slot's.
type hotSlot struct {
	vaddrPage uint64
	host      unsafe.Pointer // host address of the start of the page
	_         uint64         // (slots are 32 bytes: generated code indexes them with a shift)
	code      *CodePage      // decoded code of the page (code set), nil until first needed
}

// newHotSlot is the mirror of a valid slot mapping vaddrPage to host.
func newHotSlot(vaddrPage uint64, host unsafe.Pointer) hotSlot {
	return hotSlot{vaddrPage: vaddrPage, host: host}
}

// Register offsets used by generated code and the Merkle layout.
const (
	offsetX       = 0x000
	offsetMcycle  = 0x100
	offsetPC      = 0x108
	offsetFcsr    = 0x110
	offsetF       = 0x118
	offsetIprv    = 0x218
	offsetMstatus = 0x220
	offsetStvec   = 0x2A0
	offsetIlrsc   = 0x2E0
	offsetIflagsX = 0x300
	offsetHtif    = 0x330
	shadowUsed    = 0x358
)

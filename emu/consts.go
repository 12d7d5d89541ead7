package emu

// Physical address map (machine.md, "Physical address map").
const (
	ShadowStateStart  = 0x0
	ShadowStateLength = 0x8000
	ShadowRegsLength  = 0x1000
	ShadowTLBStart    = 0x1000
	ShadowTLBLength   = 0x6000
	RevertRootHashAt  = 0xFE0

	PMAsStart  = 0x10000
	PMAsLength = 0x1000

	UarchShadowStart  = 0x400000
	UarchShadowLength = 0x1000
	UarchRAMStart     = 0x600000
	UarchRAMLength    = 0x200000

	CLINTStart  = 0x2000000
	CLINTLength = 0xC0000
	HTIFStart   = 0x40008000
	HTIFLength  = 0x1000
	PLICStart   = 0x40100000
	PLICLength  = 0x400000

	CMIORxStart  = 0x60000000
	CMIORxLength = 0x200000
	CMIOTxStart  = 0x60800000
	CMIOTxLength = 0x200000

	DTBStart  = 0x7FF00000
	DTBLength = 0x100000

	RAMStart = 0x80000000

	// AddressableMask bounds every range: all must fit in 56 bits.
	AddressableMask = (uint64(1) << 56) - 1

	PageSize     = 4096
	Log2PageSize = 12
	pageOffMask  = PageSize - 1

	MaxFlashDrives = 8
	MaxNVRAMs      = 8
	maxPMAs        = 32
)

// CLINT register offsets.
const (
	clintMsip     = 0x0
	clintMtimecmp = 0x4000
	clintMtime    = 0xBFF8
)

// HTIF register offsets and fields.
const (
	htifTohost   = 0x0
	htifFromhost = 0x8
	htifIhalt    = 0x10
	htifIconsole = 0x18
	htifIyield   = 0x20

	HTIFDevHalt    = 0
	HTIFDevConsole = 1
	HTIFDevYield   = 2

	HTIFHaltCmdHalt       = 0
	HTIFConsoleCmdGetchar = 0
	HTIFConsoleCmdPutchar = 1
	HTIFYieldCmdAutomatic = 0
	HTIFYieldCmdManual    = 1

	HTIFYieldAutomaticProgress = 1
	HTIFYieldAutomaticTxOutput = 2
	HTIFYieldAutomaticTxReport = 4
	HTIFYieldManualRxAccepted  = 1
	HTIFYieldManualRxRejected  = 2
	HTIFYieldManualTxException = 4
)

// htifBuild packs a tohost/fromhost word.
func htifBuild(dev, cmd, reason, data uint64) uint64 {
	return dev<<56 | (cmd&0xFF)<<48 | (reason&0xFFFF)<<32 | (data & 0xFFFFFFFF)
}

// PLIC.
const (
	plicPending       = 0x1000
	plicEnabled       = 0x2000
	plicClaimComplete = 0x200004
	plicEnabledMask   = 0xFFFFFFFE
	plicMaxIRQ        = 31
)

// Timing (machine.md, "Time, interrupts and the run loop").
const (
	RTCFreqDiv   = 8192      // mcycles per mtime tick
	RTCClockFreq = 128000000 // nominal clock, for the device tree
)

// Privilege levels.
const (
	PrvU  = 0
	PrvS  = 1
	PrvHS = 2
	PrvM  = 3
)

// mcause values.
const (
	causeInsnMisaligned   = 0
	causeInsnAccessFault  = 1
	causeIllegalInsn      = 2
	causeBreakpoint       = 3
	causeLoadMisaligned   = 4
	causeLoadAccessFault  = 5
	causeStoreMisaligned  = 6
	causeStoreAccessFault = 7
	causeEcallBase        = 8
	causeFetchPageFault   = 12
	causeLoadPageFault    = 13
	causeStorePageFault   = 15
	causeInterruptFlag    = uint64(1) << 63
)

// mip/mie bits.
const (
	mipSSIP   = 1 << 1
	mipMSIP   = 1 << 3
	mipSTIP   = 1 << 5
	mipMTIP   = 1 << 7
	mipSEIP   = 1 << 9
	mipMEIP   = 1 << 11
	mipSRW    = mipSSIP | mipSTIP | mipSEIP
	mipRWMask = mipMSIP | mipMTIP | mipMEIP | mipSSIP | mipSTIP | mipSEIP
)

const medelegWMask = 1<<causeInsnMisaligned | 1<<causeInsnAccessFault | 1<<causeIllegalInsn |
	1<<causeBreakpoint | 1<<causeLoadMisaligned | 1<<causeLoadAccessFault |
	1<<causeStoreMisaligned | 1<<causeStoreAccessFault | 1<<causeEcallBase |
	1<<(causeEcallBase+1) | 1<<causeFetchPageFault | 1<<causeLoadPageFault | 1<<causeStorePageFault

// mstatus fields.
const (
	mstatusSIE  = 1 << 1
	mstatusMIE  = 1 << 3
	mstatusSPIE = 1 << 5
	mstatusUBE  = 1 << 6
	mstatusMPIE = 1 << 7
	mstatusSPP  = 1 << 8
	mstatusVS   = 3 << 9
	mstatusMPP  = 3 << 11
	mstatusFS   = 3 << 13
	mstatusXS   = 3 << 15
	mstatusMPRV = 1 << 17
	mstatusSUM  = 1 << 18
	mstatusMXR  = 1 << 19
	mstatusTVM  = 1 << 20
	mstatusTW   = 1 << 21
	mstatusTSR  = 1 << 22
	mstatusUXL  = 3 << 32
	mstatusSXL  = 3 << 34
	mstatusSBE  = 1 << 36
	mstatusMBE  = 1 << 37
	mstatusSD   = uint64(1) << 63

	mstatusMPPShift = 11
	mstatusSPPShift = 8
	mstatusFSDirty  = 3 << 13

	mstatusWMask = mstatusSIE | mstatusMIE | mstatusSPIE | mstatusMPIE | mstatusSPP | mstatusMPP |
		mstatusFS | mstatusMPRV | mstatusSUM | mstatusMXR | mstatusTVM | mstatusTW | mstatusTSR
	mstatusRMask = mstatusSIE | mstatusMIE | mstatusSPIE | mstatusUBE | mstatusMPIE | mstatusSPP |
		mstatusMPP | mstatusFS | mstatusVS | mstatusMPRV | mstatusSUM | mstatusMXR | mstatusTVM |
		mstatusTW | mstatusTSR | mstatusUXL | mstatusSXL | mstatusSBE | mstatusMBE | mstatusSD
	sstatusWMask = mstatusSIE | mstatusSPIE | mstatusSPP | mstatusFS | mstatusSUM | mstatusMXR
	sstatusRMask = mstatusSIE | mstatusSPIE | mstatusUBE | mstatusSPP | mstatusVS | mstatusFS |
		mstatusXS | mstatusSUM | mstatusMXR | mstatusUXL | mstatusSD
)

// satp.
const (
	satpModeShift = 60
	satpPPNMask   = (uint64(1) << 44) - 1
	satpModeMask  = uint64(15) << satpModeShift
	satpRWMask    = satpPPNMask | satpModeMask // ASIDLEN is 0
	satpModeBare  = 0
	satpModeSv39  = 8
	satpModeSv48  = 9
)

// PTE bits.
const (
	pteV        = 1 << 0
	pteU        = 1 << 4
	pteA        = 1 << 6
	pteD        = 1 << 7
	ptePPNShift = 10
	ptePPNMask  = ((uint64(1) << 44) - 1) << ptePPNShift
	pteReserved = uint64(0x3FF) << 54 // bits 63..54: reserved, Svpbmt, Svnapot

	xwrR = 1
	xwrW = 2
	xwrX = 4
)

// Access kinds for translation, as shifts into the XWR triad.
const (
	accessRead  = 0
	accessWrite = 1
	accessExec  = 2
)

// Counters and environment configuration.
const (
	mcounterenCY     = 1 << 0
	mcounterenTM     = 1 << 1
	mcounterenIR     = 1 << 2
	mcounterenRWMask = mcounterenCY | mcounterenTM | mcounterenIR
	mcounterenRMask  = 0xFFFFFFFF
	menvcfgRMask     = 1 // FIOM only
	senvcfgRMask     = 1
)

// Floating-point control.
const (
	fcsrFflagsMask = 0x1F
	fcsrFrmShift   = 5
	fcsrFrmMask    = 7 << fcsrFrmShift
	fcsrRWMask     = fcsrFflagsMask | fcsrFrmMask
	frmDyn         = 7
)

// Reset values (machine.md, "Identification and reset values").
const (
	MvendoridInit = 0x6361727465736920
	MarchidInit   = 21
	MimpidInit    = 21
	MisaInit      = 0x800000000014112D
	MstatusInit   = 0x0000000A00000000
	PCInit        = RAMStart
)

// TLB geometry (machine.md, "TLB").
const (
	tlbSetSize     = 256
	tlbCode        = 0
	tlbRead        = 1
	tlbWrite       = 2
	tlbInvalidPage = ^uint64(0)
	tlbInvalidPMA  = ^uint64(0)
)

// PMA istart flag bits (machine.md, "PMA array").
const (
	pmaM        = 1 << 0
	pmaIO       = 1 << 1
	pmaR        = 1 << 2
	pmaW        = 1 << 3
	pmaX        = 1 << 4
	pmaIR       = 1 << 5
	pmaIW       = 1 << 6
	pmaDIDShift = 7
	pmaDIDMask  = 31 << pmaDIDShift
	pmaFlagMask = 0xFFF
)

// Device ids in the PMA istart word.
const (
	DIDEmpty       = 0
	DIDMemory      = 1
	DIDShadowState = 2
	DIDFlashDrive  = 3
	DIDCLINT       = 4
	DIDHTIF        = 5
	DIDPLIC        = 6
	DIDCMIORx      = 7
	DIDCMIOTx      = 8
	DIDUarchShadow = 9
	DIDVirtIO      = 10
	DIDNVRAM       = 11
)

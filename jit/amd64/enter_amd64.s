//go:build amd64

#include "textflag.h"
#include "go_asm.h"

// func Enter(entry uintptr, ctx *Context) uint32
// Loads the fixed registers of generated code from ctx, sets MXCSR for the
// guest, calls the code, folds the MXCSR exception flags into the guest's
// fcsr, restores MXCSR's control bits (flags clear) and stores pc and
// mcycle back. MXCSR is loaded only when it changes. Generated code uses
// only the stack slot of this CALL, and ctx (in R15) for its MXCSR words
// and the run's end. It may use RBP: the 8-byte frame makes the assembler
// save RBP on entry and restore it on return.
TEXT ·Enter(SB), NOSPLIT, $8-20
	MOVQ ctx+8(FP), R15
	MOVQ entry+0(FP), AX
	MOVQ Context_X(R15), BX
	STMXCSR Context_HostMxcsr(R15)
	// MXCSR = all exceptions masked | RC for frm (only frm 0..3 reach
	// generated code that rounds; frm&3 is used otherwise). RISC-V rm
	// 0 RNE, 1 RTZ, 2 RDN, 3 RUP are RC 0, 3, 1, 2: two bits each of 0x9C.
	MOVL const_shadowFcsr(BX), CX
	SHRL $4, CX
	ANDL $6, CX
	MOVL $0x9C, DX
	SHRL CX, DX
	ANDL $3, DX
	SHLL $13, DX
	ORL $0x1F80, DX
	MOVL DX, Context_Mxcsr(R15)
	// LDMXCSR costs tens of cycles, more than a short block: skip it when
	// the caller's MXCSR already is the one wanted (flags clear; the exit
	// below leaves them so).
	CMPL DX, Context_HostMxcsr(R15)
	JEQ loaded
	LDMXCSR Context_Mxcsr(R15)
loaded:
	MOVQ Context_HotRead(R15), R12
	MOVQ Context_HotWrite(R15), R13
	MOVQ Context_PC(R15), R8
	MOVQ Context_Mcycle(R15), SI
	CALL AX
	MOVQ ctx+8(FP), R15
	MOVQ R8, Context_PC(R15)
	MOVQ SI, Context_Mcycle(R15)
	// The register cache, in cacheRegs' order, for an exit's site.
	MOVQ R9, (Context_Saved+0)(R15)
	MOVQ R10, (Context_Saved+8)(R15)
	MOVQ R11, (Context_Saved+16)(R15)
	MOVQ R14, (Context_Saved+24)(R15)
	MOVQ DI, (Context_Saved+32)(R15)
	MOVQ BP, (Context_Saved+40)(R15)
	MOVL AX, ret+16(FP)
	// Exception flags: MXCSR IE ZE OE UE PE (bits 0, 2, 3, 4, 5; DE, bit 1,
	// has no RISC-V counterpart) become fflags NV DZ OF UF NX (bits 4, 3,
	// 2, 1, 0).
	STMXCSR Context_Scratch(R15)
	MOVL Context_Scratch(R15), CX
	ANDL $0x3D, CX
	JZ restore
	MOVL CX, DX
	ANDL $1, DX
	SHLL $4, DX
	MOVL CX, AX
	ANDL $4, AX
	SHLL $1, AX
	ORL AX, DX
	MOVL CX, AX
	ANDL $8, AX
	SHRL $1, AX
	ORL AX, DX
	MOVL CX, AX
	ANDL $16, AX
	SHRL $3, AX
	ORL AX, DX
	SHRL $5, CX
	ORL CX, DX
	MOVQ Context_X(R15), BX
	ORQ DX, const_shadowFcsr(BX)
restore:
	// Give the caller its MXCSR control bits back with the exception flags
	// clear (Go never reads them), only when that changes MXCSR.
	MOVL Context_HostMxcsr(R15), DX
	ANDL $0xFFFFFFC0, DX
	MOVL DX, Context_HostMxcsr(R15)
	CMPL DX, Context_Scratch(R15)
	JEQ done
	LDMXCSR Context_HostMxcsr(R15)
done:
	RET

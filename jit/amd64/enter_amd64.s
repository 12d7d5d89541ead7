//go:build amd64

#include "textflag.h"
#include "go_asm.h"

// func Enter(entry uintptr, ctx *Context) uint32
// Loads the fixed registers of generated code from ctx, calls it, and stores
// pc and mcycle back. Generated code uses only the stack slot of this CALL.
TEXT ·Enter(SB), NOSPLIT, $0-20
	MOVQ ctx+8(FP), R15
	MOVQ entry+0(FP), AX
	MOVQ Context_X(R15), BX
	MOVQ Context_HotRead(R15), R12
	MOVQ Context_HotWrite(R15), R13
	MOVQ Context_PC(R15), R8
	MOVQ Context_Mcycle(R15), SI
	MOVQ Context_End(R15), DI
	CALL AX
	MOVQ ctx+8(FP), R15
	MOVQ R8, Context_PC(R15)
	MOVQ SI, Context_Mcycle(R15)
	MOVL AX, ret+16(FP)
	RET

package emu

import "errors"

var errClosed = errors.New("machine is closed")

// execFP runs the F and D instructions (opcodes LOAD-FP, STORE-FP, the fused
// multiply-adds and OP-FP) and rejects every other unassigned major opcode.
func (m *Machine) execFP(insn uint32, pc, mcycle uint64) (execStatus, uint64) {
	return statusFailure, m.raiseException(pc, causeIllegalInsn, uint64(insn))
}

// execCompressedFP runs C.FLD, C.FSD, C.FLDSP and C.FSDSP.
func (m *Machine) execCompressedFP(insn uint32, pc, mcycle uint64) (execStatus, uint64) {
	return statusFailure, m.raiseException(pc, causeIllegalInsn, uint64(insn))
}

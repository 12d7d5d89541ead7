//go:build cgo && amd64

package hostfp

/*
#cgo CFLAGS: -O2 -std=c11
#cgo LDFLAGS: -lm
#include "hostfp.h"
*/
import "C"

// Available reports whether this build can reach the host FPU.
const Available = true

// Unavailable says why Available is false; empty when it is true.
const Unavailable = ""

// Run32 runs op on binary32 operands (integer operands for the FromX ops)
// in rounding mode rm and returns the result bits and the flags in RISC-V
// layout. Comparisons return 0 or 1; ToI32 and ToI64 return sign-extended
// bits; Widen returns binary64 bits.
func Run32(op Op, a, b, c uint64, rm uint8) (uint64, uint8) {
	var res C.uint64_t
	flags := C.hostfp_run32(C.int(op), C.uint64_t(a), C.uint64_t(b), C.uint64_t(c), C.int(rm), &res)
	return uint64(res), uint8(flags)
}

// Run64 is Run32 for binary64 operands; Narrow returns binary32 bits.
func Run64(op Op, a, b, c uint64, rm uint8) (uint64, uint8) {
	var res C.uint64_t
	flags := C.hostfp_run64(C.int(op), C.uint64_t(a), C.uint64_t(b), C.uint64_t(c), C.int(rm), &res)
	return uint64(res), uint8(flags)
}

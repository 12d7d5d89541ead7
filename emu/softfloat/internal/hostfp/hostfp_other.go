//go:build !cgo || !amd64

package hostfp

// Available reports whether this build can reach the host FPU.
const Available = false

// Unavailable says why Available is false.
const Unavailable = "the host-FPU oracle needs cgo (a C compiler and CGO_ENABLED=1) on linux/amd64"

// Run32 is never called when Available is false.
func Run32(op Op, a, b, c uint64, rm uint8) (uint64, uint8) { panic("hostfp: " + Unavailable) }

// Run64 is never called when Available is false.
func Run64(op Op, a, b, c uint64, rm uint8) (uint64, uint8) { panic("hostfp: " + Unavailable) }

// Command misaligned-check makes misaligned integer and FP loads and stores (16, 32 and 64
// bits, at every offset 1..7; Go emits both compressed and full-size forms) and checks their
// results. It is not part of the root file system: guest/reference-smoke.sh runs it from a
// second flash drive on a machine where misaligned accesses trap, to test the firmware's
// emulation.
package main

import (
	"fmt"
	"os"
	"unsafe"
)

//go:noinline
func ld64(p unsafe.Pointer) uint64 { return *(*uint64)(p) }

//go:noinline
func st64(p unsafe.Pointer, v uint64) { *(*uint64)(p) = v }

//go:noinline
func ld32(p unsafe.Pointer) int32 { return *(*int32)(p) }

//go:noinline
func st32(p unsafe.Pointer, v int32) { *(*int32)(p) = v }

//go:noinline
func ld16(p unsafe.Pointer) uint16 { return *(*uint16)(p) }

//go:noinline
func st16(p unsafe.Pointer, v uint16) { *(*uint16)(p) = v }

//go:noinline
func ldf64(p unsafe.Pointer) float64 { return *(*float64)(p) }

//go:noinline
func stf64(p unsafe.Pointer, v float64) { *(*float64)(p) = v }

//go:noinline
func ldf32(p unsafe.Pointer) float32 { return *(*float32)(p) }

//go:noinline
func stf32(p unsafe.Pointer, v float32) { *(*float32)(p) = v }

func main() {
	buf := make([]byte, 64)
	fail := 0
	check := func(name string, ok bool) {
		if !ok {
			fmt.Println("FAIL", name)
			fail++
		}
	}
	for off := 1; off < 8; off++ {
		p := unsafe.Pointer(&buf[off])
		for i := range buf {
			buf[i] = byte(i)
		}
		var want uint64
		for i := 7; i >= 0; i-- {
			want = want<<8 | uint64(off+i)
		}
		check(fmt.Sprint("ld64 ", off), ld64(p) == want)
		st64(p, 0x1122334455667788)
		check(fmt.Sprint("st64 ", off), buf[off] == 0x88 && buf[off+7] == 0x11 && buf[off-1] == byte(off-1) && buf[off+8] == byte(off+8))
		st32(p, -2)
		check(fmt.Sprint("ld32 sign ", off), ld32(p) == -2)
		st16(p, 0xbeef)
		check(fmt.Sprint("ld16 ", off), ld16(p) == 0xbeef)
		stf64(p, 3.25)
		check(fmt.Sprint("f64 ", off), ldf64(p) == 3.25)
		stf32(p, -1.5)
		check(fmt.Sprint("f32 ", off), ldf32(p) == -1.5)
	}
	if fail != 0 {
		os.Exit(1)
	}
	fmt.Println("misaligned: ok")
}

package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The /dev/cmio ABI (docs/guest.md; the same numbers as Cartesi's uapi header).
const (
	cmioDevice     = "/dev/cmio"
	ioctlCmioSetup = 0x8020d300 // _IOR(0xd3, 0, struct cmio_setup)
	ioctlCmioYield = 0xc008d301 // _IOWR(0xd3, 1, __u64)
)

type cmioSetup struct {
	txData, txLength, rxData, rxLength uint64
}

func cmioSetupOf(fd int) (cmioSetup, error) {
	var s cmioSetup
	_, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), ioctlCmioSetup, uintptr(unsafe.Pointer(&s)))
	if errno != 0 {
		return s, fmt.Errorf("ioctl setup: %w", errno)
	}
	return s, nil
}

// cmioInfoMain prints the buffers /dev/cmio reports and checks the device's rules: both
// buffers map at their own address, tx is writable, rx is not, and a second open is refused.
func cmioInfoMain(args []string) error {
	if len(args) != 0 {
		return errors.New("usage: cmio-info")
	}
	f, err := os.OpenFile(cmioDevice, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	fd := int(f.Fd())
	s, err := cmioSetupOf(fd)
	if err != nil {
		return err
	}
	fmt.Printf("tx %#x %#x\nrx %#x %#x\n", s.txData, s.txLength, s.rxData, s.rxLength)
	if g, err := os.OpenFile(cmioDevice, os.O_RDWR, 0); err == nil {
		g.Close()
		return errors.New("a second open succeeded; want EBUSY")
	} else if !errors.Is(err, unix.EBUSY) {
		return fmt.Errorf("second open: %w; want EBUSY", err)
	}
	tx, err := mmapAt(fd, s.txData, s.txLength, unix.PROT_READ|unix.PROT_WRITE)
	if err != nil {
		return fmt.Errorf("mmap tx: %w", err)
	}
	tx[0], tx[len(tx)-1] = 0xa5, 0x5a
	if tx[0] != 0xa5 || tx[len(tx)-1] != 0x5a {
		return errors.New("tx: written bytes did not read back")
	}
	if _, err := mmapAt(fd, s.rxData, s.rxLength, unix.PROT_READ|unix.PROT_WRITE); !errors.Is(err, unix.EPERM) {
		return fmt.Errorf("writable mmap of rx: %v; want EPERM", err)
	}
	if _, err := mmapAt(fd, s.rxData, s.rxLength, unix.PROT_READ); err != nil {
		return fmt.Errorf("mmap rx: %w", err)
	}
	fmt.Println("cmio: ok")
	return nil
}

// mmapAt maps length bytes of fd at exactly addr (where the driver requires the buffer).
func mmapAt(fd int, addr, length uint64, prot int) ([]byte, error) {
	hint := unsafe.Add(nil, uintptr(addr)) // the address the driver requires; not Go memory
	p, err := unix.MmapPtr(fd, 0, hint, uintptr(length), prot, unix.MAP_SHARED|unix.MAP_FIXED_NOREPLACE)
	if err != nil {
		return nil, err
	}
	if uintptr(p) != uintptr(addr) {
		return nil, fmt.Errorf("mapped at %#x, want %#x", uintptr(p), addr)
	}
	return unsafe.Slice((*byte)(p), length), nil
}

var yieldModes = map[string]uint64{"automatic": 0, "manual": 1}

var yieldReasons = map[string]uint64{
	"progress": 1, "tx-output": 2, "tx-report": 4, // automatic
	"rx-accepted": 1, "rx-rejected": 2, "tx-exception": 4, // manual
}

// yieldMain: "yield MODE REASON DATA" makes the machine yield through /dev/cmio (MODE is
// manual or automatic; REASON a name or number; DATA a 32-bit number), then prints the
// reply as "dev cmd reason data".
func yieldMain(args []string) error {
	if len(args) != 3 {
		return errors.New("usage: yield manual|automatic REASON DATA")
	}
	cmd, ok := yieldModes[args[0]]
	if !ok {
		return fmt.Errorf("mode %q: want manual or automatic", args[0])
	}
	reason, ok := yieldReasons[args[1]]
	if !ok {
		n, err := strconv.ParseUint(args[1], 0, 16)
		if err != nil {
			return fmt.Errorf("reason %q: a name or a 16-bit number", args[1])
		}
		reason = n
	}
	data, err := strconv.ParseUint(args[2], 0, 32)
	if err != nil {
		return fmt.Errorf("data %q: a 32-bit number", args[2])
	}
	f, err := os.OpenFile(cmioDevice, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	word := uint64(2)<<56 | cmd<<48 | reason<<32 | data
	_, _, errno := unix.Syscall(unix.SYS_IOCTL, f.Fd(), ioctlCmioYield, uintptr(unsafe.Pointer(&word)))
	if errno != 0 {
		return fmt.Errorf("ioctl yield: %w", errno)
	}
	fmt.Printf("%d %d %d %d\n", word>>56, word>>48&0xff, word>>32&0xffff, word&0xffffffff)
	return nil
}

package emu

import (
	"fmt"
	"io"
	"os"
	"unsafe"

	"github.com/rivetvm/rivet/merkle"
)

// memRange is one entry of the physical address map: a memory range backed by
// host memory (mmap'd outside the Go heap), or a device.
type memRange struct {
	name   string
	start  uint64
	length uint64
	flags  uint64 // the low 12 bits of the PMA istart word: M IO R W X IR IW DID
	hashed bool   // part of the state tree
	inPMAs bool   // listed in the guest-visible PMA array

	data   []byte         // host bytes (memory ranges only)
	host   unsafe.Pointer // &data[0]
	file   *os.File       // backing file of a file mapping, kept open while mapped
	shared bool           // guest writes go back to the file
	owned  bool           // data was mapped by us and must be unmapped

	// dirty marks pages written since the last hash-tree update: by the host
	// (images, register writes through the API) or evicted from the write TLB.
	dirty *merkle.PageSet
}

func (r *memRange) isMemory() bool      { return r.flags&pmaM != 0 }
func (r *memRange) isDevice() bool      { return r.flags&pmaIO != 0 }
func (r *memRange) readable() bool      { return r.flags&pmaR != 0 }
func (r *memRange) writable() bool      { return r.flags&pmaW != 0 }
func (r *memRange) executable() bool    { return r.flags&pmaX != 0 }
func (r *memRange) did() uint64         { return (r.flags & pmaDIDMask) >> pmaDIDShift }
func (r *memRange) istart() uint64      { return r.start | r.flags }
func (r *memRange) end() uint64         { return r.start + r.length }
func (r *memRange) isEmpty() bool       { return r.length == 0 }
func (r *memRange) pages() uint64       { return r.length >> Log2PageSize }
func (r *memRange) alignedSize() uint64 { return ceilPow2(max(r.length, PageSize)) }

// contains reports whether [paddr, paddr+size) lies inside the range.
func (r *memRange) contains(paddr, size uint64) bool {
	return paddr >= r.start && r.length >= size && paddr-r.start <= r.length-size
}

// hostAddr returns the host address of paddr, which must lie in the range.
func (r *memRange) hostAddr(paddr uint64) unsafe.Pointer {
	return unsafe.Add(r.host, paddr-r.start)
}

// Flag sets of the ranges, as the reference encodes them.
const (
	flagsRAM      = pmaM | pmaR | pmaW | pmaX | pmaIR | pmaIW | DIDMemory<<pmaDIDShift // 0FD
	flagsDTB      = flagsRAM                                                           // 0FD
	flagsPMAs     = pmaM | pmaR | pmaIR | DIDMemory<<pmaDIDShift                       // 0A5
	flagsShadow   = pmaM | DIDShadowState<<pmaDIDShift                                 // not in the PMA array
	flagsUarchSh  = pmaM | DIDUarchShadow<<pmaDIDShift                                 //
	flagsUarchRAM = flagsRAM                                                           //
	flagsCMIOTx   = pmaM | pmaR | pmaW | pmaIR | pmaIW | DIDCMIOTx<<pmaDIDShift        // 46D
	flagsCMIORx   = pmaM | pmaR | pmaIR | pmaIW | DIDCMIORx<<pmaDIDShift               // 3E5
	flagsHTIF     = pmaIO | pmaR | pmaW | DIDHTIF<<pmaDIDShift                         // 28E
	flagsCLINT    = pmaIO | pmaR | pmaW | DIDCLINT<<pmaDIDShift                        // 20E
	flagsPLIC     = pmaIO | pmaR | pmaW | DIDPLIC<<pmaDIDShift                         // 30E
	flagsFlashRW  = pmaM | pmaR | pmaW | pmaIR | pmaIW | DIDFlashDrive<<pmaDIDShift    // 1ED
	flagsFlashRO  = pmaM | pmaR | pmaIR | DIDFlashDrive<<pmaDIDShift                   //
	flagsNVRAMRW  = pmaM | pmaR | pmaW | pmaIR | pmaIW | DIDNVRAM<<pmaDIDShift         //
	flagsNVRAMRO  = pmaM | pmaR | pmaIR | DIDNVRAM<<pmaDIDShift                        //
)

// mapRange gives a memory range its host bytes from its backing store. A
// shared store maps the file itself (guest writes reach it); a private store
// whose file fills the range maps the file copy-on-write; a shorter private
// image is copied into zeroed anonymous memory. With no file the range is
// zero-filled anonymous memory.
func (r *memRange) mapRange(bs BackingStore, readOnlyHost bool) error {
	name := bs.DataFilename
	if name == "" {
		if bs.Shared {
			return fmt.Errorf("%s: shared backing store needs a file name", r.name)
		}
		b, err := mapAnonymous(r.length)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		r.setData(b, true)
		return nil
	}
	if bs.Create && !bs.Shared {
		return fmt.Errorf("%s: a created backing store must also be shared", r.name)
	}
	flag := os.O_RDONLY
	if bs.Shared && !readOnlyHost {
		flag = os.O_RDWR
	}
	if bs.Create {
		flag |= os.O_CREATE | os.O_EXCL
	}
	f, err := os.OpenFile(name, flag, 0o644)
	if err != nil {
		return fmt.Errorf("%s: open image: %w", r.name, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", r.name, err)
	}
	size := uint64(st.Size())
	if !st.Mode().IsRegular() {
		f.Close()
		return fmt.Errorf("%s: image %s is not a regular file", r.name, name)
	}
	if bs.Create || bs.Truncate {
		if err := f.Truncate(int64(r.length)); err != nil {
			f.Close()
			return fmt.Errorf("%s: size %s: %w", r.name, name, err)
		}
		size = r.length
	}
	switch {
	case size > r.length:
		f.Close()
		return fmt.Errorf("%s: image %s is %#x bytes, larger than the range (%#x bytes)", r.name, name, size, r.length)
	case size == r.length:
		b, err := mapFile(f, r.length, bs.Shared)
		if err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", r.name, err)
		}
		r.setData(b, true)
		r.file = f
		r.shared = bs.Shared
		r.dirty.MarkAll()
		return nil
	case bs.Shared:
		f.Close()
		return fmt.Errorf("%s: shared image %s is %#x bytes; it must be exactly the range length %#x", r.name, name, size, r.length)
	}
	defer f.Close()
	b, err := mapAnonymous(r.length)
	if err != nil {
		return fmt.Errorf("%s: %w", r.name, err)
	}
	if _, err := io.ReadFull(f, b[:size]); err != nil {
		unmap(b)
		return fmt.Errorf("%s: read image %s: %w", r.name, name, err)
	}
	r.setData(b, true)
	r.dirty.MarkRange(0, (size+PageSize-1)/PageSize)
	return nil
}

func (r *memRange) setData(b []byte, owned bool) {
	r.data = b
	r.host = unsafe.Pointer(&b[0])
	r.owned = owned
	if r.dirty == nil {
		r.dirty = merkle.NewPageSet(r.pages())
	}
}

func (r *memRange) close() error {
	var first error
	if r.shared && r.data != nil {
		if err := syncMapping(r.data); err != nil {
			first = fmt.Errorf("%s: sync: %w", r.name, err)
		}
	}
	if r.owned && r.data != nil {
		if err := unmap(r.data); err != nil && first == nil {
			first = fmt.Errorf("%s: unmap: %w", r.name, err)
		}
	}
	r.data, r.host = nil, nil
	if r.file != nil {
		if err := r.file.Close(); err != nil && first == nil {
			first = err
		}
		r.file = nil
	}
	return first
}

package emu

import (
	"fmt"
	"io"
	"os"
	"sync"
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
	// base is the file a private mapping reads from; mods marks the pages
	// that may differ from it (what a fork must copy).
	base *backingFile
	mods *merkle.PageSet
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

// backingFile is the file a private mapping reads from: an in-memory file
// (memfd) rivet made, or a user's image. Forked machines share it; it must not
// change while more than one machine maps it.
type backingFile struct {
	f     *os.File
	owned bool // a memfd of ours: its contents may be updated (compaction)
	mu    sync.Mutex
	refs  int
}

func (b *backingFile) acquire() {
	b.mu.Lock()
	b.refs++
	b.mu.Unlock()
}

func (b *backingFile) release() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refs--
	if b.refs == 0 {
		return b.f.Close()
	}
	return nil
}

// mapRange gives a memory range its host bytes from its backing store.
//   - A shared store maps the file itself: guest writes reach it.
//   - A private store whose file fills the range maps the file copy-on-write.
//   - A shorter private image is copied into an in-memory file of the
//     range's length, which is then mapped copy-on-write.
//   - With no file the range is an empty in-memory file (zeros), mapped
//     copy-on-write.
//
// Private mappings over a file are what make Fork cheap: a fork maps the same
// file again and copies only the pages the parent changed.
func (r *memRange) mapRange(bs BackingStore, readOnlyHost bool) error {
	name := bs.DataFilename
	if name == "" {
		if bs.Shared {
			return fmt.Errorf("%s: shared backing store needs a file name", r.name)
		}
		f, err := newMemFile(r.name, r.length)
		if err != nil {
			return err
		}
		return r.mapBase(&backingFile{f: f, owned: true, refs: 1})
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
	case size == r.length && bs.Shared:
		b, err := mapFile(f, r.length, true)
		if err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", r.name, err)
		}
		r.setData(b)
		r.file = f
		r.shared = true
		r.dirty.MarkAll()
		return nil
	case size == r.length:
		if err := r.mapBase(&backingFile{f: f, refs: 1}); err != nil {
			return err
		}
		r.dirty.MarkAll()
		return nil
	case bs.Shared:
		f.Close()
		return fmt.Errorf("%s: shared image %s is %#x bytes; it must be exactly the range length %#x", r.name, name, size, r.length)
	}
	defer f.Close()
	mf, err := newMemFile(r.name, r.length)
	if err != nil {
		return err
	}
	if _, err := io.Copy(mf, f); err != nil {
		mf.Close()
		return fmt.Errorf("%s: read image %s: %w", r.name, name, err)
	}
	if err := r.mapBase(&backingFile{f: mf, owned: true, refs: 1}); err != nil {
		return err
	}
	r.dirty.MarkRange(0, (size+PageSize-1)/PageSize)
	return nil
}

// mapBase maps a backing file copy-on-write as the range's bytes.
func (r *memRange) mapBase(base *backingFile) error {
	b, err := mapPrivate(base.f, r.length)
	if err != nil {
		base.release()
		return fmt.Errorf("%s: %w", r.name, err)
	}
	r.base = base
	r.setData(b)
	if r.mods == nil {
		r.mods = merkle.NewPageSet(r.pages())
	}
	return nil
}

func (r *memRange) setData(b []byte) {
	r.data = b
	r.host = unsafe.Pointer(&b[0])
	r.owned = true
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
	if r.base != nil {
		if err := r.base.release(); err != nil && first == nil {
			first = err
		}
		r.base = nil
	}
	return first
}

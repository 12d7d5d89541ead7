package merkle

import (
	"errors"
	"fmt"
)

// Proof shows that the node of log2 size Log2TargetSize at TargetAddress hashes to TargetHash in a
// tree of log2 size Log2RootSize whose root is RootHash. SiblingHashes go bottom-up: entry i is the
// sibling at log2 size Log2TargetSize+i, so there are Log2RootSize-Log2TargetSize of them.
// TargetAddress is absolute: in a proof cut down by Slice, only its bits from Log2TargetSize to
// Log2RootSize-1 take part in verification.
type Proof struct {
	TargetAddress  uint64
	Log2TargetSize int
	Log2RootSize   int
	TargetHash     Hash
	RootHash       Hash
	SiblingHashes  []Hash
}

// ErrBadProof wraps every reason a proof is rejected.
var ErrBadProof = errors.New("invalid proof")

// Proof brings the tree up to date and returns the proof of the node at address of log2 size
// log2Size (5 to 64, address aligned) against the root of the whole state.
func (t *Tree) Proof(address uint64, log2Size int) (*Proof, error) {
	if err := checkNode(address, log2Size); err != nil {
		return nil, err
	}
	t.Update()
	p := &Proof{
		TargetAddress:  address,
		Log2TargetSize: log2Size,
		Log2RootSize:   Log2RootSize,
		TargetHash:     t.nodeHash(address, log2Size),
		RootHash:       t.sparse[0].hash,
		SiblingHashes:  make([]Hash, Log2RootSize-log2Size),
	}
	for level := log2Size; level < Log2RootSize; level++ {
		sibling := (address>>level ^ 1) << level
		p.SiblingHashes[level-log2Size] = t.nodeHash(sibling, level)
	}
	return p, nil
}

// checkShape validates the sizes, the alignment and the sibling count.
func (p *Proof) checkShape() error {
	switch {
	case p.Log2RootSize < Log2WordSize || p.Log2RootSize > Log2RootSize:
		return fmt.Errorf("%w: log2_root_size %d: want %d to %d", ErrBadProof, p.Log2RootSize, Log2WordSize, Log2RootSize)
	case p.Log2TargetSize < Log2WordSize || p.Log2TargetSize > p.Log2RootSize:
		return fmt.Errorf("%w: log2_target_size %d: want %d to log2_root_size %d", ErrBadProof, p.Log2TargetSize, Log2WordSize, p.Log2RootSize)
	case p.Log2TargetSize < Log2RootSize && p.TargetAddress&(1<<p.Log2TargetSize-1) != 0 ||
		p.Log2TargetSize == Log2RootSize && p.TargetAddress != 0:
		return fmt.Errorf("%w: target_address %#x is not aligned to 2^%d", ErrBadProof, p.TargetAddress, p.Log2TargetSize)
	case len(p.SiblingHashes) != p.Log2RootSize-p.Log2TargetSize:
		return fmt.Errorf("%w: %d sibling hashes, want %d", ErrBadProof, len(p.SiblingHashes), p.Log2RootSize-p.Log2TargetSize)
	}
	return nil
}

// climb hashes h from log2 size from up to log2 size to along the proof's path.
func (p *Proof) climb(f HashFunction, h Hash, from, to int) Hash {
	for level := from; level < to; level++ {
		sibling := &p.SiblingHashes[level-p.Log2TargetSize]
		if p.TargetAddress>>level&1 != 0 {
			h = f.Concat(sibling, &h)
		} else {
			h = f.Concat(&h, sibling)
		}
	}
	return h
}

// Verify checks the proof's shape and that TargetHash and the siblings hash up to RootHash.
func (p *Proof) Verify(f HashFunction) error {
	if err := f.check(); err != nil {
		return fmt.Errorf("%w: %w", ErrBadHashFun, err)
	}
	if err := p.checkShape(); err != nil {
		return err
	}
	if got := p.climb(f, p.TargetHash, p.Log2TargetSize, p.Log2RootSize); got != p.RootHash {
		return fmt.Errorf("%w: target and siblings hash to %v, root_hash is %v", ErrBadProof, got, p.RootHash)
	}
	return nil
}

// RootFor returns the root that the proof's siblings give for a different target hash (the root
// after the target is replaced). It checks the proof's shape but not its hashes.
func (p *Proof) RootFor(f HashFunction, target Hash) (Hash, error) {
	if err := f.check(); err != nil {
		return Hash{}, fmt.Errorf("%w: %w", ErrBadHashFun, err)
	}
	if err := p.checkShape(); err != nil {
		return Hash{}, err
	}
	return p.climb(f, target, p.Log2TargetSize, p.Log2RootSize), nil
}

// Slice cuts the proof down to the subtree of log2 size log2RootSize that contains the target, with
// a target of log2 size log2TargetSize (which may be larger than the original target: its hash is
// computed from the original's siblings). It first verifies the proof, so a slice of an invalid
// proof is an error rather than a proof of something else. The target address stays absolute,
// aligned down to the new target size.
func (p *Proof) Slice(f HashFunction, log2RootSize, log2TargetSize int) (*Proof, error) {
	if err := p.Verify(f); err != nil {
		return nil, err
	}
	switch {
	case log2RootSize > p.Log2RootSize:
		return nil, fmt.Errorf("%w: slice log2_root_size %d exceeds the proof's %d", ErrBadProof, log2RootSize, p.Log2RootSize)
	case log2TargetSize < p.Log2TargetSize:
		return nil, fmt.Errorf("%w: slice log2_target_size %d is below the proof's %d", ErrBadProof, log2TargetSize, p.Log2TargetSize)
	case log2TargetSize > log2RootSize:
		return nil, fmt.Errorf("%w: slice log2_target_size %d exceeds log2_root_size %d", ErrBadProof, log2TargetSize, log2RootSize)
	}
	target := p.climb(f, p.TargetHash, p.Log2TargetSize, log2TargetSize)
	s := &Proof{
		TargetAddress:  p.TargetAddress &^ (1<<log2TargetSize - 1),
		Log2TargetSize: log2TargetSize,
		Log2RootSize:   log2RootSize,
		TargetHash:     target,
		SiblingHashes:  append([]Hash(nil), p.SiblingHashes[log2TargetSize-p.Log2TargetSize:log2RootSize-p.Log2TargetSize]...),
	}
	if log2TargetSize == Log2RootSize {
		s.TargetAddress = 0
	}
	s.RootHash = s.climb(f, target, log2TargetSize, log2RootSize)
	return s, nil
}

package merkle

import (
	"fmt"
	"math/bits"
)

// PageSet is a dirty-page bitmap for one region, one bit per 4 KiB page. The machine marks pages
// whose bytes may have changed (host writes, pages leaving its write TLB); the tree consumes and
// clears the marks on Update. A PageSet is not safe for concurrent use: mark from the goroutine that
// owns the machine, the one that also calls Update.
//
// Bits live in two levels: words holds one bit per page, summary one bit per word of words, set
// whenever that word may be non-zero. Draining and iterating skip unmarked stretches 4096 pages at
// a time, so an update of a few pages in a large region does not scan the whole bitmap.
type PageSet struct {
	words   []uint64
	summary []uint64 // a clear bit means the word of words is zero
	pages   uint64
}

// NewPageSet returns an empty set for a region of the given number of pages.
func NewPageSet(pages uint64) *PageSet {
	words := (pages + 63) / 64
	return &PageSet{words: make([]uint64, words), summary: make([]uint64, (words+63)/64), pages: pages}
}

// Len returns the number of pages the set covers.
func (s *PageSet) Len() uint64 { return s.pages }

func (s *PageSet) checkPage(page uint64) {
	if page >= s.pages {
		panic(fmt.Sprintf("merkle: page %d outside a PageSet of %d pages", page, s.pages))
	}
}

// Mark marks one page. It panics if page >= Len(): marking a page outside the region is a bug in the
// caller, and silently dropping the mark would make the root hash wrong.
func (s *PageSet) Mark(page uint64) {
	s.checkPage(page)
	word := page / 64
	s.words[word] |= 1 << (page % 64)
	s.summary[word/64] |= 1 << (word % 64)
}

// MarkRange marks pages first .. first+count-1. It panics if the range leaves the region.
func (s *PageSet) MarkRange(first, count uint64) {
	if count == 0 {
		return
	}
	if first >= s.pages || count > s.pages-first {
		panic(fmt.Sprintf("merkle: pages [%d, +%d) outside a PageSet of %d pages", first, count, s.pages))
	}
	end := first + count
	for page := first; page < end; {
		word, bit := page/64, page%64
		n := min(64-bit, end-page)
		mask := ^uint64(0)
		if n < 64 {
			mask = (uint64(1)<<n - 1) << bit
		}
		s.words[word] |= mask
		s.summary[word/64] |= 1 << (word % 64)
		page += n
	}
}

// Bitmaps returns the set's two levels, for code that marks pages without
// calling Mark (a JIT's generated code): marking page p sets bit p of words
// and bit p/64 of summary, both as bit strings of 64-bit little-endian
// words. The slices stay valid, and in place, for the set's life.
func (s *PageSet) Bitmaps() (words, summary []uint64) { return s.words, s.summary }

// MarkAll marks every page.
func (s *PageSet) MarkAll() { s.MarkRange(0, s.pages) }

// Has reports whether a page is marked (false for pages outside the region).
func (s *PageSet) Has(page uint64) bool {
	return page < s.pages && s.words[page/64]&(1<<(page%64)) != 0
}

// Count returns the number of marked pages.
func (s *PageSet) Count() uint64 {
	var n int
	for _, w := range s.words {
		n += bits.OnesCount64(w)
	}
	return uint64(n)
}

// Clear unmarks every page.
func (s *PageSet) Clear() {
	clear(s.words)
	clear(s.summary)
}

// ForEach calls fn for every marked page in increasing order.
func (s *PageSet) ForEach(fn func(page uint64)) {
	s.walk(func(word uint64, bits uint64) {
		forEachBit(bits, func(bit uint64) { fn(word*64 + bit) })
	})
}

// drain appends the marked pages in increasing order to list, clears the set and returns list.
func (s *PageSet) drain(list []uint64) []uint64 {
	for i, summary := range s.summary {
		if summary == 0 {
			continue
		}
		s.summary[i] = 0
		for ; summary != 0; summary &= summary - 1 {
			word := uint64(i)*64 + uint64(bits.TrailingZeros64(summary))
			w := s.words[word]
			s.words[word] = 0
			for ; w != 0; w &= w - 1 {
				list = append(list, word*64+uint64(bits.TrailingZeros64(w)))
			}
		}
	}
	return list
}

// walk calls fn with each non-zero word of words and its index, in order.
func (s *PageSet) walk(fn func(word uint64, bits uint64)) {
	for i, summary := range s.summary {
		forEachBit(summary, func(bit uint64) {
			word := uint64(i)*64 + bit
			if w := s.words[word]; w != 0 {
				fn(word, w)
			}
		})
	}
}

func forEachBit(w uint64, fn func(bit uint64)) {
	for w != 0 {
		fn(uint64(bits.TrailingZeros64(w)))
		w &= w - 1
	}
}

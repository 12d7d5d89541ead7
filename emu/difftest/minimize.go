package difftest

import "fmt"

// Minimize shrinks a program while it still shows a mismatch with the same
// signature: whole segments first, then items (delta debugging), then lines
// inside items, then configuration details. It returns the smallest program
// found and its mismatch.
func (t *Tester) Minimize(p *Program, m *Mismatch) (*Program, *Mismatch, error) {
	saved := t.MaxMcycle
	t.MaxMcycle = min(saved, 2*m.Mcycle+2*t.CheckEvery)
	defer func() { t.MaxMcycle = saved }()

	best, bestM := p.Clone(), m
	try := func(q *Program) bool {
		o, _, err := t.RunProgram(q)
		if err != nil || o.Mismatch == nil || o.Mismatch.Signature != m.Signature {
			return false
		}
		best, bestM = q, o.Mismatch
		return true
	}

	// Segments.
	for i := 0; i < len(best.Segments) && len(best.Segments) > 1; {
		q := best.Clone()
		q.Segments = append(q.Segments[:i], q.Segments[i+1:]...)
		if !try(q) {
			i++
		}
	}

	// Items, across all segments.
	type ref struct{ seg, item int }
	all := func(q *Program) []ref {
		var rs []ref
		for si, s := range q.Segments {
			for ii := range s.Items {
				rs = append(rs, ref{si, ii})
			}
		}
		return rs
	}
	without := func(drop map[ref]bool) *Program {
		q := best.Clone()
		for si, s := range q.Segments {
			var keep []Item
			for ii, it := range s.Items {
				if !drop[ref{si, ii}] {
					keep = append(keep, it)
				}
			}
			s.Items = keep
		}
		return q
	}
	for n := 2; ; {
		rs := all(best)
		if len(rs) == 0 {
			break
		}
		n = min(n, len(rs))
		size := (len(rs) + n - 1) / n
		reduced := false
		for start := 0; start < len(rs); start += size {
			drop := map[ref]bool{}
			for _, r := range rs[start:min(start+size, len(rs))] {
				drop[r] = true
			}
			if try(without(drop)) {
				reduced = true
				break
			}
		}
		if reduced {
			n = max(n-1, 2)
			continue
		}
		if n >= len(rs) {
			break
		}
		n = min(2*n, len(rs))
	}

	// Lines inside items.
	for si := range best.Segments {
		for ii := 0; ii < len(best.Segments[si].Items); ii++ {
			for li := 0; li < len(best.Segments[si].Items[ii].Asm); {
				q := best.Clone()
				it := &q.Segments[si].Items[ii]
				it.Asm = append(append([]string(nil), it.Asm[:li]...), it.Asm[li+1:]...)
				if !try(q) {
					li++
				}
			}
		}
	}

	// Configuration details.
	simplify := []func(q *Program){
		func(q *Program) { q.KData = nil },
		func(q *Program) { q.UData = nil },
		func(q *Program) { q.RAMEndStraddle = false },
	}
	for si := range best.Segments {
		si := si
		simplify = append(simplify,
			func(q *Program) { q.Segments[si].Straddles = nil },
			func(q *Program) { q.Segments[si].Medeleg = 0 },
			func(q *Program) { q.Segments[si].Mideleg = 0 },
			func(q *Program) { q.Segments[si].Mie = 0 },
			func(q *Program) { q.Segments[si].Mip = 0 },
			func(q *Program) { q.Segments[si].TimecmpDelta = 0 },
			func(q *Program) { q.Segments[si].Msip = false },
			func(q *Program) { q.Segments[si].MtvecVectored, q.Segments[si].StvecVectored = false, false },
			func(q *Program) { q.Segments[si].Menvcfg, q.Segments[si].Senvcfg = 0, 0 },
			func(q *Program) { q.Segments[si].Mcounter, q.Segments[si].Scounter = 7, 7 },
			func(q *Program) { q.Segments[si].Mstatus &= 0xA00000000 | msMPP },
		)
	}
	for _, f := range simplify {
		q := best.Clone()
		f(q)
		try(q)
	}
	if bestM == nil {
		return nil, nil, fmt.Errorf("minimise: lost the mismatch")
	}
	return best, bestM, nil
}

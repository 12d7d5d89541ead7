package difftest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

var prvNames = map[int]string{prvU: "U", prvS: "S", prvM: "M"}

// Listing is the readable part of a program: each segment's configuration
// and its items (the harness, page tables and data are left out).
func Listing(p *Program) string {
	var b strings.Builder
	for _, s := range p.Segments {
		fmt.Fprintf(&b, "# segment %d: %s-mode at 0x%x, satp 0x%x, mstatus 0x%x, medeleg 0x%x, mideleg 0x%x, mie 0x%x, mip 0x%x",
			s.Index, prvNames[s.Priv], s.CodeBase(), s.Satp, s.Mstatus, s.Medeleg, s.Mideleg, s.Mie, s.Mip)
		if s.TimecmpDelta > 0 {
			fmt.Fprintf(&b, ", mtimecmp time+%d", s.TimecmpDelta)
		}
		if s.Msip {
			b.WriteString(", msip 1")
		}
		b.WriteString("\n")
		for _, r := range pointers {
			fmt.Fprintf(&b, "#   %s = 0x%x\n", regNames[r], s.Ptrs[r])
		}
		for i, it := range s.Items {
			fmt.Fprintf(&b, "seg%d_item%d: # %s\n", s.Index, i, it.Kind)
			for _, l := range it.Asm {
				if strings.HasSuffix(l, ":") {
					b.WriteString(l + "\n")
				} else {
					b.WriteString("\t" + l + "\n")
				}
			}
		}
		for j, st := range s.Straddles {
			fmt.Fprintf(&b, "# straddle %d at 0x%x: %s\n", j, s.StraddleAddr(j), st.Insn)
		}
	}
	return b.String()
}

// Describe renders a mismatch for a report.
func Describe(p *Program, m *Mismatch) string {
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d: first differing mcycle %d (states equal at %d)\n", p.Seed, m.Mcycle, m.Mcycle-1)
	fmt.Fprintf(&b, "instruction at pc 0x%x (%s, %s-mode): %s\n", m.PC, m.Where, prvNames[int(m.Iprv)], m.Insn)
	fmt.Fprintf(&b, "reference stop: %s\nrivet stop:     %s\n", m.Ref, m.Riv)
	if m.Note != "" {
		fmt.Fprintf(&b, "note: %s\n", m.Note)
	}
	fmt.Fprintf(&b, "differences at mcycle %d:\n", m.Mcycle)
	for i, d := range m.Diffs {
		if i == 40 {
			fmt.Fprintf(&b, "  ... and %d more\n", len(m.Diffs)-40)
			break
		}
		fmt.Fprintf(&b, "  %s\n", d)
	}
	fmt.Fprintf(&b, "run calls before the bisected one: %v (then run to %d)\n", m.Calls, m.Mcycle)
	fmt.Fprintf(&b, "signature: %s\n", m.Signature)
	b.WriteString("program items:\n")
	b.WriteString(Listing(p))
	return b.String()
}

// SaveCase writes the program's full assembly and its description to dir,
// named after the signature, and returns the path of the .S file.
func (t *Tester) SaveCase(dir string, p *Program, m *Mismatch) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(m.Signature))
	name := fmt.Sprintf("seed%d-%s", p.Seed, hex.EncodeToString(sum[:4]))
	s := filepath.Join(dir, name+".S")
	if err := os.WriteFile(s, []byte(p.Assembly()), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(Describe(p, m)), 0o644); err != nil {
		return "", err
	}
	return s, nil
}

// SaveSweepCase writes a sweep program and its mismatch to dir.
func (t *Tester) SaveSweepCase(dir string, seed int64, src string, m *Mismatch) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(m.Signature))
	name := fmt.Sprintf("sweep%d-%s", seed, hex.EncodeToString(sum[:4]))
	s := filepath.Join(dir, name+".S")
	if err := os.WriteFile(s, []byte(src), 0o644); err != nil {
		return "", err
	}
	return s, os.WriteFile(filepath.Join(dir, name+".txt"), []byte(Describe(&Program{Seed: seed}, m)), 0o644)
}

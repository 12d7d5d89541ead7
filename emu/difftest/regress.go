package difftest

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Regression cases live in testdata/regress as NAME.S (source), NAME.bin
// (its RAM image, so tests need no assembler) and NAME.expect (what the
// reference computed: stops and root hashes after each run call). The
// device tree both sides use is testdata/regress/ref-dtb.bin, the tree the
// reference generates for this configuration (it carries an rng-seed that
// rivet does not generate).

// RegressRun is one run call and what the reference reported.
type RegressRun struct {
	Target uint64
	Want   Stop
}

// ParseExpect reads a .expect file: "sequence" lines start a new machine,
// "run TARGET MCYCLE REASON HASH" lines are run calls.
func ParseExpect(data string) ([][]RegressRun, error) {
	var seqs [][]RegressRun
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		switch {
		case f[0] == "sequence" && len(f) == 1:
			seqs = append(seqs, nil)
		case f[0] == "run" && len(f) == 5 && len(seqs) > 0:
			target, err1 := strconv.ParseUint(f[1], 10, 64)
			mcycle, err2 := strconv.ParseUint(f[2], 10, 64)
			if err1 != nil || err2 != nil || !strings.HasPrefix(f[4], "0x") || len(f[4]) != 66 {
				return nil, fmt.Errorf("expect line %d: bad run line %q", n, line)
			}
			last := len(seqs) - 1
			seqs[last] = append(seqs[last], RegressRun{target, Stop{mcycle, f[3], f[4]}})
		default:
			return nil, fmt.Errorf("expect line %d: unknown line %q", n, line)
		}
	}
	return seqs, sc.Err()
}

// MakeRegression assembles src, runs it on the reference (one long run, and
// one run per mcycle for the first perCycle mcycles) and writes NAME.S,
// NAME.bin and NAME.expect into dir. It also writes the reference's device
// tree (trimmed to its FDT size) as ref-dtb.bin when dir lacks one.
func (t *Tester) MakeRegression(dir, name, src string, perCycle uint64) error {
	ref, ok := t.Ref.(*Reference)
	if !ok {
		return fmt.Errorf("make regression: the reference engine is needed")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	im, err := t.TC.Assemble(t.Dir, src)
	if err != nil {
		return err
	}
	bin := filepath.Join(t.Dir, "prog.bin")
	dtbPath := filepath.Join(dir, "ref-dtb.bin")
	if _, err := os.Stat(dtbPath); err != nil {
		if err := ref.Load(bin); err != nil {
			return err
		}
		dtb, err := ref.Read(dtbBase, 0x100000)
		if err != nil {
			return err
		}
		if binary.BigEndian.Uint32(dtb) != 0xd00dfeed {
			return fmt.Errorf("make regression: the reference's device tree has no FDT magic")
		}
		size := binary.BigEndian.Uint32(dtb[4:])
		if err := os.WriteFile(dtbPath, dtb[:size], 0o644); err != nil {
			return err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# What the Cartesi Machine 0.21 reference computed for %s.bin: 4 MiB RAM, no flash drives,\n", name)
	b.WriteString("# device tree ref-dtb.bin, 4 KiB of zeros as uarch RAM. \"sequence\" starts a new machine;\n")
	b.WriteString("# \"run TARGET MCYCLE REASON HASH\" is one run call and the stop and root hash after it.\n")
	run := func(targets []uint64) error {
		if err := ref.Load(bin); err != nil {
			return err
		}
		b.WriteString("sequence\n")
		for _, tg := range targets {
			st, err := ref.Run(tg)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "run %d %d %s %s\n", tg, st.Mcycle, st.Reason, st.Hash)
			if terminal(st.Reason) {
				break
			}
		}
		return nil
	}
	if err := run([]uint64{t.MaxMcycle}); err != nil {
		return err
	}
	var steps []uint64
	for c := uint64(1); c <= perCycle; c++ {
		steps = append(steps, c)
	}
	if len(steps) > 0 {
		if err := run(steps); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, name+".S"), []byte(src), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, name+".bin"), im.Bin, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".expect"), []byte(b.String()), 0o644)
}

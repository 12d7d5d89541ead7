// Command difftest runs generated programs on the Cartesi Machine 0.21
// reference and on rivet's interpreter and reports the first mcycle at
// which their root hashes differ. See ../../doc.go.
package main

import (
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rivetvm/rivet/emu"
	"github.com/rivetvm/rivet/emu/difftest"
	"github.com/rivetvm/rivet/jit"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "difftest:", err)
		os.Exit(1)
	}
}

func run() error {
	seed := flag.Int64("seed", 1, "first seed")
	count := flag.Int("n", 100, "number of programs (seeds seed, seed+1, ...)")
	dir := flag.String("dir", "", "scratch directory (default: a new temporary one)")
	cases := flag.String("cases", "", "directory where each finding's program (.S) and report are written")
	every := flag.Uint64("every", 0, "compare root hashes every this many mcycles (0: vary with the seed, so run calls end both on and off timer ticks)")
	maxMcycle := flag.Uint64("max-mcycle", 400000, "stop each program at this mcycle")
	segments := flag.Int("segments", difftest.DefaultGenOptions().MaxSegments, "most segments per program")
	items := flag.Int("items", difftest.DefaultGenOptions().MaxItems, "most items per segment")
	minimize := flag.Bool("minimize", true, "minimise each new finding")
	stopAfter := flag.Int("stop-after", 0, "stop after this many findings (0: never)")
	luaDir := flag.String("ref-lua", difftest.DefaultRefPaths().LuaDir, "directory with the reference's cartesi.so and Lua modules")
	cli := flag.String("ref-cli", difftest.DefaultRefPaths().CLI, "the reference's cartesi-machine wrapper")
	prepare := flag.String("ref-prepare-load", difftest.DefaultRefPaths().PrepareLoad, "Lua script that adds the reference's cache files to a stored machine")
	trace := flag.Bool("trace", false, "print each program's listing and its last traps (use with -n 1)")
	verbose := flag.Bool("v", false, "print every program's outcome")
	knownFile := flag.String("known", "", "file of known finding signatures (one per line) to count but not minimise again")
	avoid := flag.String("avoid", "", "comma-separated known differences the generator should not provoke (see GenOptions.Avoid)")
	makeRegress := flag.String("make-regression", "", "with -asm: write NAME.S, NAME.bin and NAME.expect (the reference's results) into -regress-dir")
	regressDir := flag.String("regress-dir", "emu/difftest/testdata/regress", "where -make-regression writes")
	perCycle := flag.Uint64("per-cycle", 200, "with -make-regression: also record one run per mcycle for this many mcycles")
	reloadEvery := flag.Int64("reload-every", 4, "in one program of this many, after a few checkpoints one engine continues from the machine the other stored (both directions; 0: never)")
	engine := flag.String("engine", "interp", "rivet engine: interp (the interpreter) or jit (the interpreter with the JIT installed)")
	sweepLoop := flag.Int("sweep-loop", 0, "with -sweep: run every 16-word chunk this many times (hot code for the JIT)")
	sweep := flag.Int("sweep", 0, "run sweep programs of this many random instruction words instead (decoder and ALU at a high rate)")
	weights := flag.String("weights", "", "item kind weights, e.g. csr=50,pte=20 (others keep their defaults; kind=0 leaves one out)")
	asmFile := flag.String("asm", "", "compare one hand-written assembly file instead of generated programs")
	flag.Parse()

	scratch := *dir
	if scratch == "" {
		d, err := os.MkdirTemp("", "difftest-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		scratch = d
	}
	t, err := difftest.NewTester(difftest.RefPaths{LuaDir: *luaDir, CLI: *cli, PrepareLoad: *prepare}, scratch)
	if err != nil {
		return err
	}
	defer t.Close()
	t.CheckEvery, t.MaxMcycle, t.Trace = *every, *maxMcycle, *trace
	switch *engine {
	case "interp":
	case "jit":
		t.Riv.(*difftest.Rivet).Attach = func(m *emu.Machine) error {
			_, err := jit.New(m)
			return err
		}
	default:
		return fmt.Errorf("-engine %q: want interp or jit", *engine)
	}
	if *asmFile != "" {
		src, err := os.ReadFile(*asmFile)
		if err != nil {
			return err
		}
		if t.CheckEvery == 0 {
			t.CheckEvery = 4096
		}
		if *makeRegress != "" {
			if err := t.MakeRegression(*regressDir, *makeRegress, string(src), *perCycle); err != nil {
				return err
			}
			fmt.Printf("wrote %s/%s.{S,bin,expect}\n", *regressDir, *makeRegress)
		}
		o, _, err := t.RunAssembly(string(src))
		if err != nil {
			return err
		}
		if o.Mismatch == nil {
			fmt.Printf("%s: no mismatch: %s at mcycle %d\n", *asmFile, o.End, o.Cycles)
			if regs, err := t.Ref.Read(0, 0x100); err == nil {
				fmt.Print("final registers (reference):")
				for i := 1; i < 32; i++ {
					fmt.Printf(" x%d=%#x", i, binary.LittleEndian.Uint64(regs[i*8:]))
				}
				fmt.Println()
			}
			return nil
		}
		fmt.Print(difftest.Describe(&difftest.Program{}, o.Mismatch))
		return nil
	}
	opts := difftest.GenOptions{MaxSegments: *segments, MaxItems: *items, Avoid: map[string]bool{}}
	if *weights != "" {
		opts.Weights = map[string]int{}
		kinds := difftest.ItemKinds()
		for _, kv := range strings.Split(*weights, ",") {
			k, v, ok := strings.Cut(kv, "=")
			n, err := strconv.Atoi(v)
			if _, known := kinds[k]; !ok || err != nil || !known || n < 0 {
				return fmt.Errorf("-weights %q: want kind=N with a known kind and N >= 0", kv)
			}
			opts.Weights[k] = n
		}
	}
	for _, a := range strings.Split(*avoid, ",") {
		if a != "" {
			opts.Avoid[a] = true
		}
	}

	known := map[string]bool{}
	if *knownFile != "" {
		if data, err := os.ReadFile(*knownFile); err == nil {
			for _, l := range strings.Split(string(data), "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
					known[l] = true
				}
			}
		}
	}
	start := time.Now()
	var cycles uint64
	findings, errs, bySig := 0, 0, map[string]int{}
	var total difftest.Stats
	for i := 0; i < *count; i++ {
		s := *seed + int64(i)
		if *sweep > 0 {
			t.CheckEvery = *every
			if t.CheckEvery == 0 {
				t.CheckEvery = 256
			}
			src := difftest.Sweep(s, difftest.SweepOptions{Words: *sweep, DumpEvery: 16, Loop: *sweepLoop})
			o, im, err := t.RunAssembly(src)
			if err != nil {
				if errs++; errs > 10 {
					return fmt.Errorf("sweep seed %d: %w (and 10 errors before)", s, err)
				}
				fmt.Printf("sweep seed %d: ERROR %v\n", s, err)
				continue
			}
			cycles += o.Cycles
			if *verbose {
				fmt.Printf("sweep seed %d: %s at mcycle %d\n", s, o.End, o.Cycles)
			}
			if m := o.Mismatch; m != nil {
				findings++
				bySig[m.Signature]++
				fmt.Printf("sweep seed %d: MISMATCH at mcycle %d at %s (%s) [%s]\n", s, m.Mcycle, m.Where, m.Insn, m.Signature)
				_ = im
				if *cases != "" && bySig[m.Signature] == 1 {
					if path, err := t.SaveSweepCase(*cases, s, src, m); err != nil {
						fmt.Println("  save:", err)
					} else {
						fmt.Println("  saved", path)
					}
				}
			} else if (i+1)%50 == 0 {
				fmt.Printf("%d sweeps, %d mcycles compared, %d findings, %.0fs\n", i+1, cycles, findings, time.Since(start).Seconds())
			}
			continue
		}
		p := difftest.Generate(s, opts)
		t.CheckEvery = *every
		if t.CheckEvery == 0 {
			t.CheckEvery = difftest.CadenceFor(s)
		}
		t.ReloadAt, t.ReloadReverse = 0, false
		if *reloadEvery > 0 && s%*reloadEvery == 0 {
			t.ReloadAt = 2 + int(s / *reloadEvery % 5)
			t.ReloadReverse = s / *reloadEvery % 2 == 1
		}
		o, _, err := t.RunProgram(p)
		if err != nil {
			// A panic inside rivet is a finding; other errors (the
			// assembler, the reference) are the tester's. Go on either way.
			if errs++; errs > 10 {
				return fmt.Errorf("seed %d: %w (and 10 errors before)", s, err)
			}
			fmt.Printf("seed %d: ERROR %v\n", s, err)
			continue
		}
		cycles += o.Cycles
		total.Add(o.Stats)
		if *trace {
			fmt.Print(difftest.Listing(p))
		}
		if *verbose {
			fmt.Printf("seed %d: %d segments, %d items, %s at mcycle %d, %d checkpoints; %s\n", s, len(p.Segments), p.ItemCount(), o.End, o.Cycles, o.Checkpoints, o.Stats)
		}
		if o.Mismatch == nil {
			if (i+1)%50 == 0 {
				fmt.Printf("%d programs, %d mcycles compared, %d findings, %.0fs\n", i+1, cycles, findings, time.Since(start).Seconds())
			}
			continue
		}
		findings++
		m := o.Mismatch
		bySig[m.Signature]++
		fmt.Printf("seed %d: MISMATCH at mcycle %d at %s (%s) [%s]\n", s, m.Mcycle, m.Where, m.Insn, m.Signature)
		if known[m.Signature] || bySig[m.Signature] > 1 {
			continue
		}
		if *minimize {
			if q, mm, err := t.Minimize(p, m); err != nil {
				fmt.Println("  minimise:", err)
			} else {
				p, m = q, mm
				fmt.Printf("  minimised to %d items: mcycle %d at %s (%s)\n", p.ItemCount(), m.Mcycle, m.Where, m.Insn)
			}
		}
		if *cases != "" {
			if path, err := t.SaveCase(*cases, p, m); err != nil {
				fmt.Println("  save:", err)
			} else {
				fmt.Println("  saved", path)
			}
		} else {
			fmt.Print(difftest.Describe(p, m))
		}
		if *stopAfter > 0 && findings >= *stopAfter {
			break
		}
	}
	fmt.Printf("done: %d programs from seed %d, %d mcycles compared, %d findings, %d errors in %.0fs\n", *count, *seed, cycles, findings, errs, time.Since(start).Seconds())
	fmt.Printf("segments %d (%d cut short by the trap limit), traps to M %d, to S %d\n%s", total.SegStarted, total.SegAborted, total.TrapsM, total.TrapsS, total.CauseTable())
	for sig, n := range bySig {
		fmt.Printf("  %4d  %s\n", n, sig)
	}
	return nil
}

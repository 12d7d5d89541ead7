package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/rivetvm/rivet/emu"
)

const hashSummary = `usage: rivet hash [machine flags] [--verify]

Prints the root hash of a machine (built from flags, or --load DIR).
--verify recomputes the whole tree from memory and checks it.`

func cmdHash(args []string) error {
	var f machineFlags
	fs := newFlagSet("hash", hashSummary)
	f.register(fs)
	verify := fs.Bool("verify", false, "recompute every hash from memory and compare with the incremental tree")
	if err := parseFlags(fs, args, hashSummary); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("hash: unexpected argument %q", fs.Arg(0))
	}
	m, err := f.build(emu.RuntimeOptions{})
	if err != nil {
		return err
	}
	defer m.Close()
	fmt.Println(emu.RootHashHex(m.RootHash()))
	if *verify {
		if err := m.VerifyHashTree(); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "rivet: hash tree verified")
	}
	return nil
}

const proofSummary = `usage: rivet proof --address A --log2-size S [--json] [machine flags]

Prints a Merkle proof of the node of 2^S bytes at address A against the root.`

func cmdProof(args []string) error {
	var f machineFlags
	fs := newFlagSet("proof", proofSummary)
	f.register(fs)
	addr := fs.String("address", "", "target address (decimal or 0x hex), aligned to 2^log2-size")
	log2 := fs.Int("log2-size", -1, "log2 of the target size, 5..64")
	asJSON := fs.Bool("json", false, "print the proof as JSON (the reference's field names)")
	if err := parseFlags(fs, args, proofSummary); err != nil {
		return err
	}
	if *addr == "" || *log2 < 0 {
		return usagef("proof: --address and --log2-size are required")
	}
	a, err := strconv.ParseUint(*addr, 0, 64)
	if err != nil {
		return usagef("--address %q: not a number", *addr)
	}
	if *log2 < 5 || *log2 > 64 {
		return usagef("--log2-size %d: must be between 5 and 64", *log2)
	}
	m, err := f.build(emu.RuntimeOptions{})
	if err != nil {
		return err
	}
	defer m.Close()
	p, err := m.Proof(a, *log2)
	if err != nil {
		return usagef("proof: %v", err)
	}
	if *asJSON {
		b, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			return err
		}
		fmt.Println(string(b))
		return nil
	}
	fmt.Printf("target_address: %#x\nlog2_target_size: %d\nlog2_root_size: %d\n", p.TargetAddress, p.Log2TargetSize, p.Log2RootSize)
	fmt.Printf("target_hash: 0x%s\nroot_hash: 0x%s\n", p.TargetHash, p.RootHash)
	for i, s := range p.SiblingHashes {
		fmt.Printf("sibling %d: 0x%s\n", i, s)
	}
	return nil
}

// Command rivet runs the rivet RISC-V machine.
//
//	rivet run [flags] [-- command]   boot Linux and run a command, or run a bare-metal ELF or image
//	rivet isa-test [flags] FILE|DIR  run programs that follow the riscv-tests protocol
//	rivet hash, rivet proof          a machine's root hash, a Merkle proof of part of its state
//
// Run `rivet COMMAND -h` for a command's flags.
package main

import (
	"errors"
	"fmt"
	"os"
)

// usageError is a bad command line: one line on stderr, exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// exitError carries an exit status chosen by a command (the guest's).
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

const usage = `usage: rivet COMMAND [flags]

commands:
  run       boot Linux and run a command (rivet run -- CMD), or run a bare-metal ELF
            (--elf), RAM image or stored machine (--load), printing its console
  isa-test  run riscv-tests-style programs (tohost protocol) and report PASS/FAIL
  hash      print a machine's root hash (--verify recomputes the whole tree)
  proof     print a Merkle proof of a node of the state
  version   print the version

Run 'rivet COMMAND -h' for the flags of a command.
`

func main() {
	os.Exit(realMain(os.Args[1:]))
}

func realMain(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "run":
		err = cmdRun(args[1:])
	case "isa-test":
		err = cmdISATest(args[1:])
	case "hash":
		err = cmdHash(args[1:])
	case "proof":
		err = cmdProof(args[1:])
	case "version", "--version":
		fmt.Println("rivet 0.1.0 (state-compatible with Cartesi Machine 0.21.0)")
	case "-h", "--help", "help":
		fmt.Print(usage)
	default:
		err = usagef("unknown command %q (try 'rivet help')", args[0])
	}
	var ue *usageError
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(os.Stderr, "rivet: %s\n", ue.msg)
		return 2
	default:
		fmt.Fprintf(os.Stderr, "rivet: %v\n", err)
		return 1
	}
}

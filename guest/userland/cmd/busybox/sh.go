package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/sys/unix"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// shMain is a POSIX-like shell: "sh -c TEXT [NAME [ARGS...]]", "sh FILE [ARGS...]", or
// commands from standard input (a prompt when it is a terminal). Leading "-e", "-u", "-x"
// style options are passed to the interpreter as "set" options.
func shMain(args []string) error {
	var opts []string
	for len(args) > 0 && len(args[0]) > 1 && (args[0][0] == '-' || args[0][0] == '+') && args[0] != "-c" {
		if args[0] == "--" {
			args = args[1:]
			break
		}
		opts = append(opts, args[0])
		args = args[1:]
	}
	if len(args) > 0 && args[0] == "-c" {
		if len(args) < 2 {
			return errors.New("-c: missing command text")
		}
		text, params := args[1], args[2:]
		if len(params) > 0 {
			params = params[1:] // $0 is not settable in this interpreter
		}
		return runShell(strings.NewReader(text), "sh", opts, params, false)
	}
	if len(args) > 0 {
		f, err := os.Open(args[0])
		if err != nil {
			return exitWith(127, err)
		}
		defer f.Close()
		return runShell(f, args[0], opts, args[1:], false)
	}
	return runShell(os.Stdin, "sh", opts, nil, isTerminal(os.Stdin))
}

func exitWith(status int, err error) error {
	fmt.Fprintf(os.Stderr, "sh: %v\n", err)
	return exitStatus(status)
}

func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

func runShell(src io.Reader, name string, opts, params []string, interactive bool) error {
	runnerParams := append(append([]string{}, opts...), "--")
	runnerParams = append(runnerParams, params...)
	runner, err := interp.New(
		interp.StdIO(os.Stdin, os.Stdout, os.Stderr),
		interp.Params(runnerParams...),
		interp.Interactive(interactive),
	)
	if err != nil {
		return err
	}
	ctx := context.Background()
	parser := syntax.NewParser()
	if !interactive {
		prog, err := parser.Parse(src, name)
		if err != nil {
			return exitWith(2, err)
		}
		return runner.Run(ctx, prog)
	}
	return interactiveLoop(ctx, runner, parser, src)
}

// interactiveLoop reads one statement at a time, so that a command runs as soon as its line
// is complete; it ends at end of input or on "exit".
func interactiveLoop(ctx context.Context, runner *interp.Runner, parser *syntax.Parser, src io.Reader) error {
	prompt := "# "
	if os.Geteuid() != 0 {
		prompt = "$ "
	}
	fmt.Fprint(os.Stdout, prompt)
	var last error
	err := parser.Interactive(bufio.NewReader(src), func(stmts []*syntax.Stmt) bool {
		if parser.Incomplete() {
			fmt.Fprint(os.Stdout, "> ")
			return true
		}
		for _, stmt := range stmts {
			last = runner.Run(ctx, stmt)
			if runner.Exited() {
				return false
			}
		}
		fmt.Fprint(os.Stdout, prompt)
		return true
	})
	if err != nil {
		return exitWith(2, err)
	}
	return last
}

// Command busybox is rivet's guest userland: one static Go binary that acts as the applet
// named by the name it was started under (/usr/bin/ls -> busybox runs "ls"), or by its first
// argument when started as "busybox" ("busybox mkdir -p /mnt/data"), the form the Cartesi
// CLI's init lines use. It holds the shell (mvdan.cc/sh, the engine of u-root's gosh), the
// core commands of github.com/u-root/u-root/pkg/core, and rivet's own programs:
// cartesi-init (the machine's init), flashdrive and nvram (device of a drive alias), and the
// small system commands the init lines need (mount, hostname, chown, ...).
//
// Built with GOOS=linux GOARCH=riscv64 CGO_ENABLED=0 by guest/images.sh; see docs/guest.md.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"mvdan.cc/sh/v3/interp"
)

// applet runs one command; args excludes the command name. The returned error is printed
// as "name: error" and turned into exit status 1, unless it carries its own status.
type applet func(args []string) error

// exitStatus is an error that ends the applet with a chosen status and no message.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func main() {
	name := filepath.Base(os.Args[0])
	args := os.Args[1:]
	if name == "busybox" {
		if len(args) == 0 || args[0] == "--list" {
			for _, n := range appletNames() {
				fmt.Println(n)
			}
			return
		}
		name, args = filepath.Base(args[0]), args[1:]
	}
	run, ok := applets()[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "busybox: %s: applet not found\n", name)
		os.Exit(127)
	}
	os.Exit(statusOf(name, run(args)))
}

func statusOf(name string, err error) int {
	if err == nil {
		return 0
	}
	var es exitStatus
	if errors.As(err, &es) {
		return int(es)
	}
	if status, ok := interp.IsExitStatus(err); ok {
		return int(status)
	}
	fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
	return 1
}

func appletNames() []string {
	var names []string
	for n := range applets() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

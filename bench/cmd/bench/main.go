// Command bench runs rivet's side-by-side benchmark suite; see package
// github.com/rivetvm/rivet/bench and bench/README.md.
//
//	go run ./bench/cmd/bench [--quick] [--cartesi CMD] [flags]
package main

import (
	"os"

	"github.com/rivetvm/rivet/bench"
)

func main() {
	os.Exit(bench.Main(os.Args[1:], os.Stdout, os.Stderr))
}

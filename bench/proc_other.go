//go:build !unix

package bench

import "os/exec"

// setProcessGroup: without process groups, cancellation kills the process only.
func setProcessGroup(*exec.Cmd) {}

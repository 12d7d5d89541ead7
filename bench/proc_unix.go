//go:build unix

package bench

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts the command in a process group of its own and makes
// cancellation kill the whole group (a wrapper script's children too).
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}

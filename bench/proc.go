package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"
)

// runOutput is one finished process.
type runOutput struct {
	stdout, stderr []byte
	exitCode       int // -1 when it did not exit normally (killed, timed out)
	wall, cpu      time.Duration
	timedOut       bool
}

// maxOutput bounds what a run may print; the workloads print one line.
const maxOutput = 1 << 20

// limitedBuffer keeps the first maxOutput bytes and drops the rest, so a
// runaway guest cannot exhaust the harness's memory.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := maxOutput - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// runProcess runs argv with stdin from /dev/null and measures its wall time
// (start to exit) and its CPU time (user + system, its waited-for children
// included). A run past timeout is killed with its whole process group.
func runProcess(argv []string, dir string, timeout time.Duration) (*runOutput, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	var stdout, stderr limitedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	setProcessGroup(cmd)
	start := time.Now()
	err := cmd.Run()
	out := &runOutput{wall: time.Since(start), exitCode: -1}
	out.stdout, out.stderr = stdout.Bytes(), stderr.Bytes()
	if cmd.ProcessState != nil {
		out.exitCode = cmd.ProcessState.ExitCode()
		out.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if ctx.Err() != nil {
		out.timedOut = true
		return out, nil
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return nil, fmt.Errorf("run %s: %w", argv[0], err)
	}
	return out, nil
}

package main

import (
	"github.com/rivetvm/rivet/emu"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// termInput feeds the guest's console getchar from the terminal. A reader
// goroutine moves bytes into a channel so Getchar never blocks the machine.
type termInput struct {
	ch      chan byte
	pending int // a byte WaitInput took from ch, or -1
	closed  bool
}

// Getchar returns the next byte typed, or -1 when none is waiting (the guest
// polls; HTIF console getchar never blocks).
func (t *termInput) Getchar() int {
	if c := t.pending; c >= 0 {
		t.pending = -1
		return c
	}
	select {
	case c, ok := <-t.ch:
		if !ok {
			return -1
		}
		return int(c)
	default:
		return -1
	}
}

var _ emu.ConsoleWaiter = (*termInput)(nil)

// WaitInput waits until a byte is typed or d has passed (the guest idles in
// WFI meanwhile; see emu.ConsoleWaiter).
func (t *termInput) WaitInput(d time.Duration) bool {
	if t.pending >= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	if t.closed { // no input will come: just let the time pass
		<-timer.C
		return false
	}
	select {
	case c, ok := <-t.ch:
		if !ok {
			t.closed = true
			<-timer.C
			return false
		}
		t.pending = int(c)
		return true
	case <-timer.C:
		return false
	}
}

// terminatingSignals end rivet while the terminal is raw. With ISIG off the
// keyboard sends none of them (Ctrl-C goes to the guest), so they come from
// kill, a closing terminal, or a supervisor.
var terminatingSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// openTerminalInput puts stdin in raw mode (when it is a terminal) and
// returns the input source and a function that restores the terminal. Until
// restore is called, a terminating signal restores the terminal first and
// then ends rivet by that same signal, so the shell sees the usual status.
func openTerminalInput() (*termInput, func(), error) {
	t := &termInput{ch: make(chan byte, 4096), pending: -1}
	restore := func() {}
	fd := int(os.Stdin.Fd())
	if old, err := unix.IoctlGetTermios(fd, unix.TCGETS); err == nil {
		raw := *old
		raw.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
		raw.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
		raw.Cflag &^= unix.CSIZE | unix.PARENB
		raw.Cflag |= unix.CS8
		raw.Cc[unix.VMIN] = 1
		raw.Cc[unix.VTIME] = 0
		// Catch signals before going raw: one arriving in between would
		// otherwise leave the terminal raw.
		// Signals the parent ignores (nohup, a background job) stay ignored.
		sigs := make(chan os.Signal, 1)
		for _, sig := range terminatingSignals {
			if !signal.Ignored(sig) {
				signal.Notify(sigs, sig)
			}
		}
		if err := unix.IoctlSetTermios(fd, unix.TCSETS, &raw); err != nil {
			signal.Stop(sigs)
			return nil, nil, err
		}
		var termOnce, stopOnce sync.Once
		done := make(chan struct{})
		restoreTerminal := func() {
			termOnce.Do(func() {
				// TCSETSW lets pending guest output drain in the old mode's
				// order before the settings change.
				unix.IoctlSetTermios(fd, unix.TCSETSW, old)
			})
		}
		restore = func() {
			stopOnce.Do(func() {
				signal.Stop(sigs)
				close(done)
			})
			restoreTerminal()
		}
		go func() {
			select {
			case sig := <-sigs:
				restoreTerminal()
				signal.Reset(sig)
				unix.Kill(os.Getpid(), sig.(syscall.Signal))
			case <-done:
			}
		}()
	}
	go func() {
		buf := make([]byte, 256)
		for {
			n, err := os.Stdin.Read(buf)
			for _, c := range buf[:n] {
				t.ch <- c
			}
			if err != nil {
				close(t.ch)
				return
			}
		}
	}()
	return t, restore, nil
}

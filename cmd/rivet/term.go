package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// termInput feeds the guest's console getchar from the terminal. A reader
// goroutine moves bytes into a channel so Getchar never blocks the machine.
type termInput struct {
	ch chan byte
}

func (t *termInput) Getchar() int {
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

// openTerminalInput puts stdin in raw mode (when it is a terminal) and
// returns the input source and a function that restores the terminal.
func openTerminalInput() (*termInput, func(), error) {
	t := &termInput{ch: make(chan byte, 4096)}
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
		if err := unix.IoctlSetTermios(fd, unix.TCSETS, &raw); err != nil {
			return nil, nil, err
		}
		restore = func() { unix.IoctlSetTermios(fd, unix.TCSETS, old) }
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

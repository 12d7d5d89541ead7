package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// The machine's init (the kernel runs /usr/sbin/cartesi-init as PID 1; docs/guest.md):
//
//  1. mounts /proc, /sys, /dev (devtmpfs), /dev/pts, /dev/shm, /tmp and /run;
//  2. runs, in one shell, the device tree's /cartesi-machine/init text, then
//     "cartesi-init -entrypoint", which takes USER and WORKDIR from that shell (the init
//     lines of the Cartesi CLI set them), switches to that user and directory, and runs
//     the /cartesi-machine/entrypoint text with "sh -c";
//  3. reaps every process until that shell ends, kills what is left, syncs the disks;
//  4. halts the machine with the shell's exit status as the exit code, by writing it to
//     /dev/halt (guest/kernel/halt). If that fails it powers off (exit code 0) after
//     printing the status, so the status is never lost silently.
const (
	dtMachineNode  = "/proc/device-tree/cartesi-machine/"
	initPath       = "/usr/sbin/cartesi-init"
	shellPath      = "/bin/sh"
	haltDevice     = "/dev/halt"
	defaultPath    = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	entrypointFlag = "-entrypoint"
)

func initMain(args []string) error {
	if len(args) == 1 && args[0] == entrypointFlag {
		return runEntrypoint()
	}
	if len(args) != 0 {
		return fmt.Errorf("usage: cartesi-init (as PID 1) or cartesi-init %s", entrypointFlag)
	}
	if os.Getpid() != 1 {
		return errors.New("not PID 1: the kernel starts cartesi-init as the machine's init")
	}
	setupSystem()
	status := runSession()
	haltWithStatus(status)
	return nil // not reached
}

func setupSystem() {
	mounts := []struct {
		source, target, fstype string
		flags                  uintptr
		data                   string
	}{
		{"proc", "/proc", "proc", unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC, ""},
		{"sysfs", "/sys", "sysfs", unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC, ""},
		{"devtmpfs", "/dev", "devtmpfs", unix.MS_NOSUID, "mode=0755"},
		{"devpts", "/dev/pts", "devpts", unix.MS_NOSUID | unix.MS_NOEXEC, "gid=5,mode=0620,ptmxmode=0666"},
		{"tmpfs", "/dev/shm", "tmpfs", unix.MS_NOSUID | unix.MS_NODEV, "mode=1777"},
		{"tmpfs", "/tmp", "tmpfs", unix.MS_NOSUID | unix.MS_NODEV, "mode=1777"},
		{"tmpfs", "/run", "tmpfs", unix.MS_NOSUID | unix.MS_NODEV, "mode=0755"},
	}
	for _, m := range mounts {
		_ = os.MkdirAll(m.target, 0o755)
		err := unix.Mount(m.source, m.target, m.fstype, m.flags, m.data)
		if err != nil && !errors.Is(err, unix.EBUSY) {
			fmt.Fprintf(os.Stderr, "cartesi-init: mount %s on %s: %v\n", m.fstype, m.target, err)
		}
	}
	os.Clearenv()
	os.Setenv("PATH", defaultPath)
	os.Setenv("HOME", "/root")
	os.Setenv("SHELL", shellPath)
	_ = os.Chdir("/")
	if name, err := os.ReadFile("/etc/hostname"); err == nil {
		_ = unix.Sethostname(bytes.TrimSpace(name))
	}
}

// machineString reads a string property of /cartesi-machine; a missing one reads as empty.
func machineString(name string) string {
	b, err := os.ReadFile(dtMachineNode + name)
	if err != nil {
		return ""
	}
	return string(bytes.TrimRight(b, "\x00"))
}

// runSession runs the init text and the entrypoint and returns the exit status to report.
func runSession() int {
	script := machineString("init") + "\nexport USER WORKDIR\nexec " + initPath + " " + entrypointFlag + "\n"
	cmd := exec.Command(shellPath, "-c", script)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "cartesi-init: start %s: %v\n", shellPath, err)
		return 127
	}
	status := reapUntil(cmd.Process.Pid)
	// Stop whatever the session left running before the disks are synced.
	_ = unix.Kill(-1, unix.SIGKILL)
	for {
		if _, err := unix.Wait4(-1, nil, 0, nil); err != nil {
			break
		}
	}
	return status
}

// reapUntil waits for any child (PID 1 inherits orphans) until pid ends; returns its status
// as a shell reports it: the exit code, or 128 + the signal number.
func reapUntil(pid int) int {
	for {
		var ws unix.WaitStatus
		got, err := unix.Wait4(-1, &ws, 0, nil)
		if err != nil {
			if errors.Is(err, unix.EINTR) {
				continue
			}
			fmt.Fprintf(os.Stderr, "cartesi-init: wait: %v\n", err)
			return 127
		}
		if got != pid {
			continue
		}
		switch {
		case ws.Exited():
			return ws.ExitStatus()
		case ws.Signaled():
			return 128 + int(ws.Signal())
		}
	}
}

func haltWithStatus(status int) {
	unix.Sync()
	err := os.WriteFile(haltDevice, []byte(strconv.Itoa(status)+"\n"), 0)
	// Only reached when the halt failed.
	fmt.Fprintf(os.Stderr, "cartesi-init: %s: %v; exit status %d; powering off\n", haltDevice, err, status)
	unix.Sync()
	_ = unix.Reboot(unix.LINUX_REBOOT_CMD_POWER_OFF)
	select {}
}

// runEntrypoint runs in the init shell's place: it becomes $USER (default root) in
// $WORKDIR (default: that user's home) and runs the entrypoint text.
func runEntrypoint() error {
	userName := os.Getenv("USER")
	if userName == "" {
		userName = "root"
	}
	u, err := lookupUser(userName)
	if err != nil {
		return exitWith(126, err)
	}
	dir := os.Getenv("WORKDIR")
	if dir == "" {
		dir = u.home
	}
	os.Unsetenv("WORKDIR")
	os.Setenv("USER", u.name)
	os.Setenv("LOGNAME", u.name)
	os.Setenv("HOME", u.home)
	if err := os.Chdir(dir); err != nil {
		return exitWith(126, fmt.Errorf("WORKDIR %q: %w", dir, err))
	}
	os.Setenv("PWD", dir)
	if u.uid != 0 || u.gid != 0 {
		if err := syscall.Setgroups([]int{u.gid}); err != nil {
			return exitWith(126, fmt.Errorf("setgroups: %w", err))
		}
		if err := syscall.Setgid(u.gid); err != nil {
			return exitWith(126, fmt.Errorf("setgid %d: %w", u.gid, err))
		}
		if err := syscall.Setuid(u.uid); err != nil {
			return exitWith(126, fmt.Errorf("setuid %d: %w", u.uid, err))
		}
	}
	entrypoint := machineString("entrypoint")
	if strings.TrimSpace(entrypoint) == "" {
		return nil
	}
	err = syscall.Exec(shellPath, []string{"sh", "-c", entrypoint}, os.Environ())
	return exitWith(127, fmt.Errorf("exec %s: %w", shellPath, err))
}

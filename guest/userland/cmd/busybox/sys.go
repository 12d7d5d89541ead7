package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Small system commands, enough for the Cartesi CLI's init lines (mkdir, mount, hostname,
// chmod, chown, date -s) and for everyday use of "rivet run -- CMD". Each takes the common
// options only; anything else is an error that names it.

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	return fs
}

func basenameMain(args []string) error {
	if len(args) < 1 || len(args) > 2 {
		return errors.New("usage: basename PATH [SUFFIX]")
	}
	b := filepath.Base(args[0])
	if len(args) == 2 && b != args[1] {
		b = strings.TrimSuffix(b, args[1])
	}
	fmt.Println(b)
	return nil
}

func dirnameMain(args []string) error {
	if len(args) != 1 {
		return errors.New("usage: dirname PATH")
	}
	fmt.Println(filepath.Dir(args[0]))
	return nil
}

// chown USER[:[GROUP]] FILE...; "USER:" means the user's login group (as in busybox).
func chownMain(args []string) error {
	fs := newFlags("chown")
	recursive := fs.Bool("R", false, "change files and directories recursively")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() < 2 {
		return errors.New("usage: chown [-R] USER[:[GROUP]] FILE...")
	}
	spec := fs.Arg(0)
	userPart, groupPart, hasColon := strings.Cut(spec, ":")
	uid, gid := -1, -1
	if userPart != "" {
		u, err := lookupUser(userPart)
		if err != nil {
			return err
		}
		uid = u.uid
		if hasColon && groupPart == "" {
			gid = u.gid
		}
	}
	if groupPart != "" {
		g, err := lookupGroup(groupPart)
		if err != nil {
			return err
		}
		gid = g
	}
	for _, path := range fs.Args()[1:] {
		if !*recursive {
			if err := os.Chown(path, uid, gid); err != nil {
				return err
			}
			continue
		}
		err := filepath.Walk(path, func(p string, _ os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(p, uid, gid)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// date prints the time (UTC), or sets it with "date -s @SECONDS".
func dateMain(args []string) error {
	if len(args) == 2 && args[0] == "-s" && strings.HasPrefix(args[1], "@") {
		secs, err := strconv.ParseInt(args[1][1:], 10, 64)
		if err != nil {
			return fmt.Errorf("-s %q: %w", args[1], err)
		}
		tv := unix.Timeval{Sec: secs}
		if err := unix.Settimeofday(&tv); err != nil {
			return err
		}
		args = nil
	}
	if len(args) != 0 {
		return errors.New("usage: date [-s @SECONDS]")
	}
	fmt.Println(time.Now().UTC().Format("Mon Jan _2 15:04:05 UTC 2006"))
	return nil
}

func dmesgMain(args []string) error {
	if len(args) != 0 {
		return errors.New("usage: dmesg")
	}
	size, err := unix.Klogctl(unix.SYSLOG_ACTION_SIZE_BUFFER, nil)
	if err != nil {
		return err
	}
	buf := make([]byte, size)
	n, err := unix.Klogctl(unix.SYSLOG_ACTION_READ_ALL, buf)
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(buf[:n])
	return err
}

func echoMain(args []string) error {
	newline := true
	if len(args) > 0 && args[0] == "-n" {
		newline, args = false, args[1:]
	}
	out := strings.Join(args, " ")
	if newline {
		out += "\n"
	}
	_, err := io.WriteString(os.Stdout, out)
	return err
}

// env [-i] [NAME=VALUE...] [COMMAND [ARGS...]]
func envMain(args []string) error {
	env := os.Environ()
	if len(args) > 0 && (args[0] == "-i" || args[0] == "-") {
		env, args = nil, args[1:]
	}
	for len(args) > 0 && strings.Contains(args[0], "=") {
		env = append(env, args[0])
		args = args[1:]
	}
	if len(args) == 0 {
		for _, kv := range env {
			fmt.Println(kv)
		}
		return nil
	}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		os.Setenv(name, value)
	}
	path, err := lookPath(args[0])
	if err != nil {
		return exitWith(127, err)
	}
	return unix.Exec(path, args, env)
}

func lookPath(name string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: not found", name)
}

func printenvMain(args []string) error {
	if len(args) == 0 {
		return envMain(nil)
	}
	missing := false
	for _, name := range args {
		v, ok := os.LookupEnv(name)
		if !ok {
			missing = true
			continue
		}
		fmt.Println(v)
	}
	if missing {
		return exitStatus(1)
	}
	return nil
}

// head [-n N] [FILE...]
func headMain(args []string) error {
	fs := newFlags("head")
	lines := fs.Int("n", 10, "number of lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return eachInput(fs.Args(), func(r io.Reader) error {
		sc := bufio.NewReader(r)
		for i := 0; i < *lines; i++ {
			line, err := sc.ReadString('\n')
			if _, werr := io.WriteString(os.Stdout, line); werr != nil {
				return werr
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// eachInput calls fn with each named file, or with standard input when there are none.
func eachInput(paths []string, fn func(io.Reader) error) error {
	if len(paths) == 0 {
		return fn(os.Stdin)
	}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		err = fn(f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func hostnameMain(args []string) error {
	switch len(args) {
	case 0:
		name, err := os.Hostname()
		if err != nil {
			return err
		}
		fmt.Println(name)
		return nil
	case 1:
		return unix.Sethostname([]byte(args[0]))
	}
	return errors.New("usage: hostname [NAME]")
}

func idMain(args []string) error {
	if len(args) == 1 && args[0] == "-u" {
		fmt.Println(os.Getuid())
		return nil
	}
	if len(args) != 0 {
		return errors.New("usage: id [-u]")
	}
	fmt.Printf("uid=%d gid=%d\n", os.Getuid(), os.Getgid())
	return nil
}

// kill [-SIGNAL] PID...
func killMain(args []string) error {
	sig := unix.SIGTERM
	if len(args) > 0 && strings.HasPrefix(args[0], "-") {
		name := strings.TrimPrefix(strings.TrimPrefix(args[0], "-"), "SIG")
		if n, err := strconv.Atoi(name); err == nil {
			sig = unix.Signal(n)
		} else if s := unix.SignalNum("SIG" + name); s != 0 {
			sig = s
		} else {
			return fmt.Errorf("unknown signal %q", args[0])
		}
		args = args[1:]
	}
	if len(args) == 0 {
		return errors.New("usage: kill [-SIGNAL] PID...")
	}
	for _, a := range args {
		pid, err := strconv.Atoi(a)
		if err != nil {
			return fmt.Errorf("bad pid %q", a)
		}
		if err := unix.Kill(pid, sig); err != nil {
			return fmt.Errorf("%d: %w", pid, err)
		}
	}
	return nil
}

// ln [-s] [-f] TARGET LINK
func lnMain(args []string) error {
	fs := newFlags("ln")
	symbolic := fs.Bool("s", false, "make a symbolic link")
	force := fs.Bool("f", false, "remove an existing LINK")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return errors.New("usage: ln [-s] [-f] TARGET LINK")
	}
	target, link := fs.Arg(0), fs.Arg(1)
	if st, err := os.Stat(link); err == nil && st.IsDir() {
		link = filepath.Join(link, filepath.Base(target))
	}
	if *force {
		_ = os.Remove(link)
	}
	if *symbolic {
		return os.Symlink(target, link)
	}
	return os.Link(target, link)
}

var mountOptionFlags = map[string]uintptr{
	"ro": unix.MS_RDONLY, "rw": 0, "nosuid": unix.MS_NOSUID, "nodev": unix.MS_NODEV,
	"noexec": unix.MS_NOEXEC, "sync": unix.MS_SYNCHRONOUS, "remount": unix.MS_REMOUNT,
	"noatime": unix.MS_NOATIME, "relatime": unix.MS_RELATIME, "bind": unix.MS_BIND,
	"defaults": 0,
}

// mount [-t TYPE] [-o OPTIONS] SOURCE TARGET, or "mount" to list. Without -t, ext4 (which
// also mounts ext2 and ext3 here) is tried.
func mountMain(args []string) error {
	fs := newFlags("mount")
	fstype := fs.String("t", "", "file system type")
	options := fs.String("o", "", "comma-separated options")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 && *fstype == "" && *options == "" {
		b, err := os.ReadFile("/proc/mounts")
		if err != nil {
			return err
		}
		_, err = os.Stdout.Write(b)
		return err
	}
	if fs.NArg() != 2 {
		return errors.New("usage: mount [-t TYPE] [-o OPTIONS] SOURCE TARGET")
	}
	var flags uintptr
	var data []string
	for _, opt := range strings.Split(*options, ",") {
		if opt == "" {
			continue
		}
		if f, ok := mountOptionFlags[opt]; ok {
			flags |= f
		} else {
			data = append(data, opt)
		}
	}
	t := *fstype
	if t == "" && flags&unix.MS_BIND == 0 {
		t = "ext4"
	}
	return unix.Mount(fs.Arg(0), fs.Arg(1), t, flags, strings.Join(data, ","))
}

func umountMain(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: umount TARGET...")
	}
	for _, a := range args {
		if err := unix.Unmount(a, 0); err != nil {
			return fmt.Errorf("%s: %w", a, err)
		}
	}
	return nil
}

// poweroff, halt and reboot all end the run with exit code 0: the machine cannot reboot.
func poweroffMain(args []string) error {
	if len(args) > 1 || (len(args) == 1 && args[0] != "-f") {
		return errors.New("usage: poweroff [-f]")
	}
	unix.Sync()
	return unix.Reboot(unix.LINUX_REBOOT_CMD_POWER_OFF)
}

func pwdMain(args []string) error {
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	fmt.Println(dir)
	return nil
}

func readlinkMain(args []string) error {
	canonical := len(args) == 2 && args[0] == "-f"
	if canonical {
		args = args[1:]
	}
	if len(args) != 1 {
		return errors.New("usage: readlink [-f] PATH")
	}
	var target string
	var err error
	if canonical {
		target, err = filepath.EvalSymlinks(args[0])
		if err == nil {
			target, err = filepath.Abs(target)
		}
	} else {
		target, err = os.Readlink(args[0])
	}
	if err != nil {
		return err
	}
	fmt.Println(target)
	return nil
}

// sleep SECONDS (decimal fractions allowed). Guest time is mcycle / 8192 at 15625 Hz, so
// "sleep 1" costs about 128 M cycles of the machine.
func sleepMain(args []string) error {
	if len(args) != 1 {
		return errors.New("usage: sleep SECONDS")
	}
	secs, err := strconv.ParseFloat(args[0], 64)
	if err != nil || secs < 0 {
		return fmt.Errorf("bad duration %q", args[0])
	}
	time.Sleep(time.Duration(secs * float64(time.Second)))
	return nil
}

func syncMain([]string) error {
	unix.Sync()
	return nil
}

func unameMain(args []string) error {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return err
	}
	field := func(b []byte) string { return strings.TrimRight(string(b), "\x00") }
	parts := map[string]string{
		"s": field(u.Sysname[:]), "n": field(u.Nodename[:]), "r": field(u.Release[:]),
		"v": field(u.Version[:]), "m": field(u.Machine[:]),
	}
	if len(args) == 0 {
		args = []string{"-s"}
	}
	var out []string
	for _, a := range args {
		switch a {
		case "-a":
			out = append(out, parts["s"], parts["n"], parts["r"], parts["v"], parts["m"])
		case "-s", "-n", "-r", "-v", "-m":
			out = append(out, parts[a[1:]])
		default:
			return fmt.Errorf("unknown option %q", a)
		}
	}
	fmt.Println(strings.Join(out, " "))
	return nil
}

// wc [-l|-w|-c] [FILE...]
func wcMain(args []string) error {
	fs := newFlags("wc")
	onlyLines := fs.Bool("l", false, "lines")
	onlyWords := fs.Bool("w", false, "words")
	onlyBytes := fs.Bool("c", false, "bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return eachInput(fs.Args(), func(r io.Reader) error {
		b, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		counts := map[string]int{
			"l": strings.Count(string(b), "\n"),
			"w": len(strings.Fields(string(b))),
			"c": len(b),
		}
		var pick []string
		for _, k := range []struct {
			on   bool
			name string
		}{{*onlyLines, "l"}, {*onlyWords, "w"}, {*onlyBytes, "c"}} {
			if k.on {
				pick = append(pick, k.name)
			}
		}
		if len(pick) == 0 {
			pick = []string{"l", "w", "c"}
		}
		var fields []string
		for _, k := range pick {
			fields = append(fields, strconv.Itoa(counts[k]))
		}
		fmt.Println(strings.Join(fields, " "))
		return nil
	})
}

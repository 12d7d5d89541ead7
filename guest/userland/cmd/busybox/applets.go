package main

import (
	"github.com/u-root/u-root/pkg/core"
	"github.com/u-root/u-root/pkg/core/base64"
	"github.com/u-root/u-root/pkg/core/cat"
	"github.com/u-root/u-root/pkg/core/chmod"
	"github.com/u-root/u-root/pkg/core/cp"
	"github.com/u-root/u-root/pkg/core/find"
	"github.com/u-root/u-root/pkg/core/gzip"
	"github.com/u-root/u-root/pkg/core/ls"
	"github.com/u-root/u-root/pkg/core/mkdir"
	"github.com/u-root/u-root/pkg/core/mktemp"
	"github.com/u-root/u-root/pkg/core/mv"
	"github.com/u-root/u-root/pkg/core/rm"
	"github.com/u-root/u-root/pkg/core/shasum"
	"github.com/u-root/u-root/pkg/core/tar"
	"github.com/u-root/u-root/pkg/core/touch"
	"github.com/u-root/u-root/pkg/core/xargs"
)

// uroot adapts a u-root core command (which reads the process's stdio and environment).
func uroot(newCommand func() core.Command) applet {
	return func(args []string) error { return newCommand().Run(args...) }
}

// applets lists every applet by name. guest/images.sh links each name in /usr/bin to the
// binary (cartesi-init in /usr/sbin), so adding a row here adds a command to the guest.
func applets() map[string]applet {
	return map[string]applet{
		// u-root's core commands.
		"base64": uroot(base64.New),
		"cat":    uroot(cat.New),
		"chmod":  uroot(chmod.New),
		"cp":     uroot(cp.New),
		"find":   uroot(find.New),
		"gzip":   uroot(func() core.Command { return gzip.New("gzip") }),
		"gunzip": uroot(func() core.Command { return gzip.New("gunzip") }),
		"zcat":   uroot(func() core.Command { return gzip.New("gzcat") }),
		"ls":     uroot(ls.New),
		"mkdir":  uroot(mkdir.New),
		"mktemp": uroot(mktemp.New),
		"mv":     uroot(mv.New),
		"rm":     uroot(rm.New),
		"shasum": uroot(shasum.New),
		"tar":    uroot(tar.New),
		"touch":  uroot(touch.New),
		"xargs":  uroot(xargs.New),

		// The shell.
		"sh": shMain,

		// rivet's own.
		"cartesi-init": initMain,
		"flashdrive":   aliasApplet("flashdrive", "block", "pmem"),
		"nvram":        aliasApplet("nvram", "uio", "uio"),
		"basename":     basenameMain,
		"chown":        chownMain,
		"cmio-info":    cmioInfoMain,
		"date":         dateMain,
		"dirname":      dirnameMain,
		"dmesg":        dmesgMain,
		"echo":         echoMain,
		"env":          envMain,
		"false":        func([]string) error { return exitStatus(1) },
		"halt":         poweroffMain,
		"head":         headMain,
		"hostname":     hostnameMain,
		"id":           idMain,
		"kill":         killMain,
		"ln":           lnMain,
		"mount":        mountMain,
		"poweroff":     poweroffMain,
		"printenv":     printenvMain,
		"pwd":          pwdMain,
		"readlink":     readlinkMain,
		"reboot":       poweroffMain,
		"sleep":        sleepMain,
		"sync":         syncMain,
		"true":         func([]string) error { return nil },
		"umount":       umountMain,
		"uname":        unameMain,
		"wc":           wcMain,
		"yield":        yieldMain,
	}
}

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const (
	dtAliases = "/proc/device-tree/aliases/"
	dtBase    = "/sys/firmware/devicetree/base"
)

// aliasApplet prints the device of a drive alias: "flashdrive root" prints /dev/pmem0 when
// the tree's /aliases/root is "/pmem@80000000" and pmem0 is the block device made from that
// node. The device is found through sysfs: the first ancestor of /sys/class/<class>/<dev>
// with an of_node link names the tree node the device came from.
func aliasApplet(name, class, prefix string) applet {
	return func(args []string) error {
		if len(args) != 1 {
			return fmt.Errorf("usage: %s LABEL (a label or %s<i> in /aliases)", name, name)
		}
		dev, err := deviceOfAlias(args[0], class, prefix)
		if err != nil {
			return err
		}
		fmt.Println(dev)
		return nil
	}
}

func deviceOfAlias(label, class, prefix string) (string, error) {
	if label == "" || strings.ContainsAny(label, "/\x00") {
		return "", fmt.Errorf("bad label %q", label)
	}
	raw, err := os.ReadFile(dtAliases + label)
	if err != nil {
		return "", fmt.Errorf("alias %q: %w", label, err)
	}
	nodePath := string(bytes.TrimRight(raw, "\x00"))
	entries, err := os.ReadDir("/sys/class/" + class)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		devPath, err := filepath.EvalSymlinks(filepath.Join("/sys/class", class, e.Name()))
		if err != nil {
			continue
		}
		if ofNodeOf(devPath) == nodePath {
			return "/dev/" + e.Name(), nil
		}
	}
	return "", fmt.Errorf("alias %q (%s): no /dev/%s* made from that node", label, nodePath, prefix)
}

// ofNodeOf returns the device tree path (as in /aliases) of the nearest ancestor of the sysfs
// device directory that has an of_node link, or "" if none has.
func ofNodeOf(devPath string) string {
	for dir := devPath; dir != "/" && dir != "."; dir = filepath.Dir(dir) {
		target, err := filepath.EvalSymlinks(filepath.Join(dir, "of_node"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return ""
		}
		rel, err := filepath.Rel(dtBase, target)
		if err != nil || strings.HasPrefix(rel, "..") {
			return ""
		}
		return "/" + rel
	}
	return ""
}

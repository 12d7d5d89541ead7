package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

type userEntry struct {
	name     string
	uid, gid int
	home     string
}

// lookupUser finds a user in /etc/passwd by name, or by number when name is numeric.
func lookupUser(name string) (userEntry, error) {
	f, err := os.Open("/etc/passwd")
	if err != nil {
		return userEntry{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ":")
		if len(fields) < 7 {
			continue
		}
		if fields[0] != name && fields[2] != name {
			continue
		}
		uid, err1 := strconv.Atoi(fields[2])
		gid, err2 := strconv.Atoi(fields[3])
		if err1 != nil || err2 != nil {
			return userEntry{}, fmt.Errorf("/etc/passwd: bad entry for %q", name)
		}
		return userEntry{name: fields[0], uid: uid, gid: gid, home: fields[5]}, nil
	}
	if uid, err := strconv.Atoi(name); err == nil {
		return userEntry{name: name, uid: uid, gid: uid, home: "/"}, nil
	}
	return userEntry{}, fmt.Errorf("user %q not in /etc/passwd", name)
}

// lookupGroup finds a group id in /etc/group by name, or takes a numeric name as the id.
func lookupGroup(name string) (int, error) {
	if gid, err := strconv.Atoi(name); err == nil {
		return gid, nil
	}
	f, err := os.Open("/etc/group")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ":")
		if len(fields) >= 3 && fields[0] == name {
			return strconv.Atoi(fields[2])
		}
	}
	return 0, fmt.Errorf("group %q not in /etc/group", name)
}

//go:build !linux

package jit

import "errors"

type codeMemory struct {
	rw   []byte
	used int
}

func newCodeMemory(size int) (*codeMemory, error) {
	return nil, errors.New("jit: code memory needs linux")
}
func (c *codeMemory) alloc(n, align int) int { return -1 }
func (c *codeMemory) addr(off int) uintptr   { return 0 }
func (c *codeMemory) reset()                 {}
func (c *codeMemory) close() error           { return nil }

//go:build !linux

package slab

import "errors"

func mapChunk() ([]byte, error) { return nil, errors.New("slab: needs linux") }
func unmapChunk(c []byte)       {}

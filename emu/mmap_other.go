//go:build !linux

package emu

import (
	"errors"
	"os"
)

var errNoMmap = errors.New("memory mapping is only implemented on linux")

func mapAnonymous(length uint64) ([]byte, error)                     { return nil, errNoMmap }
func mapFile(f *os.File, length uint64, shared bool) ([]byte, error) { return nil, errNoMmap }
func unmap(b []byte) error                                           { return nil }
func syncMapping(b []byte) error                                     { return nil }
func newMemFile(name string, length uint64) (*os.File, error)        { return nil, errNoMmap }
func mapPrivate(f *os.File, length uint64) ([]byte, error)           { return nil, errNoMmap }
func dropPrivatePages(b []byte) error                                { return errNoMmap }

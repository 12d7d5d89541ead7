// Package softfloat implements the IEEE 754 binary32 and binary64
// arithmetic of the RISC-V F and D extensions in software, bit for bit as
// the Cartesi Machine 0.21.0 (and the RISC-V unprivileged spec) defines it.
// It imports nothing from rivet.
package softfloat

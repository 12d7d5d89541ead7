// Package node will wire a machine to L1 inputs, outputs, epochs, claims and
// the inspect API (see ../shared/design/rollups.md).
package node

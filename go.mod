module github.com/rivetvm/rivet

go 1.26.8

require (
	github.com/ethereum/go-ethereum v1.17.10
	github.com/zeebo/blake3 v0.2.4
	golang.org/x/crypto v0.59.0
)

require (
	github.com/klauspost/cpuid/v2 v2.3.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)

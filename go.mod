module github.com/rivetvm/rivet

go 1.26.8

require (
	github.com/klauspost/cpuid/v2 v2.0.12 // indirect
	github.com/zeebo/blake3 v0.2.4
	golang.org/x/sys v0.50.0 // indirect
)

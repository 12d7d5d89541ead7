module github.com/rivetvm/rivet/guest/userland

go 1.26.0

require (
	github.com/u-root/u-root v0.16.0
	golang.org/x/sys v0.50.0
	mvdan.cc/sh/v3 v3.11.0
)

require (
	github.com/dustin/go-humanize v1.0.1 // indirect
	github.com/klauspost/compress v1.18.0 // indirect
	github.com/klauspost/pgzip v1.2.6 // indirect
	github.com/pierrec/lz4/v4 v4.1.22 // indirect
	github.com/u-root/uio v0.0.0-20240224005618-d2acac8f3701 // indirect
	golang.org/x/term v0.37.0 // indirect
)

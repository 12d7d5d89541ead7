#!/usr/bin/env bash
# Boots rivet's guest images on the Cartesi Machine 0.21 reference emulator, the machine they
# are built for (the QEMU smoke test cannot show misaligned-access traps, yields or this
# machine's HTIF and timer). Needs a reference `cartesi-machine` command; nothing here builds it.
#
#   CARTESI_MACHINE=/path/to/cartesi-machine guest/reference-smoke.sh [IMAGES_DIR]
set -euo pipefail
GUEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${RIVET_CACHE:-$HOME/.cache/rivet}
IMAGES=${1:-$CACHE/images/current}
CM=${CARTESI_MACHINE:-}
[ -n "$CM" ] && [ -x "$CM" ] || { echo "reference-smoke: set CARTESI_MACHINE to a Cartesi 0.21 cartesi-machine" >&2; exit 2; }
[ -f "$IMAGES/linux.bin" ] || { echo "reference-smoke: no images in $IMAGES (make -C guest images)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/t"
(cd "$GUEST_DIR/userland" && GOOS=linux GOARCH=riscv64 CGO_ENABLED=0 GOFLAGS=-mod=readonly \
	go build -trimpath -o "$work/t/misaligned-check" ./cmd/misaligned-check)
mke2fs -q -t ext2 -d "$work/t" "$work/t.ext2" 8M >/dev/null

failures=0
# check NAME WANT_EXIT WANT_OUTPUT CARTESI-MACHINE-ARGS...
check() {
	local name=$1 want_exit=$2 want_output=$3
	shift 3
	local rc=0
	timeout 600 "$CM" --ram-image="$IMAGES/linux.bin" \
		--flash-drive=label:root,data_filename:"$IMAGES/rootfs.ext2",shared:false \
		--max-mcycle=20000000000 "$@" >"$work/$name.out" 2>&1 || rc=$?
	if [ "$rc" != "$want_exit" ] || ! grep -q -- "$want_output" "$work/$name.out"; then
		echo "FAIL $name: exit $rc (want $want_exit), output (want \"$want_output\"):"
		sed 's/^/    /' "$work/$name.out" | tail -30
		failures=$((failures + 1))
	else
		echo "ok   $name: exit $rc, $(grep -o 'Cycles: [0-9]*' "$work/$name.out")"
	fi
}

check status 7 "Halted with payload: 7" -- 'echo hello; exit 7'
check init-lines 0 "user=1000 dir=/tmp foo=bar host=box" --user=dapp --workdir=/tmp --env=FOO=bar \
	--hostname=box -- 'echo user=$(id -u) dir=$(pwd) foo=$FOO host=$(hostname)'
check misaligned-and-mount 0 "misaligned: ok" \
	--flash-drive=label:t,data_filename:"$work/t.ext2",shared:false -- '/mnt/t/misaligned-check'
check flashdrive 0 "root=/dev/pmem0 t=/dev/pmem1" \
	--flash-drive=label:t,data_filename:"$work/t.ext2",shared:false -- 'echo root=$(flashdrive root) t=$(flashdrive t)'
check cmio 0 "cmio: ok" -- 'cmio-info'
check yield 0 "00.2 0 0 0" -- 'yield automatic progress 10'
check panic 255 "Halted with payload: 255" --append-bootargs=init=/usr/bin/false -- 'true'
echo "$failures failed"
[ "$failures" = 0 ]

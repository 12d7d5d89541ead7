#!/usr/bin/env bash
# Builds rivet's guest images (docs/guest.md): linux.bin (firmware at offset 0, the kernel
# Image at 0x200000) and rootfs.ext2, from Debian's packages and the Go module proxy.
#
#   guest/images.sh [images]     build (or reuse) $RIVET_CACHE/images/<inputs-hash>/ and print
#                                the paths and sha256 of linux.bin and rootfs.ext2
#   guest/images.sh rootfs FILE  build only the root file system, into FILE
#   guest/images.sh firmware DIR build only the firmware (firmware.elf, firmware.bin) into DIR
#   guest/images.sh hash         print the inputs hash
#
# Everything built goes under ${RIVET_CACHE:-$HOME/.cache/rivet}, never into the clone.
# $RIVET_CACHE/images/current links to the newest images folder. RIVET_JOBS (default 2)
# sets the kernel's make -j.
set -euo pipefail

GUEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${RIVET_CACHE:-$HOME/.cache/rivet}
JOBS=${RIVET_JOBS:-2}

# Pinned inputs. Debian's security archive keeps a few recent linux-source-6.12 versions;
# when this one is gone, move the pin to one `apt-cache madison linux-source-6.12` lists.
LINUX_SOURCE_PACKAGE=linux-source-6.12
LINUX_SOURCE_VERSION=6.12.117-1~deb12u1
CROSS=riscv64-linux-gnu-
ROOTFS_SIZE_MIB=32
# File system identity and every timestamp are fixed so that two builds are byte-identical.
ROOTFS_UUID=8a3e9c52-4f0b-4d6e-9a57-72697665740a
ROOTFS_HASH_SEED=5d2b6f10-3c8e-4a41-8f0e-72697665740b
BUILD_EPOCH=1735689600 # 2025-01-01T00:00:00Z; E2FSPROGS_FAKE_TIME ignores 0

export SOURCE_DATE_EPOCH=$BUILD_EPOCH
export E2FSPROGS_FAKE_TIME=$BUILD_EPOCH
export KBUILD_BUILD_TIMESTAMP="Wed Jan  1 00:00:00 UTC 2025"
export KBUILD_BUILD_USER=rivet
export KBUILD_BUILD_HOST=rivet
export KBUILD_BUILD_VERSION=1
export LC_ALL=C
export TZ=UTC
umask 022

log() { printf 'images: %s\n' "$*" >&2; }
die() { printf 'images: error: %s\n' "$*" >&2; exit 1; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages the build needs when any is missing; with "kernel", also the
# kernel source at the pinned version. Go is expected on PATH (the repo's own requirement).
ensure_packages() {
	local want=(make gcc libc6-dev gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu bc flex bison
		libssl-dev libelf-dev xz-utils e2fsprogs)
	local missing=() p
	for p in "${want[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	if [ "${1:-}" = kernel ] &&
		[ "$(dpkg-query -W -f='${Version}' "$LINUX_SOURCE_PACKAGE" 2>/dev/null)" != "$LINUX_SOURCE_VERSION" ]; then
		missing+=("$LINUX_SOURCE_PACKAGE=$LINUX_SOURCE_VERSION")
	fi
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		as_root apt-get update -q
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
	fi
	command -v go >/dev/null || die "go not on PATH (export PATH=/usr/local/go/bin:\$PATH)"
}

# The files every image is built from, relative to guest/ (tests and docs are not inputs).
input_files() {
	(cd "$GUEST_DIR" && find images.sh Makefile firmware kernel userland -type f \
		! -name '*_test.go' ! -path '*/testdata/*' | sort)
}

tool_versions() {
	printf 'linux-source %s\n' "$LINUX_SOURCE_VERSION"
	printf 'gcc %s\n' "$(dpkg-query -W -f='${Version}' gcc-riscv64-linux-gnu)"
	printf 'binutils %s\n' "$(dpkg-query -W -f='${Version}' binutils-riscv64-linux-gnu)"
	printf 'e2fsprogs %s\n' "$(dpkg-query -W -f='${Version}' e2fsprogs)"
	printf 'go %s\n' "$(go env GOVERSION)"
}

# hash_of PATTERN: sha256 over the versions and the input files whose path matches PATTERN.
hash_of() {
	local pattern=$1 f
	{
		tool_versions
		input_files | grep -E "$pattern" | while read -r f; do
			printf '%s %s\n' "$f" "$(sha256sum <"$GUEST_DIR/$f" | cut -d' ' -f1)"
		done
	} | sha256sum | cut -c1-16
}

inputs_hash() { hash_of '.'; }
kernel_hash() { hash_of '^(images\.sh|kernel/)'; }

build_firmware() {
	local out=$1
	shift
	mkdir -p "$out"
	local cflags=(-march=rv64imafdc_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax
		-ffreestanding -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables
		-fno-ident -ffile-prefix-map="$GUEST_DIR"=. -nostdlib -nostartfiles -static -O2
		-Wall -Wextra -Werror -Wl,--build-id=none -Wl,--no-warn-rwx-segments
		-Wl,-T,"$GUEST_DIR/firmware/firmware.ld")
	"${CROSS}gcc" "${cflags[@]}" "$@" -o "$out/firmware.elf" \
		"$GUEST_DIR/firmware/start.S" "$GUEST_DIR/firmware/sbi.c" "$GUEST_DIR/firmware/misaligned.c"
	"${CROSS}objcopy" -O binary "$out/firmware.elf" "$out/firmware.bin"
	local size
	size=$(stat -c %s "$out/firmware.bin")
	[ "$size" -le $((0x80000)) ] || die "firmware.bin is $size bytes; 512 KiB are reserved for it"
}

# Extracts Debian's kernel source once per version and adds rivet's drivers to it.
prepare_kernel_source() {
	local src=$CACHE/src/linux-source-$LINUX_SOURCE_VERSION
	if [ ! -e "$src/.rivet-extracted" ]; then
		log "extracting /usr/src/$LINUX_SOURCE_PACKAGE.tar.xz"
		rm -rf "$src" "$src.tmp"
		mkdir -p "$src.tmp"
		tar -xJf "/usr/src/$LINUX_SOURCE_PACKAGE.tar.xz" -C "$src.tmp" --strip-components=1
		touch "$src.tmp/.rivet-extracted"
		mv "$src.tmp" "$src"
	fi
	# rivet's drivers live in drivers/rivet/, refreshed on every build.
	rm -rf "$src/drivers/rivet"
	mkdir -p "$src/drivers/rivet"
	cp -r "$GUEST_DIR/kernel/cmio" "$GUEST_DIR/kernel/halt" "$src/drivers/rivet/"
	printf '# SPDX-License-Identifier: GPL-2.0\nobj-y += cmio/ halt/\n' >"$src/drivers/rivet/Makefile"
	grep -qx 'obj-y += rivet/' "$src/drivers/Makefile" || printf 'obj-y += rivet/\n' >>"$src/drivers/Makefile"
	printf '%s\n' "$src"
}

# Fails unless every line of the fragment ended up in .config as written.
check_kernel_config() {
	local fragment=$1 config=$2 line sym bad=0
	while IFS= read -r line; do
		case "$line" in
		"# CONFIG_"*" is not set")
			sym=${line#\# }
			sym=${sym%% *}
			if grep -q "^$sym=" "$config"; then
				log "kernel config: want $sym unset, have $(grep "^$sym=" "$config")"
				bad=1
			fi
			;;
		CONFIG_*)
			if ! grep -qxF "$line" "$config"; then
				log "kernel config: want $line, have $(grep -E "^${line%%=*}=|# ${line%%=*} is not set" "$config" || echo nothing)"
				bad=1
			fi
			;;
		esac
	done <"$fragment"
	[ $bad = 0 ] || die "kernel config: the fragment did not apply (see above)"
}

# Builds the kernel Image (cached per kernel inputs hash) and prints its path.
build_kernel() {
	local key out src obj
	key=$(kernel_hash)
	out=$CACHE/kernel/$key
	if [ -f "$out/Image" ]; then
		printf '%s\n' "$out/Image"
		return
	fi
	src=$(prepare_kernel_source)
	obj=$CACHE/build/linux-$LINUX_SOURCE_VERSION
	mkdir -p "$obj"
	# This function's standard output is the Image's path alone: make's
	# directory messages (on when a parent make passes -w, as make -C does)
	# and anything else it prints go to standard error.
	local kmake=(make --no-print-directory -C "$src" O="$obj" ARCH=riscv CROSS_COMPILE="$CROSS" LOCALVERSION=)
	"${kmake[@]}" -s KCONFIG_ALLCONFIG="$GUEST_DIR/kernel/rivet.config" allnoconfig >&2
	check_kernel_config "$GUEST_DIR/kernel/rivet.config" "$obj/.config"
	log "building the kernel (make -j$JOBS; about 3 to 15 minutes)"
	local start=$SECONDS
	nice -n 10 "${kmake[@]}" -j"$JOBS" Image >"$obj/build.log" 2>&1 ||
		{ tail -40 "$obj/build.log" >&2; die "kernel build failed (log: $obj/build.log)"; }
	log "kernel built in $((SECONDS - start)) s"
	mkdir -p "$out.tmp"
	cp "$obj/arch/riscv/boot/Image" "$out.tmp/Image"
	cp "$obj/.config" "$out.tmp/config"
	rm -rf "$out"
	mv "$out.tmp" "$out"
	printf '%s\n' "$out/Image"
}

# Cross-builds the userland binary (one multi-call program) reproducibly.
build_userland() {
	local out=$1
	(cd "$GUEST_DIR/userland" &&
		GOOS=linux GOARCH=riscv64 GORISCV64=rva20u64 CGO_ENABLED=0 GOFLAGS=-mod=readonly \
			go build -trimpath -buildvcs=false -ldflags='-s -w -buildid=' -o "$out" ./cmd/busybox)
}

# Stages the root file system tree in $1 around the userland binary $2.
stage_rootfs() {
	local root=$1 busybox=$2 d applet
	rm -rf "$root"
	mkdir -p "$root"
	for d in usr/bin usr/sbin etc dev proc sys tmp run mnt root home/dapp var/tmp; do
		mkdir -p "$root/$d"
	done
	ln -s usr/bin "$root/bin"
	ln -s usr/sbin "$root/sbin"
	install -m 0755 "$busybox" "$root/usr/bin/busybox"
	# The applet list comes from the source (the binary is riscv64 and may not run here).
	for applet in $(sed -n 's/^\t\t"\([a-z0-9-]*\)": .*/\1/p' "$GUEST_DIR/userland/cmd/busybox/applets.go" | sort); do
		if [ "$applet" = cartesi-init ]; then
			ln -s ../bin/busybox "$root/usr/sbin/cartesi-init"
		else
			ln -s busybox "$root/usr/bin/$applet"
		fi
	done
	[ -L "$root/usr/sbin/cartesi-init" ] || die "applets.go lists no cartesi-init"
	cat >"$root/etc/passwd" <<-'EOF'
	root:x:0:0:root:/root:/bin/sh
	dapp:x:1000:1000:dapp:/home/dapp:/bin/sh
	EOF
	cat >"$root/etc/group" <<-'EOF'
	root:x:0:
	tty:x:5:
	dapp:x:1000:
	EOF
	printf 'rivet\n' >"$root/etc/hostname"
	printf '127.0.0.1 localhost\n' >"$root/etc/hosts"
	cat >"$root/etc/os-release" <<-'EOF'
	NAME="rivet guest"
	ID=rivet
	PRETTY_NAME="rivet guest (u-root userland)"
	EOF
	chmod 1777 "$root/tmp" "$root/var/tmp"
	chmod 0700 "$root/root"
	chmod 0755 "$root/home/dapp"
}

# Packs the staged tree into an ext2 image. mke2fs -d would add entries in the host file
# system's readdir order (which differs between, say, tmpfs and ext4), so the tree is
# written with debugfs in sorted order instead, and every inode gets owner root (dapp's home:
# dapp), the staged mode, and time BUILD_EPOCH.
pack_rootfs() {
	local root=$1 image=$2 script p parent name mode owner field
	rm -f "$image"
	mke2fs -q -F -t ext2 -b 4096 -I 256 -m 0 -L root -U "$ROOTFS_UUID" \
		-E "hash_seed=$ROOTFS_HASH_SEED,root_owner=0:0" "$image" "${ROOTFS_SIZE_MIB}M" >/dev/null
	script=$(mktemp)
	(cd "$root" && find . -mindepth 1 | sort) | while read -r p; do
		p=${p#.}
		parent=$(dirname "$p")
		name=$(basename "$p")
		printf 'cd "%s"\n' "$parent"
		if [ -L "$root$p" ]; then
			printf 'symlink "%s" "%s"\n' "$name" "$(readlink "$root$p")"
		elif [ -d "$root$p" ]; then
			printf 'mkdir "%s"\n' "$name"
		elif [ -f "$root$p" ]; then
			printf 'write "%s" "%s"\n' "$root$p" "$name"
		else
			die "rootfs: $p is not a file, directory or symbolic link"
		fi
	done >"$script"
	(cd "$root" && find . | sort) | while read -r p; do
		p=${p#.}
		[ -n "$p" ] || p=/
		mode=$(stat -c %f "$root$p")
		owner=0
		case "$p" in /home/dapp) owner=1000 ;; esac
		printf 'sif "%s" mode 0x%s\nsif "%s" uid %s\nsif "%s" gid %s\n' "$p" "$mode" "$p" "$owner" "$p" "$owner"
		for field in atime mtime ctime crtime; do
			printf 'sif "%s" %s @%s\n' "$p" "$field" "$BUILD_EPOCH"
		done
	done >>"$script"
	for field in atime mtime ctime crtime; do
		printf 'sif /lost+found %s @%s\n' "$field" "$BUILD_EPOCH"
	done >>"$script"
	debugfs -w -f "$script" "$image" >/dev/null 2>"$script.err" || { cat "$script.err" >&2; die "debugfs failed"; }
	if grep -v '^debugfs ' "$script.err" | grep -q .; then
		cat "$script.err" >&2
		die "debugfs reported errors"
	fi
	rm -f "$script" "$script.err"
	e2fsck -fn "$image" >/dev/null 2>&1 || die "e2fsck found errors in $image"
}

build_rootfs() {
	local image=$1 work
	work=$(mktemp -d "$CACHE/tmp/rootfs.XXXXXX")
	build_userland "$work/busybox"
	stage_rootfs "$work/root" "$work/busybox"
	pack_rootfs "$work/root" "$image"
	rm -rf "$work"
}

build_images() {
	local key dir tmp kernel start
	key=$(inputs_hash)
	dir=$CACHE/images/$key
	if [ ! -f "$dir/linux.bin" ] || [ ! -f "$dir/rootfs.ext2" ]; then
		tmp=$CACHE/images/.tmp-$key-$$
		rm -rf "$tmp"
		mkdir -p "$tmp"
		build_firmware "$tmp"
		kernel=$(build_kernel)
		# linux.bin: firmware at offset 0, zero padding, the kernel Image at 0x200000.
		cp "$tmp/firmware.bin" "$tmp/linux.bin"
		truncate -s $((0x200000)) "$tmp/linux.bin"
		cat "$kernel" >>"$tmp/linux.bin"
		cp "$(dirname "$kernel")/config" "$tmp/kernel.config"
		start=$SECONDS
		build_rootfs "$tmp/rootfs.ext2"
		log "root file system built in $((SECONDS - start)) s"
		{
			tool_versions
			printf 'u-root %s\n' "$(cd "$GUEST_DIR/userland" && go list -m -f '{{.Version}}' github.com/u-root/u-root)"
			printf 'inputs %s\n' "$key"
		} >"$tmp/versions.txt"
		rm -rf "$dir"
		mv "$tmp" "$dir"
	fi
	ln -sfn "$key" "$CACHE/images/current"
	local f
	for f in linux.bin rootfs.ext2; do
		printf '%-12s %s  sha256 %s\n' "$f" "$dir/$f" "$(sha256sum <"$dir/$f" | cut -d' ' -f1)"
	done
}

main() {
	local cmd=${1:-images}
	mkdir -p "$CACHE/tmp" "$CACHE/images"
	case "$cmd" in
	images)
		ensure_packages kernel
		build_images
		;;
	rootfs)
		[ $# = 2 ] || die "usage: $0 rootfs FILE"
		ensure_packages
		build_rootfs "$2"
		;;
	firmware)
		[ $# -ge 2 ] || die "usage: $0 firmware DIR [extra gcc flags]"
		ensure_packages
		local dir=$2
		shift 2
		build_firmware "$dir" "$@"
		;;
	hash)
		inputs_hash
		;;
	*) die "unknown command $cmd (images, rootfs FILE, firmware DIR, hash)" ;;
	esac
}

main "$@"

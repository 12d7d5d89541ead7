#!/usr/bin/env bash
# Boots rivet's guest images on QEMU's Spike machine, the nearest machine QEMU has to rivet's
# (HTIF console and halt, CLINT, SBI firmware in M-mode), and checks what can be checked
# before rivet itself runs Linux: the firmware's SBI, the kernel config, cartesi-init, the
# exit status path, flashdrive, /dev/cmio setup and mmap, and the panic exit code.
#
#   guest/qemu/smoke.sh [IMAGES_DIR]   (default: $RIVET_CACHE/images/current)
#
# What QEMU cannot show: rivet's own device tree bytes, misaligned-access traps (QEMU does
# them in hardware), Cartesi yields (QEMU's HTIF ignores device 2), the 15625 Hz timebase.
set -euo pipefail
GUEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${RIVET_CACHE:-$HOME/.cache/rivet}
IMAGES=${1:-$CACHE/images/current}
command -v qemu-system-riscv64 >/dev/null || { echo "smoke: qemu-system-riscv64 missing (apt-get install qemu-system-misc)" >&2; exit 2; }
command -v dtc >/dev/null || { echo "smoke: dtc missing (apt-get install device-tree-compiler)" >&2; exit 2; }
[ -f "$IMAGES/linux.bin" ] || { echo "smoke: no images in $IMAGES (make -C guest images)" >&2; exit 2; }

work=$(mktemp -d)
[ -n "${SMOKE_KEEP:-}" ] && echo "smoke: keeping $work" || trap 'rm -rf "$work"' EXIT
"$GUEST_DIR/images.sh" firmware "$work/fw" -DFW_HTIF_BASE=0x1000000 -DFW_PMP_ALLOW_ALL -DFW_EMULATE_RDTIME -DFW_DTB_ADDR=0xa0000000 "$GUEST_DIR/qemu/htif-symbols.S"
tail -c +$((0x200000 + 1)) "$IMAGES/linux.bin" >"$work/Image"
cp "$IMAGES/rootfs.ext2" "$work/rootfs.ext2"
rootfs_size=$(stat -c %s "$work/rootfs.ext2")

# dts_for BOOTARGS_EXTRA ENTRYPOINT INIT
dts_for() {
	cat <<DTS
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	compatible = "ucbbar,riscvemu-bar_dev";
	model = "ucbbar,riscvemu-bare";
	chosen { bootargs = "quiet earlycon=sbi console=hvc0 root=/dev/pmem0 rw init=/usr/sbin/cartesi-init $1"; };
	aliases { flashdrive0 = "/pmem@90000000"; root = "/pmem@90000000"; };
	cartesi-machine { version = "0.21"; init = "$3"; entrypoint = "$2"; };
	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		timebase-frequency = <10000000>;
		cpu@0 {
			device_type = "cpu"; reg = <0>; status = "okay"; compatible = "riscv";
			riscv,isa = "rv64acdfimsu"; mmu-type = "riscv,sv39";
			cpu0_intc: interrupt-controller {
				#address-cells = <0>; #interrupt-cells = <1>; interrupt-controller;
				compatible = "riscv,cpu-intc";
			};
		};
	};
	soc {
		#address-cells = <2>; #size-cells = <2>; compatible = "simple-bus"; ranges;
		clint@2000000 {
			compatible = "riscv,clint0"; reg = <0x0 0x2000000 0x0 0x10000>;
			interrupts-extended = <&cpu0_intc 3 &cpu0_intc 7>;
		};
	};
	memory@80000000 { device_type = "memory"; reg = <0x0 0x80000000 0x0 0x10000000>; };
	reserved-memory {
		#address-cells = <2>; #size-cells = <2>; ranges;
		fw_resv@80000000 { reg = <0x0 0x80000000 0x0 0x80000>; no-map; };
	};
	pmem@90000000 { compatible = "pmem-region"; reg = <0x0 0x90000000 0x0 $rootfs_size>; };
	cmio {
		#address-cells = <2>; #size-cells = <2>; compatible = "ctsi-cmio";
		rx_buffer@b0000000 { reg = <0x0 0xb0000000 0x0 0x200000>; };
		tx_buffer@b0800000 { reg = <0x0 0xb0800000 0x0 0x200000>; };
	};
	yield { compatible = "ctsi-yield"; manual; automatic; };
};
DTS
}

failures=0
# boot NAME WANT_EXIT WANT_OUTPUT BOOTARGS_EXTRA ENTRYPOINT [INIT]
boot() {
	local name=$1 want_exit=$2 want_output=$3
	dts_for "$4" "$5" "${6:-}" >"$work/$name.dts"
	dtc -q -I dts -O dtb -o "$work/$name.dtb" "$work/$name.dts"
	local rc=0
	timeout 120 qemu-system-riscv64 -M spike -m 1G -smp 1 -nographic -no-reboot \
		-bios "$work/fw/firmware.elf" -kernel "$work/Image" \
		-device loader,file="$work/rootfs.ext2",addr=0x90000000,force-raw=on \
		-device loader,file="$work/$name.dtb",addr=0xa0000000,force-raw=on \
		</dev/null >"$work/$name.out" 2>&1 || rc=$?
	if [ "$rc" != "$want_exit" ] || ! grep -q -- "$want_output" "$work/$name.out"; then
		echo "FAIL $name: exit $rc (want $want_exit), output (want \"$want_output\"):"
		sed 's/^/    /' "$work/$name.out" | tail -40
		failures=$((failures + 1))
	else
		echo "ok   $name: exit $rc"
	fi
}

boot status 42 "hello from rivet" "" 'echo hello from rivet; exit 42'
boot init-and-user 0 "user=1000 dir=/tmp/w x=1 host=box" "" \
	'echo user=$(id -u) dir=$(pwd) x=$X host=$(hostname)' \
	'busybox hostname box\nexport X=1\nUSER=dapp\nbusybox mkdir -p /tmp/w\nbusybox chown dapp: /tmp/w\nWORKDIR=/tmp/w\n'
boot flashdrive 0 "root=/dev/pmem0 fd0=/dev/pmem0" "" 'echo root=$(flashdrive root) fd0=$(flashdrive flashdrive0)'
boot cmio 0 "cmio: ok" "" 'cmio-info'
boot yield 0 "^[0-9]* [0-9]* [0-9]* [0-9]*" "" 'yield manual rx-accepted 0'
boot rootfs-write 0 "persisted" "" 'echo persisted > /root/f && sync && cat /root/f'
boot panic 255 "Kernel panic" "init=/usr/bin/false" ''
echo "$failures failed"
[ "$failures" = 0 ]

# rivet — build, test and run. `make run` and `make test` are the README's
# two commands; everything they need is installed or built here.
SHELL := /bin/bash
# A Go toolchain as new as go.mod asks: the one on PATH or /usr/local/go when
# new enough, else fetched once from the Go module proxy (scripts/ensure-go).
GO_DIR := $(shell scripts/ensure-go)
ifeq ($(GO_DIR),)
$(error no Go toolchain: scripts/ensure-go failed (see its message above))
endif
export PATH := $(GO_DIR):$(PATH)
GO ?= go
BUILD := build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build deps images run demo test isa-tests go-test check-format vet clean bench bench-quick

all: build

build:
	$(GO) build -o bin/rivet ./cmd/rivet

# Debian packages the builds and tests need, installed only when missing.
DEB_PACKAGES := binutils-riscv64-unknown-elf gcc-riscv64-unknown-elf device-tree-compiler e2fsprogs tmux
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

# The Linux images (firmware + kernel, root file system), built once into
# $${RIVET_CACHE:-~/.cache/rivet}/images and reused.
images:
	$(MAKE) -C guest images

# The main job: boot Linux on rivet and run a command in it.
run: deps images build
	./bin/rivet run -- 'echo "Hello from Linux on rivet"; uname -a; cat /proc/cpuinfo'

# A bare-metal program, without Linux.
demo: deps build
	$(MAKE) -C riscv-tests OUT=$(CURDIR)/$(BUILD)/riscv-tests
	./bin/rivet run --ram-length=4Mi --elf $(BUILD)/riscv-tests/htif-console.elf

isa-tests: deps build
	$(MAKE) -C riscv-tests OUT=$(CURDIR)/$(BUILD)/riscv-tests
	./bin/rivet isa-test --engine interp $(BUILD)/riscv-tests
	./bin/rivet isa-test --engine jit $(BUILD)/riscv-tests

check-format:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)

vet:
	$(GO) vet ./...

go-test:
	$(GO) test ./...

# The side-by-side benchmark suite (bench/README.md): `make bench` runs it
# in full (native, rivet's two engines, QEMU; CARTESI=path adds the Cartesi
# reference); `make test` runs its quick mode so the harness cannot rot, and
# its bare-metal workloads feed the JIT's lockstep test.
bench:
	$(MAKE) -C bench bench
bench-quick:
	$(MAKE) -C bench quick

test: deps images build check-format vet isa-tests bench-quick go-test

clean:
	rm -rf bin $(BUILD)

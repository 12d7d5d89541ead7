# rivet — build, test and run.
SHELL := /bin/bash
GO ?= go
export PATH := /usr/local/go/bin:$(PATH)
BUILD := build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build deps test go-test isa-tests demo clean fmt vet

all: build

build:
	$(GO) build -o bin/rivet ./cmd/rivet

# Debian packages the builds and tests need, installed only when missing.
DEB_PACKAGES := binutils-riscv64-unknown-elf gcc-riscv64-unknown-elf device-tree-compiler
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

# The main job today: run a real bare-metal program and print its console,
# break reason, mcycle and exit code.
demo: deps build
	$(MAKE) -C bench demo OUT=$(CURDIR)/$(BUILD)/bench
	./bin/rivet run --ram-length=64Mi --elf $(BUILD)/bench/demo.elf

isa-tests: deps build
	$(MAKE) -C riscv-tests OUT=$(CURDIR)/$(BUILD)/riscv-tests
	./bin/rivet isa-test $(BUILD)/riscv-tests

fmt:
	gofmt -l -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

go-test: deps
	$(GO) test ./...

test: deps build vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	$(MAKE) isa-tests
	$(GO) test ./...

clean:
	rm -rf bin $(BUILD)

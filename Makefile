# DelayLab: build, serve and test.
#
#   make serve    build the WebAssembly page and the CLI, serve on http://127.0.0.1:8080
#   make test     everything: gofmt, vet (host and js/wasm), host tests, wasm tests
#                 under Node, browser tests in headless Chromium
#   make help     all targets
#
# Needs GNU make, bash and Go (see go.mod). `make test` installs Node.js and
# Chromium with apt-get when it runs as root on Debian, and says what to
# install otherwise.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# Prerequisites run one after another, left to right: `serve` must build the
# wasm before the binary that embeds web/static.
.NOTPARALLEL:

GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
ADDR     ?= 127.0.0.1:8080
FUZZTIME ?= 30s

STATIC   := web/static
WASM     := $(STATIC)/main.wasm
ENGINE   := $(STATIC)/engine.wasm
WASMEXEC := $(STATIC)/wasm_exec.js
BIN      := bin/delaylab

# The directories among $(1) that exist and hold .go files, as ./dir patterns.
have_go = $(strip $(foreach d,$(1),$(if $(wildcard $(d)/*.go),./$(d))))

# Pure packages: no ebiten, no syscall/js, so their tests also run as
# js/wasm under Node.
WASM_TEST_PKGS = $(call have_go,sim delgrad dataset chip checkpoint app)
BENCH_PKGS     = $(call have_go,sim delgrad app)
WEB_PKGS       = $(if $(wildcard web/*.go),./web/...)

# Fuzz targets as Name:dir; each runs for $(FUZZTIME) if it exists.
FUZZ_TARGETS := FuzzForward:sim FuzzReadCSV:dataset FuzzDecode:checkpoint FuzzShare:checkpoint FuzzNetJSON:checkpoint/netjson

# Go's js/wasm test runner (go_js_wasm_exec) lives here; it runs node.
WASM_PATH := $(GOROOT)/lib/wasm

ifeq ($(CI),true)
GOTEST_FLAGS ?= -v
endif
GOTEST_FLAGS ?=

.PHONY: help wasm build serve dist test test-tools fmt vet bench bench-wasm generate check-generate fuzz clean

help:
	@echo "targets:"
	@echo "  serve           build wasm and CLI, serve the page on http://$(ADDR)"
	@echo "  wasm            build $(WASM) and copy wasm_exec.js next to it"
	@echo "  build           build the native CLI $(BIN)"
	@echo "  dist            wasm, then copy $(STATIC)/ to dist/ (any static host can serve it)"
	@echo "  test            gofmt, vet, host tests, wasm tests under Node, browser tests"
	@echo "  fmt             gofmt -w all Go files"
	@echo "  bench           benchmarks of: $(or $(BENCH_PKGS),(none yet))"
	@echo "  bench-wasm      training under WebAssembly (Node) against native, side by side"
	@echo "  generate        go generate ./..."
	@echo "  check-generate  fail if committed generated code is stale"
	@echo "  fuzz            each fuzz target for FUZZTIME=$(FUZZTIME)"
	@echo "  clean           remove build outputs"

# The old binary is removed first so that it can never be embedded into the
# new one (package web must embed web/static only in its non-js files).
wasm:
	@mkdir -p $(STATIC)
	rm -f $(WASM) $(ENGINE)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WASM) ./wasm
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(ENGINE) ./wasm/engine
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" $(WASMEXEC)
	@ls -l $(WASM) $(ENGINE) | awk '{printf "%s: %.1f MiB\n", $$NF, $$5/1048576}'

build:
	$(GO) build -o $(BIN) ./cmd/delaylab

serve: wasm build
	$(BIN) serve -addr $(ADDR)

dist: wasm
	rm -rf dist
	mkdir -p dist
	cp -R $(STATIC)/. dist/
	@echo "dist/ is ready: serve it with any static file server"

fmt:
	git ls-files -z --cached --others --exclude-standard -- '*.go' | xargs -0r "$(GOROOT)/bin/gofmt" -w

# Tools the tests need; installs them as root on Debian (see scripts/).
test-tools:
	@echo "==> tools"
	@scripts/ensure-node.sh
	@scripts/ensure-chromium.sh
	@GO=$(GO) scripts/ensure-ebiten-deps.sh
	@echo "$$($(GO) version); node $$(node --version); $$(chromium --version 2>/dev/null || echo 'chromium: version unknown')"

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

test: test-tools wasm
	@echo "==> (1/5) gofmt"
	@GO=$(GO) scripts/check-gofmt.sh
	@echo "==> (2/5) go vet (host, js/wasm)"
	@$(MAKE) --no-print-directory vet
	@echo "==> (3/5) go test (host)"
	GO=$(GO) scripts/with-display.sh $(GO) test $(GOTEST_FLAGS) -timeout 20m ./...
	@echo "==> (4/5) go test -short (js/wasm under Node): $(or $(WASM_TEST_PKGS),no packages yet)"
	$(if $(WASM_TEST_PKGS),PATH="$$PATH:$(WASM_PATH)" GOOS=js GOARCH=wasm $(GO) test $(GOTEST_FLAGS) -short -timeout 20m $(WASM_TEST_PKGS),@true)
	@echo "==> (5/5) browser tests (headless Chromium): $(or $(WEB_PKGS),no web package yet)"
	$(if $(WEB_PKGS),$(GO) test $(GOTEST_FLAGS) -tags browser -timeout 15m $(WEB_PKGS),@true)
	@echo "==> all tests passed"

bench:
	$(if $(BENCH_PKGS),$(GO) test -run '^$$' -bench . -benchmem $(BENCH_PKGS),@echo "no benchmark packages yet")

bench-wasm:
	@scripts/ensure-node.sh
	GO=$(GO) scripts/bench-wasm.sh

generate:
	$(GO) generate ./...

check-generate: generate
	@if ! git diff --quiet -- '*_gen.go' '*_gen_test.go' \
	   || [ -n "$$(git status --porcelain --untracked-files=all -- '*_gen.go' '*_gen_test.go')" ]; then \
	  echo "generated code is stale: run 'make generate' and commit the result"; \
	  git status --short --untracked-files=all -- '*_gen.go' '*_gen_test.go'; \
	  exit 1; \
	fi
	@echo "generated code is up to date"

fuzz:
	@for spec in $(FUZZ_TARGETS); do \
	  name=$${spec%%:*}; dir=$${spec#*:}; \
	  if grep -qs "^func $$name(" $$dir/*_test.go; then \
	    echo "==> $$name in ./$$dir for $(FUZZTIME)"; \
	    $(GO) test -run '^$$' -fuzz="^$$name\$$" -fuzztime=$(FUZZTIME) ./$$dir; \
	  else \
	    echo "--> skip $$name: not in ./$$dir"; \
	  fi; \
	done

clean:
	rm -rf bin dist $(WASM) $(WASMEXEC)

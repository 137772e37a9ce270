# hwsubmit: the two commands a fresh machine needs are `make demo` and `make test`.
# Both install missing Debian packages first (with sudo when not root), then build.

SWIFT        ?= swift
PREFIX       ?= /usr/local
CONFIG       ?= debug
BUILD_FLAGS  ?=
BIN_DIR       = $(shell $(SWIFT) build -c $(CONFIG) $(BUILD_FLAGS) --show-bin-path)

# Debian packages the build, the tests and the demo need.
DEB_PACKAGES = pkg-config liblua5.4-dev lua5.4 lua-cjson lua-check libedit2 zlib1g-dev tmux python3-venv
# Debian packages only bench/run needs (installed by `make bench`, not by `make test`).
BENCH_PACKAGES = hyperfine curl valgrind

.PHONY: all deps bench-deps install-packages build test test-fidelity lint demo install bench fuzz sanitize soak clean

all: build

deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEB_PACKAGES)"

bench-deps: deps
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(BENCH_PACKAGES)"

# Installs whichever of $(PACKAGES) are missing, with sudo when not root.
install-packages:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null \
	    || { echo "make deps: could not install$$missing; install them with apt-get and run make again" >&2; exit 1; }; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) $(BUILD_FLAGS)

# Tests that measure this process's resident memory run after the rest, one at a time: other
# tests running beside them in the same process would be counted as theirs.
MEMORY_TESTS = TransferMemorySlowTests|LargeUploadSlowTests

test: build lint
	@rm -f .build/fault-matrix.txt
	$(SWIFT) test $(BUILD_FLAGS) --skip '$(MEMORY_TESTS)'
	$(SWIFT) test $(BUILD_FLAGS) --no-parallel --filter '$(MEMORY_TESTS)'
	@cat .build/fault-matrix.txt 2>/dev/null || true
	$(MAKE) test-fidelity

# luacheck (Debian's lua-check) over the Lua hwsubmit ships: stdlib/ and scripts/ (.luacheckrc).
lint: deps
	luacheck --no-color -q stdlib scripts

# The emulator's fidelity suite: Python's requests and azure-storage-blob, from PyPI only, in a
# virtualenv under .venv/, against the built hwsubmit-emulator (which the suite starts and stops).
VENV          = .venv
PYTHON       ?= python3
PYPI_INDEX    = https://pypi.org/simple

$(VENV)/.installed: Tests/fidelity/requirements.txt
	$(PYTHON) -m venv $(VENV)
	PIP_CONFIG_FILE=/dev/null $(VENV)/bin/pip install --quiet --disable-pip-version-check \
	  --index-url $(PYPI_INDEX) -r Tests/fidelity/requirements.txt
	touch $@

test-fidelity: build $(VENV)/.installed
	HWSUBMIT_EMULATOR=$(BIN_DIR)/hwsubmit-emulator $(VENV)/bin/pytest -q -p no:cacheprovider Tests/fidelity

# A driver package signed end to end against the built-in emulator: scripts/submit.lua zips
# examples/contoso-widget, creates the product and submission, uploads, commits, follows the
# ingestion steps and downloads the signed package into $(DEMO_DIR).
DEMO_DIR = .build/demo
demo: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(BIN_DIR)/hwsubmit --emulator --emulator-option=--step-delay=400ms scripts/submit.lua examples/contoso-widget \
	  --output $(DEMO_DIR)/contoso-widget-signed.zip --journal $(DEMO_DIR)/contoso-widget.journal.json --interval 0.2 --max-interval 0.5

# `make bench BENCH_ARGS=--report-only` reports missed targets without failing.
BENCH_ARGS ?=
bench: bench-deps
	bench/run $(BENCH_ARGS)

# libFuzzer targets (Tests/Fuzz) for the parsers of untrusted input, FUZZ_SECONDS each (default 60).
fuzz: deps
	SWIFT=$(SWIFT) Tests/Fuzz/run

# The whole test suite under AddressSanitizer, then under ThreadSanitizer, each in a build
# folder of its own. The slow suites (named *SlowTests: gigabyte transfers that measure memory,
# and the many-process runs of the real binaries) are left out: the sanitizers' shadow memory
# and slowdown distort the first and multiply the second. SANITIZE_SKIP= includes them.
#
# Three more tests are left out under ThreadSanitizer only (TSAN_SKIP= includes them):
# - InterpreterCLITests/interruptStopsARunawayScript and
#   REPLTerminalTests/ctrlCClearsTheLineAndStopsARunningStatement send Ctrl-C during
#   `while true do end`. ThreadSanitizer runs a signal handler only when the thread it
#   interrupted next enters a function it intercepts, and Debian's liblua5.4 is not built
#   with it: a loop that stays inside Lua never gets there, so the SIGINT is never handled
#   (the same loop with a table allocation in it is interrupted at once).
# - HDCCommandLineTests/ctrlCDuringAWaitEndsWith130AndStopsTheEmulator checks that hwsubmit
#   and its emulator end within 1 second of Ctrl-C; two processes under ThreadSanitizer take
#   about 2 seconds to shut down.
# Both pass in `make test` and under AddressSanitizer.
SANITIZE_SKIP ?= SlowTests
TSAN_SKIP     ?= interruptStopsARunawayScript|ctrlCClearsTheLineAndStopsARunningStatement|ctrlCDuringAWaitEndsWith130AndStopsTheEmulator
# An empty pattern would skip every test, so an empty variable passes no --skip at all.
skip_args = $(foreach pattern,$(1),--skip '$(pattern)')
sanitize: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize address --scratch-path .build-asan $(call skip_args,$(SANITIZE_SKIP))
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --sanitize thread --scratch-path .build-tsan $(call skip_args,$(SANITIZE_SKIP) $(TSAN_SKIP))

# The soak (docs/reliability.md): SOAK_COUNT packages (default 1000) through workflow.submit
# against the emulator with random transient faults, SOAK_CONCURRENCY at a time; fails on a
# failed package, a duplicate product or submission, or the heap in use growing with the count.
SOAK_COUNT ?= 1000
soak: build
	SOAK_COUNT=$(SOAK_COUNT) $(BIN_DIR)/hwsubmit --quiet --emulator --emulator-option=--step-delay=10ms bench/soak.lua

install: deps
	$(SWIFT) build -c release --static-swift-stdlib
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/hwsubmit
	install -s -m 755 $$($(SWIFT) build -c release --static-swift-stdlib --show-bin-path)/hwsubmit $(DESTDIR)$(PREFIX)/bin/hwsubmit
	install -s -m 755 $$($(SWIFT) build -c release --static-swift-stdlib --show-bin-path)/hwsubmit-emulator $(DESTDIR)$(PREFIX)/bin/hwsubmit-emulator
	install -d $(DESTDIR)$(PREFIX)/share/hwsubmit/stdlib
	if [ -d stdlib ]; then cp -R stdlib/. $(DESTDIR)$(PREFIX)/share/hwsubmit/stdlib/; fi

clean:
	$(SWIFT) package clean

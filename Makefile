# tracklint: `make demo` and `make test` set up everything they need on Debian/Ubuntu.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The team's shared folder (corpus, catalogue, schemas) stands beside the project; a clone made
# somewhere else finds it beside the checkout it was cloned from. SHARED=path overrides both, and
# `SHARED=` (empty) says there is none. Without it, `make test` skips the corpus checks and says so;
# with REQUIRE_SHARED=1 (`.ci/run`) it fails instead.
SHARED ?= $(shell d=../shared; [ -d "$$d" ] || d="$$(git config --get remote.origin.url 2>/dev/null)/../shared"; \
	[ -d "$$d" ] && cd "$$d" && pwd)
CORPUS ?= $(SHARED)/corpus
SCHEMAS ?= $(SHARED)/schemas
PREFIX ?= /usr/local
# Release builds link the Swift runtime and Foundation statically: the binary runs without Swift.
RELEASE_BUILD = $(SWIFT) build -c release --static-swift-stdlib --product tracklint
RELEASE_BINARY = .build/release/tracklint
# The tarball `make dist` writes, named after the version the binary prints.
DIST_TARBALL = dist/tracklint-$(shell $(RELEASE_BINARY) --version | cut -d' ' -f2)-linux-$(shell uname -m).tar.gz
CORPUS_CHECKS = the MIME differential against Python's email, SARIF validation against the official schema, \
	the HTML report of a corpus newsletter, the accuracy gate (make accuracy), the corpus and catalogue tests of swift test

# Every fixture's checksum: `make test` fails when a test changed, added or removed one (tests that
# write, such as those of --fix, work on copies in a temporary folder).
FIXTURE_SUMS = find Fixtures -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum

# `make test` fails when accuracy on the corpus falls below the figures reached (see make accuracy).
ACCURACY_GATE ?= --min-recall 0.99 --max-false-positive-rate 0.005 --min-platform 0.97

.PHONY: deps shared-folder browser-deps terminal-deps online-deps demo test accuracy build dist bench fuzz install clean

# libxml2's headers (and pkg-config, which finds them) are the only system dependency.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libxml-2.0; then \
		echo "Installing libxml2-dev and pkg-config..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-dev pkg-config; \
	fi

# With REQUIRE_SHARED set, stops before anything is built when there is no shared folder.
shared-folder:
	@[ -n "$(SHARED)" ] || [ -z "$(REQUIRE_SHARED)" ] || { echo "make test: no shared folder (corpus, catalogue, schemas) beside the project or its origin; pass SHARED=path" >&2; exit 2; }

# Headless Chromium renders the HTML reports in `make test` (Debian's package; Ubuntu's is a snap).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
		echo "Installing chromium..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	}

# tmux gives the progress-line test a real terminal.
terminal-deps:
	@command -v tmux >/dev/null 2>&1 || { \
		echo "Installing tmux..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux; \
	}

# The --online test (Tests/Online) makes its throwaway CA with openssl, and --online loads the
# system's libcurl (which the curl package brings); unshare (util-linux) gives the test a network
# of its own.
online-deps:
	@command -v openssl >/dev/null 2>&1 && ldconfig -p | grep -q 'libcurl\.so\.4 ' || { \
		echo "Installing openssl and curl (for libcurl)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssl curl; \
	}

demo: build
	@echo
	@echo "== Three broken inputs: a template, a sent message body, and Inky source =="
	@$(RELEASE_BINARY) check Fixtures/demo/broken-template.html Fixtures/demo/broken-sent.html \
		Fixtures/demo/inky-source.html; echo "(exit code $$?)"
	@echo
	@echo "== A clean template =="
	@$(RELEASE_BINARY) check Fixtures/demo/clean-template.html; echo "(exit code $$?)"

# The release build (static) is made once, packed by `dist`, and reused by every test of it.
test: shared-folder deps browser-deps terminal-deps online-deps dist
	python3 Scripts/check_sizes.py Sources
	@mkdir -p .build && $(FIXTURE_SUMS) > .build/fixtures-before.sha256
	$(SWIFT) build
	Scripts/fuzz.sh --typecheck
	python3 Tests/Browser/check_reports.py .build/debug/tracklint .build/report-screenshots $(if $(SHARED),$(CORPUS))
	python3 Tests/Adversarial/adversarial.py $(RELEASE_BINARY)
	python3 Tests/Terminal/progress_tmux.py $(RELEASE_BINARY)
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema
	python3 Tests/Schemas/validate_schemas.py .build/debug/tracklint schemas Fixtures README.md
	python3 Tests/Online/check_online.py $(RELEASE_BINARY)
	Tests/Dist/check_dist.sh $(DIST_TARBALL) .build/debug/tracklint
	@python3 -c 'import pre_commit, yaml' 2>/dev/null || python3 -m pip install --quiet pre-commit  # and PyYAML
	python3 Tests/PreCommit/check_pre_commit.py $(RELEASE_BINARY)
	python3 Tests/Action/check_action.py $(DIST_TARBALL)
	@python3 -c 'import importlib.metadata as m, sys; sys.exit(m.version("pygls").split(".")[0] != "2")' 2>/dev/null || \
		python3 -m pip install --quiet 'pygls>=2,<3'  # and lsprotocol, its types
	python3 Tests/LSP/check_lsp.py $(RELEASE_BINARY)
	TRACKLINT_SHARED=$(SHARED) $(if $(SHARED),TRACKLINT_CORPUS=$(CORPUS)) $(SWIFT) test
ifneq ($(SHARED),)
	python3 Tests/Differential/compare_with_python_email.py .build/debug/tracklint $(CORPUS)/messages
	python3 Tests/SARIF/validate_sarif.py .build/debug/tracklint $(SCHEMAS)/sarif-schema-2.1.0.json Fixtures $(CORPUS)
	python3 Tests/Accuracy/accuracy.py $(RELEASE_BINARY) $(CORPUS) $(ACCURACY_GATE)
else
	@echo
	@echo "make test: passed without the corpus checks, as no shared folder was found: $(CORPUS_CHECKS)."
	@echo "Run them with: make test SHARED=path/to/shared"
endif
	@$(FIXTURE_SUMS) | diff .build/fixtures-before.sha256 - >&2 || { echo "make test: the tests changed Fixtures/ (above): they must work on copies" >&2; exit 1; }

# Recall, false-positive rate and platform against our reviewed expectations for every corpus file
# (Tests/Accuracy/corpus-expectations.json), with every miss listed.
accuracy: build
	python3 Tests/Accuracy/accuracy.py $(RELEASE_BINARY) $(CORPUS) --details

build: deps
	$(RELEASE_BUILD)

# dist/tracklint-VERSION-linux-ARCH.tar.gz and its .sha256 (see Scripts/dist.sh).
dist: build
	Scripts/dist.sh $(RELEASE_BINARY) dist

# Issue 15's table in one run (see Scripts/bench.py); needs the shared folder (corpus, peer script).
bench: build
	@command -v xmllint >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils; }
	@command -v valgrind >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind; }
	@python3 -c 'import lxml' 2>/dev/null || python3 -m pip install --quiet lxml
	python3 Scripts/bench.py $(RELEASE_BINARY) $(SHARED)

# libFuzzer targets in Fuzz/, FUZZ_SECONDS each (default 60); see Scripts/fuzz.sh.
fuzz: deps
	Scripts/fuzz.sh

install: build
	install -d $(PREFIX)/bin
	install -m 755 -s $(RELEASE_BINARY) $(PREFIX)/bin/tracklint

clean:
	rm -rf .build dist

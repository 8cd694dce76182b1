# tracklint: `make demo` and `make test` set up everything they need on Debian/Ubuntu.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The team's shared folder (corpus, catalogue, schemas) stands beside the project; a clone made
# somewhere else finds it beside the checkout it was cloned from. SHARED=path overrides both.
SHARED ?= $(shell d=../shared; [ -d "$$d" ] || d="$$(git config --get remote.origin.url 2>/dev/null)/../shared"; \
	[ -d "$$d" ] && cd "$$d" && pwd)
CORPUS ?= $(SHARED)/corpus
SCHEMAS ?= $(SHARED)/schemas
PREFIX ?= /usr/local

# `make test` fails when accuracy on the corpus falls below the figures reached (see make accuracy).
ACCURACY_GATE ?= --min-recall 0.90 --max-false-positive-rate 0.025 --min-platform 0.97

.PHONY: deps browser-deps terminal-deps demo test accuracy build bench fuzz install clean

# libxml2's headers (and pkg-config, which finds them) are the only system dependency.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libxml-2.0; then \
		echo "Installing libxml2-dev and pkg-config..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-dev pkg-config; \
	fi

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

demo: deps
	$(SWIFT) build -c release --product tracklint
	@echo
	@echo "== Three broken inputs: a template, a sent message body, and Inky source =="
	@.build/release/tracklint check Fixtures/demo/broken-template.html Fixtures/demo/broken-sent.html \
		Fixtures/demo/inky-source.html; echo "(exit code $$?)"
	@echo
	@echo "== A clean template =="
	@.build/release/tracklint check Fixtures/demo/clean-template.html; echo "(exit code $$?)"

test: deps browser-deps terminal-deps
	@[ -n "$(SHARED)" ] || { echo "make test: no shared folder (corpus, catalogue, schemas) beside the project or its origin; pass SHARED=path" >&2; exit 2; }
	$(SWIFT) build
	python3 Tests/Differential/compare_with_python_email.py .build/debug/tracklint $(CORPUS)/messages
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema
	python3 Tests/Schemas/validate_schemas.py .build/debug/tracklint schemas Fixtures README.md
	python3 Tests/SARIF/validate_sarif.py .build/debug/tracklint $(SCHEMAS)/sarif-schema-2.1.0.json Fixtures $(CORPUS)
	python3 Tests/Browser/check_reports.py .build/debug/tracklint $(CORPUS) .build/report-screenshots
	$(SWIFT) build -c release --product tracklint
	python3 Tests/Adversarial/adversarial.py .build/release/tracklint
	python3 Tests/Accuracy/accuracy.py .build/release/tracklint $(CORPUS) $(ACCURACY_GATE)
	python3 Tests/Adversarial/large_baseline.py .build/release/tracklint
	python3 Tests/Terminal/progress_tmux.py .build/release/tracklint
	TRACKLINT_SHARED=$(SHARED) TRACKLINT_CORPUS=$(CORPUS) $(SWIFT) test

# Recall, false-positive rate and platform against our reviewed expectations for every corpus file
# (Tests/Accuracy/corpus-expectations.json), with every miss listed.
accuracy: build
	python3 Tests/Accuracy/accuracy.py .build/release/tracklint $(CORPUS) --details

build: deps
	$(SWIFT) build -c release --product tracklint

bench: build
	@command -v xmllint >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils; }
	python3 Scripts/bench.py .build/release/tracklint $(CORPUS)/templates

# libFuzzer targets in Fuzz/, FUZZ_SECONDS each (default 60); see Scripts/fuzz.sh.
fuzz: deps
	Scripts/fuzz.sh

install: build
	install -d $(PREFIX)/bin
	install -m 755 .build/release/tracklint $(PREFIX)/bin/tracklint

clean:
	rm -rf .build

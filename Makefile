# Two commands do all the set-up: `make serve` and `make test`. Everything installs into .venv.
# Each target installs only what its own build imports: `make build`/`serve`/`offline` the site lock
# (requirements.txt), `make build-zensical` the Zensical lock, `make test` all three.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SERVE_ADDR ?= 127.0.0.1:8000
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

# Front matter and review dates, checked before either engine runs (a page past its review stops here),
# and the literature watch (a question not searched for in 12 months stops here too).
CHECK_CONTENT = $(BIN)/python -m medref front-matter docs && $(BIN)/python -m medref literature-watch
# medref itself: editable, so edits to medref/ show in `make serve`; its imports come from the locks.
INSTALL_MEDREF = $(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .

.PHONY: help serve build build-zensical test system-tools takeaways check-content lock clean bench bench-zensical offline handouts

help:
	@echo "make serve           build and serve on http://$(SERVE_ADDR) with live reload"
	@echo "make test            install the test tools and run every check (pytest)"
	@echo "make build           strict MkDocs build into site/"
	@echo "make build-zensical  strict Zensical build into site-zensical/"
	@echo "make bench           Lighthouse medians for every page into build/bench/report.md"
	@echo "make bench-zensical  the same for the Zensical build: build/bench/report-zensical.md"
	@echo "make lock            recompile the pinned, hashed requirements files"
	@echo "make offline         the offline copy: build/vertebroplasty-kyphoplasty-offline.zip (also in docs/)"
	@echo "make takeaways       print the handouts to docs/pdf/ and zip the offline copy into docs/ (Chromium)"

# A virtual environment, made only by a Python new enough for the build (3.11+).
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "make: this project needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo 'not found')." >&2; \
	  echo "      Install a newer Python, then run again with PYTHON=python3.12 (for example)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The site's own dependencies (hash-checked), then medref. The stamp re-installs when the pins change.
$(BIN)/.site-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(INSTALL_MEDREF)
	touch $@

# The Zensical build's dependencies on their own, so its lock file is proved to be enough.
$(BIN)/.zensical-installed: requirements-zensical.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-zensical.txt
	$(INSTALL_MEDREF)
	touch $@

# Test tools on top of both builds' dependencies (installed together: the versions agree).
$(BIN)/.test-installed: $(BIN)/.site-installed $(BIN)/.zensical-installed requirements-test.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt -r requirements-zensical.txt -r requirements-test.txt
	touch $@

check-content: $(BIN)/.site-installed
	$(CHECK_CONTENT)

# What readers take away (the handouts as A4 PDFs in docs/pdf/, the offline copy as
# docs/vertebroplasty-kyphoplasty-offline.zip; both ignored by git), made BEFORE a build so that every
# build copies them like any other file: make build, make serve (mkdocs serve builds in memory, from
# docs/), the published site, a trust's own copy. Remade when a source file or SITE_URL changes
# (restart `make serve` to refresh them after editing a handout). Without Chromium they are removed,
# the pages leave their links out, and it says so once; the offline copy is still made (medref/takeaways.py).
OFFLINE_NAME := vertebroplasty-kyphoplasty-offline.zip
TAKEAWAYS_STAMP := build/takeaways/.made
TAKEAWAYS_URL := build/takeaways/site-url
TAKEAWAY_SOURCES := $(shell find docs data includes medref overrides -type f ! -path 'docs/pdf/*' \
  ! -name '$(OFFLINE_NAME)' ! -name '*.pyc' 2>/dev/null) mkdocs.yml mkdocs.offline.yml $(TAKEAWAYS_URL)
# The address printed on every handout ("Printed from ...") and cited in the offline copy.
$(shell mkdir -p build/takeaways; echo '$(SITE_URL)' | cmp -s - $(TAKEAWAYS_URL) || echo '$(SITE_URL)' > $(TAKEAWAYS_URL))

$(TAKEAWAYS_STAMP): $(TAKEAWAY_SOURCES) $(BIN)/.site-installed
	$(CHECK_CONTENT)
	$(BIN)/python -m medref takeaways
	@# Only a run that printed is final: without Chromium the next build tries again.
	@if [ -f docs/pdf/after-your-procedure.pdf ]; then touch $@; fi

takeaways: $(TAKEAWAYS_STAMP)

# Live reload is an inline script the Content-Security-Policy would block, so the preview is built without
# the policy (MEDREF_LIVE_RELOAD; mkdocs.yml). Every other build has it.
serve: $(BIN)/.site-installed takeaways
	$(CHECK_CONTENT)
	MEDREF_LIVE_RELOAD=1 $(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR) --livereload

build: $(BIN)/.site-installed takeaways
	$(CHECK_CONTENT)
	$(BIN)/mkdocs build --strict

build-zensical: $(BIN)/.zensical-installed
	$(CHECK_CONTENT)
	$(BIN)/zensical build --strict --clean -f mkdocs.zensical.yml

# Node test tools (vnu-jar: the Nu HTML Checker) exactly as locked; no install scripts run (vnu-jar's
# would download a Java runtime; the system's java is used instead).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

# System tools the checks need (Chromium, Java, aspell + English dictionaries, npm), checked before
# anything slow: installed on Debian/Ubuntu (sudo when not root) by the script .ci/run also uses,
# otherwise one message naming what is missing and the command that installs it.
system-tools:
	@bash .ci/system-tools

test: system-tools $(BIN)/.test-installed node_modules/.package-lock.json takeaways
	$(BIN)/python -m pytest

# Offline copy for wards and clinics with poor connectivity: a zip that opens from the file system
# (mkdocs.offline.yml adds the offline plugin), made with the handouts (see takeaways above).
OFFLINE_ZIP := build/$(OFFLINE_NAME)
offline: takeaways
	@test -f $(OFFLINE_ZIP) && echo "Offline copy: $(OFFLINE_ZIP) (unzip it, then open vertebroplasty-kyphoplasty/index.html)"

# The handouts as A4 PDFs: part of `make takeaways` (kept as a name for old habits).
handouts: takeaways

# Lighthouse on every page (mobile, simulated throttling, BENCH_RUNS runs each, medians) against the
# MkDocs build served with gzip on loopback, interleaved with a default Material site built from the
# seed texts (bench/default_site.py), and the whole-site build timed against that site's, pairwise.
# Writes build/bench/report.md with the ratios ours / default; reports, never fails on scores.
BENCH_RUNS ?= 3
BUILD_RUNS ?= 5
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --ignore-scripts

bench: $(BIN)/.test-installed bench/node_modules/.package-lock.json
	$(CHECK_CONTENT)
	$(BIN)/mkdocs build --strict -d build/bench/site
	$(BIN)/python bench/default_site.py ../shared/seeds build/bench/default-src
	$(BIN)/mkdocs build --strict -q -f build/bench/default-src/mkdocs.yml -d $(CURDIR)/build/bench/default
	$(BIN)/python bench/build_time.py $(BIN)/mkdocs build/bench/default-src/mkdocs.yml $(BUILD_RUNS) > build/bench/build-time.md
	CHROME_PATH="$${CHROME_PATH:-$$($(BIN)/python -c 'from tests import sitetools; print(sitetools.find_chromium() or "")')}" \
	  BENCH_RUNS=$(BENCH_RUNS) node bench/run.mjs build/bench/site build/bench/report.md build/bench/default build/bench/build-time.md

# The same Lighthouse comparison for the Zensical build (the migration path): build/bench/report-zensical.md.
bench-zensical: $(BIN)/.test-installed bench/node_modules/.package-lock.json
	$(MAKE) build-zensical
	$(BIN)/python bench/default_site.py ../shared/seeds build/bench/default-src
	$(BIN)/mkdocs build --strict -q -f build/bench/default-src/mkdocs.yml -d $(CURDIR)/build/bench/default
	CHROME_PATH="$${CHROME_PATH:-$$($(BIN)/python -c 'from tests import sitetools; print(sitetools.find_chromium() or "")')}" \
	  BENCH_RUNS=$(BENCH_RUNS) node bench/run.mjs site-zensical build/bench/report-zensical.md build/bench/default

# pip-compile runs from its own pinned, hashed venv (requirements-lock.txt), apart from the site's.
LOCK_VENV := .venv-lock
COMPILE := $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras
$(LOCK_VENV)/.installed: requirements-lock.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make lock: needs Python 3.11+" >&2; exit 1; }
	test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --require-hashes -r requirements-lock.txt
	touch $@

# Order matters: the Zensical and test files are constrained by requirements.txt (-c).
lock: $(LOCK_VENV)/.installed
	$(COMPILE) -o requirements-lock.txt requirements-lock.in
	$(COMPILE) -o requirements.txt requirements.in
	$(COMPILE) -o requirements-zensical.txt requirements-zensical.in
	$(COMPILE) -o requirements-test.txt requirements-test.in

clean:
	rm -rf site site-zensical .cache build docs/pdf docs/$(OFFLINE_NAME)

# Two commands do all the set-up: `make serve` and `make test`. Everything installs into .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# medref (our Markdown extension package) is imported from the checkout by both engines.
export PYTHONPATH := $(CURDIR)
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build build-zensical test check-content lock clean bench offline handouts

help:
	@echo "make serve           build and serve on http://127.0.0.1:8000 with live reload"
	@echo "make test            install the test tools and run every check (pytest)"
	@echo "make build           strict MkDocs build into site/"
	@echo "make build-zensical  strict Zensical build into site-zensical/"
	@echo "make bench           Lighthouse medians for every page into build/bench/report.md"
	@echo "make lock            recompile the pinned, hashed requirements files"
	@echo "make offline         zip an offline copy: build/vertebroplasty-kyphoplasty-offline.zip"
	@echo "make handouts        print the handouts to PDF in site/ (after make build) and the offline zip"

# The site's own dependencies (hash-checked). The stamp re-installs when the pins change.
$(BIN)/.site-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

# Test tools and the Zensical engine on top.
$(BIN)/.test-installed: $(BIN)/.site-installed requirements-test.txt requirements-zensical.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt -r requirements-zensical.txt -r requirements-test.txt
	touch $@

# Checks that must pass before either engine runs: front matter and review dates.
check-content: $(BIN)/.site-installed
	$(BIN)/python -m medref.front_matter docs

serve: $(BIN)/.site-installed check-content
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(BIN)/.site-installed check-content
	$(BIN)/mkdocs build --strict

build-zensical: $(BIN)/.test-installed check-content
	$(BIN)/zensical build --strict --clean -f mkdocs.zensical.yml

# Node test tools (vnu-jar: the Nu HTML Checker) exactly as locked; no install scripts run (vnu-jar's
# would download a Java runtime; the system's java is used instead).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

test: $(BIN)/.test-installed node_modules/.package-lock.json
	$(BIN)/python -m pytest

# Offline copy for wards and clinics with poor connectivity: a zip that opens from the file system
# (mkdocs.offline.yml adds the offline plugin). The Pages workflow publishes it beside the site.
OFFLINE_ZIP := build/vertebroplasty-kyphoplasty-offline.zip
offline: $(BIN)/.site-installed check-content
	rm -rf build/offline $(OFFLINE_ZIP)
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml -d build/offline/vertebroplasty-kyphoplasty
	cd build/offline && $(CURDIR)/$(BIN)/python -m zipfile -c $(CURDIR)/$(OFFLINE_ZIP) vertebroplasty-kyphoplasty
	@echo "Offline copy: $(OFFLINE_ZIP) (unzip it, then open vertebroplasty-kyphoplasty/index.html)"

# The handouts as A4 PDFs beside their pages (after `make build`; and in the offline zip if built),
# printed with Chromium as the tests print: medref/handouts.py.
handouts: $(BIN)/.test-installed
	$(BIN)/python -m medref.handouts site $(if $(wildcard $(OFFLINE_ZIP)),--zip $(OFFLINE_ZIP))

# Lighthouse on every page (mobile, simulated throttling, BENCH_RUNS runs each, medians) against the
# MkDocs build served with gzip on loopback. Writes build/bench/report.md; reports, never fails on scores.
BENCH_RUNS ?= 3
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --ignore-scripts

bench: $(BIN)/.test-installed check-content bench/node_modules/.package-lock.json
	$(BIN)/mkdocs build --strict -d build/bench/site
	CHROME_PATH="$${CHROME_PATH:-$$($(BIN)/python -c 'from tests import sitetools; print(sitetools.find_chromium() or "")')}" \
	  BENCH_RUNS=$(BENCH_RUNS) node bench/run.mjs build/bench/site build/bench/report.md

lock: $(BIN)/.site-installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-zensical.txt requirements-zensical.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-test.txt requirements-test.in

clean:
	rm -rf site site-zensical .cache build

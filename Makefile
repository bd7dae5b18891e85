# Aanpak Woonoverlast — the two commands a newcomer needs:
#   make serve   build the site and serve it with live reload on http://127.0.0.1:8000/
#   make test    run every test (engine, content, build, and the browser tests)
# Both install what they need first (Python venv, npm packages, Debian's chromium for tests).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Everything the compiled model depends on: rebuild it when any of these change.
MODEL_SOURCES := $(shell find content build_scripts assessor -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: serve test setup browser nginx build model dist file-copy check vergelijk bench clean

serve: setup
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

test: setup browser nginx
	$(PY) -m pytest -q -n 2 --dist loadgroup

# After setup the CLI works from a checkout: `python -m assessor assess CASE.yaml`.
setup: $(VENV)/.installed node_modules/.installed build/model.json

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig")'
	$(PYTHON) -m venv --without-pip $(VENV)
	# One pip run: the pinned packages, and this project in editable mode (the build is a local
	# MkDocs plugin, found by name). The system's pip installs into the venv (pip --python, pip
	# 22.3 or newer) rather than a copy of pip made in the venv first; where that pip is missing
	# or older, the venv gets its own (2 of the set-up's 16 seconds). pip compiles every file it
	# installs: where PYTHONDONTWRITEBYTECODE is set (as on this machine) nothing is compiled later,
	# and each build and test process would compile its imports again.
	@if $(PYTHON) -m pip --python $(PY) --version >/dev/null 2>&1; then pip="$(PYTHON) -m pip --python $(PY)"; \
	elif $(PY) -m ensurepip --upgrade --default-pip >/dev/null; then pip="$(PY) -m pip"; \
	else echo "pip ontbreekt. Installeer het met: sudo apt-get install python3-venv python3-pip"; exit 1; fi; \
	echo "$$pip install -r requirements.txt -e ."; \
	$$pip install --quiet --disable-pip-version-check -r requirements.txt -e .
	touch $@

# The runtime, axe-core and the file-copy search shim; Lighthouse (devDependencies) only for bench.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --omit=dev
	touch $@

# Everything in package-lock.json, Lighthouse included (npm ci starts from an empty node_modules).
node_modules/.bench-installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed $@

# The compiled model the CLI reads (the site build writes it too).
model: build/model.json
build/model.json: $(VENV)/.installed $(MODEL_SOURCES)
	$(PY) -m build_scripts.compile_content
	@touch $@

# A Debian package the tests run: present (on the path, or named by its variable), installed with
# apt-get when run as root, or else a message saying how. $(1) package, $(2) variable, $(3) path.
define debian_package
	@if [ -x $(3) ] || [ -n "$$$(2)" ] || command -v $(1) >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null) \
		|| { echo "Installeren van $(1) is mislukt."; exit 1; }; \
	else \
		echo "$(1) ontbreekt. Installeer het met: sudo apt-get install $(1)"; \
		echo "(of zet $(2)=/pad/naar/$(1))"; exit 1; \
	fi
endef

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	$(call debian_package,chromium,CHROMIUM,/usr/bin/chromium)

# Debian's nginx for the deployment test (tests/browser/test_deploy_nginx.py); it runs as the
# test's own process, no service is started.
nginx:
	$(call debian_package,nginx,NGINX,/usr/sbin/nginx)

build: setup
	$(PY) -m mkdocs build --strict

# The archive to put on a web server, built for the address it will have, e.g.
#   SITE_URL=https://intranet.example/woonoverlast/ make dist
# -> dist/aanpak-woonoverlast-<editie>-<inhoudsversie>-<commit>.tar.gz + dist/SHA256SUMS (see deploy/README.md)
dist: setup
	$(PY) -m build_scripts.dist

# The kennisbank as files to open from a folder (file://), search included.
file-copy: setup
	$(PY) -m mkdocs build --strict -f mkdocs-file-copy.yml

check: setup
	$(PY) -m assessor check

# Which outcomes a content change alters against the last commit (HEAD); AANVAARD=1 writes the
# new outcomes into the scenarios that expect otherwise (build_scripts/scenario_diff.py).
vergelijk: setup
	$(PY) -m build_scripts.scenario_diff $(if $(AANVAARD),--aanvaard)

bench: node_modules/.bench-installed setup browser
	$(PY) tests/benchmark.py

clean:
	rm -rf site site.bouwen site-file-copy site-file-copy.bouwen build dist .pytest_cache

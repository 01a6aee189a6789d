# Sozialplanung QGIS plugin. `make demo` and `make test` install what is missing
# (Debian 12: QGIS 3.22 from Debian's packages, test tools into .venv).

SHELL := /bin/bash
PLUGIN := sozialplanung_plugin
PY := /usr/bin/python3
VENV := .venv
VPY := $(VENV)/bin/python
BUILD := build/$(PLUGIN)
DIST := dist/$(PLUGIN).zip
STAMP := .make
APT_PACKAGES := qgis python3-qgis qgis-providers xvfb xauth python3-pandas python3-jinja2 python3-venv \
	pyqt5-dev-tools qttools5-dev-tools poppler-utils fonts-dejavu-core zip unzip python3-scipy postgresql postgresql-postgis
export QT_QPA_PLATFORM ?= offscreen
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)
QGIS_PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
SOURCES := $(shell find $(PLUGIN) -type f \( -name '*.py' -o -name '*.html' -o -name '*.svg' -o -name '*.j2' -o -name '*.qml' -o -name '*.help' \) -not -path '*/__pycache__/*')

.PHONY: all demo test test-core test-matrix package build deploy lint format translations clean deps venv bench help

all: package

help:
	@echo "make demo | test | test-core | test-matrix | package | deploy | lint | format | translations | bench | clean"

# --- installing what is missing -----------------------------------------

deps: $(STAMP)/system
$(STAMP)/system:
	@mkdir -p $(STAMP)
	@if $(PY) -c "import qgis.core, pandas, numpy, jinja2, scipy, ensurepip" 2>/dev/null && command -v lrelease >/dev/null \
	    && command -v pdftotext >/dev/null && command -v zip >/dev/null && command -v unzip >/dev/null && [ -x /usr/bin/qgis_process.bin ] \
	    && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then \
	  echo "QGIS and tools present"; \
	else \
	  echo "Installing QGIS and tools from Debian's packages (a few minutes) ..."; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	fi
	@touch $@

venv: $(STAMP)/venv
$(STAMP)/venv: requirements-dev.txt | $(STAMP)/system
	@mkdir -p $(STAMP)
	$(PY) -m venv --system-site-packages $(VENV)
	$(VPY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# the core's tests need no QGIS: a venv without Debian's site packages
CORE_VENV := .venv-core
$(STAMP)/venv-core: requirements-core.txt | $(STAMP)/system
	@mkdir -p $(STAMP)
	rm -rf $(CORE_VENV)
	$(PY) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements-core.txt
	@touch $@

# --- building the installable plugin -------------------------------------

build: $(BUILD)/metadata.txt
$(BUILD)/metadata.txt: $(SOURCES) metadata.txt resources/icon.svg $(shell find resources/example -type f) $(wildcard i18n/*.ts) LICENSE | $(STAMP)/system
	rm -rf $(BUILD)
	mkdir -p $(BUILD)/i18n $(BUILD)/resources
	cd $(PLUGIN) && find . -type f \( -name '*.py' -o -name '*.html' -o -name '*.svg' -o -name '*.j2' -o -name '*.qml' -o -name '*.help' \) \
	  -not -path '*/__pycache__/*' -exec cp --parents {} ../$(BUILD)/ \;
	cp metadata.txt LICENSE $(BUILD)/
	cp resources/icon.svg $(BUILD)/icon.svg
	cp -r resources/example $(BUILD)/resources/
	for ts in i18n/*.ts; do [ -e "$$ts" ] || continue; \
	  lrelease -silent "$$ts" -qm $(BUILD)/i18n/$$(basename "$${ts%.ts}").qm; done
	touch $@

package: $(DIST)
$(DIST): $(BUILD)/metadata.txt
	mkdir -p dist
	rm -f $(DIST)
	cd build && zip -q -r ../$(DIST) $(PLUGIN) -x '*/__pycache__/*'
	@echo "Plugin zip: $(DIST)"

deploy: $(BUILD)/metadata.txt
	mkdir -p $(QGIS_PROFILE)/python/plugins
	rm -rf $(QGIS_PROFILE)/python/plugins/$(PLUGIN)
	cp -r $(BUILD) $(QGIS_PROFILE)/python/plugins/
	@echo "Deployed to $(QGIS_PROFILE)/python/plugins/$(PLUGIN); enable it in Plugins > Manage and Install Plugins."

# --- running -------------------------------------------------------------

demo: $(BUILD)/metadata.txt
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	PYTHONPATH=build $(PY) scripts/demo.py --out output/demo

# the core (pandas/numpy only) on a Python without QGIS; run first by `make test`
test-core: $(STAMP)/venv-core
	$(CORE_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/test_core_*.py

test: test-core $(STAMP)/venv $(DIST)
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	rm -rf build/zipcheck && mkdir -p build/zipcheck && cd build/zipcheck && unzip -q ../../$(DIST)
	PYTHONPATH=build/zipcheck SOZIALPLANUNG_PLUGIN_DIR=build/zipcheck/$(PLUGIN) \
	  $(VPY) -m pytest -q -p no:cacheprovider tests

# `make demo` and `make test` from a fresh clone of HEAD inside Debian 13 (QGIS 3.40)
# and Debian unstable (QGIS 3.44) chroots, built once and cached in MATRIX_CACHE
# (default /var/cache/sozialplanung-matrix); needs root. See scripts/matrix.sh.
test-matrix:
	scripts/matrix.sh $(MATRIX_SUITES)

bench: $(BUILD)/metadata.txt $(STAMP)/venv
	PYTHONPATH=build $(PY) bench/bench_join.py
	PYTHONPATH=build $(PY) bench/bench_indicators.py
	PYTHONPATH=build $(PY) bench/bench_monitoring.py
	PYTHONPATH=build $(PY) bench/bench_datapath.py
	PYTHONPATH=build $(VPY) bench/bench_postgis.py
	PYTHONPATH=build $(PY) bench/bench_atlas.py

# --- code quality and translations --------------------------------------

lint: $(STAMP)/venv
	$(VENV)/bin/ruff check $(PLUGIN) tests bench scripts
	$(VENV)/bin/ruff format --check $(PLUGIN) tests bench scripts

format: $(STAMP)/venv
	$(VENV)/bin/ruff format $(PLUGIN) tests bench scripts
	$(VENV)/bin/ruff check --fix $(PLUGIN) tests bench scripts

translations: | $(STAMP)/system
	LC_ALL=C.UTF-8 pylupdate5 -noobsolete $$(find $(PLUGIN) -name '*.py' -not -path '*/core/*' | sort) -ts i18n/sozialplanung_de.ts
	lrelease i18n/sozialplanung_de.ts -qm /tmp/sozialplanung_de.qm
	@echo "Edit i18n/sozialplanung_de.ts (Qt Linguist) for untranslated strings."

clean:
	rm -rf build dist output $(STAMP) .pytest_cache $(CORE_VENV)
	find . -name __pycache__ -prune -exec rm -rf {} +

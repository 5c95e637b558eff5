# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test lint bench clean translations

# UI translations: the .ts sources are in git; the .qm files are compiled from them (also by the
# package build, see setup.py) and never committed. `make translations` refreshes the .ts from
# the tr()/translate() calls in the code; translate the new entries with pyside6-linguist.
TS := $(wildcard resources/i18n/*.ts)
QM := $(TS:.ts=.qm)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[demo]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,demo]'
	touch $@ $(VENV)/.demo-installed

resources/i18n/%.qm: resources/i18n/%.ts | $(VENV)/.demo-installed
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(VENV)/.demo-installed
	$(BIN)/pyside6-lupdate -silent -no-obsolete -locations relative \
		$$(find gui/etcdesk -name '*.py' | sort) -ts $(TS)
	$(MAKE) $(QM)

run: $(VENV)/.demo-installed $(QM)
	$(BIN)/etcdesk --demo

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check gui tests bench packaging
	$(BIN)/ruff format --check gui tests bench packaging
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint $(QM)
	$(MAKE) --no-print-directory package-test
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

# The desktop bundle (packaging/): `make package` builds dist/etcdesk/ with PyInstaller;
# `make package-check` builds it, then starts both executables and validates the desktop files
# (installing desktop-file-utils and appstream with apt-get when missing).
# `make test` runs the same check in a temporary directory, so concurrent runs in one checkout
# do not share dist/, and skips the validators a machine does not have.
.PHONY: package package-check package-test
PACKAGE_DIST ?= dist
PACKAGE_WORK ?= build/pyinstaller
CHECK_FLAGS ?= --install-validators

$(VENV)/.package-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[package,demo]'
	touch $@ $(VENV)/.demo-installed

package: $(VENV)/.package-installed
	@start=$$(date +%s) && \
	$(BIN)/pyinstaller --noconfirm --log-level WARN --workpath $(PACKAGE_WORK) \
		--distpath $(PACKAGE_DIST) packaging/etcdesk.spec && \
	echo "package: built $(PACKAGE_DIST)/etcdesk in $$(( $$(date +%s) - start )) s," \
		"$$(du -sh $(PACKAGE_DIST)/etcdesk | cut -f1)"

package-check: package
	$(BIN)/python packaging/check_bundle.py --dist $(PACKAGE_DIST)/etcdesk $(CHECK_FLAGS)

package-test:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(MAKE) --no-print-directory package-check CHECK_FLAGS= \
		PACKAGE_DIST="$$tmp/dist" PACKAGE_WORK="$$tmp/work"

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/tree_load.py

clean:
	rm -rf $(VENV) build dist *.egg-info gui/*.egg-info $(QM)

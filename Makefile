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
	$(BIN)/ruff check gui tests bench
	$(BIN)/ruff format --check gui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/tree_load.py

clean:
	rm -rf $(VENV) build dist *.egg-info gui/*.egg-info $(QM)

# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[demo]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,demo]'
	touch $@ $(VENV)/.demo-installed

run: $(VENV)/.demo-installed
	$(BIN)/etcdesk --demo

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check gui tests bench
	$(BIN)/ruff format --check gui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/tree_load.py

clean:
	rm -rf $(VENV) build dist *.egg-info gui/*.egg-info

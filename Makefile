# Lab Mutu: two commands.
#   make run   sets everything up and serves Lab Mutu with Voilà on http://127.0.0.1:8866
#   make test  sets everything up (browser included) and runs the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8866

.PHONY: run test setup setup-test system-deps bench clean-notebooks check-notebooks

run: setup
	$(BIN)/labmutu serve --host $(HOST) --port $(PORT)

test: setup-test system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed-run

setup-test: $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the dependency list changes.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m labmutu.warmup
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-run
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# Debian's chromium for the browser tests (Playwright drives it; no browser download).
system-deps:
	bash scripts/install-system-deps.sh

bench: setup-test system-deps
	$(BIN)/python -m benchmarks

clean-notebooks: setup
	$(BIN)/python -m labmutu.notebooks strip modules courses

check-notebooks: setup
	$(BIN)/python -m labmutu.notebooks check modules courses

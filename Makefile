# Quick start: `make run` (install + run the baseline), `make test` (install test needs + test suite).
# Both create ./.venv with a Python >= 3.12 found by scripts/find-python.
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: run test lint check clean

$(BIN)/python:
	"$$(scripts/find-python)" -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e .
	$(BIN)/python -m simulator.model.kernels
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e ".[dev]"
	$(BIN)/python -m simulator.model.kernels
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/plpbk run

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy simulator

check: lint test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Two set-up commands: `make demo` and `make test`. Both create .venv and install holdspace.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint fast bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/holdspace demo

test: $(STAMP)
	$(BIN)/ruff check holdspace tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser and not postgres"

lint: $(STAMP)
	$(BIN)/ruff check holdspace tests scripts
	$(BIN)/ruff format --check holdspace tests scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python scripts/bench_import.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

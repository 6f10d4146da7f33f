# Drift for Python. `make demo` runs the main job on this repository; `make test` proves the project.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: install lint test bench demo clean format

install: $(STAMP)

# Re-install only when the project's dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy --strict src
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

test: lint
	$(PY) -m pytest -n 2 --dist loadgroup -p no:cacheprovider tests

bench: $(STAMP)
	$(PY) -m pytest benchmarks --benchmark-only --benchmark-columns=min,median,mean,max,rounds -p no:cacheprovider

# Scans this repository (incremental after the first run) and prints what Drift learned.
demo: $(STAMP)
	$(VENV)/bin/drift scan .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .drift

# quotewire: `make run` serves the demo, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
EXAMPLES := examples/articles

.PHONY: run test lint openapi clean

run: $(RUNTIME_STAMP)
	$(BIN)/quotewire migrate
	$(BIN)/quotewire ingest $(EXAMPLES)
	$(BIN)/quotewire serve

test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/quotewire openapi --check openapi.yaml
	$(BIN)/pytest
	$(BIN)/python .ci/with_postgres.py $(BIN)/pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

openapi: $(RUNTIME_STAMP)
	$(BIN)/quotewire openapi -o openapi.yaml

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "quotewire needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt requirements-spark.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt -r requirements-spark.txt
	touch $@

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis

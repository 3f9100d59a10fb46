# Two commands do all the set-up on a fresh machine:
#   make run    creates .venv (if needed) and runs the pipeline on data/raw -> data/processed
#   make test   creates .venv (if needed) and runs lint, type check, data-dictionary check and tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-12)
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := False

.PHONY: setup run test lint typecheck dictionary bench clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

run: setup
	$(BIN)/newsfacts run --raw-dir data/raw --out-dir data/processed

lint: setup
	$(BIN)/ruff check newsfacts schemas flows tests benchmarks
	$(BIN)/ruff format --check newsfacts schemas flows tests benchmarks

typecheck: setup
	$(BIN)/mypy newsfacts schemas flows

dictionary: setup
	$(BIN)/newsfacts dictionary --output docs/DATA_DICTIONARY.md

test: setup lint typecheck
	$(BIN)/newsfacts dictionary | diff -u docs/DATA_DICTIONARY.md - || \
	  (echo "docs/DATA_DICTIONARY.md is stale: run 'make dictionary'"; exit 1)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf data/processed/* .pytest_cache .mypy_cache .ruff_cache

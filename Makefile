# Two commands do all the set-up on a fresh machine:
#   make run    creates .venv (if needed) and runs the pipeline on data/raw -> data/processed
#   make test   creates .venv (if needed) and runs lint, type check, data-dictionary check and tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-12)
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := False

.PHONY: setup run test lint typecheck dictionary bench clean lock spark-env

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

run: setup
	$(BIN)/newsfacts run --raw-dir data/raw --out-dir data/processed

lint: setup
	$(BIN)/ruff check newsfacts schemas store flows tests benchmarks .ci
	$(BIN)/ruff format --check newsfacts schemas store flows tests benchmarks .ci

typecheck: setup
	$(BIN)/mypy newsfacts schemas store flows

dictionary: setup
	$(BIN)/newsfacts dictionary --output docs/DATA_DICTIONARY.md

# Spark reads the plain Parquet snapshots in the consumer tests from its own environment
# (pyspark beside Great Expectations breaks GX's import in spawned processes)
SPARK_STAMP := .venv-spark/.installed-$(shell sha256sum requirements-spark.lock | cut -c1-12)
spark-env: $(SPARK_STAMP)

$(SPARK_STAMP): requirements-spark.lock
	test -x .venv-spark/bin/python || $(PY) -m venv .venv-spark
	.venv-spark/bin/python -m pip install --quiet --require-hashes -r requirements-spark.lock
	rm -f .venv-spark/.installed-* && touch $@

# Re-pin after editing requirements*.in: exact versions with their artifacts' hashes
lock:
	test -x .venv-tools/bin/uv || ($(PY) -m venv .venv-tools && .venv-tools/bin/pip install --quiet uv)
	.venv-tools/bin/uv pip compile requirements.in --generate-hashes --python-version 3.11 \
	  --no-header --no-annotate -o requirements.lock
	.venv-tools/bin/uv pip compile requirements-spark.in --generate-hashes --python-version 3.11 \
	  --no-header --no-annotate -o requirements-spark.lock

test: setup spark-env lint typecheck
	$(BIN)/newsfacts dictionary | diff -u docs/DATA_DICTIONARY.md - || \
	  (echo "docs/DATA_DICTIONARY.md is stale: run 'make dictionary'"; exit 1)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 tests

bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf data/processed/* data/processed/.newsfacts.lock .pytest_cache .mypy_cache .ruff_cache

# Two commands on a fresh machine: `make run` (seed corpus -> warehouse/newsware.duckdb) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test bench score clean

$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(INSTALLED)

run: $(INSTALLED)
	$(BIN)/newsware run

test: $(INSTALLED)
	$(BIN)/python -m pytest -q

# `make bench PAGES=10000` (about 5 minutes here) or `PAGES=40000` (about 20 minutes); `BENCH_ARGS="--corpus DIR"` reuses a corpus.
PAGES ?= 2000
BENCH_INSTALLED := $(VENV)/.bench-installed

$(BENCH_INSTALLED): $(INSTALLED) requirements-bench.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.lock
	touch $(BENCH_INSTALLED)

bench: $(BENCH_INSTALLED)
	$(BIN)/newsware bench --pages $(PAGES) $(BENCH_ARGS)

score: $(INSTALLED)
	$(BIN)/python ../shared/eval/score.py --db warehouse/newsware.duckdb --gold ../shared/gold/seed_gold.json ../shared/gold/dev/*.json

clean:
	rm -rf $(VENV) warehouse/newsware.duckdb warehouse/.newsware.duckdb.*

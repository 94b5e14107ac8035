# Two commands for a newcomer: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test unit crawl lint format bench soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## serve the bundled demo portal and crawl it into scratch/output/shjcdj/
	$(BIN)/python -m crawler demo

test: $(STAMP)  ## lint, types, then the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

unit: $(STAMP)  ## the fast unit tests, package by package (tests/unit, no crawls)
	$(BIN)/pytest -q tests/unit -m "not crawl"

crawl: $(STAMP)  ## the crawl-level tests alone (tests/crawl and crawl-marked tests)
	$(BIN)/pytest -q -m crawl

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)  ## throughput and extraction-time figures (not part of the tests)
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/archive_bench.py
	$(BIN)/python bench/distributed.py

soak: $(STAMP)  ## 20,000-article crawl with 5% faults: losses and memory (by hand, not in CI)
	$(BIN)/python bench/soak.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# One entry point for routine work. `make demo` and `make test` are the README's quick start.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: setup system-packages demo test test-sqlite test-postgres check lint format typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install Uppsikt with its development tools

system-packages: ## the Debian packages the tests drive (chromium, LibreOffice, poppler), as root
	scripts/system-packages.sh

demo: setup ## set up the local SQLite database with the example and serve it on :8000
	$(BIN)/uppsikt demo

test: system-packages check test-sqlite test-postgres ## static checks, then the suite on SQLite and on PostgreSQL

# One test worker per core (pytest-xdist); each has its own test database.
PYTEST = $(BIN)/pytest -q -p no:cacheprovider -n auto

test-sqlite: setup
	$(PYTEST)

test-postgres: setup
	@url=$$($(BIN)/python scripts/postgres_url.py); \
	if [ -n "$$url" ]; then \
	  echo "Running the suite again on PostgreSQL ($$url)"; \
	  DATABASE_URL=$$url $(PYTEST); \
	else \
	  echo "PostgreSQL not reachable: the PostgreSQL run is skipped (see docs/development.md)"; \
	fi

check: lint typecheck ## formatting, lint, layering, Django checks and migrations

lint: setup
	$(BIN)/ruff format --check src tests bench scripts conftest.py
	$(BIN)/ruff check src tests bench scripts conftest.py
	$(BIN)/lint-imports
	$(BIN)/uppsikt check --fail-level WARNING
	$(BIN)/uppsikt makemigrations --check --dry-run

format: setup
	$(BIN)/ruff format src tests bench scripts conftest.py
	$(BIN)/ruff check --fix src tests bench scripts conftest.py

typecheck: setup
	$(BIN)/mypy

bench: setup ## run the benchmarks and print their figures
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache

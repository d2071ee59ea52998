# Two commands on a fresh machine with Python 3.11+ and make:
#   make run    set up, load the demo data into the embedded SQLite database, serve the app
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install run lint test bench-national clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres,serve]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# The scheduler runs as its own process beside the web app, and stops with it.
run: $(STAMP)
	$(BIN)/srtracker demo
	@$(BIN)/srtracker --debug scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler' EXIT INT TERM; \
	$(BIN)/srtracker --debug run --no-reload --host $(HOST) --port $(PORT)

# The habits that keep the code one way (pyproject.toml configures each): the formatter,
# the linter (complexity at most 12), and mypy on the domain and the services.
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) instance .pytest_cache .hypothesis

# National scale on a throwaway PostgreSQL server (see bench/national.py and bench/RESULTS.md).
bench-national: $(STAMP)
	tools/with-postgres $(BIN)/python bench/national.py

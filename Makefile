# The two set-up commands: `make run` (server on SQLite) and `make test` (whole suite, both databases).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 4

.PHONY: install run serve migrate test test-sqlite test-postgres lint format bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt

migrate: install
	$(BIN)/python -m database.init_db

# No permessage-deflate: compressing each event once per socket doubles the server's CPU per message
# (scripts/bench_ws.py) to save a little bandwidth on a LAN.
run: migrate
	$(BIN)/uvicorn main:app --host 0.0.0.0 --port $(PORT) --ws-per-message-deflate false

serve: migrate
	$(BIN)/hypercorn main:app --bind 0.0.0.0:$(PORT) --workers $(WORKERS)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	TEST_DATABASE=sqlite $(BIN)/pytest
	TEST_DATABASE=postgresql $(BIN)/pytest

test-sqlite: install
	TEST_DATABASE=sqlite $(BIN)/pytest

test-postgres: install
	TEST_DATABASE=postgresql $(BIN)/pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m scripts.bench

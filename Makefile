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
	$(BIN)/python -m init_db

# serve.py: uvicorn with uvloop, httptools, the batched WebSocket writes of pedidos/realtime/ws_protocol.py and
# no permessage-deflate; why, with figures: docs/architecture.md (Realtime: the event log and the WebSocket fan-out).
run: migrate
	$(BIN)/python -m serve --host 0.0.0.0 --port $(PORT)

serve: migrate
	$(BIN)/python -m serve --host 0.0.0.0 --port $(PORT) --workers $(WORKERS)

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

# Two commands: `make run` serves the API on :8000; `make test` runs the whole suite.
# Both create the virtualenv and install what they need on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The service reads them too (PUBLIC_BASE_URL follows them unless set).
export HOST PORT

.PHONY: run test lint bench reliability clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) scripts/ensure_secret.py
	$(PY) auth.py bootstrap
	$(PY) -m uvicorn api_server:app --host $(HOST) --port $(PORT) --no-access-log --loop perf.loop:new_event_loop

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: lint
	$(PY) -m pytest

bench: $(VENV)/.dev
	$(PY) -m bench

# The reliability suite (docs/reliability.md): short by default (also run by `make test`),
# `make reliability FULL=1` for the full one; ONLY=load,kill picks scenarios.
reliability: $(VENV)/.dev
	$(PY) -m reliability $(if $(FULL),--full) $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

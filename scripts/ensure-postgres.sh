#!/usr/bin/env bash
# The Postgres tests start a throwaway cluster from the machine's PostgreSQL server binaries
# (initdb, pg_ctl). Install them when they are missing, unless TRANSCENDENCE_TEST_POSTGRES points the
# suite at an existing server.
set -euo pipefail

if [[ -n "${TRANSCENDENCE_TEST_POSTGRES:-}" ]]; then
  exit 0
fi

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1; then
  exit 0
fi

if [[ $EUID -ne 0 ]]; then
  echo "PostgreSQL server binaries are missing: run 'sudo apt-get install -y postgresql' or set TRANSCENDENCE_TEST_POSTGRES" >&2
  exit 1
fi

echo "Installing the PostgreSQL server binaries (apt-get install postgresql)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null

#!/usr/bin/env bash
# The Redis tests start a throwaway redis-server (a free loopback port, no persistence). Install it when
# it is missing, unless TRANSCENDENCE_TEST_REDIS points the suite at an existing server.
set -euo pipefail

if [[ -n "${TRANSCENDENCE_TEST_REDIS:-}" ]]; then
  exit 0
fi

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

if [[ $EUID -ne 0 ]]; then
  echo "redis-server is missing: run 'sudo apt-get install -y redis-server' or set TRANSCENDENCE_TEST_REDIS" >&2
  exit 1
fi

echo "Installing redis-server (apt-get install redis-server)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq redis-server >/dev/null

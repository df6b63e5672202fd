#!/usr/bin/env bash
# The browser tests drive Debian's chromium through Playwright (no browser download). Install it when
# it is missing, unless TRANSCENDENCE_TEST_CHROMIUM points the suite at another Chromium executable.
set -euo pipefail

if [[ -n "${TRANSCENDENCE_TEST_CHROMIUM:-}" ]]; then
  exit 0
fi

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

if [[ $EUID -ne 0 ]]; then
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' or set TRANSCENDENCE_TEST_CHROMIUM to a Chromium executable" >&2
  exit 1
fi

echo "Installing Chromium for the browser tests (apt-get install chromium)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null

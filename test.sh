#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing (PostgreSQL binaries), builds,
# runs every test project (the Postgres tests start their own throwaway cluster), and ends with a line
# "N passed, N failed" taken from the test runner's own counts.
set -uo pipefail
cd "$(dirname "$0")"

scripts/ensure-postgres.sh || exit 1
scripts/ensure-redis.sh || exit 1
scripts/ensure-chromium.sh || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Transcendence.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 25, Skipped: 0, …".
read -r passed failed assemblies < <(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") { f += $(i + 1) + 0 }
      if ($i == "Passed:") { p += $(i + 1) + 0 }
    }
    n++
  }
  END { printf "%d %d %d\n", p, f, n }')

echo
echo "${passed} passed, ${failed} failed"
if [[ $status -ne 0 || $failed -ne 0 ]]; then
  exit 1
fi
if [[ $passed -eq 0 || $assemblies -eq 0 ]]; then
  echo "no test ran" >&2
  exit 1
fi

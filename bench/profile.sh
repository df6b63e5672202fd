#!/usr/bin/env bash
# Samples a running server's stacks with perf, for finding hot paths while a scenario drives it:
#   DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 bench/run.sh chat --sizes 10 --measure 30 &
#   bench/profile.sh <server pid from the run's "started … (pid N)" line> [seconds]
# The two variables make the runtime write /tmp/perf-<pid>.map so JIT-compiled frames get names
# (W^X double-mapping hides them from perf otherwise). Needs linux-perf (apt-get install linux-perf).
set -euo pipefail
pid="$1"
seconds="${2:-10}"
out="${PERF_OUT:-/tmp/transcendence-$pid.perf.data}"
perf record -F 499 -g -p "$pid" -o "$out" -- sleep "$seconds" >/dev/null 2>&1
echo "== inclusive (children) =="
perf report -i "$out" --children --sort symbol --stdio -g none 2>/dev/null | grep '%' | grep -E 'Transcendence|Mediator|SignalR|Json|Npgsql|Immutable|DependencyInjection' | head -60 | cut -c1-220
echo "== self =="
perf report -i "$out" --no-children --sort dso,symbol --stdio -g none 2>/dev/null | grep '%' | head -40 | cut -c1-220

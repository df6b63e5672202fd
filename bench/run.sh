#!/usr/bin/env bash
# One command per benchmark: bench/run.sh <scenario> [--quick] [--runs N] [--tag NAME] [--key value]…
# Builds everything in Release, raises the file-descriptor limit, then lets the load generator start the
# systems under test on 127.0.0.1, drive them, stop them by their own pids and write bench/results/.
# Scenarios: chat, chat-channels, slow-reader, game, connections, http, matchmaking (bench/run.sh with no argument lists them).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ $# -eq 0 ]]; then
  set -- --help
fi

# Thousands of WebSockets on both ends of loopback need more than the default 1,024 descriptors: the
# connections scenario holds up to 10,000 in the load generator and as many in the server (each process
# has its own limit; both inherit this one). Try to lift the hard limit too (root outside a container may),
# then take the soft limit up to it. The connections scenario checks what it got before it connects.
if [[ "$(ulimit -Hn)" != unlimited && "$(ulimit -Hn)" -lt 65536 ]]; then
  ulimit -Hn 65536 2>/dev/null || true
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true

# Postgres-backed systems use the test suite's throwaway cluster, made from the machine's binaries.
scripts/ensure-postgres.sh

# Systems on Redis (--instances N, postgres-redis, postgres-x2 …) start the test suite's throwaway redis-server.
if [[ " $* " =~ (--instances|-redis|-x[0-9]) ]]; then
  scripts/ensure-redis.sh
fi

# run-all.sh builds once, with its first scenario, and sets BENCH_SKIP_BUILD=1 for the others.
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  echo "building (Release)…"
  dotnet build src/Web/Web.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build bench/Transcendence.Bench.sln -c Release -nologo -v quiet -clp:ErrorsOnly
fi

# The NestJS + socket.io peer, from its lockfile.
peer="bench/peers/nest-chat"
if [[ "$1" == chat || "$1" == chat-channels ]] && [[ -f "$peer/package-lock.json" ]]; then
  (cd "$peer" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error; } \
    && { [[ "${BENCH_SKIP_BUILD:-}" == 1 && -f dist/main.js ]] || npm run --silent build; })
fi

# The plain socket.io server and the driver on socket.io's official client, from their lockfile.
peer="bench/peers/socketio-plain"
if [[ "$1" == chat-channels && -f "$peer/package-lock.json" ]]; then
  (cd "$peer" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error; })
fi

# The HTTP scenario drives the servers with wrk (C, one thread per core, cheap per request), installed
# from the distribution's packages when it is missing.
if [[ "$1" == "http" ]] && ! command -v wrk >/dev/null; then
  echo "installing wrk…"
  if [[ $EUID -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
fi

exec dotnet bench/src/LoadGenerator/bin/Release/net10.0/Transcendence.LoadGenerator.dll "$@"

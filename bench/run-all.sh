#!/usr/bin/env bash
# Every scenario, one after the other, with the settings docs/performance.md reports (about 45 minutes on
# 2 cores). Run it on a machine doing nothing else: the figures are only as quiet as the machine.
# Extra arguments go to every scenario (e.g. --runs 3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/run.sh" chat --warmup 1 --measure 4 "$@"
"$here/run.sh" game --rooms 50,100,200,300,400,500 --measure 3 "$@"
"$here/run.sh" connections "$@"
"$here/run.sh" http --warmup 2 --measure 5 "$@"
"$here/run.sh" matchmaking "$@"

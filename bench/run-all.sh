#!/usr/bin/env bash
# Every scenario, one after the other. Run it on a machine doing nothing else: the figures are only as quiet
# as the machine. Extra arguments go to every scenario (e.g. --runs 3).
#
#   bench/run-all.sh          the fuller settings (5 runs, all sizes; more than an hour on 2 cores)
#   bench/run-all.sh --short  every figure docs/performance.md reports, in about 35 minutes on 2 cores with
#                             the builds; fewer runs, shorter windows, fewer sizes:
#     chat           10, 100, 1,000 members × bare hub, in-memory, PostgreSQL, NestJS: saturation (deliveries/s,
#                    CPU per delivery, vs bare hub), latency at half of each one's saturation, and the bare hub
#                    and in-memory app at one same rate (p99 vs bare hub)                          2 runs, 1 + 3 s
#     chat-channels  50 channels × 20 members: at 10k deliveries/s (deliveries per server CPU-s, p99) and at
#                    saturation (peak), bare / in-memory / PostgreSQL / plain socket.io / NestJS    2 runs, 1 + 3 s
#     slow-reader    bare hub and in-memory app: the others' p99 without and with a slow reader, whether,
#                    when and how the slow connection was closed                                  2 runs, 1 + 10 s
#     game           input on every State at 50–800 rooms, input on change at 50–1,200 rooms: tick lateness,
#                    CPU per room-tick, missing States, capacity                             2 windows of 3 s a size
#     connections    1,000 and 10,000 idle connections, app and bare hub: KiB each, connect rate        2 runs
#     http           GET /api/users/{id} and channel history, both stores and the Npgsql floor    3 runs, 1 + 5 s
#     matchmaking    10,000 users queueing, without and with 1 % blocks: pairs/s, queue wait           3 runs
#   Minutes each, timed on the shared VM while others built and tested (load average ~30, so set-up was slow
#   and the game collapsed early): chat ~8.5, chat-channels 3.2, slow-reader 2.3, game ~2.5 a variant,
#   connections 4.1, http 2.7, matchmaking 5; the builds 1–2 on a quiet machine (9 on the busy one).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

short=false
if [[ "${1:-}" == --short ]]; then
  short=true
  shift
fi

# The first scenario builds everything (Release); the others reuse that build.
run() {
  echo "== $(date -u +%H:%M:%S) bench/run.sh $*"
  "$here/run.sh" "$@"
  export BENCH_SKIP_BUILD=1
}

if $short; then
  run chat --runs 2 --warmup 1 --measure 3 "$@"
  run chat-channels --runs 2 --warmup 1 --measure 3 "$@"
  run slow-reader --runs 2 --warmup 1 --measure 10 "$@"
  run game --input every-state --tag every-state --rooms 50,200,400,600,800 --runs 2 --measure 3 --settle 1 "$@"
  run game --input on-change --tag on-change --rooms 50,400,800,1000,1200 --runs 2 --measure 3 --settle 1 "$@"
  run connections --sizes 1000,10000 --runs 2 "$@"
  run http --runs 3 --warmup 1 --measure 5 "$@"
  run matchmaking --runs 3 "$@"
else
  run chat --warmup 1 --measure 4 "$@"
  run chat-channels "$@"
  run slow-reader "$@"
  run game --input every-state --tag every-state --rooms 50,100,200,300,400,500,600,800 --measure 3 "$@"
  run game --input on-change --tag on-change --rooms 50,200,400,600,800,1000,1200 --measure 3 "$@"
  run connections "$@"
  run http --warmup 2 --measure 5 "$@"
  run matchmaking "$@"
fi
echo "== $(date -u +%H:%M:%S) done"

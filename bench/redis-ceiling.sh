#!/usr/bin/env bash
# Redis's own ceiling for the instances' bus: a throwaway redis-server, S subscribers on one channel (the other
# instances: each subscribed instance gets every publish), and redis-benchmark publishing B-byte messages on C
# connections, P commands pipelined each (StackExchange.Redis multiplexes many commands on one connection).
# Reads redis-server's CPU from /proc around the run and prints its CPU-µs per publish and the publishes per
# second one core of its own would take. Usage: bench/redis-ceiling.sh [subscribers=1] [bytes=300] [publishes=400000]
set -euo pipefail
subscribers=${1:-1}
bytes=${2:-300}
publishes=${3:-400000}
clients=${CLIENTS:-4}
pipeline=${PIPELINE:-16}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRANSCENDENCE_TEST_REDIS= "$root/scripts/ensure-redis.sh" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize no --dir "$dir" >"$dir/redis.log" 2>&1 &
redis=$!
subs=()
cleanup() {
  for pid in "${subs[@]}"; do kill "$pid" 2>/dev/null || true; done
  kill "$redis" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done

for _ in $(seq 1 "$subscribers"); do
  redis-cli -p "$port" subscribe bench:topic >/dev/null 2>&1 &
  subs+=($!)
done
for _ in $(seq 1 100); do
  [[ $(redis-cli -p "$port" pubsub numsub bench:topic | tail -1) -ge $subscribers ]] && break
  sleep 0.05
done

cpu() { awk '{print $14 + $15}' "/proc/$redis/stat"; }
payload=$(head -c "$bytes" /dev/zero | tr '\0' x)
before=$(cpu)
start=$(date +%s.%N)
redis-benchmark -p "$port" -c "$clients" -P "$pipeline" -n "$publishes" -q publish bench:topic "$payload" | tr "\r" "\n" | tail -1 | sed "s/^.*: /redis-benchmark: /"
end=$(date +%s.%N)
after=$(cpu)
python3 - "$before" "$after" "$start" "$end" "$publishes" "$subscribers" "$bytes" <<'PY'
import sys
before, after, start, end = map(float, sys.argv[1:5])
n, subs, size = map(int, sys.argv[5:8])
cpu = (after - before) / 100.0  # USER_HZ
wall = end - start
print(f"{n} publishes of {size} bytes to {subs} subscriber(s) in {wall:.2f} s: redis-server {cpu:.2f} CPU-s "
      f"({cpu / wall * 100:.0f}% of a core) = {cpu * 1e6 / n:.2f} CPU-µs per publish -> {n / cpu:,.0f} publishes/s per Redis core")
PY

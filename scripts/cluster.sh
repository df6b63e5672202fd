#!/usr/bin/env bash
# Several app instances behind one address on this machine, run as they are deployed (published Release
# builds, Production environment), on one PostgreSQL and one Redis:
#   scripts/cluster.sh up [N]   publish the app and the proxy (deploy/Proxy), start PostgreSQL (its own
#                               cluster, through scripts/dev-postgres.sh) and a redis-server, migrate, start N
#                               instances (default 2) and the proxy in front of them, and wait until the
#                               address answers /health/ready
#   scripts/cluster.sh down     stop everything up started (the database stays)
#   scripts/cluster.sh status   what runs, each instance's /health/ready and the address's (exit 3 if anything is down)
#   scripts/cluster.sh destroy  down, then delete the folder (database, logs, signing key, builds)
# Settings (environment): CLUSTER_DIR (default ~/.local/share/transcendence/cluster, as root
# /var/lib/transcendence/cluster), CLUSTER_PORT (the one address, http://localhost:5080), CLUSTER_APP_PORT (the
# first instance's port, 5101; then 5102, …), CLUSTER_PG_PORT (5434), CLUSTER_REDIS_PORT (6380),
# CLUSTER_DEV_LOGIN (true: POST /api/auth/dev-login is on, to try it out), CLUSTER_APP_DIR / CLUSTER_PROXY_DIR
# (folders holding an already built Transcendence.Web.dll / Transcendence.Proxy.dll: used as they are,
# nothing is published). redis-server is installed when missing (scripts/ensure-redis.sh), PostgreSQL too.
set -euo pipefail

command=${1:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
if [[ $EUID -eq 0 ]]; then
  default_dir=/var/lib/transcendence/cluster
else
  default_dir=${XDG_DATA_HOME:-$HOME/.local/share}/transcendence/cluster
fi
dir=${CLUSTER_DIR:-$default_dir}
port=${CLUSTER_PORT:-5080}
app_port=${CLUSTER_APP_PORT:-5101}
pg_port=${CLUSTER_PG_PORT:-5434}
redis_port=${CLUSTER_REDIS_PORT:-6380}
run=$dir/run

usage() {
  echo "usage: scripts/cluster.sh up [N] | down | status | destroy" >&2
  exit 2
}

postgres() { PGDEV_DIR=$dir/postgres PGDEV_PORT=$pg_port "$here/dev-postgres.sh" "$@"; }

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# The status code of GET http://127.0.0.1:<port><path>, or nothing (bash's own /dev/tcp: no curl needed).
http_status() {
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" "$2" >&3
    read -r _ status _ <&3
    echo "$status"' _ "$1" "$2" 2>/dev/null || true
}

# Waits (up to 90 s) until http://127.0.0.1:<port>/health/ready answers 200; stops if the process died.
wait_ready() {
  local name=$1 pidfile=$2 port=$3
  for _ in $(seq 1 900); do
    [[ $(http_status "$port" /health/ready) == 200 ]] && return 0
    if ! alive "$pidfile"; then
      echo "$name exited; the end of its log ($run/$name.log):" >&2
      tail -n 30 "$run/$name.log" >&2
      echo "scripts/cluster.sh down stops what did start" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$name did not answer /health/ready on port $port within 90 s (log: $run/$name.log); scripts/cluster.sh down stops it all" >&2
  return 1
}

# Starts a .NET app in its own folder (its content root) in the background, immune to the terminal's hangup;
# every exec keeps the pid, so the pid file names the dotnet process itself.
start_app() {
  local name=$1 folder=$2 assembly=$3
  shift 3
  (cd "$folder" && exec env "$@" nohup dotnet "$assembly" </dev/null >"$run/$name.log" 2>&1) &
  echo $! >"$run/$name.pid"
}

stop_pid() {
  local pidfile=$1
  if alive "$pidfile"; then
    local pid
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

up() {
  local count=${1:-2}
  [[ $count =~ ^[1-9]$ ]] || { echo "N is 1 to 9 instances, not '$count'" >&2; exit 2; }
  mkdir -p "$run"
  for pidfile in "$run"/*.pid; do
    if alive "$pidfile"; then
      echo "the cluster in $dir is running ($(basename "$pidfile" .pid)): scripts/cluster.sh down first" >&2
      exit 1
    fi
  done

  local app=${CLUSTER_APP_DIR:-$dir/build/app} proxy=${CLUSTER_PROXY_DIR:-$dir/build/proxy}
  if [[ -z ${CLUSTER_APP_DIR:-} ]]; then
    echo "publishing the app (Release) to $app"
    dotnet publish "$repo/src/Web" -c Release -o "$app" --nologo -v quiet
  fi
  if [[ -z ${CLUSTER_PROXY_DIR:-} ]]; then
    echo "publishing the proxy (Release) to $proxy"
    dotnet publish "$repo/deploy/Proxy" -c Release -o "$proxy" --nologo -v quiet
  fi

  local connection
  connection=$(postgres start | sed -n 's/^connection string: //p')
  echo "PostgreSQL on 127.0.0.1:$pg_port (data: $dir/postgres)"

  TRANSCENDENCE_TEST_REDIS= "$here/ensure-redis.sh"
  mkdir -p "$dir/redis"
  if ! alive "$dir/redis/redis.pid"; then
    # Live state only (presence, rooms, queues, the backplane): nothing to keep across a restart.
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
      --dir "$dir/redis" --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
    for _ in $(seq 1 100); do [[ -s $dir/redis/redis.pid ]] && break; sleep 0.1; done
  fi
  echo "Redis on 127.0.0.1:$redis_port"

  dotnet "$app/Transcendence.Web.dll" migrate --connection "$connection"

  # One signing key for every instance (a token from one is good on all); Data Protection keys are shared
  # through PostgreSQL (the app keeps its key ring in the database on the Postgres store).
  if [[ ! -s $dir/jwt-signing-key ]]; then
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 >"$dir/jwt-signing-key")
  fi
  # Instance i is the proxy's destination instance<i> (its X-Served-By) and calls itself so in logs and Redis.
  local key destinations=()
  key=$(cat "$dir/jwt-signing-key")
  for i in $(seq 1 "$count"); do
    local p=$((app_port + i - 1))
    start_app "app$i" "$app" Transcendence.Web.dll \
      ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$p" \
      ScaleOut__InstanceId="instance$i" Storage__Provider=Postgres ConnectionStrings__Postgres="$connection" \
      ConnectionStrings__Redis="127.0.0.1:$redis_port" Auth__Jwt__SigningKey="$key" \
      Auth__DevLogin__Enabled="${CLUSTER_DEV_LOGIN:-true}" ForwardedHeaders__KnownProxies=127.0.0.1
    destinations+=("http://127.0.0.1:$p")
  done
  for i in $(seq 1 "$count"); do
    wait_ready "app$i" "$run/app$i.pid" $((app_port + i - 1))
    echo "instance $i on http://127.0.0.1:$((app_port + i - 1)) (log: $run/app$i.log)"
  done

  start_app proxy "$proxy" Transcendence.Proxy.dll \
    ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production ASPNETCORE_URLS="http://localhost:$port" \
    Proxy__Destinations="$(IFS=,; echo "${destinations[*]}")"
  wait_ready proxy "$run/proxy.pid" "$port"
  echo "$count instance(s) behind http://localhost:$port (proxy log: $run/proxy.log)"
}

down() {
  stop_pid "$run/proxy.pid"
  for pidfile in "$run"/app*.pid; do
    [[ -e $pidfile ]] && stop_pid "$pidfile"
  done
  stop_pid "$dir/redis/redis.pid"
  if [[ -d $dir/postgres ]]; then postgres stop >/dev/null; fi
  echo "stopped"
}

status() {
  local down=0
  for pidfile in "$run"/app*.pid "$run/proxy.pid"; do
    [[ -e $pidfile ]] || continue
    local name
    name=$(basename "$pidfile" .pid)
    if alive "$pidfile"; then
      local p
      if [[ $name == proxy ]]; then p=$port; else p=$((app_port + ${name#app} - 1)); fi
      echo "$name: running (pid $(cat "$pidfile")), http://127.0.0.1:$p/health/ready: $(http_status "$p" /health/ready || true)"
    else
      echo "$name: not running"
      down=1
    fi
  done
  if alive "$dir/redis/redis.pid"; then echo "redis: running on 127.0.0.1:$redis_port"; else echo "redis: not running"; down=1; fi
  if [[ -d $dir/postgres ]] && postgres status >/dev/null; then echo "postgres: running on 127.0.0.1:$pg_port"; else echo "postgres: not running"; down=1; fi
  [[ -e $run/proxy.pid ]] || { echo "no cluster started in $dir"; down=1; }
  return $((down * 3))
}

case $command in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  destroy)
    down
    if [[ -d $dir/postgres ]]; then postgres destroy >/dev/null; fi
    rm -rf "$dir"
    echo "deleted $dir"
    ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# A local PostgreSQL for development, from the machine's server binaries (no container, no system service):
#   scripts/dev-postgres.sh [start]   create the cluster on first use, start it, create the app's role and
#                                     database, print the connection string
#   scripts/dev-postgres.sh stop      stop it (the data stays)
#   scripts/dev-postgres.sh status    say whether it runs
#   scripts/dev-postgres.sh destroy   stop it and delete its data
# Settings (environment): PGDEV_DIR (data; default ~/.local/share/transcendence/postgres, as root
# /var/lib/transcendence/postgres), PGDEV_PORT (5433), PGDEV_USER / PGDEV_PASSWORD / PGDEV_DATABASE
# (transcendence / transcendence / transcendence). The binaries are installed when missing (as root,
# apt-get install postgresql; see scripts/ensure-postgres.sh).
set -euo pipefail

command=${1:-start}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ $EUID -eq 0 ]]; then
  default_dir=/var/lib/transcendence/postgres
else
  default_dir=${XDG_DATA_HOME:-$HOME/.local/share}/transcendence/postgres
fi
dir=${PGDEV_DIR:-$default_dir}
port=${PGDEV_PORT:-5433}
user=${PGDEV_USER:-transcendence}
password=${PGDEV_PASSWORD:-transcendence}
database=${PGDEV_DATABASE:-transcendence}
data=$dir/data

# The server binaries: the newest /usr/lib/postgresql/<version>/bin, else the PATH.
find_bin() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [[ -x $candidate/initdb && -x $candidate/pg_ctl ]] && { echo "$candidate"; return; }
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

# initdb refuses to run as root: as root, the cluster belongs to the postgres service user.
as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin=$(find_bin || true)
if [[ -z $bin ]]; then
  TRANSCENDENCE_TEST_POSTGRES= "$here/ensure-postgres.sh"
  bin=$(find_bin)
fi

running() { as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

case $command in
  start)
    if [[ ! -f $data/PG_VERSION ]]; then
      echo "creating a PostgreSQL cluster in $data (port $port)"
      mkdir -p "$dir"
      [[ $EUID -eq 0 ]] && chown -R postgres "$dir"
      # The superuser connects only through the socket in $dir; the app's role uses a password over TCP.
      as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
    fi
    if ! running; then
      as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir" start >/dev/null
    fi
    psql=("$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
    # The role migrate needs: it may log in and create the database; the database it owns (PostgreSQL 15+
    # gives the owner the public schema, so the scripts can create their tables there).
    if [[ -z $(as_owner "${psql[@]}" -c "select 1 from pg_roles where rolname = '$user'") ]]; then
      as_owner "${psql[@]}" -c "create role \"$user\" login createdb password '$password'"
    fi
    if [[ -z $(as_owner "${psql[@]}" -c "select 1 from pg_database where datname = '$database'") ]]; then
      as_owner "${psql[@]}" -c "create database \"$database\" owner \"$user\""
    fi
    connection="Host=127.0.0.1;Port=$port;Database=$database;Username=$user;Password=$password"
    echo "PostgreSQL is running on 127.0.0.1:$port (data: $data, log: $dir/server.log)"
    echo "connection string: $connection"
    echo
    echo "export Storage__Provider=Postgres"
    echo "export ConnectionStrings__Postgres=\"$connection\""
    ;;
  stop)
    if running; then as_owner "$bin/pg_ctl" -D "$data" -w stop >/dev/null; fi
    echo "stopped"
    ;;
  status)
    if [[ -f $data/PG_VERSION ]] && running; then echo "running on 127.0.0.1:$port ($data)"; else echo "not running"; exit 3; fi
    ;;
  destroy)
    if [[ -f $data/PG_VERSION ]] && running; then as_owner "$bin/pg_ctl" -D "$data" -w stop >/dev/null; fi
    rm -rf "$dir"
    echo "deleted $dir"
    ;;
  *)
    echo "usage: scripts/dev-postgres.sh [start|stop|status|destroy]" >&2
    exit 2
    ;;
esac

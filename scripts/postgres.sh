#!/usr/bin/env bash
# A private PostgreSQL 15 server on loopback, in a folder of its own, trust authentication for user postgres.
# Usage: scripts/postgres.sh start|stop|status
#        scripts/postgres.sh psql [psql arguments]   psql on this server as user postgres (e.g. psql -d mediation_requests)
# Settings (environment): POSTGRES_PORT (5432), POSTGRES_DIR (/tmp/mediation-postgres-<port>: the
# postgres user must be able to read it, and PostgreSQL refuses to run as root).
set -euo pipefail
port=${POSTGRES_PORT:-5432}
dir=${POSTGRES_DIR:-/tmp/mediation-postgres-$port}
bin=/usr/lib/postgresql/15/bin

if [ ! -x "$bin/pg_ctl" ]; then
  if [ "${1:-}" = stop ]; then exit 0; fi
  if [ "${1:-}" = psql ] || [ "${1:-}" = status ]; then echo "postgres: not installed" >&2; exit 1; fi
  echo "installing postgresql-15 (Debian package)…"
  (apt-get install -y postgresql-15 >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y postgresql-15 >/dev/null; })
fi
as_postgres() { runuser -u postgres -- "$@"; }

case "${1:-}" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir" && chown postgres:postgres "$dir"
      as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "postgres: already running on 127.0.0.1:$port"
      exit 0
    fi
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
    echo "postgres: running on 127.0.0.1:$port (user postgres, trust)"
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
      as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    echo "postgres: stopped"
    ;;
  status)
    as_postgres "$bin/pg_ctl" -D "$dir/data" status
    ;;
  psql)
    shift
    # Over TCP on loopback: the server trusts user postgres there, so no password and no runuser.
    exec "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|psql [psql arguments]" >&2
    exit 2
    ;;
esac

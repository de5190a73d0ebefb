#!/usr/bin/env bash
# Stops what scripts/up.sh started: the service processes, then RabbitMQ and PostgreSQL.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
set -a; . "$root/.env"; set +a
run=$root/.artifacts/up
for pidfile in "$run"/*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    # Give the service its graceful shutdown (the bus drains), then insist.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
done
RABBITMQ_PORT=$RABBITMQ_PORT "$root/scripts/rabbitmq.sh" stop
POSTGRES_PORT=$POSTGRES_PORT "$root/scripts/postgres.sh" stop

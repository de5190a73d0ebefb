#!/usr/bin/env bash
# Stops what scripts/up.sh started: every service instance (further ones from --scale included), then
# RabbitMQ and PostgreSQL. Each stop is marked in the instance's log (.artifacts/up/NAME.log).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
set -a; . "$root/.env"; set +a
run=$root/.artifacts/up

mark() { printf '%s ==== scripts/down.sh: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$2" >>"$run/$1.log"; }

# A pid file's process is ours only while it still runs that service's program (a pid can be reused).
declare -A pids=()
for pidfile in "$run"/*.pid; do
  [ -f "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid) service=${name%%-*}
  pid=$(cat "$pidfile")
  program=$root/services/${service^}/bin/Release/net10.0/Mediation.${service^}.dll
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx "$program"; then
    pids[$name]=$pid
  else
    rm -f "$pidfile"
  fi
done

# All at once: SIGTERM gives each its graceful shutdown (the bus drains); SIGKILL what still runs after 30 s.
for name in "${!pids[@]}"; do kill "${pids[$name]}" 2>/dev/null || true; done
for _ in $(seq 300); do
  alive=0
  for name in "${!pids[@]}"; do kill -0 "${pids[$name]}" 2>/dev/null && alive=1; done
  [ "$alive" -eq 0 ] && break
  sleep 0.1
done
for name in $(printf '%s\n' "${!pids[@]}" | sort); do
  pid=${pids[$name]}
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    mark "$name" "killed $name (pid $pid): still running 30 s after SIGTERM"
  else
    mark "$name" "stopped $name (pid $pid)"
  fi
  echo "$name: stopped (pid $pid)"
  rm -f "$run/$name.pid"
done
"$root/scripts/rabbitmq.sh" stop
"$root/scripts/postgres.sh" stop

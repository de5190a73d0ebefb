#!/usr/bin/env bash
# A private RabbitMQ node on loopback, with the management plugin, in a folder of its own.
# Usage: scripts/rabbitmq.sh start|stop|status
#        scripts/rabbitmq.sh ctl <rabbitmqctl arguments>   rabbitmqctl on this node, with the environment it needs
#                                                          (e.g. ctl list_queues name messages consumers)
#        scripts/rabbitmq.sh queues <rabbitmq-queues arguments>   rabbitmq-queues likewise (quorum queue members)
# Settings (environment): RABBITMQ_PORT (5672), RABBITMQ_MANAGEMENT_PORT (15672),
# RABBITMQ_DIST_PORT (RABBITMQ_PORT + 20000), RABBITMQ_DIR (.artifacts/rabbitmq). User guest/guest, loopback only.
# For a node of a cluster (scripts/cluster.sh runs this once per node): RABBITMQ_EXTRA_CONFIG (lines added to the
# node's rabbitmq.conf), RABBITMQ_EXTRA_ERL_ARGS (added to its Erlang VM's arguments); its Erlang cookie is
# $RABBITMQ_DIR/.erlang.cookie (made by Erlang on first start unless one is put there).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${RABBITMQ_DIR:-$root/.artifacts/rabbitmq}
port=${RABBITMQ_PORT:-5672}

if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  if [ "${1:-}" = stop ]; then exit 0; fi
  if [ "${1:-}" = ctl ] || [ "${1:-}" = status ]; then echo "rabbitmq: not installed" >&2; exit 1; fi
  echo "installing rabbitmq-server (Debian package)…"
  (apt-get install -y rabbitmq-server >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y rabbitmq-server >/dev/null; })
  # Debian starts a system node on install where it can; ours runs apart from it, on its own ports.
fi

mkdir -p "$dir"
# The /usr/sbin wrappers switch to the rabbitmq user (another HOME and Erlang cookie); call the binaries directly.
export PATH=/usr/lib/rabbitmq/bin:$PATH
export HOME=$dir
export RABBITMQ_NODENAME=mediation-${port}@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=${RABBITMQ_DIST_PORT:-$((port + 20000))}
export RABBITMQ_MNESIA_BASE=$dir/mnesia
export RABBITMQ_LOG_BASE=$dir/log
export RABBITMQ_PID_FILE=$dir/rabbitmq.pid
export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
export RABBITMQ_CONFIG_FILE=$dir/rabbitmq
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}${RABBITMQ_EXTRA_ERL_ARGS:+ $RABBITMQ_EXTRA_ERL_ARGS}"
echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
{
  printf 'management.tcp.port = %s\nmanagement.tcp.ip = 127.0.0.1\nloopback_users.guest = true\n' "${RABBITMQ_MANAGEMENT_PORT:-15672}"
  if [ -n "${RABBITMQ_EXTRA_CONFIG:-}" ]; then printf '%s\n' "$RABBITMQ_EXTRA_CONFIG"; fi
} > "$dir/rabbitmq.conf"

case "${1:-}" in
  start)
    if rabbitmqctl ping >/dev/null 2>&1; then echo "rabbitmq: already running on 127.0.0.1:$port"; exit 0; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "rabbitmq: port $port is taken by another process (another checkout's node?); stop it or set RABBITMQ_PORT" >&2
      exit 1
    fi
    rm -f "$RABBITMQ_PID_FILE"   # a stale pid file makes the next start fail
    rabbitmq-server -detached
    rabbitmqctl wait "$RABBITMQ_PID_FILE" --timeout 60 >/dev/null
    echo "rabbitmq: running on 127.0.0.1:$port (management on 127.0.0.1:${RABBITMQ_MANAGEMENT_PORT:-15672})"
    ;;
  stop)
    rabbitmqctl shutdown >/dev/null 2>&1 || true
    echo "rabbitmq: stopped"
    ;;
  status)
    rabbitmqctl ping
    ;;
  ctl)
    shift
    exec rabbitmqctl "$@"
    ;;
  queues)
    shift
    exec rabbitmq-queues "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|ctl <rabbitmqctl arguments>|queues <rabbitmq-queues arguments>" >&2
    exit 2
    ;;
esac

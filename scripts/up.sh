#!/usr/bin/env bash
# Starts the distributed mode on this machine, without Docker: RabbitMQ (with its management UI) and
# PostgreSQL on loopback, then requests, verification, handover and operations each as its own
# process, on the settings in .env (the same file docker compose reads). Logs and pids go to .artifacts/up/.
#
# Usage: scripts/up.sh [--no-build]        start everything; scripts/down.sh stops it
#        scripts/up.sh --print-env SERVICE  the environment SERVICE (requests|verification|handover|operations) runs with
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
set -a; . "$root/.env"; set +a
run=$root/.artifacts/up

# What a service reads, as environment variables (ASP.NET maps A__B to the setting A:B).
service_env() {
  local name=$1 port web
  case "$name" in
    requests) port=$MEDIATION_REQUESTS_PORT web=$MEDIATION_REQUESTS_WEB_PORT ;;
    verification) port=$MEDIATION_VERIFICATION_PORT web=$MEDIATION_VERIFICATION_WEB_PORT ;;
    handover) port=$MEDIATION_HANDOVER_PORT web=$MEDIATION_HANDOVER_WEB_PORT ;;
    operations) port=$MEDIATION_OPERATIONS_PORT web=$MEDIATION_OPERATIONS_WEB_PORT ;;
    *) echo "unknown service '$name'" >&2; return 2 ;;
  esac
  cat <<ENV
ASPNETCORE_URLS=http://127.0.0.1:$port
Mediation__WebUrl=http://127.0.0.1:$web
Mediation__ServiceName=mediation-$name
Bus__Transport=RabbitMq
Bus__Host=127.0.0.1
Bus__Port=$RABBITMQ_PORT
Bus__VirtualHost=$RABBITMQ_VHOST
Bus__Username=$BUS_USERNAME
Bus__Password=$BUS_PASSWORD
Database__Provider=Postgres
ConnectionStrings__$name=Host=127.0.0.1;Port=$POSTGRES_PORT;Username=$POSTGRES_USER;Password=$POSTGRES_PASSWORD;Database=mediation_$name
Mediation__PartiesFile=$root/services/Host/parties.demo.json
Mediation__KeysFile=$root/services/Host/keys.demo.json
ENV
  if [ "$name" = requests ]; then
    echo "Peers__Handover=http://127.0.0.1:$MEDIATION_HANDOVER_PORT"
    echo "Peers__Deadline=$PEER_DEADLINE_MS"
  fi
  if [ "$name" = operations ]; then
    echo "Operations__RabbitMqManagementUrl=http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT"
  fi
}

if [ "${1:-}" = "--print-env" ]; then
  service_env "${2:?usage: $0 --print-env SERVICE}"
  exit 0
fi

mkdir -p "$run"
RABBITMQ_PORT=$RABBITMQ_PORT RABBITMQ_MANAGEMENT_PORT=$RABBITMQ_MANAGEMENT_PORT "$root/scripts/rabbitmq.sh" start
POSTGRES_PORT=$POSTGRES_PORT "$root/scripts/postgres.sh" start
if [ "${1:-}" != "--no-build" ]; then
  dotnet build "$root/Mediation.sln" -c Release -nologo -clp:ErrorsOnly >/dev/null
fi

for service in Requests Verification Handover Operations; do
  name=${service,,}
  if [ -f "$run/$name.pid" ] && kill -0 "$(cat "$run/$name.pid")" 2>/dev/null; then
    echo "$name: already running (pid $(cat "$run/$name.pid"))"
    continue
  fi
  (
    cd "$run"
    mapfile -t settings < <(service_env "$name")
    env "${settings[@]}" nohup dotnet "$root/services/$service/bin/Release/net10.0/Mediation.$service.dll" >"$run/$name.log" 2>&1 &
    echo $! >"$run/$name.pid"
  )
done

for service in requests verification handover operations; do
  port_var=MEDIATION_${service^^}_PORT
  grpc=mediation.$service.v1.${service^}Service
  [ "$service" = operations ] && grpc=mediation.operations
  node "$root/tests/client-node/health.mjs" "127.0.0.1:${!port_var}" 60 "$grpc" || { echo "see $run/$service.log"; exit 1; }
done
cat <<EOF2
Mediation is up (distributed mode):
  requests      127.0.0.1:$MEDIATION_REQUESTS_PORT
  verification  127.0.0.1:$MEDIATION_VERIFICATION_PORT
  handover      127.0.0.1:$MEDIATION_HANDOVER_PORT
  dashboard     http://127.0.0.1:$MEDIATION_OPERATIONS_WEB_PORT/ (operator-1 / demo-operator-password)
  metrics       http://127.0.0.1:{$MEDIATION_REQUESTS_WEB_PORT,$MEDIATION_VERIFICATION_WEB_PORT,$MEDIATION_HANDOVER_WEB_PORT,$MEDIATION_OPERATIONS_WEB_PORT}/metrics
  RabbitMQ      127.0.0.1:$RABBITMQ_PORT, management http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT ($BUS_USERNAME/$BUS_PASSWORD)
  PostgreSQL    127.0.0.1:$POSTGRES_PORT (databases mediation_requests, mediation_verification, mediation_handover, mediation_operations)
  logs          $run/*.log          stop with scripts/down.sh
EOF2

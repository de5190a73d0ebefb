#!/usr/bin/env bash
# Starts the distributed mode on this machine, without Docker: RabbitMQ (with its management UI) and
# PostgreSQL on loopback, then requests, verification, handover and operations each as its own
# process, on the settings in .env (the same file docker compose reads). Restarts one service, runs
# further instances of one. Logs and pids go to .artifacts/up/. scripts/up.sh --help tells every option.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
set -a; . "$root/.env"; set +a
run=$root/.artifacts/up
# Each service's database is <this>_<service> (mediation_requests…); ./test.sh uses databases of its own.
databases=${MEDIATION_DATABASES:-mediation}
services=(requests verification handover operations)
# Instance k of a service (k = 2…9, named SERVICE-k) listens on the service's ports + (k-1) × this.
instance_port_step=100

usage() {
  cat <<EOF
Usage: scripts/up.sh [--demo] [--cluster] [--no-build] [--scale SERVICE=N]...
       scripts/up.sh [--demo] [--cluster] [--no-build] --restart NAME
       scripts/up.sh [--demo] [--cluster] --print-env NAME
       scripts/up.sh --help

Starts the distributed mode without Docker: private RabbitMQ and PostgreSQL servers on loopback
(scripts/rabbitmq.sh, scripts/postgres.sh), then requests, verification, handover and operations, each
as its own process on the ports and credentials in .env; waits until each answers its gRPC health
check as SERVING, then prints every address. What already runs is left running. scripts/down.sh
stops everything up.sh started, every instance included.

The services run on this deployment's own secrets, in \$MEDIATION_SECRETS (default: secrets/ in the
checkout, ignored by git): the first run makes them (scripts/secrets.sh) — API keys, signing keys, the
operator's password, the data, index and audit-chain keys — and later runs reuse them. Each service's
database is \${MEDIATION_DATABASES:-mediation}_SERVICE (mediation_requests, …) on that PostgreSQL server.

SERVICE is requests, verification, handover or operations. NAME is a SERVICE, meaning its first
instance (or, for --restart, every instance of it), or one further instance, SERVICE-k (verification-2).

Options:
  --demo               run on the public demo parties and keys instead (services/Host/*.demo.json), in
                       demo mode, which each service announces in its log; for trying the system only.
                       Kept for --restart and --scale while anything up.sh started still runs
  --cluster            run on a three-node RabbitMQ cluster (scripts/cluster.sh brokers, ports
                       \$RABBITMQ_CLUSTER_PORT, +1, +2) instead of the single node: every service's Bus:Host
                       lists the three nodes (it reconnects to a surviving one), operations' management
                       URL the three management APIs. Kept like --demo; scripts/cluster.sh up adds two
                       instances of requests, verification and handover
  --no-build           start from what is built (services/*/bin/Release); without it, up.sh builds
                       Mediation.sln first (a no-op when nothing changed)
  --restart NAME       stop NAME gracefully (SIGTERM: the bus drains; SIGKILL after 30 s), start it
                       again with the same settings and wait until it is SERVING; for a SERVICE, each
                       running instance in turn, so a scaled service keeps answering. A NAME that is
                       not running is started. Nothing else is started or stopped.
  --scale SERVICE=N    run N instances (1-9) of SERVICE, starting what else is not running. Instance k
                       is SERVICE-k, on the service's gRPC and web ports + $instance_port_step × (k-1) (verification-2:
                       127.0.0.1:$((MEDIATION_VERIFICATION_PORT + instance_port_step)) and :$((MEDIATION_VERIFICATION_WEB_PORT + instance_port_step))), with its own log and pid file, and the same
                       database and queues (the instances take turns with the messages). Instances
                       above N are stopped. Once per service; lasts until scripts/down.sh.
  --print-env NAME     print the environment NAME runs with (VARIABLE=value, one a line) and exit
  -h, --help           this text

Files, in .artifacts/up/: NAME.log (appended to; up.sh marks each start and stop with a line),
NAME.pid. The health check is tests/client-node/health.mjs (Node.js): up.sh installs its packages
(npm ci in tests/client-node) when they are missing.
EOF
}

die() { echo "up.sh: $*" >&2; exit 2; }

# requests → requests, 1; verification-2 → verification, 2 (verification-1 is verification).
parse_name() {
  local name=$1
  [[ "$name" =~ ^(requests|verification|handover|operations)(-([1-9]))?$ ]] || die "unknown service or instance '$name' (requests, verification, handover, operations, or one of them with -2…-9)"
  service=${BASH_REMATCH[1]}
  index=${BASH_REMATCH[3]:-1}
}
instance_name() { if [ "$2" -eq 1 ]; then echo "$1"; else echo "$1-$2"; fi; }
grpc_port() { local v=MEDIATION_${1^^}_PORT; echo $(( ${!v} + ($2 - 1) * instance_port_step )); }
web_port() { local v=MEDIATION_${1^^}_WEB_PORT; echo $(( ${!v} + ($2 - 1) * instance_port_step )); }
grpc_service() { if [ "$1" = operations ]; then echo mediation.operations; else echo "mediation.$1.v1.${1^}Service"; fi; }
dll() { echo "$root/services/${1^}/bin/Release/net10.0/Mediation.${1^}.dll"; }

# What an instance reads, as environment variables (ASP.NET maps A__B to the setting A:B).
service_env() {
  local service index
  parse_name "$1"
  cat <<ENV
ASPNETCORE_URLS=http://127.0.0.1:$(grpc_port "$service" "$index")
Mediation__WebUrl=http://127.0.0.1:$(web_port "$service" "$index")
Mediation__ServiceName=mediation-$service
Bus__Transport=RabbitMq
Bus__Host=$bus_host
Bus__Port=$bus_port
Bus__VirtualHost=$RABBITMQ_VHOST
Bus__Username=$BUS_USERNAME
Bus__Password=$BUS_PASSWORD
Bus__Redelivery=$BUS_REDELIVERY
Database__Provider=Postgres
ConnectionStrings__$service=Host=127.0.0.1;Port=$POSTGRES_PORT;Username=$POSTGRES_USER;Password=$POSTGRES_PASSWORD;Database=${databases}_$service
Mediation__PartiesFile=$parties_file
Mediation__KeysFile=$keys_file
Mediation__Demo=$demo
ENV
  if [ "$service" = requests ]; then
    echo "Peers__Handover=http://127.0.0.1:$MEDIATION_HANDOVER_PORT"
    echo "Peers__Deadline=$PEER_DEADLINE_MS"
  fi
  if [ "$service" = operations ]; then
    echo "Operations__RabbitMqManagementUrl=$management_url"
    # The reports view reads the requests service's report (Operations:ReportsApiKey, in the keys file).
    echo "Peers__Requests=http://127.0.0.1:$MEDIATION_REQUESTS_PORT"
  fi
}

# The pid of a running instance, or nothing: the pid file's process must still run that service's program.
running_pid() {
  local name=$1 service=${1%%-*} pid
  [ -f "$run/$name.pid" ] || return 0
  pid=$(cat "$run/$name.pid")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 0
  if tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx "$(dll "$service")"; then echo "$pid"; fi
}

# One line in the instance's log, in the services' own format, so that each start and stop shows.
mark() { printf '%s ==== scripts/up.sh: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$2" >>"$run/$1.log"; }

start_instance() {
  local name=$1 service index settings
  parse_name "$name"
  local program grpc web
  program=$(dll "$service") grpc=$(grpc_port "$service" "$index") web=$(web_port "$service" "$index")
  [ -f "$program" ] || { echo "$program is missing: run scripts/up.sh without --no-build" >&2; exit 1; }
  for port in "$grpc" "$web"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$name: port $port is taken by another process; stop it or change the ports in .env" >&2
      exit 1
    fi
  done
  mapfile -t settings < <(service_env "$name")
  mark "$name" "starting $name (gRPC 127.0.0.1:$grpc, web 127.0.0.1:$web)"
  (
    cd "$run"
    env "${settings[@]}" nohup dotnet "$program" >>"$run/$name.log" 2>&1 &
    echo $! >"$run/$name.pid"
  )
  echo "$name: started (pid $(cat "$run/$name.pid"), gRPC 127.0.0.1:$grpc, web 127.0.0.1:$web)"
}

# SIGTERM lets the host shut down gracefully (the bus drains, the outbox stops); SIGKILL after 30 s.
stop_instance() {
  local name=$1 pid
  pid=$(running_pid "$name")
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      mark "$name" "killed $name (pid $pid): still running 30 s after SIGTERM"
    else
      mark "$name" "stopped $name (pid $pid)"
    fi
    echo "$name: stopped (pid $pid)"
  fi
  rm -f "$run/$name.pid"
}

wait_serving() {
  local name=$1 service index
  parse_name "$name"
  node "$root/tests/client-node/health.mjs" "127.0.0.1:$(grpc_port "$service" "$index")" 60 "$(grpc_service "$service")" \
    | sed "s/^health:/$name:/" || { echo "$name: not SERVING; see $run/$name.log" >&2; exit 1; }
}

# The health check's packages, installed once (./test.sh installs the same ones).
ensure_health_check() {
  local client=$root/tests/client-node
  [ -d "$client/node_modules/@grpc/grpc-js" ] && [ -d "$client/node_modules/@grpc/proto-loader" ] && return 0
  command -v node >/dev/null && command -v npm >/dev/null || { echo "up.sh: Node.js and npm are needed for the health check (tests/client-node/health.mjs)" >&2; exit 1; }
  echo "installing the health check's Node.js packages (npm ci in tests/client-node)…"
  if ! (cd "$client" && npm ci --no-audit --no-fund --silent) >"$run/npm.log" 2>&1; then
    cat "$run/npm.log" >&2
    echo "up.sh: npm ci in tests/client-node failed (above; also in $run/npm.log)" >&2
    exit 1
  fi
}

build=1 restart= print_env= demo= cluster=
declare -A scale=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --no-build) build= ;;
    --demo) demo=true ;;
    --cluster) cluster=true ;;
    --print-env) print_env=${2:?usage: scripts/up.sh --print-env NAME}; shift ;;
    --restart) restart=${2:?usage: scripts/up.sh --restart NAME}; shift ;;
    --restart=*) restart=${1#--restart=} ;;
    --scale) set -- "--scale=${2:?usage: scripts/up.sh --scale SERVICE=N}" "${@:3}"; continue ;;
    --scale=*)
      spec=${1#--scale=}
      [[ "$spec" =~ ^(requests|verification|handover|operations)=([1-9])$ ]] || die "--scale takes SERVICE=N, N from 1 to 9 (e.g. verification=2), not '$spec'"
      scale[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
      ;;
    *) die "unknown option '$1' (scripts/up.sh --help lists them)" ;;
  esac
  shift
done

# Demo or not: as asked, else as the instances still running were started.
mode_file=$run/mode
running=
for pidfile in "$run"/*.pid; do
  [ -f "$pidfile" ] && [ -n "$(running_pid "$(basename "$pidfile" .pid)")" ] && running=1
done
if [ -z "$demo" ] && [ -n "$running" ] && [ "$(cat "$mode_file" 2>/dev/null)" = demo ]; then demo=true; fi
# On the cluster or the single node: likewise.
cluster_file=$run/cluster
if [ -z "$cluster" ] && [ -n "$running" ] && [ -f "$cluster_file" ]; then cluster=true; fi
if [ -n "$cluster" ]; then
  bus_host=$("$root/scripts/cluster.sh" nodes) bus_port=${RABBITMQ_CLUSTER_PORT:-5673}
  management_url=$("$root/scripts/cluster.sh" management)
else
  bus_host=127.0.0.1 bus_port=$RABBITMQ_PORT management_url=http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT
fi
secrets=${MEDIATION_SECRETS:-$root/secrets}
if [ -n "$demo" ]; then
  parties_file=$root/services/Host/parties.demo.json keys_file=$root/services/Host/keys.demo.json
else
  demo=false parties_file=$secrets/parties.json keys_file=$secrets/keys.json
  [ -n "$print_env" ] || [ -f "$parties_file" ] || "$root/scripts/secrets.sh" "$secrets"
fi

if [ -n "$print_env" ]; then
  service_env "$print_env"
  exit 0
fi
[ -n "$restart" ] && [ ${#scale[@]} -gt 0 ] && die "give --restart or --scale, not both"
[ -n "$restart" ] && parse_name "$restart"

mkdir -p "$run"
if [ "$demo" = true ]; then echo demo >"$mode_file"; else echo "$secrets" >"$mode_file"; fi
if [ -n "$cluster" ]; then echo "$bus_host" >"$cluster_file"; else rm -f "$cluster_file"; fi
ensure_health_check
if [ -n "$cluster" ]; then "$root/scripts/cluster.sh" brokers; else "$root/scripts/rabbitmq.sh" start; fi
"$root/scripts/postgres.sh" start
if [ -n "$build" ]; then
  # The build replaces files rather than writing into them, so instances still running are not disturbed.
  dotnet build "$root/Mediation.sln" -c Release -nologo -clp:ErrorsOnly >"$run/build.log" 2>&1 \
    || { cat "$run/build.log" >&2; echo "up.sh: the build failed (above; also in $run/build.log)" >&2; exit 1; }
fi

if [ -n "$restart" ]; then
  parse_name "$restart"
  if [ "$restart" = "$service" ]; then
    # Every running instance of the service, one at a time; its first instance even when it is not running.
    targets=("$service")
    for k in 2 3 4 5 6 7 8 9; do
      [ -n "$(running_pid "$service-$k")" ] && targets+=("$service-$k")
    done
  else
    targets=("$(instance_name "$service" "$index")")
  fi
  for name in "${targets[@]}"; do
    [ -n "$(running_pid "$name")" ] || echo "$name: was not running"
    stop_instance "$name"
    start_instance "$name"
    wait_serving "$name"
  done
  echo "restarted ${targets[*]}; logs in $run/"
  exit 0
fi

wanted=()
for service in "${services[@]}"; do
  count=${scale[$service]:-1}
  for k in $(seq "$count"); do wanted+=("$(instance_name "$service" "$k")"); done
  if [ -n "${scale[$service]:-}" ]; then
    for k in $(seq $((count + 1)) 9); do
      name=$service-$k
      [ -n "$(running_pid "$name")" ] && stop_instance "$name"
    done
  fi
  # Further instances already running stay (and stay in the list of addresses).
  for k in $(seq $((count + 1)) 9); do
    [ -n "$(running_pid "$service-$k")" ] && wanted+=("$service-$k")
  done
done

for name in "${wanted[@]}"; do
  pid=$(running_pid "$name")
  if [ -n "$pid" ]; then
    echo "$name: already running (pid $pid)"
  else
    start_instance "$name"
  fi
done
for name in "${wanted[@]}"; do wait_serving "$name"; done

# rabbitmq.sh and postgres.sh default to the repository's ports; other ones are given to them.
ctl="scripts/rabbitmq.sh ctl <command>" psql="scripts/postgres.sh psql"
[ "$RABBITMQ_PORT" = 5672 ] || ctl="RABBITMQ_PORT=$RABBITMQ_PORT $ctl"
[ "$POSTGRES_PORT" = 5432 ] || psql="POSTGRES_PORT=$POSTGRES_PORT $psql"
line() { printf '  %-15s %s\n' "$1" "$2"; }
echo "Mediation is up (distributed mode):"
for name in "${wanted[@]}"; do
  parse_name "$name"
  line "$name" "gRPC 127.0.0.1:$(grpc_port "$service" "$index")$([ "$service" = operations ] && echo " (health only)"), web http://127.0.0.1:$(web_port "$service" "$index")"
done
if [ "$demo" = true ]; then
  line dashboard "http://127.0.0.1:$MEDIATION_OPERATIONS_WEB_PORT/ (operator-1 / demo-operator-password: DEMO MODE, public demo secrets)"
  line reports "http://127.0.0.1:$MEDIATION_OPERATIONS_WEB_PORT/reports/ (observer-1 / demo-observer-password: the observer's view)"
else
  line dashboard "http://127.0.0.1:$MEDIATION_OPERATIONS_WEB_PORT/ (operator-1, its password in $secrets/operator-1.password)"
  line reports "http://127.0.0.1:$MEDIATION_OPERATIONS_WEB_PORT/reports/ (observer-1, its password in $secrets/observer-1.password)"
  line partners "each party's API key and signing key in $secrets/partners/<party>.json"
fi
line "" "/metrics (an operator's credentials), /health/live and /health/ready on each web address"
if [ -n "$cluster" ]; then
  line RabbitMQ "cluster $bus_host, management $management_url ($BUS_USERNAME/$BUS_PASSWORD); scripts/cluster.sh status"
else
  line RabbitMQ "127.0.0.1:$RABBITMQ_PORT, management http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT ($BUS_USERNAME/$BUS_PASSWORD); $ctl"
fi
line PostgreSQL "127.0.0.1:$POSTGRES_PORT, databases ${databases}_requests, ${databases}_verification, ${databases}_handover, ${databases}_operations; $psql"
line logs "$run/NAME.log (NAME.pid beside each); stop everything with scripts/down.sh"

#!/usr/bin/env bash
# Benchmarks — not tests: no timing is asserted anywhere. Measures, in one run on this machine, with the
# same client (scripts/bench, Grpc.Net.Client + HdrHistogram) and the same number of calls in flight:
#   echo       a bare gRPC echo service on the same ASP.NET stack, same payload size  (the RPC ceiling)
#   broker     persistent publish with confirms + consume, quorum queue, RabbitMQ     (the bus ceiling)
#   commit     single-row inserts, synchronous_commit on, PostgreSQL                  (the commit ceiling)
#   intake     SubmitRequest (1..11 children per call) against the embedded host and against the
#              distributed mode: peak (closed loop), then open loop at half that peak for its p99
#   lifecycle  N cases driven by the parties through every step to CLOSED, distributed mode
#   watch      1,000 idle WatchCaseEvents streams: the serving process's CPU with and without them; the time
#              from a SubmitRequest to its event on a stream, embedded, distributed, and across two instances
#   growth     intake, GetCase and ListCases at 0, 10,000 and 100,000 open cases stored, on an embedded host of its own
#   cluster    the lifecycle on a three-node RabbitMQ cluster with one, then two instances of every service, the ratio and
#              the CPU per case of every process (scripts/bench/cluster.sh tells its figures and settings)
#   caps       the single writers' caps (the outbox's one publisher draining a backlog to RabbitMQ, the audit chain's one
#              writer on PostgreSQL), and per case the bytes each service's database keeps and the connections each
#              instance holds open at load (scripts/bench.sh --only caps: this alone, about 2 minutes idle)
# and prints one name=value line per figure, ending with the ratios.
#
# Usage: scripts/bench.sh            the full run (15-20 min on 2 cores); writes the results into BENCHMARKS.md
#        scripts/bench.sh --quick    within 60 s on a built tree (./test.sh builds it); prints only
#        scripts/bench.sh --only cluster   the cluster scenario alone (7 min at BENCH_CLUSTER_CASES=60 on 2 idle
#                                    cores; builds only what is missing); writes its own
#                                    block of BENCHMARKS.md. --quick leaves it out: three brokers and seven
#                                    service processes take longer to start than the quick run has.
#        scripts/bench.sh --only caps   the caps alone; writes its own block of BENCHMARKS.md
# Settings (environment): BENCH_CONCURRENCY (32 calls or cases in flight), BENCH_CASES (2000; 10 quick),
# BENCH_CASE_TIMEOUT (seconds before a lifecycle case counts as failed; 180, 20 quick).
# RabbitMQ and PostgreSQL are the shared private ones (scripts/rabbitmq.sh, scripts/postgres.sh): the
# benchmark uses only its own vhosts (bench, bench-raw) and databases (mediation_bench_*), made afresh;
# BENCH_NAMESPACE=NAME names them NAME, NAME-raw and mediation_NAME_* instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=0; [ "${1:-}" = "--quick" ] && quick=1
only=; [ "${1:-}" = "--only" ] && only=${2:-}
[ -z "$only" ] || [ "$only" = cluster ] || [ "$only" = caps ] || { echo "bench.sh: --only takes: cluster, caps" >&2; exit 2; }
# The services' code runs unoptimised until the JIT has seen it (about 25 s of load on 2 cores), so the
# full run warms each scenario up well before measuring; the quick run is a smoke check of the figures.
if [ $quick -eq 1 ]; then
  seconds=1.5; warmup=0.5; rate_seconds=1.5; rate_warmup=0; cases=${BENCH_CASES:-10}; case_timeout=${BENCH_CASE_TIMEOUT:-20}
  cost_seconds=0.2; cost_warmup=0; cost_messages=10; cost_settle=0; cost_concurrency=4
  watch_idle=50; watch_seconds=0.2; watch_events=5
else
  seconds=30; warmup=20; rate_seconds=20; rate_warmup=1; cases=${BENCH_CASES:-2000}; case_timeout=${BENCH_CASE_TIMEOUT:-180}
  cost_seconds=10; cost_warmup=5; cost_messages=2000; cost_settle=30
  watch_idle=1000; watch_seconds=20; watch_events=300
fi
concurrency=${BENCH_CONCURRENCY:-32}
# The quick run's CPU-per-operation smoke check keeps few calls in flight: each of its short spans ends only
# once the calls in flight are answered, which with 32 calls of eleven children into a cold host took 20-30 s.
cost_concurrency=${cost_concurrency:-$concurrency}
work=$root/.artifacts/bench
rm -rf "$work" && mkdir -p "$work"
started_at=$(date +%s)

bench_dll=$root/scripts/bench/bin/Release/net10.0/Mediation.Bench.dll
service_dll() { echo "$root/services/$1/bin/Release/net10.0/Mediation.$1.dll"; }
built=1
for dll in "$bench_dll" "$root/services/Host/bin/Release/net10.0/Mediation.Host.dll" "$(service_dll Requests)" "$(service_dll Verification)" "$(service_dll Handover)" "$(service_dll Operations)"; do
  [ -f "$dll" ] || built=0
done
if [ $built -eq 0 ] || { [ $quick -eq 0 ] && [ -z "$only" ]; }; then
  dotnet build "$root/Mediation.sln" -c Release -nologo -clp:ErrorsOnly >/dev/null
fi
(cd "$root/tests/client-node" && [ -d node_modules ] || npm ci --no-audit --no-fund --silent)
# The environment wins over .env: a checkout's own broker may listen on ports of its own (RABBITMQ_PORT, …).
# (Read-only variables are left out: declaring them again would fail.)
preset=$(export -p | grep -v '^declare -[a-zA-Z]*r'); set -a; . "$root/.env"; set +a; eval "$preset"
# The broker and the database may already serve these ports, started by the tests or from another
# checkout; start this checkout's own only when nothing answers.
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Both start side by side (RabbitMQ takes about 8 s), while the client, the echo server and the embedded host
# start too (they need neither); the distributed services wait for both below.
starting=()
[ "$only" = cluster ] || answers "$RABBITMQ_PORT" || { "$root/scripts/rabbitmq.sh" start >/dev/null & starting+=($!); }
answers "$POSTGRES_PORT" || { "$root/scripts/postgres.sh" start >/dev/null & starting+=($!); }

# Every scenario runs in one client process (scripts/bench/Session.cs) rather than a process each, which
# started the runtime and jitted the client anew every time. bench ARGS... prints the scenario's figures and
# returns its exit code, as the process did.
coproc client { exec dotnet "$bench_dll" session; }
exec {to_client}>&"${client[1]}" {from_client}<&"${client[0]}"
bench() {
  (IFS=$'\t'; echo "$*") >&"$to_client"
  local line
  while IFS= read -r line <&"$from_client"; do
    case $line in bench.done=*) return "${line#bench.done=}" ;; esac
    printf '%s\n' "$line"
  done
  echo "the bench client ended" >&2; return 1
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# CPU seconds (user + system) and peak resident memory (MB) of a process, from /proc.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
rss_of() { awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$1/status"; }
figure() { sed -n "s/^$1=//p" "$work"/*.txt | tail -1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
# Where the time goes, on standard error (standard output carries only the figures).
phase() { echo "[bench +$(( $(date +%s) - started_at )) s] $*" >&2; }

pg="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=$POSTGRES_USER;Password=$POSTGRES_PASSWORD"
common=(--pg "$pg" --amqp "127.0.0.1:$RABBITMQ_PORT" --management "http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/" --concurrency "$concurrency")
# BENCH_NAMESPACE (bench) names the vhosts and databases, so that runs from two checkouts keep apart.
ns=${BENCH_NAMESPACE:-bench}
vhost=$ns
databases=mediation_${ns}_requests,mediation_${ns}_verification,mediation_${ns}_handover

pids=($client_PID)
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

# --- Scaling on the three-node cluster (#18): scripts/bench/cluster.sh; alone with --only cluster. ---
. "$root/scripts/bench/cluster.sh"
cluster_run() {
  cluster_scenario
  BENCH_ONLY=$only "$root/scripts/bench/write-cluster-results.sh" "$work" "$root/BENCHMARKS.md"
  echo "wrote the cluster's figures into BENCHMARKS.md"
}
if [ "$only" = cluster ]; then
  for starter in "${starting[@]}"; do wait "$starter" || { echo "PostgreSQL did not start (scripts/postgres.sh)" >&2; exit 1; }; done
  cluster_run
  echo "bench.elapsed_s=$(( $(date +%s) - started_at ))" >&2
  exit 0
fi
# --- end of the cluster block ---
echo_port=$(free_port); host_port=$(free_port)
declare -A port pid
for service in requests verification handover; do port[$service]=$(free_port); done

# The single-writer caps (#18), on services, a vhost and databases of their own (one instance of each service):
#   footprint     the lifecycle of BENCH_CAPS_CASES cases (100) at 32 in flight, sampling pg_stat_activity every 100 ms
#                 (connections each instance holds per database), every table's size and rows before and after
#   outbox-drain  10,000 events committed into the requests service's outbox at once, drained by its one lease
#                 holder: each event of another case, then ten consecutive events per case
#   audit-appends the requests service's audit writer alone on a database of its own, 1, 32 and 256 callers waiting
#   BENCH_CAPS_CLUSTER=1 also drains the outbox on the three-node cluster (scripts/cluster.sh brokers; its ports)
# Its figures go to their own block of BENCHMARKS.md (scripts/bench/caps-table.sh), so it runs alone or in the full run.
caps() {
  local caps_ns=${ns}_caps caps_pid service
  local caps_databases=mediation_${caps_ns}_requests,mediation_${caps_ns}_verification,mediation_${caps_ns}_handover
  declare -A caps_port caps_pids
  # Alone, the broker and the database may still be starting (the full run has waited for them already).
  if [ -n "$only" ]; then
    for starter in "${starting[@]}"; do wait "$starter" || { echo "RabbitMQ or PostgreSQL did not start" >&2; exit 1; }; done
  fi
  phase "caps: preparing the vhost and databases"
  # Databases named mediation_<ns>_caps_* pass the client's mediation_<ns>_ guard.
  bench prepare "${common[@]}" --vhost "$caps_ns" --databases "$caps_databases"
  for service in requests verification handover; do caps_port[$service]=$(free_port); done
  for service in requests verification handover; do
    mapfile -t settings < <("$root/scripts/up.sh" --demo --print-env "$service" | sed \
      -e "s|^ASPNETCORE_URLS=.*|ASPNETCORE_URLS=http://127.0.0.1:${caps_port[$service]}|" \
      -e "s|^Mediation__WebUrl=.*|Mediation__WebUrl=http://127.0.0.1:$(free_port)|" \
      -e "s|^Bus__VirtualHost=.*|Bus__VirtualHost=$caps_ns|" -e "s|^Bus__Port=.*|Bus__Port=$RABBITMQ_PORT|" \
      -e "s|^\(ConnectionStrings__$service=.*Database=\)mediation_$service|\1mediation_${caps_ns}_$service|" \
      -e "s|^Peers__Handover=.*|Peers__Handover=http://127.0.0.1:${caps_port[handover]}|")
    settings+=("RateLimits__PerPartyPerSecond=1000000" "Requests__OpenCasesPerParty=1000000000" "Requests__MaxStreamsPerParty=100000")
    (cd "$work" && exec env "${settings[@]}" dotnet "$(service_dll "${service^}")" >"$work/caps-$service.log" 2>&1) &
    caps_pids[$service]=$!; pids+=($!)
  done
  for service in requests verification handover; do
    node "$root/tests/client-node/health.mjs" "127.0.0.1:${caps_port[$service]}" 120 "mediation.$service.v1.${service^}Service" >/dev/null \
      || { echo "a service did not start; see $work/caps-*.log" >&2; exit 1; }
  done
  phase "caps: footprint, ${BENCH_CAPS_CASES:-100} cases"
  bench footprint --name caps.footprint --cases "${BENCH_CAPS_CASES:-100}" --requests "http://127.0.0.1:${caps_port[requests]}" \
    --verification "http://127.0.0.1:${caps_port[verification]}" --handover "http://127.0.0.1:${caps_port[handover]}" \
    "${common[@]}" --databases "$caps_databases" | tee "$work/caps-footprint.txt"
  phase "caps: the outbox's publisher draining a backlog"
  bench outbox-drain --name caps.outbox "${common[@]}" --vhost "$caps_ns" --rows "${BENCH_CAPS_ROWS:-10000}" --events-per-case 1,10 \
    --outbox-db "$pg;Database=mediation_${caps_ns}_requests" | tee "$work/caps-outbox.txt"
  # The services are done with: the audit writer is measured with the machine otherwise as the run found it.
  for service in requests verification handover; do kill "${caps_pids[$service]}" 2>/dev/null || true; wait "${caps_pids[$service]}" 2>/dev/null || true; done
  # BENCH_CAPS_CLUSTER=1: the same drain on the three-node cluster (scripts/cluster.sh brokers), every event stored
  # on three nodes, by a requests service of its own given the three nodes.
  if [ "${BENCH_CAPS_CLUSTER:-0}" = 1 ]; then
    phase "caps: the outbox's publisher on the three-node cluster"
    "$root/scripts/cluster.sh" brokers >/dev/null
    local nodes first_management cluster_port cluster_pid
    nodes=$("$root/scripts/cluster.sh" nodes); first_management=$("$root/scripts/cluster.sh" management | cut -d, -f1)
    bench prepare --pg "$pg" --management "$first_management/" --vhost "$caps_ns" --databases "mediation_${caps_ns}_cluster_requests"
    cluster_port=$(free_port)
    mapfile -t settings < <("$root/scripts/up.sh" --demo --print-env requests | sed \
      -e "s|^ASPNETCORE_URLS=.*|ASPNETCORE_URLS=http://127.0.0.1:$cluster_port|" \
      -e "s|^Mediation__WebUrl=.*|Mediation__WebUrl=http://127.0.0.1:$(free_port)|" \
      -e "s|^Bus__VirtualHost=.*|Bus__VirtualHost=$caps_ns|" -e "s|^Bus__Host=.*|Bus__Host=$nodes|" \
      -e "s|^\(ConnectionStrings__requests=.*Database=\)mediation_requests|\1mediation_${caps_ns}_cluster_requests|")
    (cd "$work" && exec env "${settings[@]}" dotnet "$(service_dll Requests)" >"$work/caps-cluster-requests.log" 2>&1) &
    cluster_pid=$!; pids+=($!)
    node "$root/tests/client-node/health.mjs" "127.0.0.1:$cluster_port" 120 mediation.requests.v1.RequestsService >/dev/null \
      || { echo "the requests service on the cluster did not start; see $work/caps-cluster-requests.log" >&2; exit 1; }
    bench outbox-drain --name caps.outbox_cluster --pg "$pg" --amqp "${nodes%%,*}" --management "$first_management/" --vhost "$caps_ns" \
      --rows "${BENCH_CAPS_ROWS:-10000}" --events-per-case 1,10 --outbox-db "$pg;Database=mediation_${caps_ns}_cluster_requests" | tee "$work/caps-outbox-cluster.txt"
    kill "$cluster_pid" 2>/dev/null || true; wait "$cluster_pid" 2>/dev/null || true
  fi
  phase "caps: the audit chain's writer"
  bench audit-appends --name caps.audit "${common[@]}" --in-flight 1,32,256 --seconds "${BENCH_CAPS_SECONDS:-10}" --warmup 2 \
    --database "mediation_${caps_ns}_audit" | tee "$work/caps-audit.txt"
  echo "caps.load_average=$(cut -d' ' -f1-3 /proc/loadavg)" >"$work/caps-load.txt"
  "$root/scripts/bench/caps-table.sh" "$work" "$root/BENCHMARKS.md"
  echo "wrote the caps into BENCHMARKS.md"
}
if [ "$only" = caps ]; then
  caps
  exit 0
fi

# Each process is started directly (not through a function) so that $! is the process itself.
dotnet "$bench_dll" echo-server --urls "http://127.0.0.1:$echo_port" >"$work/echo.log" 2>&1 &
pids+=($!)
# The parties' rate limit, quota of open cases and cap of event streams are lifted: the benchmark measures the
# services, not the limits.
dotnet "$root/services/Host/bin/Release/net10.0/Mediation.Host.dll" --urls "http://127.0.0.1:$host_port" \
  --Mediation:WebUrl "http://127.0.0.1:$(free_port)" --RateLimits:PerPartyPerSecond 1000000 --Requests:OpenCasesPerParty 1000000000 --Requests:MaxStreamsPerParty 100000 \
  --Mediation:DataDirectory "$work/data" >"$work/host.log" 2>&1 &
host_pid=$!; pids+=($host_pid)
for starter in "${starting[@]}"; do wait "$starter" || { echo "RabbitMQ or PostgreSQL did not start (scripts/rabbitmq.sh, scripts/postgres.sh)" >&2; exit 1; }; done
# While the echo server and the host start: the distributed services' vhost and databases, made afresh.
phase "preparing the vhost and databases"
bench prepare "${common[@]}" --vhost "$vhost" --databases "$databases"
# The distributed mode as scripts/up.sh runs it, on ports, a vhost and databases of the benchmark's own.
for service in requests verification handover; do
  mapfile -t settings < <("$root/scripts/up.sh" --demo --print-env "$service" | sed \
    -e "s|^ASPNETCORE_URLS=.*|ASPNETCORE_URLS=http://127.0.0.1:${port[$service]}|" \
    -e "s|^Mediation__WebUrl=.*|Mediation__WebUrl=http://127.0.0.1:$(free_port)|" \
    -e "s|^Bus__VirtualHost=.*|Bus__VirtualHost=$vhost|" \
    -e "s|^\(ConnectionStrings__$service=.*Database=\)mediation_$service|\1mediation_${ns}_$service|" \
    -e "s|^Peers__Handover=.*|Peers__Handover=http://127.0.0.1:${port[handover]}|")
  settings+=("RateLimits__PerPartyPerSecond=1000000" "Requests__OpenCasesPerParty=1000000000" "Requests__MaxStreamsPerParty=100000")
  (cd "$work" && exec env "${settings[@]}" dotnet "$(service_dll "${service^}")" >"$work/$service.log" 2>&1) &
  pid[$service]=$!; pids+=($!)
  [ "$service" = requests ] && requests_settings=("${settings[@]}")
done
options=(--seconds "$seconds" --warmup "$warmup")
baselines() {
  for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$echo_port") 2>/dev/null && break; sleep 0.1; done
  phase "echo"
  bench echo --target "http://127.0.0.1:$echo_port" "${common[@]}" "${options[@]}" | tee "$work/echo.txt"
  phase "broker"
  bench broker "${common[@]}" "${options[@]}" | tee "$work/broker.txt"
  phase "commit"
  bench commit "${common[@]}" "${options[@]}" | tee "$work/commit.txt"
}
# The quick run measures the ceilings while the services start (they share the CPU, so its ratios
# flatter the services); the full run measures them on a machine the benchmark otherwise leaves idle.
if [ $quick -eq 1 ]; then baselines; fi
node "$root/tests/client-node/health.mjs" "127.0.0.1:$host_port" 90 >/dev/null
# The three probes side by side: each is a node process that takes about half a second to start.
probes=()
for service in requests verification handover; do
  node "$root/tests/client-node/health.mjs" "127.0.0.1:${port[$service]}" 90 "mediation.$service.v1.${service^}Service" >/dev/null &
  probes+=($!)
done
for probe in "${probes[@]}"; do
  wait "$probe" || { echo "a distributed service did not start; see $work/*.log" >&2; exit 1; }
done
phase "every process serving"
if [ $quick -eq 0 ]; then baselines; fi

# Intake, embedded: the peak, then the latency at half of it (open loop).
phase "intake, embedded"
# The warm-up runs on its own, so that the host's CPU time is read over the measured calls alone.
bench intake --name warmup --target "http://127.0.0.1:$host_port" "${common[@]}" --seconds "$warmup" --warmup 0 >/dev/null
host_cpu0=$(cpu_of "$host_pid")
bench intake --name intake.embedded --target "http://127.0.0.1:$host_port" "${common[@]}" --seconds "$seconds" --warmup 0 | tee "$work/intake-embedded.txt"
host_cpu1=$(cpu_of "$host_pid")
bench intake --name intake.embedded.half --rate "$(calc %.1f "$(figure intake.embedded.calls_per_s) / 2")" \
  --target "http://127.0.0.1:$host_port" "${common[@]}" --seconds "$rate_seconds" --warmup "$rate_warmup" | tee "$work/intake-embedded-half.txt"

# What each kind of operation costs in CPU, the process warmed up by the intake before it. The quick run
# does it beside the next step (its figures are a smoke check, not a measurement).
cost_embedded() {
  bench cost --name cost.embedded --target "http://127.0.0.1:$host_port" --pid "$host_pid" --concurrency "$cost_concurrency" "${common[@]}" \
    --seconds "$cost_seconds" --warmup "$cost_warmup" --settle "$cost_settle" >"$work/cost-embedded.txt"
}
cost_requests() {
  bench cost --name cost.requests --target "$requests_url" --pid "${pid[requests]}" --concurrency "$cost_concurrency" "${common[@]}" \
    --seconds "$cost_seconds" --warmup "$cost_warmup" --settle "$cost_settle" >"$work/cost-requests.txt"
}
cost_of_messages() {
  bench cost-messages --name cost.messages "${common[@]}" --vhost "$vhost" --messages "$cost_messages" --settle "$cost_settle" \
    --requests-pid "${pid[requests]}" --requests-db "$pg;Database=mediation_${ns}_requests" \
    --verification-pid "${pid[verification]}" --verification-db "$pg;Database=mediation_${ns}_verification" >"$work/cost-messages.txt"
}
# Push, not poll (#15): what idle WatchCaseEvents streams cost the process serving them, and how soon a commit
# reaches a stream. In the full run also across two instances of the requests service on one database: the
# second is started for this alone (it would otherwise share the lifecycle's messages), the calls go to the
# first and the streams to the second, so each event crosses through PostgreSQL's notices.
watch_options=(--idle "$watch_idle" --seconds "$watch_seconds" --events "$watch_events" --settle "$cost_settle" "${common[@]}")
watch_embedded() {
  phase "watchers, embedded"
  bench watch --name watch.embedded --target "http://127.0.0.1:$host_port" --host-pid "$host_pid" "${watch_options[@]}" | tee "$work/watch-embedded.txt"
}
watchers() {
  phase "watchers, distributed"
  local options=("${watch_options[@]}")
  bench watch --name watch.distributed --target "$requests_url" --host-pid "${pid[requests]}" "${options[@]}" | tee "$work/watch-distributed.txt"
  [ $quick -eq 0 ] || return 0
  local second_port second_pid
  second_port=$(free_port)
  (cd "$work" && exec env "${requests_settings[@]}" "ASPNETCORE_URLS=http://127.0.0.1:$second_port" "Mediation__WebUrl=http://127.0.0.1:$(free_port)" \
    dotnet "$(service_dll Requests)" >"$work/requests-second.log" 2>&1) &
  second_pid=$!; pids+=($second_pid)
  node "$root/tests/client-node/health.mjs" "127.0.0.1:$second_port" 90 mediation.requests.v1.RequestsService >/dev/null
  bench watch --name watch.crossing --target "http://127.0.0.1:$second_port" --submit-to "$requests_url" --host-pid "$second_pid" "${options[@]}" \
    | tee "$work/watch-crossing.txt"
  kill "$second_pid"; wait "$second_pid" 2>/dev/null || true
}
watch_embedded
# The quick run takes the figures after the lifecycle, briefly, and of the distributed services only the messages'.
if [ $quick -eq 0 ]; then
  phase "CPU per operation, embedded"
  cost_embedded
fi

# Intake, distributed: the same against the requests service on RabbitMQ and PostgreSQL.
phase "intake, distributed"
requests_url=http://127.0.0.1:${port[requests]}
bench intake --name intake.distributed --target "$requests_url" "${common[@]}" "${options[@]}" | tee "$work/intake-distributed.txt"
bench intake --name intake.distributed.half --rate "$(calc %.1f "$(figure intake.distributed.calls_per_s) / 2")" \
  --target "$requests_url" "${common[@]}" --seconds "$rate_seconds" --warmup "$rate_warmup" | tee "$work/intake-distributed-half.txt"

if [ $quick -eq 0 ]; then
  phase "CPU per operation, distributed"
  cost_requests
  cost_of_messages
fi

watchers
# Whole lifecycle, distributed. In the full run a short lifecycle first warms the three services up.
if [ $quick -eq 0 ]; then
  bench lifecycle --name lifecycle.warmup --cases 100 --requests "$requests_url" --verification "http://127.0.0.1:${port[verification]}" \
    --handover "http://127.0.0.1:${port[handover]}" "${common[@]}" --databases "$databases" >"$work/lifecycle-warmup.log"
fi
phase "lifecycle, $cases cases"
declare -A cpu0
for service in requests verification handover; do cpu0[$service]=$(cpu_of "${pid[$service]}"); done
bench lifecycle --name lifecycle ${BENCH_POLL:+--poll} --cases "$cases" --case-timeout "$case_timeout" --requests "$requests_url" --verification "http://127.0.0.1:${port[verification]}" \
  --handover "http://127.0.0.1:${port[handover]}" "${common[@]}" --databases "$databases" | tee "$work/lifecycle.txt"

if [ $quick -eq 1 ]; then
  phase "CPU per operation (smoke check)"
  cost_embedded
  cost_of_messages
fi
cat "$work"/cost-*.txt
{
  echo "host.embedded.cpu_s_per_1000_calls=$(calc %.2f "($host_cpu1 - $host_cpu0) * 1000 / $(figure intake.embedded.calls)")"
  echo "host.embedded.rss_peak_mb=$(rss_of "$host_pid")"
  done_cases=$(figure lifecycle.cases); [ "$done_cases" -gt 0 ] || done_cases=1
  for service in requests verification handover; do
    echo "service.$service.cpu_s_per_1000_cases=$(calc %.2f "($(cpu_of "${pid[$service]}") - ${cpu0[$service]}) * 1000 / $done_cases")"
    echo "service.$service.rss_peak_mb=$(rss_of "${pid[$service]}")"
  done
} | tee "$work/usage.txt"

# The ratios: each figure over its ceiling, measured above in the same run.
cases_per_s=$(figure lifecycle.cases_per_s)
broker_ratio=$(calc %.3f "$cases_per_s * $(figure lifecycle.msgs_per_case) / $(figure broker.msgs_per_s)")
commit_ratio=$(calc %.3f "$cases_per_s * $(figure lifecycle.commits_per_case) / $(figure commit.inserts_per_s)")
{
  echo "ratio.intake_embedded_over_echo=$(calc %.3f "$(figure intake.embedded.calls_per_s) / $(figure echo.calls_per_s)")"
  echo "ratio.intake_distributed_over_echo=$(calc %.3f "$(figure intake.distributed.calls_per_s) / $(figure echo.calls_per_s)")"
  echo "ratio.lifecycle_msgs_over_broker=$broker_ratio"
  echo "ratio.lifecycle_commits_over_commit=$commit_ratio"
  # The lower ceiling is the one the lifecycle comes closer to.
  echo "ratio.lifecycle_over_lower_ceiling=$(calc %.3f "($broker_ratio > $commit_ratio) ? $broker_ratio : $commit_ratio")"
} | tee "$work/ratios.txt"

# Cost as the data grows (#15): intake and a party's reads at each level of open cases stored, on a host of its own
# with a data directory of its own (the figures above are not touched), stopped while `bench seed` adds the cases
# up to the next level straight into its requests database, then started again. The quick run leaves it out: even
# a 0.2-s pass against the embedded host above took 15 s (a first ListCases is jitted cold), past its budget.
growth_levels=(0 10000 100000)
growth() {
  local data=$work/growth-data seeded=0 level growth_port growth_pid
  for level in "${growth_levels[@]}"; do
    if [ "$level" -gt "$seeded" ]; then
      phase "growth: seeding up to $level cases"
      bench seed --name "growth.$level.seed" --data "$data" --cases $((level - seeded)) | tee "$work/growth-$level-seed.txt"
      seeded=$level
    fi
    growth_port=$(free_port)
    dotnet "$root/services/Host/bin/Release/net10.0/Mediation.Host.dll" --urls "http://127.0.0.1:$growth_port" \
      --Mediation:WebUrl "http://127.0.0.1:$(free_port)" --RateLimits:PerPartyPerSecond 1000000 --Requests:OpenCasesPerParty 1000000000 \
      --Mediation:DataDirectory "$data" >"$work/growth-host-$level.log" 2>&1 &
    growth_pid=$!; pids+=($growth_pid)
    node "$root/tests/client-node/health.mjs" "127.0.0.1:$growth_port" 90 >/dev/null
    phase "growth: level $level"
    bench growth --name "growth.$level" --target "http://127.0.0.1:$growth_port" --pid "$growth_pid" "${common[@]}" \
      --seconds "$growth_seconds" --warmup "$growth_warmup" --settle "$cost_settle" | tee "$work/growth-$level.txt"
    kill "$growth_pid"; wait "$growth_pid" 2>/dev/null || true
  done
}
if [ $quick -eq 0 ]; then
  growth_seconds=20; growth_warmup=60
  growth
fi
# The cluster scenario last, once the single-node processes are stopped (they would share the CPU it measures).
if [ $quick -eq 0 ]; then
  kill "$host_pid" "${pid[@]}" 2>/dev/null || true
  cluster_run
  # Then the single writers' caps, on services of their own, one instance each.
  caps
fi
echo "bench.elapsed_s=$(( $(date +%s) - started_at ))" >&2

if [ $quick -eq 0 ]; then
  "$root/scripts/bench/write-results.sh" "$work" "$root/BENCHMARKS.md" "$concurrency" "$seconds" "$warmup" "$rate_seconds" "$cases"
  echo "wrote BENCHMARKS.md"
fi

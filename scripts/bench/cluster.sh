# Scaling measured (#18), sourced by scripts/bench.sh (its helpers: bench, cpu_of, free_port, phase, calc, pids).
# The whole lifecycle on the three-node RabbitMQ cluster (scripts/cluster.sh brokers), every service given the three
# nodes: first one instance each of requests, verification, handover and operations, then two each of requests,
# verification and handover on the same databases and queues (operations once), driven by the same client with the
# same number of cases in flight, one configuration after the other in one run. Each configuration is warmed up first
# (the JIT), then measured again with fewer in flight, so that the ratio also shows where the CPU is not saturated.
# Figures, besides the lifecycle's own (cluster.NAME.cases_per_s, p50_us, p99_us…), for each NAME in one, one_low,
# two, two_low:
#   cluster.NAME.cpu_ms_per_case.INSTANCE   CPU-ms (user + system, /proc/PID/stat) per case of each service instance,
#                                            of each broker node (broker-N), of the PostgreSQL backends serving the
#                                            scenario's databases (postgres) and of the bench client (client)
#   cluster.NAME.cpu_ms_per_case.services   the service instances together
#   cluster.NAME.machine_cores_busy         the whole machine's busy CPU over the measured span (/proc/stat), in cores
#   cluster.NAME.backends.DB.STATE.WAIT     PostgreSQL backends of the scenario's database DB in STATE waiting for WAIT
#                                            (pg_stat_activity, sampled once a second), on average: where commits queue
# and cluster.ratio, cluster.ratio_low: two instances' cases/s over one's; cluster.one|two.idle_cpu_ms_per_s.INSTANCE:
# each service instance's CPU over 10 s with no case moving, before the measurements.
# Settings (environment): BENCH_CLUSTER_CASES (cases measured per configuration, 120; half as many with fewer in
# flight), BENCH_CLUSTER_WARMUP (warm-up cases, 40), BENCH_CLUSTER_LOW (cases in flight of the *_low runs, 8);
# RABBITMQ_CLUSTER_PORT, RABBITMQ_CLUSTER_MANAGEMENT_PORT, RABBITMQ_CLUSTER_DIR as scripts/cluster.sh reads them.

cluster_cases=${BENCH_CLUSTER_CASES:-120}
cluster_warmup=${BENCH_CLUSTER_WARMUP:-40}
cluster_low=${BENCH_CLUSTER_LOW:-8}
# The scenario's own vhost and databases, apart from the single-node ones of the rest of the benchmark.
cluster_vhost=$ns-cluster
cluster_db() { echo "mediation_${ns}_cluster_$1"; }
cluster_measured_dbs=$(cluster_db requests),$(cluster_db verification),$(cluster_db handover)
declare -A cluster_pid cluster_port

# The whole machine's busy and total CPU ticks so far (all cores; idle and iowait are not busy).
cluster_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }
# The PostgreSQL backends serving the scenario's databases (their process titles name the database): pid and CPU seconds.
cluster_backends() {
  local p
  for p in $(pgrep -f "^postgres: .* mediation_${ns}_cluster_" || true); do
    [ -r "/proc/$p/stat" ] && echo "$p $(cpu_of "$p" 2>/dev/null || echo 0)"
  done
}

# Until killed, once a second: the scenario's PostgreSQL backends that are not idle, as DATABASE|STATE|WAIT (what
# each waits for; CPU when it waits for nothing), one line each, a line "sample" before each sample, into FILE.
cluster_sample_backends() {
  while :; do
    echo sample
    PGPASSWORD=$POSTGRES_PASSWORD psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d postgres -Atc \
      "SELECT datname, state, coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity
       WHERE datname LIKE 'mediation_${ns}_cluster_%' AND state <> 'idle'" 2>/dev/null || true
    sleep 1
  done >"$1"
}
# The samples as figures: PREFIX.DATABASE.STATE.WAIT=backends in that state on average over the samples.
cluster_backend_figures() {
  awk -F'|' -v prefix="$2" -v ns="mediation_${ns}_cluster_" '
    $0 == "sample" { samples++; next }
    NF == 3 { db = $1; sub(ns, "", db); key = db "." $2 "." $3; gsub(/[ :]/, "_", key); n[key]++ }
    END { for (k in n) printf "%s.%s=%.2f\n", prefix, k, n[k] / (samples ? samples : 1) }
  ' "$1" | sort
}

# Starts instance INDEX of SERVICE on the cluster, with settings as scripts/up.sh gives them, on ports, a vhost and
# databases of the scenario's own.
cluster_start() {
  local service=$1 index=$2 name settings
  name=$service-$index
  cluster_port[$name]=$(free_port)
  mapfile -t settings < <("$root/scripts/up.sh" --demo --print-env "$service" | sed \
    -e "s|^ASPNETCORE_URLS=.*|ASPNETCORE_URLS=http://127.0.0.1:${cluster_port[$name]}|" \
    -e "s|^Mediation__WebUrl=.*|Mediation__WebUrl=http://127.0.0.1:$(free_port)|" \
    -e "s|^Bus__Host=.*|Bus__Host=$cluster_nodes|" \
    -e "s|^Bus__VirtualHost=.*|Bus__VirtualHost=$cluster_vhost|" \
    -e "s|^\(ConnectionStrings__$service=.*Database=\)mediation_$service|\1$(cluster_db "$service")|" \
    -e "s|^Peers__Handover=.*|Peers__Handover=http://127.0.0.1:${cluster_port[handover-$index]:-}|" \
    -e "s|^Peers__Requests=.*|Peers__Requests=http://127.0.0.1:${cluster_port[requests-1]:-}|" \
    -e "s|^Operations__RabbitMqManagementUrl=.*|Operations__RabbitMqManagementUrl=$cluster_management|")
  settings+=("RateLimits__PerPartyPerSecond=1000000" "Requests__OpenCasesPerParty=1000000000" "Requests__MaxStreamsPerParty=100000")
  (cd "$work" && exec env "${settings[@]}" dotnet "$(service_dll "${service^}")" >"$work/cluster-$name.log" 2>&1) &
  cluster_pid[$name]=$!; pids+=($!)
}

# Waits until every instance named answers its gRPC health check as SERVING.
cluster_serving() {
  local name service probes=() grpc
  for name in "$@"; do
    service=${name%-*}
    if [ "$service" = operations ]; then grpc=mediation.operations; else grpc="mediation.$service.v1.${service^}Service"; fi
    node "$root/tests/client-node/health.mjs" "127.0.0.1:${cluster_port[$name]}" 240 "$grpc" >/dev/null &
    probes+=($!)
  done
  for name in "${probes[@]}"; do
    wait "$name" || { echo "a service on the cluster did not start; see $work/cluster-*.log" >&2; return 1; }
  done
}

# The lifecycle through INSTANCES (1 or 2) of each service: two lanes either way (bench lifecycle), over one instance's
# addresses twice or over both instances'.
cluster_lifecycle() {
  local instances=$1; shift
  local second=$(( instances == 2 ? 2 : 1 ))
  local -a at=()
  local service
  for service in requests verification handover; do
    at+=("--$service" "http://127.0.0.1:${cluster_port[$service-1]},http://127.0.0.1:${cluster_port[$service-$second]}")
  done
  bench lifecycle "${at[@]}" --pg "$pg" --databases "$cluster_measured_dbs" --case-timeout "$case_timeout" "$@"
}

# What each process spends with no case moving (heartbeats, polls, the outbox lease's poll…), over 10 s: a cost per
# instance per second, not per case, which weighs on the CPU per case the more the fewer cases a second are done.
cluster_idle() {
  local name=$1 instance
  local -A cpu0
  for instance in "${!cluster_pid[@]}"; do cpu0[$instance]=$(cpu_of "${cluster_pid[$instance]}"); done
  sleep 10
  for instance in $(printf '%s\n' "${!cluster_pid[@]}" | sort); do
    echo "cluster.$name.idle_cpu_ms_per_s.$instance=$(calc %.1f "($(cpu_of "${cluster_pid[$instance]}") - ${cpu0[$instance]}) * 100")"
  done | tee "$work/cluster-$name-idle.txt"
}

# One measured configuration: NAME INSTANCES IN_FLIGHT CASES.
cluster_measure() {
  local name=$1 instances=$2 inflight=$3 cases=$4
  local -A cpu0 backend0
  local instance p cpu node ticks0 ticks1 done_cases services=0 postgres=0 sampler
  phase "cluster: $name, $instances instance(s) of each service, $inflight cases in flight, $cases cases"
  for instance in "${!cluster_pid[@]}"; do cpu0[$instance]=$(cpu_of "${cluster_pid[$instance]}"); done
  for node in "${!cluster_broker[@]}"; do cpu0[broker-$node]=$(cpu_of "${cluster_broker[$node]}"); done
  cpu0[client]=$(cpu_of "$client_PID")
  while read -r p cpu; do backend0[$p]=$cpu; done < <(cluster_backends)
  ticks0=$(cluster_ticks)
  cluster_sample_backends "$work/cluster-$name-backends.samples" &
  sampler=$!; pids+=($sampler)
  cluster_lifecycle "$instances" --name "cluster.$name" --concurrency "$inflight" --cases "$cases" | tee "$work/cluster-$name.txt" \
    || echo "cluster: $name: some cases did not close (cluster.$name.failed)" >&2
  ticks1=$(cluster_ticks)
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  done_cases=$(sed -n "s/^cluster\.$name\.cases=//p" "$work/cluster-$name.txt"); [ "${done_cases:-0}" -gt 0 ] || done_cases=1
  while read -r p cpu; do postgres=$(calc %.2f "$postgres + $cpu - ${backend0[$p]:-0}"); done < <(cluster_backends)
  {
    echo "cluster.$name.instances=$instances"
    echo "cluster.$name.in_flight=$inflight"
    for instance in $(printf '%s\n' "${!cluster_pid[@]}" | sort); do
      cpu=$(calc %.4f "$(cpu_of "${cluster_pid[$instance]}") - ${cpu0[$instance]}")
      services=$(calc %.4f "$services + $cpu")
      echo "cluster.$name.cpu_ms_per_case.$instance=$(calc %.1f "$cpu * 1000 / $done_cases")"
    done
    echo "cluster.$name.cpu_ms_per_case.services=$(calc %.1f "$services * 1000 / $done_cases")"
    for node in $(printf '%s\n' "${!cluster_broker[@]}" | sort); do
      echo "cluster.$name.cpu_ms_per_case.broker-$node=$(calc %.1f "($(cpu_of "${cluster_broker[$node]}") - ${cpu0[broker-$node]}) * 1000 / $done_cases")"
    done
    echo "cluster.$name.cpu_ms_per_case.postgres=$(calc %.1f "$postgres * 1000 / $done_cases")"
    echo "cluster.$name.cpu_ms_per_case.client=$(calc %.1f "($(cpu_of "$client_PID") - ${cpu0[client]}) * 1000 / $done_cases")"
    read -r b0 t0 <<<"$ticks0"; read -r b1 t1 <<<"$ticks1"
    echo "cluster.$name.machine_cores_busy=$(calc %.2f "($b1 - $b0) / ($t1 - $t0) * $(nproc)")"
    echo "cluster.$name.load_average=$(cut -d' ' -f1 /proc/loadavg)"
    cluster_backend_figures "$work/cluster-$name-backends.samples" "cluster.$name.backends"
  } | tee "$work/cluster-$name-cpu.txt"
}

cluster_scenario() {
  local service name
  phase "cluster: three RabbitMQ nodes"
  "$root/scripts/cluster.sh" brokers >&2
  cluster_nodes=$("$root/scripts/cluster.sh" nodes)
  cluster_management=http://127.0.0.1:${RABBITMQ_CLUSTER_MANAGEMENT_PORT:-15673}
  declare -gA cluster_broker=()
  for name in 1 2 3; do
    cluster_broker[$name]=$(cat "${RABBITMQ_CLUSTER_DIR:-$root/.artifacts/cluster}/node-$name/rabbitmq.pid")
  done
  bench prepare --pg "$pg" --management "$cluster_management/" --vhost "$cluster_vhost" \
    --databases "$cluster_measured_dbs,$(cluster_db operations)"
  # Handover first: requests calls it (Peers:Handover), and operations reads requests' reports.
  for service in handover requests verification operations; do cluster_start "$service" 1; done
  cluster_serving handover-1 requests-1 verification-1 operations-1
  phase "cluster: warm-up, one instance"
  cluster_lifecycle 1 --name cluster.warmup --concurrency "$concurrency" --cases "$cluster_warmup" >"$work/cluster-warmup-one.log" \
    || echo "cluster: the warm-up's cases did not all close ($work/cluster-warmup-one.log)" >&2
  cluster_idle one
  cluster_measure one 1 "$concurrency" "$cluster_cases"
  cluster_measure one_low 1 "$cluster_low" $(( cluster_cases / 2 ))

  for service in handover requests verification; do cluster_start "$service" 2; done
  cluster_serving handover-2 requests-2 verification-2
  phase "cluster: warm-up, two instances"
  # Twice as many, so that each new instance sees as many cases as the first ones did.
  cluster_lifecycle 2 --name cluster.warmup --concurrency "$concurrency" --cases $(( 2 * cluster_warmup )) >"$work/cluster-warmup-two.log" \
    || echo "cluster: the warm-up's cases did not all close ($work/cluster-warmup-two.log)" >&2
  cluster_idle two
  cluster_measure two 2 "$concurrency" "$cluster_cases"
  cluster_measure two_low 2 "$cluster_low" $(( cluster_cases / 2 ))

  {
    echo "cluster.warmup_cases=$cluster_warmup"
    local config one two
    for config in "" _low; do
      one=$(sed -n "s/^cluster\.one$config\.cases_per_s=//p" "$work/cluster-one$config.txt")
      two=$(sed -n "s/^cluster\.two$config\.cases_per_s=//p" "$work/cluster-two$config.txt")
      echo "cluster.ratio$config=$(calc %.2f "(${one:-0} > 0 ? ${two:-0} / ${one:-0} : 0)")"
    done
  } | tee "$work/cluster-ratio.txt"
  for name in "${!cluster_pid[@]}"; do kill "${cluster_pid[$name]}" 2>/dev/null || true; done
}

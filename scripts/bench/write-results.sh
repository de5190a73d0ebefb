#!/usr/bin/env bash
# Writes a full run's figures into BENCHMARKS.md, between its results markers; the analysis around them
# is written by hand and kept. Called by scripts/bench.sh.
# Usage: write-results.sh WORK_DIR BENCHMARKS_MD CONCURRENCY SECONDS WARMUP RATE_SECONDS CASES
set -euo pipefail
work=$1; target=$2; concurrency=$3; seconds=$4; warmup=$5; rate_seconds=$6; cases=$7
begin='<!-- results: written by scripts/bench.sh from here to the end marker -->'
end='<!-- end of results -->'

declare -A f
while IFS='=' read -r name value; do
  [ -n "$name" ] && f[$name]=$value
done < <(cat "$work"/*.txt)
ms() { awk -v us="${f[$1]:-0}" 'BEGIN { printf "%.1f", us / 1000 }'; }
latency() { echo "$(ms "$1.p50_us") | $(ms "$1.p90_us") | $(ms "$1.p99_us") | $(ms "$1.max_us")"; }
met() { awk "BEGIN { print ($1) ? \"met\" : \"**missed**\" }"; }
lower_ceiling=$(awk -v b="${f[broker.msgs_per_s]}" -v m="${f[lifecycle.msgs_per_case]}" -v c="${f[commit.inserts_per_s]}" -v k="${f[lifecycle.commits_per_case]}" \
  'BEGIN { x = b / m; y = c / k; printf "%.1f cases/s (%s)", (x < y ? x : y), (x < y ? "broker" : "commit") }')
lifecycle_cpu=$(awk -v a="${f[service.requests.cpu_s_per_1000_cases]}" -v b="${f[service.verification.cpu_s_per_1000_cases]}" -v c="${f[service.handover.cpu_s_per_1000_cases]}" 'BEGIN { printf "%.1f", a + b + c }')
max_rss=0
for p in host.embedded service.requests service.verification service.handover; do
  [ "${f[$p.rss_peak_mb]}" -gt "$max_rss" ] && max_rss=${f[$p.rss_peak_mb]}
done

# Push, not poll (#15): one row per place the watcher scenario ran (bench watch, in its own figures' files).
watchers_table() {
  echo "Idle streams opened and held (parties that receive nothing), each having made its first read; the serving"
  echo "process's CPU time from /proc, in CPU-ms per second, over ${f[watch.embedded.span_s]:-?} s without the streams, then as long with"
  echo "them. Then ${f[watch.embedded.events]:-?} cases submitted one after another, each timed to its \`CaseSubmitted\` on a stream of the"
  echo "submitting party: from the call's start, and from its answer (the commit lies between the two; an event that"
  echo "arrives before the answer counts as 0 there). Latencies in ms."
  echo
  echo "| where | idle streams | CPU-ms/s without → with them | call → event p50 / p99 | answer → event p50 / p99 | events before the answer | the call p50 / p99 |"
  echo "|---|---|---|---|---|---|---|"
  local row label
  for row in embedded distributed crossing; do
    [ -n "${f[watch.$row.idle_streams]:-}" ] || continue
    case $row in
      embedded) label="embedded host (SQLite; woken in-process)" ;;
      distributed) label="requests service (PostgreSQL; woken by LISTEN/NOTIFY)" ;;
      crossing) label="two requests instances on one database: calls to one, streams on the other" ;;
    esac
    echo "| $label | ${f[watch.$row.idle_streams]} (${f[watch.$row.idle_parties]} parties) | ${f[watch.$row.cpu_ms_per_s_no_streams]} → ${f[watch.$row.cpu_ms_per_s_idle]} | $(ms watch.$row.call_to_event_p50_us) / $(ms watch.$row.call_to_event_p99_us) | $(ms watch.$row.answer_to_event_p50_us) / $(ms watch.$row.answer_to_event_p99_us) | ${f[watch.$row.events_before_answer]} of ${f[watch.$row.events]} | $(ms watch.$row.call_p50_us) / $(ms watch.$row.call_p99_us) |"
  done
}

results=$(cat <<EOF
$begin

Run on $(date -u +%Y-%m-%d) by \`scripts/bench.sh\`: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"),
.NET $(dotnet --version), RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null | cut -d- -f1), PostgreSQL $(dpkg-query -W -f='${Version}' postgresql-15 2>/dev/null | cut -d- -f1 | cut -d+ -f1).
Client and servers share the machine, with whatever else runs on it: load average
$(cut -d' ' -f1-3 /proc/loadavg) at the end of the run (32 calls in flight count towards it). Figures move by tens of per cent between runs.

Settings: $concurrency calls (or cases) in flight for every closed-loop scenario, from one client process;
each scenario ${warmup} s warm-up then ${seconds} s measured; the half-peak runs are open loop (calls started on
a fixed schedule, each timed from when it was due) for ${rate_seconds} s; the lifecycle drives $cases cases after 100
warm-up cases. Latencies in ms.

### Ceilings (the same client, the same concurrency)

| baseline | throughput | p50 | p90 | p99 | max |
|---|---|---|---|---|---|
| echo: bare gRPC on ASP.NET, payload of an average intake call | ${f[echo.calls_per_s]} calls/s | $(latency echo) |
| broker: persistent publish with confirms + consume with acks, quorum queue, 1 KiB | ${f[broker.msgs_per_s]} msgs/s consumed (${f[broker.published_per_s]} published/s; latency = publish → confirm) | $(latency broker) |
| commit: single-row insert per transaction, synchronous_commit=${f[commit.synchronous_commit]}, fsync=${f[commit.fsync]} | ${f[commit.inserts_per_s]} inserts/s | $(latency commit) |

### Intake: SubmitRequest, 1–11 children per call

| mode | load | calls/s | p50 | p90 | p99 | max | ÷ echo |
|---|---|---|---|---|---|---|---|
| embedded host (SQLite, in-memory bus) | $concurrency in flight (peak) | ${f[intake.embedded.calls_per_s]} | $(latency intake.embedded) | ${f[ratio.intake_embedded_over_echo]} |
| embedded host | open loop at half the peak, ${f[intake.embedded.half.offered_per_s]} calls/s offered | ${f[intake.embedded.half.calls_per_s]} | $(latency intake.embedded.half) | |
| distributed (PostgreSQL, RabbitMQ) | $concurrency in flight (peak) | ${f[intake.distributed.calls_per_s]} | $(latency intake.distributed) | ${f[ratio.intake_distributed_over_echo]} |
| distributed | open loop at half the peak, ${f[intake.distributed.half.offered_per_s]} calls/s offered | ${f[intake.distributed.half.calls_per_s]} | $(latency intake.distributed.half) | |

### Whole lifecycle, distributed: submitted → … → CLOSED

| figure | value |
|---|---|
| cases closed (failed) | ${f[lifecycle.cases]} (${f[lifecycle.failed]}) |
| cases per second | ${f[lifecycle.cases_per_s]} |
| first submission → last closure | ${f[lifecycle.first_submit_to_last_close_s]} s |
| per-case latency p50 / p90 / p99 / max | $(ms lifecycle.p50_us) / $(ms lifecycle.p90_us) / $(ms lifecycle.p99_us) / $(ms lifecycle.max_us) |
| messages published per case (outbox rows) | ${f[lifecycle.msgs_per_case]} |
| deliveries applied per case (inbox rows) | ${f[lifecycle.deliveries_per_case]} |
| write commits per case (distinct transaction ids on the idempotency, inbox and outbox rows; three databases) | ${f[lifecycle.commits_per_case]} |
| all transactions per case, reads included (pg_stat_database xact_commit: every statement outside a transaction counts, the services' own reads and polls too) | ${f[lifecycle.transactions_per_case]} |
| (cases/s × messages per case) ÷ broker msgs/s | ${f[ratio.lifecycle_msgs_over_broker]} |
| (cases/s × write commits per case) ÷ inserts/s | ${f[ratio.lifecycle_commits_over_commit]} |
| lower ceiling, in cases/s | $lower_ceiling |

### CPU and memory

| process | CPU seconds | peak resident memory |
|---|---|---|
| embedded host | ${f[host.embedded.cpu_s_per_1000_calls]} per 1,000 intake calls | ${f[host.embedded.rss_peak_mb]} MB |
| requests service | ${f[service.requests.cpu_s_per_1000_cases]} per 1,000 lifecycle cases | ${f[service.requests.rss_peak_mb]} MB |
| verification service | ${f[service.verification.cpu_s_per_1000_cases]} per 1,000 lifecycle cases | ${f[service.verification.rss_peak_mb]} MB |
| handover service | ${f[service.handover.cpu_s_per_1000_cases]} per 1,000 lifecycle cases | ${f[service.handover.rss_peak_mb]} MB |

### CPU per operation

CPU time (user + system) of one process over a span in which only that operation reaches it, divided
by how many were done, in µs (\`bench cost\`, \`bench cost-messages\`; ${f[cost.embedded.read.operations]:-?} reads, ${f[cost.embedded.mutate.operations]:-?} mutating
calls, ${f[cost.messages.outbox_publish.operations]:-?} publishes and as many consumed messages in this run). A SubmitRequest's call and child are worked out from calls of
one child and of eleven. In the embedded host a call's events are also published and consumed in the
same process, and counted with the call.

| operation | embedded host | distributed service |
|---|---|---|
| SubmitRequest, per call (children apart) | ${f[cost.embedded.submit_call.cpu_us]} | ${f[cost.requests.submit_call.cpu_us]} (requests) |
| SubmitRequest, per child | ${f[cost.embedded.submit_child.cpu_us]} | ${f[cost.requests.submit_child.cpu_us]} (requests) |
| read: GetCase | ${f[cost.embedded.read.cpu_us]} | ${f[cost.requests.read.cpu_us]} (requests) |
| mutating call: AcceptCase | ${f[cost.embedded.mutate.cpu_us]} | ${f[cost.requests.mutate.cpu_us]} (requests) |
| outbox publish (one event, confirmed, marked sent) | in the calls above | ${f[cost.messages.outbox_publish.cpu_us]} (requests) |
| consumed message: CaseLocated, opening a checklist (one publish included) | in the calls above | ${f[cost.messages.consumed_message.cpu_us]} (verification) |

### Watchers: push, not poll

$(watchers_table)

### Targets (2 cores)

| target | measured | |
|---|---|---|
| intake, embedded, ≥ 1,000 calls/s | ${f[intake.embedded.calls_per_s]} calls/s | $(met "${f[intake.embedded.calls_per_s]} >= 1000") |
| intake, embedded, ≤ 2 CPU-ms per call in the host | ${f[host.embedded.cpu_s_per_1000_calls]} ms | $(met "${f[host.embedded.cpu_s_per_1000_calls]} <= 2") |
| lifecycle, distributed, ≥ 30 cases/s | ${f[lifecycle.cases_per_s]} cases/s | $(met "${f[lifecycle.cases_per_s]} >= 30") |
| lifecycle, distributed, ≤ 40 CPU-ms per case across the services | $lifecycle_cpu ms | $(met "$lifecycle_cpu <= 40") |
| intake p99 < 20 ms at half the peak rate (embedded / distributed) | $(ms intake.embedded.half.p99_us) / $(ms intake.distributed.half.p99_us) ms | $(met "${f[intake.embedded.half.p99_us]} < 20000") / $(met "${f[intake.distributed.half.p99_us]} < 20000") |
| no service above 300 MB resident | largest $max_rss MB | $(met "$max_rss <= 300") |

$("$(dirname "$0")/growth-table.sh" "$work")

$end
EOF
)

if grep -qF "$begin" "$target"; then
  # Replace what is between the markers; keep everything else.
  awk -v begin="$begin" -v end="$end" -v results="$results" '
    $0 == begin { print results; skipping = 1; next }
    $0 == end { skipping = 0; next }
    !skipping { print }
  ' "$target" >"$target.new"
else
  { echo "# Benchmarks"; echo; echo "$results"; } >"$target.new"
fi
mv "$target.new" "$target"

#!/usr/bin/env bash
# Writes the cluster scenario's figures (scripts/bench/cluster.sh) into BENCHMARKS.md, between its own markers, from a
# full run or from `scripts/bench.sh --only cluster`; the analysis around them is written by hand and kept.
# Usage: write-cluster-results.sh WORK_DIR BENCHMARKS_MD
set -euo pipefail
work=$1; target=$2
begin='<!-- cluster results: written by scripts/bench.sh (scenario cluster) from here to the end marker -->'
end='<!-- end of cluster results -->'

declare -A f
while IFS='=' read -r name value; do
  [ -n "$name" ] && f[$name]=$value
done < <(cat "$work"/cluster-*.txt)
configs=(one two one_low two_low)
ms() { awk -v us="${f[$1]:-0}" 'BEGIN { printf "%.0f", us / 1000 }'; }
row() { # LABEL FIGURE: one cell per configuration
  local label=$1 figure=$2 c line="| $1 |"
  for c in "${configs[@]}"; do line+=" ${f[cluster.$c.$figure]:-–} |"; done
  echo "$line"
}
cpu_row() { # INSTANCE
  local c line="| $1 |"
  for c in "${configs[@]}"; do line+=" ${f[cluster.$c.cpu_ms_per_case.$1]:-–} |"; done
  echo "$line"
}
# The CPU-ms per case of every process measured, in one configuration: what one case costs the machine.
all_cpu() {
  local c=$1 total=0 key
  for key in "${!f[@]}"; do
    case $key in cluster.$c.cpu_ms_per_case.services) ;; cluster.$c.cpu_ms_per_case.*) total=$(awk -v a="$total" -v b="${f[$key]}" 'BEGIN { print a + b }') ;; esac
  done
  echo "$total"
}

# One row per database, state and wait seen in any configuration's samples.
backend_rows() {
  local key c line
  for key in $(printf '%s\n' "${!f[@]}" | sed -n 's/^cluster\.[a-z_]*\.backends\.//p' | sort -u); do
    line="| ${key//./, } |"
    for c in "${configs[@]}"; do line+=" ${f[cluster.$c.backends.$key]:-–} |"; done
    echo "$line"
  done
}

results=$(cat <<RESULTS
$begin

Run on $(date -u +%Y-%m-%d\ %H:%M) UTC by \`scripts/bench.sh${BENCH_ONLY:+ --only $BENCH_ONLY}\`: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end
(the bench client, three broker nodes, PostgreSQL and up to seven service processes count towards it). The
cluster: three RabbitMQ nodes on loopback (\`scripts/cluster.sh brokers\`), every service given the three
(\`Bus:Host\`), quorum queues; databases and a vhost of the scenario's own. Each configuration warmed up first
with ${f[cluster.warmup_cases]:-?} cases (twice as many with two instances). Latencies in ms; CPU in CPU-ms per case closed.

| figure | one instance each | two instances each | one instance, fewer in flight | two instances, fewer in flight |
|---|---|---|---|---|
$(row "cases in flight" in_flight)
$(row "cases closed" cases)
$(row "cases failed" failed)
$(row "cases per second" cases_per_s)
| per-case latency p50 / p99 | $(ms cluster.one.p50_us) / $(ms cluster.one.p99_us) | $(ms cluster.two.p50_us) / $(ms cluster.two.p99_us) | $(ms cluster.one_low.p50_us) / $(ms cluster.one_low.p99_us) | $(ms cluster.two_low.p50_us) / $(ms cluster.two_low.p99_us) |
$(row "the machine's busy CPU, in cores (of $(nproc))" machine_cores_busy)
$(row "load average (1 min) at the end" load_average)

**Two instances over one: ${f[cluster.ratio]:-?}× at ${f[cluster.one.in_flight]:-?} cases in flight, ${f[cluster.ratio_low]:-?}× at ${f[cluster.one_low.in_flight]:-?}.**

| CPU-ms per case | one instance each | two instances each | one, fewer in flight | two, fewer in flight |
|---|---|---|---|---|
$(for i in requests-1 requests-2 verification-1 verification-2 handover-1 handover-2 operations-1; do cpu_row $i; done)
$(cpu_row services)
$(for i in broker-1 broker-2 broker-3 postgres client; do cpu_row $i; done)
| every process measured (= CPU-seconds per 1,000 cases; ÷ 1,000 = cores per case/s) | $(all_cpu one) | $(all_cpu two) | $(all_cpu one_low) | $(all_cpu two_low) |

With no case moving (10 s before the measurements), in CPU-ms per second: what an instance costs whether or not it works.

| instance | one instance each | two instances each |
|---|---|---|
$(for i in requests-1 requests-2 verification-1 verification-2 handover-1 handover-2 operations-1; do echo "| $i | ${f[cluster.one.idle_cpu_ms_per_s.$i]:-–} | ${f[cluster.two.idle_cpu_ms_per_s.$i]:-–} |"; done)

The PostgreSQL backends of the scenario's databases that were not idle, sampled once a second (pg_stat_activity),
on average per sample: a backend "active" and waiting for a lock queues behind another transaction; "idle in
transaction" and waiting for ClientRead waits for its service process to send the next statement.

| database, state, waiting for | one instance each | two instances each | one, fewer in flight | two, fewer in flight |
|---|---|---|---|---|
$(backend_rows)

$end
RESULTS
)

printf '%s\n' "$results" | "$(dirname "$0")/replace-block.sh" "$target" "$begin" "$end" "## Scaling on a three-node cluster (#18)"

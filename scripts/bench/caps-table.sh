#!/usr/bin/env bash
# Writes the caps' figures (scripts/bench.sh --only caps, or the full run) into BENCHMARKS.md between the caps
# markers, leaving the rest of the file as it is; docs/scale.md does its arithmetic on them.
# Usage: caps-table.sh WORK_DIR BENCHMARKS_MD
set -euo pipefail
work=$1; target=$2
begin='<!-- caps: written by scripts/bench.sh --only caps from here to its end marker -->'
end='<!-- end of caps -->'

declare -A f
while IFS='=' read -r name value; do
  [ -n "$name" ] && f[$name]=$value
done < <(cat "$work"/caps-*.txt)
ms() { awk -v us="${f[$1]:-0}" 'BEGIN { printf "%.1f", us / 1000 }'; }
kb() { awk -v b="${f[$1]:-0}" 'BEGIN { printf "%.1f", b / 1024 }'; }
cases=${f[caps.footprint.cases]:-0}
postgres=$(dpkg-query -W -f='${Version}' postgresql-15 2>/dev/null | cut -d- -f1 | cut -d+ -f1)
rabbitmq=$(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null | cut -d- -f1)

outbox_rows() {
  local per label where
  for where in outbox outbox_cluster; do
    for per in 1 10; do
      [ -n "${f[caps.$where.per_case_$per.rows]:-}" ] || continue
      [ "$per" = 1 ] && label="each event of another case" || label="$per consecutive events per case"
      [ "$where" = outbox ] && label="$label, one node" || label="$label, three-node cluster"
      echo "| $label | ${f[caps.$where.per_case_$per.rows]} | ${f[caps.$where.per_case_$per.events_per_s]} | ${f[caps.$where.per_case_$per.publish_span_s]} s | ${f[caps.$where.per_case_$per.drained_s]} s | ${f[caps.$where.per_case_$per.stored_by_broker]} |"
    done
  done
}
audit_rows() {
  local n
  for n in 1 32 256; do
    [ -n "${f[caps.audit.in_flight_$n.appends_per_s]:-}" ] || continue
    echo "| $n | ${f[caps.audit.in_flight_$n.appends_per_s]} | ${f[caps.audit.in_flight_$n.commits_per_s]} | ${f[caps.audit.in_flight_$n.entries_per_commit]} | $(ms caps.audit.in_flight_$n.p50_us) / $(ms caps.audit.in_flight_$n.p99_us) |"
  done
}
# Per service: the bytes and the tables that hold most of them, largest first (the rows per case beside each).
storage_rows() {
  local service tables
  for service in requests verification handover; do
    [ -n "${f[caps.footprint.$service.bytes_per_case]:-}" ] || continue
    tables=$(for name in "${!f[@]}"; do
      case $name in caps.footprint.$service.table.*.bytes_per_case)
        local table=${name#caps.footprint.$service.table.}; table=${table%.bytes_per_case}
        echo "${f[$name]} $table ${f[caps.footprint.$service.table.$table.rows_per_case]}" ;;
      esac
    done | sort -rn | awk '$1 > 0 { printf "%s%s %.1f KiB (%s row%s)", (n++ ? ", " : ""), $2, $1 / 1024, $3, ($3 == 1 ? "" : "s") }')
    echo "| $service | $(kb caps.footprint.$service.bytes_per_case) KiB | $tables |"
  done
}
connection_rows() {
  local service
  for service in requests verification handover; do
    [ -n "${f[caps.footprint.$service.connections_peak]:-}" ] || continue
    echo "| $service | ${f[caps.footprint.$service.connections_peak]} | ${f[caps.footprint.$service.connections_active_peak]} | ${f[caps.footprint.$service.connections_in_transaction_peak]} | ${f[caps.footprint.$service.backends_seen]} |"
  done
}

caps=$(cat <<EOF
$begin

Run on $(date -u +%Y-%m-%d) by \`scripts/bench.sh --only caps\`: $(nproc) cores, PostgreSQL $postgres (synchronous_commit on, fsync on),
RabbitMQ $rabbitmq (one node$( [ -n "${f[caps.outbox_cluster.per_case_1.rows]:-}" ] && echo "; the outbox also on a three-node cluster on loopback, its queues on all three")), one instance of each service; load average ${f[caps.load_average]:-?} at the end of the run.

**The outbox's one publisher** (the requests service's lease holder; a backlog committed at once, then drained; events/s from
the first confirmed publish to the last, as the dispatcher stamps them; "stored" is what the broker's queue bound for the run holds):

| backlog | events | events/s | first → last publish | commit → drained | stored by the broker |
|---|---|---|---|---|---|
$(outbox_rows)

**The audit chain's one writer** (the requests service's, alone on a database of its own; each caller appends one entry
and waits for its commit; entries per commit is the writer's group commit; latency in ms):

| callers waiting | entries/s | commits/s | entries per commit | append p50 / p99 |
|---|---|---|---|---|
$(audit_rows)

Chain verified afterwards: ${f[caps.audit.entries_checked]:-?} entries, $( [ "${f[caps.audit.chain_intact]:-0}" = 1 ] && echo intact || echo "**broken**")$( [ -n "${f[caps.audit.verify_s]:-}" ] && echo ", in ${f[caps.audit.verify_s]} s (${f[caps.audit.verify_entries_per_s]} entries/s, the whole chain walked as the mediator's check walks it)").

**Storage per case** (${cases} cases through their whole life to CLOSED, ${f[caps.footprint.failed]:-?} failed, ${f[caps.footprint.cases_per_s]:-?} cases/s;
each table's \`pg_total_relation_size\`, rows, indexes and TOAST, after less before, over the cases; a closed case, so every row its
life wrote, audit entries of every call included):

| service database | bytes per case | of which, largest first (rows per case) |
|---|---|---|
$(storage_rows)

**Connections each instance holds** (\`pg_stat_activity\` every 100 ms during those ${cases} cases at 32 in flight; one instance per
service, its own database; Npgsql's pool, 100 at most per instance):

| service | open, peak | running a statement, peak | idle in a transaction, peak | backends seen in all |
|---|---|---|---|---|
$(connection_rows)

$end
EOF
)

printf '%s\n' "$caps" | "$(dirname "$0")/replace-block.sh" "$target" "$begin" "$end" "## Single-writer caps (#18)"

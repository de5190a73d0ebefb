#!/usr/bin/env bash
# The growth scenario's table for BENCHMARKS.md (write-results.sh puts it among the results), from a full run's
# growth-*.txt: one row per level of open cases stored.
# Usage: growth-table.sh WORK_DIR
set -euo pipefail
work=$1
declare -A f
while IFS='=' read -r name value; do
  [ -n "$name" ] && f[$name]=$value
done < <(cat "$work"/growth-*.txt 2>/dev/null)
levels=$(printf '%s\n' "${!f[@]}" | sed -n 's/^growth\.\([0-9]*\)\.intake\.calls_per_s$/\1/p' | sort -n)
[ -n "$levels" ] || exit 0
ms() { awk -v us="${f[$1]:-0}" 'BEGIN { printf "%.1f", us / 1000 }'; }
first=$(echo "$levels" | head -1); last=$(echo "$levels" | tail -1)
empty_rate=${f[growth.$first.intake.calls_per_s]}
cat <<TABLE
### Growth: cost as the data grows

The embedded host on a data directory of its own, stopped at each level while \`bench seed\` adds open cases
straight into its requests database through the service's own model (see "Cost as the data grows (#15)" below),
then started again; intake and the reads are requester-1's, which holds about half the seeded cases and all of
the intake's. Each level: ${f[growth.$first.seconds]:-?} s of intake after a warm-up, then GetCase, ListCases' first page and a page
nine tenths down requester-1's list (keyset paged), ${f[growth.$first.read_concurrency]:-?} in flight, each for as long. CPU is the host's own per
call, its background work (the events consumed) included; latencies in ms. The warm-up and the intake add cases of
their own, so even level 0 holds some by its reads (requester-1's cases, counted then), and "open cases stored" is
what the host started on: the cases seeded and those earlier levels' intake added.

| open cases stored | requester-1's cases | intake calls/s | ÷ level 0 | intake CPU-ms per call | GetCase p50 / p99, CPU-µs | ListCases first page p50 / p99, CPU-µs | ListCases deep page p50 / p99, CPU-µs | resident MB now / peak |
|---|---|---|---|---|---|---|---|---|
TABLE
for level in $levels; do
  g=growth.$level
  stored=${f[$g.seed.open_cases]:-0}
  ratio=$(awk -v a="${f[$g.intake.calls_per_s]}" -v b="$empty_rate" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  echo "| $stored (level $level) | ${f[$g.visible_cases]} | ${f[$g.intake.calls_per_s]} | $ratio | ${f[$g.intake.cpu_ms_per_call]} |" \
    "$(ms $g.get_case.p50_us) / $(ms $g.get_case.p99_us), ${f[$g.get_case.cpu_us]} |" \
    "$(ms $g.list_first.p50_us) / $(ms $g.list_first.p99_us), ${f[$g.list_first.cpu_us]} |" \
    "$(ms $g.list_deep.p50_us) / $(ms $g.list_deep.p99_us), ${f[$g.list_deep.cpu_us]} |" \
    "${f[$g.rss_mb]} / ${f[$g.rss_peak_mb]} |"
done
seeds=""
for level in $levels; do
  g=growth.$level
  [ -n "${f[$g.seed.cases]:-}" ] && seeds="$seeds${seeds:+; }${f[$g.seed.cases]} cases in ${f[$g.seed.seconds]} s (${f[$g.seed.cases_per_s]}/s) before level $level"
done
peak=0
for level in $levels; do [ "${f[growth.$level.rss_peak_mb]}" -gt "$peak" ] && peak=${f[growth.$level.rss_peak_mb]}; done
last_ratio=$(awk -v a="${f[growth.$last.intake.calls_per_s]}" -v b="$empty_rate" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo
echo "Seeded: ${seeds:-nothing}."
echo
echo "| target | measured | |"
echo "|---|---|---|"
echo "| intake at the largest level ≥ 80 % of its rate at level 0 | $last_ratio | $(awk -v r="$last_ratio" 'BEGIN { print (r >= 0.8) ? "met" : "**missed**" }') |"
echo "| the host ≤ 300 MB resident through the growth scenario | peak $peak MB | $(awk -v p="$peak" 'BEGIN { print (p <= 300) ? "met" : "**missed**" }') |"

#!/usr/bin/env bash
# The fault-injection suite: rounds of forty cases through their whole life in the distributed mode while
# a fault hits them — the broker stopped or killed, each service killed, the PostgreSQL server stopped for a
# minute, one service's database refusing connections for a minute — each checked for cases CLOSED with no
# operator, nothing done twice, every outbox sent, every audit log intact, every final failure on the
# dashboard. ./test.sh runs one of them (the database server stopped); this runs them all (about 20 minutes) and writes RELIABILITY.md.
#
# Usage: scripts/faults.sh [scenario|scenario…]   (default: all; names as in tests/Mediation.FaultTests/Faults.cs)
#        scripts/faults.sh --report                 only write RELIABILITY.md from the results so far
# RELIABILITY.md shows each scenario's latest result in .artifacts/faults/results.tsv.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Every run of a scenario (./test.sh's too) appends a line; the report shows each scenario's latest.
results=.artifacts/faults/results.tsv
status=0
if [ "${1:-}" != "--report" ]; then
  dotnet build tests/Mediation.FaultTests -c Release -nologo -clp:ErrorsOnly >/dev/null || exit 1
  FAULT_SCENARIOS="${1:-all}" dotnet test tests/Mediation.FaultTests -c Release --no-build --nologo \
    --logger "console;verbosity=normal" --blame-hang-timeout 20m --blame-hang-dump-type none
  status=$?
fi
{
  echo "# Reliability: faults injected into the distributed mode"
  echo
  echo "Measured by \`scripts/faults.sh\` and \`./test.sh\` on $(nproc) cores: forty cases, started half a second"
  echo "apart, through their whole life on RabbitMQ and PostgreSQL, the parties calling again with the very same"
  echo "request after a failure that passes, the deployment's redelivery schedule (10 s, 1 min, 5 min, 30 min,"
  echo "2 h). The fault comes once three cases have passed their checks, and the last ten cases start only once it has"
  echo "taken hold, so that every fault meets cases however long it takes to strike. The last column runs from the end of the"
  echo "fault (the moment the broker, the database or the service is started again) to the last case seen"
  echo "CLOSED; cases that had not started when the fault ended still had their whole life to live then, so it"
  echo "is an upper bound on the time to heal. The column before it runs from the moment the broker or the database"
  echo "answers again, or the restarted service serves, until every queue that was being read before the fault has a"
  echo "consumer again (the broker's list of consumers, by its management API, every quarter second): how soon the"
  echo "services read their queues again once what they depend on is back. Load is the machine's one-minute load average as the"
  echo "round ended (on $(nproc) cores; above that, every process waited for a core and the times say more of the"
  echo "machine than of the system). A scenario missing from the table has not been run yet."
  echo
  echo "| fault | run (UTC) | load | cases | closed | stuck | every queue read again after the fault ended | last case CLOSED after the fault ended |"
  echo "|---|---|---|---|---|---|---|---|"
  awk -F'\t' '{ last[$2] = $0; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
    END { for (i = 1; i <= n; i++) { split(last[order[i]], f, "\t"); printf "| %s | %s | %s | %s | %s | %s | %s | %s s |\n", f[2], f[1], f[8] == "" ? "?" : f[8], f[3], f[4], f[5], f[7] == "" ? "not measured" : f[7] " s", f[6] } }' "$results"
  echo
  echo "After each: no timeline entry or custody entry twice, no outbox row unsent, every audit log intact, and"
  echo "every message left in an \`_error\` or \`_skipped\` queue open on the dashboard's fault inbox."
} > RELIABILITY.md
cat RELIABILITY.md
exit $status

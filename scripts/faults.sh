#!/usr/bin/env bash
# The fault-injection suite: rounds of forty cases through their whole life in the distributed mode while
# a fault hits them — the broker stopped or killed, each service killed, the PostgreSQL server stopped for a
# minute, one service's database refusing connections for a minute — each checked for cases CLOSED with no
# operator, nothing done twice, every outbox sent, every audit log intact, every final failure on the
# dashboard. Then a broker node's loss on a three-node cluster (scripts/cluster.sh) with two instances of
# requests, verification and handover: the node stopped, killed (kill -9) or cut off (a partition), and
# brought back. ./test.sh runs two of them (the database server stopped, a cluster node killed); this runs
# them all (about 30 minutes) and writes RELIABILITY.md.
#
# Usage: scripts/faults.sh [scenario|scenario…]   (default: all; names as in tests/Mediation.FaultTests/Faults.cs,
#                                                  e.g. "broker node killed (kill -9, one of three)")
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
  awk -F'\t' '$9 == "" { last[$2] = $0; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
    END { for (i = 1; i <= n; i++) { split(last[order[i]], f, "\t"); printf "| %s | %s | %s | %s | %s | %s | %s | %s s |\n", f[2], f[1], f[8] == "" ? "?" : f[8], f[3], f[4], f[5], f[7] == "" ? "not measured" : f[7] " s", f[6] } }' "$results"
  echo
  echo "After each: no timeline entry or custody entry twice, no outbox row unsent, every audit log intact, and"
  echo "every message left in an \`_error\` or \`_skipped\` queue open on the dashboard's fault inbox."
  echo
  echo "## A broker node lost: three nodes, two instances of each service"
  echo
  echo "The same round on a three-node RabbitMQ cluster (\`scripts/cluster.sh brokers\`: pause_minority, Erlang's"
  echo "net_ticktime 20 s), every process given the three nodes in \`Bus:Host\`, two instances each of requests,"
  echo "verification and handover (one of operations), every queue a quorum queue with a member on each node. The"
  echo "fault takes away the node that leads most of the run's quorum queues (a partition: the one holding most of its connections), read"
  echo "from the management API, and brings it back after 30 s at least: stopped (\`cluster.sh stop N\`, an orderly"
  echo "shutdown), killed (\`kill N\`, kill -9 of its Erlang VM) or cut off (\`partition N\`: iptables drops its Erlang"
  echo "distribution traffic to and from the other two, while clients still reach it, until it sees itself the"
  echo "minority and pauses; \`heal N\`). *Consumers gone* runs from the moment the node goes (its management listener"
  echo "gone, or the kill or the partition's rules done; in runs before 2026-12-02T13:30Z, from the call to cluster.sh,"
  echo "which for an orderly stop includes rabbitmqctl's own start) until every"
  echo "queue has as many consumers as before on the surviving nodes (the management API's consumers, by the node of"
  echo "each one's channel, every quarter second): how long the services read nothing from a queue. The next two"
  echo "columns are the table's above, from the moment the node is started or healed. The last tells whether every"
  echo "quorum queue had its three members online again once the node was back, and how soon."
  echo
  echo "| fault | run (UTC) | load | cases | closed | stuck | node taken away | consumers gone | every queue read again after the node came back | last case CLOSED after the node came back | quorum queues after |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '$9 != "" { last[$2] = $0; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
    END { for (i = 1; i <= n; i++) { split(last[order[i]], f, "\t"); printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s s | %s s | %s |\n", f[2], f[1], f[8] == "" ? "?" : f[8], f[3], f[4], f[5], f[10], f[9] == "not back" ? f[9] : f[9] " s", f[7], f[6], f[11] } }' "$results"
  echo
  echo "After each, the same checks as above."
} > RELIABILITY.md
cat RELIABILITY.md
exit $status

#!/usr/bin/env bash
# Benchmarks — not tests: no timing is asserted anywhere. Measures, in one run on this machine:
#   echo    a bare gRPC echo service on the same ASP.NET stack (the RPC ceiling), same payload size
#   intake  SubmitRequest (1..11 children per call) against the embedded host
# and prints one name=value line per figure, ending with the ratios.
#
# Usage: scripts/bench.sh            longer runs; writes the results table into BENCHMARKS.md
#        scripts/bench.sh --quick    within 60 s on a built tree (./test.sh builds it); prints only
# Settings: BENCH_CONCURRENCY (32 calls in flight).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=0; [ "${1:-}" = "--quick" ] && quick=1
if [ $quick -eq 1 ]; then seconds=8; warmup=2; else seconds=30; warmup=5; fi
concurrency=${BENCH_CONCURRENCY:-32}
work=$root/.artifacts/bench
rm -rf "$work" && mkdir -p "$work"

if [ ! -f "$root/scripts/bench/bin/Release/net10.0/Mediation.Bench.dll" ] || [ ! -f "$root/services/Host/bin/Release/net10.0/Mediation.Host.dll" ] || [ $quick -eq 0 ]; then
  dotnet build "$root/Mediation.sln" -c Release -nologo -clp:ErrorsOnly >/dev/null
fi
(cd "$root/tests/client-node" && [ -d node_modules ] || npm ci --no-audit --no-fund --silent)

bench_dll=$root/scripts/bench/bin/Release/net10.0/Mediation.Bench.dll
bench() { dotnet "$bench_dll" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# CPU seconds and peak resident memory of a process, from /proc.
usage() {
  local pid=$1 ticks
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  echo "$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }') $(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")"
}

echo_port=$(free_port); host_port=$(free_port)
# Started directly, not through the function, so that $! is the server itself and the trap stops it.
dotnet "$bench_dll" echo-server --urls "http://127.0.0.1:$echo_port" >"$work/echo.log" 2>&1 &
echo_pid=$!
dotnet "$root/services/Host/bin/Release/net10.0/Mediation.Host.dll" --urls "http://127.0.0.1:$host_port" \
  --Mediation:DataDirectory "$work/data" >"$work/host.log" 2>&1 &
host_pid=$!
trap 'kill $echo_pid $host_pid 2>/dev/null' EXIT
node "$root/tests/client-node/health.mjs" "127.0.0.1:$host_port" 60 >/dev/null
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$echo_port") 2>/dev/null && break; sleep 0.1; done

options=(--concurrency "$concurrency" --seconds "$seconds" --warmup "$warmup")
bench echo --target "http://127.0.0.1:$echo_port" "${options[@]}" | tee "$work/echo.txt"
read -r cpu_before _ < <(usage $host_pid)
bench intake --target "http://127.0.0.1:$host_port" --key demo-requester-1-key "${options[@]}" | tee "$work/intake.txt"
read -r cpu_after rss < <(usage $host_pid)
calls=$(sed -n 's/^intake.calls=//p' "$work/intake.txt")
figure() { sed -n "s/^$1=//p" "$work"/*.txt; }
echo "host.rss_peak_mb=$rss"
echo "host.cpu_s_per_1000_calls=$(awk -v a="$cpu_after" -v b="$cpu_before" -v n="$calls" 'BEGIN { printf "%.2f", (a - b) * 1000 / n }')"
ratio=$(awk -v i="$(figure intake.calls_per_s)" -v e="$(figure echo.calls_per_s)" 'BEGIN { printf "%.3f", i / e }')
echo "ratio.intake_over_echo=$ratio"

if [ $quick -eq 0 ]; then
  {
    echo "# Benchmarks"
    echo
    echo "Written by \`scripts/bench.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), .NET $(dotnet --version)."
    echo "Each scenario: $concurrency calls in flight, $warmup s warm-up, $seconds s measured; client and servers on this machine."
    echo
    echo "| figure | value | baseline |"
    echo "|---|---|---|"
    for name in calls_per_s p50_us p90_us p99_us max_us; do
      echo "| intake.$name (embedded host) | $(figure "intake.$name") | echo.$name $(figure "echo.$name") |"
    done
    echo "| ratio: intake calls/s ÷ echo calls/s | $ratio | target ≥ 0.5 |"
    echo "| embedded host peak resident memory | ${rss} MB | target ≤ 300 MB |"
    echo "| embedded host CPU per 1,000 intake calls | $(awk -v a="$cpu_after" -v b="$cpu_before" -v n="$calls" 'BEGIN { printf "%.2f", (a - b) * 1000 / n }') s | |"
    echo
    echo "Not measured yet (issue #9): intake against the distributed mode; the whole lifecycle of"
    echo "2,000 cases; the broker (raw publish/consume with confirms) and commit (durable inserts)"
    echo "ceilings and their ratios; intake p99 at half the peak rate."
    echo
    echo "Where intake stands (first look, not yet profiled): far below the echo ceiling, and"
    echo "CPU-bound in the host. Suspects: every call is one SQLite write transaction through SQLite's"
    echo "single writer, shared with the outbox dispatcher's commits; EF Core's per-entity work for a case,"
    echo "its claimants, timeline entry, outbox row and idempotency record. Tried: limiting the match"
    echo "search to the agreeing birth dates, with an index (quick run 21 -> about 50 calls/s, kept);"
    echo "one dispatcher commit per batch instead of per event (three quick runs each: about 33 against"
    echo "about 67 calls/s, so reverted). Next: dotnet-counters and dotnet-trace on the host during a run."
  } > "$root/BENCHMARKS.md"
  echo "wrote BENCHMARKS.md"
fi

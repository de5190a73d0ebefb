#!/usr/bin/env bash
# The one test command. From a fresh clone: installs what is missing, lints the protos, builds,
# runs every test project and the independent Node.js client against a real host process, and
# ends with one line "N passed, N failed, N skipped". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
work=$root/.artifacts/test
rm -rf "$work" && mkdir -p "$work/results"
passed=0 failed=0 skipped=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s\n' "$*"; }
count() { # name, exit code
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "PASS $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}
finish() {
  echo
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

step "tools"
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet not found)"; failed=1; finish; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js and npm are required"; failed=1; finish; }
dotnet --version
if [ ! -x "$root/.artifacts/tools/node_modules/.bin/buf" ]; then
  npm install --prefix "$root/.artifacts/tools" --no-audit --no-fund --silent @bufbuild/buf@1.75.0 || { count "install buf" 1; finish; }
fi
(cd tests/client-node && npm ci --no-audit --no-fund --silent) || { count "install the Node.js client's packages" 1; finish; }
# The dashboard's browser tests drive Debian's Chromium (Playwright downloads no browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package)…"
  (apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }) || { count "install chromium" 1; finish; }
fi
# The README's walks use jq (both) and xxd (the curl walk's signatures).
missing=$(for tool in curl jq xxd openssl; do command -v "$tool" >/dev/null || echo "$tool"; done)
if [ -n "$missing" ]; then
  echo "installing $(echo $missing) (Debian packages)…"
  (apt-get install -y $missing >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y $missing >/dev/null; }) || { count "install $(echo $missing)" 1; finish; }
fi
# The distributed tests run the services as separate processes on a real broker and database.
scripts/rabbitmq.sh start || { count "start RabbitMQ" 1; finish; }
scripts/postgres.sh start || { count "start PostgreSQL" 1; finish; }
trap 'scripts/down.sh >/dev/null 2>&1' EXIT

step "build"
if ! dotnet build Mediation.sln -c Release -nologo -clp:ErrorsOnly; then
  count "build" 1
  finish
fi

step "buf lint protos/"
# After the build: its restore brought the Google protos the HTTP rules import (scripts/proto-imports.sh links them).
scripts/proto-imports.sh && (cd protos && "$root/.artifacts/tools/node_modules/.bin/buf" lint)
count "buf lint (STANDARD)" $?

step "breaking-change gate: protos/ against the released API (scripts/api.sh)"
scripts/api.sh check
count "buf breaking: protos/ keep every promise of protos/released/mediation.binpb" $?
scripts/api.sh selftest
count "buf breaking refuses a renumbered field" $?

step "dotnet test"
# A project counts by what dotnet test says as well as by its results file: a test host that crashes or
# hangs part-way still writes a TRX holding the tests that finished, so its counters alone could read
# "0 failed". A hung test is stopped by --blame-hang-timeout (its name is in the log), and a
# project that discovers no test at all fails, since it would otherwise pass silently.
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  trx=$work/results/$name.trx
  dotnet test "$project" -c Release --no-build --nologo --blame-hang-timeout "${TEST_HANG_TIMEOUT:-15m}" --blame-hang-dump-type none \
    --results-directory "$work/results/$name" \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal"
  code=$?
  if [ ! -f "$trx" ]; then
    count "$name (no results: the test host did not start or crashed; dotnet test exited $code)" 1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  attr() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  outcome=$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx" | grep -o '"[A-Za-z]*"' | tr -d '"')
  p=$(attr passed) f=$(($(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted))) s=$(attr notExecuted)
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
    # Nothing failed by count, yet the run did: the host crashed or hung (its results may be partial or none).
    count "$name: the test run ended with exit code $code (outcome ${outcome:-unknown}) — a crashed or hung test host" 1
  elif [ "$(attr executed)" -eq 0 ]; then
    count "$name ran no test" 1
  elif [ "$outcome" != "Completed" ] && [ "$f" -eq 0 ]; then
    count "$name: the run's outcome is ${outcome:-missing}, not Completed" 1
  fi
done

step "independent Node.js client against the embedded host process"
port=$(( 20000 + RANDOM % 20000 )); web=$((port + 1))
data=$work/host-data
dotnet services/Host/bin/Release/net10.0/Mediation.Host.dll --urls "http://127.0.0.1:$port" --Mediation:WebUrl "http://127.0.0.1:$web" \
  --Mediation:DataDirectory "$data" >"$work/host.log" 2>&1 &
host_pid=$!
trap 'kill $host_pid 2>/dev/null; scripts/down.sh >/dev/null 2>&1' EXIT
node tests/client-node/health.mjs "127.0.0.1:$port" 30
count "host process: every service SERVING within 30 s" $?
[ "$(node tests/client-node/http-status.mjs "http://127.0.0.1:$web/health/ready")" = 200 ] && \
  [ "$(node tests/client-node/http-status.mjs "http://127.0.0.1:$web/operations/")" = 401 ] && \
  [ "$(node tests/client-node/http-status.mjs "http://127.0.0.1:$web/operations/" operator-1:demo-operator-password)" = 200 ]
count "host process: /health/ready answers, the dashboard asks for credentials and opens for the demo operator" $?
node tests/client-node/reunite.mjs "127.0.0.1:$port" >"$work/client-node.log" 2>&1
status=$?
tail -n 3 "$work/client-node.log"
count "Node.js client takes a case from submission to REUNITED and CLOSED" $status
# HTTP/1.1 callers use the web port: without TLS one port cannot serve them beside gRPC's HTTP/2 (docs/quickstart-http.md).
node tests/client-node/reunite-http.mjs "http://127.0.0.1:$web" >"$work/client-node-http.log" 2>&1
status=$?
tail -n 3 "$work/client-node-http.log"
count "Node.js client over HTTP/JSON alone (fetch) takes a case from submission to REUNITED and CLOSED" $status

# The README's two walks, as a partner pastes them: its shell blocks are taken from the README itself, run in
# a scratch folder beside the repository's docs/ and services/, against this host (its ports instead of the
# defaults); the command line is packed and installed as the README says, into a folder of this run's own
# (packed from the repository itself: its build settings are found from there).
readme_block() { awk -v heading="$1" 'index($0, heading) == 1 { found = 1 } found && /^```sh$/ { inside = 1; next } inside && /^```$/ { exit } inside' README.md; }
scratch=$work/readme && mkdir -p "$scratch" && ln -sfn "$root/docs" "$scratch/docs" && ln -sfn "$root/services" "$scratch/services"
readme_block '**With curl over HTTP/JSON**' >"$work/readme-curl.sh"
(cd "$scratch" && BASE="http://127.0.0.1:$web" timeout 300 bash -e "$work/readme-curl.sh") >"$work/readme-curl.log" 2>&1
status=$?
tail -n 1 "$work/readme-curl.log"
[ $status -eq 0 ] && [ "$(tail -n 1 "$work/readme-curl.log")" = CASE_STAGE_CLOSED ]
count "README: the curl walk over HTTP/JSON takes a case to CLOSED" $?
readme_block '**With the `mediation` command line**' \
  | sed -e "s#dotnet pack services/Cli#dotnet pack $root/services/Cli#" -e "s#dotnet tool install -g Mediation.Cli#dotnet tool install --tool-path $work/tools Mediation.Cli#" -e "s#http://localhost:5080#http://127.0.0.1:$port#" >"$work/readme-cli.sh"
(cd "$scratch" && PATH="$work/tools:$PATH" timeout 600 bash -e "$work/readme-cli.sh") >"$work/readme-cli.log" 2>&1
status=$?
tail -n 2 "$work/readme-cli.log"
[ $status -eq 0 ] && grep -q "CLOSED  follow-up visits 2/2" "$work/readme-cli.log" && grep -q "^receipt valid" "$work/readme-cli.log"
count "README: the mediation command line's walk (packed and installed as a tool) takes a case to CLOSED, the receipt verified" $?
kill $host_pid 2>/dev/null; wait $host_pid 2>/dev/null

step "independent Node.js client against the distributed mode started by scripts/up.sh"
# Not the demo: up.sh makes this run's own secrets (scripts/secrets.sh) and the client uses the keys it hands out.
export MEDIATION_SECRETS=$work/secrets
# …and databases of its own, made afresh: a deployment's databases are not this run's to use, and earlier
# runs' were encrypted with earlier secrets (and, until the first release, made by an earlier migration).
export MEDIATION_DATABASES=mediation_testsh
for service in requests verification handover operations; do
  scripts/postgres.sh psql -q -c "DROP DATABASE IF EXISTS ${MEDIATION_DATABASES}_$service WITH (FORCE)" >/dev/null
done
if scripts/up.sh --no-build >"$work/up.log" 2>&1; then
  count "scripts/up.sh: RabbitMQ, PostgreSQL and four service processes SERVING" 0
  # Each log since its latest start: no service announced demo mode.
  for log in "$root"/.artifacts/up/{requests,verification,handover,operations}.log; do
    awk '/==== scripts\/up.sh: starting/ { since = "" } { since = since $0 "\n" } END { printf "%s", since }' "$log"
  done | grep -q "DEMO MODE"
  [ $? -ne 0 ] && [ -f "$MEDIATION_SECRETS/parties.json" ]
  count "scripts/up.sh runs on secrets of its own, not in demo mode" $?
  set -a; . ./.env; set +a
  ready=0
  for p in $MEDIATION_REQUESTS_WEB_PORT $MEDIATION_VERIFICATION_WEB_PORT $MEDIATION_HANDOVER_WEB_PORT $MEDIATION_OPERATIONS_WEB_PORT; do
    [ "$(node tests/client-node/http-status.mjs "http://127.0.0.1:$p/health/ready")" = 200 ] || ready=1
  done
  count "every service process answers /health/ready on its web port" $ready
  MEDIATION_PARTNERS=$MEDIATION_SECRETS/partners node tests/client-node/reunite.mjs "127.0.0.1:$MEDIATION_REQUESTS_PORT" "127.0.0.1:$MEDIATION_VERIFICATION_PORT" "127.0.0.1:$MEDIATION_HANDOVER_PORT" >"$work/client-node-distributed.log" 2>&1
  status=$?
  tail -n 1 "$work/client-node-distributed.log"
  count "Node.js client takes a case to REUNITED and CLOSED across the service processes" $status
  MEDIATION_PARTNERS=$MEDIATION_SECRETS/partners node tests/client-node/reunite-http.mjs "http://127.0.0.1:$MEDIATION_REQUESTS_WEB_PORT" "http://127.0.0.1:$MEDIATION_VERIFICATION_WEB_PORT" "http://127.0.0.1:$MEDIATION_HANDOVER_WEB_PORT" >"$work/client-node-http-distributed.log" 2>&1
  status=$?
  tail -n 1 "$work/client-node-http-distributed.log"
  count "Node.js client over HTTP/JSON alone takes a case to REUNITED and CLOSED across the service processes" $status
else
  cat "$work/up.log"
  count "scripts/up.sh: RabbitMQ, PostgreSQL and four service processes SERVING" 1
fi
scripts/down.sh >/dev/null 2>&1

finish

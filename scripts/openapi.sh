#!/usr/bin/env bash
# Rewrites docs/openapi/mediation.v1.json, the OpenAPI description of the API over HTTP/JSON, from what the
# embedded host serves (GET /openapi/v1.json on its web port): run it after changing the protos, on purpose, and
# commit the result. The integration tests (OpenApiDocumentTests) fail while the served and kept ones differ.
# Usage: scripts/openapi.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = "--no-build" ] || dotnet build services/Host/Mediation.Host.csproj -c Release -nologo -clp:ErrorsOnly
port=$(( 20000 + RANDOM % 20000 )); web=$((port + 1))
data=$(mktemp -d)
dotnet services/Host/bin/Release/net10.0/Mediation.Host.dll --urls "http://127.0.0.1:$port" \
  --Mediation:WebUrl "http://127.0.0.1:$web" --Mediation:DataDirectory "$data" >"$data/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  if curl -sf -o "$data/openapi.json" "http://127.0.0.1:$web/openapi/v1.json"; then
    mv "$data/openapi.json" docs/openapi/mediation.v1.json
    echo "docs/openapi/mediation.v1.json written from the served document: review the change and commit it"
    exit 0
  fi
  sleep 0.5
done
cat "$data/host.log" >&2
echo "the host did not serve /openapi/v1.json within 60 s" >&2
exit 1

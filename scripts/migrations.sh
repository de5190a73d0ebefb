#!/usr/bin/env bash
# Remakes each service's one migration per database provider from today's model.
#
# Until the first release nothing is deployed from the migrations, so each service keeps a single
# "Initial" migration for SQLite and one for PostgreSQL, made afresh whenever the model changes
# (MigrationsTests fails while a model change has no migration). What EF cannot infer from the model —
# the audit log's append-only triggers, the timeline's numbering at commit on PostgreSQL — is created by
# the service's database class (CreateTriggers / DropTriggers), whose call this script adds to the end of
# each migration's Up and the start of its Down.
#
# Usage: scripts/migrations.sh [Service ...]   (default: Requests Verification Handover Operations)
# After the first release: add migrations with `dotnet ef migrations add` instead, and stop using this.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(Requests Verification Handover Operations)
for service in "${services[@]}"; do
  # Built without any migration, so that each is made against an empty history.
  rm -rf "services/$service/Persistence/Sqlite/Migrations" "services/$service/Persistence/Postgres/Migrations"
  dotnet build "services/$service" -c Debug -nologo -clp:ErrorsOnly >/dev/null
  for provider in Sqlite Postgres; do
    dir=services/$service/Persistence/$provider/Migrations
    dotnet ef migrations add Initial --no-build --project "services/$service" --context "$provider${service}Db" \
      --output-dir "Persistence/$provider/Migrations" >/dev/null
    migration=$(ls "$dir"/*_Initial.cs | grep -v Designer)
    python3 - "$migration" "${service}Db" <<'PY'
import re, sys
path, db = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8-sig").read()
up_end = text.index("        /// <inheritdoc />\n        protected override void Down")
body_end = text.rindex("        }\n", 0, up_end)
text = text[:body_end] + f"\n            {db}.CreateTriggers(migrationBuilder);\n" + text[body_end:]
down = text.index("protected override void Down(MigrationBuilder migrationBuilder)\n        {\n") + len("protected override void Down(MigrationBuilder migrationBuilder)\n        {\n")
text = text[:down] + f"            {db}.DropTriggers(migrationBuilder);\n\n" + text[down:]
open(path, "w", encoding="utf-8").write(text)
PY
    echo "$migration"
  done
done

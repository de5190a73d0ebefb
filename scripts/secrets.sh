#!/usr/bin/env bash
# Makes a deployment's own secrets, once: the parties file (each party's API key hash and public signing key,
# the operator's password hash), the keys file (data, index and audit-chain keys), what to hand each partner
# (its API key and private signing key), the operator's password, and the broker's and database's passwords and
# the broker nodes' Erlang cookie for docker compose. Nothing here is in the repository or in an image; keep the
# folder as the deployment's secrets (its keys are the data: without them the databases cannot be read).
# docs/security.md tells the rest.
#
# Usage: scripts/secrets.sh [DIR]      DIR defaults to $MEDIATION_SECRETS, else ./secrets (ignored by git and docker)
# Environment: PARTIES (default "requester-1:Requesting requester-2:Requesting holder-1:Holding holder-2:Holding
#              mediator:Mediator observer:Observer"), OPERATORS (default "operator-1"), OBSERVERS (default
#              "observer-1": the observer's own sign-in to the dashboard, which opens the reports view only).
# A folder that already holds a parties file is left as it is: its secrets are reused, never replaced.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${MEDIATION_SECRETS:-$root/secrets}}
case "${1:-}" in -h|--help) sed -n 2,13p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
if [ -f "$dir/parties.json" ]; then
  echo "secrets: $dir already holds this deployment's secrets (kept as they are)"
  # Made before the broker cluster was: its nodes' shared Erlang cookie is added, nothing else is touched.
  if [ -f "$dir/compose.env" ] && ! grep -q '^MEDIATION_ERLANG_COOKIE=' "$dir/compose.env"; then
    echo "MEDIATION_ERLANG_COOKIE=$(openssl rand -hex 32)" >>"$dir/compose.env"
    echo "  compose.env: added the broker nodes' Erlang cookie (MEDIATION_ERLANG_COOKIE)"
  fi
  exit 0
fi
command -v openssl >/dev/null && command -v python3 >/dev/null || { echo "secrets.sh needs openssl and python3" >&2; exit 1; }
umask 077
mkdir -p "$dir/partners"
dir=$(cd "$dir" && pwd)
PARTIES=${PARTIES:-"requester-1:Requesting requester-2:Requesting holder-1:Holding holder-2:Holding mediator:Mediator observer:Observer"}
OPERATORS=${OPERATORS:-operator-1}
OBSERVERS=${OBSERVERS-observer-1}
# Each party's ECDSA P-256 signing key, PKCS#8 DER in base64, and its public key (SubjectPublicKeyInfo DER, base64).
keys=()
for entry in $PARTIES; do
  id=${entry%%:*}
  # PKCS#8, as partners' clients import it (this OpenSSL writes an EC key in DER as SEC1 otherwise).
  private=$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER 2>/dev/null | base64 -w0)
  public=$(echo "$private" | base64 -d | openssl pkey -inform DER -pubout -outform DER 2>/dev/null | base64 -w0)
  keys+=("$id:$private:$public")
done
python3 - "$dir" "$PARTIES" "$OPERATORS" "$OBSERVERS" "${keys[@]}" <<'PY'
import base64, hashlib, json, os, secrets, sys
out, parties, operators, observers, pairs = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4].split(), sys.argv[5:]
signing = {p.split(':')[0]: p.split(':')[1:] for p in pairs}
def write(name, value, text=False):
    with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
        f.write(value if text else json.dumps(value, indent=2) + '\n')
def token(): return secrets.token_urlsafe(32)
def key32(): return base64.b64encode(secrets.token_bytes(32)).decode()
def password_hash(password, iterations=600_000):
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac('sha256', password.encode(), salt, iterations, 32)
    return f"pbkdf2-sha256${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
party_file = {"Parties": {}, "Operations": {"Operators": {}}}
# The dashboard's reports view reads the report as a party: the observer's key (its only power is the report), else the mediator's.
reports_key, reports_rank = None, 0
for entry in parties:
    pid, kind = entry.split(':')
    api_key = token()
    rank = {"Observer": 2, "Mediator": 1}.get(kind, 0)
    if rank > reports_rank:
        reports_key, reports_rank = api_key, rank
    private, public = signing[pid]
    party_file["Parties"][pid] = {"Name": pid, "Kind": kind,
        "ApiKeySha256": hashlib.sha256(api_key.encode()).hexdigest(), "PublicKey": public}
    write(f"partners/{pid}.json", {"party": f"parties/{pid}", "apiKey": api_key, "signingKey": private})
for name in operators:
    password = token()
    party_file["Operations"]["Operators"][name] = {"PasswordHash": password_hash(password)}
    write(f"{name}.password", password + '\n', text=True)
for name in observers:
    password = token()
    party_file["Operations"]["Operators"][name] = {"PasswordHash": password_hash(password), "Role": "Observer"}
    write(f"{name}.password", password + '\n', text=True)
write("parties.json", party_file)
keys_file = {"PersonalData": {"Keys": {"k1": key32()}, "ActiveKey": "k1", "IndexKey": key32()}, "Audit": {"ChainKey": key32()}}
if reports_key:
    keys_file["Operations"] = {"ReportsApiKey": reports_key}
write("keys.json", keys_file)
write("compose.env", "# docker compose --env-file .env --env-file <this file> up: the deployment's own secrets\n"
      f"MEDIATION_SECRETS={out}\nMEDIATION_BUS_PASSWORD={token()}\nMEDIATION_DATABASE_PASSWORD={token()}\n"
      # The broker nodes prove to each other that they are one cluster with it (docker compose --profile cluster).
      f"MEDIATION_ERLANG_COOKIE={secrets.token_hex(32)}\n", text=True)
PY
echo "secrets: made this deployment's own in $dir (keep it safe and backed up: its keys are the data)"
echo "  parties.json, keys.json   what the services read (Mediation:PartiesFile, Mediation:KeysFile; keys.json also holds the reports view's API key)"
echo "  partners/<party>.json     hand each partner its own: its API key and private signing key"
echo "  <operator>.password       the dashboard's sign-in for $OPERATORS (operators) and $OBSERVERS (observers: the reports view only)"
echo "  compose.env               the broker's and database's passwords and the broker nodes' Erlang cookie for docker compose"

# Shell functions for calling Mediation over HTTP/JSON as the demo parties, with curl, jq and openssl.
# Sourced by the README's and docs/quickstart-http.md's walk:  . docs/examples/party-calls.sh
# BASE is the web port of the embedded host (HTTP/1.1); the demo keys are services/Host/parties.demo.json's.
BASE=${BASE:-http://localhost:5090}
PARTIES=${PARTIES:-services/Host/parties.demo.json}

# api METHOD PATH PARTY [BODY]: one call as PARTY, its officer named in x-officer (every mutating call names one).
api() { curl -s -X "$1" "$BASE$2" -H "authorization: Bearer demo-$3-key" -H "x-officer: officer-of-$3" -H 'content-type: application/json' ${4:+-d "$4"}; }

# wait_until PATH PARTY CONDITION: asks again every 0.2 s, for up to a minute, until jq's CONDITION holds of
# the answer. For a step another service takes a moment later, having heard of the last one over the bus (a
# program follows GET /v1/events:watch instead, to which each event is pushed as it commits).
wait_until() {
  local try
  for try in $(seq 300); do api GET "$1" "$2" | jq -e "$3" >/dev/null && return 0; sleep 0.2; done
  echo "waited a minute for $3 on $1" >&2; return 1
}

# ack LEG GIVER|RECEIVER PARTY: PARTY signs the custody statement for its side of leg LEG of $BATCH with its
# ECDSA P-256 key (SHA-256; the API takes the signature as the 64 bytes r||s, base64; openssl writes DER,
# which asn1parse and xxd turn into r||s), over the chain as it stands, then acknowledges it.
ack() {
  local chain leg previous time statement signature
  chain=$(api GET "/v1/$CASE/custodyChain" mediator | jq .chain); leg=$(echo "$BATCH" | jq ".legs[$1-1]")
  previous=$(echo "$chain" | jq -r 'if (.entries | length) == 0 then "0" * 64 else .headHash end')
  time=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
  statement=$(printf 'mediation.custody.v2\ncase:%s\norigin:%s\nprevious:%s\nbatch:%s\nleg:%s\nrole:%s\nfrom:%s\nto:%s\nparty:parties/%s\nplace:%s\ntime:%s' \
    "$CASE" "$(echo "$chain" | jq -r .originCustodian)" "$previous" "$(echo "$BATCH" | jq -r .name)" "$1" "$2" \
    "$(echo "$leg" | jq -r .fromCustodian)" "$(echo "$leg" | jq -r .toCustodian)" "$3" "$(echo "$leg" | jq -r .place)" "$time")
  signature=$(printf '%s' "$statement" | openssl dgst -sha256 -sign <(jq -r ".Parties[\"$3\"].DemoPrivateKey" "$PARTIES" | base64 -d | openssl pkey -inform DER) \
    | openssl asn1parse -inform DER | awk -F: '/INTEGER/ { printf "%64s", substr($NF, length($NF) - 63) }' | tr ' ' 0 | xxd -r -p | base64 -w0)
  api POST "/v1/$(echo "$BATCH" | jq -r .name):acknowledgeCustody" "$3" "{\"requestId\":\"ack-$CASE-$1-$2\",\"case\":\"$CASE\",\"leg\":$1,\"role\":\"CUSTODY_ROLE_$2\",\"acknowledgeTime\":\"$time\",\"signature\":\"$signature\",\"previousHash\":\"$previous\"}" \
    | jq -r '"\(.chain.state // .message), custodian \(.chain.currentCustodian)"'
}

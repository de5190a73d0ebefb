#!/usr/bin/env bash
# Certificates for a test deployment's mutual TLS (docs/security.md): a certificate authority, the
# services' server certificate (localhost, 127.0.0.1 and the names given in CERT_HOSTS), and one
# client certificate per party, whose common name is the party's id. EC P-256, PEM files.
#
# Usage: scripts/certs.sh DIR PARTY_ID...     e.g. scripts/certs.sh .artifacts/certs requester-1 holder-1 mediator
#   DIR/ca.pem, ca.key        the authority: give ca.pem to the services (Tls:ClientCertificateAuthority)
#                             and to the partners (to check the services); keep ca.key offline
#   DIR/server.pem, .key      Tls:Certificate and Tls:CertificateKey of every service
#   DIR/<party>.pem, .key     the party's client certificate and key: hand them to that party only
# An existing ca.pem/ca.key in DIR is reused, so parties can be added later (and a party's certificate
# renewed: issue it again, then hand it over).
set -euo pipefail
dir=${1:?usage: $0 DIR PARTY_ID...}; shift
mkdir -p "$dir"; cd "$dir"
days=${CERT_DAYS:-365}
sans="DNS:localhost,IP:127.0.0.1"
for host in ${CERT_HOSTS:-}; do sans="$sans,DNS:$host"; done

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; chmod 600 "$1"; }

if [ ! -f ca.pem ] || [ ! -f ca.key ]; then
  key ca.key
  openssl req -x509 -new -key ca.key -sha256 -days $((days * 2)) -subj "/CN=Mediation test parties CA" \
    -addext "basicConstraints=critical,CA:true,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
fi

issue() { # name, extensions
  key "$1.key"
  openssl req -new -key "$1.key" -subj "/CN=$1" -out "$1.csr"
  printf '%s\n' "$2" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days "$days" -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

issue server "basicConstraints=critical,CA:false
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$sans"
for party in "$@"; do
  issue "$party" "basicConstraints=critical,CA:false
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
done
echo "certificates in $dir: ca.pem, server.pem/.key$(printf ', %s.pem/.key' "$@")"

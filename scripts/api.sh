#!/usr/bin/env bash
# The breaking-change gate for the public API (protos/). What partners build against is kept as a built
# image, protos/released/mediation.binpb; `buf breaking` compares protos/ with it, so a change that would
# break a partner's client (a field renumbered, renamed or removed, a type changed, an RPC or a service
# gone, a package moved) fails ./test.sh until it is made on purpose with `release`.
#
#   scripts/api.sh check      protos/ against the released image (FILE rules: wire and generated code)
#   scripts/api.sh release    makes protos/ the released image; add a line to the changelog in docs/partners.md
#   scripts/api.sh selftest   shows the gate refuses a breaking change (a renumbered field, in a copy)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
image=protos/released/mediation.binpb
buf=$root/.artifacts/tools/node_modules/.bin/buf

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
[ $# -eq 1 ] || { usage >&2; exit 2; }
if [ ! -x "$buf" ]; then
  npm install --prefix "$root/.artifacts/tools" --no-audit --no-fund --silent @bufbuild/buf@1.75.0
fi
# The google.api annotations come from a NuGet package; link them where buf finds them, when the
# project has that step.
[ -x scripts/proto-imports.sh ] && scripts/proto-imports.sh >/dev/null

case "$1" in
  check)
    (cd protos && "$buf" breaking --against "$root/$image")
    echo "protos/ keep every promise of $image"
    ;;
  release)
    mkdir -p "$(dirname "$image")"
    (cd protos && "$buf" build --exclude-source-info -o "$root/$image")
    echo "released: $image ($(wc -c <"$image") bytes). Say what changed in docs/partners.md's changelog."
    ;;
  selftest)
    copy=$(mktemp -d)
    trap 'rm -rf "$copy"' EXIT
    cp -r protos/. "$copy"
    file=$copy/mediation/requests/v1/requests.proto
    # The first numbered field of the first message gets another number: wire-incompatible.
    line=$(grep -nE '^\s+[a-z][a-z0-9_.]* [a-z_0-9]+ = 1;' "$file" | head -n 1 | cut -d: -f1)
    sed -i "${line}s/= 1;/= 99;/" "$file"
    if (cd "$copy" && "$buf" breaking --against "$root/$image" >"$copy/out.txt" 2>&1); then
      echo "the gate let a renumbered field through"; exit 1
    fi
    grep -q 'changed option\|changed from\|deleted\|number' "$copy/out.txt" || { cat "$copy/out.txt"; exit 1; }
    echo "the gate refuses a renumbered field: $(head -n 1 "$copy/out.txt")"
    ;;
  *) usage >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Puts a block of results into BENCHMARKS.md between its begin and end marker lines, keeping everything else;
# where the markers are missing, appends the block under a heading of its own. The block (markers included)
# comes on standard input.
# Usage: scripts/bench/replace-block.sh TARGET BEGIN-MARKER END-MARKER HEADING < block
set -euo pipefail
target=$1 begin=$2 end=$3 heading=$4
block=$(cat)
if grep -qF "$begin" "$target"; then
  awk -v begin="$begin" -v end="$end" -v block="$block" '
    $0 == begin { print block; skipping = 1; next }
    $0 == end { skipping = 0; next }
    !skipping { print }
  ' "$target" >"$target.new"
else
  { cat "$target"; echo; echo "$heading"; echo; echo "$block"; } >"$target.new"
fi
mv "$target.new" "$target"

#!/usr/bin/env bash
# Runs the default sweep (hidden 5–30 × the four delay kinds × seeds 0–4,
# 300 epochs, ideal simulator) into docs/results/sweep/ and records the
# commit and the command line in its MANIFEST. Finished rows are kept;
# remove sweep.csv and curves/ to make every run anew.
# Usage: scripts/reproduce-sweep.sh [PARALLEL]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-2}
out=docs/results/sweep
mkdir -p "$out" bin
go build -o bin/delaylab ./cmd/delaylab
commit=$(git rev-parse HEAD)
[ -z "$(git status --porcelain -- ':!docs/results')" ] || commit="$commit (with uncommitted changes)"
cmd="bin/delaylab sweep -out $out -workers $jobs"
$cmd
{
  echo "commit $commit"
  echo "made by: scripts/reproduce-sweep.sh $jobs"
  echo "$cmd"
} > "$out/MANIFEST"

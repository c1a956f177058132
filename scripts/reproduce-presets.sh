#!/usr/bin/env bash
# Trains every reference preset for 5 seeds (300 epochs each, the recipe's
# own settings) and writes one log per run plus a summary table to
# docs/results/presets/. Chip presets run on chip instance = seed.
# Usage: scripts/reproduce-presets.sh [PARALLEL] [PRESET...]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-2}
shift || true
presets=("$@")
if [ ${#presets[@]} -eq 0 ]; then
  presets=(yinyang-h30-w yinyang-h30-wa yinyang-h30-ws yinyang-h5-ws fastdeep-yinyang
           chip-yinyang-w chip-yinyang-wa chip-yinyang-realistic-w chip-yinyang-realistic-wa)
fi
out=docs/results/presets
mkdir -p "$out" bin
go build -o bin/delaylab ./cmd/delaylab
commit=$(git rev-parse HEAD)
[ -z "$(git status --porcelain -- ':!docs/results')" ] || commit="$commit (with uncommitted changes)"
commands() {
  for p in "${presets[@]}"; do
    for s in 0 1 2 3 4; do
      f="$out/$p-seed$s"
      echo "bin/delaylab train -preset $p -seed $s -chip-seed $s -workers 1 -select best-val -log $f.csv > $f.txt"
    done
  done
}
# Runs already finished are kept (the MANIFEST then names an older
# build for them; remove the folder's runs to make them all anew).
commands | while read -r cmd; do
  txt=${cmd##*> }
  [ -s "$txt" ] && grep -q '^test accuracy' "$txt" && continue
  echo "$cmd"
done | xargs -P "$jobs" -I{} bash -c '{}'
{
  echo "commit $commit"
  echo "made by: scripts/reproduce-presets.sh $jobs ${presets[*]}"
  commands
} > "$out/MANIFEST"
go run ./scripts/summarise-presets "$out" > "$out/summary.md"
cat "$out/summary.md"

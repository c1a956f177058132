#!/usr/bin/env bash
# The protocol study behind README "The chip model": trains chip-yinyang-w and
# chip-yinyang-wa (seeds $SEEDS, default "0 1 2 3 4"; chip instance = seed)
# under DelayLab's own training protocol, the DelGrad authors' protocol,
# and protocols that differ from one of them by one convention (see
# 'delaylab protocols').
#
#   scripts/protocol-study.sh main [PARALLEL]      ours and authors, 300 epochs
#                                                  -> docs/results/protocol/
#   scripts/protocol-study.sh ablation [PARALLEL]  one convention switched, 150 epochs
#                                                  (ours and authors again at 150 epochs
#                                                  for reference) -> docs/results/protocol-ablation/
#
# Runs already finished are kept; each folder gets summary.md and a
# MANIFEST with the commit and the command lines.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: $0 main|ablation [PARALLEL]}
jobs=${2:-2}
case "$mode" in
main)
  out=docs/results/protocol epochs=300
  protocols=(ours authors)
  ;;
ablation)
  out=docs/results/protocol-ablation epochs=150
  protocols=(ours authors ours+silent-samples ours+nominal-threshold ours+gradient-cap ours+clip-shadow-weights
    ours+eval-batches ours+interleaved-copies authors-gradient-cap authors-nominal-threshold
    authors-interleaved-copies)
  ;;
*) echo "unknown mode $mode (want main or ablation)" >&2; exit 2 ;;
esac
mkdir -p "$out" bin
commit="$(git rev-parse HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo ' (with uncommitted changes)')"
go build -o bin/delaylab ./cmd/delaylab
for p in "${protocols[@]}"; do
  for s in ${SEEDS:-0 1 2 3 4}; do
    for preset in chip-yinyang-w chip-yinyang-wa; do
      # Input layout only matters where the copies carry delays.
      [ "$preset" = chip-yinyang-w ] && [[ "$p" == *interleaved-copies* ]] && continue
      f="$out/$p--$preset-seed$s"
      cmd="bin/delaylab train -preset $preset -protocol $p -seed $s -chip-seed $s -epochs $epochs -workers 1 -select best-val -log $f.csv"
      [ -s "$f.txt" ] && grep -q '^test accuracy' "$f.txt" && continue
      echo "$cmd > $f.txt"
    done
  done
done | xargs -P "$jobs" -I{} bash -c '{}'
{
  echo "binary built at commit $commit (runs finished by an earlier build are kept;"
  echo "training under a given protocol has not changed since, see the regression tests)"
  echo "made by: scripts/protocol-study.sh $mode"
  for p in "${protocols[@]}"; do
    for s in ${SEEDS:-0 1 2 3 4}; do
      for preset in chip-yinyang-w chip-yinyang-wa; do
        [ "$preset" = chip-yinyang-w ] && [[ "$p" == *interleaved-copies* ]] && continue
        echo "bin/delaylab train -preset $preset -protocol $p -seed $s -chip-seed $s -epochs $epochs -workers 1 -select best-val -log $out/$p--$preset-seed$s.csv > $out/$p--$preset-seed$s.txt"
      done
    done
  done
} > "$out/MANIFEST"
go run ./scripts/summarise-presets "$out" > "$out/summary.md"
cat "$out/summary.md"

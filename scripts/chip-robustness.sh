#!/usr/bin/env bash
# How chip-trained networks stand more trial noise than they trained with:
# trains chip-yinyang-w and chip-yinyang-wa (seeds 0-4, chip instance =
# seed, the authors' noise model) unless their checkpoints exist, then
# tests each final network on its own chip with the per-batch threshold
# noise at several levels (the authors' model: 0.04). Writes the checkpoints
# and a Markdown table to docs/results/chip-robustness/.
# Usage: scripts/chip-robustness.sh [PARALLEL]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-2}
out=docs/results/chip-robustness
mkdir -p "$out" bin
go build -o bin/delaylab ./cmd/delaylab
for s in 0 1 2 3 4; do
  for p in w wa; do
    f="$out/chip-yinyang-$p-seed$s"
    [ -s "$f.dlab" ] && continue
    echo "bin/delaylab train -preset chip-yinyang-$p -seed $s -chip-seed $s -workers 1 -o $f.dlab > $f.txt"
  done
done | xargs -P "$jobs" -I{} bash -c '{}'

{
  echo "script run at commit $(git rev-parse HEAD) (checkpoints made by an earlier build are kept)"
  echo "made by: scripts/chip-robustness.sh $jobs"
  for s in 0 1 2 3 4; do
    for p in w wa; do
      echo "bin/delaylab train -preset chip-yinyang-$p -seed $s -chip-seed $s -workers 1 -o $out/chip-yinyang-$p-seed$s.dlab > $out/chip-yinyang-$p-seed$s.txt"
    done
  done
  for level in 0 0.04 0.1 0.14 0.2; do
    echo "bin/delaylab eval -ckpt $out/chip-yinyang-PRESET-seedSEED.dlab -chip-set threshold-trial-std=$level  (PRESET w, wa; SEED 0-4)"
  done
} > "$out/MANIFEST"

# accuracies LEVEL PRESET: the five test accuracies, one per line.
accuracies() {
  for s in 0 1 2 3 4; do
    bin/delaylab eval -ckpt "$out/chip-yinyang-$2-seed$s.dlab" -chip-set "threshold-trial-std=$1" | awk '{print $2}'
  done
}
stats='{ x[NR] = $1; m += $1 } END { m /= NR; for (i in x) v += (x[i] - m)^2; printf "%.1f ± %.1f", 100 * m, 100 * sqrt(v / (NR - 1)) }'
mean='{ m += $1 } END { printf "%.4f", m / NR }'
{
  echo "| trial noise σ (×0.04) | weights only | + axonal delays | Δ (points) |"
  echo "|---|---|---|---|"
  for level in 0 0.04 0.1 0.14 0.2; do
    w=$(accuracies "$level" w)
    wa=$(accuracies "$level" wa)
    d=$(awk -v a="$(echo "$wa" | awk "$mean")" -v b="$(echo "$w" | awk "$mean")" 'BEGIN { printf "%+.1f", 100 * (a - b) }')
    x=$(awk -v l="$level" 'BEGIN { printf "%.1f", l / 0.04 }')
    echo "| $level (×$x) | $(echo "$w" | awk "$stats") % | $(echo "$wa" | awk "$stats") % | $d |"
  done
} > "$out/summary.md"
cat "$out/summary.md"

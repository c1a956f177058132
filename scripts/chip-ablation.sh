#!/usr/bin/env bash
# Ablation of the chip model: trains chip-yinyang-w and chip-yinyang-wa
# (seeds $SEEDS, default "0 1 2"; chip instance = seed; 300 epochs) under
# variants of the authors' noise model, to find which effect separates the
# network with delays from the one without. The committed results ran
# SEEDS="0 1 2 3 4" for all but the only-* conditions. Logs and a summary table go to
# docs/results/chip-ablation/; runs already finished are kept.
# Usage: scripts/chip-ablation.sh [PARALLEL] [CONDITION...]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-2}
shift || true

# name | delaylab train flags (structure kept: input copies, window, delay grid)
noise=threshold-offset,threshold-trial,timestamp-grid,delay-jitter,weight-grid
declare -A cond=(
  [authors]=""   # the authors' model as it is: the chip presets' own runs
  [quiet]="-chip-without $noise"
  [quiet-no-delay-grid]="-chip-without $noise,delay-grid"
  [only-weight-grid]="-chip-without ${noise/weight-grid/}"
  [only-threshold-offset]="-chip-without ${noise/threshold-offset,/}"
  [only-threshold-trial]="-chip-without ${noise/threshold-trial,/}"
  [trial-x2.5]="-chip-set threshold-trial-std=0.1"
  [trial-x3.5]="-chip-set threshold-trial-std=0.14"
  [trial-x5]="-chip-set threshold-trial-std=0.2"
)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=(authors quiet quiet-no-delay-grid only-weight-grid only-threshold-offset only-threshold-trial trial-x2.5 trial-x3.5 trial-x5)
fi
out=docs/results/chip-ablation
mkdir -p "$out" bin
go build -o bin/delaylab ./cmd/delaylab
for n in "${names[@]}"; do
  [ -n "${cond[$n]+x}" ] || { echo "unknown condition $n" >&2; exit 2; }
  for s in ${SEEDS:-0 1 2}; do
    for p in chip-yinyang-w chip-yinyang-wa; do
      f="$out/$n--$p-seed$s"
      [ -s "$f.txt" ] && grep -q '^test accuracy' "$f.txt" && continue
      # Training is deterministic: reuse the preset run if it exists.
      if [ "$n" = authors ] && grep -qs '^test accuracy' "docs/results/presets/$p-seed$s.txt"; then
        cp "docs/results/presets/$p-seed$s.txt" "$f.txt"
        cp "docs/results/presets/$p-seed$s.csv" "$f.csv"
        continue
      fi
      echo "bin/delaylab train -preset $p -seed $s -chip-seed $s -workers 1 -select best-val ${cond[$n]} -log $f.csv > $f.txt"
    done
  done
done | xargs -P "$jobs" -I{} bash -c '{}'
# The MANIFEST lists the command of every run in the folder (the authors
# condition's runs are the chip presets' own, copied when they exist).
commit=$(git rev-parse HEAD)
{
  echo "script run at commit $commit (runs finished by an earlier build are kept;"
  echo "the result-regression test, DELAYLAB_RESULTS=all, checks that they reproduce)"
  echo "made by: SEEDS=\"${SEEDS:-0 1 2}\" scripts/chip-ablation.sh $jobs ${names[*]}"
  for n in "${!cond[@]}"; do
    for s in 0 1 2 3 4; do
      for p in chip-yinyang-w chip-yinyang-wa; do
        f="$out/$n--$p-seed$s"
        [ -s "$f.txt" ] || continue
        echo "bin/delaylab train -preset $p -seed $s -chip-seed $s -workers 1 -select best-val ${cond[$n]} -log $f.csv > $f.txt"
      done
    done
  done | sort
} > "$out/MANIFEST"
go run ./scripts/summarise-presets "$out" > "$out/summary.md"
cat "$out/summary.md"

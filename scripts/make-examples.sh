#!/usr/bin/env bash
# Makes the example checkpoints that package assets embeds (the page's
# Examples menu, `delaylab examples`): every reference preset of the ideal
# simulator, the two chip presets with and without delays on one chip
# instance (chip seed 0) under both training protocols, and three small
# teaching runs on xor, circles and spirals. Each is one `delaylab train`
# with fixed seeds; all of them are made anew.
#
# Writes to assets/examples/:
#   NAME.dlab  the run's checkpoint (network, training state, history)
#   RESULTS    per example its name, a tab, and the last line train printed
#              ("test accuracy 0.9700 (970/1000)": the final network on the
#              test split), which a checkpoint does not record
#   MANIFEST   the commit the binary was built from and the exact commands
#
# Usage: scripts/make-examples.sh [PARALLEL]   (default 2 runs at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-2}
out=assets/examples
mkdir -p "$out" bin
go build -o bin/delaylab ./cmd/delaylab
commit=$(git rev-parse HEAD)
[ -z "$(git status --porcelain -- ":!$out")" ] || commit="$commit (with uncommitted changes)"

# The examples: a name, then the arguments of train. The recipes keep their
# own epochs and settings; the teaching runs are short on purpose.
examples() {
  cat <<'EOF'
yinyang-h30-w           -preset yinyang-h30-w -seed 0
yinyang-h30-wa          -preset yinyang-h30-wa -seed 0
yinyang-h30-ws          -preset yinyang-h30-ws -seed 0
yinyang-h5-ws           -preset yinyang-h5-ws -seed 0
fastdeep-yinyang        -preset fastdeep-yinyang -seed 0
chip-yinyang-w-ours     -preset chip-yinyang-w -protocol ours -seed 0 -chip-seed 0
chip-yinyang-wa-ours    -preset chip-yinyang-wa -protocol ours -seed 0 -chip-seed 0
chip-yinyang-w-authors  -preset chip-yinyang-w -protocol authors -seed 0 -chip-seed 0
chip-yinyang-wa-authors -preset chip-yinyang-wa -protocol authors -seed 0 -chip-seed 0
xor                     -preset yinyang-h5-ws -data xor -seed 0 -epochs 30
circles                 -preset yinyang-h5-ws -data circles -seed 0 -epochs 30
spirals                 -preset yinyang-h5-ws -data spirals -hidden 20 -seed 0 -epochs 30
EOF
}
train_line() { echo "bin/delaylab train $2 -workers 1 -o $out/$1.dlab"; }

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
rm -f "$out"/*.dlab "$out/RESULTS" "$out/MANIFEST"
examples | while read -r name args; do
  echo "$(train_line "$name" "$args") > $logs/$name.txt"
done | tee /dev/stderr | xargs -P "$jobs" -I{} bash -c '{}'
examples | while read -r name args; do
  last=$(tail -n 1 "$logs/$name.txt")
  case $last in
    "test accuracy "*) printf '%s\t%s\n' "$name" "$last" ;;
    *) echo "make-examples: $name did not finish: $last" >&2; exit 1 ;;
  esac
done > "$out/RESULTS"
{
  echo "commit $commit"
  echo "made by: scripts/make-examples.sh $jobs"
  examples | while read -r name args; do train_line "$name" "$args"; done
} > "$out/MANIFEST"
cat "$out/RESULTS"
du -bc "$out"/*.dlab | tail -n 1

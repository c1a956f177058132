#!/usr/bin/env bash
# bench-authors.sh: DelayLab's training speed against another program's,
# side by side. Builds the CLI, then ROUNDS times (default 3) runs
# `delaylab bench -preset PRESET -workers 1` (default yinyang-h30-ws), the
# command given after --, and the bench again, and prints both programs'
# samples/s and their ratio for the round: DelayLab's figure is the mean of
# the runs before and after, so that the other program's longer run sits
# between two of ours and a change in the machine's load during the round
# touches both sides. Last, the median ratio over the rounds. The other
# command is yours: the authors' code is not part of DelayLab (see README,
# Performance, for how it was timed); it must print its samples/s as
# "NUMBER samples/s" on one line.
#
#   scripts/bench-authors.sh [ROUNDS] [PRESET] -- COMMAND [ARGS...]
set -euo pipefail

cd "$(dirname "$0")/.."
rounds=3
preset=yinyang-h30-ws
[ $# -gt 0 ] && [ "$1" != "--" ] && { rounds=$1; shift; }
[ $# -gt 0 ] && [ "$1" != "--" ] && { preset=$1; shift; }
[ "${1:-}" = "--" ] || { echo "usage: $0 [ROUNDS] [PRESET] -- COMMAND [ARGS...]" >&2; exit 2; }
shift
[ $# -gt 0 ] || { echo "bench-authors: no command to compare with" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
${GO:-go} build -o "$tmp/delaylab" ./cmd/delaylab

# rate PATTERN: the number before "samples/s" on the first line of stdin
# that matches PATTERN.
rate() { grep -m1 "$1" | sed -En 's/^(.*[^0-9.])?([0-9][0-9.]*) samples\/s.*/\2/p'; }
ours() { "$tmp/delaylab" bench -preset "$preset" -workers 1 | rate '^train_samples_per_s ' || true; }

ratios=()
for r in $(seq "$rounds"); do
	before=$(ours)
	other=$("$@" | rate 'samples/s' || true)
	[ -n "$other" ] || { echo "bench-authors: the other command printed no \"NUMBER samples/s\"" >&2; exit 1; }
	after=$(ours)
	[ -n "$before" ] && [ -n "$after" ] || { echo "bench-authors: delaylab bench printed no train_samples_per_s" >&2; exit 1; }
	ratio=$(awk -v a="$before" -v b="$after" -v o="$other" 'BEGIN { printf "%.2f", (a + b) / 2 / o }')
	ratios+=("$ratio")
	echo "round $r: delaylab $before / $after samples/s, other $other samples/s, ratio ${ratio}x"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median ratio %.2fx over %d rounds (%.2f-%.2fx)\n", m, NR, v[1], v[NR] }'

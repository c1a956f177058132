#!/usr/bin/env bash
# bench-authors.sh: DelayLab's training speed against another program's,
# side by side. Builds the CLI, then ROUNDS times (default 3) runs
# `delaylab bench -preset PRESET -workers 1` (default yinyang-h30-ws) and
# the command given after --, one after the other, and prints both
# programs' output lines with "samples/s". The other command is yours: the
# authors' code is not part of DelayLab (see README, Performance, for how
# it was timed); it must print its own samples/s.
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

for r in $(seq "$rounds"); do
	echo "round $r"
	"$tmp/delaylab" bench -preset "$preset" -workers 1 | grep '^train_samples_per_s ' | sed 's/^/  delaylab: /'
	"$@" | grep 'samples/s' | sed 's/^/  other:    /'
done

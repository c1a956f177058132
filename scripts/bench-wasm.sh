#!/usr/bin/env bash
# bench-wasm.sh: how much slower training is under WebAssembly (Node) than
# natively, measured side by side. Builds delgrad's test binary for both,
# then runs BENCH (default: one mini-batch of yinyang-h30-ws training on
# one worker, steady state) natively, under Node and natively again,
# ROUNDS times (default 5), and prints each round's ns/op and the ratio of
# wasm to the mean of the two native runs, then the median ratio. On a
# shared machine the single figures wobble; the native runs on either side
# of the wasm one see the load it saw, and the median ignores a round
# another job spoiled.
#
#   scripts/bench-wasm.sh [ROUNDS] [BENCH] [BENCHTIME]
set -euo pipefail

cd "$(dirname "$0")/.."
go=${GO:-go}
rounds=${1:-5}
bench=${2:-'TrainBatch/yinyang-h30-ws/workers=1$'}
# Seconds, not one: in a 1-s run much of the time goes to Node's first,
# unoptimised tier, which the page leaves within its first seconds.
benchtime=${3:-4s}
wasmexec="$($go env GOROOT)/lib/wasm/wasm_exec_node.js"
command -v node >/dev/null || { echo "bench-wasm: node is not installed (scripts/ensure-node.sh)"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$go test -c -o "$tmp/native.test" ./delgrad
GOOS=js GOARCH=wasm $go test -c -o "$tmp/wasm.test" ./delgrad

# nsop RUNNER...: the ns/op of the first benchmark line.
nsop() {
	(cd delgrad && "$@" -test.run '^$' -test.bench "$bench" -test.benchtime "$benchtime") |
		awk '/^Benchmark/ {print $3; exit}'
}

echo "benchmark $bench, $benchtime per run"
for r in $(seq "$rounds"); do
	n1=$(nsop "$tmp/native.test")
	w=$(nsop node --stack-size=8192 "$wasmexec" "$tmp/wasm.test")
	n2=$(nsop "$tmp/native.test")
	[ -n "$n1" ] && [ -n "$w" ] && [ -n "$n2" ] || { echo "bench-wasm: no benchmark matched $bench" >&2; exit 1; }
	awk -v r="$r" -v a="$n1" -v b="$n2" -v w="$w" 'BEGIN {printf "round %d: native %.0f / %.0f ns/op, wasm %.0f ns/op, wasm/native %.2f\n", r, a, b, w, 2*w/(a+b)}'
	awk -v a="$n1" -v b="$n2" -v w="$w" 'BEGIN {print 2*w/(a+b)}' >>"$tmp/ratios"
done
sort -g "$tmp/ratios" | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median wasm/native %.2f over %d rounds\n", m, NR}'

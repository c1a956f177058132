#!/usr/bin/env bash
# ensure-node.sh: makes sure Node.js is installed; Go's js/wasm test runner
# ($GOROOT/lib/wasm/go_js_wasm_exec) runs the test binaries with `node`.
set -euo pipefail

exec "$(dirname "$0")/ensure-pkg.sh" node nodejs

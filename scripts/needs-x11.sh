#!/usr/bin/env bash
# needs-x11.sh: exits 0 if some package built for the host (tests included)
# depends on Ebitengine's desktop backend (cgo + X11 on Linux), 1 otherwise.
# Packages that import ebiten only under GOOS=js don't count.
set -euo pipefail

cd "$(dirname "$0")/.."
deps=$("${GO:-go}" list -e -deps -test ./... 2>/dev/null || true)
grep -qx 'github.com/hajimehoshi/ebiten/v2/internal/glfw' <<<"$deps"

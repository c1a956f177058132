#!/usr/bin/env bash
# ensure-ebiten-deps.sh: if a host build depends on Ebitengine's desktop
# backend, makes sure of what that needs on Linux: the X11 development headers
# it compiles against with cgo and, without a DISPLAY, xvfb-run (its test
# binaries panic at start-up when no X server is reachable). Does nothing when
# ebiten is imported only under GOOS=js.
set -euo pipefail

here=$(dirname "$0")
if ! "$here/needs-x11.sh"; then
	exit 0
fi

# pkg-config modules and the Debian packages that provide them
# (Ebitengine's install guide for Linux).
mods=(x11 xrandr xcursor xi xinerama xxf86vm gl)
pkgs=()
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "${mods[@]}"; }; then
	pkgs+=(pkg-config libx11-dev libxrandr-dev libxcursor-dev libxi-dev libxinerama-dev libxxf86vm-dev libgl1-mesa-dev)
fi
if [ -z "${DISPLAY:-}" ] && ! command -v xvfb-run >/dev/null 2>&1; then
	pkgs+=(xvfb xauth)
fi
if [ "${#pkgs[@]}" -eq 0 ]; then
	exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	exec "$here/apt-install.sh" "${pkgs[@]}"
fi

echo "a host build imports ebiten, which needs more packages; run: sudo apt-get install -y ${pkgs[*]}"
exit 1

#!/usr/bin/env bash
# with-display.sh COMMAND [ARG...]: runs COMMAND, under xvfb-run when there is
# no DISPLAY and a host build depends on Ebitengine's desktop backend (whose
# test binaries panic at start-up without an X server).
set -euo pipefail

if [ -z "${DISPLAY:-}" ] && "$(dirname "$0")/needs-x11.sh"; then
	echo "(no DISPLAY: running under xvfb-run)"
	exec xvfb-run -a "$@"
fi
exec "$@"

#!/usr/bin/env bash
# ensure-pkg.sh COMMAND DEBIAN-PACKAGE...
#
# Succeeds when COMMAND is on PATH. Otherwise, as root on a Debian-like system
# (apt-get present), installs the Debian packages and checks again; anywhere
# else prints the command to run and exits 1.
set -euo pipefail

if [ "$#" -lt 2 ]; then
	echo "usage: $0 COMMAND DEBIAN-PACKAGE..." >&2
	exit 2
fi
cmd=$1
shift

if command -v "$cmd" >/dev/null 2>&1; then
	exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	"$(dirname "$0")/apt-install.sh" "$@"
	if command -v "$cmd" >/dev/null 2>&1; then
		exit 0
	fi
	echo "$cmd is still missing after: apt-get install -y $*" >&2
	exit 1
fi

echo "$cmd is missing; run: sudo apt-get install -y $*"
exit 1

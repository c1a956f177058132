#!/usr/bin/env bash
# apt-install.sh DEBIAN-PACKAGE...
#
# Installs Debian packages non-interactively. Must run as root. If another
# apt/dpkg process holds the lock (an install already running in the
# background, say), waits for it for up to APT_LOCK_TIMEOUT seconds instead of
# failing at once.
set -euo pipefail

timeout=${APT_LOCK_TIMEOUT:-900}
apt_opts=(-o "DPkg::Lock::Timeout=$timeout" -o "Acquire::Retries=3")

echo "==> installing with apt-get: $*"
apt-get "${apt_opts[@]}" update -q
DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -q "$@"

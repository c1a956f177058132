#!/usr/bin/env bash
# ensure-chromium.sh: makes sure a Chromium the browser tests (chromedp) can
# start is installed. Accepts any of the browsers chromedp looks for on PATH;
# otherwise installs Debian's chromium as root, or says how to.
set -euo pipefail

for b in chromium chromium-browser google-chrome google-chrome-stable headless-shell headless_shell; do
	if command -v "$b" >/dev/null 2>&1; then
		exit 0
	fi
done

exec "$(dirname "$0")/ensure-pkg.sh" chromium chromium

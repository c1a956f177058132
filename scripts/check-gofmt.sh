#!/usr/bin/env bash
# check-gofmt.sh: fails, listing the files, if any Go file of the repository
# is not gofmt-formatted. Checks tracked files and new files that are not
# git-ignored (generated *_gen.go files included).
set -euo pipefail

cd "$(dirname "$0")/.."
gofmt="$(${GO:-go} env GOROOT)/bin/gofmt"

files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	while IFS= read -r -d '' f; do
		[ -f "$f" ] && files+=("$f")
	done < <(git ls-files -z --cached --others --exclude-standard -- '*.go')
else
	while IFS= read -r -d '' f; do
		files+=("$f")
	done < <(find . -name '*.go' -not -path './.git/*' -print0)
fi

if [ "${#files[@]}" -eq 0 ]; then
	echo "gofmt: no Go files"
	exit 0
fi

bad=$("$gofmt" -l "${files[@]}")
if [ -n "$bad" ]; then
	echo "gofmt: these files are not formatted (fix with: make fmt):"
	echo "$bad" | sed 's/^/  /'
	exit 1
fi
echo "gofmt: ${#files[@]} files ok"

#!/usr/bin/env bash
# Writes a gzip copy (`name.gz`) beside each script, stylesheet and WebAssembly file of the built
# front end, so the server sends them compressed without compressing them on every request.
# Always rewritten: a stale copy would be sent instead of the new file.
# Usage: scripts/precompress.sh DIR [LEVEL]   (LEVEL 1–9, default 9)
set -euo pipefail
dir="$1"; level="${2:-9}"
rm -f "$dir"/*.gz
for file in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
  [ -e "$file" ] && gzip -"$level" --keep --force --no-name "$file"
done
exit 0

#!/usr/bin/env bash
# Writes a brotli (`name.br`) and a gzip (`name.gz`) copy beside each script, stylesheet and
# WebAssembly file of the built front end, so the server sends them compressed without
# compressing them on every request. Always rewritten: a stale copy would be sent instead of the
# new file.   Usage: scripts/precompress.sh DIR [fast]   (fast: quick, larger copies)
set -euo pipefail
dir="$1"
gzip_level=9; brotli_quality=11
if [ "${2:-}" = fast ]; then gzip_level=1; brotli_quality=4; fi
rm -f "$dir"/*.gz "$dir"/*.br
for file in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
  [ -e "$file" ] || continue
  gzip -"$gzip_level" --keep --force --no-name "$file"
  brotli --quality="$brotli_quality" --keep --force "$file"
done
exit 0

#!/usr/bin/env bash
# Builds the front end into target/site: the islands' WASM module and its script, and the
# stylesheet, each named after its content (samenspraak.<hash>.wasm) so browsers keep it for a
# year, with brotli and gzip copies beside them and the names listed in target/site/assets.txt
# for the server. Tests, `make run` and `make bench` use this; `cargo leptos watch` stays
# possible for development (the server then finds its plainly named files, see
# app/src/server/front_end.rs).   Usage: scripts/build-front.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."
profile=dev; dir=debug
if [ "${1:-}" = "--release" ]; then profile=wasm-release; dir=wasm-release; fi
cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile "$profile"
site=target/site; pkg=$site/pkg; work=target/front-build
rm -rf "$work"; mkdir -p "$work" "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name samenspraak \
  "target/wasm32-unknown-unknown/$dir/app.wasm"
mv "$work/samenspraak_bg.wasm" "$work/samenspraak.wasm"
if [ "$profile" = wasm-release ]; then
  # binaryen from npm (tools/wasm-opt): Debian's older wasm-opt breaks wasm-bindgen's table of
  # JavaScript values. The features are those Rust enables for wasm32 by default.
  tools/wasm-opt/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$work/samenspraak.wasm" -o "$work/samenspraak.wasm"
fi
cp style/main.css "$work/samenspraak.css"
cp -r public/. "$site/"

# Content names: the first 20 hex digits of the SHA-256. The script is given the WASM module's
# address by the page, so renaming it breaks nothing.
rm -f "$pkg"/samenspraak.*
manifest=$work/assets.txt; : > "$manifest"
for kind in stylesheet:css script:js wasm:wasm; do
  ext=${kind#*:}
  hash=$(sha256sum "$work/samenspraak.$ext" | cut -c1-20)
  cp "$work/samenspraak.$ext" "$pkg/samenspraak.$hash.$ext"
  echo "${kind%%:*} samenspraak.$hash.$ext" >> "$manifest"
done
# Compressed copies for the server to send; quicker ones for the debug build.
if [ "$profile" = wasm-release ]; then scripts/precompress.sh "$pkg"; else scripts/precompress.sh "$pkg" fast; fi
# The list last: a server never sees names whose files are not there yet.
mv "$manifest" "$site/assets.txt"
ls -l "$pkg" | awk 'NR > 1 { printf "  %9d  %s\n", $5, $9 }'

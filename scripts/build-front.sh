#!/usr/bin/env bash
# Builds the WASM front end and the stylesheet into target/site/pkg: the same files, under the
# same names, that cargo-leptos produces. Tests use this so CI does not have to compile
# cargo-leptos itself (about 25 CPU-minutes).   Usage: scripts/build-front.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."
profile=dev; dir=debug
if [ "${1:-}" = "--release" ]; then profile=wasm-release; dir=wasm-release; fi
cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile "$profile"
pkg=target/site/pkg
mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name samenspraak \
  "target/wasm32-unknown-unknown/$dir/app.wasm"
mv "$pkg/samenspraak_bg.wasm" "$pkg/samenspraak.wasm"
if [ "$profile" = wasm-release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    "$pkg/samenspraak.wasm" -o "$pkg/samenspraak.wasm"
fi
cp style/main.css "$pkg/samenspraak.css"
cp -r public/. target/site/
# Compressed copies for the server to send; quick ones for the 40 MB debug build.
if [ "$profile" = wasm-release ]; then scripts/precompress.sh "$pkg" 9; else scripts/precompress.sh "$pkg" 1; fi

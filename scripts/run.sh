#!/usr/bin/env bash
# `make run`: install what is missing, build with cargo-leptos, create the SQLite database under
# data/ with migrations and (first time only) demo data, and serve on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh run
cargo leptos build
scripts/precompress.sh target/site/pkg 1
mkdir -p data
./target/debug/samenspraak seed-demo --if-empty
exec ./target/debug/samenspraak serve

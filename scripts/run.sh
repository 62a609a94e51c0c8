#!/usr/bin/env bash
# `make run`: install what is missing, build the optimised front end and the server, create the
# SQLite database under data/ with migrations and (first time only) demo data, and serve on
# http://127.0.0.1:3000. No cargo-leptos: it takes longer to compile than the whole app (use it
# for `cargo leptos watch` while developing, see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh run
scripts/build-front.sh --release
cargo build -p server
mkdir -p data
./target/debug/samenspraak seed-demo --if-empty
exec ./target/debug/samenspraak serve

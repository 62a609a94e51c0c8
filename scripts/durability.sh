#!/usr/bin/env bash
# `make durability`: one server on SQLite takes a burst of 10,000 ballots (1,000 residents, ten
# polls) through HTTP and is killed with SIGKILL three times during it; clients retry with the
# same submission token. Prints acknowledged against stored and the integrity check; fails when
# anything acknowledged is missing or doubled. Not part of `make test` (it needs a release build
# and a couple of minutes); `make bench` builds the same binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh bench
scripts/build-front.sh --release
cargo build -p server --release --quiet

data=$(mktemp -d /tmp/samenspraak-durability.XXXXXX)
trap 'rm -rf "$data"' EXIT
port=3210
export DATA_DIR="$data" APP_ENV=test LEPTOS_SITE_ADDR="127.0.0.1:$port" PUBLIC_URL="http://127.0.0.1:$port" \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=error
./target/release/samenspraak seed-demo >/dev/null
polls=()
for i in $(seq 1 10); do
  residents=0
  [ "$i" = 1 ] && residents=1000
  loaded=$(./target/release/samenspraak seed-load --municipality duinwijk --trajectories 0 --comments 1 --residents "$residents")
  polls+=("$(echo "$loaded" | sed -nE 's/^poll ([0-9]+) open.*/\1/p')")
done
python3 scripts/durability.py "$port" "$data/samenspraak.db" 1000 bench-wachtwoord-2026 "${polls[@]}"

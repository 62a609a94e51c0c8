#!/usr/bin/env bash
# `make cluster`: Samenspraak as deployed — one PostgreSQL, three app servers behind Debian's
# nginx terminating TLS — under mixed traffic with one app server killed halfway; prints figures
# and checks (scripts/cluster.py says which). A benchmark, not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh cluster
scripts/build-front.sh --release
cargo build -p server --release --quiet
# fsync stays on: the figures are those of a database that keeps what it acknowledged.
PG_FSYNC=on scripts/with-postgres.sh sh -c 'DATABASE_URL="$TEST_POSTGRES_URL" exec python3 scripts/cluster.py'

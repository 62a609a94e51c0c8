#!/usr/bin/env bash
# Starts the server for the end-to-end tests on a fresh database with demo data. The demo
# passwords go to .state/accounts.txt, where the tests read them.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d /tmp/samenspraak-e2e.XXXXXX)
mkdir -p end2end/.state
export DATA_DIR="$data" APP_ENV=test LEPTOS_SITE_ADDR=127.0.0.1:3100 PUBLIC_URL=http://127.0.0.1:3100 \
  SMTP_URL=smtp://127.0.0.1:2526 LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  LOGINS_PER_ADDRESS=1000 # every test signs in from 127.0.0.1, like an office behind one address
./target/debug/samenspraak seed-demo > end2end/.state/accounts.txt
# The platform administrator comes to exist the only way there is: the command line.
root_password="platform_beheer_voor_de_tests"
echo "$root_password" | ./target/debug/samenspraak create-admin --email root@samenspraak.test >/dev/null
echo "  root@samenspraak.test $root_password" >> end2end/.state/accounts.txt
# Hostile text in every field of a municipality of its own (Proefstad), for hostile_text.spec.ts.
./target/debug/samenspraak seed-hostile --out end2end/.state/hostile.json
exec ./target/debug/samenspraak serve

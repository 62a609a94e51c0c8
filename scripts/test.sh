#!/usr/bin/env bash
# `make test`: every check, in order, each one run even when an earlier one failed, then one
# summary line "N passed, N failed" (tests counted one by one; each format or lint gate as one).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh test || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
passed=0; failed=0; failures=()

gate() { # a check that passes or fails as a whole
  local name="$1"; shift
  echo "==> $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); return 1; fi
}

cargo_tests() { # counts the "test result:" lines of cargo test
  local name="$1"; shift
  echo "==> $name"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p f
  p=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{ s += $1 } END { print s + 0 }')
  f=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{ s += $1 } END { print s + 0 }')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
  [ "$status" -eq 0 ] || failures+=("$name")
}

export CARGO_TERM_COLOR=never
# A clean build gains nothing from incremental caches, which only fill the disk (tens of GB).
export CARGO_INCREMENTAL=0
TEST_STEP_LIMIT=${TEST_STEP_LIMIT:-15m}
gate "format" cargo fmt --all -- --check
gate "clippy (ssr)" cargo clippy -p app --features ssr --all-targets --quiet -- -D warnings
gate "clippy (hydrate)" cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --quiet -- -D warnings
gate "clippy (server)" cargo clippy -p server -p migrations --all-targets --quiet -- -D warnings
# The optimised front end, as residents get it: the page-weight test measures it and the
# end-to-end tests run on it.
front_built=no
gate "front-end build (release)" scripts/build-front.sh --release && front_built=yes
# Compile first, then run under a time limit: a test that hangs fails this step in minutes
# instead of holding CI until its own limit ends the whole run.
# Every step below selects the same packages (`--workspace`, dev-dependencies included), so cargo
# resolves the same features and builds everything once: `-p server` or a plain `cargo build`
# resolve other features and rebuilt the server and half its dependencies a second and third time,
# which doubled the target directory and once filled a CI machine's disk.
build_for_tests() { cargo test --workspace --no-run --quiet; }
build_for_tests
cargo_tests "unit and integration tests (SQLite)" timeout "$TEST_STEP_LIMIT" cargo test --workspace
cargo_tests "integration tests (PostgreSQL)" timeout "$TEST_STEP_LIMIT" scripts/with-postgres.sh cargo test --workspace --test integration

echo "==> end-to-end tests (Chromium, hydrated and without JavaScript)"
# The server binary (target/debug/samenspraak) comes from the test build above; this is a no-op
# unless that build failed.
if [ "$front_built" = yes ] && build_for_tests; then
  (cd end2end && npx playwright test) 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  p=$(grep -E '^\s+[0-9]+ passed' "$log" | grep -oE '[0-9]+' | head -n 1)
  f=$(grep -E '^\s+[0-9]+ failed' "$log" | grep -oE '[0-9]+' | head -n 1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$status" -ne 0 ]; then failures+=("end-to-end tests"); [ "${f:-0}" -eq 0 ] && failed=$((failed + 1)); fi
else
  failed=$((failed + 1)); failures+=("front-end build")
fi
rm -f "$log"

[ ${#failures[@]} -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Installs what building and testing Samenspraak needs, skipping whatever is already there.
#   scripts/ensure-tools.sh test   everything `make test` needs
#   scripts/ensure-tools.sh run    everything `make run` needs
#   scripts/ensure-tools.sh bench  everything `make bench` needs (adds wrk, Chromium, Lighthouse)
#   scripts/ensure-tools.sh cluster  everything `make cluster` needs (adds PostgreSQL, nginx, openssl)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"

say() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=no
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$apt_updated" = no ]; then as_root apt-get update -qq; apt_updated=yes; fi
  say "installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen's CLI must match the library version in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "=$wb_version" --quiet
fi

packages=(brotli)                                     # the front end's compressed copies
if [ "$mode" = test ]; then
  packages+=(chromium)                                # end-to-end tests
  command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
fi
[ "$mode" = bench ] && packages+=(wrk chromium)
if [ "$mode" = cluster ]; then
  packages+=(nginx-light openssl)
  command -v psql >/dev/null || packages+=(postgresql-client)
  command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
fi
apt_install "${packages[@]}"

npm_ci() { # installs a folder's npm packages when missing or older than its lock file
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    say "installing npm packages in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci tools/wasm-opt                                 # wasm-opt, for release front ends

if [ "$mode" = test ]; then npm_ci end2end; fi       # Playwright and axe-core
if [ "$mode" = bench ]; then npm_ci tools/lighthouse; fi   # Lighthouse, pinned

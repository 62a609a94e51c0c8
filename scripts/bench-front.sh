#!/usr/bin/env bash
# The front end as a phone gets it, for `make bench`: the bytes of a cold first visit per
# resident page (scripts/bench-page-weight.py), Lighthouse's mobile scores for five pages, and the
# release front end's file sizes. Needs a running server with the demo data.
# Usage: scripts/bench-front.sh PORT RESIDENT_COOKIE LEAD_COOKIE TRAJECTORY CONSULTATION POLL REPORT
set -euo pipefail
cd "$(dirname "$0")/.."
port=$1 resident_cookie=$2 lead_cookie=$3 trajectory=$4 consultation=$5 poll=$6 report=$7
data=$(mktemp -d /tmp/samenspraak-lighthouse.XXXXXX)
trap 'rm -rf "$data"' EXIT
echo "== what a phone downloads on a cold first visit (scripts/bench-page-weight.py)"
# sed, not head: head would stop reading and the pipeline would fail on SIGPIPE. A page without
# such a link falls back to the account page.
case_path=$(curl -fs -H "Cookie: $resident_cookie" "http://127.0.0.1:$port/account" | grep -oE '/account/zaken/[0-9]+' | sed -n 1p || true)
python3 scripts/bench-page-weight.py "http://127.0.0.1:$port" \
  "municipality page=/duinwijk" "trajectory=/duinwijk/trajecten/$trajectory" \
  "consultation (2,000 comments)=/duinwijk/raadplegingen/$consultation" "poll results (1,000 ballots)=/duinwijk/peilingen/$poll" \
  "report (10,000 inputs)=/duinwijk/trajecten/$report/verslag" "council page=/duinwijk/raad" \
  "cookie:$resident_cookie" "poll ballot (signed in)=/duinwijk/peilingen/$poll" \
  "initiative form (signed in)=/duinwijk/initiatief-indienen" "own case (signed in)=${case_path:-/account}" \
  "cookie:$lead_cookie" "staff: new trajectory (B1 island)=/duinwijk/trajecten/nieuw"
lighthouse_once() { # URL OUTPUT
  CHROME_PATH=/usr/bin/chromium tools/lighthouse/node_modules/.bin/lighthouse "$1" \
    --quiet --output=json --output-path="$2" --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic"
}
echo "== Lighthouse $(tools/lighthouse/node_modules/.bin/lighthouse --version), mobile preset (simulated slow 4G, 4x CPU slowdown)"
printf '%-34s %5s %5s %5s %8s %7s %6s\n' page perf a11y bp LCP TBT CLS
for entry in "municipality page=/duinwijk" "trajectory=/duinwijk/trajecten/$trajectory" \
  "consultation=/duinwijk/raadplegingen/$consultation" "poll results=/duinwijk/peilingen/$poll" \
  "report=/duinwijk/trajecten/$report/verslag"; do
  out="$data/lighthouse.json"
  # Lighthouse's own trace recording fails now and then (NO_NAVSTART) on a busy machine: a page
  # gets a second try before it is reported as failed.
  lighthouse_once "http://127.0.0.1:$port${entry#*=}" "$out" || lighthouse_once "http://127.0.0.1:$port${entry#*=}" "$out" \
    || { echo "${entry%%=*}: lighthouse failed twice"; continue; }
  python3 - "${entry%%=*}" "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
c, a = r["categories"], r["audits"]
score = lambda k: round((c[k]["score"] or 0) * 100)
print(f"{sys.argv[1]:<34} {score('performance'):>5} {score('accessibility'):>5} {score('best-practices'):>5} "
      f"{a['largest-contentful-paint']['numericValue'] / 1000:>7.2f}s {a['total-blocking-time']['numericValue']:>5.0f}ms "
      f"{a['cumulative-layout-shift']['numericValue']:>6.3f}")
PY
done
for kind in script wasm; do
  file=target/site/pkg/$(awk -v k=$kind '$1 == k { print $2 }' target/site/assets.txt)
  echo "release front end, $kind: $(stat -c %s "$file") bytes raw, $(stat -c %s "$file.br") brotli, $(stat -c %s "$file.gz") gzip (loaded only on pages with an island)"
done

#!/usr/bin/env bash
# `make bench`: prints figures, asserts nothing. Release build, fresh SQLite database with demo
# data plus 500 trajectories and a consultation with 2,000 comments (and their replies), wrk on
# loopback against the home page, the desk (plain and filtered), a trajectory page, the
# open-data list, the busy consultation (newest, most supported, a late page) and its comments
# API; then comment posting through the real HTTP path by 300 residents, a burst of 1,000 voters
# in one poll and its results page and open data; the desk's queue (as a desk officer), register
# and open data with 5,000 cases; a report of 10,000 inputs (built and published, then its page,
# a late page, everything on one page, the answering screen, JSON and CSV); the bytes a phone
# downloads per resident page on a cold visit and Lighthouse's mobile scores for five of them;
# WASM size and the server's resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh bench
scripts/build-front.sh --release
cargo build -p server --release --quiet

data=$(mktemp -d /tmp/samenspraak-bench.XXXXXX)
port=3200
export DATA_DIR="$data" APP_ENV=test LEPTOS_SITE_ADDR="127.0.0.1:$port" PUBLIC_URL="http://127.0.0.1:$port" \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=error
accounts=$(./target/release/samenspraak seed-demo)
desk_password=$(echo "$accounts" | awk '$1 == "loket@duinwijk.example" { print $2 }')
lead_password=$(echo "$accounts" | awk '$1 == "projectleider@duinwijk.example" { print $2 }')
resident_password=$(echo "$accounts" | awk '$1 == "inwoner@duinwijk.example" { print $2 }')
# The desk must stay fast with hundreds of trajectories, a consultation with thousands of comments
# and thousands of cases.
loaded=$(./target/release/samenspraak seed-load --municipality duinwijk --trajectories 500 --comments 2000 --residents 1000 --cases 5000 --report 10000)
consultation=$(echo "$loaded" | sed -nE 's/^consultation ([0-9]+) with.*/\1/p')
poll=$(echo "$loaded" | sed -nE 's/^poll ([0-9]+) open.*/\1/p')
report=$(echo "$loaded" | sed -nE 's/^report on trajectory ([0-9]+) with.*/\1/p')
echo "$loaded" | grep -E '^(consultation|poll|[0-9]+ desk cases|report)'

./target/release/samenspraak serve & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

measure() { # requests/s and latency of GET $1, with the cookie $2 when given
  wrk -t2 -c64 -d10s --latency ${2:+-H "Cookie: $2"} "http://127.0.0.1:$port$1" | awk '
    /Requests\/sec/ { print "requests/s: " $2 }
    /^ +50%/ { print "p50 latency: " $2 }
    /^ +99%/ { print "p99 latency: " $2 }
    /Non-2xx/ { print "non-2xx responses: " $NF }'
}
rss() { awk '/^VmRSS/ { print $2 " kB" }' "/proc/$pid/status"; }
echo "server resident memory at start: $(rss)"
trajectory=$(curl -fs "http://127.0.0.1:$port/api/v1/duinwijk/trajectories?q=Dorpsplein" | sed -E 's/.*"id":([0-9]+).*/\1/')
for path in / /duinwijk "/duinwijk?thema=jeugd&pagina=2" "/duinwijk/trajecten/$trajectory" /api/v1/duinwijk/trajectories \
  "/duinwijk/raadplegingen/$consultation" "/duinwijk/raadplegingen/$consultation?sorteer=meeste-steun" \
  "/duinwijk/raadplegingen/$consultation?sorteer=oudste&pagina=90" "/api/v1/duinwijk/consultations/$consultation/comments"; do
  echo "== GET $path: wrk, 2 threads, 64 connections, 10 s"
  measure "$path"
done
echo "== POST /api/post_comment: 300 residents post 10 comments each, 32 at a time"
python3 scripts/bench-posting.py "$port" "$consultation" 300 bench-wachtwoord-2026 32
echo "== POST /api/cast_vote: 1,000 residents vote in one poll, 64 at a time"
python3 scripts/bench-voting.py "$port" "$poll" 1000 bench-wachtwoord-2026 64
for path in "/duinwijk/peilingen/$poll" "/api/v1/duinwijk/polls/$poll/results" "/api/v1/duinwijk/polls/$poll/results.csv"; do
  echo "== GET $path (1,000 ballots, live results): wrk, 2 threads, 64 connections, 10 s"
  measure "$path"
done
echo "== the participation desk with 5,000 cases"
log_in() { # the session cookie of $1 with password $2
  curl -fs -o /dev/null -D - -X POST "http://127.0.0.1:$port/api/log_in" \
    -H "Origin: http://127.0.0.1:$port" -H "Accept: application/json" \
    --data-urlencode "email=$1" --data-urlencode "password=$2" --data-urlencode "next=" |
    sed -nE 's/^[Ss]et-[Cc]ookie: ([^;]+);.*/\1/p' | head -n 1
}
desk_cookie=$(log_in loket@duinwijk.example "$desk_password")
for path in /beheer/duinwijk/loket "/beheer/duinwijk/loket?termijn=te-laat" "/beheer/duinwijk/loket?status=alle&pagina=150"; do
  echo "== GET $path (desk officer): wrk, 2 threads, 64 connections, 10 s"
  measure "$path" "$desk_cookie"
done
for path in /duinwijk/initiatieven "/duinwijk/initiatieven?sorteer=steun&pagina=50" /api/v1/duinwijk/initiatives \
  "/api/v1/duinwijk/initiatives?sort=supports&page=50" /api/v1/duinwijk/desk/norms /duinwijk/raad; do
  echo "== GET $path: wrk, 2 threads, 64 connections, 10 s"
  measure "$path"
done
echo "== the report of 10,000 inputs"
for path in "/duinwijk/trajecten/$report/verslag" "/duinwijk/trajecten/$report/verslag?pagina=40&afweging=adopted"; do
  echo "== GET $path: wrk, 2 threads, 64 connections, 10 s"
  measure "$path"
done
measure_big() { # a document of megabytes: 8 connections, and a timeout that does not cut it off
  wrk -t2 -c8 -d10s --timeout 30s --latency ${2:+-H "Cookie: $2"} "http://127.0.0.1:$port$1" | awk '
    /Requests\/sec/ { print "requests/s: " $2 } /^ +50%/ { print "p50 latency: " $2 } /^ +99%/ { print "p99 latency: " $2 }'
  echo "size: $(curl -fs ${2:+-H "Cookie: $2"} "http://127.0.0.1:$port$1" | wc -c) bytes"
}
for path in "/api/v1/duinwijk/trajectories/$report/report" "/api/v1/duinwijk/trajectories/$report/report.csv" \
  "/duinwijk/trajecten/$report/verslag?pagina=alle"; do
  echo "== GET $path (all 10,000 inputs): wrk, 2 threads, 8 connections, 10 s"
  measure_big "$path"
done
measure_encoded() { # GET $1 asking for the compression $2, over $3 connections
  wrk -t2 -c"$3" -d10s --latency --timeout 30s -H "Accept-Encoding: $2" "http://127.0.0.1:$port$1" | awk '
    /Requests\/sec/ { print "requests/s: " $2 } /^ +50%/ { print "p50 latency: " $2 } /^ +99%/ { print "p99 latency: " $2 }'
}
echo "== GET /duinwijk as a phone asks for it (Accept-Encoding: br): wrk, 2 threads, 64 connections, 10 s"
measure_encoded /duinwijk br 64
for path in "/api/v1/duinwijk/trajectories/$report/report" "/duinwijk/trajecten/$report/verslag?pagina=alle"; do
  echo "== GET $path as a browser or API client asks for it (Accept-Encoding: gzip, deflate, br): wrk, 2 threads, 8 connections, 10 s"
  measure_encoded "$path" "gzip, deflate, br" 8
done
echo "== a burst of 200 logins at once"
python3 scripts/bench-login-burst.py "$port" "$pid" 200 bench-wachtwoord-2026
lead_cookie=$(log_in projectleider@duinwijk.example "$lead_password")
echo "== GET /duinwijk/trajecten/$report/antwoorden (project lead, 10,000 inputs): wrk, 2 threads, 8 connections, 10 s"
measure_big "/duinwijk/trajecten/$report/antwoorden" "$lead_cookie"
echo "server resident memory after load: $(rss) (peak $(awk '/^VmHWM/ { print $2 " kB" }' "/proc/$pid/status"))"
resident_cookie=$(log_in inwoner@duinwijk.example "$resident_password")
scripts/bench-front.sh "$port" "$resident_cookie" "$lead_cookie" "$trajectory" "$consultation" "$poll" "$report"

#!/usr/bin/env python3
"""Comment posting through the real HTTP path, for `make bench`: prints figures, asserts nothing.

Logs in N bench residents through /api/log_in (spread over loopback addresses 127.0.0.x, since
logins are limited per address), collects one submission token per comment from
/api/get_consultation, then posts every comment through /api/post_comment from a pool of
threads and prints comments/s and latency percentiles. Each account posts at most 10 comments:
the burst the per-account limit allows. Standard library only.

Usage: bench-posting.py PORT CONSULTATION ACCOUNTS PASSWORD [THREADS]
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import bench_http
from bench_http import call as call_on, percentile

PORT, CONSULTATION, ACCOUNTS, PASSWORD = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
THREADS = int(sys.argv[5]) if len(sys.argv) > 5 else 32
PER_ACCOUNT = 10


def call(function, form, cookie=None, source="127.0.0.1"):
    return call_on(PORT, function, form, cookie, source)


def log_in(n):
    # 25 accounts per loopback address stays inside the per-address login burst.
    source = f"127.0.0.{2 + n // 25}"
    status, body, cookie = bench_http.log_in(PORT, f"bench{n}@duinwijk.example", PASSWORD, source)
    if status != 200:
        raise SystemExit(f"login of bench{n} failed: {status} {body[:200]}")
    tokens = []
    for _ in range(PER_ACCOUNT):
        status, body, _ = call("get_consultation", {"municipality": "duinwijk", "id": CONSULTATION}, cookie)
        tokens.append(json.loads(body)["submission_token"])
    return cookie, tokens


def post(job):
    cookie, token, n = job
    form = {
        "municipality": "duinwijk",
        "consultation": CONSULTATION,
        "submission_token": token,
        "body": f"Benchmarkreactie {n}: graag meer bomen en bankjes in de schaduw.",
    }
    started = time.perf_counter()
    status, _, _ = call("post_comment", form, cookie)
    return status, time.perf_counter() - started


def main():
    with ThreadPoolExecutor(THREADS) as pool:
        sessions = list(pool.map(log_in, range(ACCOUNTS)))
    jobs = [(cookie, token, i * PER_ACCOUNT + k) for i, (cookie, tokens) in enumerate(sessions) for k, token in enumerate(tokens)]
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(post, jobs))
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for _, latency in results)
    failures = sum(1 for status, _ in results if status != 200)

    print(f"comments posted: {len(results)} by {ACCOUNTS} accounts, {THREADS} at a time, in {elapsed:.2f} s")
    print(f"comments/s: {len(results) / elapsed:.0f}")
    print(f"logins answered 'busy, retry' (503): {bench_http.busy_answers}")
    print(f"p50 latency: {percentile(latencies, 50):.1f} ms, p99 latency: {percentile(latencies, 99):.1f} ms")
    print(f"non-200 responses: {failures}")


main()

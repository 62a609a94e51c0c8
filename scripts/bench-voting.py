#!/usr/bin/env python3
"""A voting burst through the real HTTP path, for `make bench`: prints figures, asserts nothing.

Logs in N bench residents (spread over loopback addresses, since logins are limited per
address), takes one submission token each from /api/get_poll, then has them all vote through
/api/cast_vote from a pool of threads, and prints ballots/s, latency percentiles and errors, and
whether the counted ballots equal the acknowledged ones. Standard library only.

Usage: bench-voting.py PORT POLL ACCOUNTS PASSWORD [THREADS]
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import bench_http
from bench_http import call as call_on, percentile

PORT, POLL, ACCOUNTS, PASSWORD = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
THREADS = int(sys.argv[5]) if len(sys.argv) > 5 else 64


def call(function, form, cookie=None, source="127.0.0.1"):
    return call_on(PORT, function, form, cookie, source)


def log_in(n):
    source = f"127.0.1.{2 + n // 25}"
    status, body, cookie = bench_http.log_in(PORT, f"bench{n}@duinwijk.example", PASSWORD, source)
    if status != 200:
        raise SystemExit(f"login of bench{n} failed: {status} {body[:200]}")
    status, body, _ = call("get_poll", {"municipality": "duinwijk", "id": POLL}, cookie)
    return cookie, json.loads(body)


def vote(job):
    n, cookie, poll = job
    form = {"municipality": "duinwijk", "poll": POLL, "submission_token": poll["submission_token"], **bench_http.ballot(n, poll)}
    started = time.perf_counter()
    status, _, _ = call("cast_vote", form, cookie)
    return status, time.perf_counter() - started


def main():
    with ThreadPoolExecutor(32) as pool:
        sessions = list(pool.map(log_in, range(ACCOUNTS)))
    jobs = [(n, cookie, poll) for n, (cookie, poll) in enumerate(sessions)]
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(vote, jobs))
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for _, latency in results)
    acknowledged = sum(1 for status, _ in results if status == 200)

    status, body, _ = call("get_poll", {"municipality": "duinwijk", "id": POLL})
    counted = json.loads(body)["ballots"]
    print(f"ballots: {len(results)} in {elapsed:.2f} s = {len(results) / elapsed:.0f} ballots/s ({THREADS} at a time)")
    print(f"logins answered 'busy, retry' (503): {bench_http.busy_answers}")
    print(f"p50 latency: {percentile(latencies, 50):.1f} ms, p99 latency: {percentile(latencies, 99):.1f} ms")
    print(f"errors: {len(results) - acknowledged}; counted ballots {counted} for {acknowledged} acknowledged")


main()

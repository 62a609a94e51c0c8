#!/usr/bin/env python3
"""Nothing acknowledged is lost: a burst of votes through HTTP to one server on SQLite, killed
with SIGKILL three times during the burst and started again, with every client retrying its
ballot with the same submission token until it is answered. Prints acknowledged against stored
(they must be equal, none doubled) and SQLite's integrity check. Standard library only.

Usage: durability.py PORT DATABASE_FILE ACCOUNTS PASSWORD POLL [POLL ...]
(the environment carries the server's settings; the server binary is target/release/samenspraak)
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import bench_http
from bench_http import call as call_on

PORT, DATABASE, ACCOUNTS, PASSWORD = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
POLLS = sys.argv[5:]
THREADS = 64
KILL_AT = (0.25, 0.5, 0.75)

server = None
server_lock = threading.Lock()
acknowledged = 0
acknowledged_lock = threading.Lock()
retries = 0


def start_server():
    global server
    server = subprocess.Popen(["./target/release/samenspraak", "serve"], stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if call_on(PORT, "current_account", {})[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit("the server did not start")


def call(function, form, cookie=None, source="127.0.0.1"):
    """Like a browser retrying a form whose answer never came: the same form again, until a real
    answer (not a lost connection, not a 502/503) arrives."""
    global retries
    while True:
        try:
            status, body, set_cookie = call_on(PORT, function, form, cookie, source)
            if status not in (502, 503):
                return status, body, set_cookie
        except OSError:
            pass
        retries += 1
        time.sleep(0.1)


def log_in(n):
    source = f"127.0.2.{2 + n // 25}"
    # Before any kill; a 503 (password hashing full) is retried after its Retry-After.
    status, body, cookie = bench_http.log_in(PORT, f"bench{n}@duinwijk.example", PASSWORD, source)
    if status != 200:
        raise SystemExit(f"login of bench{n} failed: {status} {body[:200]}")
    return cookie


def prepare(job):
    n, cookie, poll_id = job
    status, body, _ = call("get_poll", {"municipality": "duinwijk", "id": poll_id}, cookie)
    poll = json.loads(body)
    form = {"municipality": "duinwijk", "poll": poll_id, "submission_token": poll["submission_token"], **bench_http.ballot(n, poll)}
    return cookie, form


def vote(job):
    global acknowledged
    cookie, form = job
    status, body, _ = call("cast_vote", form, cookie)
    if status == 200:
        with acknowledged_lock:
            acknowledged += 1
    return status, body[:200]


def killer(total):
    done = 0
    for share in KILL_AT:
        while acknowledged < share * total:
            time.sleep(0.01)
        with server_lock:
            server.send_signal(signal.SIGKILL)
            server.wait()
            done += 1
            print(f"SIGKILL {done} after {acknowledged} acknowledged ballots", flush=True)
            start_server()


def main():
    start_server()
    with ThreadPoolExecutor(32) as pool:
        cookies = list(pool.map(log_in, range(ACCOUNTS)))
        jobs = list(pool.map(prepare, [(n, cookie, poll) for n, cookie in enumerate(cookies) for poll in POLLS]))
    total = len(jobs)
    kills = threading.Thread(target=killer, args=(total,))
    kills.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(vote, jobs))
    elapsed = time.perf_counter() - started
    kills.join()
    refused = [r for r in results if r[0] != 200]
    counted = 0
    for poll in POLLS:
        status, body, _ = call("get_poll", {"municipality": "duinwijk", "id": poll})
        counted += json.loads(body)["ballots"]
    server.send_signal(signal.SIGTERM)
    server.wait()

    db = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True)
    placeholders = ",".join("?" * len(POLLS))
    stored = db.execute(f"SELECT COUNT(*) FROM poll_voters WHERE activity_id IN ({placeholders})", POLLS).fetchone()[0]
    doubled = db.execute(
        f"SELECT COUNT(*) FROM (SELECT activity_id, user_id FROM poll_voters WHERE activity_id IN ({placeholders}) "
        "GROUP BY activity_id, user_id HAVING COUNT(*) > 1)", POLLS).fetchone()[0]
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    print(f"ballots sent: {total} ({len(POLLS)} polls x {ACCOUNTS} residents, {THREADS} at a time) in {elapsed:.1f} s, "
          f"{len(KILL_AT)} times killed with SIGKILL and restarted")
    print(f"requests retried after a lost answer: {retries}; logins answered 'busy': {bench_http.busy_answers}")
    print(f"acknowledged: {acknowledged}; stored voters: {stored}; counted in the results: {counted}; "
          f"doubled: {doubled}; refused: {len(refused)} {refused[:3]}")
    print(f"integrity check: {integrity}")
    ok = acknowledged == total == stored == counted and doubled == 0 and integrity == "ok"
    print("durability: " + ("every acknowledged ballot stored exactly once" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


main()

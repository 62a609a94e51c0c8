#!/usr/bin/env python3
"""A burst of logins all at once, for `make bench`: N bench residents sign in at the same moment
(each from its own loopback address, so no address limit stands in the way), and the server's
resident memory is read while they are being answered. Prints how long the burst took, how many
were answered 'busy, retry' (503, then sent again after Retry-After, as a browser would), failures,
and the peak resident memory seen. Standard library only.

Usage: bench-login-burst.py PORT SERVER_PID ACCOUNTS PASSWORD
"""

import sys
import threading
import time

import bench_http

PORT, PID, ACCOUNTS, PASSWORD = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]


def resident_kb():
    with open(f"/proc/{PID}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1])
    return 0


def main():
    results = [None] * ACCOUNTS
    start = threading.Barrier(ACCOUNTS + 1)

    def one(n):
        start.wait()
        source = f"127.0.{1 + n // 200}.{2 + n % 200}"
        results[n] = bench_http.log_in(PORT, f"bench{n}@duinwijk.example", PASSWORD, source)[0]

    threads = [threading.Thread(target=one, args=(n,)) for n in range(ACCOUNTS)]
    for thread in threads:
        thread.start()
    before = resident_kb()
    start.wait()
    began, peak = time.perf_counter(), before
    while any(thread.is_alive() for thread in threads):
        peak = max(peak, resident_kb())
        time.sleep(0.01)
    took = time.perf_counter() - began
    print(f"logins: {ACCOUNTS} at once in {took:.2f} s; answered 'busy, retry' (503): {bench_http.busy_answers}; "
          f"failed: {sum(1 for status in results if status != 200)}")
    print(f"server resident memory: {before} kB before, peak {peak} kB during, {resident_kb()} kB after")


main()

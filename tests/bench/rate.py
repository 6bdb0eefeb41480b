#!/usr/bin/env python3
"""Paced creation of products (standard library only).

POSTs products to registration at a fixed rate for a number of seconds from a
few keep-alive connections (a request is sent at its scheduled time, or as
soon as a connection is free when the service is behind), and prints one
JSON object: how many were sent and created, the rate reached, and the POST
latencies. The write -> applied latencies are read from the database by the
caller (outbox and inbox times).

usage: rate.py REGISTRATION_URL PRODUCER_ID RATE SECONDS RUN_TAG
"""
import http.client
import json
import os
import queue
import sys
import threading
import time
from urllib.parse import urlparse

WORKERS = 8


def worker(url, producer, tag, jobs, results):
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    headers = {"Content-Type": "application/json",
               "Authorization": "Bearer " + os.environ["OCOP_TEST_TOKEN"]}
    while True:
        job = jobs.get()
        if job is None:
            return
        i, due = job
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        body = json.dumps({"producer_id": producer, "name": f"Nhịp {tag} {i}", "criteria_set": 8})
        t0 = time.monotonic()
        try:
            conn.request("POST", "/v1/products", body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
            status = 0
        results.append((status, time.monotonic() - t0, t0 - due))


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p))] if s else None


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    url, producer, rate, seconds, tag = sys.argv[1], sys.argv[2], float(sys.argv[3]), \
        float(sys.argv[4]), sys.argv[5]
    jobs, results = queue.Queue(), []
    threads = [threading.Thread(target=worker, args=(url, producer, tag, jobs, results))
               for _ in range(WORKERS)]
    for t in threads:
        t.start()
    start = time.monotonic() + 0.2
    n = int(rate * seconds)
    for i in range(n):
        jobs.put((i, start + i / rate))
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    ok = [r for r in results if r[0] == 201]
    lat = [r[1] for r in ok]
    late = [r[2] for r in results]
    print(json.dumps({
        "offered_per_s": rate, "seconds": seconds, "sent": len(results), "created": len(ok),
        "created_per_s": round(len(ok) / elapsed, 1),
        "post_p50_ms": round(percentile(lat, 0.5) * 1000, 2) if lat else None,
        "post_p99_ms": round(percentile(lat, 0.99) * 1000, 2) if lat else None,
        "sent_late_p99_ms": round(percentile(late, 0.99) * 1000, 2) if late else None,
    }))
    return 0 if len(ok) == n else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Cost of token verification, as ratios to a public GET of the same work.

The same read (promotion's GET /v1/products/{id}, public, so it serves the
anonymous caller and a token holder alike) is timed three ways in one run, on
one keep-alive connection, interleaved round by round so the machine's noise
falls on all three alike:
- public: no Authorization header;
- cached: one token, verified once and then served from the cache;
- first: a token never seen before on every request (a full ES256
  verification against the pinned keys).

usage: auth.py PROMOTION_URL PRODUCT_ID TOKENS_FILE
TOKENS_FILE: one token per line; the first is the "cached" one, the rest are
used once each. Prints one JSON object; exits 1 when a request fails.
"""
import http.client
import json
import statistics
import sys
import time
from urllib.parse import urlparse


def timed(conn, path, token):
    headers = {"Authorization": "Bearer " + token} if token else {}
    t0 = time.perf_counter()
    conn.request("GET", path, headers=headers)
    resp = conn.getresponse()
    resp.read()
    return time.perf_counter() - t0, resp.status


def figure(samples):
    s = sorted(samples)
    return {"n": len(s), "median_ms": round(statistics.median(s) * 1000, 3),
            "p95_ms": round(s[max(0, int(len(s) * 0.95) - 1)] * 1000, 3)}


def main():
    url, product, tokens_file = sys.argv[1:4]
    tokens = [t.strip() for t in open(tokens_file) if t.strip()]
    cached, fresh = tokens[0], tokens[1:]
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    path = f"/v1/products/{product}"
    for _ in range(50):  # warm-up: connection, plans, the cache entry
        timed(conn, path, None)
        timed(conn, path, cached)
    public, hit, first, bad = [], [], [], 0
    for token in fresh:
        for kind, tok, out in (("public", None, public), ("cached", cached, hit),
                               ("first", token, first)):
            seconds, status = timed(conn, path, tok)
            bad += status != 200
            out.append(seconds)
    base = statistics.median(public)
    result = {"public_get": figure(public), "authenticated_get_cached": figure(hit),
              "authenticated_get_first_token": figure(first),
              "ratio_cached_to_public": round(statistics.median(hit) / base, 2),
              "ratio_first_to_public": round(statistics.median(first) / base, 2),
              "failed_requests": bad}
    print(json.dumps(result, indent=1))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

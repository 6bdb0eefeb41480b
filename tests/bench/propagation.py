#!/usr/bin/env python3
"""Cross-service propagation benchmark (standard library only).

Posts N products to registration one after another and, for each, measures
the time from sending the POST until GET /v1/products/{id} answers 200 on
evaluation and on promotion. The baseline, measured in the same run on the
same connections, is a plain GET of a product on registration, so figures
can be compared across machines as ratios. Prints one JSON object.

usage: propagation.py REGISTRATION_URL EVALUATION_URL PROMOTION_URL PRODUCER_ID [N]
"""
import http.client
import json
import os
import statistics
import sys
import time
from urllib.parse import urlparse

POLL_SECONDS = 0.0005
DEADLINE_SECONDS = 10.0


def connect(url):
    u = urlparse(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=10)


def request(conn, method, path, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    headers["Authorization"] = "Bearer " + os.environ["OCOP_TEST_TOKEN"]
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data


def wait_visible(conn, path, t0):
    """Polls path until 200; returns seconds since t0, or None after the deadline."""
    while time.monotonic() - t0 < DEADLINE_SECONDS:
        status, _ = request(conn, "GET", path)
        if status == 200:
            return time.monotonic() - t0
        time.sleep(POLL_SECONDS)
    return None


def summary(samples):
    s = sorted(samples)
    return {
        "n": len(s),
        "median_ms": round(statistics.median(s) * 1000, 2),
        "p95_ms": round(s[max(0, int(len(s) * 0.95) - 1)] * 1000, 2),
        "worst_ms": round(s[-1] * 1000, 2),
    }


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    reg_url, eval_url, promo_url, producer = sys.argv[1:5]
    n = int(sys.argv[5]) if len(sys.argv) > 5 else 100
    reg, ev, pr = connect(reg_url), connect(eval_url), connect(promo_url)
    to_eval, to_promo, to_both, baseline, lost = [], [], [], [], 0
    for i in range(n):
        body = json.dumps({"producer_id": producer, "name": f"Sản phẩm đo {i}", "criteria_set": 7})
        t0 = time.monotonic()
        status, data = request(reg, "POST", "/v1/products", body)
        if status != 201:
            print(f"POST failed: {status} {data[:200]!r}", file=sys.stderr)
            return 1
        pid = json.loads(data)["id"]
        e = wait_visible(ev, f"/v1/products/{pid}", t0)
        p = wait_visible(pr, f"/v1/products/{pid}", t0)
        if e is None or p is None:
            lost += 1
            continue
        to_eval.append(e)
        to_promo.append(p)
        to_both.append(max(e, p))
        t1 = time.monotonic()
        request(reg, "GET", f"/v1/products/{pid}")
        baseline.append(time.monotonic() - t1)
    base = statistics.median(baseline) if baseline else float("nan")
    result = {
        "products": n,
        "not_seen_within_10s": lost,
        "post_to_evaluation": summary(to_eval) if to_eval else None,
        "post_to_promotion": summary(to_promo) if to_promo else None,
        "post_to_both": summary(to_both) if to_both else None,
        "baseline_get_registration_median_ms": round(base * 1000, 3),
        "ratio_median_both_to_baseline": round(statistics.median(to_both) / base, 1) if to_both else None,
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

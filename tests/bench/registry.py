#!/usr/bin/env python3
"""Registry benchmark (standard library only).

Registers N producers with Vietnamese names, then measures, as ratios to a
same-run baseline (GET /health on the same keep-alive connection):
- POST /v1/producers (validation, insert, outbox event, one transaction),
- GET /v1/producers?q=... (diacritic-insensitive search over N producers),
- GET /v1/producers?legacy_district=... (join through the administrative units),
- GET /v1/statistics?year=... (all groupings).
Prints one JSON object; exits 1 if any request failed.

usage: registry.py REGISTRATION_URL [N]
"""
import http.client
import json
import os
import statistics
import sys
import time
from urllib.parse import quote, urlparse

NAMES = ["Hợp tác xã Dừa sáp", "Công ty TNHH Mật hoa dừa", "Hộ kinh doanh Chả hoa",
         "Tổ hợp tác Gạo hữu cơ", "Công ty CP Bánh tráng", "Hộ kinh doanh Tôm khô"]
COMMUNES = ["29302", "29335", "29242", "29413", "29536", "29341"]  # communes in force today
TYPES = ["cooperative", "enterprise", "household", "cooperative_group", "enterprise", "household"]


def timed(conn, method, path, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    headers["Authorization"] = "Bearer " + os.environ["OCOP_TEST_TOKEN"]
    t0 = time.perf_counter()
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    resp.read()
    return time.perf_counter() - t0, resp.status


def identifier(kind, i):
    if kind in ("enterprise", "cooperative"):
        return f"39{i:08d}"
    if kind == "household":
        return f"84B{i:07d}"
    return f"HĐ-THT-{i}/2026"


def series(conn, method, path, n, expect=200):
    times, bad = [], 0
    for _ in range(n):
        t, status = timed(conn, method, path)
        times.append(t)
        bad += status != expect
    return times, bad


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    u = urlparse(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    post_times, bad = [], 0
    for i in range(n):
        k = i % len(NAMES)
        body = json.dumps({"type": TYPES[k], "identifier": identifier(TYPES[k], i),
                           "name": f"{NAMES[k]} số {i}", "representative": "Người đại diện",
                           "commune_code": COMMUNES[k]})
        t, status = timed(conn, "POST", "/v1/producers", body)
        post_times.append(t)
        bad += status != 201
    base, b0 = series(conn, "GET", "/health", 200)
    search, b1 = series(conn, "GET", "/v1/producers?q=" + quote("hop tac xa dua sap") + "&limit=50", 100)
    district, b2 = series(conn, "GET", "/v1/producers?legacy_district=846&limit=50", 100)
    stats, b3 = series(conn, "GET", "/v1/statistics?year=2026", 50)
    med = statistics.median
    baseline = med(base)

    def figure(samples):
        return {"median_ms": round(med(samples) * 1000, 2),
                "ratio_to_baseline": round(med(samples) / baseline, 1)}

    print(json.dumps({"producers": n, "baseline_get_health_median_ms": round(baseline * 1000, 3),
                      "post_producer": figure(post_times), "search_by_name": figure(search),
                      "filter_legacy_district": figure(district), "statistics_year": figure(stats),
                      "failed_requests": bad + b0 + b1 + b2 + b3}, ensure_ascii=False))
    return 0 if bad + b0 + b1 + b2 + b3 == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

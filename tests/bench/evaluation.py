#!/usr/bin/env python3
"""Evaluation benchmark (standard library only).

Given N candidate applications already known to the evaluation service (their
ids on stdin, one per line) and a council of three set up by the caller, plans
a province round, enters every application, and measures, as ratios to a
same-run baseline (GET /health, public, without a token, on the same
keep-alive connection):
- POST /v1/rounds/{id}/entries (checks of the application and product, insert),
- PUT /v1/entries/{id}/sheets/{member} against criteria set 01 (every criterion
  validated and scored by the server),
- POST /v1/entries/{id}/result (quorum, mean, mandatory cap, outcome, the
  certificate of a recognised result and the evaluation.completed event),
- GET /v1/entries/{id}, with a token already verified (cached) and with tokens
  the service sees for the first time (verified: signature, claims), which
  gives the cost of a token's first verification.
Every /v1 request carries a bearer token: officers' requests the one of
OCOP_BENCH_TOKEN; each score sheet its member's own council-member token.
Prints one JSON object; exits 1 if any request failed.

usage: evaluation.py EVALUATION_URL < application-ids
environment (set by test_evaluation.sh, which mints the tokens):
  OCOP_BENCH_TOKEN         a token with the province_officer role
  OCOP_BENCH_COUNCIL       the council's id
  OCOP_BENCH_COMMUNE       the commune council whose pre-check proposes the candidates (untimed)
  OCOP_BENCH_MEMBERS       its scoring members as id=token,id=token
  OCOP_BENCH_FRESH_TOKENS  a file of tokens never used yet, one per line
"""
import http.client
import json
import os
import statistics
import sys
import time
from urllib.parse import urlparse


TOKEN = os.environ.get("OCOP_BENCH_TOKEN", "")


def call(conn, method, path, body=None, token=None):
    """One request; token None sends OCOP_BENCH_TOKEN, "" sends none."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    token = TOKEN if token is None else token
    if token:
        headers["Authorization"] = f"Bearer {token}"
    t0 = time.perf_counter()
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    return time.perf_counter() - t0, resp.status, (json.loads(data) if data else None)


def main():
    u = urlparse(sys.argv[1])
    apps = [line.strip() for line in sys.stdin if line.strip()]
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    bad = 0
    council = os.environ["OCOP_BENCH_COUNCIL"]
    members = [pair.split("=", 1) for pair in os.environ["OCOP_BENCH_MEMBERS"].split(",")]
    with open(os.environ["OCOP_BENCH_FRESH_TOKENS"], encoding="utf-8") as f:
        fresh = [line.strip() for line in f if line.strip()]
    # Untimed: under QĐ 1489 the province takes what the commune council proposed (its pre-check).
    _, s, crnd = call(conn, "POST", "/v1/rounds", {"year": 2025, "sequence": 9, "level": "commune",
                                                   "name": "Đợt bench (xã)", "council_id": os.environ["OCOP_BENCH_COMMUNE"],
                                                   "starts_on": "2025-08-01", "ends_on": "2025-08-31"})
    bad += s != 201
    bad += call(conn, "POST", f"/v1/rounds/{crnd['id']}/transitions", {"to": "open"})[1] != 200
    proposals = []
    for app in apps:
        _, s, e = call(conn, "POST", f"/v1/rounds/{crnd['id']}/entries", {"application_id": app})
        bad += s != 201
        proposals.append(e["id"] if s == 201 else None)
    bad += call(conn, "POST", f"/v1/rounds/{crnd['id']}/transitions", {"to": "scoring"})[1] != 200
    for e in proposals:
        bad += call(conn, "POST", f"/v1/entries/{e}/result", {"precheck": "passed"})[1] != 200
    _, s, rnd = call(conn, "POST", "/v1/rounds", {"year": 2025, "sequence": 9, "level": "province", "name": "Đợt bench",
                                                  "council_id": council, "starts_on": "2025-09-01",
                                                  "ends_on": "2025-12-31"})
    bad += s != 201
    _, s, _ = call(conn, "POST", f"/v1/rounds/{rnd['id']}/transitions", {"to": "open"})
    bad += s != 200
    enter, entries = [], []
    for app in apps:
        t, s, e = call(conn, "POST", f"/v1/rounds/{rnd['id']}/entries", {"application_id": app})
        enter.append(t)
        bad += s != 201
        entries.append(e["id"] if s == 201 else None)
    _, s, _ = call(conn, "POST", f"/v1/rounds/{rnd['id']}/transitions", {"to": "scoring"})
    bad += s != 200
    _, s, criteria = call(conn, "GET", "/v1/criteria-sets/qd148-2023-set-01")
    best = {c["code"]: len(c["options"]) for p in criteria["parts"] for g in p["groups"] for c in g["criteria"]}
    sheets, results, reads = [], [], []
    for i, e in enumerate(entries):
        for m, member_token in members[:2]:
            choices = dict(best)
            choices["1.a"] = 1 + i % 3  # scores spread over the entries
            t, s, _ = call(conn, "PUT", f"/v1/entries/{e}/sheets/{m}", {"choices": choices}, member_token)
            sheets.append(t)
            bad += s != 200
        t, s, _ = call(conn, "POST", f"/v1/entries/{e}/result",
                       {"decision_number": f"{i + 1}/QĐ-UBND", "decided_on": "2025-09-30"})
        results.append(t)
        bad += s != 200
        t, s, _ = call(conn, "GET", f"/v1/entries/{e}")
        reads.append(t)
        bad += s != 200
    first_use = []
    for i, token in enumerate(fresh):
        t, s, _ = call(conn, "GET", f"/v1/entries/{entries[i % len(entries)]}", token=token)
        first_use.append(t)
        bad += s != 200
    base = [call(conn, "GET", "/health", token="")[0] for _ in range(200)]
    med = statistics.median
    baseline = med(base)

    def figure(samples):
        return {"median_ms": round(med(samples) * 1000, 2), "ratio_to_baseline": round(med(samples) / baseline, 1)}

    print(json.dumps({"entries": len(entries), "baseline_get_health_median_ms": round(baseline * 1000, 3),
                      "post_entry": figure(enter), "put_sheet_criteria_set_01": figure(sheets),
                      "post_result": figure(results), "get_entry": figure(reads),
                      "get_entry_first_use_of_token": figure(first_use) if first_use else None,
                      "token_first_use_to_cached": round(med(first_use) / med(reads), 2) if first_use else None,
                      "failed_requests": bad},
                     ensure_ascii=False))
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

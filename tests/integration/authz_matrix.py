#!/usr/bin/env python3
"""The authorisation matrix, generated from the OpenAPI documents.

For every /v1 operation of every service, sends one request per column:
no token, each kind of bad token (expired, not yet valid, wrong issuer,
wrong audience, bad signature, alg none, signed by its own embedded jwk,
HS256 keyed with the public key, another key named by jku or x5u), and a token of each single
role (plus a Keycloak-style token). Expected, from the operation's x-roles:
- a bad token: 401 with WWW-Authenticate: Bearer ... error="invalid_token";
- no token: 401 likewise, unless the operation is public (then not 401/403);
- a role token: the role check passes (the answer is neither 401 nor a 403
  with error="insufficient_scope"; object rules may still say 404, 422 or a
  plain 403) when x-roles holds the role or "public", else 403 with
  error="insufficient_scope".
Bodies are {} and ids random, so no request changes anything.

usage: authz_matrix.py TOKENS.json SERVICE=URL...
Prints one line per violation and the totals; exits 1 on any violation.
"""
import http.client
import json
import os
import sys
import uuid
from urllib.parse import urlparse

SCHEMAS = os.path.join(os.path.dirname(__file__), "..", "..", "schemas", "openapi")
BAD = ["expired", "not_yet_valid", "wrong_issuer", "wrong_audience", "bad_signature",
       "alg_none", "embedded_jwk", "hs256_public_key", "jku_header", "x5u_header"]
ROLES = ["province_officer", "commune_officer", "council_member", "inspector",
         "trade_officer", "producer", "portal", "admin"]
PARAMS = {"code": "29242", "year": "2026", "indicator": "certified_products"}


def fill(path):
    out = path
    while "{" in out:
        start = out.index("{")
        end = out.index("}", start)
        name = out[start + 1:end]
        out = out[:start] + PARAMS.get(name, str(uuid.uuid4())) + out[end + 1:]
    return out


def call(conn, method, path, token):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    body = "{}" if method in ("POST", "PUT", "PATCH") else None
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    resp.read()
    return resp.status, resp.getheader("WWW-Authenticate") or ""


def verdict(status, challenge, expect):
    if expect == "invalid_token":
        return status == 401 and 'error="invalid_token"' in challenge
    if expect == "insufficient_scope":
        return status == 403 and 'error="insufficient_scope"' in challenge
    return status != 401 and not (status == 403 and "insufficient_scope" in challenge)


def columns(tokens, roles):
    public = "public" in roles
    yield "none", None, "passes" if public else "invalid_token"
    for bad in BAD:
        yield bad, tokens[bad], "invalid_token"
    for role in ROLES:
        yield role, tokens[role], "passes" if public or role in roles else "insufficient_scope"
    yield "keycloak_province_officer", tokens["keycloak_province_officer"], \
        "passes" if public or "province_officer" in roles else "insufficient_scope"


def main():
    tokens = json.load(open(sys.argv[1]))
    cells = violations = operations = 0
    for arg in sys.argv[2:]:
        service, url = arg.split("=", 1)
        doc = json.load(open(os.path.join(SCHEMAS, service + ".json")))
        u = urlparse(url)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        for path, ops in doc["paths"].items():
            if not path.startswith("/v1/"):
                continue
            for method, op in ops.items():
                if method == "parameters":
                    continue
                operations += 1
                target = fill(path)
                for column, token, expect in columns(tokens, op["x-roles"]):
                    status, challenge = call(conn, method.upper(), target, token)
                    cells += 1
                    if not verdict(status, challenge, expect):
                        violations += 1
                        print(f"VIOLATION {service} {method.upper()} {path} [{column}]: "
                              f"got {status} {challenge!r}, expected {expect}")
        conn.close()
    print(f"authorisation matrix: {operations} operations x {len(BAD) + len(ROLES) + 2} columns"
          f" = {cells} cells, {violations} violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Every service's route table equals its OpenAPI document.

    routes.py [ROOT]

Reads the route rows of services/<svc>/routes.c and of services/common/server.c (the routes
every service serves: /health, /ready, /metrics, /openapi.json, /v1/audit) -- designated
initialisers {.method = "METHOD", .path = "/path", .roles = "roles", .fn = handler} or
{..., .read = {"what", get}} -- and compares them, both ways, with the operations of
schemas/openapi/<svc>.json: each route is an operation with the same method and path, each
operation a route, and a route's roles are the operation's x-roles (as a set). A .read row is a
GET of a path with {id}. And what the table replaced stays gone: no service file calls
oc_read_by_id (a read by id is a row), and no hand-written parse thunk only forwards its void *
to a typed validator (OC_PARSER in common/write.h says that in one line), nor, in the services
of ACTOR_FOLDED, only parses and stamps the caller as the input's actor (OC_PARSER_ACTOR). Prints
one line per difference, ends with "N passed, N failed", exits 1 on any.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
SERVICES = ("registration", "evaluation", "promotion", "notification")
METHODS = ("get", "post", "put", "patch", "delete")
# {.method = "GET", .path = "/v1/x", ..., .roles = "a b"}: one row from .method to the next row.
ROW = re.compile(r'\.method\s*=\s*"([A-Z]+)"(.*?)(?=\.method\s*=|\Z)', re.S)
PATH = re.compile(r'\.path\s*=\s*"(/[^"]*)"')
ROLES = re.compile(r'\.roles\s*=\s*((?:"[^"]*"\s*)+)')
# static int x_parse(struct oc_v *v, void *out) { return x_from_json(v, out); }, in any layout
THUNK = re.compile(r'static\s+int\s+(\w+)\s*\(\s*struct\s+oc_v\s*\*\s*\w+\s*,\s*void\s*\*\s*(\w+)\s*\)'
                   r'\s*\{\s*return\s+\w+\s*\(\s*\w+\s*,\s*\2\s*\)\s*;\s*\}')
# static int x_parse(struct oc_v *v, void *out) { struct t *r = out; int ok = x_from_json(v, &r->m);
# r->m.actor = oc_principal_actor(oc_principal()); return ok; }: the parse and the actor on one input
ACTOR_THUNK = re.compile(
    r'static\s+int\s+(\w+)\s*\(\s*struct\s+oc_v\s*\*\s*(\w+)\s*,\s*void\s*\*\s*(\w+)\s*\)\s*\{'
    r'\s*(?:const\s+)?struct\s+\w+\s*\*\s*(\w+)\s*=\s*\3\s*;'
    r'\s*int\s+(\w+)\s*=\s*\w+\s*\(\s*\2\s*,\s*&?\s*\4((?:->\w+(?:\.\w+)*)?)\s*\)\s*;'
    r'\s*\4\6\s*(?:->|\.)\s*actor\s*=\s*oc_principal_actor\s*\(\s*oc_principal\s*\(\s*\)\s*\)\s*;'
    r'\s*return\s+\5\s*;\s*\}')
# The services whose actor-stamping thunks are folded into OC_PARSER_ACTOR (all, once each is).
ACTOR_FOLDED = ("evaluation", "registration", "promotion", "notification")
ACTION = re.compile(r'\.fn\s*=\s*\w+|\.read\s*=\s*\{\s*"[^"]+",\s*\w+\s*\}')


def routes(svc):
    out = {}
    for file in (ROOT / "services" / svc / "routes.c", ROOT / "services/common/server.c"):
        out.update(rows(file))
    return out


def rows(file):
    text = re.sub(r"/\*.*?\*/", " ", file.read_text(encoding="utf-8"), flags=re.S)
    out = {}
    for method, rest in ROW.findall(text):
        path, roles = PATH.search(rest), ROLES.search(rest)
        if path is None or roles is None or len(ACTION.findall(rest)) != 1:
            out[(method, f"unreadable row in {file.name}: {rest.strip()[:60]}")] = set()
            continue
        read = ACTION.search(rest).group(0).startswith(".read")
        if read and (method != "GET" or "{id}" not in path.group(1)):
            out[(method, f"{path.group(1)}: a .read row must be a GET of a path with {{id}}")] = set()
            continue
        words = " ".join(re.findall(r'"([^"]*)"', roles.group(1))).split()
        out[(method, path.group(1))] = set(words)
    return out


def operations(svc):
    doc = json.loads((ROOT / "schemas" / "openapi" / f"{svc}.json").read_text(encoding="utf-8"))
    out = {}
    for path, item in doc.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                out[(method.upper(), path)] = set(item[method].get("x-roles", []))
    return out


def replaced(svc):
    """What the route table replaced, found again in the service's sources."""
    problems = []
    for file in sorted((ROOT / "services" / svc).glob("*.c")):
        text = re.sub(r"/\*.*?\*/", " ", file.read_text(encoding="utf-8"), flags=re.S)
        if "oc_read_by_id(" in text:
            problems.append(f"{file.name} calls oc_read_by_id: make the route a .read row")
        for name, _ in THUNK.findall(text):
            problems.append(f"{file.name}: {name} only forwards to a typed parser: use OC_PARSER")
        for found in ACTOR_THUNK.findall(text) if svc in ACTOR_FOLDED else []:
            problems.append(f"{file.name}: {found[0]} only parses and stamps the actor: "
                            "use OC_PARSER_ACTOR")
    return problems


def main():
    passed = failed = 0
    for svc in SERVICES:
        r, o = routes(svc), operations(svc)
        problems = replaced(svc)
        if len(r) < 5:
            problems.append(f"only {len(r)} route rows read from routes.c: the reader is broken")
        for key in sorted(r.keys() - o.keys()):
            problems.append(f"route {key[0]} {key[1]} is not in the OpenAPI document")
        for key in sorted(o.keys() - r.keys()):
            problems.append(f"operation {key[0]} {key[1]} has no route")
        for key in sorted(r.keys() & o.keys()):
            if r[key] != o[key]:
                problems.append(f"{key[0]} {key[1]}: routes.c allows {' '.join(sorted(r[key]))}; "
                                f"x-roles says {' '.join(sorted(o[key]))}")
        for p in problems:
            print(f"FAIL {svc}: {p}")
        if problems:
            failed += 1
        else:
            passed += 1
            print(f"ok   {svc}: {len(r)} routes, the same operations and roles as its OpenAPI")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks docker-compose.yml and deploy/docker/Dockerfile against the deployment rules.

    check_compose.py ROOT

For every service built from the platform's Dockerfile (registration, evaluation,
promotion, notification): a memory and a pid limit, a read-only root filesystem, every
capability dropped, no new privileges, a health check on /health (liveness) and never on
/ready (a broker outage would mark every container unhealthy), secrets as files, and
every OCOP_* setting it is given read by that service (the same reading of the sources
as tests/lint/k8s/check_manifests.py). PostgreSQL and Kafka have memory and pid limits
too; the Dockerfile's HEALTHCHECK is on /health and it runs as a non-root user. First
proves it fails on a broken copy. Needs PyYAML (Debian's python3-yaml).
"""
import copy
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "k8s"))
from check_manifests import settings_read  # noqa: E402  (the one reading of the sources)

SERVICES = ("registration", "evaluation", "promotion", "notification")
INFRA = ("postgres", "kafka", "kafka-init")


def healthcheck_text(svc):
    test = (svc.get("healthcheck") or {}).get("test") or []
    return " ".join(test) if isinstance(test, list) else str(test)


def check(compose, dockerfile, read):
    fails = []
    services = compose.get("services") or {}
    for name in SERVICES + INFRA:
        svc = services.get(name)
        if svc is None:
            fails.append(f"{name}: missing")
            continue
        for key in ("mem_limit", "pids_limit"):
            if not svc.get(key):
                fails.append(f"{name}: no {key}")
    for name in SERVICES:
        svc = services.get(name) or {}
        if svc.get("read_only") is not True:
            fails.append(f"{name}: the root filesystem is not read-only")
        if "ALL" not in (svc.get("cap_drop") or []):
            fails.append(f"{name}: capabilities are not all dropped")
        if "no-new-privileges:true" not in (svc.get("security_opt") or []):
            fails.append(f"{name}: new privileges are not refused")
        hc = healthcheck_text(svc)
        if "/health" not in hc or "/ready" in hc:
            fails.append(f"{name}: the health check must be /health (liveness), not /ready: {hc!r}")
        for secret in svc.get("secrets") or []:
            top = (compose.get("secrets") or {}).get(secret if isinstance(secret, str) else secret.get("source"))
            if not top or "file" not in top:
                fails.append(f"{name}: secret {secret} is not a file")
        names, prefixes = read[name]
        for var in (svc.get("environment") or {}):
            if var.startswith("OCOP_") and var not in names and not any(var.startswith(p) for p in prefixes):
                fails.append(f"{name}: {var} is set but the service never reads it")
    hc = re.search(r"^HEALTHCHECK(?:[^\n\\]|\\\n|\\)*", dockerfile, re.M)
    if not hc or "/health" not in hc.group(0) or "/ready" in hc.group(0):
        fails.append("Dockerfile: HEALTHCHECK must be on /health")
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.M)
    if not users or users[-1].split(":")[0] in ("0", "root"):
        fails.append("Dockerfile: the runtime stage must run as a non-root USER")
    return fails


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "docker-compose.yml"), encoding="utf-8") as f:
        compose = yaml.safe_load(f)  # resolves the <<: merges of x-ocop-service
    with open(os.path.join(root, "deploy/docker/Dockerfile"), encoding="utf-8") as f:
        dockerfile = f.read()
    read = settings_read(root)
    status = 0
    # Self-test: a copy without a limit, with /ready as health check and an unknown setting.
    broken = copy.deepcopy(compose)
    del broken["services"]["evaluation"]["mem_limit"]
    broken["services"]["promotion"]["healthcheck"] = {"test": ["CMD", "curl", "http://127.0.0.1/ready"]}
    broken["services"]["registration"].setdefault("environment", {})["OCOP_NOT_A_SETTING"] = "1"
    got = check(broken, dockerfile.replace("/health", "/ready"), read)
    want = ("evaluation: no mem_limit", "promotion: the health check", "OCOP_NOT_A_SETTING", "Dockerfile: HEALTHCHECK")
    missing = [w for w in want if not any(w in g for g in got)]
    if missing:
        print(f"FAIL self-test: a broken copy was not refused for {missing}")
        status = 1
    else:
        print("ok   self-test: a broken copy is refused (limit, health check, setting, HEALTHCHECK)")
    fails = check(compose, dockerfile, read)
    for f in fails:
        print(f"FAIL {f}")
    if not fails:
        print(f"ok   docker-compose.yml and the Dockerfile: limits, liveness on /health, read-only, "
              f"secrets as files, settings read ({len(SERVICES)} services, {len(INFRA)} others)")
    return 1 if fails or status else 0


if __name__ == "__main__":
    sys.exit(main())

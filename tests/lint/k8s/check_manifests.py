#!/usr/bin/env python3
"""Renders deploy/k8s (base and every overlay) and checks what it deploys.

usage: check_manifests.py ROOT OUTDIR

Writes OUTDIR/<name>.json (the rendered objects, for the schema validation of
validate.js) and fails (exit 1) on any of:

  settings   an OCOP_* setting given to a service that no code of that service
             reads (services/common/ and services/<service>/: the rows of the
             settings tables, OC_SETTING_*; the image's entrypoint), a test-only
             setting, a required setting missing, a *_FILE setting or the
             database's CA outside the container's mounts, a secret value in a
             ConfigMap; in production, PostgreSQL without sslmode=verify-full
             and a CA, Kafka without a properties file
  pods       not non-root, a writable root filesystem, privilege escalation,
             missing requests or limits, liveness not on /health, readiness
             not on /ready, a probe or OCOP_HTTP_PORT off the container port
  objects    a Service, PodDisruptionBudget, HorizontalPodAutoscaler and
             NetworkPolicy missing for a Deployment; a ConfigMap or Secret
             referenced but not rendered; no default-deny policy; a policy
             not opening the service's port or not allowing DNS
  kustomize  when `kubectl kustomize` is available, its rendering differs from
             ours (modulo the generated names' hash suffixes)

It also proves it can fail: it breaks a copy of the base rendering in known
ways (an unknown setting, a missing Kafka bootstrap, liveness on /ready, a
setting of another service) and fails unless each is reported.
"""

import copy
import glob
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kustomize_lite  # noqa: E402
import yaml  # noqa: E402

SERVICES = {"registration": 8081, "evaluation": 8082, "promotion": 8083, "notification": 8084}

# Read by test builds only: a deployment must never set them.
TEST_ONLY = {"OCOP_FAILPOINT", "OCOP_CLOCK_FILE", "OCOP_TEST_FAILPOINTS"}

# Settings whose built-in default cannot work in a cluster, with why. The
# README's "(required)" settings are added to these (readme_required()).
REQUIRED_ALL = {
    "OCOP_DATABASE_URL": "empty means libpq's PG* variables, which the manifests do not set",
    "OCOP_DB_PASSWORD_FILE": "the database password, read by the image's entrypoint",
    "OCOP_KAFKA_BOOTSTRAP": "the default localhost:9092 is the pod itself",
    "OCOP_HTTP_BIND": "the default 127.0.0.1 is unreachable from the Service",
    "OCOP_HTTP_PORT": "must be the container port the probes and the Service use",
    "OCOP_AUTH_JWKS_FILE": "no default: every token would be refused",
    "OCOP_AUTH_ISSUER": "no default: every token would be refused",
}
REQUIRED = {
    "notification": {
        "OCOP_REGISTRATION_URL": "the default 127.0.0.1:8081 is the pod itself",
        "OCOP_PUBLIC_BASE_URL": "the default is a loopback address",
    },
}
# services/notification/mail.c: SMTP needs the token for registration.
REQUIRED_WITH = {"OCOP_SMTP_URL": ["OCOP_NOTIFICATION_TOKEN_FILE"]}
# Files that hold passwords: they must come from a Secret, not a ConfigMap.
SECRET_FILES = {"OCOP_DB_PASSWORD_FILE", "OCOP_KAFKA_PROPERTIES_FILE", "OCOP_SMTP_PASSWORD_FILE",
                "OCOP_NOTIFICATION_TOKEN_FILE"}
SECRET_NAME = re.compile(r"(PASSWORD|SECRET|TOKEN)$")

READ_PATTERNS = [
    re.compile(r'\{\s*"(OCOP_[A-Z0-9_]+)",\s*OC_SETTING_'),
    re.compile(r'\b(?:getenv|env_copy|env_int)\(\s*"(OCOP_[A-Z0-9_]+)"'),
]
PREFIX_PATTERN = re.compile(r'"(OCOP_[A-Z0-9_]+_)"')


class Failures:
    def __init__(self):
        self.items = []

    def add(self, where, what):
        self.items.append(f"{where}: {what}")


def settings_read(root):
    """service -> (names read, prefixes read), from the C sources and the entrypoint."""
    def scan(paths):
        names, prefixes = set(), set()
        for p in paths:
            with open(p, encoding="utf-8", errors="replace") as f:
                text = f.read()
            for pat in READ_PATTERNS:
                names.update(pat.findall(text))
            prefixes.update(PREFIX_PATTERN.findall(text))
        return names, prefixes

    common_paths = glob.glob(os.path.join(root, "services/common/*.c"))
    cn, cp = scan(common_paths)
    with open(os.path.join(root, "deploy/docker/ocop-entrypoint.sh"), encoding="utf-8") as f:
        cn |= set(re.findall(r"\$\{?(OCOP_[A-Z0-9_]+)", f.read()))
    out = {}
    for svc in SERVICES:
        n, p = scan(glob.glob(os.path.join(root, f"services/{svc}/*.c")))
        out[svc] = (cn | n, cp | p)
    return out


def readme_required(root):
    req = set()
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\|\s*`(OCOP_[A-Z0-9_]+)`\s*\|\s*\(required\)", line)
            if m:
                req.add(m.group(1))
    return req


def index(objects):
    return {(o["kind"], o["metadata"]["name"]): o for o in objects}


def pod_env(dep, objs):
    """The container's environment: envFrom ConfigMaps in order, then env."""
    c = dep["spec"]["template"]["spec"]["containers"][0]
    env = {}
    for src in c.get("envFrom", []):
        if "configMapRef" in src:
            cm = objs.get(("ConfigMap", src["configMapRef"]["name"]))
            env.update((cm or {}).get("data", {}))
        elif "secretRef" in src:
            env.update({k: "(secret)" for k in objs.get(("Secret", src["secretRef"]["name"]), {}).get("data", {})})
    for e in c.get("env", []):
        env[e["name"]] = e.get("value", "(from a reference)")
    return env


def mounted(path, mounts):
    return any(path == m or path.startswith(m.rstrip("/") + "/") for m in mounts)


def check_settings(name, svc, dep, objs, read, required_extra, production, fail):
    where = f"{name}: {svc}"
    env = pod_env(dep, objs)
    names, prefixes = read[svc]
    for key in sorted(env):
        if not key.startswith("OCOP_"):
            continue
        if key in TEST_ONLY or key.startswith("OCOP_TEST_"):
            fail.add(where, f"{key} is for test builds only")
        elif key not in names and not any(key.startswith(p) for p in prefixes):
            fail.add(where, f"{key} is set but {svc} reads no such setting")
        if SECRET_NAME.search(key):
            fail.add(where, f"{key} looks like a secret value in a ConfigMap (mount a file)")
    required = dict(REQUIRED_ALL)
    required.update(REQUIRED.get(svc, {}))
    required.update({k: "(required) in the README" for k in required_extra})
    for trigger, needs in REQUIRED_WITH.items():
        if env.get(trigger):
            required.update({n: f"needed with {trigger}" for n in needs})
    for key, why in sorted(required.items()):
        if not env.get(key):
            fail.add(where, f"{key} is not set ({why})")
    c = dep["spec"]["template"]["spec"]["containers"][0]
    mounts = [m["mountPath"] for m in c.get("volumeMounts", [])]
    secret_mounts = []
    vols = {v["name"]: v for v in dep["spec"]["template"]["spec"].get("volumes", [])}
    for m in c.get("volumeMounts", []):
        if "secret" in vols.get(m["name"], {}):
            secret_mounts.append(m["mountPath"])
    for key, value in env.items():
        if key.startswith("OCOP_") and key.endswith("_FILE") and value and not mounted(value, mounts):
            fail.add(where, f"{key}={value} is not under any volume mount")
        elif key in SECRET_FILES and value and not mounted(value, secret_mounts):
            fail.add(where, f"{key}={value} is not in a mounted Secret")
    if env.get("OCOP_RUNTIME_DIR") and env["OCOP_RUNTIME_DIR"] not in mounts:
        fail.add(where, "OCOP_RUNTIME_DIR is not a mounted (writable) volume")
    url = env.get("OCOP_DATABASE_URL", "")
    if re.search(r"\bpassword\s*=|://[^/@]*:[^/@]*@", url):
        fail.add(where, "OCOP_DATABASE_URL holds a password (use OCOP_DB_PASSWORD_FILE)")
    ca = re.search(r"\bsslrootcert=(\S+)", url)
    if ca and not mounted(ca.group(1), mounts):
        fail.add(where, f"the database CA {ca.group(1)} is not under any volume mount")
    if env.get("OCOP_HTTP_BIND") not in (None, "0.0.0.0"):
        fail.add(where, "OCOP_HTTP_BIND must be 0.0.0.0 in a pod")
    ports = [p["containerPort"] for p in c.get("ports", [])]
    if env.get("OCOP_HTTP_PORT") and int(env["OCOP_HTTP_PORT"]) not in ports:
        fail.add(where, f"OCOP_HTTP_PORT {env['OCOP_HTTP_PORT']} is not a container port {ports}")
    if production:
        if not re.search(r"\bsslmode=verify-full\b", url) or not ca:
            fail.add(where, "production PostgreSQL needs sslmode=verify-full and sslrootcert")
        if not env.get("OCOP_KAFKA_PROPERTIES_FILE"):
            fail.add(where, "production Kafka needs OCOP_KAFKA_PROPERTIES_FILE (TLS, SASL)")


def check_pod(name, svc, dep, fail):
    where = f"{name}: {svc}"
    pod = dep["spec"]["template"]["spec"]
    c = pod["containers"][0]
    psc, csc = pod.get("securityContext", {}), c.get("securityContext", {})
    if not (psc.get("runAsNonRoot") or csc.get("runAsNonRoot")):
        fail.add(where, "runAsNonRoot is not set")
    if not csc.get("readOnlyRootFilesystem"):
        fail.add(where, "the root filesystem is not read-only")
    if csc.get("allowPrivilegeEscalation") is not False:
        fail.add(where, "allowPrivilegeEscalation is not false")
    if "ALL" not in csc.get("capabilities", {}).get("drop", []):
        fail.add(where, "capabilities are not all dropped")
    res = c.get("resources", {})
    for part in ("requests", "limits"):
        for r in ("cpu", "memory"):
            if r not in res.get(part, {}):
                fail.add(where, f"no {part}.{r}")
    port_names = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
    for probe, path in (("livenessProbe", "/health"), ("readinessProbe", "/ready")):
        get = c.get(probe, {}).get("httpGet")
        if not get:
            fail.add(where, f"no {probe} over HTTP")
            continue
        if get.get("path") != path:
            fail.add(where, f"{probe} on {get.get('path')}, not {path}")
        port = port_names.get(get.get("port"), get.get("port"))
        if port != SERVICES[svc]:
            fail.add(where, f"{probe} on port {get.get('port')}, not {SERVICES[svc]}")


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).get("matchLabels", {}).items())


def check_objects(name, objects, fail):
    objs = index(objects)
    policies = [o for o in objects if o["kind"] == "NetworkPolicy"]
    if not any(p["spec"].get("podSelector") == {} and not p["spec"].get("ingress") and not p["spec"].get("egress")
               and set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"} for p in policies):
        fail.add(name, "no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)")
    for o in objects:
        if o["kind"] != "Deployment":
            continue
        svc = o["metadata"]["name"]
        labels = o["spec"]["template"]["metadata"]["labels"]
        where = f"{name}: {svc}"
        s = objs.get(("Service", svc))
        if not s or not selects({"matchLabels": s["spec"].get("selector", {})}, labels):
            fail.add(where, "no Service selecting its pods")
        elif [p["port"] for p in s["spec"]["ports"]] != [SERVICES[svc]]:
            fail.add(where, f"its Service does not expose port {SERVICES[svc]}")
        pdb = objs.get(("PodDisruptionBudget", svc))
        if not pdb or not selects(pdb["spec"].get("selector"), labels):
            fail.add(where, "no PodDisruptionBudget selecting its pods")
        hpa = objs.get(("HorizontalPodAutoscaler", svc))
        if not hpa or hpa["spec"]["scaleTargetRef"].get("name") != svc:
            fail.add(where, "no HorizontalPodAutoscaler scaling it")
        elif hpa["spec"].get("minReplicas", 1) > hpa["spec"]["maxReplicas"]:
            fail.add(where, "HPA minReplicas above maxReplicas")
        mine = [p for p in policies if p["spec"].get("podSelector") and selects(p["spec"]["podSelector"], labels)]
        if not mine:
            fail.add(where, "no NetworkPolicy selecting its pods")
        ports_in = {pt.get("port") for p in mine for r in p["spec"].get("ingress", []) for pt in r.get("ports", [])}
        if SERVICES[svc] not in ports_in:
            fail.add(where, f"no NetworkPolicy lets traffic in on {SERVICES[svc]}")
        ports_out = {pt.get("port") for p in mine for r in p["spec"].get("egress", []) for pt in r.get("ports", [])}
        for port, what in ((53, "DNS"), (5432, "PostgreSQL")):
            if port not in ports_out:
                fail.add(where, f"no NetworkPolicy lets {what} out ({port})")
        pod = o["spec"]["template"]["spec"]
        refs = [("ConfigMap", e["configMapRef"]["name"]) for e in pod["containers"][0].get("envFrom", []) if "configMapRef" in e]
        refs += [("Secret", v["secret"]["secretName"]) for v in pod.get("volumes", []) if "secret" in v]
        refs += [("ConfigMap", v["configMap"]["name"]) for v in pod.get("volumes", []) if "configMap" in v]
        vol_names = {v["name"] for v in pod.get("volumes", [])}
        for m in pod["containers"][0].get("volumeMounts", []):
            if m["name"] not in vol_names:
                fail.add(where, f"volume mount {m['name']} has no volume")
        for ref in refs:
            if ref not in objs:
                fail.add(where, f"{ref[0]} {ref[1]} is referenced but not rendered")


def check(name, objects, read, required_extra, production):
    fail = Failures()
    objs = index(objects)
    deps = [o for o in objects if o["kind"] == "Deployment"]
    if sorted(d["metadata"]["name"] for d in deps) != sorted(SERVICES):
        fail.add(name, f"Deployments {sorted(d['metadata']['name'] for d in deps)}, not the four services")
    for dep in deps:
        svc = dep["metadata"]["name"]
        if svc not in SERVICES:
            continue
        check_settings(name, svc, dep, objs, read, required_extra, production, fail)
        check_pod(name, svc, dep, fail)
        if production:
            hpa = objs.get(("HorizontalPodAutoscaler", svc))
            if hpa and hpa["spec"].get("minReplicas", 1) < 2:
                fail.add(f"{name}: {svc}", "production HPA minReplicas below 2 (a drain would stop it)")
    check_objects(name, objects, fail)
    return fail.items


def self_test(base, read, required_extra):
    """Breaks copies of the base rendering; each break must be reported."""
    def cm(objs, name):
        return next(o for o in objs if o["kind"] == "ConfigMap" and o["metadata"]["name"] == name)

    def dep(objs, name):
        return next(o for o in objs if o["kind"] == "Deployment" and o["metadata"]["name"] == name)

    breaks = {
        "an unknown setting": (lambda o: cm(o, "ocop-registration-config")["data"].update(OCOP_NOT_A_SETTING="1"),
                               "OCOP_NOT_A_SETTING is set but registration reads no such setting"),
        "another service's setting": (lambda o: cm(o, "ocop-evaluation-config")["data"].update(OCOP_SMTP_URL="smtp://x"),
                                      "OCOP_SMTP_URL is set but evaluation reads no such setting"),
        "no Kafka bootstrap": (lambda o: cm(o, "ocop-common-config")["data"].pop("OCOP_KAFKA_BOOTSTRAP", None),
                               "OCOP_KAFKA_BOOTSTRAP is not set"),
        "liveness on /ready": (lambda o: dep(o, "promotion")["spec"]["template"]["spec"]["containers"][0]
                               ["livenessProbe"]["httpGet"].update(path="/ready"),
                               "livenessProbe on /ready, not /health"),
        "a test-only setting": (lambda o: cm(o, "ocop-common-config")["data"].update(OCOP_FAILPOINT="x"),
                                "OCOP_FAILPOINT is for test builds only"),
        "a password file from a ConfigMap": (lambda o: cm(o, "ocop-evaluation-config")["data"].update(
            OCOP_DB_PASSWORD_FILE="/etc/ocop/jwks/jwks.json"),
            "OCOP_DB_PASSWORD_FILE=/etc/ocop/jwks/jwks.json is not in a mounted Secret"),
        "an unmounted CA": (lambda o: cm(o, "ocop-notification-config")["data"].update(
            OCOP_DATABASE_URL="host=db sslmode=verify-full sslrootcert=/etc/nowhere/ca.pem"),
            "the database CA /etc/nowhere/ca.pem is not under any volume mount"),
    }
    missed = []
    for what, (breaker, expected) in breaks.items():
        broken = copy.deepcopy(base)
        breaker(broken)
        found = check("self-test", broken, read, required_extra, False)
        if not any(expected in f for f in found):
            missed.append(f"self-test: {what} was not reported (wanted '{expected}', got {found})")
    return missed


def placeholder_tree(src, dst):
    """Copies deploy/k8s without its secret files, then fills every generator file with a placeholder."""
    shutil.copytree(src, dst, ignore=lambda d, names: [n for n in names if os.path.basename(d) == "secrets"])
    for kpath in glob.glob(os.path.join(dst, "**/kustomization.yaml"), recursive=True):
        with open(kpath, encoding="utf-8") as f:
            k = yaml.safe_load(f) or {}
        for gen in k.get("configMapGenerator", []) + k.get("secretGenerator", []):
            for item in gen.get("files", []):
                path = os.path.join(os.path.dirname(kpath), item.split("=", 1)[-1])
                if not os.path.exists(path):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "w", encoding="utf-8") as f:
                        f.write("placeholder\n")


def normalise(objects, generated):
    """Sorted lists, generated names without Kustomize's hash suffix."""
    text = json.dumps(objects, sort_keys=True)
    for g in sorted(generated, key=len, reverse=True):
        text = re.sub(r'"' + re.escape(g) + r'-[a-z0-9]{10}"', '"' + g + '"', text)

    def sort(x):
        if isinstance(x, dict):
            return {k: sort(v) for k, v in x.items()}
        if isinstance(x, list):
            items = [sort(v) for v in x]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True)) if all(isinstance(v, dict) for v in items) else items
        return x
    return {(o["kind"], o["metadata"]["name"]): sort(o) for o in json.loads(text)}


def compare_with_kubectl(name, path, ours):
    kubectl = shutil.which("kubectl")
    if not kubectl:
        return None, "kubectl not installed"
    try:
        v = subprocess.run([kubectl, "version", "--client"], capture_output=True, text=True, timeout=30)
        m = re.search(r"Kustomize Version: v(\d+)\.", v.stdout)
        if not m or int(m.group(1)) < 5:
            # Older kubectl (Debian 12's kubernetes-client is 1.20, Kustomize 2) lacks `patches:` files.
            return None, "kubectl has no Kustomize 5 or later"
        r = subprocess.run([kubectl, "kustomize", path], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"kubectl kustomize did not run ({e})"
    if r.returncode != 0:
        return [f"{name}: kubectl kustomize failed: {r.stderr.strip()}"], None
    theirs = [d for d in yaml.safe_load_all(r.stdout) if d]
    generated = {o["metadata"]["name"] for o in ours if o["kind"] in ("ConfigMap", "Secret")}
    a, b = normalise(ours, generated), normalise(theirs, generated)
    diffs = []
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            diffs.append(f"{name}: {key[0]}/{key[1]} differs from kubectl kustomize's\n  ours:   "
                         f"{json.dumps(a.get(key), sort_keys=True)}\n  theirs: {json.dumps(b.get(key), sort_keys=True)}")
    return diffs, None


def main():
    root, out = sys.argv[1], sys.argv[2]
    tree = os.path.join(out, "k8s")
    shutil.rmtree(tree, ignore_errors=True)
    placeholder_tree(os.path.join(root, "deploy/k8s"), tree)
    read = settings_read(root)
    required_extra = readme_required(root)
    if not {"OCOP_AUTH_JWKS_FILE", "OCOP_AUTH_ISSUER"} <= required_extra:
        print("the README's settings table no longer marks the JWKS and issuer (required): fix this test")
        return 1
    targets = {"base": os.path.join(tree, "base")}
    for d in sorted(glob.glob(os.path.join(tree, "overlays/*/kustomization.yaml"))):
        targets[os.path.basename(os.path.dirname(d))] = os.path.dirname(d)
    failures, passed, ran, notes = [], 0, 0, []
    rendered = {}
    for name, path in targets.items():
        try:
            objects = kustomize_lite.render(path)
        except (kustomize_lite.RenderError, OSError, ValueError, yaml.YAMLError) as e:
            failures.append(f"{name}: {e}")
            ran += 1
            continue
        rendered[name] = objects
        with open(os.path.join(out, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(objects, f)
        found = check(name, objects, read, required_extra, name == "production")
        diffs, why = compare_with_kubectl(name, path, objects)
        if diffs is None:
            notes.append(f"{name}: not compared with kubectl kustomize: {why}")
        found += diffs or []
        failures += found
        passed += not found
        ran += 1
        print(f"{'FAIL' if found else 'ok  '} {name}: {len(objects)} objects"
              f"{'' if diffs is None else ', same as kubectl kustomize' if not diffs else ''}")
    if "base" in rendered:
        # For validate.mjs's own self-test: a replica count as text, a CPU limit that is no quantity.
        broken = copy.deepcopy(rendered["base"])
        dep = next(o for o in broken if o["kind"] == "Deployment")
        dep["spec"]["replicas"] = "2"
        dep["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] = "lots"
        with open(os.path.join(out, "schema-self-test.broken"), "w", encoding="utf-8") as f:
            json.dump(broken, f)
        missed = self_test(rendered["base"], read, required_extra)
        failures += missed
        passed += not missed
        ran += 1
        print(f"{'FAIL' if missed else 'ok  '} self-test: every known break reported")
    for n in notes:
        print(n)
    for f in failures:
        print("FAIL " + f)
    print(f"{passed} passed, {ran - passed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

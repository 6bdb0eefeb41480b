#!/usr/bin/env bash
# The Kubernetes manifests (deploy/k8s): renders the base and every overlay
# (tests/lint/k8s/kustomize_lite.py; compared with `kubectl kustomize` when
# kubectl is installed), checks them against the services' settings and the
# deployment rules (tests/lint/k8s/check_manifests.py), and validates every
# rendered object against the Kubernetes API schemas of kubernetes-models
# (tests/lint/k8s/validate.mjs; installed by tests/run with npm ci from
# tests/lint/k8s/package-lock.json; without it the test is skipped, never
# passed). Both checkers first prove they fail on a broken copy.
set -uo pipefail
root=$(cd "${1:?usage: k8s.sh ROOT}" && pwd)
lint=$root/tests/lint/k8s
[[ -d $lint/node_modules/kubernetes-models ]] ||
    { echo "kubernetes-models is not installed (tests/run installs it): skipped"; exit 77; }
# PyYAML: Debian's python3-yaml (tests/run installs it), also when another python3 comes first.
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import yaml' 2>/dev/null; then py=$p; break; fi
done
[[ -n $py ]] || { echo "python3-yaml is not installed: skipped"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
"$py" "$lint/check_manifests.py" "$root" "$out" || status=1
if [[ -f $out/schema-self-test.broken ]]; then
    if node "$lint/validate.mjs" "$out/schema-self-test.broken" >"$out/self-test.log" 2>&1; then
        echo "FAIL the schema validation accepted a broken Deployment:"; cat "$out/self-test.log"; status=1
    elif ! grep -q 'spec/replicas must be integer' "$out/self-test.log"; then
        echo "FAIL the schema validation did not name the broken field:"; cat "$out/self-test.log"; status=1
    else
        echo "ok   schema self-test: a broken Deployment is refused"
    fi
fi
shopt -s nullglob
files=("$out"/*.json)
((${#files[@]} > 0)) || { echo "FAIL nothing rendered"; exit 1; }
node "$lint/validate.mjs" "${files[@]}" || status=1
exit $status

#!/usr/bin/env bash
# Redocly lints every OpenAPI document with its recommended rules: no error
# may remain (warnings are printed; see tests/lint/redocly/redocly.yaml for
# the ones we explain). Redocly CLI is installed by tests/run (npm ci in
# tests/lint/redocly); without it the test is skipped, never passed.
root=$(cd "${1:?usage: openapi.sh ROOT}" && pwd)
cli=$root/tests/lint/redocly/node_modules/.bin/redocly
[[ -x $cli ]] || { echo "redocly is not installed (tests/run installs it): skipped"; exit 77; }
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a == 20 && b >= 19) ? 0 : 1)' ||
    { echo "Redocly CLI needs Node.js 20.19 or later: skipped"; exit 77; }
passed=0 failed=0
for doc in "$root"/schemas/openapi/*.json; do
    if (cd "$root/tests/lint/redocly" && "$cli" lint --format=summary "$doc") >/tmp/redocly.$$ 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $(basename "$doc"):"
        grep -E '^(error|warning) ' /tmp/redocly.$$
    fi
    grep -E '^warning ' /tmp/redocly.$$ | sed "s|^|  $(basename "$doc"): |"
done
rm -f /tmp/redocly.$$
echo "$passed passed, $failed failed"
((failed == 0))

#!/usr/bin/env bash
# Every program and library the build makes is linked with full RELRO (a GNU_RELRO segment
# and BIND_NOW: relocations resolved at start, the GOT then read-only), is position
# independent (PIE or a shared object) and has a non-executable stack. Argument: the build
# directory.
set -uo pipefail
build=$1
pass=0 fail=0
mapfile -t files < <(find "$build/services" -type f \( -name 'ocop-*' -o -name '*.so' \) -perm -u+x)
((${#files[@]} > 0)) || { echo "FAIL no programs found under $build/services"; exit 1; }
for f in "${files[@]}"; do
    name=${f#"$build"/}
    dyn=$(readelf -d "$f" 2>/dev/null)
    seg=$(readelf -lW "$f" 2>/dev/null)
    problems=()
    grep -q GNU_RELRO <<<"$seg" || problems+=("no GNU_RELRO segment")
    grep -Eq 'BIND_NOW|FLAGS.*\bNOW\b' <<<"$dyn" || problems+=("no BIND_NOW")
    grep -Eq 'Type:[[:space:]]+DYN' <(readelf -h "$f") || problems+=("not position independent")
    grep -E 'GNU_STACK' <<<"$seg" | grep -q 'RWE' && problems+=("executable stack")
    if ((${#problems[@]} == 0)); then
        echo "ok   $name: full RELRO, PIE, no executable stack"
        pass=$((pass + 1))
    else
        echo "FAIL $name: ${problems[*]}"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
((fail == 0))

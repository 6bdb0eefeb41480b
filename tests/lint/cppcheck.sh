#!/usr/bin/env bash
# Static analysis of every C file with cppcheck (warning, style, performance,
# portability); any finding fails.
root=${1:?usage: cppcheck.sh ROOT}
if ! command -v cppcheck >/dev/null; then
    echo "cppcheck is not installed"
    exit 1
fi
if cppcheck --enable=warning,style,performance,portability --error-exitcode=1 --inline-suppr \
    -q --std=c11 -I "$root/services" "$root/services" "$root/tests/unit"; then
    echo "1 passed, 0 failed"
else
    echo "0 passed, 1 failed"
    exit 1
fi

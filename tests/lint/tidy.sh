#!/usr/bin/env bash
# clang-tidy over every C file of services/ that the build compiles, with the build's
# compile_commands.json and the checks of the root .clang-tidy (warnings are errors), two
# files at a time. Any finding fails.
root=${1:?usage: tidy.sh ROOT BUILD}
build=${2:?usage: tidy.sh ROOT BUILD}
tidy=$(command -v clang-tidy-14 || command -v clang-tidy) || {
    echo "clang-tidy is not installed (tests/run installs it)"
    exit 1
}
if [[ ! -f $build/compile_commands.json ]]; then
    echo "FAIL no $build/compile_commands.json (CMAKE_EXPORT_COMPILE_COMMANDS)"
    exit 1
fi
mapfile -t files < <(python3 -c '
import json, sys
root = sys.argv[2].rstrip("/") + "/services/"
print("\n".join(sorted({e["file"] for e in json.load(open(sys.argv[1])) if e["file"].startswith(root)})))
' "$build/compile_commands.json" "$(cd "$root" && pwd)")
if ((${#files[@]} < 100)); then
    echo "FAIL only ${#files[@]} files of services/ in $build/compile_commands.json"
    exit 1
fi
out=$(printf '%s\n' "${files[@]}" | xargs -P2 -n8 "$tidy" -p "$build" --quiet 2>/dev/null)
status=$?
findings=$(grep -E ': (warning|error): ' <<<"$out" | sort -u)
if ((status != 0)) || [[ -n $findings ]]; then
    echo "$out"
    echo "0 passed, 1 failed (clang-tidy over ${#files[@]} files)"
    exit 1
fi
echo "1 passed, 0 failed (clang-tidy over ${#files[@]} files)"

#!/usr/bin/env bash
# fuzz.<target> (one CTest test per harness): replays every input of
# tests/fuzz/regressions/<target>/ once, then fuzzes a copy of the seed corpus
# tests/fuzz/corpus/<target>/ for OCOP_FUZZ_SECONDS (20 by default). Any crash,
# leak, timeout, out-of-memory or sanitizer report fails the test, and the
# input that caused it is kept in the work folder (fuzz/<target>/artifacts/
# under the build folder) to be added to regressions/<target>/ with the fix.
# The repository's corpus is only read: what the run discovers stays in the
# build folder.
set -Eeuo pipefail
shopt -s nullglob
exe=${1:?usage: run.sh HARNESS TARGET}
target=${2:?usage: run.sh HARNESS TARGET}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$PWD/fuzz/$target
seconds=${OCOP_FUZZ_SECONDS:-20}

rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
[[ -d $here/corpus/$target ]] && cp -R "$here/corpus/$target/." "$work/corpus/"

regressions=("$here/regressions/$target"/*)
if ((${#regressions[@]} > 0)); then
    echo "replaying ${#regressions[@]} regression inputs"
    if ! "$exe" -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$work/artifacts/" \
        "${regressions[@]}" >"$work/regressions.log" 2>&1; then
        tail -60 "$work/regressions.log"
        echo "a regression input of $target fails again"
        exit 1
    fi
fi

echo "fuzzing $target for ${seconds}s"
if ! "$exe" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/fuzz.log" 2>&1; then
    tail -80 "$work/fuzz.log"
    echo "fuzzing $target found a problem; the input is in $work/artifacts/:"
    ls -l "$work/artifacts/"
    echo "fix it, then add the input to tests/fuzz/regressions/$target/"
    exit 1
fi
grep -E '^Done [0-9]+ runs|^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' \
    "$work/fuzz.log" || true

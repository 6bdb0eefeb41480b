#!/usr/bin/env bash
# Benchmark of the registry's heavier reads and its writes, as ratios to a
# same-run baseline; it asserts only that every request succeeded. Figures are
# printed and kept in .run/tests/tests/bench_registry/result.json.
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_registry
t_start registration "${T_NO_LIMITS[@]}"
t_settle # every consumer has its partitions before anything is timed or faulted
python3 "$(dirname "$0")/registry.py" "$(t_url registration)" "${OCOP_BENCH_PRODUCERS:-500}" \
    >"$T_DIR/result.json"
check "every benchmark request succeeded" test $? -eq 0
cat "$T_DIR/result.json"
t_done

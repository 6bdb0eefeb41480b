#!/usr/bin/env bash
# Benchmark: POST on registration -> visible on evaluation and promotion, for
# 100 products, against a same-run baseline (a GET on registration). It
# asserts only that every product arrived; the figures are printed and kept
# in .run/tests/tests/bench_propagation/result.json.
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_propagation
t_start registration "${T_NO_LIMITS[@]}"
t_start evaluation "${T_NO_LIMITS[@]}"
t_start promotion "${T_NO_LIMITS[@]}"
t_settle # every consumer has its partitions before anything is timed or faulted
P=$(t_new_producer enterprise 2101200001 "Công ty TNHH Đo lường" 29242)
python3 "$(dirname "$0")/propagation.py" "$(t_url registration)" "$(t_url evaluation)" \
    "$(t_url promotion)" "$P" "${OCOP_BENCH_PRODUCTS:-100}" >"$T_DIR/result.json"
check "all ${OCOP_BENCH_PRODUCTS:-100} products reached both services within 10 s each" test $? -eq 0
cat "$T_DIR/result.json"
t_done

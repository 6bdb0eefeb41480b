#!/usr/bin/env bash
# Benchmark: what token verification costs a request, as ratios to a public GET
# of the same work in the same run (tests/bench/auth.py). It asserts only that
# every request succeeded; figures are printed and kept in
# .run/tests/tests/bench_auth/result.json.
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_auth
t_start registration "${T_NO_LIMITS[@]}"
t_start promotion "${T_NO_LIMITS[@]}"
t_settle # every consumer has its partitions before anything is timed or faulted
P=$(t_new_producer enterprise 2101300001 "Công ty TNHH Đo lường" 29242)
PR=$(t_new_product "$P" "Mật hoa dừa" 4)
seen() { t_http GET "$(t_url promotion)/v1/products/$PR"; [[ $T_STATUS == 200 ]]; }
check "promotion knows the product" t_until 20 seen
n=${OCOP_BENCH_TOKENS:-300}
for ((i = 0; i <= n; i++)); do t_token trade_officer --sub "bench-$i"; done >"$T_DIR/tokens"
python3 "$(dirname "$0")/auth.py" "$(t_url promotion)" "$PR" "$T_DIR/tokens" >"$T_DIR/result.json"
check "every benchmark request succeeded" test $? -eq 0
cat "$T_DIR/result.json"
t_done

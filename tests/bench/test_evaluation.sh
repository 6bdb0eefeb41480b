#!/usr/bin/env bash
# Benchmark of evaluation's writes (entries, score sheets against criteria set
# 01, results with their certificate and event) as ratios to a same-run
# baseline; it asserts only that every request succeeded. Candidates are fed
# as registration's events. Every request carries a bearer token: the
# council is set up here, and its members' council-member tokens (each
# writes its own sheets), an officer's token and fresh tokens (the cost of a
# first verification) are minted here and passed to evaluation.py in its
# environment. Figures are printed and kept in
# .run/tests/tests/bench_evaluation/result.json.
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_evaluation
t_start evaluation "${T_NO_LIMITS[@]}"
t_settle # every consumer has its partitions before anything is timed or faulted
E=$(t_url evaluation)
N=${OCOP_BENCH_ENTRIES:-60}
now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
uuid() { cat /proc/sys/kernel/random/uuid; }
: >"$T_DIR/apps"
for ((i = 0; i < N; i++)); do
    producer=$(uuid) product=$(uuid) app=$(uuid)
    printf '%s|%s\n' "$producer" "{\"producer_id\":\"$producer\",\"type\":\"cooperative\",\"name\":\"HTX số $i\",\"commune_code\":\"29302\",\"version\":1,\"registered_at\":\"$(now)\"}" >>"$T_DIR/producers"
    printf '%s|%s\n' "$product" "{\"product_id\":\"$product\",\"code\":\"OCOP-TV-2025-$i\",\"name\":\"Sản phẩm $i\",\"producer_id\":\"$producer\",\"producer_name\":\"HTX số $i\",\"producer_type\":\"cooperative\",\"rule_set\":\"qd148-2023\",\"criteria_set\":1,\"sector\":\"I\",\"legacy_group\":null,\"commune_code\":\"29302\",\"status\":\"registered\",\"version\":1,\"registered_at\":\"$(now)\"}" >>"$T_DIR/products"
    printf '%s|%s\n' "$app" "{\"application_id\":\"$app\",\"dossier_code\":\"000.00.31.H60-250305-$((1000 + i))\",\"kind\":\"first_time\",\"rule_set\":\"qd148-2023\",\"status\":\"accepted\",\"received_on\":\"2025-03-05\",\"samples_count\":5,\"product_id\":\"$product\",\"product_code\":\"OCOP-TV-2025-$i\",\"product_name\":\"Sản phẩm $i\",\"criteria_set\":1,\"sector\":\"I\",\"commune_code\":\"29302\",\"producer_id\":\"$producer\",\"producer_name\":\"HTX số $i\",\"producer_type\":\"cooperative\",\"version\":3,\"changed_at\":\"$(now)\",\"from_status\":\"new\",\"portal_status_code\":2,\"actor_role\":\"commune_officer\",\"reason\":null}" >>"$T_DIR/applications"
    echo "$app" >>"$T_DIR/apps"
done
# One kcat call per event type (keyed, with CloudEvents headers as t_event sets them).
publish() { # publish TYPE FILE
    local key data
    while IFS='|' read -r key data; do t_event registration "$1" "$key" "$data"; done <"$2"
}
publish ocop.registration.producer.registered.v1 "$T_DIR/producers"
publish ocop.registration.product.registered.v1 "$T_DIR/products"
publish ocop.registration.application.status_changed.v1 "$T_DIR/applications"
known_all() { [[ $(t_sql evaluation "SELECT count(*) FROM applications") == "$N" ]]; }
check "the $N candidates arrive by event" t_until 60 known_all
# The council of three; its two first members score, each with its own token.
t_http POST "$E/v1/councils" '{"name":"Hội đồng OCOP tỉnh (bench)","level":"province","decision_number":"1/QĐ-BENCH","decided_on":"2025-08-01"}'
COUNCIL=$(j .id)
MEMBERS=()
for who in "chair Chủ tịch" "member Thành viên một" "member Thành viên hai"; do
    t_http POST "$E/v1/councils/$COUNCIL/members" "{\"full_name\":\"${who#* }\",\"role\":\"${who%% *}\",\"organisation\":\"Sở Nông nghiệp và Môi trường\"}"
    MEMBERS+=("$(j .id)")
done
check_eq "the council and its members are set up" "201 3" "$T_STATUS ${#MEMBERS[@]}"
# The commune council of the candidates' commune, whose pre-check proposes them to the province (QĐ 1489).
t_http POST "$E/v1/councils" '{"name":"Hội đồng OCOP xã (bench)","level":"commune","decision_number":"2/QĐ-BENCH","decided_on":"2025-08-01","territory":"29302"}'
COMMUNE=$(j .id)
t_http POST "$E/v1/councils/$COMMUNE/members" '{"full_name":"Chủ tịch UBND xã","role":"chair","organisation":"UBND xã"}'
check_eq "the commune council is set up" 201 "$T_STATUS"
SCORERS=""
for k in 0 1; do
    SCORERS+="${SCORERS:+,}${MEMBERS[$k]}=$(t_token council_member --member "${MEMBERS[$k]}" --sub "bench-member-$k")"
done
: >"$T_DIR/fresh_tokens"
for ((i = 0; i < ${OCOP_BENCH_FRESH_TOKENS:-30}; i++)); do
    t_token province_officer --sub "bench-fresh-$i" >>"$T_DIR/fresh_tokens"
done
OCOP_BENCH_TOKEN=$(t_token province_officer --sub bench-officer) OCOP_BENCH_COUNCIL=$COUNCIL OCOP_BENCH_COMMUNE=$COMMUNE \
    OCOP_BENCH_MEMBERS=$SCORERS OCOP_BENCH_FRESH_TOKENS=$T_DIR/fresh_tokens \
    python3 "$(dirname "$0")/evaluation.py" "$E" <"$T_DIR/apps" >"$T_DIR/result.json"
check "every benchmark request succeeded" test $? -eq 0
cat "$T_DIR/result.json"
t_done

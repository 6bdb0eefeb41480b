#!/usr/bin/env bash
# Kafka away: writes keep succeeding, events wait in the outbox, readiness
# says so, and when the broker comes back everything arrives by itself.
source "$(dirname "$0")/lib.sh"
t_init broker_outage
t_start registration
t_start evaluation
t_start promotion
R=$(t_url registration)
P=$(t_new_producer enterprise 2100800001 "Công ty CP Bánh tráng IMEX" 29242)
t_wait_status "$(t_url evaluation)/v1/products/$(t_new_product "$P" "Bánh tráng" 6)" 200 10 >/dev/null

check "the broker is taken down" t_broker down all
ids=()
for i in 1 2 3; do
    t_http POST "$R/v1/products" "{\"producer_id\":\"$P\",\"name\":\"Bánh tráng loại $i\",\"criteria_set\":6}"
    check_eq "POST while the broker is down is 201 ($i)" 201 "$T_STATUS"
    ids+=("$(j .id)")
done
sleep 2.5
check_eq "the events wait in the outbox" 3 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
check "the backlog gauge shows them" test "$(t_metric registration '^ocop_outbox_backlog')" -eq 3
not_ready() { t_http GET "$R/ready" && [[ $T_STATUS == 503 ]]; }
t_until 10 not_ready
check_eq "registration is not ready while Kafka is unreachable" "503 false true" \
    "$T_STATUS $(j .checks.kafka) $(j .checks.database)"
t_http GET "$R/health"
check_eq "but it is alive" 200 "$T_STATUS"
# /ready only reads what a background thread found: with Kafka gone it answers at once, and
# 8 clients asking it over and over do not slow the API down.
slowest() { # slowest URL N: the slowest of N sequential requests, in ms
    for ((i = 0; i < $2; i++)); do curl -s -o /dev/null -w '%{time_total}\n' "$1"; done |
        sort -n | tail -1 | awk '{printf "%d", $1 * 1000}'
}
ms=$(slowest "$R/ready" 20)
check "GET /ready answers within 100 ms while Kafka is away (slowest of 20: $ms ms)" test "$ms" -lt 100
pids=()
for i in $(seq 1 8); do
    (for ((k = 0; k < 200; k++)); do curl -s -o /dev/null --max-time 5 "$R/ready"; done) &
    pids+=($!)
done
ms=$(T_AUTH="Authorization: Bearer $T_TOKEN" bash -c 'for i in $(seq 1 20); do curl -s -o /dev/null -w "%{time_total}\n" -H "$T_AUTH" "$0/v1/products/$1"; done' "$R" "${ids[0]}" |
    sort -n | tail -1 | awk '{printf "%d", $1 * 1000}')
check "a product read stays fast meanwhile (slowest of 20: $ms ms)" test "$ms" -lt 250
kill "${pids[@]}" 2>/dev/null
wait "${pids[@]}" 2>/dev/null
t_http GET "$(t_url evaluation)/v1/products/${ids[0]}"
check_eq "evaluation has not seen them yet" 404 "$T_STATUS"

check "the broker comes back" t_broker up all
for id in "${ids[@]}"; do
    ms=$(t_wait_status "$(t_url evaluation)/v1/products/$id" 200 60)
    check "a product posted during the outage reaches evaluation (${ms:-never} ms after recovery)" test -n "$ms"
    ms=$(t_wait_status "$(t_url promotion)/v1/products/$id" 200 60)
    check "and promotion" test -n "$ms"
done
check_eq "the outbox is drained" 0 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
ocop_wait_ready "$R/ready" 30
t_http GET "$R/ready"
check_eq "registration is ready again" 200 "$T_STATUS"
check_eq "each event was applied once" 0 \
    "$(t_sql evaluation "SELECT count(*) - count(DISTINCT event_id) FROM inbox")"
t_done

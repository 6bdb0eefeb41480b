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
t_http GET "$R/ready"
check_eq "registration is not ready while Kafka is unreachable" "503 false true" \
    "$T_STATUS $(j .checks.kafka) $(j .checks.database)"
t_http GET "$R/health"
check_eq "but it is alive" 200 "$T_STATUS"
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

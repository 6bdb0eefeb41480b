#!/usr/bin/env bash
# The consumer-lag gauge follows a consumer that falls behind: while a poison event is
# retried (the consumer thread waits on it), the events behind it show as lag on the
# registration topic's series, and the lag falls back to 0 once they are applied.
source "$(dirname "$0")/lib.sh"
t_init consumer_lag
t_start registration
t_start evaluation OCOP_CONSUMER_MAX_RETRIES=6 OCOP_CONSUMER_RETRY_MS=1000
t_settle # every consumer has its partitions before anything is timed or faulted
P=$(t_new_producer enterprise 2101000002 "Công ty TNHH Chậm trễ" 29536)
topic=$T_PREFIX.registration.events
lag() { curl -s "$(t_url evaluation)/metrics" | awk -v t="topic=\"$topic\"" 'index($0, "ocop_consumer_lag{") == 1 && index($0, t) {print $2}'; }
behind() { [[ $(lag) =~ ^[0-9.]+$ ]] && awk -v v="$(lag)" 'BEGIN {exit !(v >= 5)}'; }
caught_up() { [[ $(lag) == 0 ]]; }

poison=$(t_sql registration "INSERT INTO outbox (event_id, topic, event_type, source, subject, payload)
    VALUES (gen_random_uuid(), '$topic', 'ocop.registration.product.registered.v1',
    '/ocop/registration', '$P', '{\"product_id\": \"$P\", \"name\": 44}') RETURNING event_id")
for i in $(seq 1 10); do t_new_product "$P" "Kẹo dừa chậm $i" 8; done >/dev/null
check "the lag gauge shows the events waiting behind a retried poison event ($(lag))" t_until 8 behind
dead() { [[ $(t_sql evaluation "SELECT outcome FROM inbox WHERE event_id = '$poison'") == dead_lettered ]]; }
check "the poison event is dead-lettered after its retries" t_until 30 dead
check "the lag falls back to 0 once the consumer has caught up" t_until 15 caught_up
t_done

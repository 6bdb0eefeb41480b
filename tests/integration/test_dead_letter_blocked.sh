#!/usr/bin/env bash
# A dead-letter topic that cannot be written holds the consumer (it retries that event and
# applies nothing else); /ready says so (503, checks.dead_letter false) instead of 200, and
# is ready again once the dead letter is written.
source "$(dirname "$0")/lib.sh"
t_init dead_letter_blocked
t_start registration
t_start evaluation OCOP_CONSUMER_MAX_RETRIES=8 OCOP_CONSUMER_RETRY_MS=500
P=$(t_new_producer enterprise 2101000003 "Công ty TNHH Thư chết" 29536)
E=$(t_url evaluation)
poison=$(t_sql registration "INSERT INTO outbox (event_id, topic, event_type, source, subject, payload)
    VALUES (gen_random_uuid(), '$T_PREFIX.registration.events', 'ocop.registration.product.registered.v1',
    '/ocop/registration', '$P', '{\"product_id\": \"$P\", \"name\": 45}') RETURNING event_id")
published() { [[ $(t_sql registration "SELECT published_at IS NOT NULL FROM outbox WHERE event_id = '$poison'") == t ]]; }
check "the poison event is on Kafka" t_until 10 published
# Every Produce request (API key 0) fails from now on (NOT_ENOUGH_REPLICAS, which librdkafka retries).
check "the broker refuses every write" t_broker error 0 19 10000
held() { t_http GET "$E/ready" && [[ $T_STATUS == 503 && $(j .checks.dead_letter) == false ]]; }
check "evaluation is not ready while its dead letter cannot be written" t_until 40 held
check_eq "and says only that" "true true true" "$(j .checks.database) $(j .checks.kafka) $(j .checks.migrations)"
check "the broker takes writes again" t_broker clear 0
ready() { t_http GET "$E/ready" && [[ $T_STATUS == 200 && $(j .checks.dead_letter) == true ]]; }
check "evaluation is ready again once the dead letter is written" t_until 60 ready
dead() { [[ $(t_sql evaluation "SELECT outcome FROM inbox WHERE event_id = '$poison'") == dead_lettered ]]; }
check "the poison event is recorded as dead-lettered" t_until 10 dead
t_done

#!/usr/bin/env bash
# Fault R6: a poison event while the dead-letter topic cannot be written, with good events
# queued behind it and writes going on. (integration.dead_letter_blocked proves the /ready
# signal alone; this adds the load, the lag signal, and the loss and duplicate accounting.)
#   Load:    20 POST /v1/products published behind the poison, then 10 more during the fault.
#   Fault:   a product.registered event whose data breaks its schema (the poison), on the
#            partition of the producer's events; then the embedded broker fails every Produce
#            request (control channel "error 0 19": NOT_ENOUGH_REPLICAS) for a few seconds,
#            so evaluation can neither dead-letter the poison nor get past it (and registration
#            cannot publish meanwhile).
#   Checker: evaluation signals it: /ready 503 with checks.dead_letter false, its lag gauge
#            above 0; it has not stopped: once the broker takes writes again the poison is
#            dead-lettered and recorded as such, every product arrives, each handler ran once
#            per event (ledger). Recovery: from the broker's repair until evaluation is ready
#            and every product has arrived.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
t_init fault_dead_letter
t_start registration "${T_NO_LIMITS[@]}"
t_settle # every consumer has its partitions before anything is timed or faulted
P=$(t_new_producer enterprise 2101300006 "Công ty TNHH Sự cố Sáu" 29242)
poison=$(t_sql registration "INSERT INTO outbox (event_id, topic, event_type, source, subject, payload)
    VALUES (gen_random_uuid(), '$T_PREFIX.registration.events', 'ocop.registration.product.registered.v1',
    '/ocop/registration', '$P', '{\"product_id\": \"$P\", \"name\": 6}') RETURNING event_id")
f_load 20 0.05 "R6 Bánh" "$P" "$T_DIR/load.before"
drained() { [[ $(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the poison and the products behind it are on Kafka" t_until 20 drained
t_broker error 0 19 10000 || f_skip "the broker's control channel refused the Produce errors"
# One record at a time: what is behind the poison stays unread, so the lag shows it.
F_UP_PATH=/health f_start_quick evaluation OCOP_CONSUMER_MAX_RETRIES=2 OCOP_CONSUMER_RETRY_MS=200 \
    OCOP_CONSUMER_BATCH=1 || fail "evaluation started"
f_ledger evaluation
# products it applied before the ledger existed (it starts consuming at once)
unledgered=$(t_sql evaluation "SELECT count(*) FROM products")
E=$(t_url evaluation)
held() { t_http GET "$E/ready" && [[ $T_STATUS == 503 && $(j .checks.dead_letter) == false ]]; }
check "evaluation says it is held by a dead letter it cannot write (/ready 503)" t_until 40 held
check_eq "and only that" "true true true" "$(j .checks.database) $(j .checks.kafka) $(j .checks.migrations)"
lagging() { (($(t_metric evaluation '^ocop_consumer_lag') > 0)); }
check "its lag gauge shows the events waiting behind the poison" t_until 10 lagging
lag=$(t_metric evaluation '^ocop_consumer_lag')
f_load 10 0.05 "R6 Bánh" "$P" "$T_DIR/load.during"
check_eq "registration takes writes meanwhile" 10 "$(awk '$2 == 201' "$T_DIR/load.during" | wc -l)"
check "still held after the load (not silently moved on)" held
t_broker clear 0 || fail "the broker takes writes again"
cleared=$(f_now_ms)
ready() { t_http GET "$E/ready" && [[ $T_STATUS == 200 && $(j .checks.dead_letter) == true ]]; }
check "evaluation is ready again once the dead letter is written" t_until 60 ready
check "every product reaches evaluation" t_until 40 f_arrived "R6 Bánh" evaluation
recovery=$(($(f_now_ms) - cleared))
dead() { [[ $(t_sql evaluation "SELECT outcome FROM inbox WHERE event_id = '$poison'") == dead_lettered ]]; }
check "the poison is recorded as dead-lettered" t_until 10 dead
check "the dead-letter metric counts it" \
    test "$(t_metric evaluation 'ocop_events_consumed_total.*outcome="dead_lettered"')" -ge 1
cat "$T_DIR/load.before" "$T_DIR/load.during" >"$T_DIR/load"
f_load_summary "$T_DIR/load"
n=$(f_persisted "R6 Bánh" | wc -l)
check "the ledger saw each product's effect ($n, $unledgered before it existed)" \
    test "$(f_ledger_count evaluation)" -ge $((n - unledgered))
f_result "R6 poison event + dead-letter topic unwritable (lag $lag while held)" "$F_LOAD" \
    "$(f_lost "R6 Bánh" "$T_DIR/load" evaluation)" "$(f_duplicates evaluation)" "$recovery"
t_done

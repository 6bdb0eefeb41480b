#!/usr/bin/env bash
# Poison events: an event that breaks its contract is retried a bounded
# number of times, then goes to the consumer's dead-letter topic with the
# reason, is recorded in the inbox, and the consumer moves on. A record that
# is not a CloudEvent at all goes there at once.
source "$(dirname "$0")/lib.sh"
t_init dead_letter
t_start registration
t_start evaluation OCOP_CONSUMER_MAX_RETRIES=3 OCOP_CONSUMER_RETRY_MS=50
t_start promotion OCOP_CONSUMER_MAX_RETRIES=3 OCOP_CONSUMER_RETRY_MS=50
R=$(t_url registration)
P=$(t_new_producer enterprise 2101000001 "Công ty TNHH Thủy sản Đông Hải" 29536)

# A "product registered" event without most of its data, as a faulty producer would send.
poison=$(t_sql registration "INSERT INTO outbox (event_id, topic, event_type, source, subject, payload)
    VALUES (gen_random_uuid(), '$T_PREFIX.registration.events', 'ocop.registration.product.registered.v1',
    '/ocop/registration', '$P', '{\"product_id\": \"$P\", \"name\": 42}') RETURNING event_id")
# A record that is not a CloudEvent: no ce_ headers, a value that is not JSON.
printf 'not json at all' | kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.registration.events" -k "$P" 2>/dev/null
check "a raw non-CloudEvent record was written to the topic" test $? -eq 0
# The consumers must move on: a valid product after the poison arrives.
good=$(t_new_product "$P" "Tôm khô Tiến Hải" 8)
ms=$(t_wait_status "$(t_url evaluation)/v1/products/$good" 200 30)
check "evaluation moves on past the poison event (${ms:-never} ms)" test -n "$ms"
ms=$(t_wait_status "$(t_url promotion)/v1/products/$good" 200 30)
check "promotion moves on past the poison event (${ms:-never} ms)" test -n "$ms"

for svc in evaluation promotion; do
    check_eq "$svc recorded the poison event as dead-lettered" "dead_lettered" \
        "$(t_sql "$svc" "SELECT outcome FROM inbox WHERE event_id = '$poison'")"
    reason=$(t_sql "$svc" "SELECT reason FROM inbox WHERE event_id = '$poison'")
    check "$svc kept the reason ($reason)" grep -q "product registered" <<<"$reason"
    kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$svc.dlq" -o beginning -e -q -J \
        >"$T_DIR/$svc.dlq.jsonl" 2>/dev/null
    check_eq "$svc's dead-letter topic holds both bad records" 2 "$(wc -l <"$T_DIR/$svc.dlq.jsonl")"
    # kcat -J lists headers as [name, value, name, value, ...]; make them an object.
    hdrs='.headers as $h | [range(0; $h | length; 2) | {($h[.]): $h[. + 1]}] | add'
    check "the dead letter keeps the event id, reason and origin" jq -e -s --arg id "$poison" \
        --arg t "$T_PREFIX.registration.events" --arg svc "$svc" \
        "any(.[]; ($hdrs) as \$o | \$o.ce_id == \$id and \$o.dlq_topic == \$t
            and \$o.dlq_consumer == \$svc and (\$o.dlq_reason | length) > 0
            and (\$o.dlq_offset | test(\"^[0-9]+\$\")))" "$T_DIR/$svc.dlq.jsonl"
    check "the non-CloudEvent record is dead-lettered with its reason" jq -e -s \
        "any(.[]; .payload == \"not json at all\" and (($hdrs).dlq_reason | test(\"specversion\")))" \
        "$T_DIR/$svc.dlq.jsonl"
    check "$svc counts its dead letters" test \
        "$(t_metric "$svc" 'ocop_events_consumed_total.*outcome="dead_lettered"')" -eq 2
done
check_eq "the poison event changed no read model" 0 \
    "$(t_sql evaluation "SELECT count(*) FROM products WHERE product_id = '$P'")"

# A redelivered poison event is skipped, not dead-lettered again.
t_sql registration "UPDATE outbox SET published_at = NULL WHERE event_id = '$poison'" >/dev/null
sleep 3
check "a redelivered dead letter is skipped as a duplicate" test \
    "$(t_metric evaluation 'ocop_events_consumed_total.*outcome="dead_lettered"')" -eq 2

# Batches: events that wait for a stopped consumer are applied together, in one transaction
# (one transaction time in the inbox); a poison event among them sends the batch back to one
# event per transaction, so the good ones are applied and only the poison is dead-lettered.
t_stop evaluation
for i in $(seq 1 20); do t_new_product "$P" "Mắm tôm chua lô $i" 8; done >"$T_DIR/batch1"
t_start evaluation OCOP_CONSUMER_MAX_RETRIES=3 OCOP_CONSUMER_RETRY_MS=50
applied() { [[ $(t_sql evaluation "SELECT count(*) FROM products WHERE product_id IN ($(sed "s/.*/'&'/" "$1" | paste -sd,))") == "$2" ]]; }
check "a waiting backlog of 20 products is applied" t_until 30 applied "$T_DIR/batch1" 20
events=$(t_sql registration "SELECT string_agg(quote_literal(event_id::text), ',') FROM outbox
    WHERE subject IN ($(sed "s/.*/'&'/" "$T_DIR/batch1" | paste -sd,))")
tx=$(t_sql evaluation "SELECT count(DISTINCT processed_at) FROM inbox WHERE event_id IN ($events)")
check "they were applied in fewer transactions than events ($tx for 20)" test "$tx" -lt 20
t_stop evaluation
for i in $(seq 1 5); do t_new_product "$P" "Bánh tét lá cẩm lô $i" 8; done >"$T_DIR/batch2"
poison2=$(t_sql registration "INSERT INTO outbox (event_id, topic, event_type, source, subject, payload)
    VALUES (gen_random_uuid(), '$T_PREFIX.registration.events', 'ocop.registration.product.registered.v1',
    '/ocop/registration', '$P', '{\"product_id\": \"$P\", \"name\": 43}') RETURNING event_id")
for i in $(seq 6 10); do t_new_product "$P" "Bánh tét lá cẩm lô $i" 8; done >>"$T_DIR/batch2"
t_start evaluation OCOP_CONSUMER_MAX_RETRIES=3 OCOP_CONSUMER_RETRY_MS=50
check "the 10 good products around a poison event are applied" t_until 30 applied "$T_DIR/batch2" 10
dead() { [[ $(t_sql evaluation "SELECT outcome FROM inbox WHERE event_id = '$poison2'") == dead_lettered ]]; }
check "the poison event among them is dead-lettered" t_until 30 dead
t_done

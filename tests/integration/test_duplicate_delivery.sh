#!/usr/bin/env bash
# At-least-once delivery with effectively-once effects: every event of the
# registry is published a second time (as after a relay crash between the
# broker's ack and "mark published"); the consumers' inboxes absorb the
# duplicates and the read models do not change.
source "$(dirname "$0")/lib.sh"
t_init duplicate
t_start registration
t_start evaluation
t_start promotion
R=$(t_url registration)

P=$(t_new_producer cooperative 2100700001 "HTX Dừa sáp Cầu Kè" 29320 2024-03-01)
ids=()
for i in 1 2 3 4 5; do ids+=("$(t_new_product "$P" "Dừa sáp loại $i" 1)"); done
for id in "${ids[@]}"; do
    t_wait_status "$(t_url evaluation)/v1/products/$id" 200 10 >/dev/null
    t_wait_status "$(t_url promotion)/v1/products/$id" 200 10 >/dev/null
done
events=$(t_sql registration "SELECT count(*) FROM outbox")
check_eq "six events were published" "6 0" "$events $(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
snapshot() { t_sql "$1" "SELECT string_agg(product_id || ':' || version || ':' || updated_at, ',' ORDER BY product_id) FROM products"; }
eval_before=$(snapshot evaluation)
promo_before=$(snapshot promotion)
inbox_before=$(t_sql evaluation "SELECT count(*) FROM inbox")

# Publish everything again: the relay finds the rows unpublished and sends them.
t_sql registration "UPDATE outbox SET published_at = NULL" >/dev/null
for ((i = 0; i < 100; i++)); do
    [[ $(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]] && break
    sleep 0.1
done
check_eq "the relay published every event again" 0 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
for svc in evaluation promotion; do
    for ((i = 0; i < 100; i++)); do
        (($(t_metric "$svc" 'ocop_events_consumed_total.*outcome="duplicate"') >= 5)) && break
        sleep 0.1
    done
done
check "evaluation saw the product events again as duplicates" \
    test "$(t_metric evaluation 'ocop_events_consumed_total.*outcome="duplicate"')" -ge 6
check "promotion saw the product events again as duplicates" \
    test "$(t_metric promotion 'ocop_events_consumed_total.*outcome="duplicate"')" -ge 5
check_eq "evaluation's inbox holds each event once" "$inbox_before" "$(t_sql evaluation "SELECT count(*) FROM inbox")"
check_eq "evaluation's inbox has no duplicate ids" 0 \
    "$(t_sql evaluation "SELECT count(*) - count(DISTINCT event_id) FROM inbox")"
check_eq "evaluation's read model did not change" "$eval_before" "$(snapshot evaluation)"
check_eq "promotion's read model did not change" "$promo_before" "$(snapshot promotion)"

# A stale event (older version) arriving late never overwrites a newer view.
t_sql evaluation "UPDATE products SET version = 7 WHERE product_id = '${ids[0]}'" >/dev/null
t_sql registration "UPDATE outbox SET published_at = NULL WHERE subject = '${ids[0]}'" >/dev/null
sleep 2
check_eq "an older version does not overwrite a newer one" 7 \
    "$(t_sql evaluation "SELECT version FROM products WHERE product_id = '${ids[0]}'")"
t_done

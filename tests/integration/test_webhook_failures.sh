#!/usr/bin/env bash
# Webhook failures through the real services: a receiver that always answers
# 500 ends in a dead delivery (announced) that a redrive sends again once it
# answers; one that never answers times out (no status recorded); a
# subscription failing OCOP_WEBHOOK_PAUSE_AFTER times in a row is paused (and
# announced), holds its new deliveries, and sends them once resumed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/webhook_lib.sh"
t_init webhook_failures
wh_receiver_start
printf '{"delays_s":[0.2,0.2,0.2],"then":"dead"}' >"$T_DIR/schedule.json"
t_start registration
t_start notification OCOP_WEBHOOK_ALLOW_ADDRESSES=127.0.0.1 OCOP_WEBHOOK_POLL_MS=100 \
    OCOP_WEBHOOK_RETRY_SCHEDULE_FILE="$T_DIR/schedule.json" OCOP_WEBHOOK_TIMEOUT_MS=1000 \
    OCOP_WEBHOOK_PAUSE_AFTER=6
N=$(t_url notification)
TYPES='["ocop.registration.product.registered.v1"]'
subscribe() { # subscribe PATH -> id
    t_http POST "$N/v1/subscriptions" "{\"url\":\"$WH$1\",\"event_types\":$TYPES,\"contact_email\":\"ops@example.vn\"}"
    j .id
}
TOGGLE=$(subscribe /toggle)
HANG=$(subscribe /hang)
BROKEN=$(subscribe /always-500)
P=$(t_new_producer enterprise 2101300021 "Công ty TNHH Dừa Xanh" 29347 2024-03-01)
PR=$(t_new_product "$P" "Mật hoa dừa" 4)
listed() { # listed SUB STATUS
    t_http GET "$N/v1/subscriptions/$1/deliveries?status=$2"
    [[ $(j '.items | length') -ge 1 ]]
}
check "a receiver answering 500 ends dead after the schedule" t_until 30 listed "$TOGGLE" dead
DEAD=$(j '.items[0].id')
check_eq "after 1 + 3 attempts" "4 500" "$(j '.items[0].attempt_count') $(j '.items[0].last_http_status')"
check_eq "the death is announced" 1 \
    "$(t_sql notification "SELECT count(*) FROM outbox WHERE event_type = 'ocop.notification.delivery.dead.v1' AND payload->>'delivery_id' = '$DEAD'")"
touch "$WH_DIR/toggle-ok"
t_http POST "$N/v1/deliveries/$DEAD/redrive" ""
check_eq "a redrive puts it back to pending, attempts kept" "200 pending 4" \
    "$T_STATUS $(j .status) $(j .attempt_count)"
check "and it is sent again" t_until 20 listed "$TOGGLE" delivered
t_http GET "$N/v1/deliveries/$DEAD"
check_eq "the fifth attempt delivered it" "delivered 5 500,500,500,500,200" \
    "$(j .status) $(j .attempt_count) $(j '[.attempts[].http_status] | join(",")')"
t_http POST "$N/v1/deliveries/$DEAD/redrive" ""
check_eq "a delivery that is not dead is not redriven" 409 "$T_STATUS"

check "a receiver that never answers ends dead too" t_until 40 listed "$HANG" dead
t_http GET "$N/v1/deliveries/$(j '.items[0].id')"
check_eq "each attempt timed out, with no status" "4 null true" \
    "$(j .attempt_count) $(j '.attempts[0].http_status') $(j '.attempts[0].error | test("[Tt]ime")')"

# The always-failing subscription: 4 failures so far; two more pause it.
check "the broken one is dead too" t_until 30 listed "$BROKEN" dead
t_http POST "$N/v1/subscriptions/$BROKEN/redrive" ""
check_eq "a subscription's dead deliveries are redriven in one call" "200 1" "$T_STATUS $(j .redriven)"
paused() { t_http GET "$N/v1/subscriptions/$BROKEN"; [[ $(j .status) == paused ]]; }
check "after 6 consecutive failures the subscription is paused" t_until 30 paused
check_eq "with why and the count" "6 true" "$(j .consecutive_failures) $(j '.paused_reason | test("6 consecutive")')"
VERSION=$(j .version)
check_eq "the pause is announced" 1 \
    "$(t_sql notification "SELECT count(*) FROM outbox WHERE event_type = 'ocop.notification.subscription.paused.v1' AND subject = '$BROKEN'")"
sleep 1
SENT=$(wh_count /always-500)
PR2=$(t_new_product "$P" "Kẹo dừa" 4)
held() { t_http GET "$N/v1/subscriptions/$BROKEN/deliveries?status=pending"; [[ $(j '.items | length') -ge 1 ]]; }
check "a paused subscription still queues new deliveries" t_until 30 held
sleep 1
check_eq "but sends nothing" "$SENT 0" "$(wh_count /always-500) $(j '.items[0].attempt_count')"
t_http PATCH "$N/v1/subscriptions/$BROKEN" '{"status":"active"}' "If-Match: \"$VERSION\""
check_eq "resuming clears the failure count" "200 active 0 null" \
    "$T_STATUS $(j .status) $(j .consecutive_failures) $(j .paused_at)"
more() { [[ $(wh_count /always-500) -gt $SENT ]]; }
check "and its held delivery is sent" t_until 20 more

t_check_audit
t_check_events notification
t_done

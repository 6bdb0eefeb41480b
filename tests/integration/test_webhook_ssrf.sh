#!/usr/bin/env bash
# The webhooks' SSRF guard: subscriptions to loopback, metadata, private and
# link-local addresses, to a name resolving to loopback, and plain http are
# refused unless OCOP_WEBHOOK_ALLOW_ADDRESSES lists the address; and the
# address is checked again when connecting, so an endpoint allowed once
# cannot be reached after the allowance is gone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/webhook_lib.sh"
t_init webhook_ssrf
wh_receiver_start
t_start registration
t_start notification OCOP_WEBHOOK_POLL_MS=100
N=$(t_url notification)
try() { # try URL -> "STATUS CODE"
    t_http POST "$N/v1/subscriptions" "{\"url\":\"$1\",\"event_types\":[\"ocop.registration.\"]}"
    echo "$T_STATUS $(j '.errors[0].code // empty')"
}
for url in https://127.0.0.1/ https://169.254.169.254/latest/meta-data/ https://10.1.2.3/ \
    https://localhost/ "https://[::1]/" https://192.168.1.10/ https://172.16.0.1/ \
    https://100.64.0.1/ "https://[fd00:ec2::254]/" "https://[fe80::1]/" https://0.0.0.0/ \
    https://224.0.0.1/ "https://[::ffff:127.0.0.1]/" https://2130706433/; do
    check_eq "$url is refused" "422 forbidden_address" "$(try "$url")"
done
check_eq "plain http is refused" "422 forbidden_scheme" "$(try http://93.184.216.34/)"
check_eq "so is ftp" "422 forbidden_scheme" "$(try ftp://93.184.216.34/)"
check_eq "credentials in the URL are refused" "422 invalid_url" "$(try https://u:p@93.184.216.34/)"
check_eq "a public https address is accepted" "201 " "$(try https://93.184.216.34/hooks)"
check_eq "nothing refused was stored" 1 "$(t_sql notification "SELECT count(*) FROM webhook_subscriptions")"
t_http DELETE "$N/v1/subscriptions/$(t_sql notification "SELECT id FROM webhook_subscriptions")" ""

# Allowed once (the allow-list names 127.0.0.1), then the allowance is gone.
t_stop notification
t_start notification OCOP_WEBHOOK_POLL_MS=100 OCOP_WEBHOOK_ALLOW_ADDRESSES=127.0.0.1
N=$(t_url notification)
check_eq "an allow-listed address is accepted, plain http too" "201 " "$(try "$WH/ok")"
SUB=$(t_sql notification "SELECT id FROM webhook_subscriptions WHERE url = '$WH/ok'")
t_stop notification
printf '{"delays_s":[0.2],"then":"dead"}' >"$T_DIR/schedule.json"
t_start notification OCOP_WEBHOOK_POLL_MS=100 OCOP_WEBHOOK_RETRY_SCHEDULE_FILE="$T_DIR/schedule.json"
N=$(t_url notification)
P=$(t_new_producer enterprise 2101300031 "Công ty TNHH Sen Hồng" 29347 2024-03-01)
dead() { t_http GET "$N/v1/subscriptions/$SUB/deliveries?status=dead"; [[ $(j '.items | length') -ge 1 ]]; }
check "without the allowance the delivery is refused at connect time" t_until 30 dead
check_eq "by the guard, and the receiver got nothing" "true 0" \
    "$(j '.items[0].last_error | test("SSRF guard")') $(wh_count /ok)"

t_check_audit
t_done

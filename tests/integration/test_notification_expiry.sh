#!/usr/bin/env bash
# The notification service end to end, as issue 11 asks: a certificate moved
# close to expiry by the test clock (both the evaluation and the notification
# service read it). The producer's e-mail arrives in the sink once per notice
# (90 and 30 days before), and a subscribed receiver gets each notice as a
# signed webhook, checked by the npm standardwebhooks package — also during a
# secret rotation, when both secrets verify. A subscription whose receiver
# keeps failing is paused and its owner is told by e-mail. The certificate's
# status follows in the read model.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/webhook_lib.sh"
t_init notification_expiry
CLOCK=$T_DIR/clock
set_clock() { printf '%s\n' "$1" >"$CLOCK.new" && mv "$CLOCK.new" "$CLOCK"; }
set_clock 2025-06-01
wh_receiver_start
printf '{"delays_s":[0.2,0.2,0.2,0.2],"then":"dead"}' >"$T_DIR/schedule.json"
t_start registration
t_start evaluation OCOP_CLOCK_FILE="$CLOCK" OCOP_SCHEDULER_INTERVAL_MS=100 \
    OCOP_CERTIFICATE_NOTICE_DAYS=90,30
t_smtp_start
t_start notification "${T_MAIL_ENV[@]}" OCOP_CLOCK_FILE="$CLOCK" \
    OCOP_WEBHOOK_ALLOW_ADDRESSES=127.0.0.1 OCOP_WEBHOOK_POLL_MS=100 \
    OCOP_WEBHOOK_RETRY_SCHEDULE_FILE="$T_DIR/schedule.json" OCOP_WEBHOOK_PAUSE_AFTER=3
R=$(t_url registration)
E=$(t_url evaluation)
N=$(t_url notification)
NOTICE=ocop.evaluation.certificate.expiry_notice.v1

t_http POST "$N/v1/subscriptions" \
    "{\"url\":\"$WH/ok\",\"event_types\":[\"ocop.evaluation.certificate.\"],\"contact_email\":\"portal-ops@example.com\"}"
check_eq "the portal subscribes to certificate events" 201 "$T_STATUS"
SUB=$(j .id)
wh_secrets "{\"first\":\"$(j .secret)\"}"
t_http POST "$N/v1/subscriptions" \
    "{\"url\":\"$WH/always-500\",\"event_types\":[\"ocop.evaluation.certificate.\"],\"contact_email\":\"partner-ops@example.com\"}"
check_eq "a partner whose receiver always fails subscribes too" 201 "$T_STATUS"
FAILING=$(j .id)

t_http POST "$R/v1/producers" '{"type":"cooperative","identifier":"2101600001","name":"Hợp tác xã Dừa sáp Cầu Kè","representative":"Nguyễn Văn An","commune_code":"29302","email":"htx-dua-sap@example.com"}'
P=$(j .id)
PR=$(t_new_product "$P" "Dừa sáp Cầu Kè" 1)
known() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }
check "evaluation knows the product" t_until 30 known "$PR"
t_http POST "$E/v1/certificates" "{\"product_id\":\"$PR\",\"stars\":4,\"rule_set\":\"qd1048-2019\",\"level\":\"province\",\"decision_number\":\"12/QĐ-UBND\",\"issued_on\":\"2022-10-01\"}"
check_eq "a certificate in force through 2025-10-01 (122 days left)" "201 2025-10-01" "$T_STATUS $(j .expires_on)"
NUMBER=$(j .number)

# mails KIND: messages in the sink about this certificate of that kind (by subject and body).
mails() { t_mails | jq -s --arg n "$NUMBER" '[.[] | select(.text | contains($n))] | length'; }
notices() { wh_count /ok "$NOTICE"; }
at_least() { [[ $("$2") -ge $1 ]]; }

# --- 90 days before: the first notice ---------------------------------------------------------
set_clock 2025-07-10
check "the 90-day notice reaches the receiver" t_until 30 at_least 1 notices
check "and the producer's mailbox" t_until 30 at_least 1 mails
sleep 2
check_eq "once each (the receiver, the sink)" "1 1" "$(notices) $(mails)"
n90() { wh_requests "[.[] | select(.path == \"/ok\" and (.body | fromjson | .type) == \"$NOTICE\")][0] | $1"; }
check_eq "the webhook is the notice, verified by standardwebhooks" "true 90 $NUMBER" \
    "$(n90 .verified.first) $(n90 '.body | fromjson | .data.offset_days') $(n90 '.body | fromjson | .data.number')"
check_eq "the mail is the producer's, in Vietnamese, with the number and the last day" \
    "htx-dua-sap@example.com true true" \
    "$(t_mails | jq -r --arg n "$NUMBER" 'select(.text | contains($n)) | .to' | head -1) $(t_mails | jq -r --arg n "$NUMBER" 'select(.text | contains($n)) | (.text | contains("01/10/2025"))' | head -1) $(t_mails | jq -r --arg n "$NUMBER" 'select(.text | contains($n)) | (.subject | test("[ạảãàáâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]"))' | head -1)"
expiring() { [[ $(t_sql notification "SELECT status FROM certificates WHERE number = '$NUMBER'") == expiring ]]; }
check "the read model has the certificate expiring" t_until 20 expiring

# --- a secret rotation, then the 30-day notice: both secrets sign -------------------------------
t_http POST "$N/v1/subscriptions/$SUB/secret-rotations" ""
check_eq "the secret is rotated" 200 "$T_STATUS"
wh_secrets "$(jq -nc --arg a "$(jq -r .first "$WH_DIR/secrets.json")" --arg b "$(j .secret)" '{first: $a, second: $b}')"
set_clock 2025-09-05
check "the 30-day notice reaches the receiver" t_until 30 at_least 2 notices
check "and the mailbox" t_until 30 at_least 2 mails
n30() { wh_requests "[.[] | select(.path == \"/ok\" and (.body | fromjson | .type) == \"$NOTICE\")][1] | $1"; }
check_eq "during the overlap it carries two signatures, each secret verifying" "30 2 true true" \
    "$(n30 '.body | fromjson | .data.offset_days') $(n30 '.headers["webhook-signature"] | split(" ") | length') $(n30 .verified.first) $(n30 .verified.second)"
sleep 2
check_eq "each notice once, both ways" "2 2" "$(notices) $(mails)"

# --- the failing partner: paused after 3 failures, its owner told -------------------------------
paused() { t_http GET "$N/v1/subscriptions/$FAILING"; [[ $(j .status) == paused ]]; }
check "the always-failing subscription is paused" t_until 30 paused
owner_told() { [[ $(t_mails | jq -s '[.[] | select(.to == "partner-ops@example.com")] | length') -ge 1 ]]; }
check "its owner is told by e-mail" t_until 30 owner_told

# --- expiry: the day after expires_on ------------------------------------------------------------
set_clock 2025-10-02
expired() { [[ $(t_sql notification "SELECT status FROM certificates WHERE number = '$NUMBER'") == expired ]]; }
check "the expiry reaches the read model" t_until 30 expired
expired_mail() { [[ $(t_mails | jq -s --arg n "$NUMBER" '[.[] | select((.text | contains($n)) and (.subject | contains("đã hết hiệu lực")))] | length') -ge 1 ]]; }
check "and the producer is mailed that it expired" t_until 30 expired_mail
check_eq "the expiry reached the receiver too" 1 \
    "$(wh_requests '[.[] | select(.path == "/ok" and (.body | fromjson | .data.status) == "expired")] | length')"

t_check_audit
t_smtp_stop
t_stop notification
t_stop evaluation
t_stop registration
t_done

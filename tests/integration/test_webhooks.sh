#!/usr/bin/env bash
# Signed webhooks through the real services: a subscribed receiver gets the
# events it asked for (registration's, and a certificate evaluation issues),
# signed per Standard Webhooks and verified by the npm
# standardwebhooks package (and not with a wrong secret); during a secret
# rotation both secrets verify; a receiver answering 500 twice gets it on the
# third attempt, every attempt listed; a redirect is a failure; the
# dossier-status format for an application; another portal account sees
# nothing of it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/webhook_lib.sh"
t_init webhooks
wh_receiver_start
printf '{"delays_s":[0.3,0.3,0.3],"then":"dead"}' >"$T_DIR/schedule.json"
t_start registration OCOP_MAX_UPLOAD_BYTES=200000 OCOP_AGENCY_CODE=000.00.31.H60
t_start evaluation
t_start notification OCOP_WEBHOOK_ALLOW_ADDRESSES=127.0.0.1 OCOP_WEBHOOK_POLL_MS=100 \
    OCOP_WEBHOOK_RETRY_SCHEDULE_FILE="$T_DIR/schedule.json" OCOP_WEBHOOK_TIMEOUT_MS=2000 \
    OCOP_PORTAL_AGENCY_CODE=000.00.31.H60
N=$(t_url notification)
R=$(t_url registration)
PORTAL=$(t_token portal --sub portal-a)
OTHER=$(t_token portal --sub portal-b)
AS_PORTAL="Authorization: Bearer $PORTAL"
WRONG=whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=

subscribe() { # subscribe PATH TYPES_JSON [FORMAT] -> T_BODY of the 201
    t_http POST "$N/v1/subscriptions" \
        "{\"url\":\"$WH$1\",\"event_types\":$2${3:+,\"format\":\"$3\"},\"contact_email\":\"ops@portal.example.vn\"}" \
        "$AS_PORTAL"
}
subscribe /ok '["ocop.registration.producer.","ocop.registration.product.registered.v1","ocop.evaluation.certificate."]'
check_eq "a subscription is created with its secret and ETag" "201 whsec_ 44 \"1\" cloudevents 4" \
    "$T_STATUS $(j '.secret[0:6]') $(j '.secret[6:] | length') $(t_header ETag) $(j .format) $(j .max_in_flight)"
SUB=$(j .id)
SECRET=$(j .secret)
t_http GET "$N/v1/subscriptions/$SUB" "" "$AS_PORTAL"
check_eq "the secret is never shown again" "200 null portal-a" "$T_STATUS $(j .secret) $(j .owner)"
t_http GET "$N/v1/subscriptions/$SUB" "" "Authorization: Bearer $OTHER"
check_eq "another portal account does not see it" 404 "$T_STATUS"
t_http GET "$N/v1/subscriptions" "" "Authorization: Bearer $OTHER"
check_eq "nor lists it" "200 0" "$T_STATUS $(j '.items | length')"
t_http GET "$N/v1/subscriptions" ""
check_eq "an admin lists it" "200 $SUB" "$T_STATUS $(j '.items[0].id')"
t_http POST "$N/v1/subscriptions" '{"url":"ftp://x","event_types":["ocop.registration.product"],"format":"xml","max_in_flight":17,"secret":"x"}' "$AS_PORTAL"
check_eq "a bad subscription names every bad member" "422 event_types[0] format max_in_flight secret url" \
    "$T_STATUS $(j '[.errors[].field] | unique | join(" ")')"

wh_secrets "{\"current\":\"$SECRET\",\"wrong\":\"$WRONG\"}"
P=$(t_new_producer enterprise 2101300011 "Công ty TNHH Trà Vinh FARM" 29347 2024-03-01)
PR=$(t_new_product "$P" "Mật hoa dừa" 4)
check "the receiver gets the product event" t_until 30 wh_has /ok 1 ocop.registration.product.registered.v1
check "and the producer event (a prefix)" t_until 10 wh_has /ok 1 ocop.registration.producer.registered.v1
ev() { wh_requests "[.[] | select(.path == \"/ok\" and (.body | fromjson | .type) == \"ocop.registration.product.registered.v1\")][0] | $1"; }
check_eq "standardwebhooks verifies it with the secret, not with a wrong one" "true false" \
    "$(ev .verified.current) $(ev .verified.wrong)"
check_eq "webhook-id is the event id; the body a structured CloudEvent" \
    "true application/cloudevents+json 1.0 /ocop/registration $PR" \
    "$(ev '.headers["webhook-id"] == (.body | fromjson | .id)') $(ev .content_type) $(ev '.body | fromjson | .specversion') $(ev '.body | fromjson | .source') $(ev '.body | fromjson | .data.product_id')"
check_eq "one signature outside a rotation" 1 "$(ev '.headers["webhook-signature"] | split(" ") | length')"

# Rotation: the new secret signs, the old one too during the overlap.
t_http POST "$N/v1/subscriptions/$SUB/secret-rotations" "" "$AS_PORTAL"
NEW=$(j .secret)
check_eq "a rotation shows the new secret once, and when the old one stops" "200 true true" \
    "$T_STATUS $([[ $NEW == whsec_* && $NEW != "$SECRET" ]] && echo true) $(j '.previous_secret_expires_at != null')"
wh_secrets "{\"old\":\"$SECRET\",\"new\":\"$NEW\",\"wrong\":\"$WRONG\"}"
PR2=$(t_new_product "$P" "Bánh tét lá cẩm" 4)
got2() { [[ $(wh_requests "[.[] | select(.path == \"/ok\" and (.body | fromjson | .data.product_id) == \"$PR2\")] | length") -ge 1 ]]; }
check "the receiver gets the next event" t_until 30 got2
ev2() { wh_requests "[.[] | select(.path == \"/ok\" and (.body | fromjson | .data.product_id) == \"$PR2\")][0] | $1"; }
check_eq "during the overlap it carries two signatures: the new one's, then the old one's" \
    "2 [true,false] [false,true]" \
    "$(ev2 '.headers["webhook-signature"] | split(" ") | length') $(ev2 '.signatures.new | tojson') $(ev2 '.signatures.old | tojson')"
check_eq "both secrets verify it, a wrong one does not" "true true false" \
    "$(ev2 .verified.new) $(ev2 .verified.old) $(ev2 .verified.wrong)"

# A certificate issued by evaluation reaches the prefix subscriber, signed with the new secret.
evaluation_knows() { t_http GET "$(t_url evaluation)/v1/products/$PR"; [[ $T_STATUS == 200 ]]; }
check "evaluation knows the product" t_until 30 evaluation_knows
t_http POST "$(t_url evaluation)/v1/certificates" \
    "{\"product_id\":\"$PR\",\"stars\":4,\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"15/QĐ-UBND\",\"issued_on\":\"2025-10-01\"}"
check_eq "a certificate is issued" 201 "$T_STATUS"
NUMBER=$(j .number)
check "the receiver gets the certificate event (a prefix)" t_until 30 wh_has /ok 1 ocop.evaluation.certificate.issued.v1
check_eq "with the certificate, verified with both secrets" "$NUMBER true true" \
    "$(wh_requests '[.[] | select(.path == "/ok") | select((.body | fromjson | .type) == "ocop.evaluation.certificate.issued.v1")][0] | "\(.body | fromjson | .data.number) \(.verified.new) \(.verified.old)"')"

# Retries: 500, 500, then 200; every attempt listed.
subscribe /fail/2/a '["ocop.registration.product.registered.v1"]'
RETRY=$(j .id)
subscribe /redirect '["ocop.registration.product.registered.v1"]'
REDIRECT=$(j .id)
PR3=$(t_new_product "$P" "Kẹo dừa" 4)
delivered() { # delivered SUB STATUS
    t_http GET "$N/v1/subscriptions/$1/deliveries?status=$2" "" "$AS_PORTAL"
    [[ $(j '.items | length') -ge 1 ]]
}
check "the failing receiver gets it on the third attempt" t_until 30 delivered "$RETRY" delivered
t_http GET "$N/v1/deliveries/$(j '.items[0].id')" "" "$AS_PORTAL"
check_eq "its attempts are listed with their statuses" "200 delivered 3 500,500,200 HTTP 500" \
    "$T_STATUS $(j .status) $(j .attempt_count) $(j '[.attempts[].http_status] | join(",")') $(j '.attempts[0].error')"
check_eq "each with its latency" true "$(j '[.attempts[].latency_ms | type == "number"] | all')"
check_eq "the receiver saw the same event id each time" 1 \
    "$(wh_requests '[.[] | select(.path == "/fail/2/a") | .headers["webhook-id"]] | unique | length')"
check "a redirect is a failure, retried then dead" t_until 30 delivered "$REDIRECT" dead
t_http GET "$N/v1/deliveries/$(j '.items[0].id')" "" "$AS_PORTAL"
check_eq "its attempts say why" "4 302 true" \
    "$(j .attempt_count) $(j '.attempts[0].http_status') $(j '.attempts[0].error | test("redirect")')"
check_eq "the redirect was never followed" 0 "$(wh_count /redirect-target)"
t_http GET "$N/v1/deliveries/$(j .id)" "" "Authorization: Bearer $OTHER"
check_eq "another portal account does not see the delivery" 404 "$T_STATUS"
t_http POST "$N/v1/deliveries/$(j .id)/redrive" "" "Authorization: Bearer $OTHER"
check_eq "nor redrives it" 404 "$T_STATUS"
check_eq "the dead delivery was announced" 1 \
    "$(t_sql notification "SELECT count(*) FROM outbox WHERE event_type = 'ocop.notification.delivery.dead.v1' AND subject = '$REDIRECT'")"

# The portal's dossier-status format for an application's submission and its acceptance.
subscribe /ok '["ocop.registration.application."]' dossier_status
DOSSIER=$(j .id)
wh_secrets "{\"new\":\"$(j .secret)\"}"
t_http POST "$R/v1/applications" "{\"product_id\":\"$PR\",\"kind\":\"first_time\",\"samples_count\":5}"
APP=$(j .id)
printf '%%PDF-1.4\n%% tài liệu\n' >"$T_DIR/doc.pdf"
for item in registration_form self_assessment business_registration; do
    curl -s -o /dev/null -H "$(t_bearer)" -F "item=$item" -F "file=@$T_DIR/doc.pdf;type=application/pdf" \
        "$R/v1/applications/$APP/documents"
done
t_http POST "$R/v1/applications/$APP/transitions" '{"to":"new"}' \
    "Authorization: Bearer $(t_token producer --producer "$P" --sub producer-a)"
check_eq "the application is submitted" 200 "$T_STATUS"
t_http POST "$R/v1/applications/$APP/transitions" '{"to":"accepted"}' \
    "Authorization: Bearer $(t_token province_officer --sub officer-a)"
check_eq "and accepted" 200 "$T_STATUS"
dossiers() { [[ $(wh_requests '[.[] | select(.content_type == "application/json")] | length') -ge 2 ]]; }
check "the dossier-status subscriber gets both" t_until 30 dossiers
check_eq "as the portal's dossier status, signed" \
    "1,2 new,accepted 000.00.31.H60 true Mật hoa dừa true" \
    "$(wh_requests '[.[] | select(.content_type == "application/json") | .body | fromjson | .status_code] | sort | join(",")') $(wh_requests '[.[] | select(.content_type == "application/json") | .body | fromjson] | sort_by(.status_code) | map(.status) | join(",")') $(wh_requests '[.[] | select(.content_type == "application/json") | .body | fromjson | .receiving_agency] | unique | join(",")') $(wh_requests '[.[] | select(.content_type == "application/json") | .body | fromjson | .dossier_code | test("^000.00.31.H60-")] | all') $(wh_requests '[.[] | select(.content_type == "application/json") | .body | fromjson | .product_name][0]') $(wh_requests '[.[] | select(.content_type == "application/json") | .verified.new] | all')"
check_eq "the cloudevents subscriber got no application event (it did not ask)" 0 \
    "$(wh_requests '[.[] | select(.path == "/ok" and .content_type != "application/json") | .body | fromjson | select(.type | startswith("ocop.registration.application."))] | length')"
check_eq "each event was queued once per subscription" 0 \
    "$(t_sql notification "SELECT count(*) FROM (SELECT subscription_id, event_id FROM webhook_deliveries GROUP BY 1, 2 HAVING count(*) > 1) d")"

t_http PATCH "$N/v1/subscriptions/$SUB" '{"description":"Cổng tỉnh","max_in_flight":2}' "$AS_PORTAL" 'If-Match: "2"'
check_eq "a subscription is changed with If-Match" "200 2 \"3\"" "$T_STATUS $(j .max_in_flight) $(t_header ETag)"
t_http PATCH "$N/v1/subscriptions/$SUB" '{"url":"https://10.1.2.3/hook"}' "$AS_PORTAL" 'If-Match: "3"'
check_eq "a changed URL is checked by the SSRF guard" "422 forbidden_address" "$T_STATUS $(j '.errors[0].code')"
t_http DELETE "$N/v1/subscriptions/$DOSSIER" "" "$AS_PORTAL"
check_eq "a subscription is deleted" "200 deleted" "$T_STATUS $(j .status)"
t_http GET "$N/v1/subscriptions/$DOSSIER" "" "$AS_PORTAL"
check_eq "and gone" 404 "$T_STATUS"

# max_in_flight: one subscription sends one at a time, another several.
t_http POST "$N/v1/subscriptions" "{\"url\":\"$WH/slow/one\",\"event_types\":[\"ocop.registration.producer.registered.v1\"],\"max_in_flight\":1}"
t_http POST "$N/v1/subscriptions" "{\"url\":\"$WH/slow/four\",\"event_types\":[\"ocop.registration.producer.registered.v1\"],\"max_in_flight\":4}"
for i in 1 2 3; do t_new_producer enterprise 210130010$i "Công ty TNHH Số $i" 29347 2024-03-01 >/dev/null; done
check "the slow receivers get all three" t_until 30 wh_has /slow/one 3
check "both" t_until 10 wh_has /slow/four 3
check_eq "max_in_flight 1 sends one at a time; 4 sends several" "1 true" \
    "$(wh_requests '[.[] | select(.path == "/slow/one") | .concurrent] | max') $(wh_requests '[.[] | select(.path == "/slow/four") | .concurrent] | max > 1')"
check_eq "attempts are counted by outcome in /metrics" "1 1 1" \
    "$(($(t_metric notification 'ocop_webhook_attempts_total\{outcome="delivered"\}') >= 5)) $(($(t_metric notification 'ocop_webhook_attempts_total\{outcome="retry"\}') >= 5)) $(($(t_metric notification 'ocop_webhook_attempts_total\{outcome="dead"\}') == 1))"
t_check_audit
t_check_events notification
t_done

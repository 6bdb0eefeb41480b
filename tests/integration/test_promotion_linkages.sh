#!/usr/bin/env bash
# Market linkages: a promotable product linked with a partner (tax code 10 or
# 10+3 digits), per-field 422s with nothing written, Idempotency-Key,
# If-Match, every status move recorded with who (the token's subject, never a
# member of the body), when and why, each change an
# ocop.promotion.linkage.changed.v1 event naming that subject, that
# registration shows on the product; an inspection's recall suspends the product's signed and active
# linkages (reason and causing event's id), and nothing is re-activated by
# itself when a new certificate comes.
source "$(dirname "$0")/lib.sh"
t_init promotion_linkages
t_start registration
t_start promotion
P=$(t_url promotion)
R=$(t_url registration)
BINH="Authorization: Bearer $(t_token trade_officer --sub binh.le)"

cert() { # PRODUCT CERT STATUS STARS ISSUED EXPIRES TIME NUMBER
    local type=ocop.evaluation.certificate.status_changed.v1
    [[ $3 == valid ]] && type=ocop.evaluation.certificate.issued.v1
    t_event evaluation "$type" "$1" \
        "{\"certificate_id\":\"$2\",\"product_id\":\"$1\",\"status\":\"$3\",\"stars\":$4${5:+,\"issued_on\":\"$5\"}${6:+,\"expires_on\":\"$6\"},\"number\":\"$8\"}" "$7"
}
# A product's standing is public: read without a token.
promotable_is() { T_TOKEN='' t_http GET "$P/v1/products/$1"; [[ $(j .promotable) == "$2" ]]; }
rows() { t_sql promotion "SELECT (SELECT count(*) FROM linkages) || '/' || (SELECT count(*) FROM linkage_transitions) || '/' || (SELECT count(*) FROM outbox WHERE event_type = 'ocop.promotion.linkage.changed.v1')"; }

FARM=$(t_new_producer enterprise 2100300301 "Công ty TNHH Trà Vinh FARM" 29347 2024-03-01)
A=$(t_new_product "$FARM" "Mật hoa dừa" 4)
C=$(t_new_product "$FARM" "Đường hoa dừa" 4)
D=$(t_new_product "$FARM" "Giấm dừa" 9)
cert "$A" "$(uuid)" valid 5 "$(day '-400 days')" "$(day '+700 days')" 2026-01-01T00:00:00Z TV-OCOP-0301
cert "$C" "$(uuid)" valid 2 "$(day '-30 days')" "" 2026-01-01T00:00:01Z TV-OCOP-0302
check "A is promotable" t_until 15 promotable_is "$A" true
t_until 10 promotable_is "$C" false
t_until 10 promotable_is "$D" false

# --- create ------------------------------------------------------------------------------------
S1=$(day '+1 day') E1=$(day '+365 days')
body="{\"product_id\":\"$A\",\"partner_kind\":\"supermarket_chain\",\"partner_name\":\"Co.opmart Trà Vinh\",\"partner_tax_code\":\"0301175691-012\",\"channel\":\"supermarket\",\"volume\":1200,\"unit\":\"chai\",\"value_vnd\":96000000,\"starts_on\":\"$S1\",\"ends_on\":\"$E1\"}"
t_http POST "$P/v1/linkages" "$body" 'Idempotency-Key: lk-1'
L1=$(j .id)
check_eq "POST is 201 with Location and ETag" "201 /v1/linkages/$L1 \"1\"" "$T_STATUS $(t_header Location) $(t_header ETag)"
check_eq "a new linkage is proposed, its creation recorded with who (the token's subject)" \
    "proposed|1200|chai|0301175691-012|1|null|proposed|test-officer" \
    "$(j .status)|$(j .volume)|$(j .unit)|$(j .partner_tax_code)|$(j '.transitions | length')|$(j .transitions[0].from_status)|$(j .transitions[0].to_status)|$(j .transitions[0].actor)"
t_http POST "$P/v1/linkages" "$body" 'Idempotency-Key: lk-1'
check_eq "a retry with the same key replays it" "201 $L1 true" "$T_STATUS $(j .id) $(t_header Idempotent-Replayed)"
check_eq "one linkage, one transition, one event" "1/1/1" "$(rows)"

t_http POST "$P/v1/linkages" "{\"product_id\":\"$A\",\"partner_kind\":\"shop\",\"partner_name\":\"Co.opmart\",\"partner_tax_code\":\"030117569\",\"channel\":\"supermarket\",\"volume\":-3,\"status\":\"active\"}"
check_eq "every bad field is named" "422 partner_kind,partner_tax_code,status,volume" "$T_STATUS $(fields)"
t_http POST "$P/v1/linkages" "${body%\}},\"actor\":\"Nguyễn Thị Thu\"}"
check_eq "who acts is not a member of the body" "422 actor unknown 1/1/1" "$T_STATUS $(fields) $(code_of actor) $(rows)"
t_http POST "$P/v1/linkages" "{\"product_id\":\"$A\",\"partner_kind\":\"exporter\",\"partner_name\":\"Vina T&T\",\"partner_tax_code\":\"0301175691-12\",\"channel\":\"export\",\"volume\":2.5,\"starts_on\":\"$E1\",\"ends_on\":\"$S1\"}"
check_eq "the tax code, volume with its unit, and the dates' order" "422 ends_on,partner_tax_code,unit order format required" \
    "$T_STATUS $(fields) $(code_of ends_on) $(code_of partner_tax_code) $(code_of unit)"
for tax in 123456789 01234567890 0301175691-0123 "0301175691 012" 0301175691/012; do
    t_http POST "$P/v1/linkages" "{\"product_id\":\"$A\",\"partner_kind\":\"exporter\",\"partner_name\":\"Vina T&T\",\"partner_tax_code\":\"$tax\",\"channel\":\"export\"}"
    check_eq "tax code '$tax' is refused" "422 partner_tax_code" "$T_STATUS $(fields)"
done
t_http POST "$P/v1/linkages" "{\"product_id\":\"$C\",\"partner_kind\":\"distributor\",\"partner_name\":\"Phân phối Miền Tây\",\"channel\":\"wholesale\"}"
check_eq "a 2-star product is not linked" "409 the product cannot be linked: its certificate TV-OCOP-0302 recognises 2 stars; promotion needs 3 or more" \
    "$T_STATUS $(j .detail)"
t_http POST "$P/v1/linkages" "{\"product_id\":\"$D\",\"partner_kind\":\"distributor\",\"partner_name\":\"Phân phối Miền Tây\",\"channel\":\"wholesale\"}"
check_eq "a product without a certificate is not linked" 409 "$T_STATUS"
t_http POST "$P/v1/linkages" "{\"product_id\":\"$(uuid)\",\"partner_kind\":\"distributor\",\"partner_name\":\"Phân phối Miền Tây\",\"channel\":\"wholesale\"}"
check_eq "an unknown product is a field error" "422 product_id not_found" "$T_STATUS $(fields) $(code_of product_id)"
check_eq "none of them wrote anything" "1/1/1" "$(rows)"

# --- transitions: who, when, why -----------------------------------------------------------------
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"signed"}'
check_eq "a transition without If-Match is 428" 428 "$T_STATUS"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"signed"}' 'If-Match: "5"'
check_eq "with a stale version 412" 412 "$T_STATUS"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"active"}' 'If-Match: "1"'
check_eq "proposed -> active is refused" "409 true" "$T_STATUS $(j '.detail | startswith("cannot move from proposed to active")')"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"signed","actor":"Thu","colour":"x"}' 'If-Match: "1"'
check_eq "a transition body is checked: no actor either" "422 actor,colour unknown" "$T_STATUS $(fields) $(code_of actor)"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"signed","reason":"hợp đồng số 15/2026/HĐ"}' 'If-Match: "1"' 'Idempotency-Key: lk-1-sign'
check_eq "proposed -> signed" '200 "2" signed 2' "$T_STATUS $(t_header ETag) $(j .status) $(j '.transitions | length')"
check_eq "the move is recorded with who and why" "proposed>signed test-officer hợp đồng số 15/2026/HĐ true" \
    "$(j '.transitions[1].from_status')>$(j '.transitions[1].to_status') $(j '.transitions[1].actor') $(j '.transitions[1].reason') $(j '.transitions[1].at | test("^20")')"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"signed","reason":"hợp đồng số 15/2026/HĐ"}' 'If-Match: "1"' 'Idempotency-Key: lk-1-sign'
check_eq "a retried transition is replayed, not repeated" "200 true 1/2/2" "$T_STATUS $(t_header Idempotent-Replayed) $(rows)"
t_http PATCH "$P/v1/linkages/$L1" '{"status":"active"}' 'If-Match: "2"'
check_eq "PATCH does not move the status" "422 status not_allowed" "$T_STATUS $(fields) $(code_of status)"
t_http PATCH "$P/v1/linkages/$L1" "{\"product_id\":\"$C\"}" 'If-Match: "2"'
check_eq "nor the product" "422 product_id immutable" "$T_STATUS $(fields) $(code_of product_id)"
t_http PATCH "$P/v1/linkages/$L1" '{"value_vnd":120000000,"notes":"giao hàng hàng tháng"}' 'If-Match: "2"'
check_eq "PATCH changes the agreement" '200 "3" 120000000 signed' "$T_STATUS $(t_header ETag) $(j .value_vnd) $(j .status)"
t_http PATCH "$P/v1/linkages/$L1" '{"starts_on":null}' 'If-Match: "3"'
check_eq "a signed linkage keeps its agreement's first day" "422 starts_on required" "$T_STATUS $(fields) $(code_of starts_on)"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"suspended"}' 'If-Match: "3"'
check_eq "a suspension must say why" "422 reason required" "$T_STATUS $(fields) $(code_of reason)"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"active"}' 'If-Match: "3"' "$BINH"
check_eq "signed -> active, by another subject" '200 "4" active binh.le' "$T_STATUS $(t_header ETag) $(j .status) $(j '.transitions[-1].actor')"
active_at_registration() { t_http GET "$R/v1/products/$A"; [[ $(j '.ocop.active_linkages | length') == "$1" ]]; }
check "registration shows the active linkage" t_until 15 active_at_registration 1
check_eq "with its partner and channel" "Co.opmart Trà Vinh supermarket active" \
    "$(j '.ocop.active_linkages[0].partner_name') $(j '.ocop.active_linkages[0].channel') $(j '.ocop.active_linkages[0].status')"

# A second linkage, still proposed, without an agreement yet.
t_http POST "$P/v1/linkages" "{\"product_id\":\"$A\",\"partner_kind\":\"ecommerce_platform\",\"partner_name\":\"Postmart\",\"channel\":\"e_commerce\"}"
L2=$(j .id)
t_http POST "$P/v1/linkages/$L2/transitions" '{"to":"signed"}' 'If-Match: "1"'
check_eq "no signature without the agreement's first day" "422 starts_on required" "$T_STATUS $(fields) $(code_of starts_on)"
t_http POST "$P/v1/linkages" "{\"product_id\":\"$A\",\"partner_kind\":\"hotel\",\"partner_name\":\"Khách sạn Cửu Long\",\"channel\":\"hospitality\",\"starts_on\":\"$S1\"}"
L3=$(j .id)
t_http POST "$P/v1/linkages/$L3/transitions" '{"to":"signed"}' 'If-Match: "1"'
check_eq "a third linkage is signed" "200 signed" "$T_STATUS $(j .status)"

# --- list -------------------------------------------------------------------------------------
t_http GET "$P/v1/linkages?product_id=$A&status=active"
check_eq "filter by product and status" "$L1" "$(j '[.items[].id] | join(",")')"
t_http GET "$P/v1/linkages?partner_kind=ecommerce_platform&channel=e_commerce"
check_eq "filter by partner kind and channel" "$L2" "$(j '[.items[].id] | join(",")')"
t_http GET "$P/v1/linkages?limit=2"
check_eq "pages, newest first" "$L3,$L2 true" "$(j '[.items[].id] | join(",")') $(j '.next_cursor != null')"
t_http GET "$P/v1/linkages?limit=2&cursor=$(j .next_cursor)"
check_eq "the last page" "$L1 null" "$(j '[.items[].id] | join(",")') $(j .next_cursor)"
t_http GET "$P/v1/linkages?status=paused&channel=tv&product_id=1"
check_eq "bad filters are 422" "422 channel,product_id,status" "$T_STATUS $(fields)"
t_http GET "$P/v1/linkages/$(uuid)"
check_eq "an unknown linkage is 404" 404 "$T_STATUS"

# --- the reaction: a market sample is recalled ----------------------------------------------------
REC=$(uuid)
kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -k "$A" \
    -H ce_specversion=1.0 -H "ce_id=$REC" -H ce_source=/ocop/evaluation \
    -H ce_type=ocop.evaluation.inspection.recorded.v1 -H "ce_subject=$A" \
    -H ce_time=2026-06-01T00:00:00Z -H content-type=application/json \
    <<<"{\"inspection_id\":\"$(uuid)\",\"product_id\":\"$A\",\"outcome\":\"recall\",\"kind\":\"market_sample\",\"inspected_on\":\"$(day '-1 day')\"}"
suspended() { t_http GET "$P/v1/linkages/$1"; [[ $(j .status) == suspended ]]; }
check "the recall suspends the active linkage" t_until 15 suspended "$L1"
check_eq "recorded as a transition by promotion, with the reason and the event" \
    "active>suspended promotion $REC true" \
    "$(j '.transitions[-1].from_status')>$(j '.transitions[-1].to_status') $(j '.transitions[-1].actor') $(j '.transitions[-1].cause_event_id') $(j '.transitions[-1].reason | test("ended in recall")')"
check "and the signed one" suspended "$L3"
t_http GET "$P/v1/linkages/$L2"
check_eq "a proposed linkage is left as it is" proposed "$(j .status)"
check_eq "two suspension events naming their cause" "2" \
    "$(t_sql promotion "SELECT count(*) FROM outbox WHERE event_type = 'ocop.promotion.linkage.changed.v1' AND payload->>'status' = 'suspended' AND payload->>'cause_event_id' = '$REC' AND payload->>'actor' = 'promotion'")"
check "registration no longer shows an active linkage" t_until 15 active_at_registration 0
t_http GET "$P/v1/linkages/$L1"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"active"}' "If-Match: \"$(j .version)\""
check_eq "it cannot be re-activated while the recall stands" \
    "409 true" "$T_STATUS $(j '.detail | startswith("the product cannot be supplied through it: inspection")')"
t_http POST "$P/v1/linkages" "{\"product_id\":\"$A\",\"partner_kind\":\"distributor\",\"partner_name\":\"Phân phối Miền Tây\",\"channel\":\"wholesale\"}"
check_eq "nor can a new one be proposed" 409 "$T_STATUS"

# A new certificate: eligible again, nothing re-activated by itself.
cert "$A" "$(uuid)" valid 5 "$(day today)" "" 2026-07-01T00:00:00Z TV-OCOP-0401
check "a new certificate makes A promotable again" t_until 15 promotable_is "$A" true
t_http GET "$P/v1/linkages/$L1"
check_eq "the suspended linkage stays suspended" suspended "$(j .status)"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"active","reason":"chứng nhận mới TV-OCOP-0401"}' "If-Match: \"$(j .version)\"" "$BINH"
check_eq "a person re-activates it" "200 active binh.le" "$T_STATUS $(j .status) $(j '.transitions[-1].actor')"
check "registration shows it again" t_until 15 active_at_registration 1
t_http GET "$P/v1/linkages/$L1"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"ended","reason":"hết hạn hợp đồng"}' "If-Match: \"$(j .version)\""
check_eq "active -> ended" "200 ended" "$T_STATUS $(j .status)"
t_http POST "$P/v1/linkages/$L1/transitions" '{"to":"active"}' "If-Match: \"$(j .version)\""
check_eq "ended is final" "409 the linkage ended: it no longer changes" "$T_STATUS $(j .detail)"
t_http GET "$P/v1/linkages/$L1"
t_http PATCH "$P/v1/linkages/$L1" '{"notes":"x"}' "If-Match: \"$(j .version)\""
check_eq "an ended linkage is not patched either" 409 "$T_STATUS"

# --- events -----------------------------------------------------------------------------------
check_eq "every change was one event, keyed by the product" \
    "$(t_sql promotion "SELECT sum(version) FROM linkages") $A" \
    "$(t_sql promotion "SELECT count(*) || ' ' || min(subject) FROM outbox WHERE event_type = 'ocop.promotion.linkage.changed.v1'")"
check_eq "events name the token's subject (people) or promotion (reactions), never a name" \
    "test-officer:$(($(t_sql promotion "SELECT count(*) FROM outbox WHERE event_type = 'ocop.promotion.linkage.changed.v1'") - 4)) promotion:2 binh.le:2" \
    "$(t_sql promotion "SELECT string_agg(a || ':' || n, ' ' ORDER BY a DESC) FROM (SELECT payload->>'actor' AS a, count(*) AS n FROM outbox WHERE event_type = 'ocop.promotion.linkage.changed.v1' GROUP BY 1) x")"
check_eq "every status move was recorded" "$(t_sql promotion "SELECT count(*) FROM linkage_transitions")" \
    "$(t_sql promotion "SELECT count(*) FROM outbox WHERE event_type = 'ocop.promotion.linkage.changed.v1' AND payload->>'from_status' IS DISTINCT FROM payload->>'status'")"
published() { [[ $(t_sql promotion "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the relay published them" t_until 10 published
check_eq "registration refused none of them" 0 \
    "$(t_sql registration "SELECT count(*) FROM inbox WHERE outcome = 'dead_lettered'")"
t_check_events promotion
t_done

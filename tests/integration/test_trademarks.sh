#!/usr/bin/env bash
# Trademark support requests (hỗ trợ xây dựng nhãn hiệu) and the support ledger: per-field 422s with
# nothing written, the status rules (requested -> filed -> granted | refused,
# requested -> refused, never back) and what each status needs, If-Match,
# Idempotency-Key, listing filters, and the events in the outbox, valid
# against their schemas and published by the relay.
source "$(dirname "$0")/lib.sh"
t_init trademarks
t_start registration
R=$(t_url registration)

HTX=$(t_new_producer cooperative 2100300001 "Hợp tác xã Dừa sáp Cầu Kè" 29302)
P=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
P2=$(t_new_product "$HTX" "Mật hoa dừa" 4)
check "a producer and two products to support" test -n "$HTX" -a -n "$P" -a -n "$P2"

rows() { t_sql registration "SELECT (SELECT count(*) FROM trademarks) || '/' || (SELECT count(*) FROM outbox WHERE event_type LIKE 'ocop.registration.trademark.%')"; }

# --- create ------------------------------------------------------------------------------
body="{\"product_id\":\"$P\",\"kind\":\"collective\",\"mark_name\":\"Dừa sáp Cầu Kè\",\"requested_on\":\"2022-07-01\",\"support_amount_vnd\":10000000}"
t_http POST "$R/v1/trademarks" "$body" 'Idempotency-Key: tm-portal-1'
T1=$(j .id)
check_eq "POST is 201 with Location and ETag" "201 /v1/trademarks/$T1 \"1\"" \
    "$T_STATUS $(t_header Location) $(t_header ETag)"
check_eq "a new request is requested, at the national IP office by default" \
    "requested|Cục Sở hữu trí tuệ|$P|10000000|null" \
    "$(j .status)|$(j .office)|$(j .product.id)|$(j .support_amount_vnd)|$(j .filing_number)"
t_http POST "$R/v1/trademarks" "$body" 'Idempotency-Key: tm-portal-1'
check_eq "a retry with the same Idempotency-Key replays the response" "201 $T1 true" \
    "$T_STATUS $(j .id) $(t_header Idempotent-Replayed)"
check_eq "and writes nothing more" "1/1" "$(rows)"
t_http GET "$R/v1/trademarks/$T1"
check_eq "GET is 200 with the ETag" "200 \"1\" Dừa sáp Cầu Kè" "$T_STATUS $(t_header ETag) $(j .mark_name)"
t_http GET "$R/v1/trademarks/00000000-0000-4000-8000-000000000000"
check_eq "GET of an unknown id is 404" 404 "$T_STATUS"
t_http GET "$R/v1/trademarks/not-an-id"
check_eq "GET of a malformed id is 404" 404 "$T_STATUS"

# --- bad inputs: one error per bad field, nothing written ------------------------------------
t_http POST "$R/v1/trademarks" '{"product_id":"x","kind":"geographical","mark_name":"X","requested_on":"2022-02-30","support_amount_vnd":-5,"status":"granted","certificate_number":"1","colour":"xanh"}'
check_eq "every bad field is named" \
    "422 certificate_number,colour,kind,mark_name,product_id,requested_on,status,support_amount_vnd" \
    "$T_STATUS $(fields)"
check_eq "with its code" "enum format range not_allowed unknown" \
    "$(code_of kind) $(code_of requested_on) $(code_of support_amount_vnd) $(code_of status) $(code_of colour)"
t_http POST "$R/v1/trademarks" '{}'
check_eq "required fields" "422 kind,mark_name,product_id,requested_on" "$T_STATUS $(fields)"
t_http POST "$R/v1/trademarks" "{\"product_id\":\"$P\",\"kind\":\"ordinary\",\"mark_name\":\"Dừa sáp\",\"requested_on\":\"2022-07-01\",\"support_amount_vnd\":\"10 triệu\",\"office\":\" Cục \"}"
check_eq "wrong types and padded text" "422 office,support_amount_vnd type" "$T_STATUS $(fields) $(code_of support_amount_vnd)"
t_http POST "$R/v1/trademarks" "{\"product_id\":\"00000000-0000-4000-8000-000000000000\",\"kind\":\"ordinary\",\"mark_name\":\"Không có\",\"requested_on\":\"2022-07-01\"}"
check_eq "an unknown product is a field error" "422 product_id not_found" "$T_STATUS $(fields) $(code_of product_id)"
t_http POST "$R/v1/trademarks" '{"product_id":'
check_eq "malformed JSON is 400" 400 "$T_STATUS"
check_eq "none of them wrote a request or an event" "1/1" "$(rows)"

# --- If-Match ----------------------------------------------------------------------------------
filed="{\"status\":\"filed\",\"filing_number\":\"4-2022-12345\",\"filed_on\":\"2022-08-10\"}"
t_http PATCH "$R/v1/trademarks/$T1" "$filed"
check_eq "PATCH without If-Match is 428" 428 "$T_STATUS"
t_http PATCH "$R/v1/trademarks/$T1" "$filed" 'If-Match: "7"'
check_eq "PATCH with a stale version is 412" 412 "$T_STATUS"
t_http PATCH "$R/v1/trademarks/$T1" "$filed" 'If-Match: W/"1"'
check_eq "PATCH with an ETag we never issue is 412" 412 "$T_STATUS"
t_http PATCH "$R/v1/trademarks/00000000-0000-4000-8000-000000000000" "$filed" 'If-Match: "1"'
check_eq "PATCH of an unknown request is 404" 404 "$T_STATUS"
check_eq "nothing changed" "1 requested" "$(t_sql registration "SELECT version || ' ' || status FROM trademarks WHERE id = '$T1'")"

# --- status rules ------------------------------------------------------------------------------
t_http PATCH "$R/v1/trademarks/$T1" '{"status":"granted","filing_number":"4-2022-12345","filed_on":"2022-08-10","decided_on":"2023-05-02","certificate_number":"452103"}' 'If-Match: "1"'
check_eq "requested -> granted is refused" "422 status transition" "$T_STATUS $(fields) $(code_of status)"
t_http PATCH "$R/v1/trademarks/$T1" '{"status":"filed"}' 'If-Match: "1"'
check_eq "filed needs filing_number and filed_on" "422 filed_on,filing_number required" \
    "$T_STATUS $(fields) $(code_of filed_on)"
t_http PATCH "$R/v1/trademarks/$T1" '{"status":"filed","filing_number":"4-2022-12345","filed_on":"2022-06-30"}' 'If-Match: "1"'
check_eq "filed_on before requested_on is refused" "422 filed_on order" "$T_STATUS $(fields) $(code_of filed_on)"
t_http PATCH "$R/v1/trademarks/$T1" '{"certificate_number":"452103"}' 'If-Match: "1"'
check_eq "a requested mark has no certificate" "422 certificate_number not_allowed" \
    "$T_STATUS $(fields) $(code_of certificate_number)"
t_http PATCH "$R/v1/trademarks/$T1" "{\"product_id\":\"$P2\"}" 'If-Match: "1"'
check_eq "the product cannot change" "422 product_id immutable" "$T_STATUS $(fields) $(code_of product_id)"
t_http PATCH "$R/v1/trademarks/$T1" '{}' 'If-Match: "1"'
check_eq "an empty patch is 422" 422 "$T_STATUS"
check_eq "the refused changes wrote nothing" "1 requested 1/1" \
    "$(t_sql registration "SELECT version || ' ' || status FROM trademarks WHERE id = '$T1'") $(rows)"

t_http PATCH "$R/v1/trademarks/$T1" "$filed" 'If-Match: "1"'
check_eq "requested -> filed with its number and date" '200 "2" filed 4-2022-12345 2022-08-10' \
    "$T_STATUS $(t_header ETag) $(j .status) $(j .filing_number) $(j .filed_on)"
t_http PATCH "$R/v1/trademarks/$T1" '{"status":"requested","filing_number":null,"filed_on":null}' 'If-Match: "2"'
check_eq "filed -> requested is refused" "422 status transition" "$T_STATUS $(fields) $(code_of status)"
t_http PATCH "$R/v1/trademarks/$T1" '{"notes":"Hồ sơ nộp trực tuyến","support_amount_vnd":null}' 'If-Match: "2"'
check_eq "other members change without a status change" '200 "3" Hồ sơ nộp trực tuyến null filed' \
    "$T_STATUS $(t_header ETag) $(j .notes) $(j .support_amount_vnd) $(j .status)"
t_http PATCH "$R/v1/trademarks/$T1" '{"status":"granted","decided_on":"2023-05-02"}' 'If-Match: "3"'
check_eq "granted needs the certificate number" "422 certificate_number required" \
    "$T_STATUS $(fields) $(code_of certificate_number)"
t_http PATCH "$R/v1/trademarks/$T1" '{"status":"granted","decided_on":"2022-08-09","certificate_number":"452103"}' 'If-Match: "3"'
check_eq "decided_on before filed_on is refused" "422 decided_on order" "$T_STATUS $(fields) $(code_of decided_on)"
t_http PATCH "$R/v1/trademarks/$T1" '{"status":"granted","decided_on":"2023-05-02","certificate_number":"452103"}' 'If-Match: "3"'
check_eq "filed -> granted" '200 "4" granted 452103 2023-05-02' \
    "$T_STATUS $(t_header ETag) $(j .status) $(j .certificate_number) $(j .decided_on)"
t_http PATCH "$R/v1/trademarks/$T1" '{"status":"refused","certificate_number":null}' 'If-Match: "4"'
check_eq "granted is final" "422 status transition" "$T_STATUS $(fields) $(code_of status)"

t_http POST "$R/v1/trademarks" "{\"product_id\":\"$P2\",\"kind\":\"ordinary\",\"mark_name\":\"Mật hoa dừa Trà Vinh\",\"requested_on\":\"2022-09-05\",\"office\":\"Sở Khoa học và Công nghệ\"}"
T2=$(j .id)
check_eq "a second request, another office" "201 Sở Khoa học và Công nghệ" "$T_STATUS $(j .office)"
t_http PATCH "$R/v1/trademarks/$T2" '{"status":"refused","decided_on":"2022-09-20","notes":"Trùng nhãn hiệu đã đăng ký"}' 'If-Match: "1"'
check_eq "requested -> refused before filing" '200 "2" refused null' \
    "$T_STATUS $(t_header ETag) $(j .status) $(j .filing_number)"
t_http PATCH "$R/v1/trademarks/$T2" '{"status":"filed","filing_number":"4-2022-2","filed_on":"2022-09-21","decided_on":null}' 'If-Match: "2"'
check_eq "refused is final" "422 status transition" "$T_STATUS $(fields) $(code_of status)"
t_http POST "$R/v1/trademarks" "{\"product_id\":\"$P\",\"kind\":\"certification\",\"mark_name\":\"Dừa sáp Trà Vinh\",\"requested_on\":\"2023-01-05\"}"
T3=$(j .id)
check_eq "a third request, in 2023" 201 "$T_STATUS"

# --- listing -----------------------------------------------------------------------------------
t_http GET "$R/v1/trademarks?status=granted"
check_eq "filter by status" "1 $T1" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$R/v1/trademarks?product_id=$P2"
check_eq "filter by product" "1 $T2" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$R/v1/trademarks?year=2022"
check_eq "filter by the year of requested_on" "2" "$(j '.items | length')"
t_http GET "$R/v1/trademarks?year=2023&product_id=$P"
check_eq "filters combine" "1 $T3" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$R/v1/trademarks?limit=2"
check_eq "a page of 2, newest first, with a cursor" "2 $T3 true" \
    "$(j '.items | length') $(j '.items[0].id') $(j '.next_cursor != null')"
t_http GET "$R/v1/trademarks?limit=2&cursor=$(j .next_cursor)"
check_eq "the last page holds the first request" "1 $T1 null" "$(j '.items | length') $(j '.items[0].id') $(j .next_cursor)"
t_http GET "$R/v1/trademarks?status=approved&year=22&product_id=x&limit=0"
check_eq "bad filters are 422, one error each" "422 limit,product_id,status,year" "$T_STATUS $(fields)"

# --- the support ledger (issue 14): policy, caps at their boundary, cancellation, trademark ---
t_http GET "$R/v1/support-policies"
check_eq "the support policy is served as data, unconfirmed" "200 nq03-2021-tra-vinh false 11" \
    "$T_STATUS $(j '.items[0].id') $(j '.items[0].provenance.confirmed') $(j '.items[0].kinds | length')"
pay() { t_http POST "$R/v1/support-payments" "$1"; }
on="\"producer_id\":\"$HTX\",\"paid_on\":\"2026-03-02\",\"decision_number\":\"12/QĐ-SNN\""
pay "{$on,\"product_id\":\"$P\",\"kind\":\"packaging_label_design\",\"amount_vnd\":4000000,\"eligible_cost_vnd\":4000000}"
S1=$(j .id)
check_eq "a payment is recorded under the policy in force on paid_on" \
    "201 /v1/support-payments/$S1 nq03-2021-tra-vinh paid 29302" \
    "$T_STATUS $(t_header Location) $(j .policy.id) $(j .status) $(j .commune_code)"
pay "{$on,\"product_id\":\"$P\",\"kind\":\"product_story\",\"amount_vnd\":6000001,\"eligible_cost_vnd\":7000000}"
check_eq "1 VND over the shared 10M cap per product is refused, naming the cap" \
    "422 amount_vnd cap_exceeded true" \
    "$T_STATUS $(fields) $(code_of amount_vnd) $(j '.errors[0].message | test("cap per product of 10000000 VND .*4000000 VND already paid, 6000000 VND remaining")')"
pay "{$on,\"product_id\":\"$P\",\"kind\":\"product_story\",\"amount_vnd\":6000000,\"eligible_cost_vnd\":7000000}"
check_eq "exactly at the cap passes" 201 "$T_STATUS"
pay "{$on,\"kind\":\"equipment\",\"amount_vnd\":100000001,\"eligible_cost_vnd\":200000000}"
check_eq "more than the kind's share of the eligible cost is refused" "422 share_exceeded" \
    "$T_STATUS $(code_of amount_vnd)"
pay "{$on,\"product_id\":\"$P2\",\"kind\":\"trademark\",\"trademark_id\":\"$T1\",\"amount_vnd\":1}"
check_eq "a trademark payment for another product's request is refused" "422 mismatch" \
    "$T_STATUS $(code_of trademark_id)"
t_http POST "$R/v1/support-payments/$S1/cancellation" '{"reason":"Nhập nhầm số tiền"}' 'If-Match: "1"'
check_eq "a wrong payment is cancelled, not edited" "200 cancelled 2 Nhập nhầm số tiền" \
    "$T_STATUS $(j .status) $(j .version) $(j .cancellation.reason)"
t_http POST "$R/v1/support-payments/$S1/cancellation" '{"reason":"Lần nữa"}' 'If-Match: "2"'
check_eq "and only once" 409 "$T_STATUS"
pay "{$on,\"product_id\":\"$P\",\"kind\":\"packaging_label_design\",\"amount_vnd\":4000000,\"eligible_cost_vnd\":4000000}"
check_eq "a cancelled payment no longer counts towards the cap" 201 "$T_STATUS"
pay "{$on,\"product_id\":\"$P\",\"kind\":\"trademark\",\"trademark_id\":\"$T1\",\"amount_vnd\":8000000}"
check_eq "a trademark payment names its request" "201 $T1" "$T_STATUS $(j .trademark_id)"
t_http GET "$R/v1/trademarks/$T1"
check_eq "the trademark shows what the ledger paid for it" "200 8000000" "$T_STATUS $(j .support_paid_vnd)"
# Two payments racing for the last 5M of a 5M cap per product: one passes.
race="{$on,\"product_id\":\"$P2\",\"kind\":\"star_upgrade_4\",\"amount_vnd\":3000000}"
racers=()
for i in 1 2; do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "$(t_bearer)" \
        -H 'Content-Type: application/json' --data-binary "$race" "$R/v1/support-payments" \
        >"$T_DIR/race.$i" &
    racers+=($!)
done
wait "${racers[@]}"
check_eq "two payments racing for the last room under a cap do not both pass" "201 422" \
    "$(sort "$T_DIR"/race.* | tr '\n' ' ' | sed 's/ $//')"
t_http GET "$R/v1/support-totals?year=2026&by=kind"
check_eq "totals by kind, cancelled excluded" \
    "200 4 21000000 packaging_label_design=4000000,product_story=6000000,star_upgrade_4=3000000,trademark=8000000" \
    "$T_STATUS $(j .count) $(j .total_vnd) $(j '[.items[] | "\(.key)=\(.amount_vnd)"] | join(",")')"
t_http GET "$R/v1/support-totals?year=2026&by=producer" "" "Accept: text/csv"
check_eq "as CSV for the finance office" \
    "200 text/csv; charset=utf-8|key,name,producer_type,count,amount_vnd|$HTX,Hợp tác xã Dừa sáp Cầu Kè,cooperative,4,21000000" \
    "$T_STATUS $(t_header Content-Type)|$(tr -d '\r' <<<"$T_BODY" | paste -sd'|')"
t_http GET "$R/v1/support-payments?year=2026&status=cancelled"
check_eq "the list filters by status" "1 $S1" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$R/v1/support-payments?year=2026" "" "Accept: text/csv"
check_eq "the year's payments as CSV, one line each" "200 5" "$T_STATUS $(($(tr -d '\r' <<<"$T_BODY" | wc -l) - 1))"
t_http GET "$R/v1/statistics?year=2026"
check_eq "the plan indicator support_paid_vnd sums the period by kind" "21000000 8000000" \
    "$(j '.progress[] | select(.indicator == "support_paid_vnd") | .actual') $(j '.progress[] | select(.indicator == "support_paid_vnd") | .breakdown[] | select(.key == "trademark") | .count')"
HH=$(t_new_producer household 84B8000777 "Hộ kinh doanh Nguyễn Thị Hoa" 29302)
pay "{\"producer_id\":\"$HH\",\"paid_on\":\"2026-03-02\",\"decision_number\":\"13/QĐ-SNN\",\"kind\":\"consulting\",\"amount_vnd\":2000000}"
S3=$(j .id)
t_http GET "$R/v1/support-payments/$S3" "" "Authorization: Bearer $(t_token admin)"
check_eq "a household's name only to province officers" "200 null" "$T_STATUS $(j .producer.name)"
t_http POST "$R/v1/support-payments" "{$on,\"kind\":\"consulting\",\"amount_vnd\":1}" \
    "Authorization: Bearer $(t_token commune_officer --commune 29302)"
check_eq "only province officers and admins record payments" 403 "$T_STATUS"
check_eq "paid and cancelled events, without names or notes" "6 1 0" \
    "$(t_sql registration "SELECT count(*) FILTER (WHERE event_type = 'ocop.registration.support.paid.v1') || ' ' || count(*) FILTER (WHERE event_type = 'ocop.registration.support.cancelled.v1') || ' ' || count(*) FILTER (WHERE payload::text LIKE '%Nguyễn%' OR payload ? 'note' OR payload ? 'reason') FROM outbox WHERE event_type LIKE 'ocop.registration.support.%'")"

# --- events ------------------------------------------------------------------------------------
check_eq "three requested and three status_changed events" "3 3" \
    "$(t_sql registration "SELECT count(*) FILTER (WHERE event_type = 'ocop.registration.trademark.requested.v1') || ' ' || count(*) FILTER (WHERE event_type = 'ocop.registration.trademark.status_changed.v1') FROM outbox")"
check_eq "the moves, in order, keyed by the request" \
    "$T1 requested>filed,$T1 filed>granted,$T2 requested>refused" \
    "$(t_sql registration "SELECT string_agg(subject || ' ' || (payload->>'from_status') || '>' || (payload->>'status'), ',' ORDER BY id) FROM outbox WHERE event_type = 'ocop.registration.trademark.status_changed.v1'")"
check_eq "the granted event carries the certificate and the decision day" "452103 2023-05-02 4" \
    "$(t_sql registration "SELECT (payload->>'certificate_number') || ' ' || (payload->>'decided_on') || ' ' || (payload->>'version') FROM outbox WHERE event_type = 'ocop.registration.trademark.status_changed.v1' AND payload->>'status' = 'granted'")"
check_eq "notes stay in the registry" 0 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE event_type LIKE 'ocop.registration.trademark.%' AND payload ? 'notes'")"
t_sql registration "SELECT json_build_object('type', event_type, 'data', payload) FROM outbox WHERE event_type LIKE 'ocop.registration.trademark.%' OR event_type LIKE 'ocop.registration.support.%' ORDER BY id" >"$T_DIR/trademark-events.jsonl"
check "every trademark and support event validates against its schema" \
    python3 "$OCOP_ROOT/tests/integration/check_schemas.py" --events "$T_DIR/trademark-events.jsonl"
for ((i = 0; i < 100; i++)); do
    [[ $(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]] && break
    sleep 0.05
done
check_eq "the relay published them all" 0 "$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
t_check_events registration
t_done

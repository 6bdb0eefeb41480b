#!/usr/bin/env bash
# Post-certification quality inspections (hậu kiểm) in the evaluation
# service: per-field 422s with nothing written, the outcome rules (a
# compliant inspection has no failure, guidance needs a deadline after the
# inspection, a fine its amount and decision, a recall its notice, a
# suspension or revocation a decision and grounds), the inspected
# certificate (the current one by default), a suspension or revocation that
# changes the certificate in the same transaction with both events, listing
# filters, and registration showing the inspection and the certificate.
source "$(dirname "$0")/lib.sh"
t_init inspections
CLOCK=$T_DIR/clock
printf '2025-09-15\n' >"$CLOCK"
t_start registration
t_start evaluation OCOP_CLOCK_FILE="$CLOCK" OCOP_AGENCY_CODE=TV OCOP_SCHEDULER_INTERVAL_MS=86400000
t_start promotion OCOP_CLOCK_FILE="$CLOCK"
R=$(t_url registration)
E=$(t_url evaluation)
P=$(t_url promotion)
promotable_is() { t_http GET "$P/v1/products/$1"; [[ $(j .promotable) == "$2" ]]; }

fields() { j '[.errors[].field] | sort | join(",")'; }
code_of() { j "[.errors[] | select(.field == \"$1\") | .code][0]"; }
q() { t_sql evaluation "$1"; }
rows() { q "SELECT (SELECT count(*) FROM inspections) || '/' || (SELECT count(*) FROM outbox WHERE event_type = 'ocop.evaluation.inspection.recorded.v1') || '/' || (SELECT count(*) FROM certificate_status_changes)"; }
known() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }

HH=$(t_new_producer household 2100400001 "Hộ kinh doanh Năm Thụy" 29242)
P1=$(t_new_product "$HH" "Chả hoa Năm Thụy" 8)
P2=$(t_new_product "$HH" "Tôm khô Tiến Hải" 8)
P3=$(t_new_product "$HH" "Bánh tét" 6)
P4=$(t_new_product "$HH" "Mắm tép" 9)
check "evaluation knows the products" t_until 20 known "$P4"
cert() { # cert PRODUCT STARS RULE_SET LEVEL DECISION ISSUED_ON; prints the id
    t_http POST "$E/v1/certificates" "$(printf '{"product_id":"%s","stars":%s,"rule_set":"%s","level":"%s","decision_number":"%s","issued_on":"%s"}' "$@")"
    j .id
}
C1=$(cert "$P1" 3 qd148-2023 district 21/QĐ-UBND 2024-03-10)
C2=$(cert "$P2" 4 qd1489-2025 province 22/QĐ-UBND 2025-08-01)
C4=$(cert "$P4" 3 qd1489-2025 province 23/QĐ-UBND 2025-07-20)
check "three certified products" test -n "$C1" -a -n "$C2" -a -n "$C4"
BASE=$(q "SELECT count(*) FROM certificate_status_changes")

# insp PRODUCT OUTCOME EXTRA-JSON-MEMBERS: an inspection body (failed food safety finding
# unless the outcome is compliant), with extra members appended.
insp() {
    local result=fail
    [[ $2 == compliant ]] && result=pass
    printf '{"product_id":"%s","kind":"periodic","place":"facility","inspecting_body":"Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long","inspected_on":"2025-09-10","findings":[{"category":"food_safety","result":"%s","note":"Kho chưa đạt"},{"category":"packaging_and_labels","result":"pass"}],"outcome":"%s"%s}' \
        "$1" "$result" "$2" "${3:+,$3}"
}

# --- bad inputs --------------------------------------------------------------------------------
t_http POST "$E/v1/inspections" '{"product_id":"x","kind":"annual","place":"online","inspecting_body":"S","inspected_on":"2025-09-31","findings":[{"category":"taste","result":"maybe"}],"lab_results":[{"value":true}],"outcome":"closed","colour":1}'
check_eq "every bad field is named, in the arrays too" \
    "422 colour,findings[0].category,findings[0].result,inspected_on,inspecting_body,kind,lab_results[0].indicator,lab_results[0].passed,lab_results[0].value,outcome,place,product_id" \
    "$T_STATUS $(fields)"
t_http POST "$E/v1/inspections" "$(insp "$P1" compliant '"inspected_on":"2025-09-16"' | sed 's/"inspected_on":"2025-09-10",//')"
check_eq "an inspection in the future (by the clock file) is refused" "422 inspected_on future" \
    "$T_STATUS $(fields) $(code_of inspected_on)"
t_http POST "$E/v1/inspections" "$(insp "$P1" compliant | sed 's/"result":"pass","note"/"result":"fail","note"/')"
check_eq "a compliant inspection with a failed finding is refused, clearly" \
    "422 outcome inconsistent an inspection with 1 failed findings or lab results is not compliant" \
    "$T_STATUS $(fields) $(code_of outcome) $(j '.errors[0].message')"
t_http POST "$E/v1/inspections" "$(insp "$P1" guidance '"fix_deadline":"2025-09-10"')"
check_eq "guidance needs a deadline after the inspection" "422 fix_deadline order" "$T_STATUS $(fields) $(code_of fix_deadline)"
t_http POST "$E/v1/inspections" "$(insp "$P1" fine '"recall_notice":"x"')"
check_eq "a fine needs its amount and decision, and no recall notice" \
    "422 fine_amount_vnd,fine_decision_number,recall_notice" "$T_STATUS $(fields)"
t_http POST "$E/v1/inspections" "$(insp "$P1" revocation '"grounds":"other"')"
check_eq "a revocation needs a decision, and other grounds a reason" "422 decision_number,reason" "$T_STATUS $(fields)"
t_http POST "$E/v1/inspections" "$(insp 00000000-0000-4000-8000-000000000000 compliant)"
check_eq "an unknown product" "422 product_id not_found" "$T_STATUS $(fields) $(code_of product_id)"
t_http POST "$E/v1/inspections" "$(insp "$P3" compliant)"
check_eq "a product without a current certificate" "422 certificate_id required" "$T_STATUS $(fields) $(code_of certificate_id)"
t_http POST "$E/v1/inspections" "$(insp "$P1" compliant "\"certificate_id\":\"$C2\"")"
check_eq "another product's certificate" "422 certificate_id other_product" "$T_STATUS $(fields) $(code_of certificate_id)"
t_http POST "$E/v1/inspections" "$(insp "$P2" compliant | sed 's/2025-09-10/2025-07-01/')"
check_eq "an inspection before the certificate was issued" "422 inspected_on order" "$T_STATUS $(fields) $(code_of inspected_on)"
check_eq "none of them wrote anything" "0/0/$BASE" "$(rows)"

# --- compliant, guidance, fine, recall ------------------------------------------------------------
body=$(insp "$P1" compliant '"lab_results":[{"indicator":"Coliforms","value":3,"unit":"CFU/g","limit":"≤ 10","passed":true}]')
t_http POST "$E/v1/inspections" "$body" 'Idempotency-Key: insp-1'
I1=$(j .id)
check_eq "a compliant inspection of the current certificate: 201 with Location" \
    "201 /v1/inspections/$I1 $C1 valid valid" \
    "$T_STATUS $(t_header Location) $(j .certificate.id) $(j .certificate.status_before) $(j .certificate.status_after)"
t_http POST "$E/v1/inspections" "$body" 'Idempotency-Key: insp-1'
check_eq "a retry with the same key replays it" "201 $I1 true" "$T_STATUS $(j .id) $(t_header Idempotent-Replayed)"
t_http GET "$E/v1/inspections/$I1"
check_eq "GET shows the findings and lab results" "200 food_safety pass Coliforms" \
    "$T_STATUS $(j '.findings[0].category') $(j '.findings[0].result') $(j '.lab_results[0].indicator')"
t_http POST "$E/v1/inspections" "$(insp "$P4" guidance '"fix_deadline":"2025-10-31","kind":"surprise"' | sed 's/"kind":"periodic",//')"
check_eq "guidance with a deadline" "201 guidance 2025-10-31 surprise" "$T_STATUS $(j .outcome) $(j .fix_deadline) $(j .kind)"
t_http POST "$E/v1/inspections" "$(insp "$P4" fine '"fine_amount_vnd":15000000,"fine_decision_number":"45/QĐ-XPHC","place":"market","lab_results":[{"indicator":"Salmonella","value":"phát hiện","limit":"không phát hiện/25 g","passed":false}]' | sed 's/"place":"facility",//')"
check_eq "a fine on market samples" "201 fine 15000000 market 1" \
    "$T_STATUS $(j .outcome) $(j .fine_amount_vnd) $(j .place) $(j .failed_lab_results)"
t_http POST "$E/v1/inspections" "$(insp "$P4" recall '"recall_notice":"Thu hồi lô sản xuất 08/2025 tại các điểm bán"')"
check_eq "a recall with its notice" "201 recall valid" "$T_STATUS $(j .outcome) $(j .certificate.status)"

# --- a suspension changes the certificate in the same transaction -------------------------------
susp=$(insp "$P1" suspension '"decision_number":"31/QĐ-SNNMT","decided_on":"2025-09-12","grounds":"below_certified_quality_or_packaging","fix_deadline":"2025-12-31","kind":"surprise","place":"market"' | sed 's/"kind":"periodic","place":"facility",//')
t_http POST "$E/v1/inspections" "$susp"
I5=$(j .id)
check_eq "a suspension: 201, the certificate suspended" "201 valid suspended suspended" \
    "$T_STATUS $(j .certificate.status_before) $(j .certificate.status_after) $(j .certificate.status)"
t_http GET "$E/v1/certificates/$C1"
check_eq "the certificate's history names the inspection as cause, with decision, grounds and the token's subject" \
    "suspended \"2\" inspection $I5 31/QĐ-SNNMT below_certified_quality_or_packaging test-officer" \
    "$(j .status) $(t_header ETag) $(j '.history[-1].cause.type') $(j '.history[-1].cause.id') $(j '.history[-1].decision_number') $(j '.history[-1].grounds') $(j '.history[-1].actor')"
check_eq "events: inspection.recorded, then certificate.status_changed, same transaction, keyed by the product" \
    "inspection.recorded.v1:$P1:suspension,certificate.status_changed.v1:$P1:suspended" \
    "$(q "SELECT string_agg(replace(event_type, 'ocop.evaluation.', '') || ':' || subject || ':' || coalesce(payload->>'outcome', payload->>'status'), ',' ORDER BY id) FROM outbox WHERE payload->>'inspection_id' = '$I5' OR payload->'cause'->>'id' = '$I5'")"
check_eq "each with its own time, in the order written (consumers order by ce_time)" "2 true" \
    "$(q "SELECT count(DISTINCT occurred_at) || ' ' || (max(occurred_at) FILTER (WHERE event_type LIKE '%status_changed%') > max(occurred_at) FILTER (WHERE event_type LIKE '%inspection%'))::text FROM outbox WHERE payload->>'inspection_id' = '$I5' OR payload->'cause'->>'id' = '$I5'")"
before=$(rows)
t_http POST "$E/v1/inspections" "$susp"
check_eq "a suspended certificate cannot be suspended again" "409 CONFLICT" "$T_STATUS $(j .code)"
check_eq "and nothing was written" "$before" "$(rows)"
reg() { t_http GET "$R/v1/products/$1"; [[ "$(j .ocop.latest_inspection.outcome) $(j .ocop.certificate.status) $(j .status) $(j .ocop.stars)" == "$2" ]]; }
check "registration shows the suspension" t_until 20 reg "$P1" "suspension suspended certificate_suspended null"
t_http POST "$E/v1/certificates/$C1/reinstatement" '{"reason":"Đã khắc phục bao bì","decision_number":"40/QĐ-SNNMT","decided_on":"2025-09-14"}' 'If-Match: "2"'
check_eq "the suspension is lifted: valid again" '200 valid "3"' "$T_STATUS $(j .status) $(t_header ETag)"
check "registration shows the certificate valid again, 3 stars" t_until 20 reg "$P1" "suspension valid certified 3"

# --- a revocation ---------------------------------------------------------------------------------
check "before it, promotion promotes P2" t_until 20 promotable_is "$P2" true
t_http POST "$P/v1/linkages" "{\"product_id\":\"$P2\",\"partner_kind\":\"distributor\",\"partner_name\":\"Phân phối Miền Tây\",\"channel\":\"wholesale\",\"starts_on\":\"2025-09-15\"}"
LK=$(j .id)
t_http POST "$P/v1/linkages/$LK/transitions" '{"to":"signed"}' 'If-Match: "1"'
check_eq "and P2 has a signed linkage" "200 signed" "$T_STATUS $(j .status)"
rev=$(insp "$P2" revocation '"decision_number":"99/QĐ-UBND","decided_on":"2025-09-12","grounds":"food_safety_failure","lab_results":[{"indicator":"Coliforms","value":1200,"unit":"CFU/g","limit":"≤ 10","passed":false}]' | sed 's/2025-09-10/2025-09-11/')
t_http POST "$E/v1/inspections" "$rev"
I6=$(j .id)
check_eq "a revocation: the certificate revoked in the same request" "201 revoked revoked" \
    "$T_STATUS $(j .certificate.status_after) $(j .certificate.status)"
check_eq "the status_changed event names the inspection, the grounds and the decision" \
    "valid revoked inspection $I6 food_safety_failure 99/QĐ-UBND 2025-09-12" \
    "$(q "SELECT concat_ws(' ', payload->>'from_status', payload->>'status', payload->'cause'->>'type', payload->'cause'->>'id', payload->>'grounds', payload->'change_decision'->>'number', payload->'change_decision'->>'date') FROM outbox WHERE event_type = 'ocop.evaluation.certificate.status_changed.v1' AND payload->>'certificate_id' = '$C2'")"
check_eq "the inspection event carries summaries, no notes, and the token's subject as actor" \
    "food_safety Coliforms 1 revoked f test-officer" \
    "$(q "SELECT concat_ws(' ', payload->'findings_summary'->'failed'->>0, payload->'lab_summary'->'failed_indicators'->>0, payload->'lab_summary'->>'tested', payload->>'certificate_status', payload::text LIKE '%Kho chưa đạt%', payload->>'actor') FROM outbox WHERE payload->>'inspection_id' = '$I6'")"
check "registration shows the revocation: inspection and certificate" t_until 20 reg "$P2" "revocation revoked certificate_revoked null"
check "promotion reacts to the same events: P2 is no longer promotable" t_until 20 promotable_is "$P2" false
t_http GET "$P/v1/linkages/$LK"
check_eq "its linkage is suspended, naming the causing event" "suspended true" \
    "$(j .status) $(j '[.transitions[] | select(.to_status == "suspended")][0].cause_event_id != null')"
t_http POST "$E/v1/inspections" "$rev"
check_eq "the product has no current certificate any more" "422 certificate_id required" "$T_STATUS $(fields) $(code_of certificate_id)"
t_http POST "$E/v1/inspections" "$(insp "$P2" revocation "\"certificate_id\":\"$C2\",\"decision_number\":\"100/QĐ-UBND\",\"grounds\":\"food_safety_failure\"" | sed 's/2025-09-10/2025-09-11/')"
check_eq "a revoked certificate is final" 409 "$T_STATUS"
t_http POST "$E/v1/inspections" "$(insp "$P2" guidance "\"certificate_id\":\"$C2\",\"fix_deadline\":\"2025-10-01\"" | sed 's/2025-09-10/2025-09-12/')"
check_eq "but a revoked certificate's product can still be inspected by naming it" "201 revoked" "$T_STATUS $(j .certificate.status_after)"

# --- listing -----------------------------------------------------------------------------------
t_http GET "$E/v1/inspections?product_id=$P4"
check_eq "filter by product, newest first" "3 recall" "$(j '.items | length') $(j '.items[0].outcome')"
t_http GET "$E/v1/inspections?outcome=revocation"
check_eq "filter by outcome" "1 $I6" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$E/v1/inspections?year=2025&limit=4"
check_eq "filter by year, a page of 4 of 7" "4 true" "$(j '.items | length') $(j '.next_cursor != null')"
t_http GET "$E/v1/inspections?year=2025&limit=4&cursor=$(j .next_cursor)"
check_eq "the last page holds the first inspection" "3 $I1 null" "$(j '.items | length') $(j '.items[2].id') $(j .next_cursor)"
t_http GET "$E/v1/inspections?year=2024"
check_eq "no inspection in 2024" 0 "$(j '.items | length')"
t_http GET "$E/v1/inspections?outcome=closed&year=25&product_id=x"
check_eq "bad filters are 422, one error each" "422 outcome,product_id,year" "$T_STATUS $(fields)"
t_http GET "$E/v1/inspections/00000000-0000-4000-8000-000000000000"
check_eq "an unknown inspection is 404" 404 "$T_STATUS"

# --- events ------------------------------------------------------------------------------------
check_eq "7 inspection events" 7 "$(q "SELECT count(*) FROM outbox WHERE event_type = 'ocop.evaluation.inspection.recorded.v1'")"
q "SELECT json_build_object('type', event_type, 'data', payload) FROM outbox ORDER BY id" >"$T_DIR/events.jsonl"
check "every event in the outbox validates against its schema" \
    python3 "$OCOP_ROOT/tests/integration/check_schemas.py" --events "$T_DIR/events.jsonl"
published() { [[ $(q "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the relay published everything" t_until 20 published
t_check_events evaluation
t_done

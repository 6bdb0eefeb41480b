#!/usr/bin/env bash
# Post-certification quality inspections (hậu kiểm) in the evaluation
# service: per-field 422s with nothing written, the outcome rules (a
# compliant inspection has no failure, guidance needs a deadline after the
# inspection, a fine its amount and decision, a recall its notice, a
# suspension or revocation a decision and grounds), the inspected
# certificate (the current one by default), a suspension or revocation that
# changes the certificate in the same transaction with both events, listing
# filters, and registration showing the inspection and the certificate.
# Then the inspection programme (issue 14): several outcomes at once,
# guidance follow-ups closed by a later inspection and found overdue by the
# daily job the day after their deadline (by the clock file), the yearly
# plan's items, the coverage of a year at its Dec 31 / Jan 1 boundary, and
# market findings.
source "$(dirname "$0")/lib.sh"
t_init inspections
CLOCK=$T_DIR/clock
set_clock() { printf '%s\n' "$1" >"$CLOCK.new" && mv "$CLOCK.new" "$CLOCK"; }
set_clock 2025-09-15
t_start registration
t_start evaluation OCOP_CLOCK_FILE="$CLOCK" OCOP_AGENCY_CODE=TV OCOP_SCHEDULER_INTERVAL_MS=200
t_start promotion OCOP_CLOCK_FILE="$CLOCK"
R=$(t_url registration)
E=$(t_url evaluation)
P=$(t_url promotion)
promotable_is() { t_http GET "$P/v1/products/$1"; [[ $(j .promotable) == "$2" ]]; }

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
IG=$(j .id)
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

# --- several outcomes at once (issue 14) --------------------------------------------------------
t_http POST "$E/v1/inspections" "$(insp "$P4" x '"outcomes":["guidance","fine","recall"],"fix_deadline":"2025-09-19","fine_amount_vnd":5000000,"fine_decision_number":"46/QĐ-XPHC","recall_notice":"Thu hồi lô 09/2025"' | sed 's/"outcome":"x",//')"
IA=$(j .id)
check_eq "fine, recall and guidance at once: outcome is the most severe, the set most severe first" \
    "201 recall recall,fine,guidance 2025-09-19 due" \
    "$T_STATUS $(j .outcome) $(j '.outcomes | join(",")') $(j .follow_up.due_on) $(j .follow_up.status)"
check_eq "the event carries the set" '["recall","fine","guidance"]' \
    "$(q "SELECT payload->>'outcomes' FROM outbox WHERE payload->>'inspection_id' = '$IA'" | tr -d ' ')"
t_http POST "$E/v1/inspections" "$(insp "$P4" x '"outcomes":["compliant","guidance"],"fix_deadline":"2025-09-20"' | sed 's/"outcome":"x",//')"
check_eq "compliant cannot be combined" "422 outcomes not_allowed" "$T_STATUS $(fields) $(code_of outcomes)"

# --- guidance follow-ups ------------------------------------------------------------------------
t_http POST "$E/v1/inspections" "$(insp "$P1" guidance '"fix_deadline":"2025-09-20"')"
IM=$(j .id)
t_http POST "$E/v1/inspections" "$(insp "$P4" compliant "\"follows_up\":\"$IG\"" | sed 's/2025-09-10/2025-09-15/')"
IC=$(j .id)
check_eq "a later inspection naming follows_up closes the follow-up, whatever its outcome" "201 $IG" "$T_STATUS $(j .follows_up)"
t_http GET "$E/v1/inspections/$IG"
check_eq "the inspection followed up shows its follow-up closed" "closed $IC 2025-09-15 2025-10-31" \
    "$(j .follow_up.status) $(j .follow_up.closed_by) $(j .follow_up.closed_on) $(j .follow_up.due_on)"
t_http POST "$E/v1/inspections" "$(insp "$P4" compliant "\"follows_up\":\"$IG\"" | sed 's/2025-09-10/2025-09-15/')"
check_eq "a follow-up closes once" "422 follows_up taken" "$T_STATUS $(fields) $(code_of follows_up)"
t_http POST "$E/v1/inspections" "$(insp "$P4" compliant "\"follows_up\":\"$IM\"" | sed 's/2025-09-10/2025-09-15/')"
check_eq "only by an inspection of the same product" "422 follows_up other_product" "$T_STATUS $(fields) $(code_of follows_up)"
IF=$(q "SELECT id FROM inspections WHERE product_id = '$P4' AND outcome = 'fine'")
t_http POST "$E/v1/inspections" "$(insp "$P4" compliant "\"follows_up\":\"$IF\"" | sed 's/2025-09-10/2025-09-15/')"
check_eq "and of an inspection that gave guidance" "422 follows_up not_applicable" "$T_STATUS $(fields) $(code_of follows_up)"
overdue_events() { q "SELECT count(*) FROM outbox WHERE event_type = 'ocop.evaluation.inspection.follow_up_overdue.v1' AND payload->>'inspection_id' = '$1'"; }
marked() { [[ $(overdue_events "$1") == 1 ]]; }
set_clock 2025-09-20
check "on 2025-09-20 the job finds the follow-up due on 09-19 overdue" t_poll 10 marked "$IA"
t_http GET "$E/v1/inspections/$IM"
check_eq "on its due_on a follow-up is still due, and the job left it" "due 0" "$(j .follow_up.status) $(overdue_events "$IM")"
t_http GET "$E/v1/inspections?follow_up=due"
check_eq "listed as due: the one due today, P2's, not the closed one" "true false" \
    "$(j "[.items[].id] | index(\"$IM\") != null") $(j "[.items[].id] | index(\"$IG\") != null")"
set_clock 2025-09-21
check "the next day the job finds it overdue" t_poll 10 marked "$IM"
t_http GET "$E/v1/inspections/$IM"
check_eq "overdue the day after due_on" "overdue 2025-09-21" "$(j .follow_up.status) $(j .follow_up.overdue_on)"
check_eq "once per follow-up, whatever the ticks since" "1 1" "$(overdue_events "$IA") $(overdue_events "$IM")"
check_eq "the event: due_on, the day found overdue, keyed by the product" "2025-09-20 2025-09-21 $P1" \
    "$(q "SELECT concat_ws(' ', payload->>'due_on', payload->>'overdue_on', subject) FROM outbox WHERE event_type LIKE '%follow_up_overdue%' AND payload->>'inspection_id' = '$IM'")"
t_http GET "$E/v1/inspections?follow_up=overdue"
check_eq "listed as overdue" "2 true" "$(j '.items | length') $(j "[.items[].id] | index(\"$IM\") != null")"
t_http GET "$E/v1/inspections?follow_up=closed"
check_eq "listed as closed" "1 $IG" "$(j '.items | length') $(j '.items[0].id')"
t_http POST "$E/v1/inspections" "$(insp "$P1" guidance "\"follows_up\":\"$IM\",\"fix_deadline\":\"2025-10-15\"" | sed 's/2025-09-10/2025-09-21/')"
IR=$(j .id)
check_eq "a late re-inspection with guidance opens its own follow-up" "201 due 2025-10-15" \
    "$T_STATUS $(j .follow_up.status) $(j .follow_up.due_on)"
t_http GET "$E/v1/inspections/$IM"
check_eq "and closes the overdue one" "closed $IR" "$(j .follow_up.status) $(j .follow_up.closed_by)"

# --- the yearly inspection plan -----------------------------------------------------------------
item() { # item YEAR TARGET-MEMBER FROM TO
    t_http POST "$E/v1/inspection-plans/$1/items" "{$2,\"planned_from\":\"$3\",\"planned_to\":\"$4\",\"inspecting_body\":\"Sở Nông nghiệp và Môi trường\",\"place\":\"facility\",\"kind\":\"periodic\",\"note\":\"Kế hoạch hậu kiểm\"}"
}
item 2025 "\"product_id\":\"$P1\"" 2025-09-01 2025-09-30
check_eq "an item of a product inspected in its window is done, linked to the inspection" \
    "201 done $I1" "$T_STATUS $(j .status) $(j .inspection_id)"
check_eq "with Location" "/v1/inspection-plan-items/$(j .id)" "$(t_header Location)"
item 2025 "\"producer_id\":\"$HH\"" 2025-02-01 2025-02-28
check_eq "a facility's item whose window is over with no inspection is missed" "201 missed" "$T_STATUS $(j .status)"
item 2025 "\"product_id\":\"$P4\"" 2025-10-01 2025-12-31
PI=$(j .id)
check_eq "an item still ahead is planned" "201 planned" "$T_STATUS $(j .status)"
item 2025 "\"product_id\":\"$P4\"" 2025-10-01 2026-01-31
check_eq "a window out of the plan's year" "422 planned_to range" "$T_STATUS $(fields) $(code_of planned_to)"
item 2025 "\"product_id\":\"$P3\"" 2025-10-01 2025-10-31
check_eq "a product without a certificate in force" "422 product_id not_in_force" "$T_STATUS $(fields) $(code_of product_id)"
t_http POST "$E/v1/inspection-plan-items/$PI/cancellation" '{"reason":"Gộp vào đợt kiểm tra quý IV"}' 'If-Match: "1"'
check_eq "an item is cancelled" '200 cancelled "2"' "$T_STATUS $(j .status) $(t_header ETag)"
t_http POST "$E/v1/inspection-plan-items/$PI/cancellation" '{"reason":"lần nữa"}' 'If-Match: "2"'
check_eq "once" 409 "$T_STATUS"
t_http GET "$E/v1/inspection-plans/2025/items?limit=2"
check_eq "the year's items, newest first, by pages" "2 cancelled true" "$(j '.items | length') $(j '.items[0].status') $(j '.next_cursor != null')"
t_http GET "$E/v1/inspection-plans/2025/items?status=missed"
check_eq "filtered by state" "1 $HH" "$(j '.items | length') $(j '.items[0].producer.id')"

# --- coverage: Dec 31 counts in its year, Jan 1 in the next ------------------------------------
C3=$(cert "$P3" 3 qd148-2023 district 24/QĐ-UBND 2024-05-01)
t_http POST "$E/v1/inspections" "$(insp "$P1" compliant | sed 's/2025-09-10/2024-12-31/')"
check_eq "an inspection of P1 dated 2024-12-31" 201 "$T_STATUS"
t_http POST "$E/v1/inspections" "$(insp "$P3" compliant | sed 's/2025-09-10/2025-01-01/')"
check_eq "an inspection of P3 dated 2025-01-01" 201 "$T_STATUS"
t_http GET "$E/v1/inspection-coverage?year=2024"
check_eq "2024: 2 valid, 1 inspected (Dec 31), 50.0 %; P3 never inspected by the year's end" \
    "200 2 1 500 1 $P3" \
    "$T_STATUS $(j .valid_certificates) $(j .inspected) $(j '.share_percent * 10') $(j .never_inspected.count) $(j '.never_inspected.items[0].id')"
t_http GET "$E/v1/inspection-coverage?year=2025"
check_eq "2025: 4 valid, 4 inspected (P3 on Jan 1), 100.0 %; the plan done 1, missed 1, planned 0" \
    "4 4 1000 0 1 1 0" \
    "$(j .valid_certificates) $(j .inspected) $(j '.share_percent * 10') $(j .never_inspected.count) $(j .done) $(j .missed) $(j .planned)"
t_http GET "$E/v1/inspection-coverage?year=1999"
check_eq "a year without certificates has no share" "0 null" "$(j .valid_certificates) $(j .share_percent)"
t_http GET "$E/v1/inspection-coverage"
check_eq "the year is required" "422 year" "$T_STATUS $(fields)"

# --- market findings ----------------------------------------------------------------------------
mf() { printf '{"found_on":"2025-09-18","place":"Chợ Trà Vinh, sạp 12","commune_code":"29242","product_name":"Mật hoa dừa Xanh","producer_name":"Công ty TNHH Dừa Xanh","ocop_mark_shown":true,"stars_claimed":4,"evidence_notes":"Nhãn in logo OCOP 4 sao","photo_reference":"hs-2025-118/anh-3","action_taken":"Lập biên bản, yêu cầu gỡ nhãn","inspecting_body":"Đội Quản lý thị trường số 1"%s}' "${1:+,$1}"; }
t_http POST "$E/v1/market-findings" "$(mf)"
MF=$(j .id)
check_eq "a finding of the OCOP mark and 4 stars on an unregistered product" "201 true 4 null" \
    "$T_STATUS $(j .shown.ocop_mark) $(j .shown.stars_claimed) $(j .product)"
t_http POST "$E/v1/market-findings" "$(mf "\"product_id\":\"$P2\"")"
check_eq "a registered product whose certificate was revoked" "201 $P2" "$T_STATUS $(j .product.id)"
t_http POST "$E/v1/market-findings" "$(mf "\"product_id\":\"$P1\"")"
check_eq "a product with a certificate in force is an inspection's matter" "422 product_id not_applicable" \
    "$T_STATUS $(fields) $(code_of product_id)"
t_http GET "$E/v1/market-findings/$MF"
check_eq "GET one" "200 Công ty TNHH Dừa Xanh" "$T_STATUS $(j .producer_name)"
t_http GET "$E/v1/market-findings?year=2025"
check_eq "listed by year" 2 "$(j '.items | length')"
check_eq "the event names the producer as printed, not the evidence notes" "Công ty TNHH Dừa Xanh f" \
    "$(q "SELECT concat_ws(' ', payload->>'producer_name', payload::text LIKE '%Nhãn in%') FROM outbox WHERE event_type = 'ocop.evaluation.market_finding.recorded.v1' AND payload->>'finding_id' = '$MF'")"

# --- events ------------------------------------------------------------------------------------
check_eq "13 inspection events" 13 "$(q "SELECT count(*) FROM outbox WHERE event_type = 'ocop.evaluation.inspection.recorded.v1'")"
q "SELECT json_build_object('type', event_type, 'data', payload) FROM outbox ORDER BY id" >"$T_DIR/events.jsonl"
check "every event in the outbox validates against its schema" \
    python3 "$OCOP_ROOT/tests/integration/check_schemas.py" --events "$T_DIR/events.jsonl"
published() { [[ $(q "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the relay published everything" t_until 20 published
t_check_events evaluation
t_done

#!/usr/bin/env bash
# OCOP certificates in the evaluation service: recording recognitions decided
# before the platform (POST /v1/certificates, which goes through
# certificate_grant), per-field 422s with nothing written, the rule set in
# force and the level that recognises the stars, numbers from the pattern
# with a per-year sequence without gaps under concurrency, expiry with
# end-of-month clamping, supersession by a newer recognition (one current
# certificate per product, also as a database constraint), revocation with
# its legal grounds and If-Match, final statuses, listing filters, the events
# (valid against their schemas, keyed by the product) and registration's
# product view built from them. Printed numbers: a central recognition and
# one issued before the platform's start keep the number printed on them
# (unique, 409 naming the clash); an expired certificate may be revoked
# (only then on the grounds not_re_evaluated_in_time); a province's list
# loaded from CSV (every bad line reported, nothing written; a re-run is
# idempotent). The clock is a file (OCOP_CLOCK_FILE).
source "$(dirname "$0")/lib.sh"
t_init certificates
CLOCK=$T_DIR/clock
set_clock() { printf '%s\n' "$1" >"$CLOCK.new" && mv "$CLOCK.new" "$CLOCK"; }
set_clock 2025-09-15
EVAL_ENV=(OCOP_CLOCK_FILE="$CLOCK" OCOP_AGENCY_CODE=TV OCOP_SCHEDULER_INTERVAL_MS=86400000
    OCOP_CERTIFICATE_PLATFORM_START=2020-01-01 OCOP_CERTIFICATE_SUSPENSION_MAX_DAYS=90)
t_start registration
t_start evaluation "${EVAL_ENV[@]}"
R=$(t_url registration)
E=$(t_url evaluation)

rows() { t_sql evaluation "SELECT (SELECT count(*) FROM certificates) || '/' || (SELECT count(*) FROM certificate_status_changes) || '/' || (SELECT count(*) FROM outbox WHERE event_type LIKE 'ocop.evaluation.certificate.%')"; }
known() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }

HTX=$(t_new_producer cooperative 2100300001 "Hợp tác xã Dừa sáp Cầu Kè" 29302)
P1=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
P2=$(t_new_product "$HTX" "Mật hoa dừa" 4)
P3=$(t_new_product "$HTX" "Tinh bột nghệ" 7)
PRODUCTS=()
for i in $(seq 1 10); do PRODUCTS+=("$(t_new_product "$HTX" "Sản phẩm thử $i" 7)"); done
check "evaluation knows the 13 products from registration's events" t_until 30 known "${PRODUCTS[9]}"

cert() { # cert PRODUCT STARS RULE_SET LEVEL DECISION ISSUED_ON [NUMBER]
    printf '{"product_id":"%s","stars":%s,"rule_set":"%s","level":"%s","decision_number":"%s","issued_on":"%s"%s}' "${@:1:6}" \
        "${7:+,\"number\":\"$7\"}"
}

# --- bad inputs: every bad field at once, nothing written --------------------------------------
t_http POST "$E/v1/certificates" '{"product_id":"x","stars":2,"rule_set":"","level":"commune","decision_number":"","issued_on":"2025-02-30","colour":"xanh"}'
check_eq "every bad field is named" "422 colour,decision_number,issued_on,level,product_id,rule_set,stars" \
    "$T_STATUS $(fields)"
check_eq "with its code" "range enum format unknown" \
    "$(code_of stars) $(code_of level) $(code_of issued_on) $(code_of colour)"
t_http POST "$E/v1/certificates" '{}'
check_eq "required fields" "422 decision_number,issued_on,level,product_id,rule_set,stars" "$T_STATUS $(fields)"
t_http POST "$E/v1/certificates" "$(cert 00000000-0000-4000-8000-000000000000 4 qd1048-2019 province 1/QĐ-UBND 2022-10-20)"
check_eq "an unknown product is a field error" "422 product_id not_found" "$T_STATUS $(fields) $(code_of product_id)"
t_http POST "$E/v1/certificates" "$(cert "$P1" 4 qd9999 province 1/QĐ-UBND 2022-10-20)"
check_eq "an unknown rule set" "422 rule_set not_found" "$T_STATUS $(fields) $(code_of rule_set)"
t_http POST "$E/v1/certificates" "$(cert "$P1" 4 qd26-2026 province 1/QĐ-UBND 2025-08-01)"
check_eq "an unconfirmed rule set decides nothing" "422 rule_set unconfirmed" "$T_STATUS $(fields) $(code_of rule_set)"
t_http POST "$E/v1/certificates" "$(cert "$P1" 3 qd148-2023 district 1/QĐ-UBND 2022-10-20)"
check_eq "the rule set must be in force on issued_on" "422 rule_set not_in_force" \
    "$T_STATUS $(fields) $(code_of rule_set)"
t_http POST "$E/v1/certificates" "$(cert "$P1" 4 qd148-2023 district 1/QĐ-UBND 2024-01-15)"
check_eq "under QĐ 148 a district council does not recognise 4 stars" "422 level not_recognising" \
    "$T_STATUS $(fields) $(code_of level)"
t_http POST "$E/v1/certificates" "$(cert "$P1" 4 qd1489-2025 province 1/QĐ-UBND 2025-09-16)"
check_eq "issued_on after today (by the clock file)" "422 issued_on future" "$T_STATUS $(fields) $(code_of issued_on)"
t_http POST "$E/v1/certificates" '{"product_id":'
check_eq "malformed JSON is 400" 400 "$T_STATUS"
check_eq "none of them wrote anything" "0/0/0" "$(rows)"

# --- a recognition of 2022 (QĐ 1048), with an Idempotency-Key ----------------------------------
body=$(cert "$P1" 4 qd1048-2019 province "1234/QĐ-UBND" 2022-10-20)
t_http POST "$E/v1/certificates" "$body" 'Idempotency-Key: cert-p1-2022'
C1=$(j .id)
check_eq "POST is 201 with Location and ETag" "201 /v1/certificates/$C1 \"1\"" \
    "$T_STATUS $(t_header Location) $(t_header ETag)"
check_eq "numbered from the pattern, 36 months, valid" "TV-CN-2022-00001 2025-10-20 valid 4 province" \
    "$(j .number) $(j .expires_on) $(j .status) $(j .stars) $(j .level)"
check_eq "its history starts with the issue, by whom (the token's subject) and on which decision" \
    "1 null valid test-officer 1234/QĐ-UBND 2025-09-15" \
    "$(j '.history | length') $(j '.history[0].from_status') $(j '.history[0].status') $(j '.history[0].actor') $(j '.history[0].decision_number') $(j '.history[0].effective_on')"
t_http POST "$E/v1/certificates" "$body" 'Idempotency-Key: cert-p1-2022'
check_eq "a retry with the same key replays it" "201 $C1 true" "$T_STATUS $(j .id) $(t_header Idempotent-Replayed)"
check_eq "and writes nothing more" "1/1/1" "$(rows)"
t_http GET "$E/v1/certificates/$C1"
check_eq "GET is 200 with the ETag and the product" "200 \"1\" Dừa sáp Cầu Kè" "$T_STATUS $(t_header ETag) $(j .product.name)"
t_http GET "$E/v1/certificates/00000000-0000-4000-8000-000000000000"
check_eq "an unknown id is 404" 404 "$T_STATUS"
t_http GET "$E/v1/certificates/nope"
check_eq "a malformed id is 404" 404 "$T_STATUS"

# --- expiry arithmetic: end-of-month clamping ---------------------------------------------------
t_http POST "$E/v1/certificates" "$(cert "$P2" 3 qd148-2023 district "56/QĐ-UBND" 2024-02-29)"
C2=$(j .id)
check_eq "issued 2024-02-29, 36 months: in force through 2027-02-28" "201 2027-02-28 TV-CN-2024-00001" \
    "$T_STATUS $(j .expires_on) $(j .number)"
t_http POST "$E/v1/certificates" "$(cert "$P3" 3 qd1048-2019 province "88/QĐ-UBND" 2019-12-02)"
check_eq "issued before the platform's start (2020-01-01), it must carry its printed number" \
    "422 number required" "$T_STATUS $(fields) $(code_of number)"
t_http POST "$E/v1/certificates" "$(cert "$P3" 3 qd1048-2019 province "88/QĐ-UBND" 2019-12-02 "OCOP-TV\t2019-015")"
check_eq "which is validated" "422 number format" "$T_STATUS $(fields) $(code_of number)"
t_http POST "$E/v1/certificates" "$(cert "$P3" 3 qd1048-2019 province "88/QĐ-UBND" 2019-12-02 "  OCOP-TV-2019-015 ")"
C3=$(j .id)
check_eq "a certificate recorded after its end is expired at once, its printed number trimmed" \
    "201 2022-12-02 expired 2 valid>expired OCOP-TV-2019-015 printed" \
    "$T_STATUS $(j .expires_on) $(j .status) $(j '.history | length') $(j '.history[1] | [.from_status, .status] | join(">")') $(j .number) $(j .number_source)"

# --- an upgrade supersedes the current certificate -----------------------------------------------
t_http POST "$E/v1/certificates" "$(cert "$P1" 5 qd1489-2025 central "777/QĐ-TTg" 2025-08-01)"
check_eq "a central recognition is never numbered by the provincial pattern" "422 number required" \
    "$T_STATUS $(fields) $(code_of number)"
t_http POST "$E/v1/certificates" "$(cert "$P1" 5 qd1489-2025 central "777/QĐ-TTg" 2025-08-01 "OCOP-TV-2019-015")"
check_eq "a printed number is unique: 409 naming the certificate that has it" \
    "409 number taken $C3" "$T_STATUS $(fields) $(code_of number) $(j '.errors[0].certificate_id')"
t_http POST "$E/v1/certificates" "$(cert "$P1" 5 qd1489-2025 central "777/QĐ-TTg" 2025-08-01 "15/QĐ-BNNMT")"
C4=$(j .id)
check_eq "the 5-star recognition keeps the central decision's number" "201 15/QĐ-BNNMT printed valid 2028-08-01" \
    "$T_STATUS $(j .number) $(j .number_source) $(j .status) $(j .expires_on)"
check_eq "and takes no place in the pattern's sequence" "" \
    "$(t_sql evaluation "SELECT last_number FROM certificate_sequences WHERE year = 2025")"
t_http GET "$E/v1/certificates/$C1"
check_eq "the 4-star certificate is superseded, caused by the new one, ETag moved" \
    "superseded \"2\" certificate $C4 valid>superseded" \
    "$(j .status) $(t_header ETag) $(j '.history[1].cause.type') $(j '.history[1].cause.id') $(j '.history[1] | [.from_status, .status] | join(">")')"
t_http POST "$E/v1/certificates" "$(cert "$P1" 4 qd1489-2025 province "778/QĐ-UBND" 2025-07-30)"
check_eq "a recognition older than the current certificate is refused" "409 issued_on order" \
    "$T_STATUS $(fields) $(code_of issued_on)"
t_http POST "$E/v1/certificates" "$(cert "$P1" 5 qd1489-2025 central "777/QĐ-TTg" 2025-08-02 "16/QĐ-BNNMT")"
check_eq "one decision gives a product one certificate" 409 "$T_STATUS"
check_eq "the refused ones wrote nothing" 4 "$(t_sql evaluation "SELECT count(*) FROM certificates")"
suspend() { # suspend [FIX_DEADLINE]: an inspection of P1 suspending its certificate (C4)
    t_http POST "$E/v1/inspections" "{\"product_id\":\"$P1\",\"kind\":\"surprise\",\"place\":\"market\",\"inspecting_body\":\"Sở Nông nghiệp và Môi trường\",\"inspected_on\":\"2025-09-10\",\"findings\":[{\"category\":\"food_safety\",\"result\":\"fail\"}],\"outcome\":\"suspension\",\"decision_number\":\"31/QĐ-SNNMT\",\"decided_on\":\"2025-09-12\",\"grounds\":\"food_safety_failure\"${1:+,\"fix_deadline\":\"$1\"}}"
}
suspend
check_eq "with OCOP_CERTIFICATE_SUSPENSION_MAX_DAYS=90 a suspension gives its fix_deadline" \
    "422 fix_deadline required" "$T_STATUS $(fields) $(code_of fix_deadline)"
suspend 2025-12-12
check_eq "at most 90 days after its decision (2025-12-11)" "422 fix_deadline range valid" \
    "$T_STATUS $(fields) $(code_of fix_deadline) $(t_sql evaluation "SELECT status FROM certificates WHERE id = '$C4'")"
check "the database allows one current certificate per product" \
    bash -c "! psql -X -q -v ON_ERROR_STOP=1 '$(ocop_db_url "$T_DB" evaluation) options=-csearch_path=evaluation' -c \"UPDATE certificates SET status = 'valid' WHERE id = '$C1'\" 2>/dev/null"
check_eq "numbers are unique in the database too" "certificates_number_unique" \
    "$(t_sql evaluation "SELECT conname FROM pg_constraint WHERE conname = 'certificates_number_unique'")"

# --- concurrent grants: one sequence per year, no gap, no duplicate -----------------------------
pids=()
for i in $(seq 0 9); do
    curl -s -o "$T_DIR/par.$i" -w '%{http_code}\n' -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $T_TOKEN" \
        --data-binary "$(cert "${PRODUCTS[$i]}" 3 qd148-2023 district "$((100 + i))/QĐ-UBND" 2023-06-1$((i % 10)))" \
        "$E/v1/certificates" >"$T_DIR/par.$i.status" &
    pids+=($!)
done
wait "${pids[@]}"
check_eq "ten grants at once all succeed" "201 201 201 201 201 201 201 201 201 201" "$(cat "$T_DIR"/par.?.status | sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "and take 2023 numbers 1 to 10, each once" "$(seq -f 'TV-CN-2023-%05g' 1 10 | tr '\n' ' ')" \
    "$(jq -r .number "$T_DIR"/par.? | sort | tr '\n' ' ')"
check_eq "the 2023 sequence is at 10" 10 "$(t_sql evaluation "SELECT last_number FROM certificate_sequences WHERE year = 2023")"

# --- listing -----------------------------------------------------------------------------------
t_http GET "$E/v1/certificates?product_id=$P1"
check_eq "filter by product, newest first" "2 $C4 $C1" "$(j '.items | length') $(j '.items[0].id') $(j '.items[1].id')"
t_http GET "$E/v1/certificates?status=superseded"
check_eq "filter by status" "1 $C1" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$E/v1/certificates?stars=5"
check_eq "filter by stars" "1 $C4" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$E/v1/certificates?number=TV-CN-2024-00001"
check_eq "filter by number" "1 $C2" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$E/v1/certificates?limit=10"
check_eq "a page of 10 of 14, with a cursor" "10 true" "$(j '.items | length') $(j '.next_cursor != null')"
t_http GET "$E/v1/certificates?limit=10&cursor=$(j .next_cursor)"
check_eq "the last page holds the first certificate" "4 $C1 null" "$(j '.items | length') $(j '.items[3].id') $(j .next_cursor)"
t_http GET "$E/v1/certificates?status=lost&stars=2&product_id=x&limit=0"
check_eq "bad filters are 422, one error each" "422 limit,product_id,stars,status" "$T_STATUS $(fields)"

# --- revocation --------------------------------------------------------------------------------
revoke='{"grounds":"food_safety_failure","decision_number":"99/QĐ-UBND","decided_on":"2025-09-10"}'
t_http POST "$E/v1/certificates/$C2/revocation" "$revoke"
check_eq "revocation without If-Match is 428" 428 "$T_STATUS"
t_http POST "$E/v1/certificates/$C2/revocation" "$revoke" 'If-Match: "7"'
check_eq "with a stale version 412" 412 "$T_STATUS"
t_http POST "$E/v1/certificates/00000000-0000-4000-8000-000000000000/revocation" "$revoke" 'If-Match: "1"'
check_eq "of an unknown certificate 404" 404 "$T_STATUS"
t_http POST "$E/v1/certificates/$C2/revocation" '{"grounds":"bad_luck","decided_on":"2025-09-31"}' 'If-Match: "1"'
check_eq "bad grounds, a bad date and missing members" "422 decided_on,decision_number,grounds" "$T_STATUS $(fields)"
t_http POST "$E/v1/certificates/$C2/revocation" '{"grounds":"other","decision_number":"99/QĐ-UBND","decided_on":"2025-09-10"}' 'If-Match: "1"'
check_eq "other grounds need a reason" "422 reason required" "$T_STATUS $(fields) $(code_of reason)"
t_http POST "$E/v1/certificates/$C2/revocation" '{"grounds":"food_safety_failure","decision_number":"99/QĐ-UBND","decided_on":"2024-01-10"}' 'If-Match: "1"'
check_eq "a decision before the issue is refused" "422 decided_on order" "$T_STATUS $(fields) $(code_of decided_on)"
check_eq "nothing changed" "valid 1" "$(t_sql evaluation "SELECT status || ' ' || version FROM certificates WHERE id = '$C2'")"
t_http POST "$E/v1/certificates/$C2/revocation" "$revoke" 'If-Match: "1"' 'Idempotency-Key: revoke-c2'
check_eq "revoked, with the decision, grounds and the token's subject in its history" \
    '200 "2" revoked food_safety_failure 99/QĐ-UBND 2025-09-10 test-officer' \
    "$T_STATUS $(t_header ETag) $(j .status) $(j '.history[-1].grounds') $(j '.history[-1].decision_number') $(j '.history[-1].decided_on') $(j '.history[-1].actor')"
t_http POST "$E/v1/certificates/$C2/revocation" "$revoke" 'If-Match: "1"' 'Idempotency-Key: revoke-c2'
check_eq "a retry with the same key replays it" "200 revoked true" "$T_STATUS $(j .status) $(t_header Idempotent-Replayed)"
t_http POST "$E/v1/certificates/$C2/revocation" "$revoke" 'If-Match: "2"'
check_eq "a revoked certificate is final" "409 CONFLICT" "$T_STATUS $(j .code)"
lapsed='{"grounds":"not_re_evaluated_in_time","decision_number":"120/QĐ-UBND","decided_on":"2025-09-12"}'
t_http POST "$E/v1/certificates/$C4/revocation" "$lapsed" 'If-Match: "1"'
check_eq "not re-evaluated in time revokes no certificate in force" "409 grounds not_applicable" \
    "$T_STATUS $(fields) $(code_of grounds)"
t_http POST "$E/v1/certificates/$C3/revocation" "$lapsed" 'If-Match: "1"'
check_eq "an expired one is revoked by the province's decision" "200 revoked expired>revoked not_re_evaluated_in_time" \
    "$T_STATUS $(j .status) $(j '.history[-1] | [.from_status, .status] | join(">")') $(j '.history[-1].grounds')"
t_http POST "$E/v1/certificates/$C3/revocation" "$lapsed" 'If-Match: "2"'
check_eq "and is final then" 409 "$T_STATUS"
t_http POST "$E/v1/certificates/$C4/reinstatement" '{"reason":"khắc phục xong"}' 'If-Match: "1"'
check_eq "only a suspended certificate is reinstated" 409 "$T_STATUS"
t_http POST "$E/v1/certificates/$C4/reinstatement" '{"reason":"khắc phục xong","decision_number":"5/QĐ"}' 'If-Match: "1"'
check_eq "a decision number needs its date" "422 decided_on required" "$T_STATUS $(fields) $(code_of decided_on)"

# --- events ------------------------------------------------------------------------------------
check_eq "14 issued and 3 status_changed events (one superseded, two revoked)" "14 3" \
    "$(t_sql evaluation "SELECT count(*) FILTER (WHERE event_type = 'ocop.evaluation.certificate.issued.v1') || ' ' || count(*) FILTER (WHERE event_type = 'ocop.evaluation.certificate.status_changed.v1') FROM outbox")"
check_eq "the upgrade: issued first, then the old one superseded, both keyed by the product" \
    "issued.v1:$C4:$P1:valid,status_changed.v1:$C1:$P1:superseded" \
    "$(t_sql evaluation "SELECT string_agg(replace(event_type, 'ocop.evaluation.certificate.', '') || ':' || (payload->>'certificate_id') || ':' || subject || ':' || (payload->>'status'), ',' ORDER BY id) FROM outbox WHERE payload->>'certificate_id' = '$C4' OR (payload->>'certificate_id' = '$C1' AND payload->>'status' = 'superseded')")"
check_eq "the revocation event carries its grounds, decision, previous status and actor (the subject)" \
    "valid revoked food_safety_failure 99/QĐ-UBND 56/QĐ-UBND 3 test-officer" \
    "$(t_sql evaluation "SELECT concat_ws(' ', payload->>'from_status', payload->>'status', payload->>'grounds', payload->'change_decision'->>'number', payload->>'decision_number', payload->>'stars', payload->>'actor') FROM outbox WHERE event_type = 'ocop.evaluation.certificate.status_changed.v1' AND payload->>'certificate_id' = '$C2'")"
t_sql evaluation "SELECT json_build_object('type', event_type, 'data', payload) FROM outbox WHERE event_type LIKE 'ocop.evaluation.certificate.%' ORDER BY id" >"$T_DIR/certificate-events.jsonl"
check "every certificate event validates against its schema" \
    python3 "$OCOP_ROOT/tests/integration/check_schemas.py" --events "$T_DIR/certificate-events.jsonl"

# --- a province's list loaded from CSV -----------------------------------------------------------
csv_post() { # csv_post FILE [CONTENT_TYPE]: POST /v1/certificates/imports
    local h
    h=$(mktemp)
    T_BODY=$(curl -s -D "$h" --max-time 60 -H "Authorization: Bearer $T_TOKEN" \
        -H "Content-Type: ${2:-text/csv; charset=utf-8}" --data-binary "@$1" "$E/v1/certificates/imports")
    T_STATUS=$(awk '/^HTTP/ {s = $2} END {print s}' "$h") # past a 100 Continue
    rm -f "$h"
}
code_of_product() { t_http GET "$E/v1/products/$1"; j .code; }
issued() { t_sql evaluation "SELECT count(*) FROM outbox WHERE event_type = 'ocop.evaluation.certificate.issued.v1'"; }
K0=$(code_of_product "${PRODUCTS[0]}"); K3=$(code_of_product "${PRODUCTS[3]}")
# a byte-order mark, CRLF, a quoted decision holding a comma, Vietnamese numbers, products by code
# or id, one product's two certificates newest first, a number left to the pattern
{ printf '\xef\xbb\xbf'; printf '%s\r\n' \
    "number,product,stars,level,rule_set,decision_number,issued_on,expires_on,status" \
    "OCOP-TV-2024-015,$K0,4,province,qd148-2023,\"200/QĐ-UBND, ngày 05/3/2024\",2024-03-05,2027-03-05,valid" \
    ",${PRODUCTS[1]},3,district,qd148-2023,201/QĐ-UBND,2024-03-06,," \
    "12/QĐ-BNNMT,${PRODUCTS[2]},5,central,qd1489-2025,12/QĐ-BNNMT,2025-08-20,2028-08-20," \
    "" \
    "\"Số 7/GCN\",$K3,4,province,qd148-2023,300/QĐ-UBND,2024-05-01,," \
    "\"Số 6/GCN\",$K3,3,district,qd148-2023,299/QĐ-UBND,2023-12-01,,expiring"; } >"$T_DIR/list.csv"
before=$(issued)
csv_post "$T_DIR/list.csv"
check_eq "a list of 5 is loaded: 5 created, each line with its certificate" \
    "200 5 5 0 OCOP-TV-2024-015 TV-CN-2024-00002 12/QĐ-BNNMT Số 7/GCN|Số 6/GCN" \
    "$T_STATUS $(j .lines) $(j .created) $(j .unchanged) $(j '.certificates[0].number') $(j '.certificates[1].number') $(j '.certificates[2].number') $(j '.certificates[3].number')|$(j '.certificates[4].number')"
check_eq "each one announced as a single POST would be" 5 "$(($(issued) - before))"
t_http GET "$E/v1/certificates?product_id=${PRODUCTS[3]}"
check_eq "one product's certificates were issued in date order: the newer is current" \
    "Số 7/GCN:valid Số 6/GCN:superseded superseded" \
    "$(j '[.items | sort_by(.issued_on) | reverse | .[] | "\(.number):\(.status)"][0:2] | join(" ")') $(j '.items | sort_by(.issued_on) | .[0].status')"
count=$(t_sql evaluation "SELECT count(*) FROM certificates")
csv_post "$T_DIR/list.csv"
check_eq "a re-run changes nothing: every line is unchanged" "200 0 5 unchanged $count 0" \
    "$T_STATUS $(j .created) $(j .unchanged) $(j '.certificates[2].outcome') $(t_sql evaluation "SELECT count(*) FROM certificates") $(($(issued) - before - 5))"
printf '%s\n' "number,product,stars,level,rule_set,decision_number,issued_on" \
    "OCOP-TV-2024-015,${PRODUCTS[4]},4,province,qd148-2023,400/QĐ-UBND,2024-06-01" \
    ",OCOP-TV-0000-99999,3,district,qd148-2023,401/QĐ-UBND,2024-06-01" \
    ",${PRODUCTS[5]},6,district,qd148-2023,402/QĐ-UBND,2024-06-01" \
    ",${PRODUCTS[6]},3,district,qd148-2023,403/QĐ-UBND,2024-06-01" \
    ",${PRODUCTS[7]},4,district,qd148-2023,404/QĐ-UBND,2024-06-01" \
    ",${PRODUCTS[8]},5,central,qd1489-2025,405/QĐ-TTg,2025-08-01" >"$T_DIR/bad.csv"
csv_post "$T_DIR/bad.csv"
check_eq "a bad list: 422 naming every bad line and column" \
    "422 2:number:conflict,3:product:not_found,4:stars:range,6:level:not_recognising,7:number:required" \
    "$T_STATUS $(j '[.errors[] | "\(.line):\(.column):\(.code)"] | sort | join(",")')"
check_eq "and nothing of it is written, not even its good line" "$count 0" \
    "$(t_sql evaluation "SELECT count(*) FROM certificates") $(($(issued) - before - 5))"
head -c $((2 * 1024 * 1024 + 1)) /dev/zero | tr '\0' '\n' >"$T_DIR/big.csv"
csv_post "$T_DIR/big.csv"
check_eq "a list over 2 MiB is 413" 413 "$T_STATUS"
csv_post "$T_DIR/list.csv" application/json
check_eq "a list is text/csv" 415 "$T_STATUS"
T_TOKEN=$(t_token inspector --sub inspector-1) csv_post "$T_DIR/list.csv"
check_eq "an inspector loads no list (province_officer and admin do)" 403 "$T_STATUS"

# --- registration consumes them ----------------------------------------------------------------
shows() { t_http GET "$R/v1/products/$1"; [[ "$(j .ocop.stars) $(j .status) $(j .ocop.certificate.number)" == "$2" ]]; }
check "registration shows P1 as 5 stars, certified, with the new certificate" t_until 20 shows "$P1" "5 certified 15/QĐ-BNNMT"
check_eq "recognised on the day of the upgrade, expiring 36 months later" "2025-08-01 2028-08-01 valid" \
    "$(j .ocop.recognised_on) $(j .ocop.certificate.expires_on) $(j .ocop.certificate.status)"
check "registration shows P2's certificate revoked, without stars" t_until 20 shows "$P2" "null certificate_revoked TV-CN-2024-00001"
check "and P3's certificate revoked after its expiry" t_until 20 shows "$P3" "null certificate_revoked OCOP-TV-2019-015"
t_check_events evaluation

# --- settings are checked at start --------------------------------------------------------------
refused() { # refused VAR=VALUE: evaluation exits at once, naming VAR
    local out
    t_env evaluation
    out=$(env OCOP_HTTP_PORT="$(ocop_free_port)" "${T_ENV[@]}" "$1" \
        timeout 20 "$OCOP_BUILD_DIR/services/evaluation/ocop-evaluation" 2>&1 </dev/null)
    local status=$?
    [[ $status == 1 && $out == *"${1%%=*}"* ]]
}
check "a pattern without {SEQ} is refused" refused "OCOP_CERTIFICATE_NUMBER_PATTERN=TV-{YYYY}"
check "a pattern without the year is refused" refused "OCOP_CERTIFICATE_NUMBER_PATTERN=TV-{SEQ}"
check "a pattern with lower-case text is refused" refused "OCOP_CERTIFICATE_NUMBER_PATTERN=tv-{YYYY}-{SEQ}"
check "notice days without one of 30 or more are refused" refused "OCOP_CERTIFICATE_NOTICE_DAYS=20,10"
check "repeated notice days are refused" refused "OCOP_CERTIFICATE_NOTICE_DAYS=90,90,30"
check "empty notice days are refused" refused "OCOP_CERTIFICATE_NOTICE_DAYS="
check "a bad agency code is refused" refused "OCOP_AGENCY_CODE=trà vinh"
check "a bad scheduler interval is refused" refused "OCOP_SCHEDULER_INTERVAL_MS=5"
check "a bad platform start is refused" refused "OCOP_CERTIFICATE_PLATFORM_START=2020-13-01"
check "a bad suspension policy is refused" refused "OCOP_CERTIFICATE_SUSPENSION=sometimes"
check "a bad longest suspension is refused" refused "OCOP_CERTIFICATE_SUSPENSION_MAX_DAYS=3651"
t_done

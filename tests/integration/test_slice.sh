#!/usr/bin/env bash
# The vertical slice through real processes: a producer and a product posted
# to registration appear in evaluation's and promotion's read models; the
# registry's reads, pagination, validation, idempotency and the built-in
# endpoints behave as documented.
source "$(dirname "$0")/lib.sh"
t_init slice
t_start registration
t_start evaluation
t_start promotion
R=$(t_url registration)

# --- built-in endpoints ---------------------------------------------------------
t_settle # the consumers have their partitions before what follows is timed
for svc in registration evaluation promotion; do
    t_http GET "$(t_url $svc)/health"
    check_eq "$svc /health is 200" 200 "$T_STATUS"
    t_http GET "$(t_url $svc)/ready"
    check_eq "$svc /ready is 200 with every check true" "200 true true true" \
        "$T_STATUS $(j .checks.database) $(j .checks.kafka) $(j .checks.migrations)"
    t_http GET "$(t_url $svc)/openapi.json"
    check_eq "$svc /openapi.json is an OpenAPI 3.1 document" "200 3.1.0" "$T_STATUS $(j .openapi)"
done

# --- create a producer and a product ------------------------------------------------
t_http POST "$R/v1/producers" '{"type":"enterprise","identifier":"2100612345","name":"Công ty TNHH Trà Vinh FARM","representative":"Nguyễn Văn An","commune_code":"29347","registered_on":"2024-03-01","phone":"+84 294 3855 123","email":"info@travinhfarm.vn"}'
check_eq "POST /v1/producers is 201" 201 "$T_STATUS"
PRODUCER=$(j .id)
check_eq "Location names the producer" "/v1/producers/$PRODUCER" "$(t_header Location)"
check_eq "ETag is the version" '"1"' "$(t_header ETag)"
check_eq "the producer is shown as sent" "enterprise|Công ty TNHH Trà Vinh FARM|29347" \
    "$(j '[.type, .name, .commune_code] | join("|")')"

t_http POST "$R/v1/producers" '{"type":"cooperative","identifier":"2100612345","name":"HTX khác","representative":"Trần Bình","commune_code":"29320","registered_on":"2024-03-01"}'
check_eq "a duplicate identifier is 409" "409 CONFLICT" "$T_STATUS $(j .code)"

# The requirement is one second; a sanitized build (ASan + UBSan) runs the
# same path two to three times slower on these two cores, so it gets two.
limit=1000
[[ $OCOP_BUILD_DIR == *asan* ]] && limit=2000
t0=$(date +%s%N)
t_http POST "$R/v1/products" "{\"producer_id\":\"$PRODUCER\",\"name\":\"Mật hoa dừa\",\"criteria_set\":4,\"description\":\"Mật từ hoa dừa Trà Vinh\"}"
check_eq "POST /v1/products is 201" 201 "$T_STATUS"
PRODUCT=$(j .id)
check_eq "the product has a code, sector and the producer's commune" "true|I|29347|registered" \
    "$(j '[(.code | test("^OCOP-VL-[0-9]{4}-[0-9]{5}$")), .sector, .commune_code, .status] | map(tostring) | join("|")')"

ms_e=$(t_wait_status "$(t_url evaluation)/v1/products/$PRODUCT" 200 5)
check "the product reaches evaluation within $limit ms (${ms_e:-never} ms)" test "${ms_e:-9999}" -lt "$limit"
ms_p=$(t_wait_status "$(t_url promotion)/v1/products/$PRODUCT" 200 5)
total=$((($(date +%s%N) - t0) / 1000000))
check "the product reaches promotion within $limit ms of the POST ($total ms)" test "$total" -lt "$limit"
t_http GET "$(t_url evaluation)/v1/products/$PRODUCT"
check_eq "evaluation shows the product and its producer" "Mật hoa dừa|Công ty TNHH Trà Vinh FARM|1" \
    "$(j '[.name, .producer.name, .registry_version] | map(tostring) | join("|")')"
t_http GET "$(t_url promotion)/v1/products/$PRODUCT"
check_eq "promotion shows the product, not yet promotable" "Mật hoa dừa|Công ty TNHH Trà Vinh FARM|false" \
    "$(j '[.name, .producer.public_name, .promotable] | map(tostring) | join("|")')"

# A household producer's name is personal data: promotion keeps it out of its view.
HOUSE=$(t_new_producer household 84A8001234 "Hộ kinh doanh Năm Thụy")
HP=$(t_new_product "$HOUSE" "Chả hoa Năm Thụy" 8)
t_wait_status "$(t_url promotion)/v1/products/$HP" 200 5 >/dev/null
t_http GET "$(t_url promotion)/v1/products/$HP"
check_eq "promotion hides a household producer's name" "household|null" \
    "$(j '[.producer.type, .producer.public_name] | map(tostring) | join("|")')"

# --- reads on registration -----------------------------------------------------------
t_http GET "$R/v1/products/$PRODUCT"
check_eq "GET /v1/products/{id} is 200 with its ETag" '200 "1"' "$T_STATUS $(t_header ETag)"
t_http GET "$R/v1/producers/$PRODUCER"
check_eq "GET /v1/producers/{id} is 200" 200 "$T_STATUS"
t_http GET "$R/v1/products/00000000-0000-4000-8000-000000000000"
check_eq "an unknown product is 404 problem+json" "404 application/problem+json" \
    "$T_STATUS $(t_header Content-Type)"
t_http GET "$R/v1/products/not-a-uuid"
check_eq "a malformed id is 404" 404 "$T_STATUS"

for i in 1 2 3; do t_new_product "$PRODUCER" "Kẹo dừa số $i" 7 >/dev/null; done
t_http GET "$R/v1/products?producer_id=$PRODUCER&limit=2"
check_eq "page 1 has 2 items and a cursor" "2 true" "$(j '.items | length') $(j '.next_cursor != null')"
first_page=$(j '[.items[].id] | join(",")')
t_http GET "$R/v1/products?producer_id=$PRODUCER&limit=2&cursor=$(j .next_cursor)"
check_eq "page 2 has the other 2 and no cursor" "2 null" "$(j '.items | length') $(j .next_cursor)"
check "the pages do not overlap" test -z "$(comm -12 <(tr , '\n' <<<"$first_page" | sort) <(j '.items[].id' | sort))"
t_http GET "$R/v1/products?limit=0"
check_eq "limit=0 is 422 naming the field" "422 limit" "$T_STATUS $(j '.errors[0].field')"
t_http GET "$R/v1/products?cursor=garbage"
check_eq "a forged cursor is 422" "422 cursor" "$T_STATUS $(j '.errors[0].field')"
t_http GET "$R/v1/products?commune_code=29347&limit=200"
check_eq "the commune filter finds the 4 Trà Vinh FARM products" 4 "$(j '.items | length')"

# --- bad input: clear errors, nothing written ----------------------------------------
before=$(t_sql registration "SELECT (SELECT count(*) FROM products) || '/' || (SELECT count(*) FROM outbox)")
t_http POST "$R/v1/products" '{"producer_id":"nope","name":"x","criteria_set":99,"status":"certified"}'
check_eq "an invalid product is 422 with one error per field" \
    "422 criteria_set,name,producer_id,status" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
t_http POST "$R/v1/products" "{\"producer_id\":\"00000000-0000-4000-8000-000000000000\",\"name\":\"Bánh tét\",\"criteria_set\":6}"
check_eq "an unknown producer is 422 on producer_id" "422 producer_id not_found" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
t_http POST "$R/v1/products" '{"name": "Bánh' 
check_eq "malformed JSON is 400" "400 BAD_REQUEST" "$T_STATUS $(j .code)"
T_BODY=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $T_TOKEN" \
    -H 'Content-Type: text/plain' -d 'x' "$R/v1/products")
check_eq "a non-JSON content type is 415" 415 "$T_BODY"
{ printf '{"name":"'; head -c 1100000 /dev/zero | tr '\0' 'a'; printf '"}'; } >"$T_DIR/big.json"
T_BODY=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $T_TOKEN" \
    -H 'Content-Type: application/json' --data-binary "@$T_DIR/big.json" "$R/v1/products")
check_eq "a body over 1 MiB is 413" 413 "$T_BODY"
t_http POST "$R/v1/products" '[1,2,3]'
check_eq "a JSON array body is 422" 422 "$T_STATUS"
t_http POST "$R/v1/producers" '{"type":"enterprise","identifier":"123","name":"A","representative":"B","commune_code":"2934"}'
check_eq "a bad producer names identifier, name, representative and commune_code" \
    "422 commune_code,identifier,name,representative" "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
after=$(t_sql registration "SELECT (SELECT count(*) FROM products) || '/' || (SELECT count(*) FROM outbox)")
check_eq "no rejected request wrote a product or an event" "$before" "$after"

# --- Idempotency-Key ------------------------------------------------------------------
body="{\"producer_id\":\"$PRODUCER\",\"name\":\"Dừa sáp\",\"criteria_set\":1}"
t_http POST "$R/v1/products" "$body" "Idempotency-Key: portal-retry-1"
first=$(j .id)
t_http POST "$R/v1/products" "$body" "Idempotency-Key: portal-retry-1"
check_eq "a retried POST with the same key returns the same product" "201 $first true" \
    "$T_STATUS $(j .id) $(t_header Idempotent-Replayed)"
check_eq "the retry created nothing" 1 "$(t_sql registration "SELECT count(*) FROM products WHERE name = 'Dừa sáp'")"
t_http POST "$R/v1/products" "{\"producer_id\":\"$PRODUCER\",\"name\":\"Dừa khác\",\"criteria_set\":1}" \
    "Idempotency-Key: portal-retry-1"
check_eq "the same key with another body is 422" "422 IDEMPOTENCY" "$T_STATUS $(j .code)"

# --- every event on the topic validates against its JSON Schema ------------------------
kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.registration.events" -o beginning -e -q -J \
    2>/dev/null | jq -c '(.headers as $h | [range(0; $h | length; 2) | {($h[.]): $h[. + 1]}] | add)
        as $ce | {type: $ce.ce_type, data: (.payload | fromjson)}' >"$T_DIR/events.jsonl"
check_eq "the topic holds every event the outbox published" \
    "$(t_sql registration "SELECT count(*) FROM outbox")" "$(wc -l <"$T_DIR/events.jsonl")"
check "every event validates against its schema" \
    python3 "$OCOP_ROOT/tests/integration/check_schemas.py" --events "$T_DIR/events.jsonl"
check "producer events carry no contact or identity data" \
    jq -e -s 'all(.[]; .data | has("phone") or has("email") or has("identifier") | not)' \
    "$T_DIR/events.jsonl"

# --- metrics ------------------------------------------------------------------------------
check "registration counts its requests" test "$(t_metric registration 'ocop_http_requests_total.*route="/v1/products".*code="201"')" -ge 5
backlog_empty() { test "$(t_metric registration '^ocop_outbox_backlog')" -eq 0; }
# The gauge is refreshed by the relay every few seconds: wait for its next reading.
check "registration reports an empty outbox backlog" t_until 10 backlog_empty
check "evaluation counts applied events" test "$(t_metric evaluation 'ocop_events_consumed_total.*outcome="applied"')" -ge 7

t_done

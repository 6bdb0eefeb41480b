#!/usr/bin/env bash
# Promotion's view of products from events only: certificates and inspections
# from evaluation (newest by ce_time per certificate and inspection, late or
# duplicate events change nothing), whether a product is promotable today and
# why not, and the public catalogue of promotable products (filters by stars,
# sector, current or legacy commune and diacritic-insensitive name; cursor
# pages; no personal data of household producers; open to anonymous callers
# and to any valid token), with the catalogue.changed events its evaluation
# events cause; a province's potential 5 stars featured on the product (with
# OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR on) until the central council decides.
source "$(dirname "$0")/lib.sh"
t_init promotion_catalogue
t_start registration
t_start promotion OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR=on
P=$(t_url promotion)

TODAY=$(day today)
# cert PRODUCT CERT_ID STATUS STARS ISSUED EXPIRES TIME [NUMBER]: a certificate event from evaluation.
cert() {
    local type=ocop.evaluation.certificate.status_changed.v1 number=${8:-}
    [[ $3 == valid && -z ${9:-} ]] && type=ocop.evaluation.certificate.issued.v1
    t_event evaluation "$type" "$1" \
        "{\"certificate_id\":\"$2\",\"product_id\":\"$1\",\"status\":\"$3\",\"stars\":$4${5:+,\"issued_on\":\"$5\"}${6:+,\"expires_on\":\"$6\"}${number:+,\"number\":\"$number\"}}" "$7"
}
# promotable_is PRODUCT VALUE: promotion's view says promotable VALUE.
promotable_is() { t_http GET "$P/v1/products/$1"; [[ $(j .promotable) == "$2" ]]; }
seen() { t_http GET "$P/v1/products/$1"; [[ $T_STATUS == 200 ]]; }
applied() { [[ $(t_sql promotion "SELECT count(*) FROM inbox") == "$1" ]]; }

# --- products from registration -------------------------------------------------------------
FARM=$(t_new_producer enterprise 2100300101 "Công ty TNHH Trà Vinh FARM" 29347 2024-03-01)
HH=$(t_new_producer household 84A8001234 "Nguyễn Thị Năm" 29242)
HTX=$(t_new_producer cooperative 2100300102 "HTX Dừa sáp Cầu Kè" 29302)
MAT=$(t_new_product "$FARM" "Mật hoa dừa" 4)        # sector I, legacy commune Phú Cần
CHA=$(t_new_product "$HH" "Chả hoa Năm Thụy" 8)      # household producer
DUA=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
NGHE=$(t_new_product "$HTX" "Tinh bột nghệ" 18)      # sector III
OLD=$(t_new_product "$HTX" "Bánh tráng" 6)
check "five products registered" test -n "$MAT" -a -n "$CHA" -a -n "$DUA" -a -n "$NGHE" -a -n "$OLD"
for p in "$MAT" "$CHA" "$DUA" "$NGHE" "$OLD"; do t_until 10 seen "$p" || fail "promotion sees $p"; done
t_http GET "$P/v1/products/$MAT"
check_eq "without a certificate a product is not promotable, and says why" \
    "false|no OCOP certificate is known for this product|null|29347|29341" \
    "$(j .promotable)|$(j .promotable_reason)|$(j .certificate)|$(j .commune_code)|$(j .current_commune_code)"

# --- certificates ------------------------------------------------------------------------------
C_MAT=$(uuid) C_CHA=$(uuid) C_DUA=$(uuid) C_NGHE=$(uuid) C_OLD=$(uuid)
cert "$MAT" "$C_MAT" valid 5 "$(day '-400 days')" "$(day '+700 days')" 2026-01-01T00:00:00Z TV-OCOP-0001
cert "$CHA" "$C_CHA" valid 4 "$(day '-10 days')" "" 2026-01-01T00:00:01Z TV-OCOP-0002
cert "$DUA" "$C_DUA" valid 2 "$(day '-10 days')" "$(day '+900 days')" 2026-01-01T00:00:02Z TV-OCOP-0003
cert "$NGHE" "$C_NGHE" valid 3 "$(day '-1100 days')" "$(day '-1 day')" 2026-01-01T00:00:03Z TV-OCOP-0004
cert "$OLD" "$C_OLD" suspended 4 "$(day '-30 days')" "" 2026-01-01T00:00:04Z TV-OCOP-0005
check "the five certificate events are applied" t_until 15 applied 13
t_http GET "$P/v1/products/$MAT"
check_eq "a valid 5-star certificate makes it promotable" \
    "true|5|TV-OCOP-0001|valid|$(day '+700 days')" \
    "$(j .promotable)|$(j .stars)|$(j .certificate.number)|$(j .certificate.status)|$(j .certificate.valid_until)"
check_eq "and the reason names its end" \
    "its certificate TV-OCOP-0001 (5 stars) is valid until $(day '+700 days')" "$(j .promotable_reason)"
t_http GET "$P/v1/products/$CHA"
check_eq "without expires_on a certificate lasts 36 months from issue" \
    "true $(TZ=Asia/Ho_Chi_Minh date -d "$(day '-10 days') +36 months" +%F)" \
    "$(j .promotable) $(j .certificate.valid_until)"
t_http GET "$P/v1/products/$DUA"
check_eq "2 stars are not enough" \
    "false|its certificate TV-OCOP-0003 recognises 2 stars; promotion needs 3 or more|2" \
    "$(j .promotable)|$(j .promotable_reason)|$(j .stars)"
t_http GET "$P/v1/products/$NGHE"
check_eq "a certificate past its last day is not promotable" \
    "false|its certificate TV-OCOP-0004 expired on $(day '-1 day')|null" \
    "$(j .promotable)|$(j .promotable_reason)|$(j .stars)"
t_http GET "$P/v1/products/$OLD"
check_eq "a suspended certificate is not promotable" \
    "false|its certificate TV-OCOP-0005 is suspended" "$(j .promotable)|$(j .promotable_reason)"

# --- the catalogue -----------------------------------------------------------------------------
ids() { j '[.items[].id] | join(",")'; }
T_TOKEN='' t_http GET "$P/v1/catalogue"
check_eq "the catalogue (read without a token) holds the promotable products, most stars first" "200 $MAT,$CHA null" \
    "$T_STATUS $(ids) $(j .next_cursor)"
check_eq "a household producer's name is withheld, and no producer id is shown" \
    "household|null|null|4" \
    "$(j '.items[1].producer.type')|$(j '.items[1].producer.public_name')|$(j '.items[1].producer.id')|$(j '.items[1].stars')"
check_eq "an enterprise's name is shown, with the certificate" \
    "Công ty TNHH Trà Vinh FARM|TV-OCOP-0001|$(day '-400 days')" \
    "$(j '.items[0].producer.public_name')|$(j '.items[0].certificate.number')|$(j '.items[0].certificate.issued_on')"
check_eq "no personal data anywhere in the catalogue" "" "$(grep -o 'Nguyễn' <<<"$T_BODY")"
t_http GET "$P/v1/catalogue" "" "Authorization: Bearer $(t_token producer --producer "$HH")"
check_eq "any valid token reads it too, even one of a role it does not name" "200 $MAT,$CHA" "$T_STATUS $(ids)"
T_TOKEN='' t_http GET "$P/v1/products/$CHA"
check_eq "the public view of a household's product names no one" "200|household|null|" \
    "$T_STATUS|$(j .producer.type)|$(j .producer.public_name)|$(grep -o -e 'Nguyễn' -e '84A8001234' <<<"$T_BODY")"
t_http GET "$P/v1/catalogue?stars=4"
check_eq "filter by stars" "$CHA" "$(ids)"
t_http GET "$P/v1/catalogue?sector=I&stars=5"
check_eq "filter by sector" "$MAT" "$(ids)"
t_http GET "$P/v1/catalogue?commune=29341"
check_eq "filter by today's commune finds a product registered under a legacy one" "$MAT" "$(ids)"
t_http GET "$P/v1/catalogue?commune=29347"
check_eq "filter by the legacy commune itself" "$MAT" "$(ids)"
t_http GET "$P/v1/catalogue?q=mat%20hoa%20DUA"
check_eq "search ignores case and diacritics" "$MAT" "$(ids)"
t_http GET "$P/v1/catalogue?q=50%25"
check_eq "a LIKE wildcard in the search is plain text" "0" "$(j '.items | length')"
t_http GET "$P/v1/catalogue?limit=1"
check_eq "a page of one with a cursor" "$MAT true" "$(ids) $(j '.next_cursor != null')"
t_http GET "$P/v1/catalogue?limit=1&cursor=$(j .next_cursor)"
check_eq "the next page" "$CHA null" "$(ids) $(j .next_cursor)"
cursor() { printf '{"id":"%s","t":"%s"}' "$CHA" "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }
T_TOKEN= t_http GET "$P/v1/catalogue?limit=1&cursor=$(cursor 9999999999)"
check_eq "a cursor whose stars overflow an integer is served, not a 500" 200 "$T_STATUS"
T_TOKEN= t_http GET "$P/v1/catalogue?limit=1&cursor=$(cursor 9999999999999999999)"
check_eq "one beyond any bigint is 422, not a 500" 422 "$T_STATUS"
t_http GET "$P/v1/catalogue?stars=2&sector=VII&commune=2934&q=&limit=500&cursor=nope"
check_eq "bad filters are 422, one error each" "422 commune,cursor,limit,q,sector,stars" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"

# --- newest wins; late and duplicate events change nothing -------------------------------------
cert "$MAT" "$C_MAT" revoked 5 "" "" 2025-12-31T00:00:00Z TV-OCOP-0001
cert "$MAT" "$C_MAT" valid 5 "$(day '-400 days')" "$(day '+700 days')" 2026-01-01T00:00:00Z TV-OCOP-0001 changed
check "a late revocation and a replay of the same time are consumed" t_until 15 applied 15
t_http GET "$P/v1/products/$MAT"
check_eq "and change nothing" "true valid" "$(j .promotable) $(j .certificate.status)"
DUP=$(uuid)
dup_event() {
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -k "$MAT" \
        -H ce_specversion=1.0 -H "ce_id=$DUP" -H ce_source=/ocop/evaluation \
        -H ce_type=ocop.evaluation.inspection.recorded.v1 -H "ce_subject=$MAT" \
        -H ce_time=2026-02-01T00:00:00Z -H content-type=application/json <<<"$1"
}
dup_event "{\"inspection_id\":\"I-1\",\"product_id\":\"$MAT\",\"outcome\":\"recall\",\"kind\":\"market_sample\",\"inspected_on\":\"$(day '-1 day')\"}"
check "an inspection ending in recall takes the product out of the catalogue" t_until 15 promotable_is "$MAT" false
check_eq "the reason names the inspection and its outcome" \
    "inspection I-1 of $(day '-1 day') ended in recall, outstanding since its certificate TV-OCOP-0001|true|5" \
    "$(j .promotable_reason)|$(j .latest_inspection.outstanding)|$(j .stars)"
check_eq "the reaction is recorded with the causing event" \
    "$DUP|inspection I-1 (market_sample) of $(day '-1 day') ended in recall" \
    "$(j .last_reaction.cause_event_id)|$(j .last_reaction.reason)"
# The same event id again, with other data: the inbox skips it.
dup_event "{\"inspection_id\":\"I-1\",\"product_id\":\"$MAT\",\"outcome\":\"compliant\"}"
cert "$CHA" "$C_CHA" expiring 4 "$(day '-10 days')" "" 2026-02-01T00:00:01Z TV-OCOP-0002
check "the duplicate is skipped and the next event applied" t_until 15 applied 17
t_http GET "$P/v1/products/$MAT"
check_eq "the duplicate changed nothing" "false recall" "$(j .promotable) $(j .latest_inspection.outcome)"
t_http GET "$P/v1/products/$CHA"
check_eq "an expiring certificate is still in force" "true expiring" "$(j .promotable) $(j .certificate.status)"
t_http GET "$P/v1/catalogue"
check_eq "the catalogue no longer shows the recalled product" "$CHA" "$(ids)"

# A later compliant inspection settles the recall; a new certificate would too.
t_event evaluation ocop.evaluation.inspection.recorded.v1 "$MAT" \
    "{\"inspection_id\":\"I-2\",\"product_id\":\"$MAT\",\"outcome\":\"compliant\"}" 2026-03-01T00:00:00Z
check "a later compliant inspection settles it" t_until 15 promotable_is "$MAT" true
t_event evaluation ocop.evaluation.inspection.recorded.v1 "$OLD" \
    "{\"inspection_id\":\"I-3\",\"product_id\":\"$OLD\",\"outcome\":\"revocation\"}" 2026-03-01T00:00:01Z
C_OLD2=$(uuid)
cert "$OLD" "$C_OLD2" valid 3 "$(day '-1 day')" "" 2026-03-02T00:00:00Z TV-OCOP-0006
check "a new certificate makes a product promotable again" t_until 15 promotable_is "$OLD" true
check_eq "the new certificate is the current one" "TV-OCOP-0006 3 false" \
    "$(j .certificate.number) $(j .stars) $(j .latest_inspection.outstanding)"
C_OLD3=$(uuid)
cert "$OLD" "$C_OLD3" valid 4 "$(day '+5 days')" "" 2026-03-03T00:00:00Z TV-OCOP-0007
check "a certificate issued in the future is not in force yet" t_until 15 promotable_is "$OLD" false
check_eq "and says from when" "its certificate TV-OCOP-0007 is valid only from $(day '+5 days')" \
    "$(j .promotable_reason)"

# --- an evaluation event before the product's registration event --------------------------------
EARLY=$(uuid)
cert "$EARLY" "$(uuid)" valid 4 "$(day '-2 days')" "" 2026-04-01T00:00:00Z TV-OCOP-0008
check "a certificate for a product promotion does not know yet is kept" t_until 15 applied 22
t_event registration ocop.registration.product.registered.v1 "$EARLY" \
    "{\"product_id\":\"$EARLY\",\"code\":\"OCOP-TV-2026-09999\",\"name\":\"Mắm tép\",\"producer_id\":\"$HTX\",\"producer_name\":\"HTX Dừa sáp Cầu Kè\",\"producer_type\":\"cooperative\",\"rule_set\":\"qd148-2023\",\"criteria_set\":9,\"sector\":\"I\",\"legacy_group\":null,\"commune_code\":\"29302\",\"status\":\"registered\",\"version\":1,\"registered_at\":\"2026-04-02T00:00:00.000Z\"}"
check "the product's registration event, arriving later, finds its certificate" \
    t_until 15 promotable_is "$EARLY" true
check_eq "and the product enters the catalogue" "TV-OCOP-0008 4" "$(j .certificate.number) $(j .stars)"

# --- potential 5 stars, featured (OCOP_PROMOTION_FEATURE_POTENTIAL_5_STAR=on) -------------------
potential_is() { t_http GET "$P/v1/products/$1"; [[ $(j '.potential_5_star.since // "none"') == "$2" ]]; }
APP_MAT=$(uuid)
t_event evaluation ocop.evaluation.evaluation.forwarded.v1 "$APP_MAT" \
    "{\"application_id\":\"$APP_MAT\",\"product_id\":\"$MAT\",\"entry_id\":\"$(uuid)\",\"round_id\":\"$(uuid)\",\"level\":\"province\",\"rule_set\":\"qd1489-2025\",\"forwarded_to\":\"central\",\"score\":91.5,\"stars\":5,\"potential_5_star\":true,\"decided_on\":\"2025-09-20\",\"forwarded_at\":\"2025-09-20T03:00:00.000Z\"}"
check "a province's potential 5 stars marks the catalogue product" t_until 15 potential_is "$MAT" 2025-09-20
t_event evaluation ocop.evaluation.evaluation.completed.v1 "$APP_MAT" \
    "{\"application_id\":\"$APP_MAT\",\"product_id\":\"$MAT\",\"level\":\"central\",\"stars\":5,\"outcome\":\"recognised\"}"
check "the central council's result clears the mark" t_until 15 potential_is "$MAT" none

# --- contract breaches are dead-lettered --------------------------------------------------------
t_event evaluation ocop.evaluation.certificate.issued.v1 "$MAT" \
    "{\"certificate_id\":\"X\",\"product_id\":\"$MAT\",\"stars\":4,\"status\":\"valid\"}"
t_event evaluation ocop.evaluation.inspection.recorded.v1 "$MAT" \
    "{\"inspection_id\":\"I-9\",\"product_id\":\"$MAT\",\"outcome\":\"closed\"}"
dead() { [[ $(t_sql promotion "SELECT count(*) FROM inbox WHERE outcome = 'dead_lettered'") == 2 ]]; }
check "a valid certificate without issued_on and an unknown outcome are dead-lettered" t_until 30 dead

# --- the catalogue.changed events ----------------------------------------------------------------
check_eq "every entry into and exit from the catalogue was an event, in order" \
    "$MAT true,$CHA true,$MAT false,$MAT true,$OLD true,$OLD false,$EARLY true" \
    "$(t_sql promotion "SELECT string_agg(subject || ' ' || (payload->>'promotable'), ',' ORDER BY id) FROM outbox WHERE event_type = 'ocop.promotion.catalogue.changed.v1'")"
check_eq "the exit names its cause" "$DUP ocop.evaluation.inspection.recorded.v1" \
    "$(t_sql promotion "SELECT (payload->>'cause_event_id') || ' ' || (payload->>'cause_event_type') FROM outbox WHERE payload->>'promotable' = 'false' AND subject = '$MAT'")"
published() { [[ $(t_sql promotion "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the relay published them" t_until 10 published
t_check_events promotion
t_done

#!/usr/bin/env bash
# Products in the registry: codes from a configurable pattern, updates with
# If-Match reaching the other services, and the product's whole picture kept
# from the other services' events (stars, certificate, inspection, linkages),
# never overwritten by an older event.
source "$(dirname "$0")/lib.sh"
t_init products
t_start registration OCOP_PRODUCT_CODE_PATTERN="TV{YY}-{SET}-{SEQ:4}"
t_start evaluation
t_start promotion
R=$(t_url registration)
P=$(t_new_producer cooperative 2101400001 "HTX Nông nghiệp Tiến Thành" 29413)
PR=$(t_new_product "$P" "Gạo hữu cơ Long Hòa" 3)
t_http GET "$R/v1/products/$PR"
check_eq "the code follows the configured pattern" "TV$(TZ=Asia/Ho_Chi_Minh date +%y)-03-0001" "$(j .code)"
check_eq "a new product is registered with no stars" "registered null" "$(j .status) $(j .ocop.stars)"
check_eq "under the rule set in force today" "qd1489-2025 false" "$(j .rule_set) $(j .recognised_before_platform)"

# A bad pattern stops the start with a clear message.
port=$(ocop_free_port)
t_env registration
env OCOP_HTTP_PORT="$port" "${T_ENV[@]}" OCOP_PRODUCT_CODE_PATTERN="tv-{SEQ" timeout 20 "$OCOP_BUILD_DIR/services/registration/ocop-registration" \
    </dev/null 2>"$T_DIR/badpattern.log"
check_eq "a bad code pattern refuses to start" 1 "$?"
check "and says why" grep -q "OCOP_PRODUCT_CODE_PATTERN" "$T_DIR/badpattern.log"

# --- updates -------------------------------------------------------------------------
t_http PATCH "$R/v1/products/$PR" '{"name":"Gạo hữu cơ Long Hòa – Hòa Minh"}'
check_eq "PATCH without If-Match is 428" 428 "$T_STATUS"
t_http PATCH "$R/v1/products/$PR" '{"name":"Gạo hữu cơ Long Hòa – Hòa Minh","description":null}' 'If-Match: "1"'
check_eq "PATCH with the current version renames it" '200 "2"' "$T_STATUS $(t_header ETag)"
t_http PATCH "$R/v1/products/$PR" '{"criteria_set":5}' 'If-Match: "2"'
check_eq "classification is not patched" "422 criteria_set" "$T_STATUS $(j '.errors[0].field')"
name_is() { t_http GET "$(t_url "$1")/v1/products/$PR"; [[ $(j .name) == "Gạo hữu cơ Long Hòa – Hòa Minh" ]]; }
check "evaluation sees the new name" t_until 10 name_is evaluation
check "promotion sees the new name" t_until 10 name_is promotion

# --- the rules in force, old products and reclassification ---------------------------------------
t_http POST "$R/v1/products" "{\"producer_id\":\"$P\",\"name\":\"Bánh tét lá cẩm\",\"rule_set\":\"qd148-2023\",\"criteria_set\":6}"
check_eq "a new product under a rule set no longer in force is refused" "422 rule_set not_in_force" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
OLD_BODY="{\"producer_id\":\"$P\",\"name\":\"Kẹo dừa Bến Tre\",\"rule_set\":\"qd1048-2019\",\"legacy_group\":\"Thực phẩm\",\"recognised_before_platform\":true}"
t_http POST "$R/v1/products" "$OLD_BODY" "Authorization: Bearer $(t_token producer --producer "$P")"
check_eq "only a province officer records a product recognised before the platform" "422 recognised_before_platform" \
    "$T_STATUS $(j '[.errors[].field] | join(",")')"
t_http POST "$R/v1/products" "$OLD_BODY"
check_eq "an old product is recorded under QĐ 1048, recognised before the platform" "201 qd1048-2019 null true" \
    "$T_STATUS $(j .rule_set) $(j .criteria_set) $(j .recognised_before_platform)"
OLD=$(j .id)
CLS="$R/v1/products/$OLD/classification"
t_http POST "$CLS" '{"criteria_set":7,"reason":"Chuyển sang bộ tiêu chí QĐ 148"}'
check_eq "a reclassification needs If-Match" 428 "$T_STATUS"
t_http POST "$CLS" '{"criteria_set":7,"sector":"II","decision_number":"1"}' 'If-Match: "1"'
check_eq "a bad one names every field" "422 decision_number,reason,sector" "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
t_http POST "$CLS" '{"criteria_set":7,"reason":"Chuyển sang bộ tiêu chí QĐ 148"}' 'If-Match: "1"' \
    "Authorization: Bearer $(t_token commune_officer --commune 29413)"
check_eq "only a province officer reclassifies" 403 "$T_STATUS"
t_http POST "$CLS" '{"criteria_set":7,"sector":"I","reason":"Chuyển sang bộ tiêu chí QĐ 148","decision_number":"123/QĐ-SNNMT"}' 'If-Match: "1"'
check_eq "a province officer moves it into a QĐ 148 criteria set" '200 7 I Thực phẩm qd1048-2019 "2"' \
    "$T_STATUS $(j .criteria_set) $(j .sector) $(j .legacy_group) $(j .rule_set) $(t_header ETag)"
t_http POST "$CLS" '{"criteria_set":8,"reason":"lần nữa"}' 'If-Match: "1"'
check_eq "a stale If-Match is 412" 412 "$T_STATUS"
t_http GET "$R/v1/products/$OLD/classifications"
check_eq "the history says who, from what, to what and why" \
    "200 1 null Thực phẩm 7 I 123/QĐ-SNNMT test-officer" \
    "$T_STATUS $(j '.items | length') $(j '.items[0].from.criteria_set') $(j '.items[0].from.legacy_group') $(j '.items[0].to.criteria_set') $(j '.items[0].to.sector') $(j '.items[0].decision_number') $(j '.items[0].actor')"
check_eq "and product.updated carries the new classification" 1 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE event_type = 'ocop.registration.product.updated.v1' AND payload->>'product_id' = '$OLD' AND payload->>'criteria_set' = '7'")"
reclassified() { t_http GET "$(t_url evaluation)/v1/products/$OLD"; [[ $(j .criteria_set) == 7 ]]; }
check "evaluation sees the new criteria set" t_until 10 reclassified

# --- what evaluation and promotion say -------------------------------------------------
CERT=$(cat /proc/sys/kernel/random/uuid)
t_event evaluation ocop.evaluation.certificate.issued.v1 "$PR" \
    "{\"certificate_id\":\"$CERT\",\"number\":\"TV-OCOP-2026-0042\",\"product_id\":\"$PR\",\"stars\":4,\"status\":\"valid\",\"issued_on\":\"2026-11-20\",\"expires_on\":\"2029-11-20\"}" \
    2026-11-20T03:00:00Z
stars_are() { t_http GET "$R/v1/products/$PR"; [[ "$(j .ocop.stars) $(j .status)" == "$1" ]]; }
check "a certificate makes the product 4★ and certified" t_until 10 stars_are "4 certified"
check_eq "the certificate is shown with its number and validity" "TV-OCOP-2026-0042 2029-11-20 2026-11-20" \
    "$(j .ocop.certificate.number) $(j .ocop.certificate.expires_on) $(j .ocop.recognised_on)"
# An older event about another certificate arrives late: ignored.
t_event evaluation ocop.evaluation.certificate.status_changed.v1 "$PR" \
    "{\"certificate_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"number\":\"OLD\",\"product_id\":\"$PR\",\"stars\":3,\"status\":\"revoked\"}" \
    2026-11-25T03:00:00Z
t_event promotion ocop.promotion.linkage.changed.v1 "$PR" \
    "{\"linkage_id\":\"L1\",\"product_id\":\"$PR\",\"partner_name\":\"Co.opmart Trà Vinh\",\"channel\":\"supermarket\",\"status\":\"signed\"}" \
    2026-11-26T03:00:00Z
t_event promotion ocop.promotion.linkage.changed.v1 "$PR" \
    "{\"linkage_id\":\"L2\",\"product_id\":\"$PR\",\"partner_name\":\"Postmart\",\"channel\":\"e_commerce\",\"status\":\"proposed\"}" \
    2026-11-26T04:00:00Z
linked() { t_http GET "$R/v1/products/$PR"; [[ $(j '.ocop.active_linkages | length') == 1 ]]; }
check "a signed linkage is shown as active, a proposed one is not" t_until 10 linked
check_eq "the revocation of another certificate was ignored" "4 certified TV-OCOP-2026-0042" \
    "$(j .ocop.stars) $(j .status) $(j .ocop.certificate.number)"
check_eq "the active linkage names its partner" "Co.opmart Trà Vinh" "$(j '.ocop.active_linkages[0].partner_name')"

t_event evaluation ocop.evaluation.inspection.recorded.v1 "$PR" \
    "{\"inspection_id\":\"I1\",\"product_id\":\"$PR\",\"inspected_on\":\"2026-11-27\",\"kind\":\"market_sample\",\"outcome\":\"recall\"}" \
    2026-11-27T03:00:00Z
t_event evaluation ocop.evaluation.certificate.status_changed.v1 "$PR" \
    "{\"certificate_id\":\"$CERT\",\"number\":\"TV-OCOP-2026-0042\",\"product_id\":\"$PR\",\"stars\":4,\"status\":\"suspended\",\"reason\":\"recall\"}" \
    2026-11-27T03:00:01Z
check "the suspension shows: no stars, status certificate_suspended" t_until 10 stars_are "null certificate_suspended"
check_eq "the latest inspection is shown" "recall 2026-11-27" \
    "$(j .ocop.latest_inspection.outcome) $(j .ocop.latest_inspection.inspected_on)"
# A replay of the older "issued" event changes nothing.
t_event evaluation ocop.evaluation.certificate.issued.v1 "$PR" \
    "{\"certificate_id\":\"$CERT\",\"number\":\"TV-OCOP-2026-0042\",\"product_id\":\"$PR\",\"stars\":4,\"status\":\"valid\",\"issued_on\":\"2026-11-20\",\"expires_on\":\"2029-11-20\"}" \
    2026-11-20T03:00:00Z
t_event promotion ocop.promotion.linkage.changed.v1 "$PR" \
    "{\"linkage_id\":\"L1\",\"product_id\":\"$PR\",\"partner_name\":\"Co.opmart Trà Vinh\",\"channel\":\"supermarket\",\"status\":\"suspended\"}" \
    2026-11-27T03:00:02Z
unlinked() { t_http GET "$R/v1/products/$PR"; [[ $(j '.ocop.active_linkages | length') == 0 ]]; }
check "a suspended linkage is no longer active" t_until 10 unlinked
check_eq "the late 'issued' replay did not bring the stars back" "null certificate_suspended" \
    "$(j .ocop.stars) $(j .status)"
t_event evaluation ocop.evaluation.certificate.issued.v1 "$PR" \
    "{\"certificate_id\":\"$CERT\",\"product_id\":\"$PR\",\"stars\":9,\"status\":\"valid\"}"
dead_lettered() { [[ $(t_sql registration "SELECT count(*) FROM inbox WHERE outcome = 'dead_lettered'") == 1 ]]; }
check "an event that breaks the contract is dead-lettered" t_until 15 dead_lettered
t_check_events registration
t_done

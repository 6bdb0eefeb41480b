#!/usr/bin/env bash
# OCOP points of sale (QĐ 950/QĐ-BCT location types) and the products they
# carry: per-field 422s, communes then and now, Idempotency-Key, If-Match,
# only promotable 3-star-and-up products listed, delisting by DELETE, by
# closing the point and by a reaction to an expired certificate, each an
# ocop.promotion.listing.changed.v1 event.
source "$(dirname "$0")/lib.sh"
t_init promotion_points_of_sale
t_start registration
t_start promotion
P=$(t_url promotion)

cert() { # PRODUCT CERT STATUS STARS ISSUED EXPIRES TIME NUMBER [CE_ID]
    local type=ocop.evaluation.certificate.status_changed.v1
    [[ $3 == valid ]] && type=ocop.evaluation.certificate.issued.v1
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -k "$1" \
        -H ce_specversion=1.0 -H "ce_id=${9:-$(uuid)}" -H ce_source=/ocop/evaluation \
        -H "ce_type=$type" -H "ce_subject=$1" -H "ce_time=$7" -H content-type=application/json \
        <<<"{\"certificate_id\":\"$2\",\"product_id\":\"$1\",\"status\":\"$3\",\"stars\":$4${5:+,\"issued_on\":\"$5\"}${6:+,\"expires_on\":\"$6\"},\"number\":\"$8\"}"
}
promotable_is() { t_http GET "$P/v1/products/$1"; [[ $(j .promotable) == "$2" ]]; }
ids() { j '[.items[].id] | join(",")'; }
rows() { t_sql promotion "SELECT (SELECT count(*) FROM points_of_sale) || '/' || (SELECT count(*) FROM listings) || '/' || (SELECT count(*) FROM outbox WHERE event_type = 'ocop.promotion.listing.changed.v1')"; }

HTX=$(t_new_producer cooperative 2100300401 "HTX Nông nghiệp Tiến Thành" 29413)
A=$(t_new_product "$HTX" "Gạo hữu cơ Long Hòa" 3)
B=$(t_new_product "$HTX" "Bột nghệ" 18)
C=$(t_new_product "$HTX" "Bánh phồng" 6)
CA=$(uuid)
cert "$A" "$CA" valid 4 "$(day '-400 days')" "$(day '+700 days')" 2026-01-01T00:00:00Z TV-OCOP-0501
cert "$B" "$(uuid)" valid 3 "$(day '-100 days')" "" 2026-01-01T00:00:01Z TV-OCOP-0502
cert "$C" "$(uuid)" valid 2 "$(day '-100 days')" "" 2026-01-01T00:00:02Z TV-OCOP-0503
check "A and B are promotable" t_until 15 promotable_is "$B" true
t_until 10 promotable_is "$A" true
t_until 10 promotable_is "$C" false

# --- points of sale ----------------------------------------------------------------------------
post_office='{"name":"Điểm OCOP Bưu điện tỉnh Trà Vinh","location_type":"post_office","operator":"Bưu điện tỉnh Trà Vinh","address":"số 3 đường Lê Lợi","commune_code":"29242"}'
t_http POST "$P/v1/points-of-sale" "$post_office" 'Idempotency-Key: pos-1'
S1=$(j .id)
check_eq "POST is 201 with Location and ETag" "201 /v1/points-of-sale/$S1 \"1\" open 29242 0" \
    "$T_STATUS $(t_header Location) $(t_header ETag) $(j .status) $(j .current_commune_code) $(j .products_listed)"
t_http POST "$P/v1/points-of-sale" "$post_office" 'Idempotency-Key: pos-1'
check_eq "a retry replays it" "201 $S1 true" "$T_STATUS $(j .id) $(t_header Idempotent-Replayed)"
t_http POST "$P/v1/points-of-sale" '{"name":"X","location_type":"kiosk","operator":"Bưu điện","address":"số 3","commune_code":"2924","status":"open","phone":"1"}'
check_eq "every bad field is named" "422 address,commune_code,location_type,name,phone,status" "$T_STATUS $(fields)"
t_http POST "$P/v1/points-of-sale" '{"name":"Điểm OCOP","location_type":"station","operator":"Bến xe","address":"Quốc lộ 53","commune_code":"99999"}'
check_eq "a commune no one knows is refused" "422 commune_code not_found" "$T_STATUS $(fields) $(code_of commune_code)"
check_eq "nothing was written" "1/0/0" "$(rows)"
t_http POST "$P/v1/points-of-sale" '{"name":"Gian hàng OCOP Siêu thị Co.opmart","location_type":"supermarket_or_market","operator":"Co.opmart Trà Vinh","address":"số 64 đường Phạm Thái Bường","commune_code":"29347"}'
S2=$(j .id)
check_eq "a point registered under a legacy commune shows today's" "201 29347 29341" \
    "$T_STATUS $(j .commune_code) $(j .current_commune_code)"
t_http POST "$P/v1/points-of-sale" '{"name":"Làng nghề bánh tét Trà Cuôn","location_type":"craft_village","operator":"UBND xã","address":"ấp Trà Cuôn","commune_code":"29494"}'
S3=$(j .id)
T_TOKEN='' t_http GET "$P/v1/points-of-sale?commune=29341"
check_eq "filter by today's commune" "$S2" "$(ids)"
t_http GET "$P/v1/points-of-sale?location_type=post_office"
check_eq "filter by location type" "$S1" "$(ids)"
t_http GET "$P/v1/points-of-sale?limit=2"
check_eq "pages, newest first" "$S3,$S2 true" "$(ids) $(j '.next_cursor != null')"
t_http GET "$P/v1/points-of-sale?location_type=kiosk&commune=1&status=x&product_id=y"
check_eq "bad filters are 422" "422 commune,location_type,product_id,status" "$T_STATUS $(fields)"
t_http PATCH "$P/v1/points-of-sale/$S1" '{"operator":"Bưu điện Trà Vinh"}'
check_eq "PATCH without If-Match is 428" 428 "$T_STATUS"
t_http PATCH "$P/v1/points-of-sale/$S1" '{"operator":"Bưu điện Trà Vinh","commune_code":"12345"}' 'If-Match: "1"'
check_eq "a patched commune is checked" "422 commune_code not_found" "$T_STATUS $(fields) $(code_of commune_code)"
t_http PATCH "$P/v1/points-of-sale/$S1" '{"operator":"Bưu điện Trà Vinh","notes":"mở cửa 7h-17h"}' 'If-Match: "1"'
check_eq "PATCH changes it" '200 "2" Bưu điện Trà Vinh' "$T_STATUS $(t_header ETag) $(j .operator)"

# --- listings ----------------------------------------------------------------------------------
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$A\"}" 'Idempotency-Key: li-1'
LA=$(j .id)
check_eq "a promotable product is listed" "201 listed Điểm OCOP Bưu điện tỉnh Trà Vinh Gạo hữu cơ Long Hòa" \
    "$T_STATUS $(j .status) $(j .point_of_sale.name) $(j .product.name)"
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$A\"}" 'Idempotency-Key: li-1'
check_eq "a retry replays it" "201 $LA" "$T_STATUS $(j .id)"
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$A\"}"
check_eq "a product is listed once at a point" "409 the product is already listed here" "$T_STATUS $(j .detail)"
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$C\"}"
check_eq "a 2-star product is not listed" \
    "409 the product cannot be listed: its certificate TV-OCOP-0503 recognises 2 stars; promotion needs 3 or more" \
    "$T_STATUS $(j .detail)"
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$(uuid)\"}"
check_eq "an unknown product is a field error" "422 product_id not_found" "$T_STATUS $(fields) $(code_of product_id)"
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$A\",\"price\":1}"
check_eq "only product_id is taken" "422 price" "$T_STATUS $(fields)"
t_http POST "$P/v1/points-of-sale/$(uuid)/listings" "{\"product_id\":\"$A\"}"
check_eq "an unknown point of sale is 404" 404 "$T_STATUS"
t_http POST "$P/v1/points-of-sale/nope/listings" "{\"product_id\":\"$A\"}"
check_eq "a malformed one too" 404 "$T_STATUS"
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$B\"}"
LB=$(j .id)
t_http POST "$P/v1/points-of-sale/$S2/listings" "{\"product_id\":\"$A\"}"
LA2=$(j .id)
t_http POST "$P/v1/points-of-sale/$S3/listings" "{\"product_id\":\"$B\"}"
LB3=$(j .id)
check_eq "four listings, one event each" "3/4/4" "$(rows)"
T_TOKEN='' t_http GET "$P/v1/points-of-sale/$S1"
check_eq "the point counts what it carries" 2 "$(j .products_listed)"
T_TOKEN='' t_http GET "$P/v1/points-of-sale/$S1/listings"
check_eq "the point's listings" "$LB,$LA" "$(ids)"
T_TOKEN='' t_http GET "$P/v1/listings?product_id=$A&status=listed"
check_eq "where a product is sold" "$LA2,$LA" "$(ids)"
t_http GET "$P/v1/points-of-sale?product_id=$B"
check_eq "the points that carry a product" "$S3,$S1" "$(ids)"

# --- delisting ---------------------------------------------------------------------------------
t_http DELETE "$P/v1/points-of-sale/$S1/listings/$B" "" 'If-Match: "7"'
check_eq "DELETE with a stale If-Match is 412" 412 "$T_STATUS"
t_http DELETE "$P/v1/points-of-sale/$S1/listings/$B?reason=h%E1%BA%BFt%20h%C3%A0ng"
check_eq "DELETE delists it with the reason" "200 $LB delisted hết hàng 2" "$T_STATUS $(j .id) $(j .status) $(j .reason) $(j .version)"
t_http DELETE "$P/v1/points-of-sale/$S1/listings/$B"
check_eq "a product not listed there is 404" 404 "$T_STATUS"
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$B\"}"
check_eq "it may be listed again, as a new listing" "201 true" "$T_STATUS $(j ".id != \"$LB\"")"
LB1=$(j .id)
t_http PATCH "$P/v1/points-of-sale/$S3" '{"status":"closed"}' 'If-Match: "1"'
check_eq "closing a point of sale ends its listings" "200 closed 0" "$T_STATUS $(j .status) $(j .products_listed)"
t_http GET "$P/v1/listings?point_of_sale_id=$S3"
check_eq "with the reason" "delisted the point of sale closed" "$(j '.items[0].status') $(j '.items[0].reason')"
t_http POST "$P/v1/points-of-sale/$S3/listings" "{\"product_id\":\"$B\"}"
check_eq "a closed point lists nothing" "409 the point of sale is closed" "$T_STATUS $(j .detail)"

# --- the reaction: A's certificate expires -----------------------------------------------------
EXP=$(uuid)
cert "$A" "$CA" expired 4 "" "" 2026-06-01T00:00:00Z TV-OCOP-0501 "$EXP"
delisted() { t_http GET "$P/v1/listings?product_id=$A&status=listed"; [[ $(j '.items | length') == 0 ]]; }
check "an expired certificate delists the product everywhere" t_until 15 delisted
t_http GET "$P/v1/listings?product_id=$A&point_of_sale_id=$S2"
check_eq "with the reason and the causing event" "delisted certificate TV-OCOP-0501 expired $EXP" \
    "$(j '.items[0].status') $(j '.items[0].reason') $(j '.items[0].cause_event_id')"
t_http GET "$P/v1/listings?product_id=$B&status=listed"
check_eq "other products stay listed" "$LB1" "$(ids)"
t_http GET "$P/v1/products/$A"
check_eq "the reaction is on the product" "$EXP 2 0 0 false" \
    "$(j .last_reaction.cause_event_id) $(j .last_reaction.listings_delisted) $(j .last_reaction.linkages_suspended) $(j .last_reaction.participations_withdrawn) $(j .promotable)"
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$A\"}"
check_eq "an expired product is not listed again" \
    "409 the product cannot be listed: its certificate TV-OCOP-0501 is expired" "$T_STATUS $(j .detail)"
# the same event again changes nothing
cert "$A" "$CA" expired 4 "" "" 2026-06-01T00:00:00Z TV-OCOP-0501 "$EXP"
cert "$B" "$(uuid)" valid 3 "$(day '-100 days')" "" 2026-06-02T00:00:00Z TV-OCOP-0504
consumed() { [[ $(t_sql promotion "SELECT count(*) FROM inbox WHERE event_type LIKE 'ocop.evaluation.%'") == 5 ]]; }
check "a duplicate is skipped" t_until 15 consumed
check_eq "and nothing more was delisted" "1 2" \
    "$(t_sql promotion "SELECT count(*) FROM reactions") $(t_sql promotion "SELECT count(*) FROM listings WHERE cause_event_id = '$EXP'")"

check_eq "every listing change was one event, keyed by its product" \
    "$(t_sql promotion "SELECT sum(version) FROM listings") 0" \
    "$(t_sql promotion "SELECT count(*) || ' ' || count(*) FILTER (WHERE subject <> payload->>'product_id') FROM outbox WHERE event_type = 'ocop.promotion.listing.changed.v1'")"
published() { [[ $(t_sql promotion "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the relay published them" t_until 10 published
t_check_events promotion
t_done

#!/usr/bin/env bash
# Reactions, all together: when an inspection ends in suspension (or a
# certificate is suspended), promotion suspends the product's signed and
# active linkages, withdraws it from events that have not ended and delists
# it from points of sale and the catalogue, in the consumer's transaction,
# each recorded with the reason and the causing event's id and each an event
# valid against its schema. What must not react does not: another product, a
# certificate that is not the current one, an expiring notice, a supersession,
# a duplicate or late event. The service's routes are all in its OpenAPI.
source "$(dirname "$0")/lib.sh"
t_init promotion_reactions
t_start registration
t_start promotion
P=$(t_url promotion)

# evaluation TYPE PRODUCT DATA TIME [CE_ID]: publishes an evaluation event.
evaluation() {
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -k "$2" \
        -H ce_specversion=1.0 -H "ce_id=${5:-$(uuid)}" -H ce_source=/ocop/evaluation \
        -H "ce_type=ocop.evaluation.$1.v1" -H "ce_subject=$2" -H "ce_time=$4" \
        -H content-type=application/json <<<"$3"
}
cert_data() { # PRODUCT CERT STATUS STARS NUMBER [ISSUED]
    printf '{"certificate_id":"%s","product_id":"%s","status":"%s","stars":%s,"number":"%s"%s}' \
        "$2" "$1" "$3" "$4" "$5" "${6:+,\"issued_on\":\"$6\"}"
}
promotable_is() { t_http GET "$P/v1/products/$1"; [[ $(j .promotable) == "$2" ]]; }
consumed() { [[ $(t_sql promotion "SELECT count(*) FROM inbox WHERE event_type LIKE 'ocop.evaluation.%'") == "$1" ]]; }
state() { # the statuses of a product's linkages, participations and listings
    t_sql promotion "SELECT coalesce((SELECT string_agg(status, ',' ORDER BY created_at) FROM linkages WHERE product_id = '$1'), '') || '|' || coalesce((SELECT string_agg(status, ',' ORDER BY created_at) FROM participations WHERE product_id = '$1'), '') || '|' || coalesce((SELECT string_agg(status, ',' ORDER BY listed_at) FROM listings WHERE product_id = '$1'), '')"
}

HTX=$(t_new_producer cooperative 2100300501 "HTX Dừa sáp Cầu Kè" 29302)
A=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
B=$(t_new_product "$HTX" "Kẹo dừa sáp" 6)
CA=$(uuid) CB=$(uuid)
evaluation certificate.issued "$A" "$(cert_data "$A" "$CA" valid 4 TV-OCOP-0601 "$(day '-300 days')")" 2026-01-01T00:00:00Z
evaluation certificate.issued "$B" "$(cert_data "$B" "$CB" valid 4 TV-OCOP-0602 "$(day '-300 days')")" 2026-01-01T00:00:01Z
check "both products are promotable" t_until 15 promotable_is "$B" true
t_until 10 promotable_is "$A" true

# Everything promotion can do for a product, for both.
t_http POST "$P/v1/trade-events" "{\"type\":\"fair\",\"name\":\"Hội chợ Xuân\",\"starts_on\":\"$(day '+20 days')\",\"ends_on\":\"$(day '+25 days')\",\"venue\":\"Sân vận động\",\"organiser\":\"Sở Công Thương\"}"
FAIR=$(j .id)
t_http POST "$P/v1/trade-events" "{\"type\":\"exhibition\",\"name\":\"Triển lãm đang diễn ra\",\"starts_on\":\"$(day '-1 day')\",\"ends_on\":\"$(day '+1 day')\",\"venue\":\"Nhà văn hóa\",\"organiser\":\"UBND\"}"
NOW=$(j .id)
t_http POST "$P/v1/points-of-sale" '{"name":"Điểm OCOP sân bay","location_type":"airport","operator":"ACV","address":"Cảng hàng không","commune_code":"29242"}'
S1=$(j .id)
t_http POST "$P/v1/points-of-sale" '{"name":"Trạm dừng nghỉ Quốc lộ 60","location_type":"highway_stop","operator":"Công ty Mekong","address":"Quốc lộ 60","commune_code":"29302"}'
S2=$(j .id)
for p in "$A" "$B"; do
    t_http POST "$P/v1/linkages" "{\"product_id\":\"$p\",\"partner_kind\":\"supermarket_chain\",\"partner_name\":\"Co.opmart\",\"channel\":\"supermarket\",\"starts_on\":\"$(day today)\"}"
    l=$(j .id)
    t_http POST "$P/v1/linkages/$l/transitions" '{"to":"signed"}' 'If-Match: "1"'
    t_http POST "$P/v1/linkages/$l/transitions" '{"to":"active"}' 'If-Match: "2"'
    t_http POST "$P/v1/linkages" "{\"product_id\":\"$p\",\"partner_kind\":\"exporter\",\"partner_name\":\"Vina Export\",\"channel\":\"export\",\"starts_on\":\"$(day today)\"}"
    t_http POST "$P/v1/linkages/$(j .id)/transitions" '{"to":"signed"}' 'If-Match: "1"'
    t_http POST "$P/v1/linkages" "{\"product_id\":\"$p\",\"partner_kind\":\"hotel\",\"partner_name\":\"Khách sạn Cửu Long\",\"channel\":\"hospitality\"}"
    t_http POST "$P/v1/participations" "{\"event_id\":\"$FAIR\",\"product_id\":\"$p\"}"
    t_http POST "$P/v1/participations" "{\"event_id\":\"$NOW\",\"product_id\":\"$p\"}"
    t_http PATCH "$P/v1/participations/$(j .id)" '{"status":"attended"}' 'If-Match: "1"'
    t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$p\"}"
    t_http POST "$P/v1/points-of-sale/$S2/listings" "{\"product_id\":\"$p\"}"
done
check_eq "A is linked, takes part and is listed" "active,signed,proposed|registered,attended|listed,listed" "$(state "$A")"
check_eq "and so is B" "active,signed,proposed|registered,attended|listed,listed" "$(state "$B")"

# --- what must not react --------------------------------------------------------------------
evaluation certificate.status_changed "$A" "$(cert_data "$A" "$CA" expiring 4 TV-OCOP-0601 "$(day '-300 days')")" 2026-02-01T00:00:00Z
evaluation inspection.recorded "$A" "{\"inspection_id\":\"$(uuid)\",\"product_id\":\"$A\",\"outcome\":\"guidance\",\"kind\":\"periodic\"}" 2026-02-02T00:00:00Z
evaluation inspection.recorded "$A" "{\"inspection_id\":\"$(uuid)\",\"product_id\":\"$A\",\"outcome\":\"fine\"}" 2026-02-03T00:00:00Z
OLD=$(uuid)
evaluation certificate.status_changed "$A" "$(cert_data "$A" "$OLD" revoked 3 TV-OCOP-0001 "$(day '-1500 days')")" 2026-02-04T00:00:00Z
check "an expiring notice, guidance, a fine and an old certificate's revocation are consumed" t_until 15 consumed 6
check_eq "and change nothing" "active,signed,proposed|registered,attended|listed,listed 0" \
    "$(state "$A") $(t_sql promotion "SELECT count(*) FROM reactions")"
t_http GET "$P/v1/products/$A"
check_eq "the current certificate is still the newest one" "TV-OCOP-0601 expiring true" \
    "$(j .certificate.number) $(j .certificate.status) $(j .promotable)"

# --- an inspection ends in suspension --------------------------------------------------------
SUS=$(uuid) INSP=$(uuid)
evaluation inspection.recorded "$A" "{\"inspection_id\":\"$INSP\",\"product_id\":\"$A\",\"outcome\":\"suspension\",\"kind\":\"complaint\",\"inspected_on\":\"$(day '-2 days')\"}" 2026-03-01T00:00:00Z "$SUS"
check "the suspension takes A's promotion away" t_until 15 promotable_is "$A" false
REASON="inspection $INSP (complaint) of $(day '-2 days') ended in suspension"
check_eq "the reaction: 2 linkages, 2 participations (events not ended), 2 listings" \
    "$SUS|$REASON|2|2|2" \
    "$(j .last_reaction.cause_event_id)|$(j .last_reaction.reason)|$(j .last_reaction.linkages_suspended)|$(j .last_reaction.participations_withdrawn)|$(j .last_reaction.listings_delisted)"
check_eq "A's linkages are suspended, it is withdrawn from the fair and the exhibition under way, and delisted" \
    "suspended,suspended,proposed|withdrawn,withdrawn|delisted,delisted" "$(state "$A")"
check_eq "B is untouched" "active,signed,proposed|registered,attended|listed,listed" "$(state "$B")"
check_eq "every record names the reason and the event" "6" \
    "$(t_sql promotion "SELECT (SELECT count(*) FROM linkage_transitions WHERE cause_event_id = '$SUS' AND reason = '$REASON' AND actor = 'promotion') + (SELECT count(*) FROM participations WHERE cause_event_id = '$SUS' AND status_reason = '$REASON') + (SELECT count(*) FROM listings WHERE cause_event_id = '$SUS' AND reason = '$REASON')")"
check_eq "and each is an event naming its cause: 2 linkage, 2 participation, 2 listing, 1 catalogue" \
    "catalogue.changed:1,linkage.changed:2,listing.changed:2,participation.changed:2" \
    "$(t_sql promotion "SELECT string_agg(t || ':' || n, ',' ORDER BY t) FROM (SELECT substr(event_type, 16, length(event_type) - 18) AS t, count(*) AS n FROM outbox WHERE payload->>'cause_event_id' = '$SUS' AND subject = '$A' GROUP BY 1) x")"
t_http GET "$P/v1/catalogue"
check_eq "only B is left in the catalogue" "$B" "$(j '[.items[].id] | join(",")')"

# The same event again, a late older one, and a later certificate expiry: no second reaction
# for things already taken away.
evaluation inspection.recorded "$A" "{\"inspection_id\":\"$INSP\",\"product_id\":\"$A\",\"outcome\":\"suspension\"}" 2026-03-01T00:00:00Z "$SUS"
evaluation inspection.recorded "$A" "{\"inspection_id\":\"$(uuid)\",\"product_id\":\"$A\",\"outcome\":\"revocation\"}" 2026-02-15T00:00:00Z
events_before=$(t_sql promotion "SELECT count(*) FROM outbox")
evaluation certificate.status_changed "$A" "$(cert_data "$A" "$CA" suspended 4 TV-OCOP-0601)" 2026-03-01T00:00:01Z
check "the duplicate is skipped, the late one and the suspension consumed" t_until 15 consumed 9
check_eq "the late inspection is not the newest: no reaction; the suspension finds nothing left" \
    "1 $events_before" \
    "$(t_sql promotion "SELECT count(*) FROM reactions") $(t_sql promotion "SELECT count(*) FROM outbox")"

# --- B's certificate is suspended -------------------------------------------------------------
BS=$(uuid)
evaluation certificate.status_changed "$B" "$(cert_data "$B" "$CB" suspended 4 TV-OCOP-0602)" 2026-03-02T00:00:00Z "$BS"
check "a suspended certificate takes B's promotion away" t_until 15 promotable_is "$B" false
check_eq "with the same reactions" "suspended,suspended,proposed|withdrawn,withdrawn|delisted,delisted $BS" \
    "$(state "$B") $(j .last_reaction.cause_event_id)"

# --- supersession without a successor: out of the catalogue, no reaction ------------------------
C=$(t_new_product "$HTX" "Dầu dừa" 19)
CC=$(uuid)
evaluation certificate.issued "$C" "$(cert_data "$C" "$CC" valid 3 TV-OCOP-0603 "$(day '-10 days')")" 2026-04-01T00:00:00Z
check "C is promotable" t_until 15 promotable_is "$C" true
t_http POST "$P/v1/points-of-sale/$S1/listings" "{\"product_id\":\"$C\"}"
evaluation certificate.status_changed "$C" "$(cert_data "$C" "$CC" superseded 3 TV-OCOP-0603)" 2026-04-02T00:00:00Z
check "a superseded certificate is not in force" t_until 15 promotable_is "$C" false
check_eq "but a supersession is not a reaction: the listing stays" "||listed null" "$(state "$C") $(j .last_reaction)"

# --- a new certificate: eligible again, nothing re-activated -----------------------------------
evaluation certificate.issued "$A" "$(cert_data "$A" "$(uuid)" valid 5 TV-OCOP-0701 "$(day today)")" 2026-05-01T00:00:00Z
check "a new certificate makes A promotable again" t_until 15 promotable_is "$A" true
check_eq "nothing came back by itself" "suspended,suspended,proposed|withdrawn,withdrawn|delisted,delisted" "$(state "$A")"
t_http GET "$P/v1/catalogue?stars=5"
check_eq "A is back in the catalogue, as a 5-star product" "$A" "$(j '[.items[].id] | join(",")')"
catalogue_of() { t_sql promotion "SELECT string_agg(payload->>'promotable', ',' ORDER BY id) FROM outbox WHERE event_type = 'ocop.promotion.catalogue.changed.v1' AND subject = '$1'"; }
check_eq "each product's entries and exits in the catalogue, in order" "true,false,true true,false true,false" \
    "$(catalogue_of "$A") $(catalogue_of "$B") $(catalogue_of "$C")"

# --- contracts ------------------------------------------------------------------------------------
published() { [[ $(t_sql promotion "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the relay published every event" t_until 10 published
t_check_events promotion
t_http GET "$P/openapi.json"
echo "$T_BODY" >"$T_DIR/openapi.json"
check "every route of the service is in its OpenAPI document" python3 - "$T_DIR/openapi.json" \
    "$OCOP_ROOT/services/promotion/routes.c" <<'EOF'
import json, re, sys
doc = json.load(open(sys.argv[1]))
routes = re.findall(r'\.method = "(\w+)", \.path = "(/[^"]*)"', open(sys.argv[2]).read())
missing = [f"{m} {p}" for m, p in routes if m.lower() not in doc["paths"].get(p, {})]
print("\n".join(missing))
sys.exit(1 if missing or len(routes) < 20 else 0)
EOF
t_done

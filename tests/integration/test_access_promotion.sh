#!/usr/bin/env bash
# Who may do what in promotion: the public reads (catalogue, a product's
# standing, trade-promotion events, points of sale and listings) answer
# without a token and with any valid one; everything else needs a bearer
# token (401 with the RFC 6750 challenge, problem+json) of one of the
# operation's roles (403 otherwise): a producer creates no trade-promotion
# event, the portal proposes a linkage but does not move it. The actor of a
# change is the token's subject, in the linkage's view and in the
# linkage.changed event on the topic; a body that names an actor is refused;
# the audit trail names the subjects, the granted and the refused.
source "$(dirname "$0")/lib.sh"
t_init access_promotion
t_start registration
t_start promotion
P=$(t_url promotion)

promotable_is() { T_TOKEN='' t_http GET "$P/v1/products/$1"; [[ $(j .promotable) == "$2" ]]; }
as() { printf 'Authorization: Bearer %s' "$(t_token "$@")"; }
linkages() { t_sql promotion "SELECT count(*) FROM linkages"; }

PRODUCER=$(as producer --producer "$(uuid)" --sub producer-1)
PORTAL=$(as portal --sub portal-svc)
THU=$(as trade_officer --sub sct-thu-01)

FARM=$(t_new_producer enterprise 2100300501 "Công ty TNHH Trà Vinh FARM" 29347 2024-03-01)
A=$(t_new_product "$FARM" "Mật hoa dừa" 4)
t_event evaluation ocop.evaluation.certificate.issued.v1 "$A" \
    "{\"certificate_id\":\"$(uuid)\",\"product_id\":\"$A\",\"status\":\"valid\",\"stars\":4,\"issued_on\":\"$(day '-10 days')\",\"number\":\"TV-OCOP-0901\"}"
check "A is promotable (read without a token)" t_until 15 promotable_is "$A" true

# Something to list: an event and a point of sale carrying A (made with the test token).
t_http POST "$P/v1/trade-events" "{\"type\":\"fair\",\"name\":\"Hội chợ OCOP Trà Vinh\",\"starts_on\":\"$(day '+10 days')\",\"ends_on\":\"$(day '+12 days')\",\"venue\":\"Quảng trường Trà Vinh\",\"organiser\":\"Sở Công Thương\"}"
FAIR=$(j .id)
t_http POST "$P/v1/points-of-sale" '{"name":"Điểm OCOP Ao Bà Om","location_type":"tourist_site","operator":"Công ty Du lịch Trà Vinh","address":"Ao Bà Om, phường 8","commune_code":"29302"}'
POS=$(j .id)
t_http POST "$P/v1/points-of-sale/$POS/listings" "{\"product_id\":\"$A\"}"
check_eq "fixtures made with a token" "201 $A" "$T_STATUS $(j .product_id)"

# --- the public reads: no token, or any valid one -------------------------------------------------
for path in "/v1/catalogue" "/v1/products/$A" "/v1/trade-events" "/v1/trade-events/$FAIR" \
    "/v1/points-of-sale" "/v1/points-of-sale/$POS" "/v1/points-of-sale/$POS/listings" \
    "/v1/listings"; do
    T_TOKEN='' t_http GET "$P$path"
    check_eq "anonymous GET $path" 200 "$T_STATUS"
    t_http GET "$P$path" "" "$PRODUCER"
    check_eq "GET $path with a producer's token (a role it does not name)" 200 "$T_STATUS"
done
T_TOKEN='' t_http GET "$P/v1/catalogue"
check_eq "the anonymous catalogue holds A" "$A" "$(j '[.items[].id] | join(",")')"
T_TOKEN='' t_http GET "$P/v1/listings?product_id=$A"
check_eq "and the public sees where it is sold" "$POS" "$(j '[.items[].point_of_sale_id] | join(",")')"
for path in /health /ready /metrics /openapi.json; do
    T_TOKEN='' t_http GET "$P$path"
    check_eq "anonymous GET $path" 200 "$T_STATUS"
done

# --- no token: 401 with the bearer challenge ------------------------------------------------------
NEW="{\"product_id\":\"$A\",\"partner_kind\":\"supermarket_chain\",\"partner_name\":\"Co.opmart Trà Vinh\",\"channel\":\"supermarket\",\"starts_on\":\"$(day today)\"}"
T_TOKEN='' t_http POST "$P/v1/linkages" "$NEW"
check_eq "anonymous POST /v1/linkages is 401 problem+json" "401 UNAUTHORIZED application/problem+json" \
    "$T_STATUS $(j .code) $(t_header Content-Type | cut -d';' -f1)"
check "with WWW-Authenticate: Bearer ... error=\"invalid_token\"" \
    grep -Eq '^Bearer( .*)? error="invalid_token"' <<<"$(t_header WWW-Authenticate)"
check_eq "and nothing is written" 0 "$(linkages)"
for path in /v1/linkages /v1/participations; do
    T_TOKEN='' t_http GET "$P$path"
    check_eq "anonymous GET $path is 401" 401 "$T_STATUS"
done
t_http POST "$P/v1/linkages" "$NEW" "Authorization: Bearer not.a.token"
check_eq "a malformed token is 401 too" "401 0" "$T_STATUS $(linkages)"

# --- a token without the role: 403 ----------------------------------------------------------------
t_http POST "$P/v1/trade-events" "{\"type\":\"fair\",\"name\":\"Hội chợ riêng\",\"starts_on\":\"$(day '+10 days')\",\"ends_on\":\"$(day '+12 days')\",\"venue\":\"Cầu Kè\",\"organiser\":\"HTX\"}" "$PRODUCER"
check_eq "a producer creates no trade-promotion event: 403 problem+json" \
    "403 FORBIDDEN application/problem+json" "$T_STATUS $(j .code) $(t_header Content-Type | cut -d';' -f1)"
check_eq "and nothing is written" 1 "$(t_sql promotion "SELECT count(*) FROM trade_events")"
t_http POST "$P/v1/linkages" "$NEW" "$PRODUCER"
check_eq "nor a linkage" "403 0" "$T_STATUS $(linkages)"
t_http GET "$P/v1/linkages" "" "$PRODUCER"
check_eq "nor reads them" 403 "$T_STATUS"

# --- the portal proposes, the trade officer moves; the actor is the subject ----------------------
t_http POST "$P/v1/linkages" "$NEW" "$PORTAL"
L=$(j .id)
check_eq "the portal proposes a linkage, recorded as its subject" "201 proposed portal-svc" \
    "$T_STATUS $(j .status) $(j '.transitions[0].actor')"
t_http GET "$P/v1/linkages/$L" "" "$PORTAL"
check_eq "and reads it" "200 1" "$T_STATUS $(j .version)"
t_http POST "$P/v1/linkages/$L/transitions" '{"to":"signed"}' 'If-Match: "1"' "$PORTAL"
check_eq "but may not move it" "403 FORBIDDEN" "$T_STATUS $(j .code)"
t_http PATCH "$P/v1/linkages/$L" '{"notes":"x"}' 'If-Match: "1"' "$PORTAL"
check_eq "nor change it" 403 "$T_STATUS"
t_http POST "$P/v1/linkages/$L/transitions" '{"to":"signed","actor":"Nguyễn Thị Thu"}' 'If-Match: "1"' "$THU"
check_eq "a body naming an actor is 422 unknown" "422 actor unknown" \
    "$T_STATUS $(j '[.errors[].field] | join(",")') $(code_of actor)"
t_http POST "$P/v1/linkages" "${NEW%\}},\"actor\":\"Nguyễn Thị Thu\",\"role\":\"province_officer\"}" "$THU"
check_eq "so is one naming an actor or a role in a new linkage" "422 actor,role unknown unknown 1" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")') $(code_of actor) $(code_of role) $(linkages)"
t_http POST "$P/v1/linkages/$L/transitions" '{"to":"signed","reason":"hợp đồng 15/2026"}' 'If-Match: "1"' "$THU"
check_eq "a trade officer signs it" "200 signed" "$T_STATUS $(j .status)"
check_eq "the linkage names the signing token's subject" "proposed>signed sct-thu-01" \
    "$(j '.transitions[-1].from_status')>$(j '.transitions[-1].to_status') $(j '.transitions[-1].actor')"

# The events on the topic carry the subjects.
topic_actor() { # STATUS: the actor of the linkage.changed event of L with that status, from Kafka
    kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.promotion.events" -o beginning -e -q -J \
        2>/dev/null | jq -r --arg l "$L" --arg s "$1" '(.headers as $h
            | [range(0; $h | length; 2) | {($h[.]): $h[. + 1]}] | add) as $ce
            | select($ce.ce_type == "ocop.promotion.linkage.changed.v1")
            | .payload | fromjson | select(.linkage_id == $l and .status == $s) | .actor'
}
signed_on_topic() { [[ $(topic_actor signed) == sct-thu-01 ]]; }
check "the linkage.changed event of the signature names sct-thu-01" t_until 15 signed_on_topic
check_eq "and the proposal's names the portal's subject" portal-svc "$(topic_actor proposed)"
check_eq "no event names a person" 0 \
    "$(t_sql promotion "SELECT count(*) FROM outbox WHERE event_type = 'ocop.promotion.linkage.changed.v1' AND payload->>'actor' NOT IN ('portal-svc', 'sct-thu-01')")"

# --- the audit trail names who did it and who was refused ---------------------------------------
AUDITOR=$(as province_officer --sub auditor-1)
t_http GET "$P/v1/audit?subject=sct-thu-01" "" "$AUDITOR"
check_eq "the audit trail names the signature's subject, route and object" \
    "200 POST /v1/linkages/{id}/transitions $L 200" \
    "$T_STATUS $(j '.items[0].method') $(j '.items[0].route') $(j '.items[0].object_id') $(j '.items[0].status')"
t_http GET "$P/v1/audit?subject=portal-svc" "" "$AUDITOR"
check_eq "and the portal's refused moves" "/v1/linkages/{id} /v1/linkages/{id}/transitions" \
    "$(j '[.items[] | select(.status == 403) | .route] | sort | join(" ")')"
t_http GET "$P/v1/audit" "" "$PORTAL"
check_eq "the portal does not read the audit trail" 403 "$T_STATUS"
t_check_audit
t_check_events promotion
t_done

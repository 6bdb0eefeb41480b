#!/usr/bin/env bash
# Traces and logs: a request's W3C traceparent flows through registration's
# outbox and Kafka into evaluation's and promotion's consumers with a new span
# at each hop; an event a consumer emits in reaction (promotion's
# catalogue.changed after evaluation's certificate.issued) continues it; a
# request without traceparent, or with a malformed one, gets a fresh trace;
# every log line is one JSON object, those of a request or event carry its
# trace id; one access line per request with the route template (never the
# path's values or the query) and the token's subject; no log line holds a
# household producer's phone or e-mail.
source "$(dirname "$0")/lib.sh"
t_init tracing
t_start registration
t_start evaluation OCOP_AGENCY_CODE=TV OCOP_SCHEDULER_INTERVAL_MS=86400000
t_start promotion
R=$(t_url registration)
E=$(t_url evaluation)
P=$(t_url promotion)
LOGS=$T_DIR/logs

hex() { tr -d '-' </proc/sys/kernel/random/uuid | cut -c1-"$1"; }
TID=$(hex 32) SID=$(hex 16)
TP="00-$TID-$SID-01"
# lines SERVICE JQ_FILTER: the JSON log lines of SERVICE the filter selects, one per line.
lines() { jq -cR "fromjson? | select($2)" "$LOGS/$1.log"; }
# row SERVICE TYPE SUBJECT: "event_id traceparent" of SERVICE's outbox row.
row() {
    t_sql "$1" "SELECT event_id || ' ' || coalesce(traceparent, '-') FROM outbox
                WHERE event_type = '$2' AND subject = '$3' ORDER BY id DESC LIMIT 1"
}
trace_of() { cut -d- -f2 <<<"$1"; }
span_of() { cut -d- -f3 <<<"$1"; }
valid_tp() { [[ $1 =~ ^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$ && $1 != 00-0{32}-* && $1 != *-0000000000000000-* ]]; }

# --- a producer without traceparent: a fresh trace -----------------------------------------------
PHONE=0294$(shuf -i 100000-999999 -n 1)
MAIL="nam.$(hex 8)@example.vn"
t_http POST "$R/v1/producers" \
    "{\"type\":\"household\",\"identifier\":\"84A8009876\",\"name\":\"Nguyễn Thị Năm\",\"representative\":\"Nguyễn Thị Năm\",\"commune_code\":\"29242\",\"phone\":\"$PHONE\",\"email\":\"$MAIL\"}" \
    "X-Request-Id: trace-producer"
HH=$(j .id)
check_eq "a household producer with phone and e-mail is registered" 201 "$T_STATUS"
read -r _ HH_TP <<<"$(row registration ocop.registration.producer.registered.v1 "$HH")"
check "an event of a request without traceparent carries a fresh valid one ($HH_TP)" valid_tp "$HH_TP"
ACCESS=$(lines registration '.msg == "request" and .request_id == "trace-producer"')
check_eq "its access line has the new trace's id" "$(trace_of "$HH_TP")" "$(jq -r .trace_id <<<"$ACCESS")"

# --- a product with a known traceparent -----------------------------------------------------------
t_http POST "$R/v1/products" "{\"producer_id\":\"$HH\",\"name\":\"Chả hoa Năm Thụy\",\"criteria_set\":7}" \
    "traceparent: $TP" "X-Request-Id: trace-product"
PRODUCT=$(j .id)
check_eq "the product is registered" 201 "$T_STATUS"
read -r EV1 TP1 <<<"$(row registration ocop.registration.product.registered.v1 "$PRODUCT")"
check "its outbox row has a valid traceparent ($TP1)" valid_tp "$TP1"
check_eq "of the request's trace" "$TID" "$(trace_of "$TP1")"
check "with a span of its own" test "$(span_of "$TP1")" != "$SID"
ACCESS=$(lines registration '.msg == "request" and .request_id == "trace-product"')
check_eq "one access line for the request" 1 "$(grep -c . <<<"$ACCESS")"
check_eq "with method, route template, status, subject and trace" \
    "POST /v1/products 201 test-officer $TID true" \
    "$(jq -r '[.method, .route, .status, .subject, .trace_id, (.duration_ms | type == "number")] | join(" ")' <<<"$ACCESS")"
SPAN_REQ=$(jq -r .span_id <<<"$ACCESS")
check "the request's span is neither its caller's nor the event's" \
    test "$SPAN_REQ" != "$SID" -a "$SPAN_REQ" != "$(span_of "$TP1")" -a ${#SPAN_REQ} -eq 16

# --- the consumers continue it ---------------------------------------------------------------------
consumed() { [[ -n $(lines "$1" ".msg == \"event\" and .event_id == \"$EV1\"") ]]; }
check "evaluation applied the product's event" t_until 20 consumed evaluation
check "promotion applied the product's event" t_until 20 consumed promotion
for svc in evaluation promotion; do
    LINE=$(lines "$svc" ".msg == \"event\" and .event_id == \"$EV1\"" | head -1)
    check_eq "$svc's line of the event carries its trace id" "$TID" "$(jq -r .trace_id <<<"$LINE")"
    SPAN=$(jq -r .span_id <<<"$LINE")
    check "$svc's span is new (not the event's nor the request's)" \
        test "$SPAN" != "$(span_of "$TP1")" -a "$SPAN" != "$SPAN_REQ" -a ${#SPAN} -eq 16
done

# --- a reaction: evaluation's certificate makes promotion emit catalogue.changed --------------------
TID2=$(hex 32)
TP2="00-$TID2-$(hex 16)-01"
known() { t_http GET "$1/v1/products/$PRODUCT"; [[ $T_STATUS == 200 ]]; }
both_know() { t_until 20 known "$E" && t_until 20 known "$P"; }
check "evaluation and promotion know the product" both_know
t_http POST "$E/v1/certificates" \
    "{\"product_id\":\"$PRODUCT\",\"stars\":4,\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"56/QĐ-UBND\",\"issued_on\":\"$(date -d '-30 days' +%F)\"}" \
    "traceparent: $TP2"
check_eq "a certificate is issued with another traceparent" 201 "$T_STATUS" || echo "$T_BODY"
read -r EV2 TP_CERT <<<"$(row evaluation ocop.evaluation.certificate.issued.v1 "$PRODUCT")"
check_eq "certificate.issued continues the request's trace" "$TID2" "$(trace_of "$TP_CERT")"
catalogued() { [[ -n $(row promotion ocop.promotion.catalogue.changed.v1 "$PRODUCT") ]]; }
check "promotion emits catalogue.changed in reaction" t_until 20 catalogued
read -r _ TP_CAT <<<"$(row promotion ocop.promotion.catalogue.changed.v1 "$PRODUCT")"
check "catalogue.changed carries a valid traceparent ($TP_CAT)" valid_tp "$TP_CAT"
check_eq "of the same trace" "$TID2" "$(trace_of "$TP_CAT")"
LINE=$(lines promotion ".msg == \"event\" and .event_id == \"$EV2\"" | head -1)
check "with yet another span (not the certificate event's, nor promotion's handling span)" \
    test "$(span_of "$TP_CAT")" != "$(span_of "$TP_CERT")" -a \
    "$(span_of "$TP_CAT")" != "$(jq -r .span_id <<<"$LINE")" -a -n "$LINE"

# --- a malformed traceparent is not propagated -------------------------------------------------------
BAD="00-$TID-0000000000000000-01"
t_http POST "$R/v1/products" "{\"producer_id\":\"$HH\",\"name\":\"Bánh tét lá cẩm\",\"criteria_set\":7}" \
    "traceparent: $BAD" "X-Request-Id: trace-bad"
P2=$(j .id)
read -r _ TP_BAD <<<"$(row registration ocop.registration.product.registered.v1 "$P2")"
check "a malformed traceparent is replaced by a fresh trace ($TP_BAD)" \
    bash -c "[[ '$TP_BAD' =~ ^00-[0-9a-f]{32}- && '$(trace_of "$TP_BAD")' != '$TID' ]]"
t_http POST "$R/v1/products" "{\"producer_id\":\"$HH\",\"name\":\"Bánh pía\",\"criteria_set\":7}" \
    "traceparent: 00-${TID^^}-$SID-01"
read -r _ TP_UP <<<"$(row registration ocop.registration.product.registered.v1 "$(j .id)")"
check "so is one in upper case" test "$(trace_of "$TP_UP")" != "$TID" -a "$(trace_of "$TP_UP")" != "${TID^^}"

# --- access lines: the route template, never the path's values or the query ---------------------------
SECRET=q$(hex 12)
t_http GET "$R/v1/products/$PRODUCT?x=$SECRET" "" "X-Request-Id: trace-get"
t_http GET "$R/v1/products?producer_id=$HH" "" "X-Request-Id: trace-list"
t_http GET "$R/v1/nothing/$SECRET" "" "X-Request-Id: trace-404"
T_TOKEN='' t_http GET "$R/v1/producers/$HH" "" "X-Request-Id: trace-401"
for id in trace-get:/v1/products/{id} trace-list:/v1/products trace-404:unmatched \
    trace-401:/v1/producers/{id}; do
    ACCESS=$(lines registration ".msg == \"request\" and .request_id == \"${id%%:*}\"")
    check_eq "one access line for ${id%%:*}, with route ${id#*:}" "1 ${id#*:}" \
        "$(grep -c . <<<"$ACCESS") $(jq -r .route <<<"$ACCESS" | head -1)"
done
check_eq "the anonymous request's subject is -" "- 401" \
    "$(lines registration '.msg == "request" and .request_id == "trace-401"' | jq -r '"\(.subject) \(.status)"')"
check_eq "no access line holds a path value or a query value" 0 \
    "$(lines registration '.msg == "request"' | grep -c -e "$PRODUCT" -e "$HH" -e "$SECRET")"
check_eq "no log line holds the household's phone or e-mail" 0 \
    "$(cat "$LOGS"/*.log | grep -c -e "$PHONE" -e "$MAIL")"
for svc in registration evaluation promotion; do
    check_eq "every line of $svc's log is one JSON object" 0 \
        "$(jq -R 'fromjson? // "bad" | select(. == "bad")' "$LOGS/$svc.log" | grep -c .)"
done
check_eq "every request line and every event line carries a trace id" 0 \
    "$(cat "$LOGS"/*.log | jq -cR 'fromjson? | select((.msg == "request" or .msg == "event") and (.trace_id | test("^[0-9a-f]{32}$") | not))' | grep -c .)"
t_done

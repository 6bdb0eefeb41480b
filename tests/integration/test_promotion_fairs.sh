#!/usr/bin/env bash
# Trade-promotion events (fairs, exhibitions, B2B matching, online campaigns,
# conferences) and the products taking part: per-field 422s with nothing
# written, Idempotency-Key, If-Match, the status rules, a product refused
# when it cannot be promoted on every day of the event (naming the dates),
# outcomes, cancellation, and the reaction to a revoked certificate:
# participations in events that have not ended are withdrawn with the reason
# and the causing event's id, each an event; a late or duplicate event
# changes nothing and a new certificate re-activates nothing.
source "$(dirname "$0")/lib.sh"
t_init promotion_fairs
t_start registration
t_start promotion
P=$(t_url promotion)

cert() { # PRODUCT CERT STATUS STARS ISSUED EXPIRES TIME NUMBER [CE_ID]
    local type=ocop.evaluation.certificate.status_changed.v1
    [[ $3 == valid ]] && type=ocop.evaluation.certificate.issued.v1
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -k "$1" \
        -H ce_specversion=1.0 -H "ce_id=${9:-$(uuid)}" -H ce_source=/ocop/evaluation \
        -H "ce_type=$type" -H "ce_subject=$1" -H "ce_time=$7" -H content-type=application/json \
        <<<"{\"certificate_id\":\"$2\",\"product_id\":\"$1\",\"status\":\"$3\",\"stars\":$4${5:+,\"issued_on\":\"$5\"}${6:+,\"expires_on\":\"$6\"},\"number\":\"$8\",\"reason\":\"quyết định thu hồi 12/QĐ-UBND\"}"
}
promotable_is() { t_http GET "$P/v1/products/$1"; [[ $(j .promotable) == "$2" ]]; }
rows() { t_sql promotion "SELECT (SELECT count(*) FROM trade_events) || '/' || (SELECT count(*) FROM participations) || '/' || (SELECT count(*) FROM outbox WHERE event_type = 'ocop.promotion.participation.changed.v1')"; }

# --- products and their certificates ---------------------------------------------------------
HTX=$(t_new_producer cooperative 2100300201 "HTX Dừa sáp Cầu Kè" 29302)
A=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
B=$(t_new_product "$HTX" "Kẹo dừa" 6)
C=$(t_new_product "$HTX" "Bánh tét lá cẩm" 6)
D=$(t_new_product "$HTX" "Rượu dừa" 15)
CA=$(uuid)
cert "$A" "$CA" valid 4 "$(day '-400 days')" "$(day '+700 days')" 2026-01-01T00:00:00Z TV-OCOP-0101
cert "$B" "$(uuid)" valid 3 "$(day '-1090 days')" "$(day '+5 days')" 2026-01-01T00:00:01Z TV-OCOP-0102
cert "$C" "$(uuid)" valid 2 "$(day '-30 days')" "" 2026-01-01T00:00:02Z TV-OCOP-0103
check "A and B are promotable" t_until 15 promotable_is "$B" true
check "C is known" t_until 10 promotable_is "$C" false
t_until 10 promotable_is "$D" false
t_until 10 promotable_is "$A" true

# --- create ------------------------------------------------------------------------------------
FROM=$(day '+10 days') TO=$(day '+14 days')
fair="{\"type\":\"fair\",\"name\":\"Hội chợ OCOP Trà Vinh 2026\",\"starts_on\":\"$FROM\",\"ends_on\":\"$TO\",\"venue\":\"Quảng trường Trung tâm, phường Trà Vinh\",\"commune_code\":\"29242\",\"organiser\":\"Sở Công Thương\",\"budget_vnd\":850000000}"
t_http POST "$P/v1/trade-events" "$fair" 'Idempotency-Key: fair-1'
F=$(j .id)
check_eq "POST is 201 with Location and ETag" "201 /v1/trade-events/$F \"1\"" \
    "$T_STATUS $(t_header Location) $(t_header ETag)"
check_eq "a new event is planned" "planned|850000000|0" "$(j .status)|$(j .budget_vnd)|$(j .participations.registered)"
t_http POST "$P/v1/trade-events" "$fair" 'Idempotency-Key: fair-1'
check_eq "a retry with the same key replays it" "201 $F true" "$T_STATUS $(j .id) $(t_header Idempotent-Replayed)"
t_http POST "$P/v1/trade-events" "${fair/2026/2027}" 'Idempotency-Key: fair-1'
check_eq "the same key with another body is 422" "422 IDEMPOTENCY" "$T_STATUS $(j .code)"
check_eq "one event written" "1/0/0" "$(rows)"
t_http POST "$P/v1/trade-events" '{"type":"bazaar","name":"X","starts_on":"2026-02-30","ends_on":"2026-12-01","budget_vnd":-1,"status":"open","colour":1,"commune_code":"2924"}'
check_eq "every bad field is named" \
    "422 budget_vnd,colour,commune_code,name,organiser,starts_on,status,type" "$T_STATUS $(fields)"
t_http POST "$P/v1/trade-events" "{\"type\":\"online_campaign\",\"name\":\"Tuần lễ OCOP trên Postmart\",\"starts_on\":\"$TO\",\"ends_on\":\"$FROM\",\"venue\":\"Bưu điện tỉnh\",\"organiser\":\"Sở Công Thương\"}"
check_eq "the rules between members" "422 ends_on,platform order required" \
    "$T_STATUS $(fields) $(code_of ends_on) $(code_of platform)"
t_http POST "$P/v1/trade-events" "{\"type\":\"conference\",\"name\":\"Hội nghị kết nối cung cầu\",\"starts_on\":\"$FROM\",\"ends_on\":\"$FROM\",\"organiser\":\"Sở Công Thương\"}"
check_eq "an event needs a venue or a platform" "422 venue required" "$T_STATUS $(fields) $(code_of venue)"
t_http POST "$P/v1/trade-events" '{"type":'
check_eq "malformed JSON is 400" 400 "$T_STATUS"
check_eq "nothing was written" "1/0/0" "$(rows)"
t_http POST "$P/v1/trade-events" "{\"type\":\"online_campaign\",\"name\":\"Tuần lễ OCOP trên Postmart\",\"starts_on\":\"$(day '+1 day')\",\"ends_on\":\"$(day '+3 days')\",\"platform\":\"Postmart\",\"organiser\":\"Sở Công Thương\"}"
ONLINE=$(j .id)
t_http POST "$P/v1/trade-events" "{\"type\":\"b2b_matching\",\"name\":\"Kết nối giao thương\",\"starts_on\":\"$(day today)\",\"ends_on\":\"$(day '+1 day')\",\"venue\":\"Trung tâm Hội nghị tỉnh\",\"organiser\":\"Trung tâm Xúc tiến\"}"
B2B=$(j .id)
t_http POST "$P/v1/trade-events" "{\"type\":\"exhibition\",\"name\":\"Triển lãm nông sản\",\"starts_on\":\"$(day '-10 days')\",\"ends_on\":\"$(day '-5 days')\",\"venue\":\"Nhà văn hóa\",\"organiser\":\"UBND xã\"}"
PAST=$(j .id)
check "four events" test -n "$ONLINE" -a -n "$B2B" -a -n "$PAST"

# --- read and list -----------------------------------------------------------------------------
T_TOKEN='' t_http GET "$P/v1/trade-events/$F"
check_eq "GET (public: no token) with its ETag" "200 \"1\" Sở Công Thương" "$T_STATUS $(t_header ETag) $(j .organiser)"
t_http GET "$P/v1/trade-events/$(uuid)"
check_eq "an unknown id is 404" 404 "$T_STATUS"
t_http GET "$P/v1/trade-events/nope"
check_eq "a malformed id is 404" 404 "$T_STATUS"
T_TOKEN='' t_http GET "$P/v1/trade-events?type=online_campaign"
check_eq "filter by type (no token)" "$ONLINE" "$(j '[.items[].id] | join(",")')"
t_http GET "$P/v1/trade-events?from=$(day today)&to=$(day '+5 days')"
check_eq "filter by dates: events overlapping the span, latest first" "$ONLINE,$B2B" "$(j '[.items[].id] | join(",")')"
t_http GET "$P/v1/trade-events?limit=3"
check_eq "pages, latest first day first" "$F,$ONLINE,$B2B true" "$(j '[.items[].id] | join(",")') $(j '.next_cursor != null')"
t_http GET "$P/v1/trade-events?limit=3&cursor=$(j .next_cursor)"
check_eq "the last page" "$PAST null" "$(j '[.items[].id] | join(",")') $(j .next_cursor)"
t_http GET "$P/v1/trade-events?type=bazaar&status=x&from=2026-13-01"
check_eq "bad filters are 422" "422 from,status,type" "$T_STATUS $(fields)"

# --- participations: who may take part -----------------------------------------------------------
t_http POST "$P/v1/participations" "{\"event_id\":\"$F\",\"product_id\":\"$A\",\"booth\":\"A12\",\"support_vnd\":5000000}" 'Idempotency-Key: pa-1'
PA=$(j .id)
check_eq "a 4-star product valid over the fair joins it" "201 registered A12 5000000 \"1\"" \
    "$T_STATUS $(j .status) $(j .booth) $(j .support_vnd) $(t_header ETag)"
check_eq "the view names the event and the product" "Hội chợ OCOP Trà Vinh 2026|Dừa sáp Cầu Kè" \
    "$(j .event.name)|$(j .product.name)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$F\",\"product_id\":\"$A\",\"booth\":\"A12\",\"support_vnd\":5000000}" 'Idempotency-Key: pa-1'
check_eq "a retry replays it" "201 $PA" "$T_STATUS $(j .id)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$F\",\"product_id\":\"$A\"}"
check_eq "a product takes part once" "409 the product already takes part in this event" "$T_STATUS $(j .detail)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$F\",\"product_id\":\"$B\"}"
check_eq "a certificate ending before the event's last day is refused, naming the dates" \
    "409 the product cannot take part in the event of $FROM to $TO: its certificate TV-OCOP-0102 is valid until $(day '+5 days'), before the last day $TO of $FROM to $TO" \
    "$T_STATUS $(j .detail)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$F\",\"product_id\":\"$C\"}"
check_eq "2 stars are refused" "409 the product cannot take part in the event of $FROM to $TO: its certificate TV-OCOP-0103 recognises 2 stars; promotion needs 3 or more" \
    "$T_STATUS $(j .detail)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$F\",\"product_id\":\"$D\"}"
check_eq "no certificate is refused" "409 the product cannot take part in the event of $FROM to $TO: no OCOP certificate is known for this product" \
    "$T_STATUS $(j .detail)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$PAST\",\"product_id\":\"$A\"}"
check_eq "an event that ended takes no one" "409 the event ended on $(day '-5 days')" "$T_STATUS $(j .detail)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$(uuid)\",\"product_id\":\"$(uuid)\",\"status\":\"attended\",\"sales_vnd\":1}"
check_eq "unknown members and server-set ones are refused" "422 sales_vnd,status" "$T_STATUS $(fields)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$(uuid)\",\"product_id\":\"$(uuid)\"}"
check_eq "an unknown product is a field error" "422 product_id not_found" "$T_STATUS $(fields) $(code_of product_id)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$(uuid)\",\"product_id\":\"$A\"}"
check_eq "an unknown event is a field error" "422 event_id not_found" "$T_STATUS $(fields) $(code_of event_id)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$ONLINE\",\"product_id\":\"$B\"}"
PB=$(j .id)
check_eq "B fits in the online campaign, within its certificate" "201 registered" "$T_STATUS $(j .status)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$B2B\",\"product_id\":\"$A\",\"booth\":\"B2\"}"
PT=$(j .id)
t_http POST "$P/v1/participations" "{\"event_id\":\"$ONLINE\",\"product_id\":\"$A\"}"
PO=$(j .id)
check_eq "participations written with one event each" "4/4/4" "$(rows)"

# --- changes -----------------------------------------------------------------------------------
t_http PATCH "$P/v1/participations/$PA" '{"booth":"A14"}'
check_eq "PATCH without If-Match is 428" 428 "$T_STATUS"
t_http PATCH "$P/v1/participations/$PA" '{"booth":"A14"}' 'If-Match: "9"'
check_eq "PATCH with a stale version is 412" 412 "$T_STATUS"
t_http PATCH "$P/v1/participations/$PA" '{"sales_vnd":12000000}' 'If-Match: "1"'
check_eq "the outcome waits until the product attended" "422 sales_vnd not_allowed" "$T_STATUS $(fields) $(code_of sales_vnd)"
t_http PATCH "$P/v1/participations/$PA" '{"status":"attended"}' 'If-Match: "1"'
check_eq "no one attends an event that has not begun" "422 status transition" "$T_STATUS $(fields) $(code_of status)"
t_http PATCH "$P/v1/participations/$PA" "{\"product_id\":\"$B\"}" 'If-Match: "1"'
check_eq "the product never changes" "422 product_id immutable" "$T_STATUS $(fields) $(code_of product_id)"
t_http PATCH "$P/v1/participations/$PA" '{"booth":"A14","support_vnd":null}' 'If-Match: "1"'
check_eq "booth and support change" "200 \"2\" A14 null" "$T_STATUS $(t_header ETag) $(j .booth) $(j .support_vnd)"
t_http PATCH "$P/v1/participations/$PT" '{"status":"attended","sales_vnd":15000000,"contracts_signed":2,"contracts_value_vnd":300000000}' 'If-Match: "1"'
check_eq "the B2B session began today: attended with its outcome" "200 attended 15000000 2 300000000" \
    "$T_STATUS $(j .status) $(j .sales_vnd) $(j .contracts_signed) $(j .contracts_value_vnd)"
t_http PATCH "$P/v1/participations/$PT" '{"status":"registered"}' 'If-Match: "2"'
check_eq "attended never goes back" "422 status transition" "$T_STATUS $(fields) $(code_of status)"
t_http PATCH "$P/v1/participations/$PB" '{"status":"withdrawn"}' 'If-Match: "1"'
check_eq "a withdrawal must say why" "422 status_reason required" "$T_STATUS $(fields) $(code_of status_reason)"
t_http PATCH "$P/v1/participations/$PB" '{"status":"withdrawn","status_reason":"nhà sản xuất không tham gia được"}' 'If-Match: "1"'
check_eq "withdrawn with its reason" "200 withdrawn nhà sản xuất không tham gia được" "$T_STATUS $(j .status) $(j .status_reason)"
t_http PATCH "$P/v1/participations/$PB" '{"booth":"Z"}' 'If-Match: "2"'
check_eq "a withdrawn participation no longer changes" 409 "$T_STATUS"
t_http POST "$P/v1/participations" "{\"event_id\":\"$ONLINE\",\"product_id\":\"$B\"}"
PB2=$(j .id)
check_eq "the product may be registered again" "201 registered" "$T_STATUS $(j .status)"

# --- events: status and dates --------------------------------------------------------------------
t_http PATCH "$P/v1/trade-events/$F" '{"status":"open"}' 'If-Match: "1"'
check_eq "planned -> open" '200 "2" open 1' "$T_STATUS $(t_header ETag) $(j .status) $(j .participations.registered)"
t_http PATCH "$P/v1/trade-events/$F" '{"status":"planned"}' 'If-Match: "2"'
check_eq "open -> planned is refused" "422 status transition" "$T_STATUS $(fields) $(code_of status)"
t_http PATCH "$P/v1/trade-events/$ONLINE" "{\"ends_on\":\"$(day '+8 days')\"}" 'If-Match: "1"'
check_eq "new dates a participant's certificate does not cover are refused, naming it" \
    "409 true" "$T_STATUS $(j '.detail | test("valid until '"$(day '+5 days')"', before the last day '"$(day '+8 days')"'")')"
t_http PATCH "$P/v1/trade-events/$ONLINE" "{\"ends_on\":\"$(day '+4 days')\",\"platform\":\"Voso\"}" 'If-Match: "1"'
check_eq "dates it covers are accepted" "200 $(day '+4 days') Voso" "$T_STATUS $(j .ends_on) $(j .platform)"
t_http PATCH "$P/v1/trade-events/$PAST" '{"status":"cancelled"}' 'If-Match: "1"'
t_http PATCH "$P/v1/trade-events/$PAST" '{"name":"Triển lãm khác"}' 'If-Match: "2"'
check_eq "a cancelled event no longer changes" "409 the event is cancelled: it no longer changes" "$T_STATUS $(j .detail)"
t_http PATCH "$P/v1/trade-events/$ONLINE" '{"status":"cancelled"}' 'If-Match: "2"'
check_eq "cancelling an event withdraws who takes part" "200 cancelled 0 3" \
    "$T_STATUS $(j .status) $(j .participations.registered) $(j .participations.withdrawn)"
t_http GET "$P/v1/participations/$PO"
check_eq "with the reason" "withdrawn|the event was cancelled|null" "$(j .status)|$(j .status_reason)|$(j .cause_event_id)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$ONLINE\",\"product_id\":\"$A\"}"
check_eq "a cancelled event takes no one" "409 the event is cancelled: it takes no new participants" "$T_STATUS $(j .detail)"
t_http GET "$P/v1/participations?event_id=$ONLINE&status=withdrawn"
check_eq "list by event and status" "3" "$(j '.items | length')"
t_http GET "$P/v1/participations?product_id=$A&limit=1"
check_eq "list by product, in pages" "1 true" "$(j '.items | length') $(j '.next_cursor != null')"

# The B2B session becomes a past one: A attended it; a later reaction must leave it alone.
t_http PATCH "$P/v1/trade-events/$B2B" "{\"starts_on\":\"$(day '-3 days')\",\"ends_on\":\"$(day '-2 days')\"}" 'If-Match: "1"'
check_eq "an event's dates may move into the past" "200 $(day '-2 days')" "$T_STATUS $(j .ends_on)"

# --- the reaction: A's certificate is revoked -------------------------------------------------
REV=$(uuid)
cert "$A" "$CA" revoked 4 "" "" 2026-06-01T00:00:00Z TV-OCOP-0101 "$REV"
check "a revoked certificate takes A out of the catalogue" t_until 15 promotable_is "$A" false
withdrawn_by() { t_http GET "$P/v1/participations/$1"; [[ $(j .cause_event_id) == "$2" ]]; }
check "A's participation in the fair is withdrawn by the event" t_until 10 withdrawn_by "$PA" "$REV"
check_eq "with the reason and the cause" \
    "withdrawn|certificate TV-OCOP-0101 revoked: quyết định thu hồi 12/QĐ-UBND" "$(j .status)|$(j .status_reason)"
t_http GET "$P/v1/participations/$PT"
check_eq "its attended participation in an event that ended is left alone" "attended null 15000000" \
    "$(j .status) $(j .cause_event_id) $(j .sales_vnd)"
t_http GET "$P/v1/products/$A"
check_eq "the product shows the reaction" "$REV 1 0 0" \
    "$(j .last_reaction.cause_event_id) $(j .last_reaction.participations_withdrawn) $(j .last_reaction.linkages_suspended) $(j .last_reaction.listings_delisted)"
check_eq "the withdrawal is an event naming its cause" "registered>withdrawn $REV" \
    "$(t_sql promotion "SELECT (payload->>'from_status') || '>' || (payload->>'status') || ' ' || (payload->>'cause_event_id') FROM outbox WHERE event_type = 'ocop.promotion.participation.changed.v1' AND payload->>'participation_id' = '$PA' ORDER BY id DESC LIMIT 1")"

# The same event again (same ce_id), and an older one arriving late: nothing more happens.
before=$(rows)
cert "$A" "$CA" revoked 4 "" "" 2026-06-01T00:00:00Z TV-OCOP-0101 "$REV"
cert "$A" "$CA" suspended 4 "" "" 2026-05-01T00:00:00Z TV-OCOP-0101
consumed() { [[ $(t_sql promotion "SELECT count(*) FROM inbox WHERE event_type LIKE 'ocop.evaluation.%'") == 5 ]]; }
check "the duplicate is skipped and the late one consumed" t_until 15 consumed
check_eq "and they change nothing" "$before 1" "$(rows) $(t_sql promotion "SELECT count(*) FROM reactions")"

# A new certificate makes A eligible again; nothing comes back by itself.
cert "$A" "$(uuid)" valid 4 "$(day '-1 day')" "$(day '+1000 days')" 2026-07-01T00:00:00Z TV-OCOP-0201
check "a new certificate makes A promotable again" t_until 15 promotable_is "$A" true
t_http GET "$P/v1/participations/$PA"
check_eq "its withdrawn participation stays withdrawn" withdrawn "$(j .status)"
t_http POST "$P/v1/participations" "{\"event_id\":\"$F\",\"product_id\":\"$A\",\"booth\":\"A12\"}"
check_eq "it may be registered again, explicitly" "201 registered" "$T_STATUS $(j .status)"

check_eq "every participation change was one event" \
    "$(t_sql promotion "SELECT sum(version) FROM participations")" \
    "$(t_sql promotion "SELECT count(*) FROM outbox WHERE event_type = 'ocop.promotion.participation.changed.v1'")"
published() { [[ $(t_sql promotion "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the relay published them" t_until 10 published
t_check_events promotion
t_done

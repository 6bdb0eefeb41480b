#!/usr/bin/env bash
# Market evidence: the evaluation service keeps promotion's market linkages
# (ocop.promotion.linkage.changed.v1, published here with kcat as promotion
# would) as evidence for re-evaluation, one per linkage, the newest event
# winning (by version when both carry one, else by ce_time; a late older one
# never overwrites), a redelivered event changing nothing (inbox), a broken
# one dead-lettered; GET /v1/products/{id} shows them as market_evidence,
# newest first.
source "$(dirname "$0")/lib.sh"
t_init market_evidence
t_start registration
t_start evaluation OCOP_CONSUMER_MAX_RETRIES=2 OCOP_CONSUMER_RETRY_MS=20
E=$(t_url evaluation)
q() { t_sql evaluation "$1"; }
known() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }

HTX=$(t_new_producer cooperative 2100500001 "Hợp tác xã Dừa sáp Cầu Kè" 29302)
P=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
P2=$(t_new_product "$HTX" "Kẹo dừa" 6)
check "evaluation knows the products" t_until 20 known "$P2"
t_http GET "$E/v1/products/$P"
check_eq "a product without linkages has empty market evidence" "200 0" "$T_STATUS $(j '.market_evidence | length')"

# link ID STATUS PARTNER CHANNEL TIME [EXTRA]: publishes a linkage event for product P.
link() {
    t_event promotion ocop.promotion.linkage.changed.v1 "${7:-$P}" \
        "{\"linkage_id\":\"$1\",\"product_id\":\"${7:-$P}\",\"status\":\"$2\",\"partner_name\":\"$3\",\"channel\":\"$4\"${6:+,$6}}" "$5"
}
# evidence: the product's market evidence as "id:status" items, newest first.
evidence() {
    t_http GET "$E/v1/products/${1:-$P}"
    j '[.market_evidence[] | .linkage_id + ":" + .status] | join(",")'
}
is() { [[ $("${@:2}") == "$1" ]]; }

link L1 signed "Co.opmart Trà Vinh" supermarket 2025-03-01T02:00:00.000000Z '"contract_value_vnd":120000000'
check "a signed linkage becomes market evidence" t_until 20 is "L1:signed" evidence
t_http GET "$E/v1/products/$P"
check_eq "with its partner, channel, whatever else it carried, and when it changed" \
    "Co.opmart Trà Vinh supermarket 120000000 2025-03-01T02:00:00.000000Z" \
    "$(j '.market_evidence[0] | "\(.partner_name) \(.channel) \(.contract_value_vnd) \(.changed_at)"')"
link L2 proposed Postmart e_commerce 2025-03-05T02:00:00.000000Z
check "a second linkage, newest first" t_until 20 is "L2:proposed,L1:signed" evidence
link L1 active "Co.opmart Trà Vinh" supermarket 2025-03-10T02:00:00.000000Z
check "a newer event of L1 replaces it and puts it first" t_until 20 is "L1:active,L2:proposed" evidence
link L1 ended "Co.opmart Trà Vinh" supermarket 2025-03-02T02:00:00.000000Z
link L2 signed Postmart e_commerce 2025-03-06T02:00:00.000000Z
check "a later event of L2 arrives" t_until 20 is "L1:active,L2:signed" evidence
check_eq "while the late, older 'ended' of L1 changed nothing" "active 2025-03-10" \
    "$(q "SELECT status || ' ' || (event_time AT TIME ZONE 'UTC')::date FROM market_linkages WHERE linkage_id = 'L1'")"
check_eq "and was still recorded as consumed" 5 \
    "$(q "SELECT count(*) FROM inbox WHERE event_type = 'ocop.promotion.linkage.changed.v1' AND outcome = 'applied'")"

# --- versions win over times when both events carry one ----------------------------------------
link L3 signed "Bách Hóa Xanh" supermarket 2025-04-01T00:00:00.000000Z '"version":2'
check "L3 at version 2" t_until 20 is "2 signed" q "SELECT source_version || ' ' || status FROM market_linkages WHERE linkage_id = 'L3'"
link L3 ended "Bách Hóa Xanh" supermarket 2025-04-05T00:00:00.000000Z '"version":1'
link L3 active "Bách Hóa Xanh" supermarket 2025-03-31T00:00:00.000000Z '"version":3'
check "version 3 wins although its ce_time is earlier" t_until 20 is "3 active" q "SELECT source_version || ' ' || status FROM market_linkages WHERE linkage_id = 'L3'"
check_eq "version 1, later by ce_time, was ignored" 0 \
    "$(q "SELECT count(*) FROM market_linkages WHERE linkage_id = 'L3' AND status = 'ended'")"

# --- a redelivered event changes nothing ---------------------------------------------------------
ID=$(cat /proc/sys/kernel/random/uuid)
redeliver() {
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.promotion.events" -k "$P2" \
        -H ce_specversion=1.0 -H "ce_id=$ID" -H ce_source=/ocop/promotion \
        -H ce_type=ocop.promotion.linkage.changed.v1 -H "ce_subject=$P2" \
        -H ce_time=2025-05-01T00:00:00.000000Z -H content-type=application/json \
        <<<"{\"linkage_id\":\"L4\",\"product_id\":\"$P2\",\"status\":\"$1\",\"partner_name\":\"Vinmart\",\"channel\":\"supermarket\"}"
}
redeliver signed
check "P2's linkage arrives" t_until 20 is "L4:signed" evidence "$P2"
redeliver suspended # the same event id again, as a replay would (with another body, to see)
link L5 proposed "Lotte Mart" supermarket 2025-05-02T00:00:00.000000Z "" "$P2"
check "a later event behind the replay is applied" t_until 20 is "L5:proposed,L4:signed" evidence "$P2"
check_eq "the replayed event id changed nothing: once in the inbox, L4 still signed" "1 signed $ID" \
    "$(q "SELECT (SELECT count(*) FROM inbox WHERE event_id = '$ID') || ' ' || status || ' ' || last_event_id FROM market_linkages WHERE linkage_id = 'L4'")"

# --- broken events are dead-lettered -------------------------------------------------------------
BAD=$(cat /proc/sys/kernel/random/uuid)
kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.promotion.events" -k "$P" \
    -H ce_specversion=1.0 -H "ce_id=$BAD" -H ce_source=/ocop/promotion \
    -H ce_type=ocop.promotion.linkage.changed.v1 -H "ce_subject=$P" \
    -H ce_time=2025-06-01T00:00:00.000000Z -H content-type=application/json \
    <<<"{\"linkage_id\":\"L6\",\"product_id\":\"$P\",\"status\":\"renegotiating\"}"
dead() { [[ $(q "SELECT outcome FROM inbox WHERE event_id = '$BAD'") == dead_lettered ]]; }
check "a linkage with an unknown status is dead-lettered" t_until 20 dead
check_eq "and kept nothing" 0 "$(q "SELECT count(*) FROM market_linkages WHERE linkage_id = 'L6'")"
link L7 signed "Saigon Co.op" export 2025-06-02T00:00:00.000000Z "" 00000000-0000-4000-8000-000000000007
check "a linkage of a product evaluation does not know yet is kept" t_until 20 is 1 \
    q "SELECT count(*) FROM market_linkages WHERE linkage_id = 'L7'"

# --- the evidence function the rounds will use ---------------------------------------------------
t_http GET "$E/v1/products/$P"
check_eq "GET /v1/products/{id}: every linkage of the product, newest first" "L3:active,L1:active,L2:signed" \
    "$(j '[.market_evidence[] | .linkage_id + ":" + .status] | join(",")')"
t_done

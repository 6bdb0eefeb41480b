#!/usr/bin/env bash
# Who may do what in the evaluation service, beyond the roles of each route:
# a council member writes only its own score sheet (the member id of the
# path is one of its token's member_ids) and only on entries of rounds of
# its council, and declares only its own conflicts of interest; the portal
# reads certificates but issues, revokes and reinstates none and posts no
# result; a producer writes nothing about councils and rounds. The actor of
# a round move, a certificate's issue and revocation and an inspection is the
# token's subject, in the API's views and in the events on the topic; a body
# naming an actor is refused (422 unknown), and nothing is written. Every
# write, the refused ones too, leaves its row in the audit trail.
source "$(dirname "$0")/lib.sh"
t_init access_evaluation
t_start evaluation
E=$(t_url evaluation)

now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
bearer() { printf 'Authorization: Bearer %s' "$(t_token "$@")"; }
is() { [[ $("${@:2}") == "$1" ]]; }

# --- candidates, as registration's events announce them ------------------------------------------
candidate() { # candidate NAME -> sets PRODUCER PRODUCT APP
    PRODUCER=$(uuid) PRODUCT=$(uuid) APP=$(uuid)
    t_event registration ocop.registration.producer.registered.v1 "$PRODUCER" \
        "{\"producer_id\":\"$PRODUCER\",\"type\":\"cooperative\",\"name\":\"HTX $1\",\"commune_code\":\"29182\",\"version\":1,\"registered_at\":\"$(now)\"}"
    t_event registration ocop.registration.product.registered.v1 "$PRODUCT" \
        "{\"product_id\":\"$PRODUCT\",\"code\":\"OCOP-TV-2025-$RANDOM\",\"name\":\"$1\",\"producer_id\":\"$PRODUCER\",\"producer_name\":\"HTX $1\",\"producer_type\":\"cooperative\",\"rule_set\":\"qd148-2023\",\"criteria_set\":7,\"sector\":\"I\",\"legacy_group\":null,\"commune_code\":\"29182\",\"status\":\"registered\",\"version\":1,\"registered_at\":\"$(now)\"}"
    t_event registration ocop.registration.application.status_changed.v1 "$APP" \
        "{\"application_id\":\"$APP\",\"dossier_code\":\"000.00.31.H60-250305-$((RANDOM % 9000 + 1000))\",\"kind\":\"first_time\",\"rule_set\":\"qd148-2023\",\"status\":\"accepted\",\"received_on\":\"2025-03-05\",\"samples_count\":5,\"product_id\":\"$PRODUCT\",\"product_code\":\"OCOP-TV-2025-1\",\"product_name\":\"$1\",\"criteria_set\":7,\"sector\":\"I\",\"commune_code\":\"29182\",\"producer_id\":\"$PRODUCER\",\"producer_name\":\"HTX $1\",\"producer_type\":\"cooperative\",\"version\":3,\"changed_at\":\"$(now)\",\"from_status\":\"new\",\"portal_status_code\":2,\"actor_role\":\"province_officer\",\"reason\":null}"
}
known() { t_http GET "$E/v1/applications/$1"; [[ $T_STATUS == 200 ]]; }
candidate "Dừa sáp"; P1=$PRODUCT APP1=$APP
candidate "Mật hoa dừa"; P2=$PRODUCT PRODUCER2=$PRODUCER
check "the candidates arrive by event" t_until 20 known "$APP1"

# --- two councils, a round of the first in its scoring phase ---------------------------------------
council() { # council DECISION -> sets ID
    t_http POST "$E/v1/councils" "{\"name\":\"Hội đồng OCOP tỉnh $1\",\"level\":\"province\",\"decision_number\":\"$1\",\"decided_on\":\"2025-01-10\"}"
    ID=$(j .id)
}
member() { # member COUNCIL ROLE NAME -> sets ID
    t_http POST "$E/v1/councils/$1/members" "{\"full_name\":\"$3\",\"role\":\"$2\",\"organisation\":\"Sở Nông nghiệp và Môi trường\"}"
    ID=$(j .id)
}
council 501/QĐ-UBND; C1=$ID
member "$C1" chair "Trần Văn An"; M1=$ID
member "$C1" member "Lê Thị Bình"; M2=$ID
council 502/QĐ-UBND; C2=$ID
member "$C2" chair "Phạm Văn Cường"; N1=$ID
t_http POST "$E/v1/rounds" "{\"year\":2025,\"sequence\":1,\"level\":\"province\",\"name\":\"Đợt 1/2025\",\"council_id\":\"$C1\",\"starts_on\":\"2025-09-01\",\"ends_on\":\"2025-12-31\",\"quorum\":1}"
ROUND=$(j .id)
check_eq "a round of the first council is planned" "201 planned" "$T_STATUS $(j .status)"

# --- a producer writes nothing about councils and rounds ---------------------------------------------
PRODUCER_H=$(bearer producer --producer "$PRODUCER2" --sub producer-2)
t_http POST "$E/v1/councils" '{"name":"Hội đồng giả","level":"province","decision_number":"9/QĐ","decided_on":"2025-01-10"}' "$PRODUCER_H"
check_eq "a producer cannot set up a council: 403" "403 FORBIDDEN" "$T_STATUS $(j .code)"
t_http POST "$E/v1/councils/$C1/members" '{"full_name":"Ai đó","role":"member","organisation":"HTX"}' "$PRODUCER_H"
check_eq "nor add a member to one" 403 "$T_STATUS"
t_http POST "$E/v1/rounds" "{\"year\":2025,\"sequence\":2,\"level\":\"province\",\"name\":\"Đợt giả\",\"council_id\":\"$C1\",\"starts_on\":\"2025-09-01\",\"ends_on\":\"2025-12-31\"}" "$PRODUCER_H"
check_eq "nor plan a round" 403 "$T_STATUS"
t_http POST "$E/v1/rounds/$ROUND/transitions" '{"to":"open"}' "$PRODUCER_H"
check_eq "nor move one" 403 "$T_STATUS"
t_http POST "$E/v1/rounds/$ROUND/entries" "{\"application_id\":\"$APP1\"}" "$PRODUCER_H"
check_eq "nor enter its own application" 403 "$T_STATUS"
check_eq "none of them wrote anything" "2 1 planned 0" \
    "$(t_sql evaluation "SELECT (SELECT count(*) FROM councils) || ' ' || (SELECT count(*) FROM rounds) || ' ' || (SELECT status FROM rounds WHERE id = '$ROUND') || ' ' || (SELECT count(*) FROM entries)")"
T_TOKEN= t_http POST "$E/v1/rounds/$ROUND/transitions" '{"to":"open"}'
check_eq "without a token a write is 401" 401 "$T_STATUS"

# --- the actor of a round move is the token's subject ------------------------------------------------
OFFICER_H=$(bearer province_officer --sub officer-42)
t_http POST "$E/v1/rounds/$ROUND/transitions" '{"to":"open","actor":"Nguyễn Văn Giả"}' "$OFFICER_H"
check_eq "a move naming an actor is refused: 422 unknown" "422 actor unknown" "$T_STATUS $(fields) $(code_of actor)"
t_http POST "$E/v1/rounds/$ROUND/transitions" '{"to":"open"}' "$OFFICER_H"
check_eq "the officer opens the round" "200 open" "$T_STATUS $(j .status)"
t_http GET "$E/v1/rounds/$ROUND"
check_eq "the move records the token's subject as its actor" "open officer-42" \
    "$(j '.transitions[-1].to') $(j '.transitions[-1].actor')"
# under QĐ 1489 the province takes what its commune proposed: the commune council's pre-check first
t_http POST "$E/v1/councils" '{"name":"Hội đồng OCOP xã","level":"commune","decision_number":"503/QĐ-UBND","decided_on":"2025-01-10","territory":"29182"}' "$OFFICER_H"
CX=$(j .id)
t_http POST "$E/v1/rounds" "{\"year\":2025,\"sequence\":1,\"level\":\"commune\",\"name\":\"Đợt 1/2025\",\"council_id\":\"$CX\",\"starts_on\":\"2025-08-01\",\"ends_on\":\"2025-08-31\"}" "$OFFICER_H"
RX=$(j .id)
t_http POST "$E/v1/rounds/$RX/transitions" '{"to":"open"}' "$OFFICER_H"
t_http POST "$E/v1/rounds/$RX/entries" "{\"application_id\":\"$APP1\"}" "$OFFICER_H"
EX=$(j .id)
t_http POST "$E/v1/rounds/$RX/transitions" '{"to":"scoring"}' "$OFFICER_H"
t_http POST "$E/v1/entries/$EX/result" '{"precheck":"passed"}' "$OFFICER_H"
check_eq "the commune council proposes the first candidate to the province" "200 forwarded" "$T_STATUS $(j .result.outcome)"
t_http POST "$E/v1/rounds/$ROUND/entries" "{\"application_id\":\"$APP1\",\"actor\":\"officer\"}" "$OFFICER_H"
check_eq "an entry naming an actor is refused" "422 actor unknown" "$T_STATUS $(fields) $(code_of actor)"
t_http POST "$E/v1/rounds/$ROUND/entries" "{\"application_id\":\"$APP1\"}" "$OFFICER_H"
ENTRY=$(j .id)
check_eq "the application is entered by the officer" "201 officer-42" "$T_STATUS $(j .entered_by)"
t_http POST "$E/v1/rounds/$ROUND/transitions" '{"to":"scoring"}' "$OFFICER_H"
check_eq "the round is scoring" "200 scoring" "$T_STATUS $(j .status)"

# --- council members: only their own sheet, only in rounds of their council ------------------------------
SHEET='{"parts":{"A":35,"B":20,"C":25}}'
M1_H=$(bearer council_member --member "$M1" --sub member-an)
t_http PUT "$E/v1/entries/$ENTRY/sheets/$M2" "$SHEET" "$M1_H"
check_eq "a council member cannot write another member's sheet: 403" \
    "403 FORBIDDEN you may write only your own score sheet" "$T_STATUS $(j .code) $(j .detail)"
N1_H=$(bearer council_member --member "$N1" --sub member-cuong)
t_http PUT "$E/v1/entries/$ENTRY/sheets/$N1" "$SHEET" "$N1_H"
check_eq "nor one in a round of a council it does not sit on: 403, saying so" \
    "403 the member is not on the council of the entry's round" "$T_STATUS $(j .detail)"
t_http PUT "$E/v1/entries/$ENTRY/sheets/$M1" "$SHEET" "$(bearer council_member --member "$N1" --member "$M2")"
check_eq "a token naming other memberships cannot write it either" 403 "$T_STATUS"
t_http PUT "$E/v1/entries/$ENTRY/sheets/$M1" "$SHEET"
check_eq "an all-roles token without the membership cannot write it" 403 "$T_STATUS"
t_http PUT "$E/v1/entries/$ENTRY/sheets/$M1" "$SHEET" "$OFFICER_H"
check_eq "nor a province officer (only council members score)" 403 "$T_STATUS"
t_http PUT "$E/v1/entries/$ENTRY/sheets/$M1" "$SHEET" "$(bearer portal --sub portal-dvc)"
check_eq "nor the portal" 403 "$T_STATUS"
check_eq "no sheet was written" 0 "$(t_sql evaluation "SELECT count(*) FROM score_sheets")"
t_http PUT "$E/v1/entries/$ENTRY/sheets/$M1" "$SHEET" "$M1_H"
check_eq "the member writes its own sheet" "200 $M1 80" "$T_STATUS $(j .member.id) $(j .total)"

# --- conflicts of interest: a member declares only its own ----------------------------------------
CONFLICT="{\"producer_id\":\"$PRODUCER2\",\"reason\":\"Thành viên là cổ đông của hợp tác xã\"}"
t_http POST "$E/v1/councils/$C1/members/$M2/conflicts" "$CONFLICT" "$M1_H"
check_eq "a council member cannot declare another member's conflict: 403" 403 "$T_STATUS"
t_http POST "$E/v1/councils/$C1/members/$M1/conflicts" "$CONFLICT" "$M1_H"
check_eq "it declares its own" "201 1" "$T_STATUS $(j '.conflicts | length')"
t_http POST "$E/v1/councils/$C1/members/$M2/conflicts" "$CONFLICT" "$OFFICER_H"
check_eq "a province officer declares for any member" "201 1" "$T_STATUS $(j '.conflicts | length')"

# --- the portal issues no certificate and posts no result -----------------------------------------
PORTAL_H=$(bearer portal --sub portal-dvc)
CERT_BODY="{\"product_id\":\"$P2\",\"stars\":4,\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"88/QĐ-UBND\",\"issued_on\":\"2025-08-01\"}"
t_http POST "$E/v1/certificates" "$CERT_BODY" "$PORTAL_H"
check_eq "the portal cannot issue a certificate: 403" "403 FORBIDDEN" "$T_STATUS $(j .code)"
t_http POST "$E/v1/entries/$ENTRY/result" '{"decision_number":"1/QĐ-UBND","decided_on":"2025-09-02"}' "$PORTAL_H"
check_eq "nor post a result" 403 "$T_STATUS"
t_http POST "$E/v1/certificates" "$(jq -c '. + {actor: "Nguyễn Thị Hoa"}' <<<"$CERT_BODY")" "$OFFICER_H"
check_eq "a certificate naming an actor is refused" "422 actor unknown" "$T_STATUS $(fields) $(code_of actor)"
check_eq "none of them wrote a certificate" 0 "$(t_sql evaluation "SELECT count(*) FROM certificates")"
t_http POST "$E/v1/certificates" "$CERT_BODY" "$OFFICER_H"
CERT=$(j .id)
check_eq "a province officer records it; its issue names the token's subject" "201 valid officer-42" \
    "$T_STATUS $(j .status) $(j '.history[0].actor')"
t_http GET "$E/v1/certificates/$CERT" "" "$PORTAL_H"
check_eq "the portal reads it" "200 valid" "$T_STATUS $(j .status)"
REVOKE='{"grounds":"food_safety_failure","decision_number":"99/QĐ-UBND","decided_on":"2025-09-10"}'
t_http POST "$E/v1/certificates/$CERT/revocation" "$REVOKE" 'If-Match: "1"' "$PORTAL_H"
check_eq "the portal cannot revoke it: 403" 403 "$T_STATUS"
t_http POST "$E/v1/certificates/$CERT/reinstatement" '{"reason":"đã khắc phục"}' 'If-Match: "1"' "$PORTAL_H"
check_eq "nor reinstate it" 403 "$T_STATUS"

# --- an inspection and a revocation, by their subjects -------------------------------------------
INSPECTOR_H=$(bearer inspector --sub inspector-7)
INSP="{\"product_id\":\"$P2\",\"kind\":\"periodic\",\"place\":\"facility\",\"inspecting_body\":\"Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long\",\"inspected_on\":\"2025-09-05\",\"findings\":[{\"category\":\"food_safety\",\"result\":\"pass\"}],\"outcome\":\"compliant\""
t_http POST "$E/v1/inspections" "$INSP,\"actor\":\"Lê Văn Cường\"}" "$INSPECTOR_H"
check_eq "an inspection naming an actor is refused" "422 actor unknown" "$T_STATUS $(fields) $(code_of actor)"
t_http POST "$E/v1/inspections" "$INSP}" "$INSPECTOR_H"
INSPECTION=$(j .id)
check_eq "an inspector records an inspection under its subject" "201 inspector-7" "$T_STATUS $(j .actor)"
t_http POST "$E/v1/certificates/$CERT/revocation" "$(jq -c '. + {actor: "Trần Văn Bình"}' <<<"$REVOKE")" 'If-Match: "1"' \
    "$OFFICER_H"
check_eq "a revocation naming an actor is refused" "422 actor unknown" "$T_STATUS $(fields) $(code_of actor)"
t_http POST "$E/v1/certificates/$CERT/reinstatement" '{"reason":"x","actor":"Trần Văn Bình"}' 'If-Match: "1"' \
    "$OFFICER_H"
check_eq "as a reinstatement naming one" "422 actor unknown" "$T_STATUS $(fields) $(code_of actor)"
check_eq "the certificate is untouched" "valid 1" "$(t_sql evaluation "SELECT status || ' ' || version FROM certificates WHERE id = '$CERT'")"
REVOKER_H=$(bearer province_officer --sub officer-43)
t_http POST "$E/v1/certificates/$CERT/revocation" "$REVOKE" 'If-Match: "1"' "$REVOKER_H"
check_eq "another officer revokes it; its history names that officer's subject" "200 revoked officer-43" \
    "$T_STATUS $(j .status) $(j '.history[-1].actor')"

# --- results and withdrawals refuse an actor too -------------------------------------------------------
t_http POST "$E/v1/entries/$ENTRY/result" '{"decision_number":"1/QĐ-UBND","decided_on":"2025-09-02","actor":"officer"}' "$OFFICER_H"
check_eq "a result naming an actor is refused" "422 actor unknown" "$T_STATUS $(fields) $(code_of actor)"
t_http POST "$E/v1/entries/$ENTRY/withdrawal" '{"reason":"Chủ thể rút hồ sơ","actor":"officer"}' "$OFFICER_H"
check_eq "a withdrawal naming an actor is refused" "422 actor unknown" "$T_STATUS $(fields) $(code_of actor)"
t_http POST "$E/v1/entries/$ENTRY/result" '{"decision_number":"1/QĐ-UBND","decided_on":"2025-09-02"}' "$OFFICER_H"
check_eq "the officer finalises the entry under its subject" "200 4 officer-42" \
    "$T_STATUS $(j .result.stars) $(j .result.finalised_by)"
ISSUED=$(j .result.certificate_id)

# --- the events name the subjects, never a person -----------------------------------------------------
topic() {
    kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -o beginning -e -q -J \
        2>/dev/null | jq -c '(.headers as $h | [range(0; $h | length; 2) | {($h[.]): $h[. + 1]}]
            | add) as $ce | {type: $ce.ce_type, data: (.payload | fromjson)}'
}
# actor_of TYPE MEMBER VALUE: the actor of the last event of TYPE whose data.MEMBER is VALUE.
actor_of() {
    topic | jq -r --arg t "ocop.evaluation.$1" --arg k "$2" --arg v "$3" \
        'select(.type == $t and .data[$k] == $v) | .data.actor' | tail -1
}
check "the revocation's event on the topic names officer-43" \
    t_until 20 is officer-43 actor_of certificate.status_changed.v1 certificate_id "$CERT"
check_eq "the inspection's event names inspector-7" inspector-7 "$(actor_of inspection.recorded.v1 inspection_id "$INSPECTION")"
check_eq "the recorded certificate's issue names officer-42" officer-42 "$(actor_of certificate.issued.v1 certificate_id "$CERT")"
result_actors() {
    echo "$(actor_of certificate.issued.v1 certificate_id "$ISSUED") $(actor_of evaluation.completed.v1 entry_id "$ENTRY")"
}
check "the result's certificate and completion name officer-42" \
    t_until 20 is "officer-42 officer-42" result_actors
check_eq "no event carries a person's name" 0 \
    "$(topic | grep -c -e 'Trần Văn' -e 'Lê Văn Cường' -e 'Nguyễn' -e 'Lê Thị Bình' -e 'Phạm Văn Cường')"

# --- the audit trail names who tried what --------------------------------------------------------
check_eq "the refused sheet of another member is in the audit trail, under the member's subject" \
    "member-an PUT 403 {council_member}" \
    "$(t_sql evaluation "SELECT concat_ws(' ', subject, method, status, roles::text) FROM audit_log WHERE route = '/v1/entries/{id}/sheets/{member_id}' AND object_id = '$ENTRY' AND status = 403 AND subject = 'member-an'")"
check_eq "as the portal's refused revocation" "portal-dvc 403" \
    "$(t_sql evaluation "SELECT concat_ws(' ', subject, status) FROM audit_log WHERE route = '/v1/certificates/{id}/revocation' AND object_id = '$CERT' AND subject = 'portal-dvc'")"
check_eq "and the revocation made, under officer-43" "officer-43 200" \
    "$(t_sql evaluation "SELECT concat_ws(' ', subject, status) FROM audit_log WHERE route = '/v1/certificates/{id}/revocation' AND object_id = '$CERT' AND status = 200")"
t_check_audit
t_check_events evaluation
t_done

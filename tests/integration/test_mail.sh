#!/usr/bin/env bash
# E-mail to producers through a real SMTP sink: a revoked certificate mails
# its producer once (text and HTML, Vietnamese, with the certificate number),
# restarts and a replayed event included; a dossier accepted and returned for
# supplement mails the reason; an opt-out stops non-mandatory mail but not a
# mandatory one; a producer without an address ends as no_address; the sink
# down for a while is retried and delivered later; no producer address is in
# the notification database or its log.
source "$(dirname "$0")/lib.sh"
t_init mail
t_start registration
t_start evaluation
t_smtp_start
t_start notification "${T_MAIL_ENV[@]}"
R=$(t_url registration)
E=$(t_url evaluation)
N=$(t_url notification)

HTX_MAIL=htx.dua.sap@example.vn
HH_MAIL=nguyen.thi.binh@example.vn
new_producer() { # TYPE IDENTIFIER NAME EMAIL|"" -> id
    local email=${4:+,\"email\":\"$4\"}
    t_http POST "$R/v1/producers" \
        "{\"type\":\"$1\",\"identifier\":\"$2\",\"name\":\"$3\",\"representative\":\"Nguyễn Văn An\",\"commune_code\":\"29242\"$email}"
    j .id
}
HTX=$(new_producer cooperative 2100400011 "Hợp tác xã Dừa sáp Cầu Kè" "$HTX_MAIL")
HH=$(new_producer household 84A8400011 "Nguyễn Thị Bình" "$HH_MAIL")
NOMAIL=$(new_producer enterprise 2100400012 "Công ty TNHH Không Thư" "")
P1=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
P2=$(t_new_product "$HH" "Chả hoa" 8)
P3=$(t_new_product "$NOMAIL" "Bánh tét lá cẩm" 7)
known() { [[ $(t_sql notification "SELECT count(*) FROM products WHERE product_id IN ('$P1','$P2','$P3')") == 3 ]]; }
check "notification knows the three products" t_until 30 known

# Messages in the sink: count to an address whose subject or text has a word.
mails_to() { t_mails | jq -c --arg to "$1" 'select(.to | contains($to))'; }
count_to() { mails_to "$1" | jq -s --arg w "${2:-}" '[.[] | select((.subject + .text) | contains($w))] | length'; }
has_mails() { [[ $(count_to "$1" "${3:-}") -ge $2 ]]; }
row() { t_sql notification "SELECT $1 FROM mail_messages WHERE $2"; }
row_is() { [[ $(row status "$1") == "$2" ]]; }

# ---- a revoked certificate -------------------------------------------------
evaluation_knows() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }
check "evaluation knows the product" t_until 30 evaluation_knows "$P1"
t_http POST "$E/v1/certificates" \
    "{\"product_id\":\"$P1\",\"stars\":4,\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"15/QĐ-UBND\",\"issued_on\":\"2025-10-01\"}"
check_eq "a certificate is recorded" 201 "$T_STATUS"
CID=$(j .id)
NUMBER=$(j .number)
t_http POST "$E/v1/certificates/$CID/revocation" \
    '{"grounds":"other","reason":"Vi phạm quy định sử dụng nhãn <OCOP> & bao bì","decision_number":"16/QĐ-UBND","decided_on":"2025-11-01"}' \
    "If-Match: \"$(t_sql evaluation "SELECT version FROM certificates WHERE id = '$CID'")\""
check_eq "it is revoked" 200 "$T_STATUS"
check "the producer's mail arrives in the sink" t_until 30 has_mails "$HTX_MAIL" 1 "$NUMBER"
M=$(mails_to "$HTX_MAIL" | head -1)
check_eq "a multipart/alternative message with a text and an HTML part, UTF-8" \
    "multipart/alternative text/html,text/plain utf-8" \
    "$(jq -r '.content_type + " " + (.types | join(",")) + " " + (.charsets | join(",") | ascii_downcase)' <<<"$M")"
check_eq "its subject is Vietnamese and names the certificate" \
    "[OCOP] Giấy chứng nhận $NUMBER bị thu hồi" "$(jq -r .subject <<<"$M")"
check "the text greets the cooperative and gives number, product and reason" \
    jq -e --arg n "$NUMBER" '.text | contains("Kính gửi Hợp tác xã Dừa sáp Cầu Kè") and contains($n)
        and contains("Dừa sáp Cầu Kè") and contains("Vi phạm quy định sử dụng nhãn <OCOP> & bao bì")
        and contains("16/QĐ-UBND")' <<<"$M"
check "the HTML part has the number and the reason escaped" \
    jq -e --arg n "$NUMBER" '.html | contains($n) and contains("nhãn &lt;OCOP&gt; &amp; bao bì")
        and (contains("<OCOP>") | not)' <<<"$M"
check "it has a Message-ID and a Date" jq -e '(.message_id | test("^<.+@test.invalid>$")) and (.date | length > 10)' <<<"$M"
EVENT=$(row event_id "kind = 'certificate-revoked'")
check_eq "the message is recorded as sent, once, for the revocation event" "sent|1|$HTX" \
    "$(row "status || '|' || attempts || '|' || producer_id" "kind = 'certificate-revoked'")"

t_http GET "$N/v1/mail?kind=certificate-revoked"
check_eq "GET /v1/mail lists it without an address" "200 1 sent $EVENT $HTX producer false" \
    "$T_STATUS $(j '.items | length') $(j '.items[0].status') $(j '.items[0].event_id') $(j '.items[0].producer_id') $(j '.items[0].recipient') $(grep -c '@example.vn' <<<"$T_BODY" | sed 's/^0$/false/')"
t_http GET "$N/v1/mail?status=bogus&limit=0"
check_eq "bad filters are 422 naming them" "422 limit,status" "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
T_TOKEN=$(t_token producer --producer "$HTX") t_http GET "$N/v1/mail"
check_eq "a producer cannot list mail" 403 "$T_STATUS"

# Restart, then replay the same event (same ce_id): still one message. An expiry notice
# for the same product (same key, same partition) follows it, so once its mail is
# queued the replay was consumed before.
t_stop notification
t_start notification "${T_MAIL_ENV[@]}"
t_settle # the consumers have their partitions before what follows is timed
REVOKED=$(kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -o beginning -e -q -J 2>/dev/null |
    jq -c --arg id "$EVENT" 'select([.headers[]] | index($id)) | .payload | fromjson')
check_eq "the revocation event is read back from evaluation's topic" revoked "$(jq -r .status <<<"$REVOKED")"
t_event_as "$EVENT" evaluation ocop.evaluation.certificate.status_changed.v1 "$P1" "$REVOKED"
notice() { # PRODUCT NAME CERT_ID NUMBER -> an expiry notice's data
    jq -cn --arg p "$1" --arg name "$2" --arg c "$3" --arg n "$4" '{certificate_id: $c, number: $n,
        product_id: $p, product_code: "OCOP-TV-2025-00001", product_name: $name, stars: 4,
        status: "expiring", rule_set: "qd1489-2025", level: "province", decision_number: "15/QĐ-UBND",
        issued_on: "2025-10-01", expires_on: "2028-10-01", version: 1, offset_days: 30,
        due_on: "2028-09-01", days_left: 30, sent_on: "2028-09-01", skipped_offsets: [90]}'
}
t_event evaluation ocop.evaluation.certificate.expiry_notice.v1 "$P1" \
    "$(notice "$P1" "Dừa sáp Cầu Kè" "$CID" "$NUMBER")"
check "the expiry notice mail arrives (certificate expiring, mandatory)" \
    t_until 30 has_mails "$HTX_MAIL" 1 "sắp hết hiệu lực"
check_eq "the revocation mail is still in the sink once, after a restart and a replay" 1 \
    "$(count_to "$HTX_MAIL" "bị thu hồi")"
check_eq "and recorded once" 1 "$(row "count(*)" "kind = 'certificate-revoked'")"
check "the expiry notice gives days left and the last day in force" \
    jq -e '.text | contains("30") and contains("01/10/2028")' <<<"$(mails_to "$HTX_MAIL" | grep 'sắp hết')"

# ---- an application accepted, then returned for supplement ------------------
printf '%%PDF-1.4\n%% phiếu đăng ký\n' >"$T_DIR/form.pdf"
A="$R/v1/applications"
t_http POST "$A" "{\"product_id\":\"$P1\",\"kind\":\"first_time\",\"samples_count\":5}"
APP=$(j .id)
for item in registration_form self_assessment business_registration; do
    curl -s -o /dev/null -H "$(t_bearer)" -F "item=$item" -F "file=@$T_DIR/form.pdf" "$A/$APP/documents"
done
move() { t_http POST "$A/$APP/transitions" "{\"to\":\"$1\"${2:+,\"reason\":\"$2\"}}"; echo "$T_STATUS"; }
check_eq "the application is submitted, accepted and returned for supplement" "200 200 200" \
    "$(move new) $(move accepted) $(move supplement_requested "Bổ sung phiếu kết quả kiểm nghiệm vi sinh")"
check "the dossier-accepted mail arrives" t_until 30 has_mails "$HTX_MAIL" 1 "đã được tiếp nhận"
check "the supplement mail arrives with what is missing" \
    t_until 30 has_mails "$HTX_MAIL" 1 "Bổ sung phiếu kết quả kiểm nghiệm vi sinh"

# ---- opt-out ------------------------------------------------------------------
PTOKEN=$(t_token producer --producer "$HTX" --sub producer-htx)
OTHER=$(t_token producer --producer "$HH" --sub producer-hh)
T_TOKEN=$PTOKEN t_http GET "$N/v1/producers/$HTX/mail-preferences"
check_eq "a producer reads its preferences (mail wanted by default; mandatory kinds listed)" \
    "200 false true" "$T_STATUS $(j .opt_out) $(j '.mandatory_kinds | index("certificate-revoked") != null')"
T_TOKEN=$OTHER t_http GET "$N/v1/producers/$HTX/mail-preferences"
check_eq "another producer's preferences are 404" 404 "$T_STATUS"
T_TOKEN=$OTHER t_http PUT "$N/v1/producers/$HTX/mail-preferences" '{"opt_out":true}'
check_eq "and cannot be changed by it" 404 "$T_STATUS"
T_TOKEN=$PTOKEN t_http PUT "$N/v1/producers/$HTX/mail-preferences" '{"opt_out":"yes","x":1}'
check_eq "a bad body is 422 naming its fields" "422 opt_out,x" "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
T_TOKEN=$PTOKEN t_http PUT "$N/v1/producers/$HTX/mail-preferences" '{"opt_out":true}'
check_eq "the producer opts out" "200 true 1" "$T_STATUS $(j .opt_out) $(j .version)"
t_http GET "$N/v1/producers/$(cat /proc/sys/kernel/random/uuid)/mail-preferences"
check_eq "an unknown producer is 404" 404 "$T_STATUS"
RESULT=$(jq -cn --arg p "$P1" '{application_id: "5b9e2c71-3d4a-4f6b-8c2d-1e0f9a8b7c6d", product_id: $p,
    entry_id: "0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c", round_id: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    level: "province", rule_set: "qd1489-2025", score: 78.5, band_stars: 4, mandatory_cap: 5, stars: 4,
    outcome: "recognised", decision_number: "123/QĐ-UBND", decided_on: "2025-09-01", certificate_id: null,
    completed_at: "2025-09-01T08:30:00.000Z"}')
t_event evaluation ocop.evaluation.evaluation.completed.v1 "$P1" "$RESULT"
t_event evaluation ocop.evaluation.certificate.expiry_notice.v1 "$P1" \
    "$(notice "$P1" "Dừa sáp Cầu Kè" "$CID" "$NUMBER" | jq -c '.days_left = 7 | .offset_days = 7')"
check "the mandatory notice still goes to the producer who opted out" \
    t_until 30 has_mails "$HTX_MAIL" 2 "sắp hết hiệu lực"
check "the evaluation result (not mandatory) is not sent: opted_out" \
    t_until 30 row_is "kind = 'evaluation-result'" opted_out
check_eq "nothing about the result reached the sink" 0 "$(count_to "$HTX_MAIL" "Kết quả đánh giá")"
T_TOKEN=$PTOKEN t_http PUT "$N/v1/producers/$HTX/mail-preferences" '{"opt_out":false}'
check_eq "the producer opts in again" "200 false 2" "$T_STATUS $(j .opt_out) $(j .version)"
t_event promotion ocop.promotion.participation.changed.v1 "$P1" "$(jq -cn --arg p "$P1" '{
    participation_id: "5a1c9e77-0b2d-4c3e-8f4a-6b5c4d3e2f1a", product_id: $p,
    event_id: "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", event_type: "fair",
    event_name: "Hội chợ OCOP Trà Vinh 2026", starts_on: "2026-12-10", ends_on: "2026-12-14",
    status: "registered", from_status: null, booth: "A12", support_vnd: null, sales_vnd: null,
    contracts_signed: null, contracts_value_vnd: null, reason: null, cause_event_id: null,
    version: 1, changed_at: "2026-11-27T03:00:00.123Z"}')"
check "opted in again, the participation mail (not mandatory) arrives with the fair and its dates" \
    t_until 30 has_mails "$HTX_MAIL" 1 "Hội chợ OCOP Trà Vinh 2026"
check "with the booth and the first day" \
    jq -e '.text | contains("A12") and contains("10/12/2026")' <<<"$(mails_to "$HTX_MAIL" | grep 'Hội chợ' | head -1)"

# ---- no address -----------------------------------------------------------------
t_event evaluation ocop.evaluation.certificate.expiry_notice.v1 "$P3" \
    "$(notice "$P3" "Bánh tét lá cẩm" "$(cat /proc/sys/kernel/random/uuid)" "TV-CN-2025-09999")"
check "a producer without an address: no_address" \
    t_until 30 row_is "product_id = '$P3'" no_address
t_http GET "$N/v1/mail?status=no_address&producer_id=$NOMAIL"
check_eq "listed as no_address for that producer" "1 certificate-expiring" "$(j '.items | length') $(j '.items[0].kind')"

# ---- the sink down for a while: retried, delivered later -----------------------------
t_smtp_stop
t_event evaluation ocop.evaluation.certificate.expiry_notice.v1 "$P2" \
    "$(notice "$P2" "Chả hoa" "$(cat /proc/sys/kernel/random/uuid)" "TV-CN-2025-08888")"
retried() { [[ $(row "attempts || '|' || status || '|' || (last_error IS NOT NULL)" "product_id = '$P2'") =~ ^([2-9]|[1-9][0-9])\|pending\|true$ ]]; }
check "while the sink is down the household's message is retried" t_until 30 retried
t_smtp_start "$T_SMTP_PORT"
check "once it is back the message is delivered" t_until 30 has_mails "$HH_MAIL" 1 "TV-CN-2025-08888"
check "and recorded as sent" row_is "product_id = '$P2'" sent
check "the household is greeted by the name registration gives" \
    jq -e '.text | contains("Kính gửi Nguyễn Thị Bình")' <<<"$(mails_to "$HH_MAIL" | head -1)"

# ---- the service token is re-read when its file changes ---------------------------------
cp "$T_DIR/notification.token" "$T_DIR/token.good"
echo "not-a-token" >"$T_DIR/notification.token"
t_event evaluation ocop.evaluation.certificate.expiry_notice.v1 "$P2" \
    "$(notice "$P2" "Chả hoa" "$(cat /proc/sys/kernel/random/uuid)" "TV-CN-2025-07777")"
refused() { [[ $(row "status || '|' || coalesce(last_error, '')" "vars->>'certificate_number' = 'TV-CN-2025-07777'") == "pending|registration answered 401" ]]; }
check "with a bad token registration refuses and the message waits" t_until 30 refused
cp "$T_DIR/token.good" "$T_DIR/notification.token"
check "the good token, read again, gets it delivered" t_until 30 has_mails "$HH_MAIL" 1 "TV-CN-2025-07777"

# ---- tries exhausted: failed ----------------------------------------------------------------
t_smtp_stop
t_stop notification
t_start notification "${T_MAIL_ENV[@]}" OCOP_MAIL_MAX_ATTEMPTS=2
t_event evaluation ocop.evaluation.certificate.expiry_notice.v1 "$P2" \
    "$(notice "$P2" "Chả hoa" "$(cat /proc/sys/kernel/random/uuid)" "TV-CN-2025-06666")"
check "after OCOP_MAIL_MAX_ATTEMPTS tries the message is failed" \
    t_until 30 row_is "vars->>'certificate_number' = 'TV-CN-2025-06666'" failed
t_http GET "$N/v1/mail?status=failed"
check_eq "listed as failed with its tries and the SMTP error" "1 2 true" \
    "$(j '.items | length') $(j '.items[0].attempts') $(j '.items[0].last_error | startswith("SMTP:")')"

# ---- no personal data kept --------------------------------------------------------------
"$OCOP_PG_BIN/pg_dump" "$(ocop_db_url "$T_DB" notification)" -n notification >"$T_DIR/notification.sql" 2>"$T_DIR/pg_dump.err"
check "the notification schema dumps" test -s "$T_DIR/notification.sql"
check_eq "no producer e-mail address in the notification database" 0 \
    "$(grep -c -e "$HTX_MAIL" -e "$HH_MAIL" -e 'Nguyễn Thị Bình' "$T_DIR/notification.sql")"
check_eq "nor in the notification service's log" 0 \
    "$(grep -c -e "$HTX_MAIL" -e "$HH_MAIL" -e '@example.vn' "$T_DIR/logs/notification.log")"
check_eq "yet every producer message went out" 8 "$(t_mails | jq -s '[.[] | select(.to | contains("@example.vn"))] | length')"

t_check_audit
t_done

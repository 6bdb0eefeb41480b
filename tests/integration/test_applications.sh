#!/usr/bin/env bash
# Applications and their dossiers: the checklist per rule set, uploads with
# media-type checks and SHA-256, the national dossier code, the portal's
# states with who may move them and why (the token's subject and the role it
# acts as), the submitted event reaching the evaluation service, and the
# evaluation result moving the application on; the levels (QĐ 1489): intake
# at the commune, the commune council's one check-and-propose step (forwarded
# or returned for a supplement), the province's potential 5 stars on the
# product until the central council's result.
source "$(dirname "$0")/lib.sh"
t_init applications
t_start registration OCOP_MAX_UPLOAD_BYTES=200000 OCOP_AGENCY_CODE=000.00.31.H60
t_start evaluation
R=$(t_url registration)
P=$(t_new_producer enterprise 2101300001 "Công ty TNHH Trà Vinh FARM" 29347 2024-03-01)
PR=$(t_new_product "$P" "Mật hoa dừa" 4)
A="$R/v1/applications"

# Files: two PDFs, a PNG, a text file pretending to be a PDF, and one too large.
printf '%%PDF-1.4\n%% phiếu đăng ký\n' >"$T_DIR/form.pdf"
printf '%%PDF-1.7\n%% báo cáo tự đánh giá\n' >"$T_DIR/self.pdf"
printf '\x89PNG\r\n\x1a\n0000IHDR' >"$T_DIR/licence.png"
printf 'just text' >"$T_DIR/fake.pdf"
{ printf '%%PDF-1.4\n'; head -c 300000 /dev/zero; } >"$T_DIR/big.pdf"
AUTH="Authorization: Bearer $T_TOKEN"
upload() { # upload APP ITEM FILE [TYPE] -> sets T_STATUS, T_BODY
    local type=${4:-}
    T_BODY=$(curl -s -w '\n%{http_code}' -H "$AUTH" -F "item=$2" -F "file=@$3${type:+;type=$type}" "$A/$1/documents")
    T_STATUS=$(tail -1 <<<"$T_BODY")
    T_BODY=$(sed '$d' <<<"$T_BODY")
}
# One token per role, each with only that role: the producer's for P, the
# officer's for P's commune today (29347 Phú Cần became xã Tiểu Cần, 29341).
declare -A TOKENS=(
    [producer]=$(t_token producer --producer "$P" --sub producer-tvfarm)
    [portal]=$(t_token portal --sub portal-account)
    [commune_officer]=$(t_token commune_officer --commune 29341 --sub officer-tieu-can)
    [province_officer]=$(t_token province_officer --sub officer-province)
)
move() { # move APP TO ROLE [REASON]: as a caller holding only ROLE
    local reason=${4:+,\"reason\":\"$4\"}
    t_http POST "$A/$1/transitions" "{\"to\":\"$2\"$reason}" "Authorization: Bearer ${TOKENS[$3]}"
}

t_http POST "$A" "{\"product_id\":\"$PR\",\"kind\":\"first_time\",\"samples_count\":5}"
check_eq "a new application is a draft" "201 draft 0" "$T_STATUS $(j .status) $(j .portal_status.code)"
APP=$(j .id)
check_eq "its checklist says what QĐ 148 requires" "false business_registration,registration_form,self_assessment" \
    "$(j .checklist.complete) $(j '.checklist.missing | sort | join(",")')"
# An old QĐ 1048 product applying today is evaluated under the rules in force (QĐ 1489, which
# keeps QĐ 148's dossier), not under its own: it is asked for the self-assessment, not a business plan.
t_http POST "$R/v1/products" "{\"producer_id\":\"$P\",\"name\":\"Kẹo dừa sáp\",\"rule_set\":\"qd1048-2019\",\"legacy_group\":\"Thực phẩm\",\"recognised_before_platform\":true}"
t_http POST "$A" "{\"product_id\":\"$(j .id)\",\"kind\":\"upgrade\",\"samples_count\":5}"
check_eq "an old QĐ 1048 product applies under QĐ 1489, with QĐ 148's checklist" \
    "201 qd1489-2025 business_registration,registration_form,self_assessment" \
    "$T_STATUS $(j .rule_set) $(j '.checklist.missing | sort | join(",")')"
t_http POST "$A" "{\"product_id\":\"$PR\",\"kind\":\"renewal\",\"samples_count\":-1}"
check_eq "a bad application names kind and samples_count" "422 kind,samples_count" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"

t_http PATCH "$A/$APP" '{"samples_count":4,"note":"Mẫu gửi sau"}' 'If-Match: "1"'
check_eq "a draft's samples and note can be changed with If-Match" "200 4 2" \
    "$T_STATUS $(j .samples_count) $(j .version)"
t_http PATCH "$A/$APP" '{"samples_count":5}' 'If-Match: "1"'
check_eq "a stale If-Match is 412" 412 "$T_STATUS"
t_http PATCH "$A/$APP" '{"samples_count":5,"note":null}' 'If-Match: "2"' 
check_eq "five samples handed in" "200 5 null" "$T_STATUS $(j .samples_count) $(j .note)"
move "$APP" new producer
check_eq "an incomplete dossier cannot be submitted" "422 business_registration,registration_form,self_assessment" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"

upload "$APP" registration_form "$T_DIR/form.pdf"
check_eq "a PDF form is accepted" "201 application/pdf" "$T_STATUS $(j .media_type)"
check_eq "its SHA-256 is stored" "$(sha256sum "$T_DIR/form.pdf" | cut -d' ' -f1)" "$(j .sha256)"
FORM=$(j .id)
T_BODY=$(curl -s -w '\n%{http_code}' -H "$AUTH" -H 'Idempotency-Key: upload-self-1' -F item=self_assessment \
    -F "file=@$T_DIR/self.pdf;type=Application/PDF" "$A/$APP/documents")
first=$(sed '$d' <<<"$T_BODY" | jq -r .id)
check_eq "the self-assessment is accepted (declared type in any case)" 201 "$(tail -1 <<<"$T_BODY")"
upload "$APP" business_registration "$T_DIR/licence.png" image/png
check_eq "a PNG licence copy is accepted" 201 "$T_STATUS"
upload "$APP" lab_test "$T_DIR/fake.pdf" application/pdf
check_eq "a text file named .pdf is refused" "422 media_type" "$T_STATUS $(j '.errors[0].code')"
upload "$APP" lab_test "$T_DIR/licence.png" application/pdf
check_eq "a PNG declared as PDF is refused" "422 media_type" "$T_STATUS $(j '.errors[0].code')"
# A file name that is not UTF-8 (found by fuzz.upload): refused, not a 500 from PostgreSQL.
T_BODY=$(curl -s -w '\n%{http_code}' -H "$AUTH" -F item=lab_test \
    -F "file=@$T_DIR/form.pdf;filename=$(printf 'phi\xe1u.pdf')" "$A/$APP/documents")
check_eq "a file name that is not UTF-8 is refused" "422 format" \
    "$(tail -1 <<<"$T_BODY") $(sed '$d' <<<"$T_BODY" | jq -r '.errors[0].code')"
upload "$APP" passport "$T_DIR/form.pdf"
check_eq "an unknown item is refused" "422 item" "$T_STATUS $(j '.errors[0].field')"
upload "$APP" lab_test "$T_DIR/big.pdf"
check_eq "a file over the upload limit is 413" 413 "$T_STATUS"
t_http POST "$A/$APP/documents" '{"item":"lab_test"}'
check_eq "a JSON body is not an upload" 415 "$T_STATUS"
check_eq "refused uploads stored nothing" 3 "$(t_sql registration "SELECT count(*) FROM dossier_documents")"

curl -s -H "$AUTH" -D "$T_DIR/dl.h" -o "$T_DIR/dl.pdf" "$A/$APP/documents/$FORM"
check "the document downloads byte for byte" cmp -s "$T_DIR/form.pdf" "$T_DIR/dl.pdf"
check "with its digest and type" grep -qi "x-content-sha256: $(sha256sum "$T_DIR/form.pdf" | cut -d' ' -f1)" "$T_DIR/dl.h"

move "$APP" new commune_officer
check_eq "an officer cannot submit for the producer" "403 FORBIDDEN" "$T_STATUS $(j .code)"
move "$APP" new producer
check_eq "the producer submits the complete dossier" "200 new 1" "$T_STATUS $(j .status) $(j .portal_status.code)"
today=$(TZ=Asia/Ho_Chi_Minh date +%y%m%d)
check_eq "it gets a national dossier code" "000.00.31.H60-$today-0001" "$(j .dossier_code)"
CODE=$(j .dossier_code)
check_eq "the submitted event is in the outbox" 1 "$(t_sql registration \
    "SELECT count(*) FROM outbox WHERE event_type = 'ocop.registration.application.submitted.v1' AND subject = '$APP'")"
ms=$(t_wait_status "$(t_url evaluation)/v1/applications/$APP" 200 10)
check "evaluation receives the application as a candidate (${ms:-never} ms)" test -n "$ms"
t_http GET "$(t_url evaluation)/v1/applications/$APP"
check_eq "evaluation knows its dossier code, status and product" "$CODE new Mật hoa dừa" \
    "$(j .dossier_code) $(j .registry_status) $(j .product.name)"

upload "$APP" lab_test "$T_DIR/form.pdf"
check_eq "no upload once submitted" 409 "$T_STATUS"
move "$APP" rejected_at_intake commune_officer
check_eq "rejecting at intake needs a reason" "422 reason" "$T_STATUS $(j '.errors[0].field')"
move "$APP" accepted commune_officer
check_eq "the commune officer accepts it" "200 accepted 2" "$T_STATUS $(j .status) $(j .portal_status.code)"
move "$APP" processing commune_officer
check_eq "only the province starts processing" 403 "$T_STATUS"
move "$APP" processing province_officer
check_eq "the province starts processing" "200 processing" "$T_STATUS $(j .status)"
move "$APP" supplement_requested province_officer "Bổ sung phiếu kiểm nghiệm"
check_eq "a supplement is requested with a reason" "200 supplement_requested 5" \
    "$T_STATUS $(j .status) $(j .portal_status.code)"
upload "$APP" lab_test "$T_DIR/self.pdf"
check_eq "the producer adds the lab test" 201 "$T_STATUS"
move "$APP" processing producer
check_eq "and hands the dossier back" "200 processing" "$T_STATUS $(j .status)"
move "$APP" new producer
check_eq "an impossible transition is 409" "409 CONFLICT" "$T_STATUS $(j .code)"

# The evaluation result arrives as an event from the evaluation service.
kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -k "$APP" \
    -H ce_specversion=1.0 -H "ce_id=$(cat /proc/sys/kernel/random/uuid)" -H ce_source=/ocop/evaluation \
    -H ce_type=ocop.evaluation.evaluation.completed.v1 -H "ce_subject=$APP" \
    -H ce_time=2026-11-29T10:00:00Z -H content-type=application/json \
    <<<"{\"application_id\":\"$APP\",\"product_id\":\"$PR\",\"stars\":4,\"score\":78.5,\"decision_number\":\"123/QĐ-UBND\"}"
for ((i = 0; i < 100; i++)); do
    t_http GET "$A/$APP"
    [[ $(j .status) == processed ]] && break
    sleep 0.1
done
check_eq "the evaluation result moves it to processed" "processed 9 4" \
    "$(j .status) $(j .portal_status.code) $(j .result.stars)"
move "$APP" result_returned province_officer
check_eq "the province returns the result" "200 result_returned 10" \
    "$T_STATUS $(j .status) $(j .portal_status.code)"
check_eq "every transition is recorded with the role and the token's subject" \
    "new:producer:producer-tvfarm accepted:commune_officer:officer-tieu-can processing:province_officer:officer-province supplement_requested:province_officer:officer-province processing:producer:producer-tvfarm processed:system:system result_returned:province_officer:officer-province" \
    "$(j '[.transitions[] | "\(.to):\(.role):\(.actor)"] | join(" ")')"
check_eq "the supplement request kept its reason" "Bổ sung phiếu kiểm nghiệm" \
    "$(j '[.transitions[] | select(.to == "supplement_requested") | .reason][0]')"

t_http POST "$A" "{\"product_id\":\"$PR\",\"kind\":\"re_recognition\"}"
APP2=$(j .id)
check_eq "re-recognition needs the form and the three-year report, no samples" \
    "registration_form,three_year_report 0" \
    "$(j '.checklist.missing | sort | join(",")') $(j .checklist.samples.required)"
upload "$APP2" registration_form "$T_DIR/form.pdf"
upload "$APP2" three_year_report "$T_DIR/self.pdf"
move "$APP2" new portal
check_eq "the portal submits on the producer's behalf; the day's second dossier" \
    "200 000.00.31.H60-$today-0002 portal" "$T_STATUS $(j .dossier_code) $(j '.transitions[-1].role')"

# --- the levels (QĐ 1489): the commune's intake here, its one check-and-propose step in evaluation ---
EV=$(t_url evaluation)
move "$APP2" accepted commune_officer
check_eq "the commune officer's acceptance is the intake (tiếp nhận) only" "200 accepted" "$T_STATUS $(j .status)"
ev_knows() { [[ $(t_sql evaluation "SELECT registry_status FROM applications WHERE application_id = '$APP2'") == "$1" ]]; }
check "evaluation sees the dossier accepted" t_until 20 ev_knows accepted
ev_council() { # ev_council LEVEL DECISION [TERRITORY] -> COUNCIL, MEMBER (its chair)
    t_http POST "$EV/v1/councils" "{\"name\":\"Hội đồng OCOP $1\",\"level\":\"$1\",\"decision_number\":\"$2\",\"decided_on\":\"2025-07-01\"${3:+,\"territory\":\"$3\"}}"
    COUNCIL=$(j .id)
    t_http POST "$EV/v1/councils/$COUNCIL/members" '{"full_name":"Chủ tịch hội đồng","role":"chair","organisation":"UBND"}'
    MEMBER=$(j .id)
}
ev_round() { # ev_round COUNCIL LEVEL SEQ STARTS: an open round with APP2 entered -> ROUND, ENTRY
    t_http POST "$EV/v1/rounds" "{\"year\":2025,\"sequence\":$3,\"level\":\"$2\",\"name\":\"Đợt $3\",\"council_id\":\"$1\",\"starts_on\":\"$4\",\"ends_on\":\"2025-12-31\",\"quorum\":1}"
    ROUND=$(j .id)
    t_http POST "$EV/v1/rounds/$ROUND/transitions" '{"to":"open"}'
    t_http POST "$EV/v1/rounds/$ROUND/entries" "{\"application_id\":\"$APP2\"}"
    ENTRY=$(j .id)
}
ev_result() { # ev_result BODY: the entry's result, once its round is scoring
    t_http POST "$EV/v1/rounds/$ROUND/transitions" '{"to":"scoring"}'
    t_http POST "$EV/v1/entries/$ENTRY/result" "$1"
}
in_registry() { t_http GET "$A/$APP2"; [[ $(j .status) == "$1" ]]; }
# the product was registered under Phú Cần (29347), today part of xã Tiểu Cần (29341)
ev_council commune 21/QĐ-UBND 29341; CX=$COUNCIL
ev_round "$CX" commune 1 2025-07-10
check_eq "xã Tiểu Cần's council takes a product registered under Phú Cần" 201 "$T_STATUS"
ev_result '{"precheck":"passed"}'
check_eq "the commune checks and proposes it to the province" "200 forwarded province" \
    "$T_STATUS $(j .result.outcome) $(j .result.forwarded_to)"
check "so the registry shows the dossier with the province: processing" t_until 20 in_registry processing
check_eq "moved by the system on the forwarded event" "processing 4 system" \
    "$(j .status) $(j .portal_status.code) $(j '.transitions[-1].role')"
ev_round "$CX" commune 2 2025-08-01
ev_result '{"precheck":"failed","reason":"Thiếu báo cáo ba năm có xác nhận"}'
check_eq "a second check returns the dossier" "200 returned" "$T_STATUS $(j .result.outcome)"
check "the returned dossier asks the producer for a supplement" t_until 20 in_registry supplement_requested
check_eq "with the commune's reasons, by the system" "5 system Thiếu báo cáo ba năm có xác nhận" \
    "$(j .portal_status.code) $(j '.transitions[-1].role') $(j '.transitions[-1].reason')"
move "$APP2" processing portal
check_eq "the producer supplements and resubmits it" "200 processing" "$T_STATUS $(j .status)"
check "evaluation sees it again" t_until 20 ev_knows processing
ev_council province 22/QĐ-UBND; CPV=$COUNCIL MPV=$MEMBER
ev_round "$CPV" province 3 2025-09-01; RPV=$ROUND
check_eq "the province does not take a dossier its commune returned last" "409 true" \
    "$T_STATUS $(j .detail | grep -q 'returned the dossier' && echo true)"
ev_round "$CX" commune 3 2025-08-15
check_eq "the resubmitted dossier is entered again in a commune round" 201 "$T_STATUS"
ev_result '{"precheck":"passed"}'
t_http POST "$EV/v1/rounds/$RPV/entries" "{\"application_id\":\"$APP2\"}"
ROUND=$RPV ENTRY=$(j .id)
check_eq "now the province takes it" 201 "$T_STATUS"
t_http POST "$EV/v1/rounds/$RPV/transitions" '{"to":"scoring"}'
t_http PUT "$EV/v1/entries/$ENTRY/sheets/$MPV" '{"parts":{"A":40,"B":25,"C":25}}' \
    "Authorization: Bearer $(t_token council_member --member "$MPV")"
t_http POST "$EV/v1/entries/$ENTRY/result" '{"decision_number":"150/QĐ-UBND","decided_on":"2025-09-20"}'
check_eq "90 at the province is potential 5 stars" "200 forwarded central true" \
    "$T_STATUS $(j .result.outcome) $(j .result.forwarded_to) $(j .result.potential_5_star)"
PROVINCE_ENTRY=$ENTRY
potential() { t_http GET "$R/v1/products/$PR"; [[ $(j '.ocop.potential_5_star != null') == "$1" ]]; }
check "the registry shows the product's potential 5 stars" t_until 20 potential true
check_eq "since the province's decision, with its score and entry" "2025-09-20 90 $PROVINCE_ENTRY" \
    "$(j .ocop.potential_5_star.since) $(j .ocop.potential_5_star.score) $(j .ocop.potential_5_star.entry_id)"
check_eq "kept in potential_5_star_since" 2025-09-20 \
    "$(t_sql registration "SELECT potential_5_star_since FROM products WHERE id = '$PR'")"
ev_council central 23/QĐ-BNNMT; CC=$COUNCIL MC=$MEMBER
ev_round "$CC" central 4 2025-10-01
check_eq "the central council takes what the province forwarded" 201 "$T_STATUS"
t_http POST "$EV/v1/rounds/$ROUND/transitions" '{"to":"scoring"}'
t_http PUT "$EV/v1/entries/$ENTRY/sheets/$MC" '{"parts":{"A":40,"B":25,"C":27}}' \
    "Authorization: Bearer $(t_token council_member --member "$MC")"
t_http POST "$EV/v1/entries/$ENTRY/result" '{"decision_number":"55/QĐ-BNNMT","decided_on":"2025-10-20","certificate_number":"12/GCN-BNNMT"}'
check_eq "the central council recognises 5 stars" "200 recognised 5" "$T_STATUS $(j .result.outcome) $(j .result.stars)"
check "its result clears the potential 5 stars" t_until 20 potential false
t_http GET "$A/$APP2"
check_eq "and the dossier is processed" "processed 9" "$(j .status) $(j .portal_status.code)"
t_http GET "$A?status=result_returned"
check_eq "applications can be listed by status" "1 $APP" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$A/00000000-0000-4000-8000-000000000000"
check_eq "an unknown application is 404" 404 "$T_STATUS"
t_http POST "$A" "{\"product_id\":\"$PR\",\"kind\":\"upgrade\"}"
APP3=$(j .id)
t_http POST "$A/$APP3/transitions" '{"to":"withdrawn","role":"producer","actor":"Nguyễn Thị Mai"}'
check_eq "a body that names its role and actor is refused" "422 actor,role unknown,unknown" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")') $(j '[.errors[].code] | join(",")')"
t_http POST "$A/$APP3/transitions" '{"to":"withdrawn"}'
check_eq "the all-roles officer withdraws as the first role of the transition that it holds" \
    "200 producer test-officer" "$T_STATUS $(j '.transitions[-1].role') $(j '.transitions[-1].actor')"
t_http POST "$A" "{\"product_id\":\"$PR\",\"kind\":\"upgrade\"}"
APP3=$(j .id)
move "$APP3" withdrawn producer
check_eq "a draft can be withdrawn" "200 withdrawn null" "$T_STATUS $(j .status) $(j .dossier_code)"
sleep 1
check_eq "evaluation ignores a draft that was never submitted" 0 \
    "$(t_sql evaluation "SELECT count(*) FROM inbox WHERE outcome = 'dead_lettered'")"
t_http GET "$(t_url evaluation)/v1/applications/$APP3"
check_eq "and keeps no candidate for it" 404 "$T_STATUS"

# --- the cycle before the dossier (issue 14): a product idea screened at the commune, a business
# plan for it, both linked to a dossier; the product's cycle history and the plan's indicators ---
I="$R/v1/ideas" BP="$R/v1/business-plans"
as() { # as ROLE METHOD URL [BODY [HEADER...]]: t_http with the token of a caller holding only ROLE
    local role=$1 method=$2 url=$3 body=${4:-}
    shift 4 2>/dev/null || shift $#
    t_http "$method" "$url" "$body" "Authorization: Bearer ${TOKENS[$role]}" "$@"
}
as producer POST "$I" "{\"producer_id\":\"$P\",\"form\":\"existing_product\",\"name\":\"Mật hoa dừa\",\"year\":2026}"
check_eq "form 2 (an existing product) needs its product" "422 product_id required" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as producer POST "$I" '{"producer_id":"00000000-0000-4000-8000-000000000000","form":"new_product","name":"Trà mãng cầu","year":2026}'
check_eq "a producer registers ideas for its own producers only" "422 producer_id not_found" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as producer POST "$I" "{\"producer_id\":\"$P\",\"form\":\"new_product\",\"name\":\"Trà mãng cầu túi lọc\",\"criteria_set\":12,\"year\":2026}"
check_eq "form 1: a new product's idea is submitted, in the producer's current commune, its group's sector" \
    "201 submitted null 29341 12 I" "$T_STATUS $(j .status) $(j .product_id) $(j .commune_code) $(j .criteria_set) $(j .sector)"
IDEA=$(j .id)
as producer POST "$BP" "{\"idea_id\":\"$IDEA\",\"document\":{\"title\":\"Phương án SXKD\",\"url\":\"https://vb.travinh.gov.vn/pa/1.pdf\"},\"investment_vnd\":850000000,\"capacity\":{\"value\":12.5,\"unit\":\"tấn/năm\"},\"expected_revenue_vnd\":1200000000,\"labour\":14}"
check_eq "no business plan for an idea not yet accepted" "422 idea_id status" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
imove() { as "$3" POST "$I/$1/transitions" "$2"; }
imove "$IDEA" '{"to":"accepted"}' producer
check_eq "the producer does not screen its own idea" 403 "$T_STATUS"
imove "$IDEA" '{"to":"returned"}' commune_officer
check_eq "a return must give reasons" "422 reasons required" "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
imove "$IDEA" '{"to":"returned","reasons":["Chưa nêu rõ nguồn nguyên liệu"]}' commune_officer
check_eq "the commune officer returns it with its reasons" "200 returned 2" "$T_STATUS $(j .status) $(j .version)"
imove "$IDEA" '{"to":"submitted"}' producer
check_eq "it is resubmitted only after a change" 409 "$T_STATUS"
as producer PATCH "$I/$IDEA" '{"description":"Nguyên liệu từ vùng mãng cầu 5 ha ở ấp Cây Ổi"}' 'If-Match: "2"'
check_eq "the producer changes the returned idea" "200 3 changed" "$T_STATUS $(j .version) $(j '.history[-1].kind')"
imove "$IDEA" '{"to":"submitted"}' producer
check_eq "and resubmits it within the window" "200 submitted" "$T_STATUS $(j .status)"
imove "$IDEA" '{"to":"accepted"}' commune_officer
check_eq "the commune accepts it, today" "200 accepted $(TZ=Asia/Ho_Chi_Minh date +%F)" "$T_STATUS $(j .status) $(j .accepted_on)"
check_eq "its history: who (role, subject), what, why" \
    "null>submitted:producer:producer-tvfarm submitted>returned:commune_officer:officer-tieu-can:Chưa nêu rõ nguồn nguyên liệu changed:producer returned>submitted:producer:producer-tvfarm submitted>accepted:commune_officer:officer-tieu-can" \
    "$(j '[.history[] | if .kind == "changed" then "changed:\(.role)" else "\(.from)>\(.to):\(.role):\(.actor)\(if .reasons then ":" + (.reasons | join(";")) else "" end)" end] | join(" ")')"
imove "$IDEA" '{"to":"returned","reasons":["Xem lại"]}' province_officer
check_eq "accepted is final" 409 "$T_STATUS"
# the window (OCOP_IDEA_RESUBMIT_DAYS, 30 by default): an idea returned 31 days ago is too late
as producer POST "$I" "{\"producer_id\":\"$P\",\"form\":\"existing_product\",\"product_id\":\"$PR\",\"name\":\"Mật hoa dừa\",\"year\":2026}"
IDEA2=$(j .id)
imove "$IDEA2" '{"to":"returned","reasons":["Thiếu mô tả quy trình"]}' commune_officer
as producer PATCH "$I/$IDEA2" '{"description":"Quy trình: thu hoạch, cô đặc, đóng chai"}' 'If-Match: "2"'
t_sql registration "UPDATE ideas SET returned_on = returned_on - 31 WHERE id = '$IDEA2'" >/dev/null
imove "$IDEA2" '{"to":"submitted"}' producer
check_eq "returned 31 days ago: the window has closed" "422 to expired" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
t_sql registration "UPDATE ideas SET returned_on = returned_on + 1 WHERE id = '$IDEA2'" >/dev/null
imove "$IDEA2" '{"to":"submitted"}' producer
check_eq "returned 30 days ago: still open" "200 submitted" "$T_STATUS $(j .status)"
# the business plan
as producer POST "$BP" "{\"idea_id\":\"$IDEA\",\"document\":{\"title\":\"Phương án SXKD\",\"url\":\"http://vb.travinh.gov.vn/pa/1.pdf\",\"document_id\":\"$IDEA\"},\"investment_vnd\":-1,\"capacity\":{\"value\":0,\"unit\":\"tấn/năm\"},\"expected_revenue_vnd\":1,\"labour\":14}"
check_eq "a bad plan names every bad member" "422 capacity.value,document.document_id,document.url,investment_vnd" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
as producer POST "$BP" "{\"idea_id\":\"$IDEA\",\"document\":{\"title\":\"Phương án SXKD\",\"url\":\"https://vb.travinh.gov.vn/pa/1.pdf\"},\"investment_vnd\":850000000,\"capacity\":{\"value\":12.5,\"unit\":\"tấn/năm\"},\"expected_revenue_vnd\":1200000000,\"labour\":14}"
check_eq "the producer submits a plan for the accepted idea" "201 submitted 12.5" "$T_STATUS $(j .status) $(j .capacity.value)"
PLAN=$(j .id)
pmove() { as "$3" POST "$BP/$1/transitions" "$2"; }
pmove "$PLAN" '{"to":"approved"}' producer
check_eq "the producer does not approve its own plan" 403 "$T_STATUS"
pmove "$PLAN" '{"to":"returned","reasons":["Vốn đầu tư chưa đủ cho máy đóng gói"]}' province_officer
as producer PATCH "$BP/$PLAN" '{"investment_vnd":900000000,"labour":14}' 'If-Match: "2"'
check_eq "a returned plan's figures change; the history keeps the one that did" "200 850000000>900000000" \
    "$T_STATUS $(j '.history[-1].changes | to_entries | map("\(.value.from)>\(.value.to)") | join(",")')"
pmove "$PLAN" '{"to":"submitted"}' producer
pmove "$PLAN" '{"to":"approved"}' commune_officer
check_eq "resubmitted, the commune approves it" "200 approved" "$T_STATUS $(j .status)"
as producer PATCH "$BP/$PLAN" '{"labour":15}' 'If-Match: "5"'
check_eq "an approved plan is final" 409 "$T_STATUS"
# the links of a dossier
t_http POST "$A" "{\"product_id\":\"$PR\",\"kind\":\"upgrade\",\"idea_id\":\"$IDEA\",\"business_plan_id\":\"$PLAN\"}"
check_eq "a new product's idea not yet linked to the product does not fit its dossier" \
    "422 business_plan_id:mismatch,idea_id:mismatch" "$T_STATUS $(j '[.errors[] | "\(.field):\(.code)"] | sort | join(",")')"
t_http POST "$A" "{\"product_id\":\"$PR\",\"kind\":\"upgrade\",\"idea_id\":\"$IDEA2\"}"
check_eq "nor does an idea not accepted" "422 idea_id:status" "$T_STATUS $(j '[.errors[] | "\(.field):\(.code)"] | join(",")')"
PR3=$(t_new_product "$P" "Trà mãng cầu túi lọc" 12)
as producer PATCH "$I/$IDEA" "{\"product_id\":\"$PR3\"}" 'If-Match: "5"'
check_eq "once registered, the product is linked to its accepted idea" "200 $PR3" "$T_STATUS $(j .product_id)"
t_http POST "$A" "{\"product_id\":\"$PR3\",\"kind\":\"first_time\",\"samples_count\":5,\"idea_id\":\"$IDEA\",\"business_plan_id\":\"$PLAN\"}"
check_eq "its dossier rests on the accepted idea and the approved plan" "201 $IDEA $PLAN" \
    "$T_STATUS $(j .idea_id) $(j .business_plan_id)"
APP4=$(j .id)
t_http GET "$R/v1/products/$PR3/history"
check_eq "the product's history: idea, then plan, each move in order, summaries in Vietnamese" \
    "idea:submitted idea:returned idea:resubmitted idea:accepted business_plan:submitted business_plan:returned business_plan:resubmitted business_plan:approved|Ý tưởng sản phẩm được chấp nhận" \
    "$(j '[.items[] | "\(.step):\(.kind)"] | join(" ")')|$(j '.items[3].summary')"
OTHER_COMMUNE="Authorization: Bearer $(t_token commune_officer --commune 29302 --sub officer-nhi-long)"
t_http GET "$I/$IDEA" "" "$OTHER_COMMUNE"
check_eq "another commune's officer does not see the idea" 404 "$T_STATUS"
t_http POST "$I/$IDEA2/transitions" '{"to":"accepted"}' "$OTHER_COMMUNE"
check_eq "nor screens it" 404 "$T_STATUS"
t_http GET "$I?status=accepted&commune_code=29341"
check_eq "the province lists the commune's accepted ideas" "1 $IDEA" "$(j '.items | length') $(j '.items[0].id')"
as producer GET "$BP?idea_id=$IDEA"
check_eq "plans are listed by idea" "1 $PLAN" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$R/v1/statistics?year=$(TZ=Asia/Ho_Chi_Minh date +%Y)"
check_eq "the plan's indicators count the idea accepted and the plan approved, by commune" "1 1 29341:1" \
    "$(j '.progress[] | select(.indicator == "ideas_accepted") | .actual') $(j '.progress[] | select(.indicator == "business_plans_approved") | .actual') $(j '.progress[] | select(.indicator == "ideas_accepted") | .breakdown | map("\(.key):\(.count)") | join(",")')"
check_eq "each registration and move of an idea or a plan is an event" "4 3 4" "$(t_sql registration \
    "SELECT count(*) FILTER (WHERE subject = '$IDEA'), count(*) FILTER (WHERE subject = '$IDEA2'), count(*) FILTER (WHERE subject = '$PLAN') FROM outbox WHERE event_type IN ('ocop.registration.idea.status_changed.v1', 'ocop.registration.business_plan.status_changed.v1')" | tr '|' ' ')"
t_check_events registration
t_done

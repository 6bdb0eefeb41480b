#!/usr/bin/env bash
# The programme's whole story through the three real services, PostgreSQL and
# the broker, checking every service's view at each step: a producer and a
# product are registered; an application is submitted and taken in; the
# commune council proposes it to the province; a province round scores it 4 stars and a certificate is issued; registration
# shows 4 stars; promotion lists it in the catalogue, accepts it into a fair
# and records a signed linkage with a supermarket; evaluation shows the
# linkage as market evidence; an inspection of a market sample ends in a
# recall; promotion suspends the linkage, withdraws the participation and
# delists the product; registration shows the inspection outcome. Then every
# event on the three topics validates against its schema, and replaying every
# topic from the beginning into the consumers changes nothing.
#
# Prints the story's total time and every cross-service hop (the time from the
# write to the other service's view showing it); STORY_TIMES in the log.
source "$(dirname "$0")/lib.sh"
t_init story
t_start registration OCOP_AGENCY_CODE=000.00.31.H60
t_start evaluation
t_start promotion
t_settle # every consumer has its partitions before anything is timed or faulted
R=$(t_url registration) E=$(t_url evaluation) P=$(t_url promotion)
STORY_T0=$(date +%s%N)
declare -A HOPS

# hop NAME SECONDS COMMAND...: polls COMMAND every 10 ms until it succeeds; records how long
# the other service took to show the write (ms, polling included).
hop() {
    local name=$1 secs=$2 t0 now
    shift 2
    t0=$(date +%s%N)
    while ! "$@"; do
        now=$(date +%s%N)
        if (((now - t0) / 1000000 > secs * 1000)); then
            HOPS[$name]=timeout
            return 1
        fi
        sleep 0.01
    done
    HOPS[$name]=$((($(date +%s%N) - t0) / 1000000))
}
jget() { curl -s --max-time 5 -H "Authorization: Bearer $T_TOKEN" "$1" | jq -r "$2"; }
is() { [[ $(jget "$1" "$2") == "$3" ]]; }
TODAY=$(TZ=Asia/Ho_Chi_Minh date +%F) # the services count days in Vietnam
YEAR=${TODAY:0:4}

# --- 1. registration: a cooperative and its product ----------------------------------------------
HTX=$(t_new_producer cooperative 2100300077 "Hợp tác xã Nông nghiệp Cầu Kè" 29302)
PR=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 7)
check "a producer and a product are registered" test -n "$HTX" -a -n "$PR" -a "$PR" != null
check "the product reaches evaluation" hop "registration -> evaluation (product)" 10 \
    is "$E/v1/products/$PR" .name "Dừa sáp Cầu Kè"
check "and promotion" hop "registration -> promotion (product)" 10 is "$P/v1/products/$PR" .name "Dừa sáp Cầu Kè"

# --- 1b. the cycle before the dossier (domain §3, steps 2 to 4): idea, business plan, support --------
COMMUNE_OFFICER="Authorization: Bearer $(t_token commune_officer --commune 29302 --sub officer-cau-ke)"
t_http POST "$R/v1/ideas" "{\"producer_id\":\"$HTX\",\"form\":\"new_product\",\"name\":\"Dừa sáp Cầu Kè\",\"sector\":\"I\",\"year\":$YEAR}"
IDEA=$(j .id)
t_http POST "$R/v1/ideas/$IDEA/transitions" '{"to":"accepted"}' "$COMMUNE_OFFICER"
check_eq "the commune accepts the product idea (form 1)" "200 accepted" "$T_STATUS $(j .status)"
t_http PATCH "$R/v1/ideas/$IDEA" "{\"product_id\":\"$PR\"}" 'If-Match: "2"'
check_eq "the registered product is linked to its idea" "200 $PR" "$T_STATUS $(j .product_id)"
t_http POST "$R/v1/business-plans" "{\"idea_id\":\"$IDEA\",\"document\":{\"title\":\"Phương án sản xuất kinh doanh dừa sáp\",\"url\":\"https://vanban.travinh.gov.vn/pa/dua-sap.pdf\"},\"investment_vnd\":600000000,\"capacity\":{\"value\":40,\"unit\":\"tấn/năm\"},\"expected_revenue_vnd\":2400000000,\"labour\":22}"
PLAN=$(j .id)
t_http POST "$R/v1/business-plans/$PLAN/transitions" '{"to":"approved"}' "$COMMUNE_OFFICER"
check_eq "its business plan is approved" "200 approved" "$T_STATUS $(j .status)"
t_http POST "$R/v1/support-payments" "{\"producer_id\":\"$HTX\",\"product_id\":\"$PR\",\"kind\":\"packaging_label_design\",\"amount_vnd\":8000000,\"eligible_cost_vnd\":9500000,\"paid_on\":\"$TODAY\",\"decision_number\":\"77/QĐ-SNN\",\"business_plan_id\":\"$PLAN\"}"
SUPPORT=$(j .id)
check_eq "the plan is carried out with support for its packaging and label, in the ledger" "201 paid $PLAN" \
    "$T_STATUS $(j .status) $(j .business_plan_id)"

# --- 2. an application submitted and accepted ------------------------------------------------------
A="$R/v1/applications"
t_http POST "$A" "{\"product_id\":\"$PR\",\"kind\":\"first_time\",\"samples_count\":5,\"idea_id\":\"$IDEA\",\"business_plan_id\":\"$PLAN\"}"
APP=$(j .id)
check_eq "the dossier links back to its idea and plan" "201 $IDEA $PLAN" "$T_STATUS $(j .idea_id) $(j .business_plan_id)"
printf '%%PDF-1.4\n%% hồ sơ\n' >"$T_DIR/doc.pdf"
for item in registration_form self_assessment business_registration; do
    curl -s -o /dev/null -H "Authorization: Bearer $T_TOKEN" -F "item=$item" \
        -F "file=@$T_DIR/doc.pdf;type=application/pdf" "$A/$APP/documents"
done
# move_app STATUS TOKEN: each move by the role that makes it, the actor being the token's subject.
move_app() { t_http POST "$A/$APP/transitions" "{\"to\":\"$1\"}" "Authorization: Bearer $2"; }
move_app new "$(t_token producer --producer "$HTX" --sub producer-htx)"
check_eq "the producer submits the dossier" "200 new" "$T_STATUS $(j .status)"
move_app accepted "$(t_token commune_officer --commune 29302 --sub officer-cau-ke)"
check_eq "the commune officer takes the dossier in (intake)" "200 accepted" "$T_STATUS $(j .status)"
check "the accepted application is a candidate in evaluation" hop "registration -> evaluation (application)" 10 \
    is "$E/v1/applications/$APP" .registry_status accepted

# --- 3. the commune council checks and proposes it (QĐ 1489), once --------------------------------------
t_http POST "$E/v1/councils" "{\"name\":\"Hội đồng OCOP xã\",\"level\":\"commune\",\"decision_number\":\"90/QĐ-UBND\",\"decided_on\":\"$YEAR-01-05\",\"territory\":\"29302\"}"
COMMUNE=$(j .id)
t_http POST "$E/v1/councils/$COMMUNE/members" '{"full_name":"Nguyễn Văn Xã","role":"chair","organisation":"UBND xã"}'
t_http POST "$E/v1/rounds" "{\"year\":$YEAR,\"sequence\":1,\"level\":\"commune\",\"name\":\"Đợt 1/$YEAR\",\"council_id\":\"$COMMUNE\",\"starts_on\":\"$TODAY\",\"ends_on\":\"$TODAY\"}"
CROUND=$(j .id)
t_http POST "$E/v1/rounds/$CROUND/transitions" '{"to":"open"}'
t_http POST "$E/v1/rounds/$CROUND/entries" "{\"application_id\":\"$APP\"}"
CENTRY=$(j .id)
t_http POST "$E/v1/rounds/$CROUND/transitions" '{"to":"scoring"}'
t_http POST "$E/v1/entries/$CENTRY/result" '{"precheck":"passed"}'
check_eq "the commune council's pre-check proposes it to the province" "200 forwarded province" \
    "$T_STATUS $(j .result.outcome) $(j .result.forwarded_to)"
check "so the registry shows the dossier with the province" hop "evaluation -> registration (forwarded)" 10 \
    is "$A/$APP" .status processing

# --- 4. a province round scores it 4 stars; a certificate is issued ------------------------------------
t_http POST "$E/v1/councils" "{\"name\":\"Hội đồng OCOP tỉnh\",\"level\":\"province\",\"decision_number\":\"100/QĐ-UBND\",\"decided_on\":\"$YEAR-01-05\"}"
COUNCIL=$(j .id)
declare -a MEMBERS
for who in "chair Trần Văn An" "member Lê Thị Bình" "member Phạm Văn Cường"; do
    t_http POST "$E/v1/councils/$COUNCIL/members" "{\"full_name\":\"${who#* }\",\"role\":\"${who%% *}\",\"organisation\":\"Sở Nông nghiệp và Môi trường\"}"
    MEMBERS+=("$(j .id)")
done
t_http POST "$E/v1/rounds" "{\"year\":$YEAR,\"sequence\":1,\"level\":\"province\",\"name\":\"Đợt 1/$YEAR\",\"council_id\":\"$COUNCIL\",\"starts_on\":\"$TODAY\",\"ends_on\":\"$TODAY\"}"
ROUND=$(j .id)
check_eq "a province round under the rule set in force today" "201 qd1489-2025" "$T_STATUS $(j .rule_set)"
t_http POST "$E/v1/rounds/$ROUND/transitions" '{"to":"open"}'
t_http POST "$E/v1/rounds/$ROUND/entries" "{\"application_id\":\"$APP\"}"
ENTRY=$(j .id)
t_http POST "$E/v1/rounds/$ROUND/transitions" '{"to":"scoring"}'
# each member sends its own sheet, with a token naming its membership
t_http PUT "$E/v1/entries/$ENTRY/sheets/${MEMBERS[0]}" '{"parts":{"A":32,"B":20,"C":26}}' \
    "Authorization: Bearer $(t_token council_member --member "${MEMBERS[0]}")"
t_http PUT "$E/v1/entries/$ENTRY/sheets/${MEMBERS[1]}" '{"parts":{"A":33,"B":20,"C":27}}' \
    "Authorization: Bearer $(t_token council_member --member "${MEMBERS[1]}")"
check_eq "the members send their sheets" 200 "$T_STATUS"
t_http POST "$E/v1/entries/$ENTRY/result" "{\"decision_number\":\"1234/QĐ-UBND\",\"decided_on\":\"$TODAY\"}"
CERT=$(j .result.certificate_id)
check_eq "the council's mean 79 gives 4 stars, recognised with a certificate" "200 79 4 recognised true" \
    "$T_STATUS $(j .result.score) $(j .result.stars) $(j .result.outcome) $(j '.result.certificate_id != null')"
check "registration records the result: the application is processed" hop "evaluation -> registration (result)" 10 \
    is "$A/$APP" .status processed
check "registration shows the product as 4 stars with its certificate" \
    hop "evaluation -> registration (certificate)" 10 is "$R/v1/products/$PR" '"\(.ocop.stars) \(.ocop.certificate.certificate_id) \(.status)"' "4 $CERT certified"
t_http GET "$E/v1/certificates/$CERT"
check_eq "the certificate: valid 36 months, under QĐ 1489, from the council's decision" \
    "valid 4 qd1489-2025 1234/QĐ-UBND $ENTRY" \
    "$(j .status) $(j .stars) $(j .rule_set) $(j .decision_number) $(j .result_id)"

# --- 4b. the whole cycle on the product, in the year's statistics and in its report --------------------
t_http GET "$R/v1/products/$PR/history"
check_eq "the product's history: idea, plan, support, dossier and recognition, in order (the certificate is issued before registration files the result)" \
    "idea:submitted idea:accepted business_plan:submitted business_plan:approved support:packaging_label_design application:new application:accepted application:processing recognition:new application:processed" \
    "$(j '[.items[] | "\(.step):\(.kind)"] | join(" ")')"
check_eq "each step says what happened, in Vietnamese" "Nhận hỗ trợ thực hiện phương án|Công nhận sản phẩm OCOP 4 sao" \
    "$(j '[.items[] | select(.step == "support")][0].summary')|$(j '[.items[] | select(.step == "recognition")][0].summary')"
t_http GET "$R/v1/statistics?year=$YEAR"
check_eq "the year's statistics count the idea, the plan, the support and the recognition" \
    "ideas_accepted:1 business_plans_approved:1 support_paid_vnd:8000000 products_3star_plus:1" \
    "$(j '[("ideas_accepted", "business_plans_approved", "support_paid_vnd", "products_3star_plus") as $i | .progress[] | select(.indicator == $i) | "\(.indicator):\(.actual)"] | join(" ")')"
t_http GET "$R/v1/reports/$YEAR"
check_eq "so does the year's report, which lists the product as recognised" "1 1 8000000 $PR:4:new" \
    "$(j '[.indicators[] | select(.indicator == "ideas_accepted" or .indicator == "business_plans_approved" or .indicator == "support_paid_vnd") | .actual] | join(" ")') $(j '[.recognised[] | select(.product_id == "'"$PR"'") | "\(.product_id):\(.stars):\(.kind)"] | join(",")')"
t_http GET "$R/v1/reports/$YEAR" "" "Accept: text/html"
check "and its printable page names it" grep -q "Dừa sáp Cầu Kè" <<<"$T_BODY"

# --- 5. promotion: the catalogue, a fair and a supermarket linkage ----------------------------------
check "promotion lists it in the public catalogue" hop "evaluation -> promotion (catalogue)" 10 \
    is "$P/v1/catalogue?stars=4" '[.items[].id] | index("'"$PR"'") != null' true
t_http GET "$P/v1/products/$PR"
check_eq "promotion's view: promotable, 4 stars" "true 4" "$(j .promotable) $(j .certificate.stars)"
FROM=$(date -u -d '+10 days' +%F) TO=$(date -u -d '+13 days' +%F)
t_http POST "$P/v1/trade-events" "{\"type\":\"fair\",\"name\":\"Hội chợ OCOP Trà Vinh $YEAR\",\"starts_on\":\"$FROM\",\"ends_on\":\"$TO\",\"venue\":\"Quảng trường Trung tâm, phường Trà Vinh\",\"commune_code\":\"29242\",\"organiser\":\"Sở Công Thương\",\"budget_vnd\":850000000}"
FAIR=$(j .id)
t_http POST "$P/v1/participations" "{\"event_id\":\"$FAIR\",\"product_id\":\"$PR\",\"booth\":\"A12\",\"support_vnd\":5000000}"
PART=$(j .id)
check_eq "the fair accepts it" "201 registered" "$T_STATUS $(j .status)"
t_http POST "$P/v1/linkages" "{\"product_id\":\"$PR\",\"partner_kind\":\"supermarket_chain\",\"partner_name\":\"Co.opmart Trà Vinh\",\"partner_tax_code\":\"0301175691-012\",\"channel\":\"supermarket\",\"volume\":1200,\"unit\":\"kg\",\"value_vnd\":96000000,\"starts_on\":\"$FROM\",\"ends_on\":\"$(date -u -d '+1 year' +%F)\"}"
LINK=$(j .id)
t_http POST "$P/v1/linkages/$LINK/transitions" '{"to":"signed"}' 'If-Match: "1"'
check_eq "a linkage with a supermarket chain is signed" "200 signed" "$T_STATUS $(j .status)"
check "evaluation keeps it as market evidence" hop "promotion -> evaluation (market evidence)" 10 \
    is "$E/v1/products/$PR" '[.market_evidence[] | select(.linkage_id == "'"$LINK"'") | .status][0]' signed
check "registration shows the linkage on the product" hop "promotion -> registration (linkage)" 10 \
    is "$R/v1/products/$PR" '[.ocop.active_linkages[] | select(.linkage_id == "'"$LINK"'") | .status][0]' signed

# --- 6. an inspection of a market sample ends in a recall -------------------------------------------
t_http POST "$E/v1/inspections" "{\"product_id\":\"$PR\",\"kind\":\"surprise\",\"place\":\"market\",\"inspecting_body\":\"Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long\",\"inspected_on\":\"$TODAY\",\"findings\":[{\"category\":\"food_safety\",\"result\":\"fail\",\"note\":\"Mẫu mua tại siêu thị vượt giới hạn vi sinh\"}],\"lab_results\":[{\"indicator\":\"Coliforms\",\"value\":240,\"unit\":\"CFU/g\",\"limit\":\"≤ 10\",\"passed\":false}],\"outcome\":\"recall\",\"recall_notice\":\"Thu hồi lô hàng tại các điểm bán\"}"
INSPECTION=$(j .id)
check_eq "the inspection of a market sample is recorded: a recall" "201 recall" "$T_STATUS $(j .outcome)"
check "promotion suspends the linkage" hop "evaluation -> promotion (reaction)" 10 \
    is "$P/v1/linkages/$LINK" .status suspended
t_http GET "$P/v1/participations/$PART"
check_eq "withdraws the participation" withdrawn "$(j .status)"
t_http GET "$P/v1/products/$PR"
check_eq "and delists the product" false "$(j .promotable)"
t_http GET "$P/v1/catalogue"
check_eq "the catalogue no longer shows it" false "$(j '[.items[].id] | index("'"$PR"'") != null')"
t_http GET "$P/v1/linkages/$LINK"
check_eq "the suspension names the recall's event" "true" "$(j '[.transitions[] | select(.to_status == "suspended")][0].cause_event_id != null')"
check "registration shows the inspection outcome" hop "evaluation -> registration (inspection)" 10 \
    is "$R/v1/products/$PR" '"\(.ocop.latest_inspection.inspection_id) \(.ocop.latest_inspection.outcome)"' "$INSPECTION recall"
check "and no longer lists the suspended linkage as active" hop "promotion -> registration (suspension)" 10 \
    is "$R/v1/products/$PR" '[.ocop.active_linkages[] | select(.linkage_id == "'"$LINK"'")] | length' 0
STORY_MS=$((($(date +%s%N) - STORY_T0) / 1000000))
SNAPSHOT_MORE=("$P/v1/linkages/$LINK" "$P/v1/participations/$PART" "$E/v1/certificates/$CERT" "$E/v1/inspections/$INSPECTION")

# --- every event valid; replaying every topic changes nothing -----------------------------------------
for svc in registration evaluation promotion; do t_check_events "$svc"; done
# What every service shows of the story, as its API serves it, without times of reading.
snapshot() {
    {
        for u in "$R/v1/products/$PR" "$A/$APP" "$E/v1/products/$PR" "$E/v1/applications/$APP" \
            "$E/v1/entries/$ENTRY" "$P/v1/products/$PR" "${SNAPSHOT_MORE[@]}"; do
            curl -s -H "Authorization: Bearer $T_TOKEN" "$u" | jq -S -c .
        done
        for svc in registration evaluation promotion; do
            t_sql "$svc" "SELECT count(*) FROM inbox"
            t_sql "$svc" "SELECT count(*) FROM outbox"
        done
    } >"$T_DIR/snapshot.$1"
}
consumed() { t_metric "$1" "ocop_events_consumed_total.*outcome=\"$2\""; }
# replay SERVICE: every record of SERVICE's topic, published again with its key and headers.
replay() {
    kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$1.events" -o beginning -e -q -J 2>/dev/null |
        jq -c '{key, payload, h: [.headers as $h | range(0; $h | length; 2) | "\($h[.])=\($h[. + 1])"]}' \
            >"$T_DIR/replay.$1.jsonl"
    while read -r rec; do
        local args=()
        while read -r h; do args+=(-H "$h"); done < <(jq -r '.h[]' <<<"$rec")
        jq -r .payload <<<"$rec" | kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$1.events" \
            -k "$(jq -r .key <<<"$rec")" "${args[@]}"
    done <"$T_DIR/replay.$1.jsonl"
    wc -l <"$T_DIR/replay.$1.jsonl"
}
snapshot before
declare -A DUP_BEFORE
for svc in registration evaluation promotion; do DUP_BEFORE[$svc]=$(consumed "$svc" duplicate); done
REPLAYED=0
for svc in registration evaluation promotion; do REPLAYED=$((REPLAYED + $(replay "$svc"))); done
# Each service consumes the topics of the others: wait until every replayed record came back as a duplicate.
dups_in() {
    local total=0 svc
    for svc in registration evaluation promotion; do
        total=$((total + $(consumed "$svc" duplicate) - ${DUP_BEFORE[$svc]}))
    done
    ((total >= $1))
}
EXPECTED_DUPS=$(t_sql registration "SELECT count(*) FROM inbox" 2>/dev/null)
for svc in evaluation promotion; do EXPECTED_DUPS=$((EXPECTED_DUPS + $(t_sql "$svc" "SELECT count(*) FROM inbox"))); done
check "the $REPLAYED replayed records reach the consumers again, as $EXPECTED_DUPS duplicates" \
    t_until 30 dups_in "$EXPECTED_DUPS"
snapshot after
check "and change nothing any service shows" diff "$T_DIR/snapshot.before" "$T_DIR/snapshot.after"
for svc in registration evaluation promotion; do
    check_eq "nothing of $svc's was dead-lettered" 0 \
        "$(kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$svc.dlq" -o beginning -e -q 2>/dev/null | wc -l)"
done
t_check_audit
echo "STORY_TIMES total_ms=$STORY_MS"
for h in "${!HOPS[@]}"; do echo "STORY_TIMES hop \"$h\" ${HOPS[$h]} ms"; done | sort
t_done

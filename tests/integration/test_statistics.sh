#!/usr/bin/env bash
# Plan targets as data (the 2022 plan KH 43/KH-UBND is seeded; PUT creates or
# replaces a target) and GET /v1/statistics: progress against the year's
# targets, registered products grouped by sector, producer type, commune,
# year, legacy district and current commune, the period, per-field 422s,
# and the same figures as CSV. Recognitions are kept as a history (a later
# upgrade leaves a past year's figures alone), rounds closed per level count
# against the standing target of two a year, trademarks filed and granted.
# Plans by period with targets per year and locality (districts before the
# merger, current communes after), potential 5★ and inspection coverage, and
# GET /v1/reports/{year} as JSON, CSV and a printable page rendered in
# headless Chromium (screenshot kept under the test's folder: screenshots/).
source "$(dirname "$0")/lib.sh"
t_init statistics
t_start registration
R=$(t_url registration)

# progress FIELD INDICATOR: one member of an indicator's progress entry.
progress() { j ".progress[] | select(.indicator == \"$2\") | .$1"; }
# progress_r FIELD: one member of products_3star_plus in a report.
progress_r() { j ".indicators[] | select(.indicator == \"products_3star_plus\") | .$1"; }
# group NAME: "key:count,..." of a grouping of registrations.
group() { j "[.registrations.$1[] | \"\\(.key):\\(.count)\"] | join(\",\")"; }
# backdate PRODUCT DAY: pretends the product was registered on DAY (local time).
backdate() { t_sql registration "UPDATE products SET created_at = '$2 10:00:00+07' WHERE id = '$1'" >/dev/null; }

# --- plan targets ------------------------------------------------------------------------------
t_http GET "$R/v1/plan-targets?year=2022"
check_eq "the 2022 plan is seeded: three targets" "200 3" "$T_STATUS $(j '.items | length')"
check_eq "27 products of 3 stars or more, 7 trademarks, 2 evaluation rounds" \
    "evaluation_rounds:2,products_3star_plus:27,trademarks_supported:7" \
    "$(j '[.items[] | "\(.indicator):\(.target)"] | sort | join(",")')"
check "their basis is KH 43/KH-UBND of 6 June 2022" \
    jq -e 'all(.items[]; .basis | test("43/KH-UBND ngày 06/6/2022"))' <<<"$T_BODY"

t_http PUT "$R/v1/plan-targets/2023/trademarks_supported" '{"target":8,"basis":"Kế hoạch OCOP năm 2023"}'
check_eq "PUT of a new target is 201 with Location and ETag" \
    '201 /v1/plan-targets/2023/trademarks_supported "1" 8' \
    "$T_STATUS $(t_header Location) $(t_header ETag) $(j .target)"
t_http PUT "$R/v1/plan-targets/2023/trademarks_supported" '{"target":1,"basis":"Kế hoạch OCOP năm 2023 (điều chỉnh)","note":"Giảm chỉ tiêu"}'
check_eq "PUT of an existing target replaces it: 200, next version" '200 "2" 1 Giảm chỉ tiêu' \
    "$T_STATUS $(t_header ETag) $(j .target) $(j .note)"
t_http GET "$R/v1/plan-targets?year=2023"
check_eq "one target for 2023" "1 1" "$(j '.items | length') $(j '.items[0].target')"
t_http GET "$R/v1/plan-targets"
check_eq "all years, newest first" "4 2023" "$(j '.items | length') $(j '.items[0].year')"

before=$(t_sql registration "SELECT count(*) || '/' || sum(version) FROM plan_targets")
t_http PUT "$R/v1/plan-targets/1999/exports" '{"target":-1,"note":"","extra":true}'
check_eq "a bad PUT names every bad member, path included" "422 basis,extra,indicator,note,target,year" \
    "$T_STATUS $(fields)"
t_http PUT "$R/v1/plan-targets/20x3/trademarks_supported" '{"target":"7","basis":"KH"}'
check_eq "year, target type and basis length" "422 basis,target,year" "$T_STATUS $(fields)"
t_http PUT "$R/v1/plan-targets/2023/trademarks_supported" '[1]'
check_eq "a body that is not an object is 422" 422 "$T_STATUS"
check_eq "none of them wrote anything" "$before" "$(t_sql registration "SELECT count(*) || '/' || sum(version) FROM plan_targets")"
t_http GET "$R/v1/plan-targets?year=22"
check_eq "a bad year filter is 422" "422 year" "$T_STATUS $(fields)"

# --- registry content -----------------------------------------------------------------------
HTX=$(t_new_producer cooperative 2100300001 "Hợp tác xã Dừa sáp Cầu Kè" 29338 2024-03-01)
ENT=$(t_new_producer enterprise 2100300002 "Công ty TNHH Trà Vinh FARM" 29347 2024-03-01)
HH=$(t_new_producer household 84B8000123 "Hộ kinh doanh Chả hoa Năm Thụy" 29341)
A=$(t_new_product "$HTX" "Dừa sáp Thạnh Phú" 1)
B=$(t_new_product "$ENT" "Nước mắm dừa" 14)
C=$(t_new_product "$ENT" "Mật hoa dừa" 1)
D=$(t_new_product "$HH" "Chả hoa" 7)
t_http POST "$R/v1/products" "{\"producer_id\":\"$HTX\",\"name\":\"Kẹo dừa\",\"rule_set\":\"qd1048-2019\",\"legacy_group\":\"Thực phẩm\",\"recognised_before_platform\":true}"
E=$(j .id)
check "five products" test -n "$A" -a -n "$B" -a -n "$C" -a -n "$D" -a -n "$E"
backdate "$A" 2021-05-10
backdate "$B" 2022-03-01
backdate "$C" 2022-08-15
backdate "$D" 2022-11-30
# Two recognitions in 2022, as the evaluation service announces them.
recognise() { # recognise PRODUCT STARS DAY
    t_event evaluation ocop.evaluation.certificate.issued.v1 "$1" \
        "{\"certificate_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"product_id\":\"$1\",\"stars\":$2,\"status\":\"valid\",\"issued_on\":\"$3\",\"expires_on\":\"2025-01-01\"}"
}
recognise "$A" 4 2022-06-01
recognise "$B" 3 2022-12-01
recognised() { [[ $(t_sql registration "SELECT count(*) FROM products WHERE recognised_on IS NOT NULL") == 2 ]]; }
check "two recognitions arrive from the evaluation service" t_until 20 recognised
# E stays registered today, after the 2022 report's end.

# new_trademark PRODUCT REQUESTED_ON: prints the id of a new request.
new_trademark() {
    t_http POST "$R/v1/trademarks" "{\"product_id\":\"$1\",\"kind\":\"ordinary\",\"mark_name\":\"Nhãn $2\",\"requested_on\":\"$2\"}"
    j .id
}
# move ID VERSION BODY: a PATCH that must succeed.
move() {
    t_http PATCH "$R/v1/trademarks/$1" "$3" "If-Match: \"$2\""
    [[ $T_STATUS == 200 ]] || fail "PATCH $1 $3: $T_STATUS $T_BODY"
}
file_on() { printf '{"status":"filed","filing_number":"4-%s","filed_on":"%s"}' "$1" "$1"; }
grant_on() { printf '{"status":"granted","decided_on":"%s","certificate_number":"VB-%s"}' "$1" "$1"; }
TM1=$(new_trademark "$B" 2022-02-01)
move "$TM1" 1 "$(file_on 2022-03-01)"
move "$TM1" 2 "$(grant_on 2022-05-20)"
TM2=$(new_trademark "$C" 2022-04-01)
move "$TM2" 1 "$(file_on 2022-05-01)"
move "$TM2" 2 "$(grant_on 2022-10-10)"
TM3=$(new_trademark "$D" 2022-06-01)
move "$TM3" 1 '{"status":"refused","decided_on":"2022-07-01"}'
TM4=$(new_trademark "$A" 2022-09-01)
move "$TM4" 1 "$(file_on 2022-09-15)"
move "$TM4" 2 "$(grant_on 2023-02-01)"
TM5=$(new_trademark "$A" 2022-12-01)
check_eq "two marks granted in 2022, one refused, one granted in 2023, one pending" \
    "granted:3,refused:1,requested:1" \
    "$(t_sql registration "SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM (SELECT status, count(*) n FROM trademarks GROUP BY 1) s")"

# --- statistics of 2022 ----------------------------------------------------------------------
t_http GET "$R/v1/statistics?year=2022"
check_eq "GET /v1/statistics is JSON for the whole year" "200 application/json 2022 2022-01-01 2022-12-31" \
    "$T_STATUS $(t_header Content-Type) $(j .year) $(j .period.from) $(j .period.to)"
check_eq "the indicators in their order" \
    "products_3star_plus,trademarks_supported,evaluation_rounds,potential_5_star,inspection_coverage_percent,ideas_accepted,business_plans_approved,support_paid_vnd" \
    "$(j '[.progress[].indicator] | join(",")')"
check_eq "trademarks_supported: 2 granted in 2022 against 7" "7 2 below_target" \
    "$(progress target trademarks_supported) $(progress actual trademarks_supported) $(progress status trademarks_supported)"
check_eq "products_3star_plus: 2 recognised in 2022 against 27" "27 2 below_target" \
    "$(progress target products_3star_plus) $(progress actual products_3star_plus) $(progress status products_3star_plus)"
check_eq "evaluation_rounds: target 2, no round closed in 2022" "2 0 below_target" \
    "$(progress target evaluation_rounds) $(progress actual evaluation_rounds) $(progress status evaluation_rounds)"
check "each target names its basis; the indicators added since have none in the seed" \
    jq -e 'all(.progress[] | select(.target != null); .basis | test("43/KH-UBND"))
        and ([.progress[] | select(.target == null) | .indicator] == ["potential_5_star", "inspection_coverage_percent", "ideas_accepted", "business_plans_approved", "support_paid_vnd"])' <<<"$T_BODY"
check_eq "registered by the end of 2022: 4, of them 3 in 2022" "2022-12-31 4 3" \
    "$(j .registrations.as_of) $(j .registrations.total) $(j .registrations.in_period)"
check_eq "by sector" "I:3,II:1" "$(group by_sector)"
check_eq "by producer type" "cooperative:1,enterprise:2,household:1" "$(group by_producer_type)"
check_eq "by commune as recorded" "29338:1,29341:1,29347:2" "$(group by_commune)"
check_eq "by year of registration" "2021:1,2022:3" "$(group by_year)"
check_eq "by star level today" "3:1,4:1,null:2" "$(group by_stars)"
JSON=$T_BODY

t_http GET "$R/v1/statistics?year=2022&from=2022-01-01&to=2022-06-30"
check_eq "the first half of 2022: one mark granted" "2022-06-30 1 below_target" \
    "$(j .period.to) $(progress actual trademarks_supported) $(progress status trademarks_supported)"
check_eq "and one product recognised" 1 "$(progress actual products_3star_plus)"
check_eq "and the registry as it stood on 30 June: 2 products, 1 of them from 2022" "2 1 2021:1,2022:1" \
    "$(j .registrations.total) $(j .registrations.in_period) $(group by_year)"
t_http GET "$R/v1/statistics?year=2022&from=2022-05-21&to=2022-10-09"
check_eq "a period with no grant counts 0" "0" "$(progress actual trademarks_supported)"
t_http GET "$R/v1/statistics?year=2023"
check_eq "2023: the replaced target of 1 is met; no products target; the rounds target carried from 2022" \
    "1 1 met|null 0 no_target|2 0 below_target" \
    "$(progress target trademarks_supported) $(progress actual trademarks_supported) $(progress status trademarks_supported)|$(progress target products_3star_plus) $(progress actual products_3star_plus) $(progress status products_3star_plus)|$(progress target evaluation_rounds) $(progress actual evaluation_rounds) $(progress status evaluation_rounds)"
check_eq "and the same four products by its end" "4 0" "$(j .registrations.total) $(j .registrations.in_period)"
Y=$(TZ=Asia/Ho_Chi_Minh date +%Y)
t_http GET "$R/v1/statistics?year=$Y"
check_eq "this year: all five, the QĐ 1048 product without a sector" "5 1 I:3,II:1,null:1" \
    "$(j .registrations.total) $(j .registrations.in_period) $(group by_sector)"

# --- bad queries ---------------------------------------------------------------------------------
t_http GET "$R/v1/statistics"
check_eq "year is required" "422 year required" "$T_STATUS $(fields) $(j '.errors[0].code')"
t_http GET "$R/v1/statistics?year=22&from=2022-13-01&to=x"
check_eq "malformed year, from and to: one error each" "422 from,to,year" "$T_STATUS $(fields)"
t_http GET "$R/v1/statistics?year=1999"
check_eq "a year out of range" "422 year range" "$T_STATUS $(fields) $(j '.errors[0].code')"
t_http GET "$R/v1/statistics?year=2022&from=2021-12-01&to=2023-01-31"
check_eq "from and to must fall within the year" "422 from,to" "$T_STATUS $(fields)"
t_http GET "$R/v1/statistics?year=2022&from=2022-07-01&to=2022-06-30"
check_eq "to before from" "422 to order" "$T_STATUS $(fields) $(j '.errors[0].code')"

# --- CSV -------------------------------------------------------------------------------------------
t_http GET "$R/v1/statistics?year=2022" "" "Accept: text/csv"
CSV=$T_BODY
check_eq "Accept: text/csv gets CSV" "200 text/csv; charset=utf-8" "$T_STATUS $(t_header Content-Type)"
check_eq "the response varies by Accept" "Accept" "$(t_header Vary)"
check_eq "the header row" "section,key,value" "$(head -1 <<<"$CSV" | tr -d '\r')"
check "every line ends with CRLF" test "$(grep -c $'\r$' <<<"$CSV")" -eq "$(wc -l <<<"$CSV")"
check "every row has three fields" awk -F, 'NF != 3 { bad = 1 } END { exit bad }' <<<"$(tr -d '\r' <<<"$CSV")"
rows=$(tr -d '\r' <<<"$CSV")
for row in "period,year,2022" "period,to,2022-12-31" "target,trademarks_supported,7" \
    "actual,trademarks_supported,2" "status,trademarks_supported,below_target" \
    "target,products_3star_plus,27" "actual,products_3star_plus,2" \
    "status,products_3star_plus,below_target" "registrations,total,4" "registrations,in_period,3" \
    "by_stars,4,1" "by_stars,3,1" \
    "by_sector,I,3" "by_sector,II,1" "by_producer_type,enterprise,2" "by_commune,29347,2" \
    "by_year,2021,1" "by_year,2022,3"; do
    check "CSV row $row" grep -qxF "$row" <<<"$rows"
done
expected=$(jq '3 + 4 * (.progress | length) + ([.progress[].breakdown // [] | length] | add) + 3
    + ([.registrations | to_entries[] | select(.value | type == "array") | .value | length] | add)
    + 3 + ([.recognitions | to_entries[] | select(.value | type == "array") | .value | length] | add)' <<<"$JSON")
check_eq "the CSV holds the same figures as the JSON" "$expected" "$(($(wc -l <<<"$rows") - 1))"
t_http GET "$R/v1/statistics?year=2022" "" "Accept: application/json, text/csv;q=0.5"
check_eq "JSON when JSON is preferred" "application/json" "$(t_header Content-Type)"
t_http GET "$R/v1/statistics?year=22" "" "Accept: text/csv"
check_eq "errors stay problem+json" "422 application/problem+json" "$T_STATUS $(t_header Content-Type)"

# --- recognitions: a history that does not drift ----------------------------------------------------
# kinds: "kind:count,..." of the recognitions in the last report.
kinds() { j '[.recognitions.by_kind[] | "\(.key):\(.count)"] | join(",")'; }
t_http GET "$R/v1/statistics?year=2021"
check_eq "2021: none" "new:0,re_recognition:0,upgrade:0 0" "$(kinds) $(j .recognitions.in_period)"
t_http GET "$R/v1/statistics?year=2022"
check_eq "2022: two new recognitions, one 3★ and one 4★" "new:2,re_recognition:0,upgrade:0 2 3:1,4:1" \
    "$(kinds) $(j .recognitions.products) $(j '[.recognitions.by_stars[] | "\(.key):\(.count)"] | join(",")')"
BEFORE=$(jq -c '{p: [.progress[] | select(.indicator == "products_3star_plus") | .actual, .breakdown], r: .recognitions}' <<<"$T_BODY")
t_http GET "$R/v1/products/$B"
check_eq "a recognised product shows its first recognition day" "2022-12-01 2022-12-01" "$(j .ocop.first_recognised_on) $(j .ocop.recognised_on)"
# B, 3★ in 2022, is upgraded to 4★ in 2023; A is re-recognised at 4★; the
# event for A's certificate comes twice (one recognition).
recognise "$B" 4 2023-03-01
CERT_A=$(cat /proc/sys/kernel/random/uuid)
for _ in 1 2; do
    t_event evaluation ocop.evaluation.certificate.issued.v1 "$A" \
        "{\"certificate_id\":\"$CERT_A\",\"product_id\":\"$A\",\"stars\":4,\"status\":\"valid\",\"issued_on\":\"2023-05-10\",\"level\":\"province\",\"number\":\"TV-CN-2023-00001\"}"
done
recognitions() { [[ $(t_sql registration "SELECT count(*) FROM inbox WHERE event_type = 'ocop.evaluation.certificate.issued.v1'") == 5 ]]; }
check "the upgrade and the re-recognition arrive" t_until 20 recognitions
check_eq "four recognitions kept" 4 "$(t_sql registration "SELECT count(*) FROM product_recognitions")"
t_http GET "$R/v1/statistics?year=2022"
check_eq "2022 is unchanged by them: 2 products recognised, both new, 3★ and 4★" "$BEFORE" \
    "$(jq -c '{p: [.progress[] | select(.indicator == "products_3star_plus") | .actual, .breakdown], r: .recognitions}' <<<"$T_BODY")"
check_eq "while the registry shows B's stars today" "4:2,null:2" "$(group by_stars)"
t_http GET "$R/v1/statistics?year=2023"
check_eq "2023: one upgrade and one re-recognition, of 2 products" "new:0,re_recognition:1,upgrade:1 2 2" \
    "$(kinds) $(j .recognitions.products) $(progress actual products_3star_plus)"
check_eq "the indicator's breakdown by kind says the same" "new:0,re_recognition:1,upgrade:1" \
    "$(j '[.progress[] | select(.indicator == "products_3star_plus") | .breakdown[] | "\(.key):\(.count)"] | join(",")')"
t_http GET "$R/v1/products/$B"
check_eq "B keeps its first recognition day; recognised_on is the latest" "2022-12-01 2023-03-01 4" \
    "$(j .ocop.first_recognised_on) $(j .ocop.recognised_on) $(j .ocop.stars)"
t_http GET "$R/v1/products/$B/recognitions"
check_eq "B's history: new 3★ in 2022, then an upgrade from 3★ to 4★" \
    "200 2022-12-01 2022-12-01:3:new:null 2023-03-01:4:upgrade:3" \
    "$T_STATUS $(j .first_recognised_on) $(j '[.items[] | "\(.recognised_on):\(.stars):\(.kind):\(.stars_before)"] | join(" ")')"
t_http GET "$R/v1/products/$A/recognitions"
check_eq "A's: kept once per certificate, with its level and number" \
    "2 re_recognition province TV-CN-2023-00001" "$(j '.items | length') $(j .items[1].kind) $(j .items[1].level) $(j .items[1].number)"
t_http GET "$R/v1/products/$E/recognitions"
check_eq "a product never recognised has an empty history" "200 null 0" "$T_STATUS $(j .first_recognised_on) $(j '.items | length')"
t_http GET "$R/v1/products/$(cat /proc/sys/kernel/random/uuid)/recognitions"
check_eq "an unknown product is 404" 404 "$T_STATUS"

# The migration's backfill: D shows a certificate received before the history
# existed (as a row of products then held it), and no recognition.
t_sql registration "UPDATE products SET stars = 3, recognised_on = '2023-01-15', status = 'certified',
    certificate = '{\"certificate_id\":\"legacy-d\",\"stars\":3,\"status\":\"valid\",\"issued_on\":\"2023-01-15\",\"level\":\"district\",\"number\":\"TV-2023-7\"}'
    WHERE id = '$D'" >/dev/null
check_eq "the backfill adds D's recognition, and only it" 1 "$(t_sql registration "SELECT product_recognitions_backfill()")"
t_http GET "$R/v1/products/$D/recognitions"
check_eq "marked as backfilled, dated by recognised_on" "2023-01-15 2023-01-15:3:new:true:TV-2023-7" \
    "$(j .first_recognised_on) $(j '[.items[] | "\(.recognised_on):\(.stars):\(.kind):\(.backfilled):\(.number)"] | join(" ")')"
check_eq "run again, it adds nothing" 0 "$(t_sql registration "SELECT product_recognitions_backfill()")"

# --- potential 5★ standing and trademarks filed ---------------------------------------------------
t_sql registration "UPDATE products SET potential_5_star_since = '2022-09-01', potential_5_star_score = 91.5,
    potential_5_star_entry = gen_random_uuid() WHERE id = '$C'" >/dev/null
t_http GET "$R/v1/statistics?year=2022"
check_eq "a product standing as potential 5★ since September 2022 counts in 2022's column" 1 "$(j .recognitions.potential_5_star)"
check_eq "trademarks supported in 2022: 3 filed, 2 granted" "filed:3,granted:2" \
    "$(j '[.progress[] | select(.indicator == "trademarks_supported") | .breakdown[] | "\(.key):\(.count)"] | join(",")')"
t_http GET "$R/v1/statistics?year=2022" "" "Accept: text/csv"
rows=$(tr -d '\r' <<<"$T_BODY")
for row in "recognitions,potential_5_star,1" "recognitions.by_kind,new,2" \
    "breakdown.trademarks_supported,filed,3" "breakdown.products_3star_plus,new,2"; do
    check "CSV row $row" grep -qxF "$row" <<<"$rows"
done
t_http GET "$R/v1/statistics?year=2021"
check_eq "not in 2021's" 0 "$(j .recognitions.potential_5_star)"

# --- evaluation rounds held, per level ---------------------------------------------------------------
# round_move ROUND SEQ LEVEL FROM TO [AT]: evaluation's event for a round of this year.
round_move() {
    t_event evaluation ocop.evaluation.round.status_changed.v1 "$1" \
        "{\"round_id\":\"$1\",\"year\":$Y,\"level\":\"$3\",\"sequence\":$2,\"name\":\"Đợt $2/$Y\",\"from\":\"$4\",\"to\":\"$5\",\"starts_on\":\"$Y-01-02\",\"ends_on\":\"$Y-12-30\",\"at\":\"${6:-$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)}\"}"
}
rounds_kept() { [[ $(t_sql registration "SELECT count(*) FROM inbox WHERE event_type = 'ocop.evaluation.round.status_changed.v1'") == "$1" ]]; }
# rounds: "actual status target target_year|level:count:status,...".
rounds() {
    t_http GET "$R/v1/statistics?year=$Y"
    echo "$(progress actual evaluation_rounds) $(progress status evaluation_rounds) $(progress target evaluation_rounds) $(progress target_year evaluation_rounds)|$(j '[.progress[] | select(.indicator == "evaluation_rounds") | .breakdown[] | "\(.key):\(.count):\(.status)"] | join(",")')"
}
RD1=$(cat /proc/sys/kernel/random/uuid) RD2=$(cat /proc/sys/kernel/random/uuid)
RD3=$(cat /proc/sys/kernel/random/uuid) RD4=$(cat /proc/sys/kernel/random/uuid)
round_move "$RD1" 1 province scoring closed
round_move "$RD1" 1 province open scoring 2020-01-01T00:00:00.000Z # late and older: ignored
round_move "$RD3" 3 province open cancelled
round_move "$RD4" 1 district planned cancelled
check "the rounds arrive" t_until 20 rounds_kept 4
check_eq "one round closed: below the target of two carried from the 2022 plan; cancelled rounds do not count" \
    "1 below_target 2 2022|province:1:below_target" "$(rounds)"
round_move "$RD2" 2 province scoring closed
check "the second closed round arrives" t_until 20 rounds_kept 5
check_eq "two closed rounds: met" "2 met 2 2022|province:2:met" "$(rounds)"
t_http PUT "$R/v1/plan-targets/$Y/evaluation_rounds" '{"target":3,"basis":"Kế hoạch OCOP năm nay"}'
check_eq "a target of the year's own plan comes first" "2 below_target 3 $Y|province:2:below_target" "$(rounds)"
t_http GET "$R/v1/statistics?year=$Y" "" "Accept: text/csv"
check "the rounds per level are in the CSV" grep -qxF "breakdown.evaluation_rounds,province,2" <<<"$(tr -d '\r' <<<"$T_BODY")"

# --- legacy district and current commune (need migration 0002's admin_units) ----------------
if [[ $(t_sql registration "SELECT to_regclass('admin_units') IS NOT NULL AND to_regprocedure('admin_unit_resolve(text, date)') IS NOT NULL") != t ]]; then
    t_http GET "$R/v1/statistics?year=2022"
    check_eq "without admin_units the two groupings are null" "null null" \
        "$(j .registrations.by_legacy_district) $(j .registrations.by_current_commune)"
    echo "admin_units is not there: the groupings by unit are not tested"
else
    if [[ $(t_sql registration "SELECT count(*) FROM admin_units") == 0 ]]; then
        # The start-up loader did not fill it: the rows this test needs, from
        # schemas/reference/admin-units-tra-vinh.csv.
        t_sql registration "INSERT INTO admin_units (level, code, name, unit_type, parent_code,
                valid_from, valid_to, successor_code, search_name) VALUES
            ('district', '845', 'Huyện Cầu Kè', 'huyện', '84', NULL, '2025-06-30', NULL, 'huyen cau ke'),
            ('district', '846', 'Huyện Tiểu Cần', 'huyện', '84', NULL, '2025-06-30', NULL, 'huyen tieu can'),
            ('commune', '29335', 'Xã Thông Hòa', 'xã', '845', NULL, '2025-06-30', '29335', 'xa thong hoa'),
            ('commune', '29338', 'Xã Thạnh Phú', 'xã', '845', NULL, '2025-06-30', '29335', 'xa thanh phu'),
            ('commune', '29341', 'Thị trấn Tiểu Cần', 'thị trấn', '846', NULL, '2025-06-30', '29341', 'thi tran tieu can'),
            ('commune', '29347', 'Xã Phú Cần', 'xã', '846', NULL, '2025-06-30', '29341', 'xa phu can'),
            ('commune', '29335', 'Xã Tam Ngãi', 'xã', '86', '2025-07-01', NULL, NULL, 'xa tam ngai'),
            ('commune', '29341', 'Xã Tiểu Cần', 'xã', '86', '2025-07-01', NULL, NULL, 'xa tieu can')" >/dev/null
    fi
    t_http GET "$R/v1/statistics?year=2022"
    check_eq "by legacy district (Cầu Kè 845, Tiểu Cần 846)" "845:1,846:3" "$(group by_legacy_district)"
    check_eq "with the district's name" "Huyện Cầu Kè|Huyện Tiểu Cần" \
        "$(j '[.registrations.by_legacy_district[].name] | join("|")')"
    check_eq "by current commune: Thạnh Phú is now Tam Ngãi, Phú Cần is now Tiểu Cần" \
        "29335:1,29341:3" "$(group by_current_commune)"
    check_eq "with the commune's current name" "Xã Tam Ngãi|Xã Tiểu Cần" \
        "$(j '[.registrations.by_current_commune[].name] | join("|")')"
    t_http GET "$R/v1/statistics?year=2022" "" "Accept: text/csv"
    check "the CSV has them too" grep -qxF "by_current_commune,29341,3" <<<"$(tr -d '\r' <<<"$T_BODY")"
    t_http GET "$R/v1/statistics?year=2022"
    check_eq "2022's recognitions by legacy district, as the province reports them" "845:1,846:1" \
        "$(j '[.recognitions.by_legacy_district[] | "\(.key):\(.count)"] | join(",")')"
    check_eq "and by current commune" "29335:1,29341:1" \
        "$(j '[.recognitions.by_current_commune[] | "\(.key):\(.count)"] | join(",")')"
    t_http GET "$R/v1/statistics?year=2022" "" "Accept: text/csv"
    check "in the CSV as well" grep -qxF "recognitions.by_legacy_district,846,1" <<<"$(tr -d '\r' <<<"$T_BODY")"
fi
# --- plans by period and targets per locality ---------------------------------------------------
t_http GET "$R/v1/plan-periods"
check_eq "two periods are seeded: 2022-2025 on KH 43 (sourced), 2026-2030 awaiting a source" \
    "200 2022-2025:true,2026-2030:false" "$T_STATUS $(j '[.items[] | "\(.id):\(.sourced)"] | join(",")')"
# tput YEAR INDICATOR LOCALITY TARGET: "status code-or-locality" of a PUT of a target.
tput() {
    t_http PUT "$R/v1/plan-targets/$1/$2?locality=$3" "{\"target\":$4,\"basis\":\"Kế hoạch thử\"}"
    echo "$T_STATUS $(j '.errors[0].code // .locality')"
}
t_http PUT "$R/v1/plan-targets/2022/products_3star_plus?locality=846" '{"target":2,"basis":"Kế hoạch của UBND huyện Tiểu Cần"}'
check_eq "a 2022 target for district Tiểu Cần, its Location naming the locality" \
    "201 846 /v1/plan-targets/2022/products_3star_plus?locality=846" "$T_STATUS $(j .locality) $(t_header Location)"
check_eq "no district target for 2025: districts were abolished on 2025-07-01" "422 abolished" "$(tput 2025 products_3star_plus 846 2)"
check_eq "2024 is the last year a district may be named" "201 845" "$(tput 2024 products_3star_plus 845 1)"
check_eq "a current commune for 2025 on" "201 29341" "$(tput 2025 products_3star_plus 29341 1)"
check_eq "not before the merger" "422 mismatch" "$(tput 2024 products_3star_plus 29341 1)"
check_eq "a former commune is not a current unit" "422 abolished" "$(tput 2026 products_3star_plus 29338 1)"
check_eq "an unknown code" "422 not_found" "$(tput 2026 products_3star_plus 99999 1)"
check_eq "a malformed one" "422 format" "$(tput 2026 products_3star_plus 8a5 1)"
check_eq "a percentage target above 100" "422 range" "$(tput 2023 inspection_coverage_percent '' 101)"
check_eq "a percentage target of 50" "201 null" "$(tput 2023 inspection_coverage_percent '' 50)"
t_http GET "$R/v1/plan-targets?year=2022"
check_eq "the province's 2022 targets are still three" 3 "$(j '.items | length')"
t_http GET "$R/v1/plan-targets?locality=846"
check_eq "Tiểu Cần's" "2022:2" "$(j '[.items[] | "\(.year):\(.target)"] | join(",")')"
t_http GET "$R/v1/plan-periods/2022-2025"
check_eq "the period lists its targets by year and locality, actuals beside each" \
    '200 "1" 2022::27:2:below_target|2022:846:2:1:below_target' \
    "$T_STATUS $(t_header ETag) $(j '[.targets[] | select(.indicator == "products_3star_plus" and .year == 2022) | "\(.year):\(.locality // ""):\(.target):\(.actual):\(.status)"] | join("|")')"
check_eq "with the locality's name" "Huyện Tiểu Cần" "$(j '[.targets[] | select(.locality == "846")][0].locality_name')"
PERIOD='{"title":"Chương trình OCOP giai đoạn 2026 – 2030","basis":"Chưa có văn bản làm căn cứ","sourced":false,"note":"Chờ đề án"}'
t_http PUT "$R/v1/plan-periods/2026-2030" "$PERIOD"
check_eq "changing a period needs If-Match" 428 "$T_STATUS"
t_http PUT "$R/v1/plan-periods/2026-2030" "$PERIOD" 'If-Match: "1"'
check_eq "with it: the next version" '200 "2" Chờ đề án' "$T_STATUS $(t_header ETag) $(j .note)"
t_http PUT "$R/v1/plan-periods/2026-2030" "$PERIOD" 'If-Match: "1"'
check_eq "a stale version" 412 "$T_STATUS"
t_http PUT "$R/v1/plan-periods/2031-2035" "$PERIOD"
check_eq "a new period" "201 /v1/plan-periods/2031-2035 2031" "$T_STATUS $(t_header Location) $(j .first_year)"
t_http PUT "$R/v1/plan-periods/2030-2026" '{"title":"x","sourced":"no"}'
check_eq "a bad period names every bad member" "422 basis,id,sourced,title" "$T_STATUS $(fields)"
t_http GET "$R/v1/plan-periods/2040-2041"
check_eq "an unknown period" 404 "$T_STATUS"

# --- potential 5★ and inspection coverage ---------------------------------------------------------
t_http GET "$R/v1/statistics?year=2022"
check_eq "potential_5_star in 2022: C" "1 no_target" "$(progress actual potential_5_star) $(progress status potential_5_star)"
INSP=$(cat /proc/sys/kernel/random/uuid)
for _ in 1 2; do
    t_event evaluation ocop.evaluation.inspection.recorded.v1 "$A" \
        "{\"inspection_id\":\"$INSP\",\"product_id\":\"$A\",\"inspected_on\":\"2023-08-01\",\"outcome\":\"compliant\",\"kind\":\"periodic\"}"
done
inspected() { [[ $(t_sql registration "SELECT count(*) FROM inbox WHERE event_type = 'ocop.evaluation.inspection.recorded.v1'") == 2 ]]; }
check "the inspection arrives twice" t_until 20 inspected
check_eq "kept once, and still as A's latest inspection" "1 2023-08-01" \
    "$(t_sql registration "SELECT count(*) FROM product_inspections") $(t_sql registration "SELECT latest_inspection->>'inspected_on' FROM products WHERE id = '$A'")"
t_http GET "$R/v1/statistics?year=2023"
check_eq "2023: 1 of the 3 products holding a certificate inspected: 33.3% against 50" "33.3 50 below_target percent" \
    "$(progress actual inspection_coverage_percent) $(progress target inspection_coverage_percent) $(progress status inspection_coverage_percent) $(progress unit inspection_coverage_percent)"
t_http GET "$R/v1/statistics?year=2021"
check_eq "2021: no product held one, so not yet known" "null" "$(progress actual inspection_coverage_percent)"

# --- the report -------------------------------------------------------------------------------------
# B's certificate is revoked in June 2023; F, whose name holds markup, is recognised in 2024.
CERT=$(t_sql registration "SELECT (certificate || '{\"status\":\"revoked\",\"from_status\":\"valid\",\"changed_on\":\"2023-06-01\",\"grounds\":\"food_safety_failure\"}')::text FROM products WHERE id = '$B'")
t_event evaluation ocop.evaluation.certificate.status_changed.v1 "$B" "$CERT"
F=$(t_new_product "$HTX" 'Bánh <b>tét</b> & \"lá cẩm\"' 1)
recognise "$F" 3 2024-05-01
arrived() { [[ $(t_sql registration "SELECT count(*) FROM product_recognitions WHERE product_id = '$F'") == 1 && $(t_sql registration "SELECT certificate->>'status' FROM products WHERE id = '$B'") == revoked ]]; }
check "the revocation and F's recognition arrive" t_until 20 arrived
t_http GET "$R/v1/reports/2022"
check_eq "the 2022 report: JSON by default, a tổng kết by legacy district" \
    "200 application/json tong_ket Báo cáo tổng kết Chương trình OCOP năm 2022 legacy_district" \
    "$T_STATUS $(t_header Content-Type) $(j .kind) $(j .title) $(j .locality_grouping)"
check_eq "every indicator, its target beside its actual" \
    "products_3star_plus:27:2:below_target,trademarks_supported:7:2:below_target,evaluation_rounds:2:0:below_target,potential_5_star:null:1:no_target,inspection_coverage_percent:null:0:no_target,ideas_accepted:null:0:no_target,business_plans_approved:null:0:no_target,support_paid_vnd:null:0:no_target" \
    "$(j '[.indicators[] | "\(.indicator):\(.target):\(.actual):\(.status)"] | join(",")')"
check_eq "by legacy district, sector, stars and kind" "845:1,846:1|I:1,II:1|3:1,4:1|new:2,re_recognition:0,upgrade:0" \
    "$(j '[.by_locality[] | "\(.key):\(.count)"] | join(",")')|$(j '[.by_sector[] | "\(.key):\(.count)"] | join(",")')|$(j '[.by_stars[] | "\(.key):\(.count)"] | join(",")')|$(j '[.by_kind[] | "\(.key):\(.count)"] | join(",")')"
check_eq "the products recognised, in date order, and none revoked" "Dừa sáp Thạnh Phú:4:2022-06-01,Nước mắm dừa:3:2022-12-01 0" \
    "$(j '[.recognised[] | "\(.name):\(.stars):\(.recognised_on)"] | join(",")') $(j '.revoked | length')"
check "no producer is named" jq -e '[.recognised[] | keys[]] | all(. != "producer_name" and . != "representative")' <<<"$T_BODY"
t_http GET "$R/v1/reports/2022?from=2022-01-01&to=2022-06-30"
check_eq "the first half: a sơ kết with A only" "so_ket Báo cáo sơ kết Chương trình OCOP năm 2022 Dừa sáp Thạnh Phú" \
    "$(j .kind) $(j .title) $(j '[.recognised[].name] | join(",")')"
t_http GET "$R/v1/reports/2022?locality=846"
check_eq "Tiểu Cần's 2022: its own target, B only" "846 Huyện Tiểu Cần 2 1 below_target Nước mắm dừa" \
    "$(j .locality.code) $(j .locality.name) $(progress_r target) $(progress_r actual) $(progress_r status) $(j '[.recognised[].name] | join(",")')"
t_http GET "$R/v1/reports/2023"
check_eq "2023: B's revocation is listed" "Nước mắm dừa:2023-06-01:food_safety_failure" \
    "$(j '[.revoked[] | "\(.name):\(.revoked_on):\(.grounds)"] | join(",")')"
t_http GET "$R/v1/reports/2026?locality=845"
check_eq "no district after the merger" "422 locality abolished" "$T_STATUS $(fields) $(j '.errors[0].code')"
t_http GET "$R/v1/reports/2022?from=2023-01-01&locality=8"
check_eq "a bad period and locality" "422 from,locality" "$T_STATUS $(fields)"
t_http GET "$R/v1/reports/2024" "" "Accept: text/csv"
rows=$(tr -d '\r' <<<"$T_BODY")
check_eq "CSV by Accept" "200 text/csv; charset=utf-8 section,key,value" "$T_STATUS $(t_header Content-Type) $(head -1 <<<"$rows")"
for row in "report,kind,tong_ket" "period,year,2024" "recognitions,in_period,1" "by_stars,3,1" \
    'recognised.1,name,"Bánh <b>tét</b> & ""lá cẩm"""' "status,products_3star_plus,no_target" "locality,grouping,legacy_district"; do
    check "CSV row $row" grep -qxF "$row" <<<"$rows"
done
t_http GET "$R/v1/reports/2024" "" "Accept: text/html"
check_eq "HTML by Accept, the name escaped" "200 text/html; charset=utf-8 1 0" \
    "$T_STATUS $(t_header Content-Type) $(grep -cF 'Bánh &lt;b&gt;tét&lt;/b&gt; &amp; &quot;lá cẩm&quot;' <<<"$T_BODY") $(grep -c '<b>tét' <<<"$T_BODY")"
SHOTS=$T_DIR/screenshots
mkdir -p "$SHOTS"
printf '%s' "$T_BODY" >"$SHOTS/report-2024.html"
check "Chromium renders the page: the title and F's name as text, not blank (screenshots/report-2024.png)" \
    /usr/bin/python3 "$OCOP_ROOT/tests/integration/report_page.py" "$SHOTS/report-2024.html" "$SHOTS/report-2024" \
    "Báo cáo tổng kết Chương trình OCOP năm 2024" 'Bánh <b>tét</b> & "lá cẩm"'
# B is recognised again in 2025: its certificate now is valid, and 2023 still lists the revocation.
recognise "$B" 4 2025-03-01
valid_again() { [[ $(t_sql registration "SELECT certificate->>'status' FROM products WHERE id = '$B'") == valid ]]; }
check "B's new certificate arrives" t_until 20 valid_again
t_http GET "$R/v1/reports/2023"
check_eq "a past year's revocations do not drift when the product is recognised again" \
    "Nước mắm dừa:2023-06-01:food_safety_failure" "$(j '[.revoked[] | "\(.name):\(.revoked_on):\(.grounds)"] | join(",")')"
t_done

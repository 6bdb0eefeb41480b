#!/usr/bin/env bash
# Open data from the notification service: a snapshot a day (the service
# clock's day, OCOP_CLOCK_FILE), made on the first request and kept unchanged,
# of the OCOP products in force (exactly promotion's public catalogue, which
# also leaves out a product whose inspection ended in recall) with
# their certificates and of the revocation list, as JSON and CSV; every field
# on an allow-list and no personal data from the registry; ETag (the SHA-256),
# Last-Modified and 304; a second day makes a second snapshot while the first
# is still listed and served byte for byte.
source "$(dirname "$0")/lib.sh"
t_init open_data
CLOCK=$T_DIR/clock
set_clock() { printf '%s\n' "$1" >"$CLOCK.new" && mv "$CLOCK.new" "$CLOCK"; }
set_clock 2025-09-15
t_start registration
t_start evaluation OCOP_CLOCK_FILE="$CLOCK" OCOP_AGENCY_CODE=TV OCOP_SCHEDULER_INTERVAL_MS=86400000
t_start promotion OCOP_CLOCK_FILE="$CLOCK"
t_start notification OCOP_CLOCK_FILE="$CLOCK"
R=$(t_url registration)
E=$(t_url evaluation)
P=$(t_url promotion)
N=$(t_url notification)

# --- the registry: organisations and a household, with contact details that must never leak ------
producer() { # producer TYPE IDENTIFIER NAME REPRESENTATIVE PHONE EMAIL ADDRESS: prints its id
    t_http POST "$R/v1/producers" "{\"type\":\"$1\",\"identifier\":\"$2\",\"name\":\"$3\",\"representative\":\"$4\",\"commune_code\":\"29302\",\"phone\":\"$5\",\"email\":\"$6\",\"address\":\"$7\"}"
    j .id
}
HTX=$(producer cooperative 2100600001 "Hợp tác xã Dừa sáp Cầu Kè" "Trần Văn Sáu" 0294381111 htx.duasap@example.vn "Ấp Ô Rồm, xã Phong Thạnh")
FARM=$(producer enterprise 2100600002 "Công ty TNHH Trà Vinh FARM" "Lê Thị Bảy" 0294382222 farm@example.vn "Số 12 đường Nguyễn Đáng")
HH=$(producer household 84A8600001 "Nguyễn Thị Bình" "Nguyễn Thị Bình" 0909123456 binh.nguyen@example.vn "Ấp Chợ, xã Tân An")
A=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
B=$(t_new_product "$HH" "Chả hoa Năm Thụy" 8)
C=$(t_new_product "$FARM" "Mật hoa dừa" 4)
D=$(t_new_product "$HTX" "Tinh bột nghệ" 7)
F=$(t_new_product "$FARM" "Trà mãng cầu" 7)
X=$(t_new_product "$HTX" "Bánh tét lá cẩm" 7)
NOCERT=$(t_new_product "$HTX" "Bánh tráng" 6)
known() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }
check "evaluation knows the seven products" t_until 30 known "$NOCERT"
cert() { # cert PRODUCT STARS LEVEL DECISION ISSUED_ON RULE_SET [NUMBER]: prints "id number"
    t_http POST "$E/v1/certificates" "{\"product_id\":\"$1\",\"stars\":$2,\"rule_set\":\"$6\",\"level\":\"$3\",\"decision_number\":\"$4\",\"issued_on\":\"$5\"${7:+,\"number\":\"$7\"}}"
    [[ $T_STATUS == 201 ]] || fail "certificate of $1 recorded ($T_STATUS $T_BODY)"
    echo "$(j .id) $(j .number)"
}
revoke() { # revoke ID REASON DECISION DAY
    t_http POST "$E/v1/certificates/$1/revocation" \
        "{\"grounds\":\"other\",\"reason\":\"$2\",\"decision_number\":\"$3\",\"decided_on\":\"$4\"}" \
        "If-Match: \"$(t_sql evaluation "SELECT version FROM certificates WHERE id = '$1'")\""
    [[ $T_STATUS == 200 ]] || fail "certificate $1 revoked ($T_STATUS $T_BODY)"
}
read -r CA NA < <(cert "$A" 4 province "15/QĐ-UBND" 2025-08-01 qd1489-2025)
read -r CB NB < <(cert "$B" 3 district "9/QĐ-UBND" 2025-06-01 qd148-2023)
read -r CC NC < <(cert "$C" 4 province "21/QĐ-UBND" 2025-07-20 qd1489-2025)
read -r CD ND < <(cert "$D" 3 province "7/QĐ-UBND" 2022-10-20 qd1048-2019)   # expiring 2025-10-20
read -r CF1 NF1 < <(cert "$F" 4 province "30/QĐ-UBND" 2022-11-01 qd1048-2019)
read -r CF2 NF2 < <(cert "$F" 5 central "777/QĐ-TTg" 2025-09-01 qd1489-2025 "77/GCN-TTg")  # supersedes NF1
read -r CX NX < <(cert "$X" 3 province "88/QĐ-UBND" 2019-12-02 qd1048-2019)    # expired at once
revoke "$CC" "Vi phạm quy định sử dụng nhãn OCOP" "16/QĐ-UBND" 2025-09-10

catalogue() { # the product codes of promotion's public catalogue, sorted, one line
    T_TOKEN= t_http GET "$P/v1/catalogue?limit=200"
    j '[.items[].code] | sort | join(",")'
}
model_has() { [[ $(t_sql notification "SELECT count(*) FROM certificates c JOIN products p USING (product_id) WHERE c.status IN ('revoked', 'superseded', 'expired')") == 3 && $(t_sql notification "SELECT count(*) FROM certificates") == 7 ]]; }
check "notification's read model has the seven certificates" t_until 30 model_has
code_of() { t_sql notification "SELECT code FROM products WHERE product_id = '$1'"; }
WANT=$(printf '%s\n' "$(code_of "$A")" "$(code_of "$B")" "$(code_of "$D")" "$(code_of "$F")" | sort | paste -sd,)
cat_is() { [[ $(catalogue) == "$1" ]]; }
check "promotion's catalogue settles on the four products in force" t_until 30 cat_is "$WANT"

# --- the index and today's snapshot -------------------------------------------------------------------
T_TOKEN= t_http GET "$N/v1/open-data"
check_eq "the index, anonymously: licence, today, the latest snapshot and its four files" \
    "200|CC BY 4.0|2025-09-15|2025-09-15|4|1|revocations.json,revocations.csv,products.json,products.csv" \
    "$T_STATUS|$(j .licence)|$(j .today)|$(j .latest.date)|$(j .latest.products)|$(j .latest.revocations)|$(j '[.latest.files[].name] | join(",")')"
check_eq "with the field dictionary in Vietnamese and English" "12 6 true" \
    "$(j '.fields.products | length') $(j '.fields.revocations | length') $(j '[.fields[][] | (.vi | length > 0) and (.en | length > 0)] | all')"
ALLOWED_P=$(j '[.fields.products[].name] | join(",")')
ALLOWED_R=$(j '[.fields.revocations[].name] | join(",")')
check_eq "the products' fields are the published allow-list" \
    "number,product_code,product_name,producer_public_name,sector,commune_code,stars,level,decision_number,issued_on,expires_on,status" "$ALLOWED_P"
check_eq "and the revocations'" "number,product_code,status,changed_on,reason,change_decision" "$ALLOWED_R"

get() { # get DAY FILE: downloads it into $T_DIR/DAY.FILE, headers into .h; sets T_STATUS
    curl -s -D "$T_DIR/$1.$2.h" -o "$T_DIR/$1.$2" "$N/v1/open-data/snapshots/$1/$2" "${@:3}"
    T_STATUS=$(head -1 "$T_DIR/$1.$2.h" | awk '{print $2}')
}
hdr() { grep -i "^$1:" "$2" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
for f in products.json products.csv revocations.json revocations.csv; do get 2025-09-15 "$f"; done
check_eq "products.json: 200 JSON, ETag the SHA-256 of the body, Last-Modified, cacheable" \
    "200|application/json|\"$(sha256sum "$T_DIR/2025-09-15.products.json" | cut -d' ' -f1)\"|public, max-age=86400" \
    "$(head -1 "$T_DIR/2025-09-15.products.json.h" | awk '{print $2}')|$(hdr Content-Type "$T_DIR/2025-09-15.products.json.h")|$(hdr ETag "$T_DIR/2025-09-15.products.json.h")|$(hdr Cache-Control "$T_DIR/2025-09-15.products.json.h")"
check_eq "products.csv: text/csv in UTF-8" "text/csv; charset=utf-8" "$(hdr Content-Type "$T_DIR/2025-09-15.products.csv.h")"
PJ=$T_DIR/2025-09-15.products.json
check_eq "the product set is the catalogue's" "$WANT" "$(jq -r '[.items[].product_code] | sort | join(",")' "$PJ")"
check_eq "with each product's current certificate" "$(printf '%s\n' "$NA" "$NB" "$ND" "$NF2" | sort | paste -sd,)" \
    "$(jq -r '[.items[].number] | sort | join(",")' "$PJ")"
check_eq "statuses today: valid, and expiring within 90 days" "$NA:valid,$NB:valid,$ND:expiring,$NF2:valid" \
    "$(jq -r --arg a "$NA" --arg b "$NB" --arg d "$ND" --arg f "$NF2" '[$a, $b, $d, $f] as $o | [$o[] as $n | .items[] | select(.number == $n) | "\(.number):\(.status)"] | join(",")' "$PJ")"
check_eq "every item holds exactly the allow-listed fields" "true" \
    "$(jq --arg f "$ALLOWED_P" '[.items[] | keys_unsorted | join(",") == $f] | all' "$PJ")"
check_eq "the document's members are known ones" "dataset,title,date,licence,count,fields,items" \
    "$(jq -r 'keys_unsorted | join(",")' "$PJ")"
check_eq "an organisation is named, a household is not" "Hợp tác xã Dừa sáp Cầu Kè|null" \
    "$(jq -r --arg a "$NA" --arg b "$NB" '[(.items[] | select(.number == $a) | .producer_public_name), (.items[] | select(.number == $b) | .producer_public_name)] | map(tostring) | join("|")' "$PJ")"
check_eq "the CSV's header is the allow-list, one line per product" "$ALLOWED_P|5" \
    "$(head -1 "$T_DIR/2025-09-15.products.csv" | tr -d '\r')|$(wc -l <"$T_DIR/2025-09-15.products.csv")"
check_eq "the CSV holds the same rows as the JSON" \
    "$(jq -r '.items[] | [.number, .product_code, .stars] | join(",")' "$PJ" | sort)" \
    "$(tail -n +2 "$T_DIR/2025-09-15.products.csv" | tr -d '\r' | "${PY:-/usr/bin/python3}" -c 'import csv, sys; [print(f"{r[0]},{r[1]},{r[6]}") for r in csv.reader(sys.stdin)]' | sort)"
RJ=$T_DIR/2025-09-15.revocations.json
check_eq "the revoked certificate is on the revocation list, with why and by which decision" \
    "$NC|$(code_of "$C")|revoked|2025-09-15|Vi phạm quy định sử dụng nhãn OCOP|16/QĐ-UBND" \
    "$(jq -r '.items[0] | [.number, .product_code, .status, .changed_on, .reason, .change_decision] | join("|")' "$RJ")"
check_eq "with exactly its allow-listed fields, in the CSV too" "true|$ALLOWED_R|2" \
    "$(jq --arg f "$ALLOWED_R" '[.items[] | keys_unsorted | join(",") == $f] | all' "$RJ")|$(head -1 "$T_DIR/2025-09-15.revocations.csv" | tr -d '\r')|$(wc -l <"$T_DIR/2025-09-15.revocations.csv")"
PERSONAL='Nguyễn Thị Bình|Trần Văn Sáu|Lê Thị Bảy|Nguyễn Văn An|0294381111|0294382222|0909123456|@example\.vn|2100600001|2100600002|84A8600001|Ô Rồm|Nguyễn Đáng|Tân An'
check_eq "no personal data from the registry in any file (names, phones, e-mails, identifiers, addresses)" 0 \
    "$(cat "$T_DIR"/2025-09-15.products.* "$T_DIR"/2025-09-15.revocations.* | grep -v '^HTTP' | grep -cE "$PERSONAL")"

# --- conditional requests ------------------------------------------------------------------------------
ETAG=$(hdr ETag "$T_DIR/2025-09-15.products.csv.h")
LM=$(hdr Last-Modified "$T_DIR/2025-09-15.products.csv.h")
cond() { curl -s -o /dev/null -w '%{http_code}:%{size_download}' "$N/v1/open-data/snapshots/2025-09-15/products.csv" -H "$1"; }
check_eq "If-None-Match with the ETag: 304, no body" "304:0" "$(cond "If-None-Match: $ETAG")"
check_eq "in a list, or weak, it matches too" "304:0 304:0" "$(cond "If-None-Match: \"x\", $ETAG") $(cond "If-None-Match: W/$ETAG")"
check_eq "another ETag: 200" 200 "$(cond 'If-None-Match: "other"' | cut -d: -f1)"
check_eq "If-Modified-Since its Last-Modified: 304" 304 "$(cond "If-Modified-Since: $LM" | cut -d: -f1)"
check_eq "an earlier If-Modified-Since: 200" 200 "$(cond 'If-Modified-Since: Mon, 01 Sep 2025 00:00:00 GMT' | cut -d: -f1)"
check_eq "If-None-Match wins over If-Modified-Since" 200 \
    "$(curl -s -o /dev/null -w '%{http_code}' "$N/v1/open-data/snapshots/2025-09-15/products.csv" -H 'If-None-Match: "other"' -H "If-Modified-Since: $LM")"
for bad in 2025-09-14/products.csv 2025-02-30/products.csv 2025-9-15/products.csv 2025-09-15/products.xml 2025-09-15/secrets.json; do
    T_TOKEN= t_http GET "$N/v1/open-data/snapshots/$bad"
    check_eq "$bad is 404" 404 "$T_STATUS"
done

# --- the next day ---------------------------------------------------------------------------------------
set_clock 2025-09-16
revoke "$CA" "Sản phẩm không còn đáp ứng tiêu chí" "17/QĐ-UBND" 2025-09-16
revoked_in_model() { [[ $(t_sql notification "SELECT status FROM certificates WHERE certificate_id = '$CA'") == revoked ]]; }
check "the second revocation reaches notification" t_until 30 revoked_in_model
# An inspection that ends in recall leaves the certificate in force but takes the product out of
# the catalogue (promotion's rule): open data must drop it too.
t_http POST "$E/v1/inspections" "{\"product_id\":\"$D\",\"kind\":\"periodic\",\"place\":\"facility\",\"inspecting_body\":\"Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long\",\"inspected_on\":\"2025-09-16\",\"findings\":[{\"category\":\"food_safety\",\"result\":\"fail\",\"note\":\"Kho chưa đạt\"}],\"outcome\":\"recall\",\"recall_notice\":\"Thu hồi lô sản xuất 08/2025\"}"
check_eq "an inspection of D ends in recall, its certificate still valid" "201 recall valid" \
    "$T_STATUS $(j .outcome) $(j .certificate.status)"
recall_in_model() { [[ $(t_sql notification "SELECT count(*) FROM public_inspections WHERE product_id = '$D' AND outcome = 'recall'") == 1 ]]; }
check "the recall reaches notification" t_until 30 recall_in_model
WANT2=$(printf '%s\n' "$(code_of "$B")" "$(code_of "$F")" | sort | paste -sd,)
check "and promotion's catalogue drops both products" t_until 30 cat_is "$WANT2"
pids=()
for i in 1 2 3 4 5 6; do curl -s -o /dev/null --max-time 20 "$N/v1/open-data" & pids+=($!); done
wait "${pids[@]}"
check_eq "concurrent first requests of the day make one snapshot" "1 1" \
    "$(t_sql notification "SELECT count(*) FROM open_data_snapshots WHERE day = '2025-09-16'") $(t_sql notification "SELECT count(*) FROM open_data_snapshots WHERE day = '2025-09-15'")"
T_TOKEN= t_http GET "$N/v1/open-data"
check_eq "the index now gives the second day's snapshot" "200|2025-09-16|2|2" \
    "$T_STATUS|$(j .latest.date)|$(j .latest.products)|$(j .latest.revocations)"
get 2025-09-16 products.json
check_eq "the second day's products are the catalogue's again" "$WANT2" \
    "$(jq -r '[.items[].product_code] | sort | join(",")' "$T_DIR/2025-09-16.products.json")"
get 2025-09-16 revocations.csv
check "its revocation list holds both revoked certificates" \
    bash -c 'grep -q "^$1,.*,revoked,2025-09-16," "$3" && grep -q "^$2,.*,revoked,2025-09-15," "$3"' _ "$NA" "$NC" "$T_DIR/2025-09-16.revocations.csv"
cp "$T_DIR/2025-09-15.products.json" "$T_DIR/first.json"
get 2025-09-15 products.json
check "the first day's file is served unchanged, byte for byte" cmp -s "$T_DIR/first.json" "$T_DIR/2025-09-15.products.json"
check_eq "with the same ETag" "\"$(sha256sum "$T_DIR/first.json" | cut -d' ' -f1)\"" "$(hdr ETag "$T_DIR/2025-09-15.products.json.h")"
T_TOKEN= t_http GET "$N/v1/open-data/snapshots"
check_eq "both days are listed, newest first" "200 2025-09-16,2025-09-15 null" "$T_STATUS $(j '[.items[].date] | join(",")') $(j .next_cursor)"
T_TOKEN= t_http GET "$N/v1/open-data/snapshots?limit=1"
NEXT=$(j .next_cursor)
check_eq "one a page" "2025-09-16 true" "$(j '.items[0].date') $([[ $NEXT != null ]] && echo true)"
T_TOKEN= t_http GET "$N/v1/open-data/snapshots?limit=1&cursor=$NEXT"
check_eq "the next page has the first day" "2025-09-15 null" "$(j '.items[0].date') $(j .next_cursor)"
T_TOKEN= t_http GET "$N/v1/open-data/snapshots?limit=0"
check_eq "a bad limit is 422" "422 limit" "$T_STATUS $(j '.errors[0].field')"
set_clock 2025-09-15

t_check_audit
t_done

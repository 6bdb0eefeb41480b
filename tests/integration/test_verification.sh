#!/usr/bin/env bash
# Public verification of OCOP certificates by the notification service, from
# its read model fed by registration's and evaluation's events: the JSON
# record (valid, expiring, revoked, superseded, unknown; a household's name
# never shown), the Vietnamese page rendered in headless Chromium (status in
# words and colour, CSP, a 404 page), the label's QR codes (the PNG decodes to
# the page's URL, the SVG is XML; ETag and 304), all without a token, and the
# status moving with the service clock (OCOP_CLOCK_FILE).
source "$(dirname "$0")/lib.sh"
t_init verification
CLOCK=$T_DIR/clock
set_clock() { printf '%s\n' "$1" >"$CLOCK.new" && mv "$CLOCK.new" "$CLOCK"; }
set_clock 2025-09-15
PY=/usr/bin/python3 # Debian's, with python3-pil
t_start registration
t_start evaluation OCOP_CLOCK_FILE="$CLOCK" OCOP_AGENCY_CODE=TV OCOP_SCHEDULER_INTERVAL_MS=86400000
# Notification's public URL names its own port, so the port is chosen first; when a parallel
# test takes it in between, t_start moves to another port and the URL would be wrong: start again.
for try in 1 2 3; do
    T_PORTS[notification]=$(ocop_free_port)
    BASE=http://127.0.0.1:${T_PORTS[notification]}
    t_start notification OCOP_CLOCK_FILE="$CLOCK" OCOP_PUBLIC_BASE_URL="$BASE/"
    [[ $(t_url notification) == "$BASE" ]] && break
    t_stop notification
done
R=$(t_url registration)
E=$(t_url evaluation)
N=$(t_url notification)

# --- products and their certificates in evaluation ------------------------------------------------
HTX=$(t_new_producer cooperative 2100500001 "Hợp tác xã Dừa sáp Cầu Kè" 29302)
t_http POST "$R/v1/producers" '{"type":"household","identifier":"84A8500001","name":"Nguyễn Thị Bình","representative":"Nguyễn Thị Bình","commune_code":"29242","address":"Ấp Chợ, xã Tân An","phone":"0909123456","email":"binh.nguyen@example.vn"}'
HH=$(j .id)
P_VALID=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
P_OLD=$(t_new_product "$HTX" "Mật hoa dừa" 4)
P_HH=$(t_new_product "$HH" 'Chả hoa <Bình> & \"Năm\"' 8)
P_UP=$(t_new_product "$HTX" "Tinh bột nghệ" 7)
P_SUS=$(t_new_product "$HTX" "Bánh pía" 7)
known() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }
check "evaluation knows the five products" t_until 30 known "$P_SUS"
cert() { # cert PRODUCT STARS LEVEL DECISION ISSUED_ON [RULE_SET] [NUMBER]: records one; prints "id number"
    t_http POST "$E/v1/certificates" \
        "{\"product_id\":\"$1\",\"stars\":$2,\"rule_set\":\"${6:-qd1489-2025}\",\"level\":\"$3\",\"decision_number\":\"$4\",\"issued_on\":\"$5\"${7:+,\"number\":\"$7\"}}"
    [[ $T_STATUS == 201 ]] || fail "certificate of $1 recorded ($T_STATUS $T_BODY)"
    echo "$(j .id) $(j .number)"
}
read -r C_VALID VALID < <(cert "$P_VALID" 4 province "15/QĐ-UBND" 2025-08-01)
read -r C_OLD OLD < <(cert "$P_OLD" 3 province "7/QĐ-UBND" 2022-10-20 qd1048-2019)       # expires 2025-10-20
read -r C_HH HH_NUMBER < <(cert "$P_HH" 3 district "9/QĐ-UBND" 2025-06-01 qd148-2023)
read -r C_UP1 UP1 < <(cert "$P_UP" 4 province "20/QĐ-UBND" 2022-11-10 qd1048-2019)
read -r C_UP2 UP2 < <(cert "$P_UP" 5 central "777/QĐ-TTg" 2025-09-01 qd1489-2025 "05/QĐ-BNNMT")  # supersedes UP1
t_http POST "$E/v1/certificates/$C_HH/revocation" \
    '{"grounds":"other","reason":"Vi phạm quy định sử dụng nhãn OCOP <b>","decision_number":"16/QĐ-UBND","decided_on":"2025-09-10"}' \
    "If-Match: \"$(t_sql evaluation "SELECT version FROM certificates WHERE id = '$C_HH'")\""
check_eq "one certificate is revoked" 200 "$T_STATUS"
read -r C_SUS SUS < <(cert "$P_SUS" 4 province "40/QĐ-UBND" 2025-08-15)
t_http POST "$E/v1/inspections" "{\"product_id\":\"$P_SUS\",\"kind\":\"surprise\",\"place\":\"market\",\"inspecting_body\":\"Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long\",\"inspected_on\":\"2025-09-11\",\"findings\":[{\"category\":\"food_safety\",\"result\":\"fail\",\"note\":\"Bao bì chưa đạt\"}],\"outcome\":\"suspension\",\"decision_number\":\"31/QĐ-SNNMT\",\"decided_on\":\"2025-09-12\",\"grounds\":\"below_certified_quality_or_packaging\",\"fix_deadline\":\"2025-12-31\"}"
check_eq "an inspection suspends another certificate" "201 suspended" "$T_STATUS $(j .certificate.status)"
in_model() { [[ $(t_sql notification "SELECT count(*) FROM certificates WHERE status IN ('revoked', 'superseded', 'suspended')") == 3 && $(t_sql notification "SELECT count(*) FROM certificates c JOIN products p USING (product_id)") == 6 ]]; }
check "the six certificates and their products reach notification's read model" t_until 30 in_model

# --- JSON, anonymously --------------------------------------------------------------------------------
verify() { T_TOKEN= t_http GET "$N/v1/verify/$(jq -rn --arg n "$1" '$n | @uri')"; } # '/' as %2F, Đ as UTF-8
verify "$VALID"
check_eq "a valid certificate: status, words, colour, product, producer, level, days left" \
    "200|valid|Còn hiệu lực|green|Dừa sáp Cầu Kè|Hợp tác xã Dừa sáp Cầu Kè|4|province|cấp tỉnh|1051|null|null" \
    "$T_STATUS|$(j .status.code)|$(j .status.text)|$(j .status.colour)|$(j .product.name)|$(j .producer.public_name)|$(j .stars)|$(j .level)|$(j .level_text)|$(j .days_left)|$(j .change)|$(j .superseded_by)"
check_eq "with its dates, decision, rule set, authority and page URL" \
    "2025-08-01|2028-08-01|15/QĐ-UBND|qd1489-2025|Ủy ban nhân dân cấp tỉnh|$BASE/verify/$VALID|2025-09-15" \
    "$(j .issued_on)|$(j .expires_on)|$(j .decision_number)|$(j .rule_set)|$(j .issuing_authority)|$(j .verify_url)|$(j .checked_on)"
check_eq "public and cacheable without a token" "public, max-age=60" "$(t_header Cache-Control)"
t_http GET "$N/v1/verify/$VALID"
check_eq "with a token too, but not cached" "200 no-store" "$T_STATUS $(t_header Cache-Control)"
verify "$OLD"
check_eq "within 90 days of expiry: expiring, amber" "expiring|Sắp hết hạn|amber|35" \
    "$(j .status.code)|$(j .status.text)|$(j .status.colour)|$(j .days_left)"
verify "$HH_NUMBER"
# decision_date is the decision's, changed_on the day evaluation recorded the change (its clock)
check_eq "a revoked certificate still verifies, with why, by which decision and when" \
    "200|revoked|Đã thu hồi|red|null|Vi phạm quy định sử dụng nhãn OCOP <b>|16/QĐ-UBND|2025-09-10|2025-09-15" \
    "$T_STATUS|$(j .status.code)|$(j .status.text)|$(j .status.colour)|$(j .days_left)|$(j .change.reason)|$(j .change.decision_number)|$(j .change.decision_date)|$(j .change.changed_on)"
check_eq "a household producer's name is never shown" "null" "$(j .producer.public_name)"
check "nor anything else of the household" bash -c '! grep -qE "Nguyễn|0909123456|binh.nguyen|84A8500001|Tân An" <<<"$1"' _ "$T_BODY"
verify "$SUS"
check_eq "a suspended certificate: orange, by which decision of which date" \
    "200|suspended|Tạm đình chỉ|orange|null|31/QĐ-SNNMT|2025-09-12|true" \
    "$T_STATUS|$(j .status.code)|$(j .status.text)|$(j .status.colour)|$(j .days_left)|$(j .change.decision_number)|$(j .change.decision_date)|$(j '.change | has("reason")')"
verify "$UP1"
check_eq "a superseded certificate names the one that replaced it" \
    "superseded|Đã được thay thế|blue|$UP2" "$(j .status.code)|$(j .status.text)|$(j .status.colour)|$(j .superseded_by)"
verify "$UP2"
check_eq "the new one, with the central decision's printed number, is valid, central, replaced by nothing" \
    "200|05/QĐ-BNNMT|valid|central|null" "$T_STATUS|$(j .number)|$(j .status.code)|$(j .level)|$(j .superseded_by)"
verify TV-CN-2099-99999
check_eq "an unknown number is 404 problem+json" "404 application/problem+json NOT_FOUND" \
    "$T_STATUS $(t_header Content-Type) $(j .code)"
verify "TV-CN<2025>"
check_eq "a number of another form is 404 too" 404 "$T_STATUS"
verify "$(printf 'A%.0s' {1..65})"
check_eq "so is one over 64 characters" 404 "$T_STATUS"

# --- the page ---------------------------------------------------------------------------------------
T_TOKEN= t_http GET "$N/verify/$VALID"
check_eq "the page: 200 HTML in UTF-8 with the strict CSP" \
    "200|text/html; charset=utf-8|default-src 'none'; style-src 'unsafe-inline'; img-src data:" \
    "$T_STATUS|$(t_header Content-Type)|$(t_header Content-Security-Policy)"
check "it has a mobile viewport and no script or outside resource" \
    bash -c 'grep -q "name=\"viewport\"" <<<"$1" && ! grep -qiE "<script|src=|href=\"http|@import" <<<"$1"' _ "$T_BODY"
T_TOKEN= t_http GET "$N/verify/$HH_NUMBER"
check "values are escaped (the product's <Bình>, the reason's <b>)" \
    bash -c 'grep -qF "Chả hoa &lt;Bình&gt; &amp; &quot;Năm&quot;" <<<"$1" && grep -qF "OCOP &lt;b&gt;" <<<"$1" && ! grep -qF "<Bình>" <<<"$1"' _ "$T_BODY"
T_TOKEN= t_http GET "$N/verify/TV-CN-2099-99999"
check_eq "an unknown number is a 404 page saying so" "404 text/html; charset=utf-8 1" \
    "$T_STATUS $(t_header Content-Type) $(grep -c 'Không tìm thấy giấy chứng nhận số TV-CN-2099-99999' <<<"$T_BODY")"
T_TOKEN= t_http GET "$N/verify/%3Cscript%3E"
check "an odd number is escaped on the 404 page" \
    bash -c '[[ $2 == 404 ]] && grep -qF "số &lt;script&gt;" <<<"$1" && ! grep -qF "<script>" <<<"$1"' _ "$T_BODY" "$T_STATUS"

# In headless Chromium, as a phone shows them: words and colour (screenshots under the test's folder).
SHOTS=$T_DIR/screenshots
mkdir -p "$SHOTS"
page() { "$PY" "$OCOP_ROOT/tests/integration/verify_page.py" "$N/verify/$1" "$SHOTS/$2" "$3" "$4"; }
check "Chromium: the valid page shows Còn hiệu lực in green" page "$VALID" valid "Còn hiệu lực" "#1b7f3b"
check "Chromium: the expiring page shows Sắp hết hạn in amber" page "$OLD" expiring "Sắp hết hạn" "#f0a500"
check "Chromium: the revoked page shows Đã thu hồi in red" page "$HH_NUMBER" revoked "Đã thu hồi" "#c62828"
check "Chromium: the suspended page shows Tạm đình chỉ in orange" page "$SUS" suspended "Tạm đình chỉ" "#e8650a"
check "Chromium: the superseded page shows Đã được thay thế in blue" page "$UP1" superseded "Đã được thay thế" "#1e5bb8"
check "Chromium: an unknown number shows Không tìm thấy" page TV-CN-2099-99999 unknown \
    "Không tìm thấy giấy chứng nhận số TV-CN-2099-99999" "#e5e7eb"
check "the red of revoked is not on the valid page (the check can fail)" \
    bash -c '! "$1" "$2" "$3/verify/$4" "$5/negative" "Còn hiệu lực" "#c62828" 2>/dev/null' _ \
    "$PY" "$OCOP_ROOT/tests/integration/verify_page.py" "$N" "$VALID" "$SHOTS"

# --- QR codes ---------------------------------------------------------------------------------------
curl -s -D "$T_DIR/qr.h" -o "$T_DIR/qr.png" "$N/v1/certificates/$VALID/qr.png?size=6"
check_eq "the PNG QR code: 200 image/png, cacheable" "200|image/png|public, max-age=86400" \
    "$(head -1 "$T_DIR/qr.h" | awk '{print $2}')|$(grep -i '^content-type:' "$T_DIR/qr.h" | cut -d' ' -f2- | tr -d '\r')|$(grep -i '^cache-control:' "$T_DIR/qr.h" | cut -d' ' -f2- | tr -d '\r')"
check_eq "it decodes to exactly the page's URL" "$BASE/verify/$VALID" "$(zbarimg -q --raw "$T_DIR/qr.png")"
check_eq "the page's URL is the one the JSON gives" "$(T_TOKEN= t_http GET "$N/v1/verify/$VALID"; j .verify_url)" \
    "$(zbarimg -q --raw "$T_DIR/qr.png")"
check_eq "size sets the pixels per module: (modules + 8) × 6" 0 \
    "$("$PY" -c 'import sys; from PIL import Image; w, h = Image.open(sys.argv[1]).size; print((w % 6) + (w != h))' "$T_DIR/qr.png")"
T_TOKEN= t_http GET "$N/v1/certificates/$VALID/qr.svg"
check_eq "the SVG QR code: 200 image/svg+xml" "200 image/svg+xml" "$T_STATUS $(t_header Content-Type)"
printf '%s' "$T_BODY" >"$T_DIR/qr.svg"
check "the SVG is well-formed XML with an svg root" "$PY" -c \
    'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); sys.exit(r.tag != "{http://www.w3.org/2000/svg}svg")' "$T_DIR/qr.svg"
ETAG=$(t_header ETag)
T_TOKEN= t_http GET "$N/v1/certificates/$VALID/qr.svg" "" "If-None-Match: $ETAG"
check_eq "If-None-Match with its ETag: 304 without a body" "304|" "$T_STATUS|$T_BODY"
T_TOKEN= t_http GET "$N/v1/certificates/$VALID/qr.svg" "" 'If-None-Match: "other"'
check_eq "another ETag: 200" 200 "$T_STATUS"
T_TOKEN= t_http GET "$N/v1/certificates/$OLD/qr.svg"
check "another number has another ETag" test "$(t_header ETag)" != "$ETAG"
T_TOKEN= t_http GET "$N/v1/certificates/TV-CN-2099-99999/qr.png"
check_eq "no QR code for an unknown number" "404 NOT_FOUND" "$T_STATUS $(j .code)"
T_TOKEN= t_http GET "$N/v1/certificates/$VALID/qr.png?size=33"
check_eq "size over 32 is 422 naming it" "422 size" "$T_STATUS $(j '.errors[0].field')"
T_TOKEN= t_http GET "$N/v1/certificates/$VALID/qr.png?size=0"
check_eq "and size 0 too" 422 "$T_STATUS"

# --- a number with a '/' (OCOP_CERTIFICATE_NUMBER_PATTERN allows it): the path takes it as %2F --------
P_SL=$(cat /proc/sys/kernel/random/uuid)
t_event evaluation ocop.evaluation.certificate.issued.v1 "$P_SL" "{\"certificate_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"number\":\"12/TV-2025\",\"product_id\":\"$P_SL\",\"product_code\":\"OCOP-TV-2025-09999\",\"stars\":4,\"status\":\"valid\",\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"1/QĐ-UBND\",\"issued_on\":\"2025-01-01\",\"expires_on\":\"2028-01-01\",\"version\":1,\"result_id\":null,\"application_id\":null,\"supersedes\":null,\"issued_at\":\"2025-01-01T02:00:00Z\",\"actor\":\"test-officer\"}"
slash_in() { [[ $(t_sql notification "SELECT count(*) FROM certificates WHERE number = '12/TV-2025'") == 1 ]]; }
check "a certificate numbered 12/TV-2025 reaches the read model" t_until 30 slash_in
verify "12/TV-2025" # the helper sends it as 12%2FTV-2025
check_eq "it verifies as 12%2FTV-2025, and its page URL encodes the slash" \
    "200|12/TV-2025|$BASE/verify/12%2FTV-2025" "$T_STATUS|$(j .number)|$(j .verify_url)"
curl -s -o "$T_DIR/qr-slash.png" "$N/v1/certificates/12%2FTV-2025/qr.png"
SLASH_URL=$(zbarimg -q --raw "$T_DIR/qr-slash.png")
check_eq "its QR code decodes to that URL" "$BASE/verify/12%2FTV-2025" "$SLASH_URL"
check_eq "which opens its page" "200 text/html; charset=utf-8" \
    "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$SLASH_URL")"

# --- the status follows the service clock ------------------------------------------------------------
set_clock 2028-07-01
verify "$VALID"
check_eq "31 days before its end the valid one is expiring" "expiring 31" "$(j .status.code) $(j .days_left)"
set_clock 2028-08-02
verify "$VALID"
check_eq "the day after its end it is expired, grey, no days left" "expired|Hết hiệu lực|grey|null" \
    "$(j .status.code)|$(j .status.text)|$(j .status.colour)|$(j .days_left)"
check "Chromium: the expired page shows Hết hiệu lực in grey" page "$VALID" expired "Hết hiệu lực" "#6b7280"
set_clock 2025-09-15

# --- settings are checked at start ----------------------------------------------------------------
refuses() { # refuses VAR=VALUE WORDS: the service exits non-zero at once, logging WORDS
    t_env notification
    timeout 20 env OCOP_HTTP_PORT="$(ocop_free_port)" "${T_ENV[@]}" "$1" \
        "$OCOP_BUILD_DIR/services/notification/ocop-notification" </dev/null >/dev/null 2>"$T_DIR/refused.log"
    local status=$?
    ((status != 0 && status != 124)) && grep -q "$2" "$T_DIR/refused.log"
}
check "a base URL that is not http(s) stops the start" refuses OCOP_PUBLIC_BASE_URL=ftp://x "OCOP_PUBLIC_BASE_URL must start"
check "one with a quote stops it too" refuses 'OCOP_PUBLIC_BASE_URL=http://a"b' "OCOP_PUBLIC_BASE_URL must be printable"
check "expiring days out of range stop it" refuses OCOP_PUBLIC_EXPIRING_DAYS=3651 "OCOP_PUBLIC_EXPIRING_DAYS must be"
check "so do non-numeric ones" refuses OCOP_PUBLIC_EXPIRING_DAYS=9x "OCOP_PUBLIC_EXPIRING_DAYS must be"
check "and an empty licence" refuses OCOP_OPEN_DATA_LICENCE= "OCOP_OPEN_DATA_LICENCE must be"

t_check_audit
t_done

#!/usr/bin/env bash
# Object rules of the registry, with real tokens: a producer sees and changes
# only its own producers, products, applications and documents, a commune
# officer only its commune's (current commune, legacy codes resolved); what is
# not yours is 404 (never 403) and left out of lists. A household's personal
# data reaches only the producer itself, a province officer and the officer
# of its commune. Who moves an application is the token's subject, never a
# name in the body.
source "$(dirname "$0")/lib.sh"
t_init access_registration
t_start registration
R=$(t_url registration)
A_URL="$R/v1/applications"
NOBODY=00000000-0000-4000-8000-000000000000

# as TOKEN METHOD URL [BODY [HEADER...]]: t_http with the caller's own token.
as() {
    local token=$1 method=$2 url=$3 body=${4:-}
    shift 4 2>/dev/null || shift $#
    t_http "$method" "$url" "$body" "Authorization: Bearer $token" "$@"
}
# upload TOKEN APP ITEM FILE: a dossier document -> T_STATUS, T_BODY
upload() {
    T_BODY=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $1" -F "item=$3" -F "file=@$4" \
        "$A_URL/$2/documents")
    T_STATUS=$(tail -1 <<<"$T_BODY")
    T_BODY=$(sed '$d' <<<"$T_BODY")
}
# download TOKEN APP DOC: prints the status of the document's download
download() {
    curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "$A_URL/$2/documents/$3"
}
ids() { j '[.items[].id] | sort | join(",")'; }
sorted() { tr ' ' '\n' <<<"$*" | sort | paste -sd, -; }
personal() { j '[has("identifier"), has("representative"), has("address"), has("phone"), has("email")] | map(tostring) | join(",")'; }
ALL=true,true,true,true,true
NONE=false,false,false,false,false

# --- the registry, as the all-roles test officer made it --------------------------
# A: a household registered under Phú Cần (29347), which is today part of xã Tiểu Cần (29341).
t_http POST "$R/v1/producers" '{"type":"household","identifier":"84C8000001","name":"Hộ kinh doanh Bánh tét Út Mai","representative":"Lê Thị Mai","commune_code":"29347","registered_on":"2024-03-01","address":"Ấp Cây Ổi, Phú Cần","phone":"0294 3822 111","email":"utmai@example.vn"}'
A=$(j .id)
# B: an enterprise of xã Nhị Long (29302), another commune.
B=$(t_new_producer enterprise 2100400002 "Công ty TNHH Dừa Nhị Long" 29302)
# C: a household recorded under today's code of xã Tiểu Cần.
C=$(t_new_producer household 84C8000003 "Hộ kinh doanh Kẹo dừa Tư Lan" 29341)
check "three producers are registered" test -n "$A" -a -n "$B" -a -n "$C"
PA=$(t_new_product "$A" "Bánh tét lá cẩm" 2)
PB=$(t_new_product "$B" "Dừa sáp Nhị Long" 1)
t_http POST "$A_URL" "{\"product_id\":\"$PB\",\"kind\":\"first_time\",\"samples_count\":5}"
AB=$(j .id)
printf '%%PDF-1.4\n%% phiếu đăng ký\n' >"$T_DIR/form.pdf"
upload "$T_TOKEN" "$AB" registration_form "$T_DIR/form.pdf"
DB=$(j .id)
t_http POST "$R/v1/trademarks" "{\"product_id\":\"$PB\",\"kind\":\"collective\",\"mark_name\":\"Dừa sáp Nhị Long\",\"requested_on\":\"2026-03-02\"}"
TMB=$(j .id)
check "B's product, application, document and trademark request exist" \
    test -n "$PA" -a -n "$PB" -a -n "$AB" -a -n "$DB" -a -n "$TMB"

TA=$(t_token producer --producer "$A" --sub producer-a)
TB=$(t_token producer --producer "$B" --sub producer-b)
TCO=$(t_token commune_officer --commune 29341 --sub officer-tieu-can)
TCO2=$(t_token commune_officer --commune 29302 --sub officer-nhi-long)
TNOWHERE=$(t_token commune_officer --sub officer-without-commune)
TPORTAL=$(t_token portal --sub portal-account)
TADMIN=$(t_token admin --sub admin-account)
TPROV=$(t_token province_officer --sub province-officer)

# --- producer A and producer B's things --------------------------------------------
as "$TA" GET "$R/v1/producers/$A"
check_eq "A reads its own producer record with its personal data" "200 $ALL" "$T_STATUS $(personal)"
as "$TA" GET "$R/v1/producers/$B"
check_eq "A cannot see B's producer: 404, not 403" "404 NOT_FOUND" "$T_STATUS $(j .code)"
as "$TA" GET "$R/v1/producers/$NOBODY"
check_eq "the same 404 as a producer that does not exist" "404 NOT_FOUND" "$T_STATUS $(j .code)"
as "$TA" GET "$R/v1/products/$PB"
check_eq "A cannot see B's product" 404 "$T_STATUS"
as "$TA" GET "$R/v1/products/$PA"
check_eq "A sees its own product" "200 $PA" "$T_STATUS $(j .id)"
as "$TA" PATCH "$R/v1/products/$PB" '{"description":"Của tôi"}' 'If-Match: "1"'
check_eq "A cannot change B's product" 404 "$T_STATUS"
as "$TA" PATCH "$R/v1/products/$PA" '{"description":"Gói bằng lá chuối"}' 'If-Match: "1"'
check_eq "A changes its own product" "200 2" "$T_STATUS $(j .version)"
as "$TA" POST "$R/v1/products" "{\"producer_id\":\"$B\",\"name\":\"Dừa của người khác\",\"criteria_set\":1}"
check_eq "A cannot register a product for B: the 422 of an unknown producer" \
    "422 producer_id not_found" "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as "$TA" POST "$R/v1/products" "{\"producer_id\":\"$A\",\"name\":\"Bánh tét nhân chuối\",\"criteria_set\":2}"
check_eq "A registers a product of its own" 201 "$T_STATUS"
PA2=$(j .id)
as "$TA" GET "$R/v1/products?limit=200"
check_eq "A's product list holds only its own products" "$(sorted "$PA" "$PA2")" "$(ids)"
as "$TA" GET "$R/v1/products?producer_id=$B"
check_eq "filtering on B's id shows A nothing" 0 "$(j '.items | length')"

as "$TA" POST "$A_URL" "{\"product_id\":\"$PB\",\"kind\":\"first_time\"}"
check_eq "A cannot open an application for B's product: the 422 of an unknown product" \
    "422 product_id not_found" "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as "$TA" POST "$A_URL" "{\"product_id\":\"$PA\",\"kind\":\"first_time\",\"samples_count\":5}"
check_eq "A opens an application for its own product" "201 draft" "$T_STATUS $(j .status)"
AA=$(j .id)
as "$TA" GET "$A_URL/$AB"
check_eq "A cannot see B's application" 404 "$T_STATUS"
as "$TA" GET "$A_URL?limit=200"
check_eq "A's application list holds only its own" "$AA" "$(ids)"
as "$TA" PATCH "$A_URL/$AB" '{"samples_count":6}' 'If-Match: "2"'
check_eq "A cannot change B's application" 404 "$T_STATUS"
as "$TA" POST "$A_URL/$AB/transitions" '{"to":"withdrawn"}'
check_eq "A cannot withdraw B's application" 404 "$T_STATUS"
upload "$TA" "$AB" self_assessment "$T_DIR/form.pdf"
check_eq "A cannot upload to B's dossier" 404 "$T_STATUS"
check_eq "A cannot download B's document" 404 "$(download "$TA" "$AB" "$DB")"
check_eq "B downloads its own document" 200 "$(download "$TB" "$AB" "$DB")"
for item in registration_form self_assessment business_registration; do
    upload "$TA" "$AA" "$item" "$T_DIR/form.pdf"
    check_eq "A uploads $item to its own dossier" 201 "$T_STATUS"
done
DA=$(j .id)
check_eq "A downloads its own document" 200 "$(download "$TA" "$AA" "$DA")"
check_eq "B cannot download A's document" 404 "$(download "$TB" "$AA" "$DA")"
check_eq "nothing A tried on B's things was written" "1 0 1" "$(t_sql registration \
    "SELECT (SELECT count(*) FROM dossier_documents WHERE application_id = '$AB') || ' ' ||
            (SELECT count(*) FROM application_transitions WHERE application_id = '$AB') || ' ' ||
            (SELECT version FROM products WHERE id = '$PB')")"

# --- who acts: the token's subject and the role it acts as -----------------------------
as "$TA" POST "$A_URL/$AA/transitions" '{"to":"new","actor":"Lê Thị Mai"}'
check_eq "a transition naming an actor is 422 unknown" "422 actor unknown" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as "$TA" POST "$A_URL/$AA/transitions" '{"to":"new","role":"province_officer"}'
check_eq "a transition naming a role is 422 unknown" "422 role unknown" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as "$TCO" POST "$A_URL/$AA/transitions" '{"to":"new"}'
check_eq "the commune officer of A's commune may not submit for A: 403" "403 FORBIDDEN" \
    "$T_STATUS $(j .code)"
as "$TCO2" POST "$A_URL/$AA/transitions" '{"to":"new"}'
check_eq "an officer of another commune gets 404, not 403" 404 "$T_STATUS"
as "$TA" POST "$A_URL/$AA/transitions" '{"to":"new"}'
check_eq "A submits its complete dossier" "200 new" "$T_STATUS $(j .status)"
check_eq "the submission records A's subject and the producer role" "producer producer-a" \
    "$(j '.transitions[-1] | "\(.role) \(.actor)"')"
check_eq "the submitted event carries the subject and the role, no name" "producer-a producer" \
    "$(t_sql registration "SELECT payload->>'actor', payload->>'actor_role' FROM outbox
        WHERE event_type = 'ocop.registration.application.submitted.v1' AND subject = '$AA'" | tr '|' ' ')"

# --- the commune officers -------------------------------------------------------------
as "$TCO2" POST "$A_URL/$AA/transitions" '{"to":"accepted"}'
check_eq "the officer of Nhị Long cannot accept Tiểu Cần's dossier" 404 "$T_STATUS"
as "$TCO" POST "$A_URL/$AA/transitions" '{"to":"accepted"}'
check_eq "the officer of Tiểu Cần accepts it (A is recorded under legacy Phú Cần)" \
    "200 accepted commune_officer officer-tieu-can" \
    "$T_STATUS $(j .status) $(j '.transitions[-1] | "\(.role) \(.actor)"')"
as "$TCO" GET "$R/v1/producers/$A"
check_eq "the officer of Tiểu Cần reads A, with its personal data" "200 $ALL" "$T_STATUS $(personal)"
as "$TCO" GET "$R/v1/producers/$C"
check_eq "and C, recorded under today's code" 200 "$T_STATUS"
as "$TCO" GET "$R/v1/producers/$B"
check_eq "but not B of Nhị Long" 404 "$T_STATUS"
as "$TCO" GET "$R/v1/producers?limit=200"
check_eq "its producer list holds A and C only" "$(sorted "$A" "$C")" "$(ids)"
as "$TCO" GET "$R/v1/producers?commune_code=29302"
check_eq "filtering on another commune shows it nothing" 0 "$(j '.items | length')"
as "$TCO" GET "$R/v1/products/$PB"
check_eq "it cannot see B's product" 404 "$T_STATUS"
as "$TCO" GET "$R/v1/products?limit=200"
check_eq "its product list holds A's products only" "$(sorted "$PA" "$PA2")" "$(ids)"
as "$TCO" GET "$A_URL/$AB"
check_eq "it cannot see B's application" 404 "$T_STATUS"
as "$TCO" GET "$A_URL?limit=200"
check_eq "its application list holds A's only" "$AA" "$(ids)"
check_eq "it cannot download B's document" 404 "$(download "$TCO" "$AB" "$DB")"
check_eq "it downloads A's" 200 "$(download "$TCO" "$AA" "$DA")"
as "$TCO2" GET "$A_URL/$AB"
check_eq "the officer of Nhị Long sees B's application" 200 "$T_STATUS"

as "$TCO" PATCH "$R/v1/producers/$A" '{"commune_code":"29302"}' 'If-Match: "1"'
check_eq "the officer cannot move A to another commune" "422 commune_code out_of_scope" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as "$TCO" PATCH "$R/v1/producers/$B" '{"name":"Công ty TNHH Dừa Nhị Long mới"}' 'If-Match: "1"'
check_eq "nor change B" 404 "$T_STATUS"
as "$TCO" PATCH "$R/v1/producers/$A" '{"commune_code":"29341"}' 'If-Match: "1"'
check_eq "it may record A under today's code of its own commune" "200 29341 $ALL" \
    "$T_STATUS $(j .commune_code) $(personal)"
as "$TCO" POST "$R/v1/producers" '{"type":"household","identifier":"84C8000004","name":"Hộ Ba Nhị Long","representative":"Trần Văn Ba","commune_code":"29302"}'
check_eq "it cannot register a producer in another commune" "422 commune_code out_of_scope" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as "$TCO" POST "$R/v1/producers" '{"type":"household","identifier":"84C8000005","name":"Hộ Năm Phú Cần","representative":"Trần Văn Năm","commune_code":"29347","registered_on":"2024-03-01"}'
check_eq "it registers one under a legacy code of its commune" 201 "$T_STATUS"
as "$TCO" POST "$R/v1/producers" '{"type":"household","identifier":"84C8000006","name":"Hộ Sáu","representative":"Trần Văn Sáu","commune_code":"29999"}'
check_eq "an unknown commune stays not_found" "422 not_found" "$T_STATUS $(j '.errors[0].code')"

as "$TCO" POST "$R/v1/trademarks" "{\"product_id\":\"$PB\",\"kind\":\"ordinary\",\"mark_name\":\"Dừa Nhị Long\",\"requested_on\":\"2026-03-02\"}"
check_eq "it cannot request trademark support for B's product" "422 product_id not_found" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
as "$TCO" POST "$R/v1/trademarks" "{\"product_id\":\"$PA\",\"kind\":\"ordinary\",\"mark_name\":\"Bánh tét Út Mai\",\"requested_on\":\"2026-03-02\"}"
check_eq "it requests it for A's" 201 "$T_STATUS"
TMA=$(j .id)
as "$TCO" GET "$R/v1/trademarks/$TMB"
check_eq "it cannot see B's trademark request" 404 "$T_STATUS"
as "$TCO" GET "$R/v1/trademarks?limit=200"
check_eq "its trademark list holds A's only" "$TMA" "$(ids)"

as "$TNOWHERE" GET "$R/v1/producers/$A"
check_eq "a commune officer token without a commune sees no producer" 404 "$T_STATUS"
as "$TNOWHERE" GET "$R/v1/producers?limit=200"
check_eq "and lists none" 0 "$(j '.items | length')"

# --- personal data of a household ---------------------------------------------------------
as "$TPORTAL" GET "$R/v1/producers/$A"
check_eq "the portal reads A without its personal members" "200 $NONE Hộ kinh doanh Bánh tét Út Mai" \
    "$T_STATUS $(personal) $(j .name)"
as "$TADMIN" GET "$R/v1/producers/$A"
check_eq "so does an admin" "200 $NONE" "$T_STATUS $(personal)"
as "$TPROV" GET "$R/v1/producers/$A"
check_eq "a province officer reads them" "200 $ALL 0294 3822 111" "$T_STATUS $(personal) $(j .phone)"
as "$TPORTAL" GET "$R/v1/producers?limit=200"
check_eq "in the portal's list the households lack them, the enterprise keeps them" \
    "$NONE $NONE $ALL" \
    "$(for p in "$A" "$C" "$B"; do jq -r --arg id "$p" '.items[] | select(.id == $id) |
        [has("identifier"), has("representative"), has("address"), has("phone"), has("email")]
        | map(tostring) | join(",")' <<<"$T_BODY"; done | paste -sd' ')"
as "$TPORTAL" PATCH "$R/v1/producers/$C" '{"phone":"0294 3811 222"}' 'If-Match: "1"'
check_eq "the portal's change is answered without them" "200 $NONE 2" "$T_STATUS $(personal) $(j .version)"
as "$TPORTAL" POST "$R/v1/producers" '{"type":"household","identifier":"84C8000007","name":"Hộ Bảy Long Đức","representative":"Phạm Văn Bảy","commune_code":"29242","phone":"0294 3800 777"}'
check_eq "and so is a household it registers" "201 $NONE" "$T_STATUS $(personal)"
H7=$(j .id)
as "$TPROV" GET "$R/v1/producers/$H7"
check_eq "which keeps them for the province" "0294 3800 777 Phạm Văn Bảy" "$(j .phone) $(j .representative)"
as "$TB" GET "$R/v1/producers/$B"
check_eq "B reads its own record" "200 $ALL" "$T_STATUS $(personal)"
check_eq "no registration event carries personal members" 0 "$(t_sql registration \
    "SELECT count(*) FROM outbox WHERE payload ?| array['identifier', 'representative', 'address', 'phone', 'email']")"

# --- several roles: the first of the transition's roles ----------------------------------
TMULTI=$(t_token province_officer portal --sub multi-role)
as "$TMULTI" POST "$A_URL/$AB/transitions" '{"to":"withdrawn"}'
check_eq "portal and province officer withdraw B's draft as portal" "200 withdrawn portal multi-role" \
    "$T_STATUS $(j .status) $(j '.transitions[-1] | "\(.role) \(.actor)"')"
check_eq "the audit trail names the producer's refused change of B's product" 1 "$(t_sql registration \
    "SELECT count(*) FROM audit_log WHERE subject = 'producer-a' AND method = 'PATCH'
        AND route = '/v1/products/{id}' AND object_id = '$PB' AND status = 404")"
t_check_events registration
t_check_audit
t_done

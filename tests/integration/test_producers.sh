#!/usr/bin/env bash
# Producers in the registry: identifiers by type, updates with If-Match,
# listing with filters and diacritic-insensitive search, and the change
# reaching the other services' views.
source "$(dirname "$0")/lib.sh"
t_init producers
t_start registration
t_start evaluation
t_start promotion
R=$(t_url registration)

HTX=$(t_new_producer cooperative 2100300001 "Hợp tác xã Dừa sáp Cầu Kè" 29302)
ENT=$(t_new_producer enterprise 2100300002-001 "Công ty TNHH Trà Vinh FARM, chi nhánh Tiểu Cần" 29347 2024-03-01)
HH=$(t_new_producer household 84B8000123 "Hộ kinh doanh Tôm khô Tiến Hải" 29536)
GRP=$(t_new_producer cooperative_group "HĐ-THT-05/2024/Hòa Minh" "Tổ hợp tác Gạo Hòa Minh" 29410)
check "four kinds of producer are registered" test -n "$HTX" -a -n "$ENT" -a -n "$HH" -a -n "$GRP"

# --- identifiers by type ----------------------------------------------------------
for bad in 'enterprise|210030000' 'enterprise|21003000019' 'cooperative|2100300001-01' \
    'household|84b8000123' 'household|84B8' 'cooperative_group|HĐ'; do
    t_http POST "$R/v1/producers" "{\"type\":\"${bad%%|*}\",\"identifier\":\"${bad#*|}\",\"name\":\"Thử nghiệm\",\"representative\":\"Lê Văn C\",\"commune_code\":\"29242\"}"
    check_eq "identifier ${bad#*|} is refused for ${bad%%|*}" "422 identifier" "$T_STATUS $(j '.errors[0].field')"
done

t_http POST "$R/v1/producers" '{"type":"household","identifier":"84A8009999","name":"Hộ thử","representative":"Lê Văn C","commune_code":"29999"}'
check_eq "a commune code that names no commune is refused" "422 commune_code not_found" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
t_http POST "$R/v1/producers" '{"type":"household","identifier":"84A8009998","name":"Hộ mới","representative":"Lê Văn C","commune_code":"29347"}'
check_eq "a new producer under an abolished commune (Phú Cần, merged on 2025-07-01) is refused, naming today's" \
    "422 commune_code abolished true" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code') $(j '.errors[0].message | contains("29341")')"
t_http POST "$R/v1/producers" '{"type":"household","identifier":"84A8009998","name":"Hộ mới","representative":"Lê Văn C","commune_code":"29347","registered_on":"2025-07-01"}'
check_eq "so is one that joined on 2025-07-01, the first day without Phú Cần" "422 abolished" "$T_STATUS $(j '.errors[0].code')"
t_http POST "$R/v1/producers" '{"type":"household","identifier":"84A8009998","name":"Hộ mới","representative":"Lê Văn C","commune_code":"29341","registered_on":"2999-01-01"}'
check_eq "registered_on cannot be after today" "422 registered_on range" "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
t_http POST "$R/v1/producers" '{"type":"household","identifier":"84A8009998","name":"Hộ mới","representative":"Lê Văn C","commune_code":"29341","registered_on":"2025-02-29"}'
check_eq "nor a day that does not exist" "422 registered_on format" "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
t_http GET "$R/v1/producers/$ENT"
check_eq "a producer that joined in 2024 in legacy Phú Cần (29347) resolves to today's xã Tiểu Cần (29341)" \
    "29347 29341 2024-03-01" "$(j .commune_code) $(j .current_commune_code) $(j .registered_on)"
t_http GET "$R/v1/producers/$HTX"
check_eq "a producer registered today joined today" "$(TZ=Asia/Ho_Chi_Minh date +%F)" "$(j .registered_on)"
t_http PATCH "$R/v1/producers/$HTX" '{"commune_code":"29347"}' "If-Match: \"$(j .version)\""
check_eq "no producer moves to an abolished commune" "422 abolished" "$T_STATUS $(j '.errors[0].code')"
t_http GET "$R/v1/producers?legacy_district=846"
check_eq "filter by legacy district Tiểu Cần finds it" "1 $ENT" "$(j '.items | length') $(j '.items[0].id')"

# --- listing, filters and search ------------------------------------------------------
t_http GET "$R/v1/producers?q=hop%20tac%20xa%20dua%20sap"
check_eq "\"hop tac xa dua sap\" finds \"Hợp tác xã Dừa sáp\"" "1 $HTX" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$R/v1/producers?q=D%E1%BB%ABa%20s%C3%A1p"
check_eq "the accented query finds it too" "$HTX" "$(j '.items[0].id')"
t_http GET "$R/v1/producers?q=TRA%20VINH%20farm"
check_eq "search ignores case" "$ENT" "$(j '.items[0].id')"
t_http GET "$R/v1/producers?type=household"
check_eq "filter by type" "1 $HH" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$R/v1/producers?commune_code=29410"
check_eq "filter by commune" "1 $GRP" "$(j '.items | length') $(j '.items[0].id')"
t_http GET "$R/v1/producers?limit=3"
check_eq "a page of 3 with a cursor" "3 true" "$(j '.items | length') $(j '.next_cursor != null')"
t_http GET "$R/v1/producers?limit=3&cursor=$(j .next_cursor)"
check_eq "the last page holds the fourth" "1 null" "$(j '.items | length') $(j .next_cursor)"
t_http GET "$R/v1/producers?type=farmer&commune_code=2934&legacy_district=8x&q="
check_eq "bad filters are 422, one error each" "422 commune_code,legacy_district,q,type" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"

# --- updates with If-Match -------------------------------------------------------------
P=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
t_wait_status "$(t_url promotion)/v1/products/$P" 200 10 >/dev/null
t_http PATCH "$R/v1/producers/$HTX" '{"name":"HTX Dừa sáp Cầu Kè"}'
check_eq "PATCH without If-Match is 428" 428 "$T_STATUS"
t_http PATCH "$R/v1/producers/$HTX" '{"name":"HTX Dừa sáp Cầu Kè"}' 'If-Match: "7"'
check_eq "PATCH with a stale version is 412" 412 "$T_STATUS"
t_http PATCH "$R/v1/producers/$HTX" '{"name":"HTX Dừa sáp Cầu Kè","phone":"0294 3861 234","address":"Ấp 3, Hòa Tân"}' 'If-Match: "1"'
check_eq "PATCH with the current version is 200 with the next ETag" '200 "2" HTX Dừa sáp Cầu Kè' \
    "$T_STATUS $(t_header ETag) $(j .name)"
t_http PATCH "$R/v1/producers/$HTX" '{"address":null}' 'If-Match: "2"'
check_eq "null clears an optional field" "200 null 0294 3861 234" "$T_STATUS $(j .address) $(j .phone)"
t_http PATCH "$R/v1/producers/$HTX" '{"identifier":"2100300009"}' 'If-Match: "3"'
check_eq "the identifier cannot change" "422 identifier immutable" "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
t_http PATCH "$R/v1/producers/$HTX" '{}' 'If-Match: "3"'
check_eq "an empty patch is 422" 422 "$T_STATUS"
t_http PATCH "$R/v1/producers/00000000-0000-4000-8000-000000000000" '{"name":"Không có"}' 'If-Match: "1"'
check_eq "PATCH of an unknown producer is 404" 404 "$T_STATUS"
t_http GET "$R/v1/producers?q=htx%20dua%20sap"
check_eq "search sees the new name" "$HTX" "$(j '.items[0].id')"

for ((i = 0; i < 100; i++)); do
    t_http GET "$(t_url evaluation)/v1/products/$P"
    [[ $(j .producer.name) == "HTX Dừa sáp Cầu Kè" ]] && break
    sleep 0.05
done
check_eq "evaluation's view shows the producer's new name" "HTX Dừa sáp Cầu Kè" "$(j .producer.name)"
t_http GET "$(t_url promotion)/v1/products/$P"
check_eq "so does promotion's" "HTX Dừa sáp Cầu Kè" "$(j .producer.public_name)"
check_eq "the update event carries no contact data" 0 "$(t_sql registration \
    "SELECT count(*) FROM outbox WHERE event_type LIKE '%producer.updated%' AND (payload ? 'phone' OR payload ? 'address')")"
check_eq "two update events were written" 2 "$(t_sql registration \
    "SELECT count(*) FROM outbox WHERE event_type = 'ocop.registration.producer.updated.v1'")"
t_check_events registration
t_done

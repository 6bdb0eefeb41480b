#!/usr/bin/env bash
# Administrative units, then and now, through the registration service: the
# start-up load of the whole merged Vĩnh Long province
# (schemas/reference/admin-units-vinh-long-2025.csv: the former Bến Tre, Trà
# Vinh and Vĩnh Long), a split commune, the listing
# with its filters (level, parent, diacritic-insensitive name, valid_on) and
# pagination, the detail of a reused code on both sides of 2025-07-01, the
# SQL resolution functions, bad input, a restart that does not reload, a
# changed file that does, and a broken file that stops the start and leaves
# the table as it was; two reference files loaded together.
source "$(dirname "$0")/lib.sh"
t_init admin_units
t_start registration
R=$(t_url registration)
LOG=$T_DIR/logs/registration.log
CSV=reference/admin-units-vinh-long-2025.csv
ROWS=528 # records in the file

# state: rows, checksum and load time of the table, as one line.
state() {
    t_sql registration "SELECT (SELECT count(*) FROM admin_units) || ' ' || checksum || ' ' ||
        row_count || ' ' || loaded_at FROM admin_unit_loads"
}

# start_refused DIR: runs registration on schema folder DIR and expects it to
# exit by itself; sets START_STATUS.
start_refused() {
    local try port
    for try in 1 2 3; do # a port taken by a parallel test is retried on another one
        port=$(ocop_free_port)
        t_env registration
        env OCOP_HTTP_PORT="$port" "${T_ENV[@]}" OCOP_SCHEMA_DIR="$1" timeout 60 "$OCOP_BUILD_DIR/services/registration/ocop-registration" </dev/null 2>>"$LOG"
        START_STATUS=$?
        tail -2 "$LOG" | grep -q "could not listen on 127.0.0.1:$port" || break
    done
}

# validate_as NAME: the last body passes schema NAME of registration's OpenAPI document.
validate_as() {
    python3 -c '
import json, sys
from jsonschema import Draft202012Validator
doc = json.load(open(sys.argv[1]))
schema = dict(doc["components"]["schemas"][sys.argv[2]], components=doc["components"])
errors = list(Draft202012Validator(schema).iter_errors(json.load(sys.stdin)))
for e in errors[:3]:
    print("   ", e.message, list(e.path), file=sys.stderr)
sys.exit(1 if errors else 0)' "$OCOP_ROOT/schemas/openapi/registration.json" "$1" <<<"$T_BODY"
}

# --- the first start loads the file ---------------------------------------------------
check "the first start logs the load of $ROWS units" \
    grep -q "\"msg\":\"loaded $ROWS administrative units from $CSV" "$LOG"
first=$(state)
check_eq "the table has the $ROWS rows and the load records the file's md5" \
    "$ROWS $(md5sum <"$OCOP_ROOT/schemas/$CSV" | cut -d' ' -f1) $ROWS" "$(cut -d' ' -f1-3 <<<"$first")"

# --- listing --------------------------------------------------------------------------------
t_http GET "$R/v1/admin-units?level=commune&parent=86&valid_on=2025-07-01&limit=200"
check_eq "124 communes of the merged province 86 are valid on 2025-07-01, on one page" "200 124 null" \
    "$T_STATUS $(j '.items | length') $(j .next_cursor)"
check "the page matches AdminUnitPage" validate_as AdminUnitPage
check_eq "they are 105 xã and 19 phường, all begun on 2025-07-01" "phường:19 xã:105|2025-07-01" \
    "$(j '[.items | group_by(.type)[] | "\(.[0].type):\(length)"] | join(" ")')|$(j '[.items[].valid_from] | unique | join(",")')"
check_eq "354 legacy communes on 2025-06-30 (Bến Tre 148, Trà Vinh 104, Vĩnh Long 102) under 26 districts" \
    "354 26 83:148 84:104 86:102" \
    "$(t_sql registration "SELECT count(*) || ' ' || count(DISTINCT c.parent_code) || ' ' ||
        (SELECT string_agg(p || ':' || n, ' ' ORDER BY p) FROM (SELECT d.parent_code AS p, count(*) AS n
           FROM admin_units c JOIN admin_units d ON d.code = c.parent_code AND d.level = 'district'
          WHERE c.level = 'commune' AND daterange(c.valid_from, c.valid_to, '[]') @> date '2025-06-30'
          GROUP BY 1) x)
        FROM admin_units c WHERE c.level = 'commune' AND daterange(c.valid_from, c.valid_to, '[]') @> date '2025-06-30'")"
t_http GET "$R/v1/admin-units?level=commune&parent=842&valid_on=2024-12-31&limit=200"
check_eq "on 2024-12-31 TP Trà Vinh still had Phường 2 and 6" "10 2" \
    "$(j '.items | length') $(j '[.items[] | select(.code == "29245" or .code == "29251")] | length')"
t_http GET "$R/v1/admin-units?level=commune&name=phuong%203&parent=842"
check_eq "without a date every version is listed" "1 29242" "$(j '.items | length') $(j '.items[0].code')"
t_http GET "$R/v1/admin-units?parent=842&valid_on=2025-06-30"
check_eq "TP Trà Vinh had 8 communes on 2025-06-30" "8" "$(j '.items | length')"
t_http GET "$R/v1/admin-units?level=district"
check_eq "26 districts, none valid on 2025-07-01" "26 0" \
    "$(j '.items | length') $(j '[.items[] | select(.valid_to == null)] | length')"
t_http GET "$R/v1/admin-units?level=province&valid_on=2026-01-01"
check_eq "the province today is 86 Vĩnh Long" "86 Tỉnh Vĩnh Long" "$(j '.items[0].code') $(j '.items[0].name')"

# Pagination over every version: province, district, commune; code; first day.
all=() cursor=""
for _ in 1 2 3 4 5; do
    t_http GET "$R/v1/admin-units?limit=200${cursor:+&cursor=$cursor}"
    mapfile -t -O "${#all[@]}" all < <(j '.items[] | "\(.level)|\(.code)|\(.valid_from)"')
    cursor=$(j '.next_cursor // empty')
    [[ -z $cursor ]] && break
done
check_eq "3 pages of 200 hold every version once" "$ROWS $ROWS" \
    "${#all[@]} $(printf '%s\n' "${all[@]}" | sort -u | wc -l)"
check_eq "provinces first (86 twice: the former Vĩnh Long, then the merged province), then districts" \
    "province|83|null province|84|null province|86|null province|86|2025-07-01 district|829|2009-08-12" \
    "${all[0]} ${all[1]} ${all[2]} ${all[3]} ${all[4]}"
check "the two versions of 29242 follow each other, the unknown first day first" \
    grep -qz 'commune|29242|null.commune|29242|2025-07-01' <(printf '%s\n' "${all[@]}")

# --- diacritic-insensitive search ---------------------------------------------------------------
t_http GET "$R/v1/admin-units?name=phu%20can"
check_eq "\"phu can\" finds Xã Phú Cần" "29347 Xã Phú Cần" "$(j '.items[0].code') $(j '.items[0].name')"
t_http GET "$R/v1/admin-units?name=PH%C3%9A%20C%E1%BA%A6N"
check_eq "so does \"PHÚ CẦN\"" "29347" "$(j '[.items[].code] | join(",")')"
t_http GET "$R/v1/admin-units?name=vinh%20kim"
check_eq "\"vinh kim\" finds both spellings of 29431 (Vĩnh Kim, Vinh Kim)" "Xã Vinh Kim,Xã Vĩnh Kim" \
    "$(j '[.items[].name] | sort | join(",")')"
t_http GET "$R/v1/admin-units?name=dong%20hai&valid_on=2025-07-01"
check_eq "\"dong hai\" finds xã Đông Hải (đ folds to d)" "29536 Xã Đông Hải" \
    "$(j '[.items[] | "\(.code) \(.name)"] | join(",")')"
t_http GET "$R/v1/admin-units?name=tra%20vinh&level=commune&valid_on=2025-07-01"
check_eq "name, level and date combine" "29242 Phường Trà Vinh" "$(j '[.items[] | "\(.code) \(.name)"] | join(",")')"
t_http GET "$R/v1/admin-units?name=%25"
check_eq "\"%\" is a character, not a wildcard" "200 0" "$T_STATUS $(j '.items | length')"
t_http GET "$R/v1/admin-units?name=_"
check_eq "\"_\" is a character, not a wildcard" "200 0" "$T_STATUS $(j '.items | length')"

# --- detail of a reused code -----------------------------------------------------------------
t_http GET "$R/v1/admin-units/29242?valid_on=2025-06-30"
check_eq "29242 on 2025-06-30 is Phường 3 of TP Trà Vinh" "200 Phường 3 true 842 Thành phố Trà Vinh" \
    "$T_STATUS $(j .name) $(j .in_force) $(j .parent.code) $(j .parent.name)"
check_eq "its successor is 29242 Phường Trà Vinh from 2025-07-01" "29242 Phường Trà Vinh 2025-07-01" \
    "$(j .successor.code) $(j .successor.name) $(j .successor.valid_from)"
check_eq "its predecessors are Phường 2 and 6, merged on 2025-01-01" \
    "Phường 2>Phường 3 2024-12-31,Phường 6>Phường 3 2024-12-31" \
    "$(j '[.predecessors[] | "\(.name)>\(.successor.name) \(.valid_to)"] | sort | join(",")')"
check_eq "it has become Phường Trà Vinh" "29242 Phường Trà Vinh" "$(j .current.code) $(j .current.name)"
check "the detail matches AdminUnitDetail" validate_as AdminUnitDetail
check_eq "both versions of the code are listed" "Phường 3 null 2025-06-30|Phường Trà Vinh 2025-07-01 null" \
    "$(j '[.versions[] | "\(.name) \(.valid_from) \(.valid_to)"] | join("|")')"

t_http GET "$R/v1/admin-units/29242"
check_eq "29242 today is Phường Trà Vinh under Tỉnh Vĩnh Long, without successor" \
    "200 Phường Trà Vinh true 86 Tỉnh Vĩnh Long null" \
    "$T_STATUS $(j .name) $(j .in_force) $(j .parent.code) $(j .parent.name) $(j .successor)"
check_eq "its predecessors: Phường 1, 3 and 9, and Phường 2 and 6 through Phường 3" \
    "Phường 1>Phường Trà Vinh,Phường 2>Phường 3,Phường 3>Phường Trà Vinh,Phường 6>Phường 3,Phường 9>Phường Trà Vinh" \
    "$(j '[.predecessors[] | "\(.name)>\(.successor.name)"] | sort | join(",")')"
check_eq "it is its own current unit; valid_on defaults to today in Asia/Ho_Chi_Minh" \
    "29242 $(TZ=Asia/Ho_Chi_Minh date +%F)" "$(j .current.code) $(j .valid_on)"

t_http GET "$R/v1/admin-units/29245"
check_eq "29245 (merged on 2025-01-01) has no version today: its last one, not in force" \
    "200 Phường 2 false 2024-12-31" "$T_STATUS $(j .name) $(j .in_force) $(j .valid_to)"
check_eq "its successor is Phường 3 and it resolves to 29242 Phường Trà Vinh today" \
    "29242 Phường 3 29242 Phường Trà Vinh" \
    "$(j .successor.code) $(j .successor.name) $(j .current.code) $(j .current.name)"
t_http GET "$R/v1/admin-units/842?valid_on=2025-07-01"
check_eq "a district after 2025-06-30: its last version, no successor, no current unit" \
    "Thành phố Trà Vinh false null null 84" \
    "$(j .name) $(j .in_force) $(j .successor) $(j .current) $(j .parent.code)"
check "so does a detail with nulls" validate_as AdminUnitDetail
t_http GET "$R/v1/admin-units/84"
check_eq "province 84 became 86" "86 Tỉnh Vĩnh Long 86" "$(j .successor.code) $(j .successor.name) $(j .current.code)"

# --- the other former provinces, and a commune split between two units ------------------
t_http GET "$R/v1/admin-units/28855?valid_on=2025-01-15"
check_eq "28855 in Bến Tre: Xã Tường Đa (a reused code) on 2025-01-15, today part of Xã Phú Túc" \
    "Xã Tường Đa 831 28810 Xã Phú Túc" "$(j .name) $(j .parent.code) $(j .current.code) $(j .current.name)"
t_http GET "$R/v1/admin-units/29764?valid_on=2025-06-30"
check_eq "Xã Ngãi Tứ (29764) was split: 29767 and 29770; it resolves to the first" \
    "29767 29770 Xã Ngãi Tứ Phường Cái Vồn 29767" \
    "$(j .successor.code) $(j .split.code) $(j .successor.name) $(j .split.name) $(j .current.code)"
check "a split detail matches AdminUnitDetail" validate_as AdminUnitDetail
t_http GET "$R/v1/admin-units/29770"
check "Phường Cái Vồn today counts Xã Ngãi Tứ among its predecessors" \
    test "$(j '[.predecessors[] | select(.code == "29764")] | length')" = 1
t_http GET "$R/v1/admin-units?level=commune&parent=860&name=ngai%20tu"
check_eq "the split shows in the listing, and a code reused by one part keeps it first" "29767 29770" \
    "$(j '.items[0].successor_code') $(j '.items[0].split_code')"
check_eq "Thị trấn Tam Bình (29719) leads to the unit reusing its code, Xã Tam Bình" "29719 29836 29719" \
    "$(t_sql registration "SELECT successor_code || ' ' || split_code || ' ' || admin_unit_resolve('29719', current_date)
        FROM admin_units WHERE code = '29719' AND valid_to = '2025-06-30'")"

# --- the SQL functions the statistics use ------------------------------------------------------
check_eq "admin_unit_resolve: a unit merged twice, a merged commune, a current one, a district" \
    "29242|29242|29341|29341|29245|" \
    "$(t_sql registration "SELECT concat_ws('|', admin_unit_resolve('29245', '2025-07-01'),
        admin_unit_resolve('29245', '2025-03-01'), admin_unit_resolve('29347', current_date),
        admin_unit_resolve('29341', current_date), admin_unit_resolve('29245', '2024-12-31'),
        coalesce(admin_unit_resolve('842', current_date), ''))")"
check_eq "every commune record groups into one of the 124 current communes, but those whose successor no source names" \
    "124 4" \
    "$(t_sql registration "SELECT count(DISTINCT admin_unit_resolve(code, '2025-07-01')) || ' ' ||
        count(*) FILTER (WHERE admin_unit_resolve(code, '2025-07-01') IS NULL)
        FROM admin_units WHERE level = 'commune'")"
check_eq "admin_unit_district: Phú Cần was in Tiểu Cần; a 2025 unit has no district" "846|" \
    "$(t_sql registration "SELECT admin_unit_district('29347', '2025-06-30') || '|' ||
        coalesce(admin_unit_district('29341', '2025-07-01'), '')")"

# --- bad input --------------------------------------------------------------------------------
t_http GET "$R/v1/admin-units?level=ward&parent=8&valid_on=2025-02-30&name="
check_eq "each bad filter is a 422 field error" "422 level,name,parent,valid_on" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
t_http GET "$R/v1/admin-units?parent=29242"
check_eq "a commune is not a parent" "422 parent" "$T_STATUS $(j '.errors[0].field')"
t_http GET "$R/v1/admin-units?name=%FF%FE&level=province"
check_eq "a name that is not UTF-8 is 400 naming it, not dropped (which listed every unit)" \
    "400 name" "$T_STATUS $(j '.errors[0].field')"
t_http GET "$R/v1/admin-units?limit=0&cursor=garbage"
check_eq "limit and cursor are checked as for products" "422 cursor,limit" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
forged=$(printf '{"c":"1","f":"x","l":"ward"}' | base64 -w0 | tr '+/' '-_' | tr -d '=')
t_http GET "$R/v1/admin-units?cursor=$forged"
check_eq "a decodable cursor we did not issue is 422" "422 cursor" "$T_STATUS $(j '.errors[0].field')"
t_http GET "$R/v1/admin-units/29242?valid_on=30-06-2025"
check_eq "a bad valid_on on the detail is 422" "422 valid_on" "$T_STATUS $(j '.errors[0].field')"
for code in 99999 2924 abc 292420; do
    t_http GET "$R/v1/admin-units/$code"
    check_eq "GET /v1/admin-units/$code is 404 problem+json" "404 application/problem+json NOT_FOUND" \
        "$T_STATUS $(t_header Content-Type) $(j .code)"
done

# --- restart: unchanged file, no reload ----------------------------------------------------------
t_stop registration
t_start registration
check_eq "a restart with the same file leaves the table and its load time alone" "$first" "$(state)"
check "the restart logs that the units are unchanged" \
    grep -q '"msg":"administrative units unchanged since' "$LOG"

# --- a changed file is loaded --------------------------------------------------------------------
t_stop registration
cp -r "$OCOP_ROOT/schemas" "$T_DIR/schemas-changed"
sed -i 's/,Xã Vinh Kim,xã,86,/,Xã Vĩnh Kim,xã,86,/' "$T_DIR/schemas-changed/$CSV"
t_start registration OCOP_SCHEMA_DIR="$T_DIR/schemas-changed"
changed=$(state)
check "a changed file is loaded again: new checksum and load time" test "$changed" != "$first"
t_http GET "$R/v1/admin-units/29431"
check_eq "the change is served" "Xã Vĩnh Kim" "$(j .name)"
t_stop registration

# --- a broken file stops the start and changes nothing -------------------------------------------
cp -r "$OCOP_ROOT/schemas" "$T_DIR/schemas-bad"
sed -i '191s/,29242\r$/,29999\r/' "$T_DIR/schemas-bad/$CSV"
start_refused "$T_DIR/schemas-bad"
check_eq "registration refuses to start with a broken successor" 1 "$START_STATUS"
check "the log names the file, the line and the problem" grep -q \
    "refusing to start: administrative units not loaded: $T_DIR/schemas-bad/$CSV: line 191: successor 29999 has no version valid on 2025-07-01" "$LOG"
check_eq "the table is as the last good load left it" "$changed" "$(state)"

cp "$OCOP_ROOT/schemas/$CSV" "$T_DIR/schemas-bad/$CSV"
sed -i '198s/,Phường 9,/,"Phường 9",/' "$T_DIR/schemas-bad/$CSV"
start_refused "$T_DIR/schemas-bad"
check_eq "a quoted field is refused, not mis-read" 1 "$START_STATUS"
check "the log says quotes are not supported" grep -q \
    "$CSV: line 198: quoted fields are not supported" "$LOG"
check_eq "the table is still unchanged" "$changed" "$(state)"

# Two files in the same format, loaded together: the Trà Vinh file's records are all in the
# whole province's, so the table holds the same records, once.
t_start registration OCOP_ADMIN_UNIT_FILES=reference/admin-units-tra-vinh.csv,$CSV
check_eq "two files load together; records they share are loaded once" \
    "$ROWS reference/admin-units-tra-vinh.csv,$CSV" \
    "$(t_sql registration "SELECT (SELECT count(*) FROM admin_units) || ' ' || source FROM admin_unit_loads
        ORDER BY loaded_at DESC LIMIT 1")"
t_stop registration

# Back to the repository's file: loaded again.
t_start registration
check_eq "the repository's file is loaded back" "$ROWS $(cut -d' ' -f2 <<<"$first")" \
    "$(t_sql registration "SELECT (SELECT count(*) FROM admin_units) || ' ' || checksum FROM admin_unit_loads
        WHERE source = '$CSV'")"
t_http GET "$R/v1/admin-units/29431"
check_eq "and served" "Xã Vinh Kim" "$(j .name)"

t_done

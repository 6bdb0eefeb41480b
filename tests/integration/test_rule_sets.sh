#!/usr/bin/env bash
# Rule sets and criteria sets as versioned data, through the evaluation
# service: the start-up load of schemas/reference/rule-sets/ and the criteria
# files they name, the listing with its valid_on filter and pagination, the
# detail of each rule set, the criteria sets (set 1 of QĐ 148 with its 32
# criteria and 108 options, sets 2-26 structure only), bad input, a restart
# that does not reload, a changed file that does, and broken files that stop
# the start and leave the tables as they were.
source "$(dirname "$0")/lib.sh"
t_init rule_sets
t_start evaluation
E=$(t_url evaluation)
LOG=$T_DIR/logs/evaluation.log
RS=reference/rule-sets
CR=reference/criteria

# state: rows of each table, checksum, file count and load time, as one line.
state() {
    t_sql evaluation "SELECT (SELECT count(*) FROM rule_sets) || ' ' ||
        (SELECT count(*) FROM criteria_sets) || ' ' || (SELECT count(*) FROM criteria) || ' ' ||
        (SELECT count(*) FROM criteria_options) || ' ' || checksum || ' ' || file_count || ' ' ||
        loaded_at FROM rule_set_loads"
}

# start_refused DIR: runs evaluation on schema folder DIR and expects it to
# exit by itself; sets START_STATUS.
start_refused() {
    local try port
    for try in 1 2 3; do # a port taken by a parallel test is retried on another one
        port=$(ocop_free_port)
        t_env evaluation
        env OCOP_HTTP_PORT="$port" "${T_ENV[@]}" OCOP_SCHEMA_DIR="$1" timeout 60 "$OCOP_BUILD_DIR/services/evaluation/ocop-evaluation" </dev/null 2>>"$LOG"
        START_STATUS=$?
        tail -2 "$LOG" | grep -q "could not listen on 127.0.0.1:$port" || break
    done
}

# validate_as NAME: the last body passes schema NAME of the evaluation OpenAPI document.
validate_as() {
    python3 -c '
import json, sys
from jsonschema import Draft202012Validator
doc = json.load(open(sys.argv[1]))
schema = dict(doc["components"]["schemas"][sys.argv[2]], components=doc["components"])
errors = list(Draft202012Validator(schema).iter_errors(json.load(sys.stdin)))
for e in errors[:3]:
    print("   ", e.message, list(e.path), file=sys.stderr)
sys.exit(1 if errors else 0)' "$OCOP_ROOT/schemas/openapi/evaluation.json" "$1" <<<"$T_BODY"
}

# edit DIR FILE JQ: rewrites DIR/FILE with the jq program JQ.
edit() {
    jq "$3" "$1/$2" >"$1/$2.new" && mv "$1/$2.new" "$1/$2"
}

# --- the first start loads the files -----------------------------------------------------------
check "the first start logs the load of 4 rule sets and 26 criteria sets from 6 files" \
    grep -q '"msg":"loaded 4 rule sets and 26 criteria sets (1 detailed) from 6 files under' "$LOG"
first=$(state)
check_eq "the tables hold 4 rule sets, 26 criteria sets, 32 criteria, 108 options; 6 files" \
    "4 26 32 108 6" "$(cut -d' ' -f1-4,6 <<<"$first")"

# --- rule sets ----------------------------------------------------------------------------------
t_http GET "$E/v1/rule-sets"
check_eq "4 rule sets on one page, by valid_from, the unconfirmed one last" \
    "200 qd1048-2019,qd148-2023,qd1489-2025,qd26-2026 null" \
    "$T_STATUS $(j '[.items[].id] | join(",")') $(j .next_cursor)"
check "the page matches RuleSetPage" validate_as RuleSetPage
check_eq "parts: 1048 A35 B25 C40; 148, 1489 and 26 A40 B25 C35" \
    "A35B25C40|A40B25C35|A40B25C35|A40B25C35" \
    "$(j '[.items[] | [.parts[] | "\(.code)\(.max_points)"] | join("")] | join("|")')"
check_eq "every rule set has the bands <30, 30-<50, 50-<70, 70-<90, >=90" \
    "1:0-30 2:30-50 3:50-70 4:70-90 5:90-null" \
    "$(j '[.items[].star_bands | map("\(.stars):\(.min_score)-\(.max_score)") | join(" ")] | unique | join("|")')"
check_eq "who recognises what" \
    "district:[]:scores_and_proposes province:[3,4] central:[5]|district:[3] province:[4] central:[5]|commune:[]:checks_and_proposes province:[3,4] central:[5]|province:[3,4] central:[5]" \
    "$(j '[.items[] | [.recognition[] | "\(.level):\(.stars | tojson)\(if .stars == [] then ":" + .role else "" end)"] | join(" ")] | join("|")')"
check_eq "the potential-5-star rule and 36-month certificates everywhere" \
    "province>=90>central 36" \
    "$(j '[.items[] | "\(.potential_5_star.level)>=\(.potential_5_star.min_score)>\(.potential_5_star.forwarded_to) \(.certificate_validity_months)"] | unique | join("|")')"

for pair in 2022-06-01:qd1048-2019 2023-02-23:qd1048-2019 2023-02-24:qd148-2023 \
    2024-01-01:qd148-2023 2025-07-05:qd148-2023 2025-07-06:qd1489-2025 2026-01-01:qd1489-2025 \
    2026-06-01:qd1489-2025 2019-01-01:; do
    t_http GET "$E/v1/rule-sets?valid_on=${pair%%:*}"
    check_eq "valid_on=${pair%%:*} gives ${pair#*:}" "200 ${pair#*:}" \
        "$T_STATUS $(j '[.items[].id] | join(",")')"
done

all=() cursor=""
for _ in 1 2 3 4 5 6; do
    t_http GET "$E/v1/rule-sets?limit=1${cursor:+&cursor=$cursor}"
    mapfile -t -O "${#all[@]}" all < <(j '.items[].id')
    cursor=$(j '.next_cursor // empty')
    [[ -z $cursor ]] && break
done
check_eq "pages of 1 hold every rule set once, in order" \
    "qd1048-2019 qd148-2023 qd1489-2025 qd26-2026" "${all[*]}"

t_http GET "$E/v1/rule-sets/qd148-2023"
check_eq "the detail of qd148-2023" "200 148/QĐ-TTg 2023-02-24 2025-07-05 qd1048-2019 26" \
    "$T_STATUS $(j .decision) $(j .valid_from) $(j .valid_to) $(j .replaces) $(j .criteria_set_count)"
check_eq "with its sources, confidence and file" "DOMAIN,DATA148,TVPL,THVL,PROATC true reference/rule-sets/qd148-2023.json" \
    "$(j '[.sources[].id] | join(",")') $(j '.confidence.parts | startswith("high")') $(j .source_file)"
check "the detail matches RuleSetDetail" validate_as RuleSetDetail
t_http GET "$E/v1/rule-sets/qd1489-2025"
check_eq "qd1489-2025 amends 148 and uses its 26 criteria sets; open-ended" \
    "qd148-2023 qd148-2023 26 null" \
    "$(j .amends) $(j .criteria_from) $(j .criteria_set_count) $(j .valid_to)"
t_http GET "$E/v1/rule-sets/qd1048-2019"
check_eq "qd1048-2019 has no criteria set transcribed" "0 2019-08-21 2023-02-23" \
    "$(j .criteria_set_count) $(j .valid_from) $(j .valid_to)"
t_http GET "$E/v1/rule-sets/qd26-2026"
check_eq "qd26-2026 is unconfirmed, undated, with no criteria set, two rounds a year" \
    "false null null 0 2" \
    "$(j .confirmed) $(j .valid_from) $(j .valid_to) $(j .criteria_set_count) $(j .min_rounds_per_year)"
check "and matches RuleSetDetail too" validate_as RuleSetDetail

# --- criteria sets ------------------------------------------------------------------------------
t_http GET "$E/v1/criteria-sets?limit=200"
check_eq "26 criteria sets of QĐ 148, numbered 1 to 26" "200 26 1-26 null" \
    "$T_STATUS $(j '.items | length') $(j '"\(.items[0].number)-\(.items[-1].number)"') $(j .next_cursor)"
check "the page matches CriteriaSetPage" validate_as CriteriaSetPage
check_eq "set 1 is detailed (32 criteria, 108 options, confidence low); 25 are structure only" \
    "qd148-2023-set-01:32:108:low 25" \
    "$(j '[.items[] | select(.detailed) | "\(.id):\(.criteria_count):\(.option_count):\(.confidence)"] | join(",")') $(j '[.items[] | select(.detailed | not)] | length')"
check_eq "every set without detail says so and still has the part maxima" "25 25" \
    "$(j '[.items[] | select((.detailed | not) and (.detail_note | test("was not available")))] | length') $(j '[.items[] | select(.detailed | not) | select([.parts[] | "\(.code)\(.max_points)"] == ["A40", "B25", "C35"])] | length')"
check_eq "sectors I to VI end at sets 13, 17, 20, 22, 25, 26" "I:13 II:17 III:20 IV:22 V:25 VI:26" \
    "$(j '[.items | group_by(.sector.code)[] | "\(.[0].sector.code):\(.[-1].number)"] | sort_by(split(":")[1] | tonumber) | join(" ")')"
t_http GET "$E/v1/criteria-sets?detailed=true"
check_eq "detailed=true: set 1 only" "qd148-2023-set-01" "$(j '[.items[].id] | join(",")')"
t_http GET "$E/v1/criteria-sets?detailed=false&limit=200"
check_eq "detailed=false: sets 2-26" "25 2" "$(j '.items | length') $(j '.items[0].number')"
t_http GET "$E/v1/criteria-sets?rule_set=qd1489-2025&limit=200"
check_eq "rule_set=qd1489-2025 gives 148's 26 sets (its criteria_from)" "26 qd148-2023" \
    "$(j '.items | length') $(j '[.items[].rule_set] | unique | join(",")')"
for rs in qd1048-2019 qd26-2026 qd999-2030; do
    t_http GET "$E/v1/criteria-sets?rule_set=$rs"
    check_eq "rule_set=$rs has no criteria set" "200 0" "$T_STATUS $(j '.items | length')"
done
t_http GET "$E/v1/criteria-sets?limit=10"
t_http GET "$E/v1/criteria-sets?limit=10&cursor=$(j .next_cursor)"
check_eq "the second page of 10 starts at set 11" "11 20" "$(j '.items[0].number') $(j '.items[-1].number')"

t_http GET "$E/v1/criteria-sets/qd148-2023-set-01"
check_eq "set 1 in full: parts A40 B25 C35 with 3, 2 and 7 groups" "200 A40:3 B25:2 C35:7" \
    "$T_STATUS $(j '[.parts[] | "\(.code)\(.max_points):\(.groups | length)"] | join(" ")')"
check_eq "32 criteria and 108 options" "32 108" \
    "$(j '[.parts[].groups[].criteria[]] | length') $(j '[.parts[].groups[].criteria[].options[]] | length')"
check_eq "groups sum to their part; criteria to their group; each maximum is its highest option" \
    "true true true" \
    "$(j '[.parts[] | .max_points == ([.groups[].max_points] | add)] | all') $(j '[.parts[].groups[] | .max_points == ([.criteria[].max_points] | add)] | all') $(j '[.parts[].groups[].criteria[] | .max_points == ([.options[].points] | max)] | all')"
check_eq "1.c: options 1, 2 (****), 3 (*****); mandatory for 4 and 5 stars (unconfirmed reading)" \
    '1:null,2:4,3:5 [4,5] {"4":2,"5":3} false' \
    "$(j '[.parts[0].groups[0].criteria[] | select(.code == "1.c") | .options[] | "\(.points):\(.star_marker)"] | join(",")') $(j '.parts[0].groups[0].criteria[] | select(.code == "1.c") | .mandatory_for_stars | tojson') $(j '.parts[0].groups[0].criteria[] | select(.code == "1.c") | .min_points_for_stars | tojson') $(j .provenance.mandatory_reading.confirmed)"
check_eq "its provenance keeps the low confidence and the source sheet" "low OCS qd148-2023-set-01" \
    "$(j .provenance.confidence) $(j .provenance.sources[0].id) $(j .provenance.id)"
check "the detail matches CriteriaSetDetail" validate_as CriteriaSetDetail
t_http GET "$E/v1/criteria-sets/qd148-2023-set-26"
check_eq "set 26 is structure only: no groups, a note, the index's sources" \
    "200 false 0,0,0 true DOMAIN9,DATA148" \
    "$T_STATUS $(j .detailed) $(j '[.parts[].groups | length] | join(",")') $(j '.detail_note | test("no criterion or point was invented")') $(j '[.provenance.sources[].id] | join(",")')"
check "and matches CriteriaSetDetail too" validate_as CriteriaSetDetail

# --- bad input ----------------------------------------------------------------------------------
t_http GET "$E/v1/rule-sets?valid_on=2025-02-30&limit=0"
check_eq "a bad valid_on and limit are 422 field errors" "422 limit,valid_on" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
t_http GET "$E/v1/criteria-sets?rule_set=QD148&detailed=yes"
check_eq "a bad rule_set and detailed are 422 field errors" "422 detailed,rule_set" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
forged=$(printf '{"p":"x"}' | base64 -w0 | tr '+/' '-_' | tr -d '=')
t_http GET "$E/v1/criteria-sets?cursor=$forged"
check_eq "a decodable cursor we did not issue is 422" "422 cursor" "$T_STATUS $(j '.errors[0].field')"
for path in rule-sets/qd999-2030 rule-sets/QD148-2023 "rule-sets/qd148%202023" \
    criteria-sets/qd148-2023-set-27 criteria-sets/qd148-2023; do
    t_http GET "$E/v1/$path"
    check_eq "GET /v1/$path is 404 problem+json" "404 application/problem+json NOT_FOUND" \
        "$T_STATUS $(t_header Content-Type) $(j .code)"
done

# --- restart: unchanged files, no reload -----------------------------------------------------------
t_stop evaluation
t_start evaluation
check_eq "a restart with the same files leaves the tables and their load time alone" "$first" "$(state)"
check "the restart logs that the rule sets are unchanged" \
    grep -q '"msg":"rule sets unchanged since' "$LOG"

# --- a changed file is loaded --------------------------------------------------------------------
t_stop evaluation
cp -r "$OCOP_ROOT/schemas" "$T_DIR/schemas-changed"
edit "$T_DIR/schemas-changed" "$RS/qd26-2026.json" '.notes += ["checked again"]'
t_start evaluation OCOP_SCHEMA_DIR="$T_DIR/schemas-changed"
changed=$(state)
check "a changed file is loaded again: new checksum and load time" test "$changed" != "$first"
t_http GET "$E/v1/rule-sets/qd26-2026"
check_eq "the change is served" "checked again" "$(j '.notes[-1]')"
t_stop evaluation

# --- broken files stop the start and change nothing ------------------------------------------------
# refused NAME FILE JQ MESSAGE: a copy of the schemas with FILE rewritten by JQ refuses the start,
# the log names the file and the problem, and the tables are as the last good load left them.
refused() {
    rm -rf "$T_DIR/schemas-bad"
    cp -r "$OCOP_ROOT/schemas" "$T_DIR/schemas-bad"
    edit "$T_DIR/schemas-bad" "$2" "$3"
    start_refused "$T_DIR/schemas-bad"
    check_eq "$1: evaluation refuses to start" 1 "$START_STATUS"
    check "$1: the log names the file and the problem" grep -qF \
        "refusing to start: rule sets not loaded: $T_DIR/schemas-bad/$2: $4" "$LOG"
    check_eq "$1: the tables are unchanged" "$changed" "$(state)"
}
refused "a gap between star bands" "$RS/qd148-2023.json" '.star_bands[2].min_score = 55' \
    "star_bands[2]: min_score 55 leaves a gap after star_bands[1] (max_score 50)"
refused "overlapping star bands" "$RS/qd1048-2019.json" '.star_bands[3].min_score = 65' \
    "star_bands[3]: min_score 65 overlaps star_bands[2] (max_score 70)"
refused "parts that do not sum to 100" "$RS/qd1489-2025.json" '.parts[2].max_points = 30' \
    "parts: max_points sum to 95, not 100"
refused "dates out of order" "$RS/qd1048-2019.json" '.valid_from = "2023-03-01"' \
    "valid_from 2023-03-01 is after valid_to 2023-02-23"
refused "two rule sets in force on one day" "$RS/qd148-2023.json" '.valid_to = "2025-12-31"' \
    "qd148-2023 and qd1489-2025 are both in force on 2025-07-06"
refused "an option above its criterion's maximum" "$CR/qd148-2023-set-01.json" \
    '.parts[0].criteria[0].options[2].points = 6' \
    "parts[0].criteria[0].options[2]: points 6 exceed the criterion's max_points 5"
refused "a criterion whose maximum is not its highest option" "$CR/qd148-2023-set-01.json" \
    '.parts[2].criteria[0].max_points += 1' "parts[2].criteria[0]: max_points"
refused "criteria that do not sum to their group" "$CR/qd148-2023-set-01.json" \
    '.parts[1].criteria[0].group_code = "5" | del(.parts[1].criteria[0].group_name_vi)' \
    "parts[1]: the criteria of group 4 sum to"
refused "a duplicate criteria set number" "$CR/qd148-2023-sets.json" '.sets[5].number = 5' \
    "sets[5]: number 5 must be 6"
rm -rf "$T_DIR/schemas-bad" && cp -r "$OCOP_ROOT/schemas" "$T_DIR/schemas-bad"
printf '{,\n' >"$T_DIR/schemas-bad/$RS/qd26-2026.json"
start_refused "$T_DIR/schemas-bad"
check_eq "a file that is not JSON refuses the start" 1 "$START_STATUS"
check "the log names the file and where the JSON breaks" grep -qF \
    "rule sets not loaded: $T_DIR/schemas-bad/$RS/qd26-2026.json: not valid JSON: line 1" "$LOG"
check_eq "the tables are still unchanged" "$changed" "$(state)"
rm -rf "$T_DIR/schemas-bad" && cp -r "$OCOP_ROOT/schemas" "$T_DIR/schemas-bad"
cp "$T_DIR/schemas-bad/$CR/qd148-2023-sets.json" "$T_DIR/schemas-bad/$CR/qd148-2023-sets-copy.json"
start_refused "$T_DIR/schemas-bad"
check_eq "a criteria file nothing names refuses the start" 1 "$START_STATUS"
check "the log names the stray file" grep -qF \
    "rule sets not loaded: $T_DIR/schemas-bad/$CR/qd148-2023-sets-copy.json: no rule set or criteria index names this file" "$LOG"
check_eq "the tables are still unchanged" "$changed" "$(state)"

# Back to the repository's files: loaded again.
t_start evaluation
check_eq "the repository's files are loaded back" "$(cut -d' ' -f1-6 <<<"$first")" \
    "$(state | cut -d' ' -f1-6)"

t_done

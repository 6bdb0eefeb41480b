#!/usr/bin/env bash
# The audit trail: one row per mutating and per refused request, with who,
# what, where and the outcome; GET /v1/audit and its filters; rows the
# service role can neither change nor delete; the hash chain, checked by
# ocop-audit, surviving a purge past the retention and naming the row a
# superuser changed or removed behind the triggers' back.
source "$(dirname "$0")/lib.sh"
t_init audit
# Every audit write takes 30 ms longer (a test-build failpoint), so that the concurrent writes
# below queue behind one another whatever the machine's speed: group commit is then observable.
t_start registration OCOP_FAILPOINT=audit.write:sleep:30
R=$(t_url registration)
audit_tool() { # audit_tool ARGS...: ocop-audit as the cluster superuser, on this test's database
    (cd /tmp && runuser -u postgres -- "$OCOP_BUILD_DIR/services/tools/ocop-audit" "$@" \
        --db "host=$OCOP_PG_SOCKDIR port=$OCOP_PG_PORT dbname=$T_DB" --schema registration)
}
row() { t_sql registration "SELECT coalesce(subject, '-'), array_to_string(roles, ','), method, route,
    coalesce(object_id, '-'), status, coalesce(client, '-') FROM audit_log WHERE request_id = '$1'"; }

# Rows from long ago (a superuser may date them; the services never do), to purge later.
for days in 200 199 198; do
    t_psql_admin -d "$T_DB" -c "SELECT registration.audit_append('old-officer', '{province_officer}',
        'POST', '/v1/producers', NULL, 201, 'old-$days', '127.0.0.1', now() - interval '$days days')" \
        >/dev/null
done
t_sql registration "SELECT audit_append('x', '{}', 'POST', '/x', NULL, 200, 'r', NULL, now() - interval '1 year')" \
    >/dev/null 2>&1
check_eq "the service role cannot date an audit row" 1 "$?"

# --- what is written ---------------------------------------------------------------------
t_http POST "$R/v1/producers" '{"type":"enterprise","identifier":"2101500001","name":"Công ty TNHH Kiểm toán","representative":"Lê Văn Bình","commune_code":"29242"}' \
    'X-Request-Id: audit-create'
P=$(j .id)
check_eq "a create leaves its row: subject, roles, route, new id, status, client" \
    "test-officer|province_officer,commune_officer,council_member,inspector,trade_officer,producer,portal,admin|POST|/v1/producers|$P|201|127.0.0.1" \
    "$(row audit-create)"
t_http PATCH "$R/v1/producers/$P" '{"name":"Công ty TNHH Kiểm toán Trà Vinh"}' 'If-Match: "1"' \
    'X-Request-Id: audit-patch'
check_eq "a change leaves its row with the object's id" "PATCH /v1/producers/{id} $P 200" \
    "$(row audit-patch | awk -F'|' '{print $3, $4, $5, $6}')"
t_http PATCH "$R/v1/producers/$P" '{"name":"Công ty TNHH Khác"}' 'If-Match: "1"' 'X-Request-Id: audit-stale'
check_eq "a failed change leaves its row too" "412" "$(row audit-stale | cut -d'|' -f6)"
T_TOKEN= t_http POST "$R/v1/producers" '{}' 'X-Request-Id: audit-anonymous'
check_eq "a request without a token: 401 and an anonymous row" "-|POST|401" \
    "$(row audit-anonymous | awk -F'|' '{print $1 "|" $3 "|" $6}')"
t_http GET "$R/v1/statistics" '' "Authorization: Bearer $(t_token producer --sub audit-producer)" \
    'X-Request-Id: audit-denied-read'
check_eq "a refused read: 403 and its row" "audit-producer|producer|GET|403" \
    "$(row audit-denied-read | awk -F'|' '{print $1 "|" $2 "|" $3 "|" $6}')"
t_http GET "$R/v1/producers/$P" '' 'X-Request-Id: audit-read'
check_eq "an allowed read leaves no row" "" "$(row audit-read)"

# --- reading it ------------------------------------------------------------------------------
t_http GET "$R/v1/audit?object=$P"
check_eq "GET /v1/audit?object= lists the object's rows, newest first" "200 3 PATCH PATCH POST" \
    "$T_STATUS $(j '.items | length') $(j '[.items[].method] | join(" ")')"
check "each row carries its hash and the previous row's" \
    jq -e 'all(.items[]; (.hash | test("^[0-9a-f]{64}$")) and (.prev_hash | test("^[0-9a-f]{64}$")))' \
    <<<"$T_BODY"
t_http GET "$R/v1/audit?subject=audit-producer"
check_eq "by subject" "1 /v1/statistics" "$(j '.items | length') $(j '.items[0].route')"
t_http GET "$R/v1/audit?limit=2"
first=$(j '.items[1].id')
t_http GET "$R/v1/audit?limit=2&cursor=$(j .next_cursor)"
check_eq "pages follow one another" "true 2" "$(j ".items[0].id < $first") $(j '.items | length')"
t_http GET "$R/v1/audit?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00%2B07:00"
check_eq "a time range outside the rows: empty" "200 0 null" "$T_STATUS $(j '.items | length') $(j .next_cursor)"
t_http GET "$R/v1/audit?from=yesterday&limit=0"
check_eq "bad filters: 422 naming both" "422 from,limit" \
    "$T_STATUS $(j '[.errors[].field] | sort | join(",")')"
t_http GET "$R/v1/audit" '' "Authorization: Bearer $(t_token commune_officer)"
check_eq "a commune officer may not read the trail" 403 "$T_STATUS"

# --- append-only ----------------------------------------------------------------------------
for stmt in "UPDATE audit_log SET status = 200" "DELETE FROM audit_log" "TRUNCATE audit_log"; do
    t_sql registration "$stmt" >/dev/null 2>&1
    check_eq "the service role is refused: $stmt" 1 "$?"
done
t_sql registration "SELECT audit_purge(now() - interval '1 year')" >/dev/null 2>&1
check_eq "the service role cannot purge" 1 "$?"
check "the chain is intact" audit_tool verify

# Concurrent writes are written in batches (group commit): every one has its row, and the
# chain links them all.
creations="SELECT count(*) FROM audit_log WHERE route = '/v1/products' AND method = 'POST'"
before=$(t_sql registration "$creations")
pid=$(t_sql registration "SELECT id FROM producers LIMIT 1")
seq 1 60 | xargs -P 12 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST "$R/v1/products" \
    -H "Authorization: Bearer $T_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"producer_id\":\"$pid\",\"name\":\"Đồng thời {}\",\"criteria_set\":8}" >"$T_DIR/burst"
check_eq "60 concurrent creations answered 201" 60 "$(grep -c '^201$' "$T_DIR/burst")"
check_eq "each has its audit row" 60 \
    "$(($(t_sql registration "$creations") - before))"
tx=$(t_sql registration "SELECT count(DISTINCT xmin::text) FROM audit_log WHERE route = '/v1/products' AND method = 'POST'")
check "they were written in fewer transactions than rows ($tx for 60)" test "$tx" -lt 60
check "the chain is intact after concurrent writes" audit_tool verify
audit_tool purge --retention-days 30 2>/dev/null
check_eq "a retention under 92 days is refused" 2 "$?"
out=$(audit_tool purge --retention-days 92)
check_eq "a purge as the maintenance role removes only the rows past the retention" \
    "audit trail of registration: 3 rows older than 92 days purged" "$out"
check_eq "and is itself a row of the chain" "1 0" \
    "$(t_sql registration "SELECT count(*) FILTER (WHERE method = 'PURGE'), count(*) FILTER (WHERE request_id LIKE 'old-%') FROM audit_log" | tr '|' ' ')"
check "the chain is still intact after the purge" audit_tool verify

t_check_audit

# --- tampering behind the triggers' back is found --------------------------------------------
target=$(t_sql registration "SELECT id FROM audit_log WHERE request_id = 'audit-patch'")
t_psql_admin -d "$T_DB" -c "SET session_replication_role = replica;
    UPDATE registration.audit_log SET status = 204 WHERE id = $target" >/dev/null
out=$(audit_tool verify)
check_eq "a superuser's UPDATE breaks the chain" 1 "$?"
check "the check names the changed row" grep -q "broken at row $target " <<<"$out"
t_psql_admin -d "$T_DB" -c "SET session_replication_role = replica;
    UPDATE registration.audit_log SET status = 200 WHERE id = $target;
    DELETE FROM registration.audit_log WHERE id = $target" >/dev/null
out=$(audit_tool verify)
check_eq "a removed row breaks the chain too" 1 "$?"
check "named at the row after the gap" grep -q "does not link" <<<"$out"
t_done

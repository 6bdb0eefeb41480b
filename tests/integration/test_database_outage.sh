#!/usr/bin/env bash
# PostgreSQL away: requests get a clear 503 (never a crash or a partial
# write), readiness says so, liveness does not, and when the database comes
# back every service resumes by itself — including the events accepted just
# before the outage.
source "$(dirname "$0")/lib.sh"
t_init database_outage
t_start registration
t_start evaluation
R=$(t_url registration)
P=$(t_new_producer cooperative 2101100001 "HTX Dừa Tân Hòa" 29341)

db_down() {
    t_psql_admin -c "ALTER DATABASE $T_DB WITH ALLOW_CONNECTIONS false" \
        -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$T_DB'" >/dev/null
}
db_up() { t_psql_admin -c "ALTER DATABASE $T_DB WITH ALLOW_CONNECTIONS true" >/dev/null; }

db_down
codes=""
for i in 1 2 3; do
    t_http POST "$R/v1/products" "{\"producer_id\":\"$P\",\"name\":\"Dừa khô $i\",\"criteria_set\":1}"
    codes="$codes $T_STATUS"
done
check_eq "every write during the outage is 503" " 503 503 503" "$codes"
check_eq "as problem+json with Retry-After" "application/problem+json 1" \
    "$(t_header Content-Type) $(t_header Retry-After)"
t_http GET "$R/v1/products/$P"
check_eq "reads during the outage are 503 too" 503 "$T_STATUS"
# The readiness thread checks twice a second: /ready says so within a few seconds.
db_down() { t_http GET "$R/ready" && [[ $T_STATUS == 503 ]]; }
t_until 10 db_down
check_eq "registration is not ready: database false" "503 false" "$T_STATUS $(j .checks.database)"
t_http GET "$R/health"
check_eq "registration is alive" 200 "$T_STATUS"
for svc in registration evaluation; do
    check "$svc is still running" kill -0 "${T_PIDS[$svc]}"
done

db_up
check "registration is ready again by itself" ocop_wait_ready "$R/ready" 30
check "evaluation is ready again by itself" ocop_wait_ready "$(t_url evaluation)/ready" 30
id=$(t_new_product "$P" "Dừa sáp sau sự cố" 1)
check "writes work again" test -n "$id"
ms=$(t_wait_status "$(t_url evaluation)/v1/products/$id" 200 30)
check "and their events flow again (${ms:-never} ms)" test -n "$ms"
check_eq "nothing from the failed writes was stored" 0 \
    "$(t_sql registration "SELECT count(*) FROM products WHERE name LIKE 'Dừa khô %'")"

# Only evaluation loses the database while an event is on its way: its
# consumer waits (no dead letter), then applies the event once.
t_psql_admin -c "REVOKE CONNECT ON DATABASE $T_DB FROM ocop_evaluation" \
    -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$T_DB' AND usename = 'ocop_evaluation'" >/dev/null
late=$(t_new_product "$P" "Dừa sáp chờ" 1)
check "registration accepts writes while evaluation's database access is gone" test -n "$late"
sleep 3
t_http GET "$(t_url evaluation)/ready"
check_eq "evaluation is not ready meanwhile" 503 "$T_STATUS"
t_psql_admin -c "GRANT CONNECT ON DATABASE $T_DB TO ocop_evaluation" >/dev/null
ms=$(t_wait_status "$(t_url evaluation)/v1/products/$late" 200 30)
check "the waiting event is applied after the database returns (${ms:-never} ms)" test -n "$ms"
check_eq "and applied once, with nothing dead-lettered" "1 0 0" "$(t_sql evaluation \
    "SELECT (SELECT count(*) FROM products WHERE product_id = '$late'),
            (SELECT count(*) FROM inbox WHERE outcome = 'dead_lettered'),
            (SELECT count(*) - count(DISTINCT event_id) FROM inbox)" | tr '|' ' ')"
t_done

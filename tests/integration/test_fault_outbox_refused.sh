#!/usr/bin/env bash
# Fault R7: the outbox table cannot be written.
#   Load:    10 POST /v1/products during the fault, ~10 a second, then 10 after it; one of
#            them carries an Idempotency-Key and is retried with it after the fault.
#   Fault:   INSERT on registration.outbox is revoked from the service's role by the cluster's
#            superuser (the database refuses the write itself, as it would for a full or
#            read-only tablespace, rather than a failpoint in our code); then granted back.
#   Checker: each write during the fault is refused with a 5xx problem+json; nothing is half
#            done (no product row without its event: the product's INSERT rolls back with the
#            event's); reads go on; once granted back, writes succeed at once, the retried key
#            creates its product once, and every 201 has its product and one event.
#            Recovery: from the grant to the first 201.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
t_init fault_outbox_refused
t_start registration "${T_NO_LIMITS[@]}"
t_settle # every consumer has its partitions before anything is timed or faulted
R=$(t_url registration)
P=$(t_new_producer enterprise 2101300007 "Công ty TNHH Sự cố Bảy" 29242)
role=$(t_sql registration "SELECT current_user")
t_psql_admin -d "$T_DB" -c "REVOKE INSERT ON registration.outbox FROM $role" >/dev/null ||
    f_skip "could not revoke INSERT on the outbox from $role"
[[ $(t_sql registration "SELECT has_table_privilege('outbox', 'INSERT')") == f ]] ||
    f_skip "the service's role keeps INSERT on the outbox through another grant"
events_before=$(t_sql registration "SELECT count(*) FROM outbox")

f_load 10 0.1 "R7 Trà" "$P" "$T_DIR/load.fault"
check_eq "every write during the fault is refused with a 5xx" 10 "$(awk '$2 ~ /^5/' "$T_DIR/load.fault" | wc -l)"
t_http POST "$R/v1/products" "{\"producer_id\":\"$P\",\"name\":\"R7 Trà khóa\",\"criteria_set\":3}" \
    "Idempotency-Key: r7-retry-1"
check "a refused write answers problem+json ($T_STATUS)" \
    test "${T_STATUS:0:1}" = 5 -a "$(t_header Content-Type | tr -d '\r')" = application/problem+json
refused_status=$T_STATUS
check_eq "nothing half done: no product of a refused write" 0 \
    "$(t_sql registration "SELECT count(*) FROM products WHERE name LIKE 'R7 Trà%'")"
check_eq "and no event" "$events_before" "$(t_sql registration "SELECT count(*) FROM outbox")"
t_http GET "$R/v1/producers/$P"
check_eq "reads go on during the fault" 200 "$T_STATUS"

t_psql_admin -d "$T_DB" -c "GRANT INSERT ON registration.outbox TO $role" >/dev/null
granted=$(f_now_ms)
first_201() {
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST -H "$(t_bearer)" \
        -H 'Content-Type: application/json' "$R/v1/products" \
        --data-binary "{\"producer_id\":\"$P\",\"name\":\"R7 Trà 0\",\"criteria_set\":3}") == 201 ]]
}
check "writes succeed again once the outbox can be written" t_until 10 first_201
recovery=$(($(f_now_ms) - granted))
t_http POST "$R/v1/products" "{\"producer_id\":\"$P\",\"name\":\"R7 Trà khóa\",\"criteria_set\":3}" \
    "Idempotency-Key: r7-retry-1"
check_eq "the write refused with a key succeeds when retried with it" 201 "$T_STATUS"
t_http POST "$R/v1/products" "{\"producer_id\":\"$P\",\"name\":\"R7 Trà khóa\",\"criteria_set\":3}" \
    "Idempotency-Key: r7-retry-1"
check_eq "and a second retry replays it" 201 "$T_STATUS"
f_load 10 0.1 "R7 Trà" "$P" "$T_DIR/load.after"
cat "$T_DIR/load.fault" "$T_DIR/load.after" >"$T_DIR/load"
f_load_summary "$T_DIR/load"
check_eq "every write after the fault is 201" 10 "$(awk '$2 == 201' "$T_DIR/load.after" | wc -l)"
lost=$(comm -23 <(awk '$2 == 201 {print $4}' "$T_DIR/load" | sort) <(f_persisted "R7 Trà" | sort) | wc -l)
check_eq "every product has its one event" 0 "$(t_sql registration "SELECT count(*) FROM products p
    WHERE name LIKE 'R7 Trà%' AND (SELECT count(*) FROM outbox o WHERE o.subject = p.id::text) <> 1")"
dups=$(($(t_sql registration "SELECT count(*) FROM products WHERE name = 'R7 Trà khóa'") - 1))
f_result "R7 outbox INSERT refused ($refused_status)" "$F_LOAD, then 1 key retried twice" \
    "$lost" "$dups" "$recovery"
t_done

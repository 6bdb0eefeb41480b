#!/usr/bin/env bash
# Fault R3: PostgreSQL restarted in immediate mode (a crash and its recovery) under a steady
# write load. The cluster is shared by every test of the run, so this test runs alone
# (RUN_SERIAL in tests/CMakeLists.txt) and puts the cluster back as it was (same port and
# options, from postmaster.opts).
#   Load:    50 POST /v1/products, ~10 a second, through the restart.
#   Fault:   pg_ctl restart -m immediate: every backend dies at once without a checkpoint;
#            the server runs crash recovery and takes connections again.
#   Checker: every 201 persisted with its one event; every persisted product reaches
#            evaluation, whose consumer retries through the outage (never dead-letters) and
#            applies each event once (ledger); failures only inside the outage window (none
#            after the first 201 that follows it); nobody restarts the services.
#            Recovery: from the server taking connections again to the first 201.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
t_init fault_database_restart
PGDATA_DIR=$OCOP_PG_SOCKDIR/data
runuser -u postgres -- test -f "$PGDATA_DIR/postmaster.opts" 2>/dev/null ||
    f_skip "the test cluster's data folder is not reachable as postgres ($PGDATA_DIR)"
t_start registration "${T_NO_LIMITS[@]}"
t_start evaluation
t_settle # every consumer has its partitions before anything is timed or faulted
f_ledger evaluation
P=$(t_new_producer enterprise 2101300003 "Công ty TNHH Sự cố Ba" 29242)
pg_up() { runuser -u postgres -- "$OCOP_PG_BIN/pg_isready" -q -h "$OCOP_PG_SOCKDIR" -p "$OCOP_PG_PORT"; }

f_load 50 0.1 "R3 Nấm" "$P" "$T_DIR/load" &
loader=$!
sleep 1.5
crashed=$(f_now_ms)
runuser -u postgres -- "$OCOP_PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$OCOP_PG_SOCKDIR/server.log" \
    -m immediate -w -t 60 restart >/dev/null
restarted=$?
check_eq "PostgreSQL restarted in immediate mode" 0 "$restarted"
if ! t_until 30 pg_up; then
    # Leave the run a cluster: start it again with the options it had.
    runuser -u postgres -- "$OCOP_PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$OCOP_PG_SOCKDIR/server.log" \
        -w -t 60 start >/dev/null
    fail "PostgreSQL takes connections again"
fi
back=$(f_now_ms)
wait "$loader"
f_load_summary "$T_DIR/load"
check "the load saw the outage ($F_REFUSED refused)" test "$F_REFUSED" -gt 0
check_eq "every answer was 201 or a refusal" 0 "$F_OTHER"
first_after=$(awk -v t="$back" '$2 == 201 && $5 >= t {print $5; exit}' "$T_DIR/load")
check "writes succeed again by themselves" test -n "$first_after"
recovery=$((${first_after:-$back} - back))
check_eq "no failure after the first 201 that follows the outage" 0 \
    "$(awk -v t="${first_after:-0}" '$2 != 201 && $5 > t' "$T_DIR/load" | wc -l)"
check_eq "no failure before the crash" 0 "$(awk -v t="$crashed" '$2 != 201 && $5 < t - 200' "$T_DIR/load" | wc -l)"
check_eq "every persisted product has its one event" 0 "$(t_sql registration "SELECT count(*) FROM products p
    WHERE name LIKE 'R3 Nấm %' AND (SELECT count(*) FROM outbox o WHERE o.subject = p.id::text) <> 1")"
check "every product reaches evaluation" t_until 40 f_arrived "R3 Nấm" evaluation
check_eq "evaluation dead-lettered nothing" 0 \
    "$(t_metric evaluation 'ocop_events_consumed_total.*outcome="dead_lettered"')"
n=$(f_persisted "R3 Nấm" | wc -l)
check "the ledger saw each product's effect ($n)" test "$(f_ledger_count evaluation)" -ge "$n"
f_result "R3 PostgreSQL immediate restart (outage $((back - crashed)) ms)" "$F_LOAD" \
    "$(f_lost "R3 Nấm" "$T_DIR/load" evaluation)" "$(f_duplicates evaluation)" "$recovery"
t_done

#!/usr/bin/env bash
# Fault R8: two instances of registration and two of evaluation at once, on one database and
# one set of topics, and one of each SIGKILLed mid-load.
#   Load:    20 POST /v1/products to each registration instance, ~10 a second each; what is
#            sent to the killed one after its death is refused.
#   Fault:   once some products have arrived, SIGKILL (by PID) of the registration instance
#            whose relay holds the outbox leader lock (a PostgreSQL session advisory lock per
#            service schema, relay.c; gauge ocop_outbox_relay_publishing) and of one evaluation
#            instance. The survivors' groups wait out the dead members' sessions before they
#            rebalance: 3 s here (OCOP_KAFKA_PROP_SESSION_TIMEOUT_MS; 10 s by default).
#   Checker: before the kill one relay publishes the rows both instances write and the other
#            stands by (gauge 0, its ocop_outbox_published_total stays 0), every event is on the topic
#            once, and evaluation's group gave each instance some partitions; after the kill
#            the standby relay takes the lock and publishes, the surviving evaluation takes
#            every partition, every product is in evaluation's read model and its handler ran
#            once per event (ledger). Recovery: from the kill until every product is applied.
#            Then the server ends the survivor's lock session (pg_terminate_backend): its relay
#            logs that it lost the lock, takes it again and a new product still arrives.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
t_init fault_two_instances
SESSION=(OCOP_KAFKA_PROP_SESSION_TIMEOUT_MS=3000)
# all four start back to back, so that each group forms once (its first join waits 3 s)
t_start registration "${T_NO_LIMITS[@]}" "${SESSION[@]}"
f_start_twin registration registration_b "${T_NO_LIMITS[@]}" "${SESSION[@]}" ||
    fail "a second registration instance started"
t_start evaluation "${SESSION[@]}"
f_start_twin evaluation evaluation_b "${SESSION[@]}" || fail "a second evaluation instance started"
t_settle # every consumer has its partitions before anything is timed or faulted
f_ledger evaluation
P=$(t_new_producer enterprise 2101300008 "Công ty TNHH Sự cố Tám" 29242)
publishing() { [[ $(t_metric "$1" '^ocop_outbox_relay_publishing') == 1 ]]; }
one_leads() { publishing registration || publishing registration_b; }
check "one registration relay takes the leader lock" t_until 10 one_leads
LEAD=registration STANDBY=registration_b
publishing registration || LEAD=registration_b STANDBY=registration
check "the other stands by" test "$(t_metric $STANDBY '^ocop_outbox_relay_publishing')" -eq 0
split() { (($(f_assigned evaluation) > 0 && $(f_assigned evaluation_b) > 0)); }
check "evaluation's group splits the partitions between the two instances" t_until 15 split
parts=$(($(f_assigned evaluation) + $(f_assigned evaluation_b)))

# one load to each instance (f_load posts to t_url registration)
(T_PORTS[registration]=${T_PORTS[$STANDBY]}; f_load 20 0.1 "R8 Trà B" "$P" "$T_DIR/load.b") &
loader_b=$!
(T_PORTS[registration]=${T_PORTS[$LEAD]}; f_load 20 0.1 "R8 Trà A" "$P" "$T_DIR/load.a") &
loader_a=$!
arrived() { (($(t_sql evaluation "SELECT count(*) FROM products WHERE name LIKE 'R8 Trà %'") >= 8)); }
check "products written through both instances arrive" t_until 15 arrived
f_topic_ids registration >"$T_DIR/topic.before"
check "the standby relay published nothing" test "$(t_metric $STANDBY '^ocop_outbox_published_total')" -eq 0
check "the leader published what both wrote ($(wc -l <"$T_DIR/topic.before") events)" \
    test "$(t_metric $LEAD '^ocop_outbox_published_total')" -gt 0
check_eq "every event is on the topic once" "$(sort -u "$T_DIR/topic.before" | wc -l)" \
    "$(wc -l <"$T_DIR/topic.before")"

kill -KILL "${T_PIDS[$LEAD]}" "${T_PIDS[evaluation]}"
killed=$(f_now_ms)
check "the leading registration died" f_await_death $LEAD 10
check "one evaluation died" f_await_death evaluation 10
check "the standby relay takes the lock" t_until 10 publishing $STANDBY
wait "$loader_a" "$loader_b"
cat "$T_DIR/load.a" "$T_DIR/load.b" >"$T_DIR/load"
f_load_summary "$T_DIR/load"
check_eq "the surviving registration answered every request 201" 20 \
    "$(awk '$2 == 201' "$T_DIR/load.b" | wc -l)"
check_eq "the killed one answered 201 or was refused" 0 "$F_OTHER"
check "every product reaches evaluation" t_until 40 f_arrived "R8 Trà" evaluation
recovery=$(($(f_now_ms) - killed))
taken() { [[ $(f_assigned evaluation_b) == "$parts" ]]; }
check "the surviving evaluation took every partition ($parts)" t_until 10 taken
check "the survivor's relay published after the kill" \
    test "$(t_metric $STANDBY '^ocop_outbox_published_total')" -gt 0
check_eq "every event is published" 0 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
check_eq "every product has its one event" 0 "$(t_sql registration "SELECT count(*) FROM products p
    WHERE name LIKE 'R8 Trà %' AND (SELECT count(*) FROM outbox o WHERE o.subject = p.id::text) <> 1")"
f_topic_ids registration >"$T_DIR/topic.after"
again=$(($(wc -l <"$T_DIR/topic.after") - $(sort -u "$T_DIR/topic.after" | wc -l)))
n=$(f_persisted "R8 Trà" | wc -l)
check "the ledger saw each product's effect ($n)" test "$(f_ledger_count evaluation)" -ge "$n"
f_result "R8 two instances each of registration and evaluation, one of each SIGKILLed ($again events twice on the topic)" \
    "$F_LOAD" "$(f_lost "R8 Trà" "$T_DIR/load" evaluation)" "$(f_duplicates evaluation)" "$recovery"

# The lock goes with its session: the server ends the survivor's lock session; its relay sees it
# before publishing again, says so, reconnects and (alone now) takes the lock again.
t_psql_admin -d "$T_DB" -c "SELECT pg_terminate_backend(l.pid) FROM pg_locks l
    JOIN pg_stat_activity a USING (pid) WHERE l.locktype = 'advisory'
    AND a.usename = 'ocop_registration' AND a.datname = current_database()" >/dev/null
lost_lock() { grep -q 'outbox relay lost its database session' "$T_DIR/logs/$STANDBY.log"; }
check "the relay whose lock session ended says so" t_until 10 lost_lock
check "and publishes again once it holds the lock again" t_until 10 publishing $STANDBY
id=$(T_PORTS[registration]=${T_PORTS[$STANDBY]}; t_new_product "$P" "R8 Trà sau")
check "a product written afterwards arrives" t_wait_status "$(t_url evaluation_b)/v1/products/$id" 200 10
t_done

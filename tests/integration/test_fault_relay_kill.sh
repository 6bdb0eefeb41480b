#!/usr/bin/env bash
# Fault R1: the registration service is SIGKILLed between a change's commit and its event's
# publication.
#   Load:    40 POST /v1/products one after another, ~10 a second (and on through the crash
#            and restart: requests meanwhile are refused).
#   Fault:   failpoint relay.before_publish:kill@5 (test builds only, common/failpoint.h): the
#            relay raises SIGKILL on its own process when it has read its 5th batch of
#            committed, unpublished outbox rows and handed none to Kafka. The test restarts it.
#   Checker: every 201 is in registration's table with its outbox row, every product in the
#            table reaches evaluation's and promotion's read models, and each consumer's
#            product handler ran once per event (ledger, fault_lib.sh). Recovery: from the
#            kill until every product is downstream (restart included).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
t_init fault_relay_kill
f_need_failpoints
t_start evaluation
t_start promotion
t_start registration "${T_NO_LIMITS[@]}" OCOP_FAILPOINT=relay.before_publish:kill@5
t_settle # every consumer has its partitions before anything is timed or faulted
f_ledger evaluation promotion
P=$(t_new_producer enterprise 2101300001 "Công ty TNHH Sự cố Một" 29242)

f_load 40 0.1 "R1 Gạo" "$P" "$T_DIR/load" &
loader=$!
check "the relay killed its process at the failpoint" f_await_death registration 30
killed=$(f_now_ms)
check_eq "registration died of SIGKILL" 137 "${F_STATUS:-}"
check "the log says where" grep -q 'failpoint relay.before_publish: kill' "$T_DIR/logs/registration.log"
unpublished=$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")
check "committed events were left unpublished by the crash ($unpublished)" test "$unpublished" -gt 0
check "registration restarts" f_start_quick registration "${T_NO_LIMITS[@]}"
wait "$loader"
f_load_summary "$T_DIR/load"
check_eq "every request got 201 or was refused during the crash" 0 "$F_OTHER"
check "the load went on after the restart" test "$(tail -5 "$T_DIR/load" | awk '$2 == 201' | wc -l)" -gt 0
check "every product reaches evaluation and promotion" t_until 40 f_arrived "R1 Gạo" evaluation promotion
recovery=$(($(f_now_ms) - killed))
check_eq "every event is published" 0 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
check_eq "every product has its one event" 0 "$(t_sql registration "SELECT count(*) FROM products p
    WHERE name LIKE 'R1 Gạo %' AND (SELECT count(*) FROM outbox o WHERE o.subject = p.id::text) <> 1")"
n=$(f_persisted "R1 Gạo" | wc -l)
check "the ledger saw each product's effect in evaluation and promotion ($n)" \
    test "$(f_ledger_count evaluation)" -ge "$n" -a "$(f_ledger_count promotion)" -ge "$n"
f_result "R1 registration SIGKILLed between commit and publish" "$F_LOAD" \
    "$(f_lost "R1 Gạo" "$T_DIR/load" evaluation promotion)" \
    "$(f_duplicates evaluation promotion)" "$recovery"

# The checker can fail: one event applied a second time on purpose (its inbox row removed,
# the event published again) is counted as one duplicate effect.
id=$(t_sql registration "SELECT id FROM products WHERE name LIKE 'R1 Gạo %' LIMIT 1")
ev=$(t_sql registration "SELECT event_id FROM outbox WHERE subject = '$id'")
t_psql_admin -d "$T_DB" -c "DELETE FROM evaluation.inbox WHERE event_id = '$ev'" >/dev/null
t_sql registration "UPDATE outbox SET published_at = NULL WHERE event_id = '$ev'" >/dev/null
one_duplicate() { [[ $(f_duplicates evaluation) == 1 ]]; }
check "the checker counts a duplicate effect made on purpose" t_until 15 one_duplicate
# and a product taken out of a read model is counted as lost
t_psql_admin -d "$T_DB" -c "DELETE FROM evaluation.products WHERE product_id = '$id'" >/dev/null
check_eq "the checker counts a product missing downstream as lost" 1 \
    "$(f_lost "R1 Gạo" "$T_DIR/load" evaluation promotion)"
t_done

#!/usr/bin/env bash
# Fault R2: the evaluation service (a consumer) is SIGKILLed between applying an event (its
# transaction committed) and storing the event's offset.
#   Load:    30 POST /v1/products to registration, ~10 a second.
#   Fault:   failpoint consumer.after_commit:kill@6 (test builds only, common/failpoint.h):
#            evaluation's consumer raises SIGKILL on its own process after committing the
#            effect of its 6th record and before storing that record's offset. The test
#            restarts it; its group waits out the dead member's session (10 s) first.
#   Checker: after the restart the event(s) whose offsets were not stored come again and the
#            inbox counts them as duplicates (metric outcome="duplicate" > 0); every product
#            is in evaluation's read model and its handler ran once per event (ledger).
#            Recovery: from the kill until every product is applied.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
t_init fault_consumer_kill
f_need_failpoints
t_start registration "${T_NO_LIMITS[@]}"
t_start evaluation OCOP_FAILPOINT=consumer.after_commit:kill@6
t_settle # every consumer has its partitions before anything is timed or faulted
f_ledger evaluation
P=$(t_new_producer cooperative 2101300002 "HTX Sự cố Hai" 29242)

f_load 30 0.1 "R2 Mật ong" "$P" "$T_DIR/load" &
loader=$!
check "the consumer killed its process at the failpoint" f_await_death evaluation 30
killed=$(f_now_ms)
check_eq "evaluation died of SIGKILL" 137 "${F_STATUS:-}"
check "the log says where" grep -q 'failpoint consumer.after_commit: kill' "$T_DIR/logs/evaluation.log"
check "evaluation restarts" f_start_quick evaluation
wait "$loader"
f_load_summary "$T_DIR/load"
check_eq "registration answered every request 201" "$F_SENT" "$F_CREATED"
check "every product reaches evaluation" t_until 60 f_arrived "R2 Mật ong" evaluation
recovery=$(($(f_now_ms) - killed))
redelivered() { (($(t_metric evaluation 'ocop_events_consumed_total.*outcome="duplicate"') > 0)); }
check "the event applied before the kill came again and was absorbed as a duplicate" \
    t_until 10 redelivered
n=$(f_persisted "R2 Mật ong" | wc -l)
check "the ledger saw each product's effect ($n)" test "$(f_ledger_count evaluation)" -ge "$n"
f_result "R2 evaluation SIGKILLed between commit and offset store" "$F_LOAD" \
    "$(f_lost "R2 Mật ong" "$T_DIR/load" evaluation)" "$(f_duplicates evaluation)" "$recovery"
t_done

#!/usr/bin/env bash
# Benchmark: a restarted service's time to ready (serving HTTP with its
# database and Kafka) and, separately, until its consumer has its partitions
# again, for evaluation (which consumes two topics), three restarts. It
# asserts only that the service came back each time.
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_restart
t_start registration "${T_NO_LIMITS[@]}"
t_start evaluation "${T_NO_LIMITS[@]}"
t_settle # every consumer has its partitions before anything is timed or faulted
port=${T_PORTS[evaluation]}
ready=() assigned=()
for i in 1 2 3; do
    t_stop evaluation
    t0=$(date +%s%N)
    t_env evaluation
    env OCOP_HTTP_PORT="$port" "${T_ENV[@]}" "${T_NO_LIMITS[@]}" "$OCOP_BUILD_DIR/services/evaluation/ocop-evaluation" \
        </dev/null 2>>"$T_DIR/logs/evaluation.log" &
    T_PIDS[evaluation]=$!
    check "restart $i: ready" t_wait_up "${T_PIDS[evaluation]}" "http://127.0.0.1:$port/ready" 60
    ready+=($((($(date +%s%N) - t0) / 1000000)))
    check "restart $i: partitions assigned" t_until 60 t_consumer_assigned "$port"
    assigned+=($((($(date +%s%N) - t0) / 1000000)))
done
printf '{"restart_to_ready_ms": [%s], "restart_to_partitions_assigned_ms": [%s]}\n' \
    "$(IFS=,; echo "${ready[*]}")" "$(IFS=,; echo "${assigned[*]}")" | tee "$T_DIR/result.json"
t_done

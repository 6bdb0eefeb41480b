#!/usr/bin/env bash
# Benchmark: consumers draining a backlog. Registration creates products under wrk for
# OCOP_BENCH_SECONDS (5 by default, as in CI) while evaluation and promotion are stopped;
# once every event is on Kafka, evaluation starts alone and then promotion alone, and each
# is timed from its first applied product.registered event to its last (counted in its
# inbox every 20 ms). Prints the backlog, the rate it was created at (the same-run
# baseline) and each consumer's rate with its ratio to it. Asserts only that every event
# arrived, never a speed. Longer by hand, e.g.
#   OCOP_TEST_BUILDS=plain OCOP_BENCH_SECONDS=20 CTEST_ARGS="-R bench.backlog -V" ./tests/run
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_backlog
t_start registration "${T_NO_LIMITS[@]}" OCOP_LOG_LEVEL=warn
t_settle # every consumer has its partitions before anything is timed or faulted
R=$(t_url registration)
secs=${OCOP_BENCH_SECONDS:-5}
REGISTERED=ocop.registration.product.registered.v1
P=$(t_new_producer enterprise 2101800002 "Công ty TNHH Tồn đọng" 29242)

OCOP_BENCH_LUA=$(dirname "$0")/wrk OCOP_BENCH_AUTH="Bearer $T_TOKEN" OCOP_BENCH_PRODUCER=$P \
    OCOP_BENCH_RUN=backlog-$RANDOM wrk -t2 -c16 -d"${secs}s" --timeout 5s \
    -s "$(dirname "$0")/wrk/post.lua" "$R" | grep '^{' >"$T_DIR/create.json"
check "the backlog was created without a failure" \
    jq -e '.requests > 0 and .socket_errors == 0 and .non_2xx == 0' "$T_DIR/create.json"
published() { [[ $(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "every event of the backlog is on Kafka" t_until 60 published
# Counted once all is published: a request wrk had in flight when it stopped commits after it.
n=$(t_sql registration "SELECT count(*) FROM outbox WHERE event_type = '$REGISTERED'")

# drain SERVICE: starts it; writes the seconds from its first applied product to its last
# to $T_DIR/SERVICE.seconds.
drain() {
    local svc=$1 first="" count=0 now i
    t_start "$svc" "${T_NO_LIMITS[@]}" OCOP_LOG_LEVEL=warn
    for ((i = 0; i < 6000 && count < n; i++)); do
        count=$(t_sql "$svc" "SELECT count(*) FROM inbox WHERE event_type = '$REGISTERED'")
        now=$(date +%s.%N)
        [[ -z $first && $count -gt 0 ]] && first=$now
        ((count < n)) && sleep 0.02
    done
    check_eq "$svc applied every product of the backlog" "$n" "$count"
    t_stop "$svc"
    awk -v a="${first:-$now}" -v b="$now" 'BEGIN {printf "%.3f", b - a}' >"$T_DIR/$svc.seconds"
}
drain evaluation
drain promotion
eval_s=$(cat "$T_DIR/evaluation.seconds")
promo_s=$(cat "$T_DIR/promotion.seconds")

jq -n --argjson n "$n" --argjson e "$eval_s" --argjson p "$promo_s" --slurpfile c "$T_DIR/create.json" '
    def rate(s): if s > 0 then ($n / s * 10 | round) / 10 else null end;
    def r(a; b): if a == null then null else (a / b * 100 | round) / 100 end;
    {backlog_events: $n, created_per_s: $c[0].rps,
     evaluation: {seconds: $e, events_per_s: rate($e), ratio_to_creation: r(rate($e); $c[0].rps)},
     promotion: {seconds: $p, events_per_s: rate($p), ratio_to_creation: r(rate($p); $c[0].rps)}}' \
    >"$T_DIR/result.json"
cat "$T_DIR/result.json"
t_done

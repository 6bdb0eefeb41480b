#!/usr/bin/env bash
# Benchmark: events at fixed rates. For each rate of OCOP_BENCH_RATES ("100 250" by
# default, as in CI) registration takes that many product creations a second for
# OCOP_BENCH_SECONDS (5), paced (tests/bench/rate.py), while evaluation and promotion
# consume; then each event's write -> applied latency is read from the database: the
# outbox row's time (its transaction's start) to the consumer's inbox row's time (its
# transaction's start, so a batch's own apply time is not counted). Prints, per rate, the
# creations reached, the POST latencies and each consumer's p50/p99/max. Asserts only that
# every creation was applied by both, never a speed. Long mode by hand, e.g.
#   OCOP_TEST_BUILDS=plain OCOP_BENCH_RATES="100 250 500" OCOP_BENCH_SECONDS=60 \
#     CTEST_ARGS="-R bench.rate -V" ./tests/run
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_rate
for svc in registration evaluation promotion; do t_start "$svc" "${T_NO_LIMITS[@]}" OCOP_LOG_LEVEL=warn; done
R=$(t_url registration)
secs=${OCOP_BENCH_SECONDS:-5}
P=$(t_new_producer enterprise 2101800003 "Công ty TNHH Nhịp đều" 29242)
REGISTERED=ocop.registration.product.registered.v1

# latencies TAG: one JSON object per consumer with the write -> applied figures of TAG's events.
latencies() {
    t_psql_admin -d "$T_DB" -At -c "
        SELECT coalesce(json_object_agg(c, json_build_object('applied', n, 'p50_ms', round(p50::numeric, 2),
               'p99_ms', round(p99::numeric, 2), 'max_ms', round(mx::numeric, 2))), '{}')
          FROM (SELECT c, count(*) n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) p99, max(ms) mx
                  FROM (SELECT 'evaluation' c, extract(epoch FROM i.processed_at - o.occurred_at) * 1000 ms
                          FROM registration.outbox o JOIN evaluation.inbox i ON i.event_id = o.event_id::text
                         WHERE o.event_type = '$REGISTERED' AND o.payload->>'name' LIKE 'Nhịp $1 %'
                        UNION ALL
                        SELECT 'promotion', extract(epoch FROM i.processed_at - o.occurred_at) * 1000
                          FROM registration.outbox o JOIN promotion.inbox i ON i.event_id = o.event_id::text
                         WHERE o.event_type = '$REGISTERED' AND o.payload->>'name' LIKE 'Nhịp $1 %') x
                 GROUP BY c) y"
}
results=()
for rate in ${OCOP_BENCH_RATES:-100 250}; do
    tag=r$rate
    python3 "$(dirname "$0")/rate.py" "$R" "$P" "$rate" "$secs" "$tag" >"$T_DIR/$tag.json"
    check "every product of $rate/s was created" test $? -eq 0
    created=$(jq .created "$T_DIR/$tag.json")
    applied() { [[ $(latencies "$tag" | jq '[.[].applied] | select(length == 2) | min') == "$created" ]]; }
    check "both consumers applied the $created products of $rate/s" t_until 60 applied
    jq --argjson l "$(latencies "$tag")" '. + {write_to_applied: $l}' "$T_DIR/$tag.json" >"$T_DIR/$tag.result.json"
    results+=("$T_DIR/$tag.result.json")
done
jq -s '{rates: .}' "${results[@]}" | tee "$T_DIR/result.json"
t_done

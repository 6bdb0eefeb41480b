#!/usr/bin/env bash
# Fault R5: network latency to the broker under a steady write load.
#   Load:    15 POST /v1/products at ~20 a second without latency (the baseline), then 15
#            more with it, then one after it is removed.
#   Fault:   the embedded broker answers every request 300 ms late (control channel
#            "rtt all 300"): produce and fetch round trips of both services slow down.
#   Checker: writes keep answering 201 at once (the outbox decouples them from Kafka);
#            delivery slows (the lag from the last 201 to the last arrival grows beyond the
#            baseline) but nothing is lost and each handler runs once per event (ledger);
#            /ready stays 200 with checks.kafka true throughout (Kafka is slow, not gone).
#            Recovery: from the end of the slow load until every product has arrived.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
t_init fault_broker_latency
t_start registration "${T_NO_LIMITS[@]}"
t_start evaluation
t_settle # every consumer has its partitions before anything is timed or faulted
f_ledger evaluation
P=$(t_new_producer enterprise 2101300005 "Công ty TNHH Sự cố Năm" 29242)
RTT=300

# drain TAG: ms from now until every product named "TAG %" is in evaluation (30 s at most).
drain() {
    local t0
    t0=$(f_now_ms)
    t_until 30 f_arrived "$1" evaluation || return 1
    echo $(($(f_now_ms) - t0))
}
# watch_ready OUT: samples registration's and evaluation's /ready every 0.2 s until killed.
watch_ready() {
    while :; do
        for svc in registration evaluation; do
            curl -s --max-time 3 -w ' %{http_code}\n' "$(t_url $svc)/ready" | jq -Rr \
                --arg s "$svc" 'split(" ") as $p | "\($s) \($p[-1]) \(($p[:-1] | join(" ") | fromjson? | .checks.kafka) // "none")"' >>"$1"
        done
        sleep 0.2
    done
}

f_load 15 0.05 "R5 Cá base" "$P" "$T_DIR/load.base"
base=$(drain "R5 Cá base")
check "the baseline arrives (${base:-never} ms after the last 201)" test -n "$base"

t_broker rtt all $RTT || f_skip "the broker's control channel refused the latency"
watch_ready "$T_DIR/ready" &
watcher=$!
f_load 15 0.05 "R5 Cá chậm" "$P" "$T_DIR/load.slow"
slow=$(drain "R5 Cá chậm")
kill "$watcher"
wait "$watcher" 2>/dev/null
check "the slow load arrives (${slow:-never} ms after the last 201)" test -n "$slow"
check "delivery is slower under latency (${slow:-?} ms against ${base:-?} ms)" \
    test "${slow:-0}" -gt "${base:-0}"
check_eq "every write under latency answered 201" 15 "$(awk '$2 == 201' "$T_DIR/load.slow" | wc -l)"
median=$(awk '$2 == 201 {print $3}' "$T_DIR/load.slow" | sort -g | sed -n 8p)
check "writes do not wait for Kafka (median ${median}s < ${RTT} ms)" \
    awk -v s="$median" -v r=$RTT 'BEGIN { exit !(s * 1000 < r) }'
check "/ready was sampled under latency ($(wc -l <"$T_DIR/ready") samples)" test -s "$T_DIR/ready"
check_eq "/ready stayed 200 with kafka true throughout" 0 "$(grep -cv ' 200 true$' "$T_DIR/ready")"

t_broker rtt all 0 || fail "the latency is removed"
f_load 1 0 "R5 Cá sau" "$P" "$T_DIR/load.after"
after=$(drain "R5 Cá sau")
check "after the latency an event arrives again (${after:-never} ms)" test -n "$after"
cat "$T_DIR/load.base" "$T_DIR/load.slow" "$T_DIR/load.after" >"$T_DIR/load"
f_load_summary "$T_DIR/load"
lost=$(f_lost "R5 Cá" "$T_DIR/load" evaluation)
n=$(t_sql registration "SELECT count(*) FROM products WHERE name LIKE 'R5 Cá %'")
check "the ledger saw each product's effect ($n)" test "$(f_ledger_count evaluation)" -ge "$n"
f_result "R5 broker RTT ${RTT} ms (delivery ${base} ms -> ${slow} ms)" "$F_LOAD" \
    "$lost" "$(f_duplicates evaluation)" "$slow"
t_done

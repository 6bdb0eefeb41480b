#!/usr/bin/env bash
# Fault R4: partition leaders move between the brokers and requests fail with retriable errors,
# under a steady write load.
#   Load:    30 POST /v1/products, ~10 a second.
#   Fault:   through the embedded broker's control channel, in three rounds paced by the load
#            (after 5, 12 and 19 answers): every partition of registration's events topic gets
#            another leader among the 3 brokers ("leader <topic> <p> <id>"), and the next
#            Produce (api key 0) and Fetch (api key 1) requests are answered with a retriable
#            error, one code a round: NOT_LEADER_OR_FOLLOWER (6), LEADER_NOT_AVAILABLE (5),
#            REQUEST_TIMED_OUT (7) ("error <apikey> <code> 3"); then "clear" for both keys.
#            The embedded broker (librdkafka's mock cluster) does not check an idempotent
#            producer's sequence numbers: when an injected error fails one Produce request and
#            the next one, already in flight to the same partition, succeeds, the producer
#            counts the failed batch as delivered ("implicitly acked by subsequent batch
#            success") and the event is lost, where a real broker refuses the gap
#            (OUT_OF_ORDER_SEQUENCE_NUMBER) and the producer resends it. So registration runs
#            here with one request in flight per connection
#            (OCOP_KAFKA_PROP_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION=1): the injected errors then
#            fail requests as a real broker would, not in an order only the mock allows.
#   Checker: writes answer 201 throughout (they wait for no broker); the relay's idempotent
#            producer and the consumer retry on their own: no delivery fails for good
#            (ocop_outbox_delivery_failures_total 0), nothing is lost, each handler runs once
#            per event (ledger), every event is on the topic once, and the topic's metadata
#            shows the last leaders. Recovery: from the last fault until every product arrived.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"
t_init fault_broker_leaders
t_start registration "${T_NO_LIMITS[@]}" OCOP_KAFKA_PROP_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION=1
t_start evaluation
t_settle # every consumer has its partitions before anything is timed or faulted
f_ledger evaluation
P=$(t_new_producer enterprise 2101300004 "Công ty TNHH Sự cố Bốn" 29242)
TOPIC=$T_PREFIX.registration.events
CODES=(6 5 7)

# leaders: "partition leader" of every partition of TOPIC, as the broker's metadata says.
leaders() {
    kcat -L -J -b "$OCOP_KAFKA_BOOTSTRAP" -t "$TOPIC" 2>/dev/null |
        jq -r '.topics[0].partitions[] | "\(.partition) \(.leader)"' | sort
}
answered() { (($(wc -l <"$T_DIR/load" 2>/dev/null || echo 0) >= $1)); }

f_load 30 0.1 "R4 Bưởi" "$P" "$T_DIR/load" &
loader=$!
injected=0
round=0
for after in 5 12 19; do
    t_until 10 answered "$after" || break
    round=$((round + 1))
    code=${CODES[round - 1]}
    ok=1
    for p in 0 1 2; do
        t_broker leader "$TOPIC" "$p" $(((p + round) % 3 + 1)) || ok=0
    done
    { t_broker error 0 "$code" 3 && t_broker error 1 "$code" 3; } || ok=0
    ((ok)) || { kill "$loader"; f_skip "the broker's control channel refused round $round"; }
    injected=$((injected + 1))
done
last_fault=$(f_now_ms)
check_eq "three rounds of leader moves and errors were injected" 3 "$injected"
wait "$loader"
{ t_broker clear 0 && t_broker clear 1; } || fail "the errors left are cleared"
f_load_summary "$T_DIR/load"
check_eq "every write answered 201" 30 "$F_CREATED"
check "every product reaches evaluation" t_until 40 f_arrived "R4 Bưởi" evaluation
recovery=$(($(f_now_ms) - last_fault))
check_eq "the partitions have the leaders of the last round" "0 1
1 2
2 3" "$(leaders)"
check_eq "no delivery failed for good" 0 "$(t_metric registration '^ocop_outbox_delivery_failures_total')"
check_eq "every event is published" 0 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
f_topic_ids registration >"$T_DIR/topic"
check_eq "every event is on the topic once ($(wc -l <"$T_DIR/topic"))" \
    "$(sort -u "$T_DIR/topic" | wc -l)" "$(wc -l <"$T_DIR/topic")"
t_sql registration "SELECT event_id FROM outbox ORDER BY event_id" >"$T_DIR/outbox.ids"
check "every event marked published is on the topic" \
    test -z "$(comm -23 "$T_DIR/outbox.ids" <(sort -u "$T_DIR/topic") | tee "$T_DIR/missing.ids")"
while read -r ev; do # what a loss looks like, for whoever reads the log
    echo "not on the topic: $(t_sql registration "SELECT id, event_id, subject, occurred_at, published_at
        FROM outbox WHERE event_id = '$ev'")"
done <"$T_DIR/missing.ids"
n=$(f_persisted "R4 Bưởi" | wc -l)
check "the ledger saw each product's effect ($n)" test "$(f_ledger_count evaluation)" -ge "$n"
f_result "R4 partition leaders moved 3 times, Produce and Fetch errors 6, 5, 7" "$F_LOAD" \
    "$(f_lost "R4 Bưởi" "$T_DIR/load" evaluation)" "$(f_duplicates evaluation)" "$recovery"
t_done

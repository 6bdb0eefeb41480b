# Helpers of the webhook tests: the node receiver (tests/integration/webhooks)
# and reading what it received.

# wh_receiver_start: starts the receiver in $T_DIR/receiver; sets WH_DIR, WH_PORT, WH_PID.
wh_receiver_start() {
    WH_DIR=$T_DIR/receiver
    mkdir -p "$WH_DIR"
    echo '{}' >"$WH_DIR/secrets.json"
    : >"$WH_DIR/requests.jsonl"
    node "$OCOP_ROOT/tests/integration/webhooks/receiver.js" "$WH_DIR" 2>>"$T_DIR/logs/receiver.log" &
    WH_PID=$!
    T_PIDS[receiver]=$WH_PID
    t_poll 20 test -s "$WH_DIR/port" || { fail "the webhook receiver started"; return 1; }
    WH_PORT=$(cat "$WH_DIR/port")
    WH=http://127.0.0.1:$WH_PORT
}

wh_receiver_stop() { kill "$WH_PID" 2>/dev/null; wait "$WH_PID" 2>/dev/null; }

# wh_secrets JSON: the secrets the receiver verifies with, by name.
wh_secrets() { printf '%s' "$1" >"$WH_DIR/secrets.json"; }

# wh_requests JQ_FILTER: runs the filter over the received requests (slurped).
wh_requests() { jq -s -r "$1" "$WH_DIR/requests.jsonl"; }

# wh_count PATH [TYPE]: requests received on PATH (of CloudEvent type TYPE).
wh_count() {
    wh_requests "[.[] | select(.path == \"$1\") | select(\"${2:-}\" == \"\" or ((.body | fromjson? | .type) == \"${2:-}\"))] | length"
}
wh_has() { [[ $(wh_count "$1" "${3:-}") -ge $2 ]]; }

#!/usr/bin/env bash
# HTTP benchmark against the physical reference: wrk drives the same GET of a
# product and the same POST of a product on registration (token, audit,
# Idempotency-Key, outbox) and on a bare ulfius + libpq server
# (tests/bench/bare) on the same PostgreSQL, one after the other in one run,
# and prints each figure with its ratio to the bare one, and the service's
# resident memory idle and at its peak, and its CPU use while idle. Short by default
# (OCOP_BENCH_SECONDS=5 a point, as in CI); longer by hand, e.g.
#   OCOP_TEST_BUILDS=plain OCOP_BENCH_SECONDS=15 CTEST_ARGS="-R bench.http -V" ./tests/run
# It asserts only that the requests succeeded, never a speed.
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_http
t_start registration "${T_NO_LIMITS[@]}" OCOP_LOG_LEVEL=warn
t_settle # every consumer has its partitions before anything is timed or faulted
R=$(t_url registration)
secs=${OCOP_BENCH_SECONDS:-5}
conns=${OCOP_BENCH_CONNECTIONS:-16}
P=$(t_new_producer enterprise 2101800001 "Công ty TNHH Đo tải" 29242)
for ((i = 0; i < ${OCOP_BENCH_PRODUCTS:-200}; i++)); do t_new_product "$P" "Sản phẩm đo $i" 8; done \
    >"$T_DIR/ids"
check_eq "the products to read exist" "${OCOP_BENCH_PRODUCTS:-200}" "$(grep -c . "$T_DIR/ids")"

# bare_start: starts the bare server on a free port (again on another one, up to 3 times,
# when the port was taken meanwhile by another test's process).
bare_start() {
    local try
    for try in 1 2 3; do
        port=$(ocop_free_port)
        : >"$T_DIR/bare.out"
        "$OCOP_BUILD_DIR/tests/ocop-bench-bare" "$port" \
            "$(ocop_db_url "$T_DB" registration) options=-csearch_path=registration" \
            >"$T_DIR/bare.out" 2>>"$T_DIR/bare.log" &
        BARE=$!
        t_until 10 grep -q listening "$T_DIR/bare.out" && return 0
        kill "$BARE" 2>/dev/null
        wait "$BARE" 2>/dev/null
    done
    cat "$T_DIR/bare.log" >&2
    return 1
}
check "the bare server listens" bare_start
bare=http://127.0.0.1:$port

# point NAME SCRIPT URL AUTH: one wrk run; its JSON line goes to $T_DIR/NAME.json.
point() {
    OCOP_BENCH_LUA=$(dirname "$0")/wrk OCOP_BENCH_IDS=$T_DIR/ids OCOP_BENCH_AUTH=$4 OCOP_BENCH_PRODUCER=$P OCOP_BENCH_RUN=$1-$RANDOM \
        wrk -t2 -c"$conns" -d"${secs}s" --timeout 5s -s "$(dirname "$0")/wrk/$2" "$3" |
        grep '^{' >"$T_DIR/$1.json"
    check "$1: every request answered 2xx" \
        jq -e '.requests > 0 and .socket_errors == 0 and .non_2xx == 0' "$T_DIR/$1.json"
}
# The service's own footprint: resident memory idle, CPU over 5 idle seconds (clock ticks
# of user and system time from /proc), and the high-water mark of memory after the load.
pid=${T_PIDS[registration]}
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
rss_idle_kb=$(kb VmRSS)
t0=$(ticks)
sleep 5
idle_cpu_pct=$(awk -v a="$t0" -v b="$(ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (b - a) / hz / 5 * 100}')
auth="Bearer $T_TOKEN"
point bare_get get.lua "$bare" ""
point service_get get.lua "$R" "$auth"
point bare_post post.lua "$bare" ""
point service_post post.lua "$R" "$auth"
rss_peak_kb=$(kb VmHWM)
kill "$BARE"
wait "$BARE" 2>/dev/null

jq -n --arg secs "$secs" --arg conns "$conns" --argjson rss_idle "$rss_idle_kb" \
    --argjson rss_peak "$rss_peak_kb" --argjson idle_cpu "$idle_cpu_pct" \
    --slurpfile bg "$T_DIR/bare_get.json" --slurpfile sg "$T_DIR/service_get.json" \
    --slurpfile bp "$T_DIR/bare_post.json" --slurpfile sp "$T_DIR/service_post.json" '
    def r(a; b): (a / b * 100 | round) / 100;
    {seconds_per_point: ($secs | tonumber), connections: ($conns | tonumber),
     registration: {rss_idle_kb: $rss_idle, rss_peak_kb: $rss_peak,
                    idle_cpu_percent_of_a_core: $idle_cpu},
     get_product: {bare: $bg[0], service: $sg[0], rps_ratio_to_bare: r($sg[0].rps; $bg[0].rps),
                   p99_ratio_to_bare: r($sg[0].p99_ms; $bg[0].p99_ms)},
     post_product: {bare: $bp[0], service: $sp[0], rps_ratio_to_bare: r($sp[0].rps; $bp[0].rps),
                    p99_ratio_to_bare: r($sp[0].p99_ms; $bp[0].p99_ms)}}' >"$T_DIR/result.json"
cat "$T_DIR/result.json"
t_done

#!/usr/bin/env bash
# Benchmark: what an idle service and the embedded broker cost, at the two fetch waits
# (OCOP_CONSUMER_FETCH_WAIT_MS): 5 ms, which the mock broker needs for low latency, and
# the 500 ms default for Apache Kafka. CPU from /proc (user + system clock ticks) over
# OCOP_BENCH_SECONDS (5 by default) after the service is ready, and its memory: resident
# (shared library pages included), proportional (PSS) and private anonymous.
# Prints the figures; asserts only that the measurements were taken.
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_idle
secs=${OCOP_BENCH_SECONDS:-5}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pct() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v s="$secs" 'BEGIN {printf "%.2f", t / hz / s * 100}'; }
for wait in 5 500; do
    t_start evaluation "${T_NO_LIMITS[@]}" OCOP_LOG_LEVEL=warn OCOP_CONSUMER_FETCH_WAIT_MS=$wait
    pid=${T_PIDS[evaluation]}
    sleep 2
    a=$(ticks "$pid") b=$(ticks "$OCOP_BROKER_PID")
    sleep "$secs"
    a=$(($(ticks "$pid") - a)) b=$(($(ticks "$OCOP_BROKER_PID") - b))
    rss=$(awk '$1 == "VmRSS:" {print $2}' "/proc/$pid/status")
    pss=$(awk '$1 == "Pss:" {print $2}' "/proc/$pid/smaps_rollup")
    anon=$(awk '$1 == "Anonymous:" {print $2}' "/proc/$pid/smaps_rollup")
    check "the idle figures at $wait ms were read" test -n "$rss"
    jq -n --argjson w "$wait" --argjson s "$(pct "$a")" --argjson b "$(pct "$b")" --argjson r "$rss" \
        --argjson p "$pss" --argjson an "$anon" '{fetch_wait_ms: $w, service_cpu_percent_of_a_core: $s, broker_cpu_percent_of_a_core: $b,
          service_rss_kb: $r, service_pss_kb: $p, service_anonymous_kb: $an}' >"$T_DIR/idle.$wait.json"
    t_stop evaluation
done
jq -s '{seconds: '"$secs"', idle: .}' "$T_DIR"/idle.5.json "$T_DIR"/idle.500.json | tee "$T_DIR/result.json"
t_done

#!/usr/bin/env bash
# The certificate expiry scheduler, driven by a clock file (OCOP_CLOCK_FILE)
# that the test moves while the services run: expiry notices at each offset
# (180, 90, 30 days) exactly once, the first one moving valid -> expiring,
# only the latest due notice when several are due (the others skipped),
# expiry the day after expires_on, exactly once across SIGTERM and restarts
# and with two evaluation instances on one database (counted in the outbox
# and on the topic), and registration following the statuses.
source "$(dirname "$0")/lib.sh"
t_init certificate_scheduler
CLOCK=$T_DIR/clock
set_clock() { printf '%s\n' "$1" >"$CLOCK.new" && mv "$CLOCK.new" "$CLOCK"; }
set_clock 2025-01-10
EVAL_ENV=(OCOP_CLOCK_FILE="$CLOCK" OCOP_AGENCY_CODE=TV OCOP_SCHEDULER_INTERVAL_MS=100
    OCOP_CERTIFICATE_NOTICE_DAYS=30,180,90)
t_start registration
t_start evaluation "${EVAL_ENV[@]}"
R=$(t_url registration)
E=$(t_url evaluation)

known() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }
cert() { # cert PRODUCT RULE_SET LEVEL DECISION ISSUED_ON: a 3-star certificate; prints its id
    t_http POST "$E/v1/certificates" "$(printf '{"product_id":"%s","stars":3,"rule_set":"%s","level":"%s","decision_number":"%s","issued_on":"%s"}' "$@")"
    j .id
}
q() { t_sql evaluation "$1"; }
# notices ID: the certificate's notices as offset:sent pairs, largest first.
notices() { q "SELECT coalesce(string_agg(offset_days || ':' || sent, ',' ORDER BY offset_days DESC), '') FROM certificate_notices WHERE certificate_id = '$1'"; }
status_of() { q "SELECT status FROM certificates WHERE id = '$1'"; }
# events TYPE ID: outbox events of type (notice, changed) about certificate ID, as one line.
events() {
    local type=ocop.evaluation.certificate.expiry_notice.v1 member=offset_days
    [[ $1 == changed ]] && type=ocop.evaluation.certificate.status_changed.v1 member=status
    q "SELECT coalesce(string_agg(payload->>'$member', ',' ORDER BY id), '') FROM outbox WHERE event_type = '$type' AND payload->>'certificate_id' = '$2'"
}
is() { [[ $("${@:2}") == "$1" ]]; }
# eval_restart: starts evaluation again on its port, waiting only until it answers. The
# scheduler runs as soon as the migrations are applied; t_start would also wait for the
# consumer's partitions, which a rejoin of the group takes seconds to get, and nothing here
# needs them (a later t_until waits for what the consumer brings).
eval_restart() {
    t_env evaluation
    env OCOP_HTTP_PORT="${T_PORTS[evaluation]}" "${T_ENV[@]}" "${EVAL_ENV[@]}" \
        "$OCOP_BUILD_DIR/services/evaluation/ocop-evaluation" </dev/null 2>>"$T_DIR/logs/evaluation.log" &
    T_PIDS[evaluation]=$!
    t_wait_up "${T_PIDS[evaluation]}" "http://127.0.0.1:${T_PORTS[evaluation]}/health" 60 ||
        fail "evaluation answers again"
}

HTX=$(t_new_producer cooperative 2100300002 "Hợp tác xã Tiến Thành" 29320 2024-03-01)
PA=$(t_new_product "$HTX" "Gạo hữu cơ Long Hòa" 3)
PB=$(t_new_product "$HTX" "Bánh tráng" 6)
PC=$(t_new_product "$HTX" "Chả hoa" 8)
# 30 more for the two instances below, registered now: evaluation restarts on the way without
# waiting for its consumer (eval_restart), and their certificates are not due before 2026-12-05.
PRODUCTS=()
for i in $(seq 1 30); do PRODUCTS+=("$(t_new_product "$HTX" "Sản phẩm $i" 7)"); done
check "evaluation knows the 33 products" t_until 30 known "${PRODUCTS[29]}"

# --- one instance: each offset once, late notices skipped, expiry ------------------------------
A=$(cert "$PA" qd148-2023 district 10/QĐ-UBND 2023-03-15) # in force through 2026-03-15
B=$(cert "$PB" qd148-2023 district 11/QĐ-UBND 2023-06-20) # through 2026-06-20
C=$(cert "$PC" qd1048-2019 province 12/QĐ-UBND 2022-04-05) # through 2025-04-05: 85 days left
MANY=()
for i in $(seq 0 29); do
    MANY+=("$(cert "${PRODUCTS[$i]}" qd148-2023 district "$((200 + i))/QĐ-UBND" 2024-06-03)") # through 2027-06-03
done
check_eq "30 more certificates recorded" 30 "$(q "SELECT count(*) FROM certificates WHERE issued_on = '2024-06-03' AND status = 'valid'")"
check "C, 85 days before its end, gets the 90-day notice; the 180-day one is skipped" \
    t_until 20 is "180:false,90:true" notices "$C"
check_eq "C moved to expiring with one status change and one notice event" "expiring expiring 90" \
    "$(status_of "$C") $(events changed "$C") $(events notice "$C")"
check_eq "the notice says what was skipped and how many days are left" "[180] 85 2025-01-05 2025-01-10" \
    "$(q "SELECT (payload->'skipped_offsets')::text || ' ' || (payload->>'days_left') || ' ' || (payload->>'due_on') || ' ' || (payload->>'sent_on') FROM outbox WHERE event_type = 'ocop.evaluation.certificate.expiry_notice.v1' AND payload->>'certificate_id' = '$C'")"
check_eq "A and B, far from their end, have no notice" "valid valid  " \
    "$(status_of "$A") $(status_of "$B") $(notices "$A") $(notices "$B")"
t_http GET "$E/v1/certificates/$C"
check_eq "the history names the scheduler and the notice" "scheduler schedule notice:90 \"2\"" \
    "$(j '.history[1].actor') $(j '.history[1].cause.type') $(j '.history[1].cause.id') $(t_header ETag)"
reg() { t_http GET "$R/v1/products/$1"; [[ "$(j .ocop.certificate.status) $(j .status) $(j .ocop.stars)" == "$2" ]]; }
check "registration shows C's certificate expiring, the product still certified with 3 stars" \
    t_until 20 reg "$PC" "expiring certified 3"

set_clock 2025-03-06
check "30 days before the end, the 30-day notice" t_until 20 is "180:false,90:true,30:true" notices "$C"
set_clock 2025-04-05
sleep 1
check_eq "on its last day C is still in force, nothing more was sent" "expiring 90,30 expiring" \
    "$(status_of "$C") $(events notice "$C") $(events changed "$C")"
set_clock 2025-04-06
check "the day after, C expires" t_until 20 is expired status_of "$C"
sleep 1
check_eq "once: its events are two notices and two status changes" "90,30 expiring,expired" \
    "$(events notice "$C") $(events changed "$C")"
check "registration shows C's product with an expired certificate" t_until 20 reg "$PC" "expired certificate_expired null"

# --- restarts: nothing sent twice, what fell due while stopped is sent once ---------------------
t_stop evaluation
set_clock 2025-09-16
eval_restart
check "after a restart, A's 180-day notice falls due and is sent" t_until 20 is "180:true" notices "$A"
set_clock 2025-12-22
t_stop evaluation # SIGTERM right after the clock moved: a tick may have run, or not
eval_restart
check "after another restart, B's 180-day notice" t_until 20 is "180:true" notices "$B"
check "and A's 90-day one" t_until 20 is "180:true,90:true" notices "$A"
sleep 1
check_eq "each once, C untouched" "180,90 180 90,30" "$(events notice "$A") $(events notice "$B") $(events notice "$C")"

# --- two instances on one database ---------------------------------------------------------------

# start_second: a second evaluation instance on the same database (its own port and log)
start_second() {
    local port try
    for try in 1 2 3; do
        port=$(ocop_free_port)
        t_env evaluation
        env OCOP_HTTP_PORT="$port" "${T_ENV[@]}" \
            "${EVAL_ENV[@]}" "$OCOP_BUILD_DIR/services/evaluation/ocop-evaluation" </dev/null \
            2>>"$T_DIR/logs/evaluation2.log" &
        T_PIDS[evaluation2]=$!
        t_wait_up "${T_PIDS[evaluation2]}" "http://127.0.0.1:$port/health" 60 && return 0 # as eval_restart
        kill -0 "${T_PIDS[evaluation2]}" 2>/dev/null && break
    done
    return 1
}
check "a second instance starts on the same database" start_second
many_done() { # many_done SQL-CONDITION: all 30 certificates satisfy it
    [[ $(q "SELECT count(*) FROM certificates c WHERE c.issued_on = '2024-06-03' AND $1") == 30 ]]
}
set_clock 2026-12-05
check "with two instances, the 30 certificates get their 180-day notice" \
    t_until 30 many_done "EXISTS (SELECT 1 FROM certificate_notices n WHERE n.certificate_id = c.id AND n.offset_days = 180)"
check "and A and B, past their end, expire" t_until 20 is "expired expired" \
    q "SELECT string_agg(status, ' ' ORDER BY issued_on) FROM certificates WHERE id IN ('$A', '$B')"
set_clock 2027-03-05
check "the 90-day notices" \
    t_until 30 many_done "EXISTS (SELECT 1 FROM certificate_notices n WHERE n.certificate_id = c.id AND n.offset_days = 90)"
set_clock 2027-05-04
t_stop evaluation # one instance stops (SIGTERM) as the 30-day notices fall due
check "the other instance sends the 30-day notices" \
    t_until 30 many_done "EXISTS (SELECT 1 FROM certificate_notices n WHERE n.certificate_id = c.id AND n.offset_days = 30)"
eval_restart
set_clock 2027-06-04
check "both running, the 30 expire the day after their end" t_until 30 many_done "c.status = 'expired'"
sleep 1

# --- exactly once, in the outbox and on the topic -------------------------------------------------
check_eq "outbox: per certificate, each offset's notice once (30 x 180, 90, 30 and A, B, C's)" \
    "95 0" \
    "$(q "SELECT count(*) || ' ' || (count(*) - count(DISTINCT (payload->>'certificate_id', payload->>'offset_days'))) FROM outbox WHERE event_type = 'ocop.evaluation.certificate.expiry_notice.v1'")"
check_eq "outbox: per certificate one move to expiring and one to expired" "33 33 0" \
    "$(q "SELECT count(*) FILTER (WHERE payload->>'status' = 'expiring') || ' ' || count(*) FILTER (WHERE payload->>'status' = 'expired') || ' ' || (count(*) - count(DISTINCT (payload->>'certificate_id', payload->>'status'))) FROM outbox WHERE event_type = 'ocop.evaluation.certificate.status_changed.v1'")"
check_eq "the notice rows agree: 95 sent, 1 skipped (C's 180)" "95 1" \
    "$(q "SELECT count(*) FILTER (WHERE sent) || ' ' || count(*) FILTER (WHERE NOT sent) FROM certificate_notices")"
check_eq "each of the 30 has notices 180, 90, 30 and moves valid, expiring, expired" "30" \
    "$(q "SELECT count(*) FROM certificates c WHERE issued_on = '2024-06-03' AND (SELECT string_agg(payload->>'offset_days', ',' ORDER BY id) FROM outbox WHERE event_type = 'ocop.evaluation.certificate.expiry_notice.v1' AND payload->>'certificate_id' = c.id::text) = '180,90,30' AND (SELECT string_agg((payload->>'from_status') || '>' || (payload->>'status'), ',' ORDER BY id) FROM outbox WHERE event_type = 'ocop.evaluation.certificate.status_changed.v1' AND payload->>'certificate_id' = c.id::text) = 'valid>expiring,expiring>expired'")"
published() { [[ $(q "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
check "the relay published everything" t_until 30 published
kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -o beginning -e -q -J 2>/dev/null |
    jq -c '(.headers as $h | [range(0; $h | length; 2) | {($h[.]): $h[. + 1]}] | add) as $ce
        | {id: $ce.ce_id, type: $ce.ce_type, data: (.payload | fromjson)}' >"$T_DIR/topic.jsonl"
# on_topic TYPE MEMBER: distinct event ids and distinct (certificate_id, MEMBER) of TYPE on the topic
on_topic() {
    jq -rs --arg t "ocop.evaluation.certificate.$1.v1" --arg m "$2" \
        '[.[] | select(.type == $t)] | [([.[].id] | unique | length), ([.[] | [.data.certificate_id, .data[$m]]] | unique | length)] | join(" ")' \
        "$T_DIR/topic.jsonl"
}
check_eq "topic: the 95 notices, each (certificate, offset) under one event id" "95 95" "$(on_topic expiry_notice offset_days)"
check_eq "topic: 66 status changes, each (certificate, status) under one event id" "66 66" "$(on_topic status_changed status)"
check "both instances worked (each logged notices or expiries)" \
    bash -c "grep -q 'expiry notices sent' '$T_DIR/logs/evaluation.log' && grep -q 'expiry notices sent' '$T_DIR/logs/evaluation2.log'"
t_check_events evaluation
check "registration shows the expiry of the 30" t_until 30 reg "${PRODUCTS[29]}" "expired certificate_expired null"
t_done

#!/usr/bin/env bash
# Benchmark: a certificate event to its webhook and to its e-mail. 100
# certificates are recorded and then revoked on the evaluation service; each
# revocation's event (ocop.evaluation.certificate.status_changed.v1) is
# delivered by the notification service to a subscribed receiver (signed
# webhook) and mailed to the producer through the SMTP sink. Times are taken
# from one PostgreSQL clock: the event's row in evaluation's outbox
# (occurred_at, written in the revocation's transaction) to the delivery's
# delivered_at and the message's sent_at. The baseline, in the same run, is the
# same event applied by an ordinary consumer (promotion's inbox processed_at):
# the ratios say what the outward delivery adds to an event's journey. It
# asserts that every event arrived both ways, once; the figures (median, p90,
# worst, in ms, and the medians' ratios to the baseline) are printed and kept in
# .run/tests/tests/bench_notification_latency/result.json. The services run on
# their default poll intervals (webhooks 500 ms, mail 1000 ms).
source "$(dirname "$0")/../integration/lib.sh"
source "$(dirname "$0")/../integration/webhook_lib.sh"
t_init bench_notification_latency
N_CERTS=${OCOP_BENCH_CERTIFICATES:-100}
wh_receiver_start
t_start registration "${T_NO_LIMITS[@]}"
t_start evaluation "${T_NO_LIMITS[@]}"
t_start promotion "${T_NO_LIMITS[@]}"
t_smtp_start
t_start notification "${T_NO_LIMITS[@]}" "${T_MAIL_ENV[@]}" OCOP_MAIL_POLL_MS=1000 \
    OCOP_WEBHOOK_ALLOW_ADDRESSES=127.0.0.1
t_settle # every consumer has its partitions before anything is timed or faulted
R=$(t_url registration)
E=$(t_url evaluation)
N=$(t_url notification)

t_http POST "$R/v1/producers" '{"type":"cooperative","identifier":"2101500001","name":"Hợp tác xã Đo thời gian","representative":"Nguyễn Văn An","commune_code":"29242","email":"htx-do-thoi-gian@example.com"}'
P=$(j .id)
t_http POST "$N/v1/subscriptions" "{\"url\":\"$WH/ok\",\"event_types\":[\"ocop.evaluation.certificate.status_changed.v1\"]}"
check_eq "the receiver is subscribed to certificate status changes" 201 "$T_STATUS"
SUB=$(j .id)

products=()
for ((i = 0; i < N_CERTS; i++)); do products+=("$(t_new_product "$P" "Sản phẩm đo $i" 7)"); done
known() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }
check "evaluation knows the $N_CERTS products" t_until 60 known "${products[-1]}"
certs=()
for p in "${products[@]}"; do
    t_http POST "$E/v1/certificates" "{\"product_id\":\"$p\",\"stars\":3,\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"1/QĐ-UBND\",\"issued_on\":\"2025-10-01\"}"
    [[ $T_STATUS == 201 ]] && certs+=("$(j .id)")
done
check_eq "$N_CERTS certificates recorded" "$N_CERTS" "${#certs[@]}"
revoked=0
for c in "${certs[@]}"; do
    t_http POST "$E/v1/certificates/$c/revocation" \
        '{"grounds":"food_safety_failure","decision_number":"2/QĐ-UBND","decided_on":"2025-11-01"}' 'If-Match: "1"'
    [[ $T_STATUS == 200 ]] && revoked=$((revoked + 1))
    sleep 0.05 # an event every ~60 ms, not a burst: the time of one event, not a queue's
done
check_eq "$N_CERTS certificates revoked" "$N_CERTS" "$revoked"

changed="SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'"
mailed="SELECT count(*) FROM mail_messages WHERE kind = 'certificate-revoked' AND status = 'sent'"
arrived() { [[ $(t_sql notification "$changed") -ge $N_CERTS && $(t_sql notification "$mailed") -ge $N_CERTS ]]; }
check "every revocation was delivered as a webhook and mailed" t_until 120 arrived
check_eq "each event once: deliveries and messages" "$N_CERTS $N_CERTS" \
    "$(t_sql notification "$changed") $(t_sql notification "$mailed")"
check_eq "each message in the sink once" "$N_CERTS" \
    "$(grep -l 'Subject:' "$T_MAIL_DIR"/*.eml 2>/dev/null | wc -l)"

t_sql evaluation "SELECT event_id, extract(epoch FROM occurred_at) FROM outbox WHERE event_type = 'ocop.evaluation.certificate.status_changed.v1'" >"$T_DIR/emitted"
t_sql notification "SELECT event_id, extract(epoch FROM delivered_at) FROM webhook_deliveries WHERE status = 'delivered'" >"$T_DIR/webhooks"
t_sql notification "SELECT event_id, extract(epoch FROM sent_at) FROM mail_messages WHERE status = 'sent'" >"$T_DIR/mails"
baseline() { [[ $(t_sql promotion "SELECT count(*) FROM inbox WHERE event_type = 'ocop.evaluation.certificate.status_changed.v1'") -ge $N_CERTS ]]; }
check "promotion applied every revocation too (the baseline)" t_until 60 baseline
t_sql promotion "SELECT event_id, extract(epoch FROM processed_at) FROM inbox WHERE event_type = 'ocop.evaluation.certificate.status_changed.v1'" >"$T_DIR/baseline"
python3 - "$T_DIR" >"$T_DIR/result.json" <<'PY'
import json, statistics, sys
d = sys.argv[1]
def read(name):
    return {row.split("|")[0]: float(row.split("|")[1]) for row in open(f"{d}/{name}") if "|" in row}
emitted, out = read("emitted"), {"events": 0}
for name in ("baseline", "webhooks", "mails"):
    ms = sorted((t - emitted[e]) * 1000 for e, t in read(name).items() if e in emitted)
    out["events"] = len(ms)
    out[name] = {"median_ms": round(statistics.median(ms), 1), "p90_ms": round(ms[int(len(ms) * 0.9) - 1], 1),
                 "worst_ms": round(ms[-1], 1), "best_ms": round(ms[0], 1)}
base = max(out["baseline"]["median_ms"], 0.1)
out["ratio_webhook_to_baseline"] = round(out["webhooks"]["median_ms"] / base, 2)
out["ratio_mail_to_baseline"] = round(out["mails"]["median_ms"] / base, 2)
print(json.dumps(out))
PY
check "the figures were computed" test -s "$T_DIR/result.json"
cat "$T_DIR/result.json"
t_smtp_stop
t_stop notification
t_done

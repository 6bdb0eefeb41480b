#!/usr/bin/env bash
# Events are trusted only from their owner: a certificate event (evaluation's)
# forged on promotion's topic, one on evaluation's topic with promotion as its
# source, and one dated an hour ahead all change nothing and are dead-lettered
# with their reason; the same event from its owner, dated now, is applied.
source "$(dirname "$0")/lib.sh"
t_init event_trust
t_start registration
R=$(t_url registration)
P=$(t_new_producer cooperative 2101600001 "HTX Dừa sáp Cầu Kè" 29320 2024-03-01)
PR=$(t_new_product "$P" "Dừa sáp Cầu Kè" 1)

# forge TOPIC_SERVICE SOURCE TIME ID: a certificate.issued event for PR.
forge() {
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$1.events" -k "$PR" \
        -H ce_specversion=1.0 -H "ce_id=$4" -H "ce_source=$2" \
        -H ce_type=ocop.evaluation.certificate.issued.v1 -H "ce_subject=$PR" -H "ce_time=$3" \
        -H content-type=application/json <<<"{\"certificate_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"number\":\"TV-OCOP-2026-0999\",\"product_id\":\"$PR\",\"stars\":5,\"status\":\"valid\",\"issued_on\":\"2026-11-20\",\"expires_on\":\"2029-11-20\"}"
}
now() { date -u -d "${1:-now}" +%Y-%m-%dT%H:%M:%S.%6NZ; }
outcome() { t_sql registration "SELECT outcome || ' ' || coalesce(reason, '') FROM inbox WHERE event_id = '$1'"; }
settled() { [[ -n $(outcome "$1") ]]; }

forge promotion /ocop/evaluation "$(now)" forged-topic
forge evaluation /ocop/promotion "$(now)" forged-source
forge evaluation /ocop/evaluation "$(now '+1 hour')" forged-future
for id in forged-topic forged-source forged-future; do
    check "$id is settled" t_until 20 settled "$id"
done
check "on the wrong topic: dead-lettered, saying why" \
    grep -q '^dead_lettered .*another topic' <<<"$(outcome forged-topic)"
check "with another service as its source: dead-lettered, saying why" \
    grep -q '^dead_lettered .*ce_source' <<<"$(outcome forged-source)"
check "dated in the future: dead-lettered, saying why" \
    grep -q '^dead_lettered .*future' <<<"$(outcome forged-future)"
t_http GET "$R/v1/products/$PR"
check_eq "none of them gave the product a certificate" "registered null" "$(j .status) $(j .ocop.stars)"
dlq=$(kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.registration.dlq" -o beginning -e -q -J 2>/dev/null | wc -l)
check_eq "all three are on the dead-letter topic" 3 "$dlq"

forge evaluation /ocop/evaluation "$(now)" genuine
check "the owner's event, dated now, is applied" t_until 20 settled genuine
check_eq "and applied" "applied " "$(outcome genuine)"
t_http GET "$R/v1/products/$PR"
check_eq "the product shows the certificate" "certified 5" "$(j .status) $(j .ocop.stars)"

# A sender cannot make metric series: 20 event types that registration does not consume
# are counted under one label, type="other".
before=$(t_metric registration 'ocop_events_consumed_total\{type="other",outcome="ignored"\}')
for i in $(seq 1 20); do
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.evaluation.events" -k "$PR" \
        -H ce_specversion=1.0 -H "ce_id=unknown-$i" -H ce_source=/ocop/evaluation \
        -H "ce_type=ocop.evaluation.made-up-$i.v1" -H "ce_subject=$PR" -H "ce_time=$(now)" \
        -H content-type=application/json <<<'{}'
done
counted() { (($(t_metric registration 'ocop_events_consumed_total\{type="other",outcome="ignored"\}') - before >= 20)); }
check "20 unknown event types are counted under type=\"other\"" t_until 20 counted
check_eq "none of them is a label" 0 "$(curl -s "$R/metrics" | grep -c 'made-up')"
check "no series was dropped" grep -qx 'ocop_metrics_series_dropped_total 0' <(curl -s "$R/metrics")
t_done

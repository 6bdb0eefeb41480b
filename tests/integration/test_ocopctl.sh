#!/usr/bin/env bash
# ocopctl, the operator's tool, against running services: status shows the
# outbox backlog while the broker is down and a stopped consumer's lag; dead
# letters are listed with their reason, one is redriven once its cause is
# fixed (applied once, a second redrive refused) and one discarded; the
# notification read model, corrupted, is rebuilt from the topics while events
# keep arriving, to exactly the rows it had; the audit chain is checked (a
# tampered row found); and every action left its audit row.
source "$(dirname "$0")/lib.sh"
t_init ocopctl
t_start registration
t_start notification OCOP_CONSUMER_MAX_RETRIES=2 OCOP_CONSUMER_RETRY_MS=50

# ctl SERVICE ARGS...: ocopctl on SERVICE with the service's own settings; prints its output.
ctl() {
    local svc=$1
    shift
    t_env "$svc"
    env "${T_ENV[@]}" "$OCOP_BUILD_DIR/services/tools/ocopctl" "$@" --service "$svc" \
        --actor tester 2>>"$T_DIR/logs/ocopctl.log"
}

P=$(t_new_producer cooperative 2100900001 "Hợp tác xã Chôm chôm Cầu Kè" 29302)
products=()
for i in 1 2 3; do products+=("$(t_new_product "$P" "Chôm chôm sấy lô $i" 1)"); done
knows() { [[ $(t_sql notification "SELECT count(*) FROM products WHERE product_id IN ($(printf "'%s'," "$@" | sed 's/,$//'))") == "$#" ]]; }
check "notification knows the first products" t_until 30 knows "${products[@]}"

# --- status: the outbox backlog while the broker is down, a stopped consumer's lag -----------
check "the broker is taken down" t_broker down all
t_new_product "$P" "Chôm chôm sấy khi Kafka vắng" 1 >/dev/null
out=$(ctl registration status --json)
check_eq "status says the broker did not answer (exit 1)" 1 "$?"
check_eq "and shows the unpublished event in the outbox" 1 "$(jq -r .outbox_unpublished <<<"$out")"
check "the broker comes back" t_broker up all
drained() { [[ $(ctl registration status --json | jq -r .outbox_unpublished) == 0 ]]; }
check "the backlog drains; status says so" t_until 30 drained

t_stop notification
for i in 4 5 6; do products+=("$(t_new_product "$P" "Chôm chôm sấy lô $i" 1)"); done
published() { [[ $(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]]; }
t_until 30 published
out=$(ctl notification status)
check_eq "status exits 0 with the broker up" 0 "$?"
lag=$(ctl notification status --json | jq -r .lag_total)
check "the stopped consumer's lag counts the 3 events it has not read ($lag)" test "$lag" -ge 3
check "the human status names the group and the registration topic" \
    grep -q "consumer lag of group $T_PREFIX-notification: [1-9]" <<<"$out"
t_start notification OCOP_CONSUMER_MAX_RETRIES=2 OCOP_CONSUMER_RETRY_MS=50
no_lag() { [[ $(ctl notification status --json | jq -r .lag_total) == 0 ]]; }
check "the lag falls to 0 once it consumes again" t_until 30 no_lag

# --- dead letters ------------------------------------------------------------------------------
cert() { # cert ID NUMBER STARS: a certificate issued event's data
    printf '{"certificate_id":"%s","number":"%s","product_id":"%s","product_code":"OCOP-TV-2025-00001","stars":%s,"status":"valid","rule_set":"qd1489-2025","level":"province","decision_number":"1/QĐ-UBND","issued_on":"2025-01-01","expires_on":"2028-01-01","version":1,"result_id":null,"application_id":null,"supersedes":null,"issued_at":"2025-01-01T02:00:00Z","actor":"test-officer"}' \
        "$1" "$2" "${products[0]}" "$3"
}
# A stray row left by a faulty manual fix holds number 21/TV-2025, so the real certificate's
# event cannot be kept (the number is unique): it is dead-lettered until the row is removed.
stray=$(cat /proc/sys/kernel/random/uuid)
t_sql notification "INSERT INTO certificates (certificate_id, number, product_id, product_code, stars, status, rule_set, level, decision_number, issued_on, expires_on, version)
    VALUES ('$stray', '21/TV-2025', '${products[0]}', 'X', 3, 'valid', 'x', 'province', 'x', '2025-01-01', '2028-01-01', 1)" >/dev/null
CID=$(cat /proc/sys/kernel/random/uuid)
t_event evaluation ocop.evaluation.certificate.issued.v1 "${products[0]}" "$(cert "$CID" 21/TV-2025 4)"
# And a contract-breaking one (7 stars), which no fix will make right.
t_event evaluation ocop.evaluation.certificate.issued.v1 "${products[0]}" \
    "$(cert "$(cat /proc/sys/kernel/random/uuid)" 22/TV-2025 7)"
two_letters() { [[ $(ctl notification dead-letters list --json | jq '.dead_letters | length') == 2 ]]; }
check "both land on notification's dead-letter topic" t_until 30 two_letters
list=$(ctl notification dead-letters list --json)
check_eq "list exits 0" 0 "$?"
dup=$(jq -r '.dead_letters[] | select(.reason | test("number|unique|refused|duplicate|conflict"; "i")) | "\(.partition):\(.offset)"' <<<"$list" | head -1)
bad=$(jq -r '.dead_letters[] | select(.reason | test("stars")) | "\(.partition):\(.offset)"' <<<"$list" | head -1)
check "the conflicting certificate is listed with its reason ($dup)" test -n "$dup"
check "the 7-star one is listed with its reason ($bad)" test -n "$bad"
check "each names its original topic, type and id" jq -e --arg t "$T_PREFIX.evaluation.events" \
    '[.dead_letters[] | select(.topic == $t and .type == "ocop.evaluation.certificate.issued.v1" and (.id | length) == 36 and .handled == null)] | length == 2' \
    <<<"$list"
out=$(ctl notification dead-letters list)
check "the human list shows the reason" grep -q "reason: .*stars" <<<"$out"

t_sql notification "DELETE FROM certificates WHERE certificate_id = '$stray'" >/dev/null
out=$(ctl notification dead-letters redrive --offset "$dup" --reason "stray row 21/TV-2025 removed")
check_eq "redrive after the cause is fixed exits 0 ($out)" 0 "$?"
kept() { [[ $(t_sql notification "SELECT count(*) FROM certificates WHERE certificate_id = '$CID' AND number = '21/TV-2025'") == 1 ]]; }
check "the redriven certificate reaches the read model" t_until 30 kept
check_eq "applied once: its event is in the inbox once, as applied" "applied" \
    "$(t_sql notification "SELECT string_agg(outcome, ',') FROM inbox WHERE event_id = (SELECT event_id FROM operator_actions WHERE action = 'redrive')")"
out=$(ctl notification dead-letters redrive --offset "$dup" --reason "again")
check_eq "a second redrive of the same letter is refused (exit 1)" 1 "$?"
check "saying why" grep -q "already handled" <<<"$out"
out=$(ctl notification dead-letters discard --offset "$bad" --reason "evaluation sent 7 stars; fixed at the source")
check_eq "discard exits 0" 0 "$?"
ctl notification dead-letters discard --offset "$bad" --reason "again" >/dev/null
check_eq "a second discard is refused" 1 "$?"
out=$(ctl notification dead-letters redrive --all --reason "nothing left")
check_eq "redrive --all with every letter handled does nothing and exits 0" 0 "$?"
check_eq "the list shows both handled" "discard redrive" \
    "$(ctl notification dead-letters list --json | jq -r '[.dead_letters[].handled] | sort | join(" ")')"
check "the human list says who handled it and why" grep -q \
    "handled: redrive by ocopctl:tester on .*: stray row 21/TV-2025 removed" \
    <<<"$(ctl notification dead-letters list)"
ctl notification dead-letters discard --offset 0:999999 --reason "no such letter" >/dev/null
check_eq "a letter that is not there is refused" 1 "$?"

# --- rebuild of notification's read model while events keep arriving -------------------------
dump() { t_sql notification "SELECT 'producer', producer_id, type, public_name, commune_code, version FROM producers ORDER BY 2;
    SELECT 'product', product_id, code, name, producer_id, sector, commune_code, status, version FROM products ORDER BY 2;
    SELECT 'certificate', certificate_id, number, product_id, product_code, stars, status, rule_set, level, decision_number, issued_on, expires_on, version, reason, change_decision, changed_on FROM certificates ORDER BY 2"; }
dump >"$T_DIR/before"
check "the read model has rows to rebuild ($(wc -l <"$T_DIR/before"))" test "$(wc -l <"$T_DIR/before")" -ge 9
t_sql notification "DELETE FROM products WHERE product_id IN ('${products[1]}', '${products[2]}');
    UPDATE certificates SET status = 'revoked', stars = 5; DELETE FROM producers" >/dev/null
check "the read model is corrupted" test "$(dump | md5sum)" != "$(md5sum <"$T_DIR/before")"
(for i in $(seq 1 12); do t_new_product "$P" "Chôm chôm trong lúc dựng lại $i" 1; sleep 0.1; done) \
    >"$T_DIR/during" &
writer=$!
sleep 0.3
# The pause between the replay and the swap lets the service apply events the replay has not
# read; the catch-up under the tables' lock must keep them.
t_env notification
out=$(env "${T_ENV[@]}" OCOPCTL_TEST_PAUSE_MS=1500 "$OCOP_BUILD_DIR/services/tools/ocopctl" \
    rebuild --service notification --model read-model --reason "rows deleted by mistake" \
    --actor tester 2>>"$T_DIR/logs/ocopctl.log")
check_eq "rebuild exits 0 ($out)" 0 "$?"
check "events the service applied during the pause were caught up under the lock" \
    grep -Eq "\(([1-9][0-9]*) of them while the tables were locked\)" <<<"$out"
wait "$writer"
mapfile -t during <"$T_DIR/during"
check "the products registered during the rebuild are all kept" t_until 30 knows "${during[@]}"
grep -v -F -f <(grep . "$T_DIR/during") <(dump) >"$T_DIR/after"
check "the rebuilt read model holds exactly the rows it had" diff "$T_DIR/before" "$T_DIR/after"
ctl notification rebuild --model catalogue >/dev/null
check_eq "an unknown model is a usage error" 2 "$?"

# --- audit -------------------------------------------------------------------------------------
check_eq "every action left its audit row (done 200, refused 409)" \
    "dead-letters discard 200|dead-letters discard 409|dead-letters redrive 200|dead-letters redrive 409|rebuild 200" \
    "$(t_sql notification "SELECT string_agg(route || ' ' || status, '|' ORDER BY route, status) FROM audit_log WHERE subject = 'ocopctl:tester' AND method = 'OCOPCTL'")"
check_eq "and its reason in operator_actions" "rows deleted by mistake" \
    "$(t_sql notification "SELECT reason FROM operator_actions WHERE action = 'rebuild'")"
out=$(ctl notification audit verify)
check_eq "audit verify passes ($out)" 0 "$?"
target=$(t_sql notification "SELECT min(id) FROM audit_log WHERE method = 'OCOPCTL'")
t_psql_admin -d "$T_DB" -c "SET session_replication_role = replica;
    UPDATE notification.audit_log SET object_id = 'something else' WHERE id = $target" >/dev/null
out=$(ctl notification audit verify --json)
check_eq "audit verify finds the tampered row (exit 1)" 1 "$?"
check_eq "and names it" "$target" "$(jq -r .broken_at <<<"$out")"
t_done

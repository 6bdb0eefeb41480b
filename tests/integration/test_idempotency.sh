#!/usr/bin/env bash
# Idempotency-Keys belong to their caller and do not live for ever: the same
# key and body from another subject creates its own resource instead of
# replaying the first caller's response; a key older than
# OCOP_IDEMPOTENCY_TTL_S counts as unused; expired keys are purged.
source "$(dirname "$0")/lib.sh"
t_init idempotency
t_start registration
R=$(t_url registration)
P=$(t_new_producer enterprise 2101700001 "Công ty TNHH Khóa Lặp" 29242)
A="Authorization: Bearer $(t_token province_officer --sub officer-a)"
B="Authorization: Bearer $(t_token province_officer --sub officer-b)"
body="{\"producer_id\":\"$P\",\"name\":\"Bánh pía\",\"criteria_set\":8}"
post() { t_http POST "$R/v1/products" "$body" "$1" 'Idempotency-Key: same-key-1'; }

post "$A"
first=$(j .id)
check_eq "officer A creates with the key" 201 "$T_STATUS"
post "$A"
check_eq "A's retry is replayed" "201 true $first" \
    "$T_STATUS $(t_header Idempotent-Replayed) $(j .id)"
post "$B"
check_eq "officer B with the same key and body creates its own, not A's replay" "201 false" \
    "$T_STATUS $([[ $(j .id) == "$first" ]] && echo true || echo false)"
check_eq "and is not marked as a replay" "" "$(t_header Idempotent-Replayed)"
second=$(j .id)
post "$B"
check_eq "B's retry replays B's own" "true $second" "$(t_header Idempotent-Replayed) $(j .id)"

# A's key, a day and more old, is past the TTL (24 h by default): it counts as unused.
t_psql_admin -d "$T_DB" -c "UPDATE registration.idempotency_keys SET created_at = now() - interval '25 hours'
    WHERE subject = 'officer-a'" >/dev/null
post "$A"
check_eq "a key past its TTL creates anew" "201 false" \
    "$T_STATUS $([[ $(j .id) == "$first" ]] && echo true || echo false)"

# Expired keys are purged (at most once a minute, the first time at a service's first write).
t_psql_admin -d "$T_DB" -c "UPDATE registration.idempotency_keys SET created_at = now() - interval '25 hours'
    WHERE subject = 'officer-b'" >/dev/null
t_stop registration
t_start registration
R=$(t_url registration)
t_new_producer enterprise 2101700002 "Công ty TNHH Sau Khởi Động" 29242 >/dev/null
check_eq "after a restart, the first write purged B's expired key" 0 \
    "$(t_sql registration "SELECT count(*) FROM idempotency_keys WHERE subject = 'officer-b'")"
check_eq "and kept A's live one" 1 \
    "$(t_sql registration "SELECT count(*) FROM idempotency_keys WHERE subject = 'officer-a'")"
t_done

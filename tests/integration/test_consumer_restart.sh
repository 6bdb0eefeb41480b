#!/usr/bin/env bash
# A consumer service that is down misses nothing: products posted meanwhile
# reach it when it restarts. A registration stopped under load answers every
# request it accepted and loses none of its 201s.
source "$(dirname "$0")/lib.sh"
t_init consumer_restart
t_start registration
t_start evaluation
t_start promotion
t_settle # every consumer has its partitions before anything is timed or faulted
R=$(t_url registration)
P=$(t_new_producer enterprise 2100900001 "Công ty TNHH Gạo Tiến Thành" 29410)
first=$(t_new_product "$P" "Gạo hữu cơ Long Hòa" 3)
t_wait_status "$(t_url promotion)/v1/products/$first" 200 10 >/dev/null

t_stop promotion
ids=()
for i in 1 2 3; do ids+=("$(t_new_product "$P" "Gạo thơm loại $i" 3)"); done
t_wait_status "$(t_url evaluation)/v1/products/${ids[2]}" 200 10 >/dev/null
t_start promotion
for id in "${ids[@]}"; do
    ms=$(t_wait_status "$(t_url promotion)/v1/products/$id" 200 30)
    check "a product posted while promotion was down reaches it after restart (${ms:-never} ms)" test -n "$ms"
done
check_eq "promotion applied each event once" 0 \
    "$(t_sql promotion "SELECT count(*) - count(DISTINCT event_id) FROM inbox")"

# SIGTERM under load: every request gets an answer; every 201 is persisted.
out=$T_DIR/load
mkdir -p "$out"
loaders=()
for i in $(seq 1 40); do
    curl -s -o "$out/$i.json" -w '%{http_code}' --max-time 10 -X POST \
        -H 'Content-Type: application/json' -H "Authorization: Bearer $T_TOKEN" \
        --data-binary "{\"producer_id\":\"$P\",\"name\":\"Gạo tải $i\",\"criteria_set\":3}" \
        "$R/v1/products" >"$out/$i.code" 2>/dev/null &
    loaders+=($!)
done
sleep 0.05
t_stop registration
wait "${loaders[@]}"
created=0 bad=0
for i in $(seq 1 40); do
    code=$(cat "$out/$i.code")
    case $code in
    201) created=$((created + 1)) ;;
    503 | 000) ;;
    *) bad=$((bad + 1)) ;;
    esac
done
check_eq "no request got anything but 201, 503 or a refused connection" 0 "$bad"
persisted=$(t_sql registration "SELECT count(*) FROM products WHERE name LIKE 'Gạo tải %'")
check_eq "every 201 is persisted ($created created)" "$created" "$persisted"
check_eq "every persisted product has its event" 0 "$(t_sql registration \
    "SELECT count(*) FROM products p WHERE name LIKE 'Gạo tải %' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.subject = p.id::text)")"
t_start registration
for ((i = 0; i < 100; i++)); do
    [[ $(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0 ]] && break
    sleep 0.1
done
check_eq "after restart every event is published" 0 \
    "$(t_sql registration "SELECT count(*) FROM outbox WHERE published_at IS NULL")"
t_done

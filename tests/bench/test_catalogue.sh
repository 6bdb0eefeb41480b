#!/usr/bin/env bash
# Benchmark: a catalogue page of 20 at 1 k and at 100 k products promotion
# knows (a third of them promotable), as the ratio of the two in one run;
# the target is that a page costs about the same whatever the size of the
# registry. Products and certificates are loaded straight into promotion's
# tables (the standing triggers are set aside while loading and the kept
# standing worked out once after). It asserts only that every page answered
# 200 with 20 items. OCOP_BENCH_CATALOGUE_LARGE sets the larger size.
source "$(dirname "$0")/../integration/lib.sh"
t_init bench_catalogue
t_start promotion "${T_NO_LIMITS[@]}" OCOP_LOG_LEVEL=warn
t_settle # every consumer has its partitions before anything is timed or faulted
C=$(t_url promotion)
secs=${OCOP_BENCH_SECONDS:-5}

# load FROM TO: products FROM..TO-1, every third one with a valid 3-5 star certificate.
load() {
    t_sql promotion "
        ALTER TABLE products DISABLE TRIGGER USER;
        ALTER TABLE certificates DISABLE TRIGGER USER;
        INSERT INTO products (product_id, code, name, name_search, producer_id, producer_type,
                              producer_public_name, sector, criteria_set, commune_code, version,
                              source_event_id)
        SELECT md5('p' || i)::uuid, 'OCOP-TV-BENCH-' || i, 'Sản phẩm ' || i, 'san pham ' || i,
               md5('r' || (i % 500))::uuid, 'enterprise', 'Công ty ' || (i % 500), 'I', 1 + i % 26,
               '29242', 1, 'bench-' || i
          FROM generate_series($1, $2 - 1) i;
        INSERT INTO certificates (certificate_id, product_id, number, status, stars, issued_on,
                                  expires_on, event_time, event_id, in_force_since)
        SELECT 'c' || i, md5('p' || i)::uuid, 'TV-CN-' || i, 'valid', 3 + i % 3,
               current_date - 30, current_date + 900, now(), 'bench-c' || i, now()
          FROM generate_series($1, $2 - 1) i WHERE i % 3 = 0;
        ALTER TABLE products ENABLE TRIGGER USER;
        ALTER TABLE certificates ENABLE TRIGGER USER;
        TRUNCATE product_standing;
        INSERT INTO product_standing SELECT * FROM product_standing_live;
        ANALYZE products; ANALYZE certificates; ANALYZE product_standing;" >/dev/null
}

# point NAME: wrk on the first page of the catalogue; its JSON line goes to $T_DIR/NAME.json.
point() {
    t_http GET "$C/v1/catalogue?limit=20"
    check_eq "$1: a page of 20" "200 20" "$T_STATUS $(j '.items | length')"
    OCOP_BENCH_LUA=$(dirname "$0")/wrk wrk -t2 -c8 -d"${secs}s" --timeout 5s \
        -s "$(dirname "$0")/wrk/page.lua" "$C/v1/catalogue?limit=20" | grep '^{' >"$T_DIR/$1.json"
    check "$1: every request answered 2xx" \
        jq -e '.requests > 0 and .socket_errors == 0 and .non_2xx == 0' "$T_DIR/$1.json"
}
large=${OCOP_BENCH_CATALOGUE_LARGE:-100000}
load 0 1000
point small
load 1000 "$large"
check_eq "promotion holds $large products" "$large" "$(t_sql promotion 'SELECT count(*) FROM products')"
point large
jq -n --argjson n "$large" --slurpfile s "$T_DIR/small.json" --slurpfile l "$T_DIR/large.json" '
    {catalogue_page_of_20: {products_1000: $s[0], ("products_" + ($n | tostring)): $l[0],
     rps_ratio_large_to_small: ((($l[0].rps / $s[0].rps) * 100 | round) / 100),
     p50_ratio_large_to_small: ((($l[0].p50_ms / $s[0].p50_ms) * 100 | round) / 100)}}' \
    >"$T_DIR/result.json"
cat "$T_DIR/result.json"
t_done

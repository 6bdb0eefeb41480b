#!/usr/bin/env bash
# Hostile paths, query strings and headers, on every service: an id with an
# encoded NUL, a trailing or doubled slash, invalid UTF-8 in a query filter,
# a 100 KB header and a known path asked with the wrong method are answered
# problem+json (404, 400, 431, 405 with Allow), never with a silently
# different resource or query. Also: a 422 lists at most 50 errors, and
# responses to a token are Cache-Control: no-store.
source "$(dirname "$0")/lib.sh"
t_init hostile_paths
t_start registration
t_start evaluation
t_start promotion
R=$(t_url registration)
P=$(t_new_producer enterprise 2101900001 "Công ty TNHH Đường Dẫn" 29242)
t_new_producer enterprise 2101900002 "Hợp tác xã Bến Tre" 29242 >/dev/null
PR=$(t_new_product "$P" "Mật hoa dừa")
for svc in evaluation promotion; do
    t_wait_status "$(t_url "$svc")/v1/products/$PR" 200 10 >/dev/null ||
        fail "the product reached $svc"
done

# raw METHOD URL [CURL ARGS...]: sets T_STATUS, T_BODY, T_HEADERS_TEXT without normalising the path.
raw() {
    local method=$1 url=$2 h
    shift 2
    h=$(mktemp)
    T_BODY=$(curl -s --path-as-is -X "$method" -D "$h" --max-time 10 -H "$(t_bearer)" "$@" "$url")
    T_STATUS=$(head -1 "$h" | awk '{print $2}')
    T_HEADERS_TEXT=$(tr -d '\r' <"$h")
    rm -f "$h"
}
problem() { [[ $(t_header Content-Type) == application/problem+json* && $(j .status) == "$T_STATUS" ]]; }

for svc in registration evaluation promotion; do
    U=$(t_url "$svc")
    raw GET "$U/v1/products/$PR"
    check_eq "$svc: the product itself is 200" 200 "$T_STATUS"
    for tail in '%00' '%00junk' '/' '%0a'; do
        raw GET "$U/v1/products/$PR$tail"
        check_eq "$svc: /v1/products/{id}$tail is 404, not the product" 404 "$T_STATUS"
        check "$svc: ... as problem+json" problem
    done
    raw GET "$U/v1//products/$PR"
    check_eq "$svc: a doubled slash is 404" 404 "$T_STATUS"
    raw GET "$U//v1/products/$PR"
    check_eq "$svc: a leading doubled slash is 404" 404 "$T_STATUS"
    raw GET "$U/v1/products/%C3%28"
    check_eq "$svc: an id of invalid UTF-8 is 404" 404 "$T_STATUS"
    raw DELETE "$U/v1/products/$PR"
    check_eq "$svc: DELETE on a known path is 405 problem+json" "405 true" \
        "$T_STATUS $(problem && echo true)"
    allow=GET
    [[ $svc == registration ]] && allow="GET, PATCH"
    check_eq "$svc: ... with Allow" "$allow" "$(t_header Allow)"
    check "$svc: ... and X-Request-Id" test -n "$(t_header X-Request-Id)"
    raw PUT "$U/health"
    check_eq "$svc: PUT /health is 405 with Allow: GET" "405 GET" "$T_STATUS $(t_header Allow)"
    raw GET "$U/v1/no-such-thing"
    check_eq "$svc: an unknown path is still 404 problem+json" "404 true" \
        "$T_STATUS $(problem && echo true)"
    raw GET "$U/v1/products/$PR?x=%FF"
    check_eq "$svc: an invalid UTF-8 query parameter is 400, naming it" "400 x" \
        "$T_STATUS $(j '.errors[0].field')"
    big=$(head -c 100000 /dev/zero | tr '\0' a)
    raw GET "$U/health" -H "X-Big: $big" -H 'X-Request-Id: big-header-1'
    check_eq "$svc: a 100 KB header is 431 problem+json with the X-Request-Id" \
        "431 true big-header-1" "$T_STATUS $(problem && echo true) $(t_header X-Request-Id)"
done
raw POST "$R/v1/products"
check_eq "registration: the products list still takes POST (415 without a JSON body)" 415 "$T_STATUS"
raw PATCH "$R/v1/products"
check_eq "registration: PATCH on the products list is 405 with both methods" "405 POST, GET" \
    "$T_STATUS $(t_header Allow)"

# Query filters that are not UTF-8 text are refused, not dropped (which listed everything).
raw GET "$R/v1/producers?q=%C3%28"
check_eq "producers?q= of invalid UTF-8 is 400 problem+json naming q" "400 true q" \
    "$T_STATUS $(problem && echo true) $(j '.errors[0].field')"
raw GET "$R/v1/producers?q=B%E1%BA%BFn%00Tre"
check_eq "producers?q= with an encoded NUL is 400" 400 "$T_STATUS"
raw GET "$R/v1/producers?q=B%E1%BA%BFn"
check_eq "producers?q=Bến finds only the one producer" "200 1" "$T_STATUS $(j '.items | length')"
raw GET "$R/v1/admin-units?name=%FF%FE"
check_eq "admin-units?name= of invalid UTF-8 is 400" 400 "$T_STATUS"
raw GET "$(t_url promotion)/v1/catalogue?q=%80"
check_eq "promotion's catalogue?q= of invalid UTF-8 is 400" 400 "$T_STATUS"

# A 422 lists at most 50 errors and says how many more there were.
body=$(jq -cn '[range(0; 300) | {key: "unknown_\(.)", value: .}] | from_entries')
t_http POST "$R/v1/products" "$body"
check_eq "300 unknown fields: 422 with 50 errors listed" "422 50" "$T_STATUS $(j '.errors | length')"
check "... and errors_omitted counts the rest" test "$(j .errors_omitted)" -ge 250

# Cache-Control: no-store on what a token let the caller see; public answers stay cacheable.
t_http GET "$R/v1/products/$PR"
check_eq "a private read is Cache-Control: no-store" "no-store" "$(t_header Cache-Control)"
T_TOKEN= t_http GET "$R/v1/products/$PR"
check_eq "a refused anonymous read too" "401 no-store" "$T_STATUS $(t_header Cache-Control)"
T_TOKEN= t_http GET "$(t_url promotion)/v1/products/$PR"
check_eq "a public read without a token is not no-store" "200 " "$T_STATUS $(t_header Cache-Control)"
t_done

#!/usr/bin/env bash
# Identity at the door of every service: the authorisation matrix generated
# from the OpenAPI documents (every /v1 operation x no token, ten kinds of
# bad token, each role), the 401 and 403 answers themselves, tokens in the
# query string, Keycloak-style roles, the verified-token cache, and a service
# that refuses to start without its keys or with a route table that differs
# from its document.
source "$(dirname "$0")/lib.sh"
t_init authorization
# The matrix sends 1620 requests in seconds from 127.0.0.1: over the default per-address limit.
t_start registration "${T_NO_LIMITS[@]}"
t_start evaluation "${T_NO_LIMITS[@]}"
t_start promotion "${T_NO_LIMITS[@]}"
t_start notification "${T_NO_LIMITS[@]}"
R=$(t_url registration)

# --- the matrix -------------------------------------------------------------------------
tokens=$T_DIR/tokens.json
{
    printf '{"expired":"%s",' "$(t_token admin --exp-offset -3600)"
    printf '"not_yet_valid":"%s",' "$(t_token admin --nbf-offset 3600)"
    printf '"wrong_issuer":"%s",' "$(t_token admin --iss https://idp.example.invalid/realms/other)"
    printf '"wrong_audience":"%s",' "$(t_token admin --aud another-platform)"
    printf '"bad_signature":"%s",' "$(t_token admin --forge bad-signature)"
    printf '"alg_none":"%s",' "$(t_token admin --forge none)"
    printf '"embedded_jwk":"%s",' "$(t_token admin --forge embedded-jwk)"
    printf '"hs256_public_key":"%s",' "$(t_token admin --forge hs256)"
    printf '"jku_header":"%s",' "$(t_token admin --forge jku)"
    printf '"x5u_header":"%s",' "$(t_token admin --forge x5u)"
    printf '"keycloak_province_officer":"%s"' "$(t_token province_officer --keycloak)"
    for role in province_officer commune_officer council_member inspector trade_officer producer \
        portal admin; do
        printf ',"%s":"%s"' "$role" "$(t_token "$role" --sub "matrix-$role" --commune 29242)"
    done
    printf '}\n'
} >"$tokens"
# The forged jku and x5u headers point at 127.0.0.1:9: a listener there counts
# whether any service tried to fetch a key from a token's header.
python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 9)); s.listen(16); s.settimeout(120); n = 0
open(sys.argv[1], "w").write("listening\n")
try:
    while True:
        c, _ = s.accept(); n += 1; c.close(); open(sys.argv[1], "w").write(f"{n}\n")
except OSError:
    pass
' "$T_DIR/fetches" &
LISTENER=$!
t_until 5 grep -q listening "$T_DIR/fetches" || echo "could not listen on 127.0.0.1:9" >&2
python3 "$(dirname "$0")/authz_matrix.py" "$tokens" "registration=$R" \
    "evaluation=$(t_url evaluation)" "promotion=$(t_url promotion)" \
    "notification=$(t_url notification)" >"$T_DIR/matrix.txt"
status=$?
grep -v '^VIOLATION' "$T_DIR/matrix.txt"
grep '^VIOLATION' "$T_DIR/matrix.txt" | head -40
check_eq "every cell of the authorisation matrix is as the OpenAPI x-roles say" 0 "$status"
check "the matrix covered every operation of the four documents" \
    grep -qE 'authorisation matrix: [0-9]{2,} operations' "$T_DIR/matrix.txt"
check_eq "no service fetched a key named by a token (jku, x5u)" listening "$(cat "$T_DIR/fetches")"
kill "$LISTENER" 2>/dev/null

# --- the answers themselves ---------------------------------------------------------------
T_TOKEN= t_http GET "$R/v1/products"
check_eq "no token: 401 problem+json" "401 application/problem+json UNAUTHORIZED" \
    "$T_STATUS $(t_header Content-Type) $(j .code)"
check "with a Bearer challenge naming invalid_token" \
    grep -q 'error="invalid_token"' <<<"$(t_header WWW-Authenticate)"
t_http GET "$R/v1/products" '' "Authorization: Bearer $(t_token admin --exp-offset -3600)"
check_eq "an expired token: 401 saying so" "401 true" \
    "$T_STATUS $(j .detail | grep -q expired && echo true)"
t_http GET "$R/v1/products" '' "Authorization: Basic YWRtaW46YWRtaW4="
check_eq "Basic credentials: 401" 401 "$T_STATUS"
t_http GET "$R/v1/statistics" '' "Authorization: Bearer $(t_token producer)"
check_eq "a role the operation does not list: 403 naming the roles" "403 FORBIDDEN true" \
    "$T_STATUS $(j .code) $(j .detail | grep -q province_officer && echo true)"
check "with error=\"insufficient_scope\"" \
    grep -q 'error="insufficient_scope"' <<<"$(t_header WWW-Authenticate)"
T_TOKEN= t_http GET "$R/v1/products?access_token=$(t_token admin)"
check_eq "a token in the query string is refused" "400 invalid_request" \
    "$T_STATUS $(t_header WWW-Authenticate | grep -o 'invalid_request')"
t_http GET "$R/v1/products?access_token=x"
check_eq "even beside a good header" 400 "$T_STATUS"
t_http GET "$R/v1/products" '' "Authorization: Bearer $(t_token admin --keycloak)"
check_eq "roles in Keycloak's realm_access.roles are read" 200 "$T_STATUS"
t_http GET "$R/v1/products" '' "Authorization: Bearer $(t_token offline_access uma_authorization)"
check_eq "a token with only unknown roles is refused (403)" 403 "$T_STATUS"
T_TOKEN= t_http GET "$(t_url promotion)/v1/catalogue"
check_eq "a public operation needs no token" 200 "$T_STATUS"
t_http GET "$(t_url promotion)/v1/catalogue" '' "Authorization: Bearer $(t_token admin --forge none)"
check_eq "but a bad token on it is still refused" 401 "$T_STATUS"
T_TOKEN= t_http GET "$R/health"
check_eq "liveness needs no token" 200 "$T_STATUS"

# --- the cache: a token verified once is served from it until it expires ---------------
short=$(t_token admin --exp-offset -57 --sub cache-check) # valid 3 s more with the 60 s skew
t_http GET "$R/v1/products" '' "Authorization: Bearer $short"
check_eq "a short-lived token works" 200 "$T_STATUS"
sleep 4
t_http GET "$R/v1/products" '' "Authorization: Bearer $short"
check_eq "and is refused once expired, cached or not" 401 "$T_STATUS"

# --- start-up refusals ----------------------------------------------------------------------
start_fails() { # start_fails LOG VAR=VALUE...: the service exits 1 and LOG names why
    local log=$T_DIR/$1.log
    shift
    t_env registration
    env OCOP_HTTP_PORT="$(ocop_free_port)" "${T_ENV[@]}" "$@" \
        timeout 20 "$OCOP_BUILD_DIR/services/registration/ocop-registration" </dev/null 2>"$log"
}
start_fails nokeys OCOP_AUTH_JWKS_FILE=
check_eq "no JWKS: the service refuses to start" 1 "$?"
check "and says so" grep -q 'OCOP_AUTH_JWKS_FILE' "$T_DIR/nokeys.log"
echo '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}' >"$T_DIR/oct.json"
start_fails octkeys OCOP_AUTH_JWKS_FILE="$T_DIR/oct.json"
check_eq "a JWKS of only a shared secret: refused" 1 "$?"
mkdir -p "$T_DIR/schemas/openapi"
cp -r "$OCOP_ROOT/schemas/sql" "$OCOP_ROOT/schemas/reference" "$T_DIR/schemas/"
jq '.paths["/v1/statistics"].get["x-roles"] += ["producer"]' \
    "$OCOP_ROOT/schemas/openapi/registration.json" >"$T_DIR/schemas/openapi/registration.json"
start_fails drift OCOP_SCHEMA_DIR="$T_DIR/schemas"
check_eq "a route table that differs from the document's x-roles: refused" 1 "$?"
check "naming the route" grep -q '/v1/statistics' "$T_DIR/drift.log"
t_done

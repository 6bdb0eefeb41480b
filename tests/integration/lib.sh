# Harness of the integration tests: each test gets its own database, its own
# embedded broker and topics, and runs the services as real processes from
# the build under test. Source it, call t_init NAME, use t_start / t_stop and
# the checks, end with t_done (prints "N passed, N failed").
#
# Needs from tests/run (or the caller): OCOP_TEST_RUN (run folder with the
# PostgreSQL secrets), OCOP_PG_PORT, OCOP_PG_SOCKDIR, PGPASSFILE, and from
# CTest: OCOP_BUILD_DIR.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/local/lib.sh"

T_PASSED=0
T_FAILED=0
declare -A T_PIDS=() T_PORTS=()

for v in OCOP_TEST_RUN OCOP_PG_PORT OCOP_PG_SOCKDIR PGPASSFILE OCOP_BUILD_DIR; do
    [[ -n ${!v:-} ]] || { echo "missing $v: run the suite with ./tests/run" >&2; exit 1; }
done

# Each result line carries the seconds since the test began, so a slow test's log shows where
# its time goes.
T_T0=${EPOCHREALTIME/[.,]/}
t_elapsed() { local now=${EPOCHREALTIME/[.,]/}; printf '%6.1fs' "$(((now - T_T0) / 100000))e-1"; }
pass() { T_PASSED=$((T_PASSED + 1)); printf 'ok   %s %s\n' "$(t_elapsed)" "$1"; }
fail() { T_FAILED=$((T_FAILED + 1)); printf 'FAIL %s %s\n' "$(t_elapsed)" "$1"; }

# check DESC COMMAND...: passes when COMMAND succeeds.
check() {
    t_settle
    local desc=$1
    shift
    if "$@"; then pass "$desc"; else fail "$desc"; fi
}

# check_eq DESC EXPECTED ACTUAL
check_eq() {
    t_settle
    if [[ $2 == "$3" ]]; then pass "$1"; else fail "$1: expected '$2', got '$3'"; fi
}

# t_init NAME: a fresh database ocop_t_NAME, a broker and topics for this test.
t_init() {
    T_NAME=$1
    T_DIR=$OCOP_TEST_RUN/tests/$T_NAME
    T_DB=ocop_t_$T_NAME
    T_PREFIX=t$RANDOM.$T_NAME
    rm -rf "$T_DIR"
    mkdir -p "$T_DIR/logs"
    t_drop_db
    ocop_db_create "$OCOP_TEST_RUN" "$T_DB"
    ocop_broker_start "$T_DIR" "$OCOP_BUILD_DIR" "$T_PREFIX"
    T_BROKER_PID=$OCOP_BROKER_PID
    trap t_cleanup EXIT
    t_auth_init
}

# The test identity provider: one signing key per run ($OCOP_TEST_RUN/auth), the
# services pin its JWKS; T_TOKEN (exported, for the Python benchmarks as
# OCOP_TEST_TOKEN too) holds every role, so t_http passes every route's role check.
T_ISSUER=http://127.0.0.1/ocop-test-idp
T_AUDIENCE=ocop-platform
t_auth_init() {
    T_AUTH_DIR=$OCOP_TEST_RUN/auth
    mkdir -p "$T_AUTH_DIR"
    (
        flock 9
        ASAN_OPTIONS=detect_leaks=0 "$OCOP_BUILD_DIR/services/tools/ocop-token" keygen "$T_AUTH_DIR"
    ) 9>"$OCOP_TEST_RUN/auth.lock" || { echo "could not make the test signing key" >&2; exit 1; }
    T_TOKEN=$(t_token province_officer commune_officer council_member inspector trade_officer \
        producer portal admin --sub test-officer --ttl 7200)
    export T_TOKEN OCOP_TEST_TOKEN=$T_TOKEN
}

# t_token [ROLE...] [--sub S] [--commune CODE] [--producer UUID]... [--member UUID]...
#         [--ttl S] [--exp-offset S] [--nbf-offset S] [--keycloak] [--forge KIND]
#         [--iss ISS] [--aud AUD]: prints an access token signed by the test key.
t_token() {
    local args=() iss=$T_ISSUER aud=$T_AUDIENCE
    while (($#)); do
        case $1 in
        --keycloak) args+=("$1"); shift ;;
        --iss) iss=$2; shift 2 ;;
        --aud) aud=$2; shift 2 ;;
        --*) args+=("$1" "$2"); shift 2 ;;
        *) args+=(--role "$1"); shift ;;
        esac
    done
    ASAN_OPTIONS=detect_leaks=0 "$OCOP_BUILD_DIR/services/tools/ocop-token" mint \
        --key "$T_AUTH_DIR/signing-key.json" \
        --iss "$iss" --aud "$aud" "${args[@]}"
}

# t_bearer: the Authorization header of T_TOKEN, for plain curl calls (-H "$(t_bearer)").
t_bearer() { printf 'Authorization: Bearer %s' "$T_TOKEN"; }

t_cleanup() {
    local svc
    for svc in "${!T_PIDS[@]}"; do
        kill -KILL "${T_PIDS[$svc]}" 2>/dev/null
    done
    [[ -n ${T_BROKER_PID:-} ]] && ocop_stop_pid "$T_BROKER_PID" 5
    t_drop_db 2>/dev/null
}

# Drops this test's database, under the lock that database creation takes:
# creation revokes rights on every database, which races with a drop.
t_drop_db() {
    (
        flock 9
        t_psql_admin -c "DROP DATABASE IF EXISTS $T_DB WITH (FORCE)" >/dev/null
    ) 9>"$OCOP_TEST_RUN/db.lock"
}

# psql as the cluster superuser (peer authentication over the socket).
t_psql_admin() {
    (cd /tmp && runuser -u postgres -- psql -X -q -h "$OCOP_PG_SOCKDIR" -p "$OCOP_PG_PORT" \
        -d postgres -v ON_ERROR_STOP=1 "$@")
}

# t_sql SERVICE SQL: runs SQL as the service's role in the test database; prints rows.
t_sql() {
    t_settle
    psql -X -q -At -v ON_ERROR_STOP=1 "$(ocop_db_url "$T_DB" "$1") options=-csearch_path=$1" \
        -c "$2"
}

# t_wait_up PID URL SECONDS: 0 once URL answers 200; 1 as soon as PID has exited, or when
# time runs out (a service that could not bind its port is retried at once).
t_wait_up() {
    local pid=$1 url=$2 secs=$3 i
    for ((i = 0; i < secs * 10; i++)); do
        curl -fs -o /dev/null --max-time 2 "$url" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# t_env SERVICE: sets the array T_ENV to the settings t_start gives SERVICE, all but
# its port, for a test that starts a service by hand:
#   t_env registration; env OCOP_HTTP_PORT=$port "${T_ENV[@]}" OCOP_X=y ocop-registration
# (a later VAR=VALUE overrides an earlier one).
t_env() {
    T_ENV=(OCOP_DATABASE_URL="$(ocop_db_url "$T_DB" "$1")" OCOP_KAFKA_BOOTSTRAP="$OCOP_KAFKA_BOOTSTRAP"
        OCOP_TOPIC_PREFIX="$T_PREFIX" OCOP_SCHEMA_DIR="$OCOP_ROOT/schemas" OCOP_LOG_LEVEL=info
        OCOP_SHUTDOWN_GRACE_MS=5000 OCOP_AUTH_JWKS_FILE="$T_AUTH_DIR/jwks.json"
        OCOP_AUTH_ISSUER="$T_ISSUER" OCOP_AUTH_AUDIENCE="$T_AUDIENCE")
}

# Settings for benchmarks and tests that drive a service far above one caller's limits
# (t_start SVC "${T_NO_LIMITS[@]}"): thousands of requests a second from 127.0.0.1 with one
# token, up to 64+ connections, which the default rate limits and per-address share refuse.
T_NO_LIMITS=(OCOP_RATE_LIMIT_ADDRESS_PER_S=0 OCOP_RATE_LIMIT_SUBJECT_PER_S=0
    OCOP_HTTP_MAX_CONNECTIONS_PER_IP=256)

# t_consumer_assigned PORT: 0 once /ready says the consumer has its partitions.
t_consumer_assigned() {
    [[ $(curl -s --max-time 2 "http://127.0.0.1:$1/ready" | jq -r .checks.consumer) == true ]]
}

# t_settle: waits until the consumer of every service started since the last call has its
# partitions. A consumer group's first join waits 3 s in the embedded broker (librdkafka's
# mock cluster, group.initial.rebalance.delay.ms): t_start does not wait for it, so services
# started one after another join together, and every other helper (check, t_http, t_sql,
# t_until, t_event, t_stop, t_done ...) settles first. Call it before timing anything.
T_PENDING=()
t_settle() {
    local svc pending=("${T_PENDING[@]}")
    T_PENDING=()
    for svc in "${pending[@]}"; do
        t_poll 60 t_consumer_assigned "${T_PORTS[$svc]}" || fail "$svc's consumer got its partitions"
    done
}

# t_start SERVICE [VAR=VALUE...]: starts a service on a free port and waits until it serves
# (its consumer's partitions are awaited by t_settle).
# A port taken between choosing and binding it (other tests run in parallel)
# is retried on another port.
t_start() {
    local svc=$1 try
    shift
    for try in 1 2 3; do
        local port=${T_PORTS[$svc]:-$(ocop_free_port)}
        T_PORTS[$svc]=$port
        t_env "$svc"
        env OCOP_HTTP_PORT="$port" "${T_ENV[@]}" \
            "$@" "$OCOP_BUILD_DIR/services/$svc/ocop-$svc" </dev/null \
            2>>"$T_DIR/logs/$svc.log" &
        T_PIDS[$svc]=$!
        if t_wait_up "${T_PIDS[$svc]}" "http://127.0.0.1:$port/ready" 60; then
            T_PENDING+=("$svc") # its consumer's partitions are awaited by t_settle
            return 0
        fi
        if ! kill -0 "${T_PIDS[$svc]}" 2>/dev/null &&
            tail -3 "$T_DIR/logs/$svc.log" | grep -q "could not listen on 127.0.0.1:$port"; then
            wait "${T_PIDS[$svc]}" 2>/dev/null
            unset "T_PORTS[$svc]"
            continue
        fi
        break
    done
    fail "$svc became ready"
    tail -20 "$T_DIR/logs/$svc.log"
    return 1
}

# t_stop SERVICE: SIGTERM; checks a clean exit (status 0; under ASan also no leaks).
t_stop() {
    t_settle
    local svc=$1 status
    ocop_stop_pid "${T_PIDS[$svc]}" 30
    status=$?
    unset "T_PIDS[$svc]"
    check_eq "$svc exits 0 on SIGTERM" 0 "$status"
    if ((status != 0)); then tail -30 "$T_DIR/logs/$svc.log"; fi
}

# t_url SERVICE: base URL of a started service.
t_url() { printf 'http://127.0.0.1:%s' "${T_PORTS[$1]}"; }

# t_http METHOD URL [BODY [HEADER...]]: sets T_STATUS, T_BODY and T_HEADERS. Sends
# T_TOKEN as the bearer token unless a header "Authorization: ..." is given or
# T_TOKEN is empty (T_TOKEN= t_http ... calls anonymously).
t_http() {
    t_settle
    local method=$1 url=$2 body=${3:-} args=() h auth=${T_TOKEN:+1}
    shift 3 2>/dev/null || shift $#
    for h in "$@"; do
        args+=(-H "$h")
        [[ ${h,,} == authorization:* ]] && auth=
    done
    [[ -n $auth ]] && args+=(-H "Authorization: Bearer $T_TOKEN")
    if [[ -n $body ]]; then
        args+=(-H 'Content-Type: application/json' --data-binary "$body")
    fi
    T_HEADERS=$(mktemp)
    T_BODY=$(curl -s -X "$method" -D "$T_HEADERS" --max-time 10 "${args[@]}" "$url")
    T_STATUS=$(head -1 "$T_HEADERS" | awk '{print $2}')
    T_HEADERS_TEXT=$(tr -d '\r' <"$T_HEADERS")
    rm -f "$T_HEADERS"
    # Every answered write is noted (port, request id) for t_check_audit.
    if [[ $method != GET && -n $T_STATUS ]]; then
        printf '%s %s\n' "$(sed -E 's|^http://[^:]+:([0-9]+)/.*|\1|' <<<"$url")" \
            "$(t_header X-Request-Id)" >>"$T_DIR/writes"
    fi
}

# t_check_audit: every write sent through t_http so far left its row in the audit
# trail of the service that answered it (matched by request id).
t_check_audit() {
    local svc port missing=0 total=0 id p
    for svc in "${!T_PORTS[@]}"; do
        port=${T_PORTS[$svc]}
        t_sql "$svc" "SELECT request_id FROM audit_log" | sort >"$T_DIR/audit.$svc"
        while read -r p id; do
            [[ $p == "$port" ]] || continue
            total=$((total + 1))
            grep -qxF "$id" "$T_DIR/audit.$svc" || missing=$((missing + 1))
        done <"$T_DIR/writes"
    done
    check_eq "every one of the $total writes of this test left its audit row" 0 "$missing"
}

# t_header NAME: a header of the last t_http response.
t_header() { grep -i "^$1:" <<<"$T_HEADERS_TEXT" | head -1 | cut -d' ' -f2-; }

# j FILTER: jq on the last body.
j() { jq -r "$1" <<<"$T_BODY"; }

# Small helpers every script may use (a script may define its own of the same name).
uuid() { cat /proc/sys/kernel/random/uuid; }
# day EXPR: the date (YYYY-MM-DD) that date(1)'s EXPR names in Vietnam's time zone ("+10 days").
day() { TZ=Asia/Ho_Chi_Minh date -d "$1" +%F; }
# fields: the sorted, comma-joined fields of the last answer's errors.
fields() { j '[.errors[].field] | sort | join(",")'; }
# code_of FIELD: the code of the last answer's first error on FIELD.
code_of() { j "[.errors[] | select(.field == \"$1\") | .code][0]"; }

# t_wait_status URL CODE SECONDS: polls until URL answers CODE; prints elapsed ms.
t_wait_status() {
    t_settle
    local url=$1 code=$2 secs=$3 t0 now
    t0=$(date +%s%N)
    while :; do
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "$(t_bearer)" "$url") == "$code" ]] && break
        now=$(date +%s%N)
        (((now - t0) / 1000000 > secs * 1000)) && return 1
        sleep 0.02
    done
    echo $((($(date +%s%N) - t0) / 1000000))
}

# t_broker COMMAND: sends a control command to this test's broker and waits for its answer.
t_broker() {
    local before i
    before=$(wc -l <"$OCOP_BROKER_OUT")
    echo "$*" >"$OCOP_BROKER_CONTROL"
    for ((i = 0; i < 100; i++)); do
        (($(wc -l <"$OCOP_BROKER_OUT") > before)) && break
        sleep 0.05
    done
    tail -n +"$((before + 1))" "$OCOP_BROKER_OUT" | head -1 | grep -q '^ok '
}

# t_metric SERVICE PATTERN: sum of the /metrics samples whose line matches PATTERN.
t_metric() {
    curl -s "$(t_url "$1")/metrics" | grep -v '^#' | grep -E "$2" |
        awk '{s += $NF} END {printf "%d\n", s}'
}

# t_done: prints the count line and exits with the result.
t_done() {
    t_settle
    local svc
    for svc in "${!T_PIDS[@]}"; do t_stop "$svc"; done
    echo "$T_PASSED passed, $T_FAILED failed"
    ((T_FAILED == 0 && T_PASSED > 0))
    exit $?
}

# Fixtures used by several tests.

# t_new_producer TYPE IDENTIFIER NAME [COMMUNE [REGISTERED_ON]]: registers a producer; prints
# its id. A legacy commune (abolished on 2025-07-01) needs a REGISTERED_ON before that day.
t_new_producer() {
    t_http POST "$(t_url registration)/v1/producers" \
        "{\"type\":\"$1\",\"identifier\":\"$2\",\"name\":\"$3\",\"representative\":\"Nguyễn Văn An\",\"commune_code\":\"${4:-29242}\"${5:+,\"registered_on\":\"$5\"}}"
    j .id
}

# t_new_product PRODUCER NAME [CRITERIA_SET]: registers a product; prints its id.
t_new_product() {
    t_http POST "$(t_url registration)/v1/products" \
        "{\"producer_id\":\"$1\",\"name\":\"$2\",\"criteria_set\":${3:-7}}"
    j .id
}

# t_event SERVICE TYPE SUBJECT DATA [TIME]: publishes a CloudEvent as SERVICE would,
# straight onto its topic (for events whose producer is not built yet, or for faults).
t_event() {
    t_settle
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$1.events" -k "$3" \
        -H ce_specversion=1.0 -H "ce_id=$(cat /proc/sys/kernel/random/uuid)" \
        -H "ce_source=/ocop/$1" -H "ce_type=$2" -H "ce_subject=$3" \
        -H "ce_time=${5:-$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)}" -H content-type=application/json \
        <<<"$4"
}

# t_until SECONDS COMMAND...: retries COMMAND every 0.1 s until it succeeds or time runs out.
t_until() {
    t_settle
    t_poll "$@"
}

# t_poll SECONDS COMMAND...: as t_until, without settling (for the harness's own waits).
t_poll() {
    local secs=$1 i
    shift
    for ((i = 0; i < secs * 10; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

# t_check_events SERVICE: every event on SERVICE's topic validates against its JSON Schema.
t_check_events() {
    kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$1.events" -o beginning -e -q -J \
        2>/dev/null | jq -c '(.headers as $h | [range(0; $h | length; 2) | {($h[.]): $h[. + 1]}]
            | add) as $ce | {type: $ce.ce_type, data: (.payload | fromjson)}' \
        >"$T_DIR/$1.events.jsonl"
    check "every event on $1's topic ($(wc -l <"$T_DIR/$1.events.jsonl")) validates against its schema" \
        python3 "$OCOP_ROOT/tests/integration/check_schemas.py" --events "$T_DIR/$1.events.jsonl"
}

# ---- e-mail (the notification service's mail) -----------------------------

# t_smtp_start [PORT]: starts the SMTP sink (deploy/local/smtp-sink), which keeps every
# message as a .eml file in T_MAIL_DIR ($T_DIR/mail), on PORT or a free port (T_SMTP_PORT),
# and sets T_MAIL_ENV, the settings to give t_start notification (the sink, registration's
# URL and a service token minted for ocop-notification, quick retries). Start registration
# first. The sink is stopped by t_smtp_stop or at the end of the test (t_done).
t_smtp_start() {
    T_MAIL_DIR=$T_DIR/mail
    mkdir -p "$T_MAIL_DIR"
    rm -f "$T_DIR/smtp.port"
    /usr/bin/python3 "$OCOP_ROOT/deploy/local/smtp-sink" --dir "$T_MAIL_DIR" \
        --port "${1:-${T_SMTP_PORT:-0}}" --port-file "$T_DIR/smtp.port" </dev/null \
        >>"$T_DIR/logs/smtp.log" 2>&1 &
    T_PIDS[smtp]=$!
    t_poll 20 test -s "$T_DIR/smtp.port" || { fail "the SMTP sink started"; return 1; }
    T_SMTP_PORT=$(cat "$T_DIR/smtp.port")
    [[ -s $T_DIR/notification.token ]] ||
        t_token province_officer --sub ocop-notification --ttl 7200 >"$T_DIR/notification.token"
    T_MAIL_ENV=(OCOP_SMTP_URL="smtp://127.0.0.1:$T_SMTP_PORT" OCOP_SMTP_FROM=ocop@test.invalid
        OCOP_REGISTRATION_URL="$(t_url registration)"
        OCOP_NOTIFICATION_TOKEN_FILE="$T_DIR/notification.token" OCOP_SMTP_TIMEOUT_MS=5000
        OCOP_MAIL_POLL_MS=200 OCOP_MAIL_RETRY_BASE_MS=300 OCOP_MAIL_RETRY_MAX_MS=2000)
}

# t_smtp_stop: stops the sink (its messages stay in T_MAIL_DIR).
t_smtp_stop() {
    ocop_stop_pid "${T_PIDS[smtp]}" 10
    unset "T_PIDS[smtp]"
}

# t_mails: one JSON line per message in the sink: {to, subject, types, text, html,
# message_id, date} (subject and parts decoded).
t_mails() { /usr/bin/python3 "$OCOP_ROOT/tests/integration/mail_read.py" "$T_MAIL_DIR"; }

# t_event_as CE_ID SERVICE TYPE SUBJECT DATA: as t_event, with a given ce_id (a replay).
t_event_as() {
    kcat -P -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$2.events" -k "$4" \
        -H ce_specversion=1.0 -H "ce_id=$1" -H "ce_source=/ocop/$2" -H "ce_type=$3" \
        -H "ce_subject=$4" -H "ce_time=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)" \
        -H content-type=application/json <<<"$5"
}

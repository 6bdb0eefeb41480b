# shellcheck shell=bash disable=SC2034  # F_* are read by the sourcing test
# Helpers of the fault suite (tests/integration/test_fault_*.sh, CTest label "fault"):
# a bounded write load, an effect ledger, the loss and duplicate checker, and the
# one-line result each test prints. Source it after lib.sh and t_init.
#
# The checker, for a load of products POSTed to registration:
#   lost        products registration answered 201 for that are not in its table, plus
#               products in its table (201 or not: a request cut off by the fault may
#               still have committed) missing from a consumer's read model at the end
#   duplicates  effects applied twice: the ledger (f_ledger) records every write a
#               consumer's product handler makes, committed with it, so one event id
#               recorded twice for one consumer is one duplicate effect
# A test that cannot inject its fault exits 77, which CTest reports as skipped.

F_RESULTS=${OCOP_TEST_RUN:-/tmp}/fault-results.tsv

# f_skip REASON: reports the test skipped (never passed) and exits 77.
f_skip() {
    echo "SKIPPED: $*"
    printf '%s\t%s\tskipped\t%s\n' "$(date -u +%FT%TZ)" "$T_NAME" "$*" >>"$F_RESULTS"
    exit 77
}

# f_build_has OPTION: 0 when the build under test was configured with OPTION on.
f_build_has() { grep -q "^$1:BOOL=ON" "$OCOP_BUILD_DIR/CMakeCache.txt" 2>/dev/null; }

# f_need_failpoints: skips the test when the build has no failpoints compiled in.
f_need_failpoints() {
    f_build_has OCOP_TEST_FAILPOINTS ||
        f_skip "this build has no failpoints (configure with -DOCOP_TEST_FAILPOINTS=ON, as tests/run does)"
}

f_now_ms() { date +%s%3N; }

# f_ledger SERVICE...: from now on every write of SERVICE's product handler (evaluation:
# products.last_event_id, promotion: products.source_event_id) is recorded in
# public.fault_effects. A BEFORE INSERT trigger fires for INSERT ... ON CONFLICT too, so a
# handler that ran again for an event it had applied is recorded even when its upsert
# changes nothing. Call it after the services have migrated their schemas.
f_ledger() {
    local svc col sql="CREATE TABLE IF NOT EXISTS public.fault_effects (service text NOT NULL,
        product_id uuid NOT NULL, event_id text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
    CREATE OR REPLACE FUNCTION public.fault_effect() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = pg_catalog, public AS \$\$
    BEGIN
        INSERT INTO public.fault_effects (service, product_id, event_id)
            VALUES (TG_TABLE_SCHEMA, NEW.product_id, to_jsonb(NEW) ->> TG_ARGV[0]);
        RETURN NEW;
    END \$\$;"
    for svc in "$@"; do
        case $svc in
        evaluation) col=last_event_id ;;
        promotion) col=source_event_id ;;
        *) echo "f_ledger: no ledger for $svc" >&2; return 1 ;;
        esac
        t_until 20 f_table_exists "$svc.products" || { echo "f_ledger: no table $svc.products" >&2; return 1; }
        sql+="CREATE TRIGGER fault_effect BEFORE INSERT ON $svc.products FOR EACH ROW
            EXECUTE FUNCTION public.fault_effect('$col');"
    done
    t_psql_admin -d "$T_DB" -c "$sql" >/dev/null
}

# f_table_exists SCHEMA.TABLE: 0 when the table exists in the test database.
f_table_exists() {
    [[ $(t_psql_admin -d "$T_DB" -At -c "SELECT to_regclass('$1') IS NOT NULL") == t ]]
}

# f_load N GAP_S TAG PRODUCER OUT: POSTs N products named "TAG i" one after another,
# GAP_S seconds apart (a steady, modest rate), each with 5 s to answer; writes one line
# per request to OUT: "i code seconds id sent_ms". Refused connections are code 000.
f_load() {
    local n=$1 gap=$2 tag=$3 producer=$4 out=$5 i resp code secs id url sent
    url=$(t_url registration)/v1/products
    : >"$out"
    for ((i = 1; i <= n; i++)); do
        sent=$(f_now_ms)
        resp=$(curl -s -w '\n%{http_code} %{time_total}' --max-time 5 -X POST \
            -H 'Content-Type: application/json' -H "$(t_bearer)" \
            --data-binary "{\"producer_id\":\"$producer\",\"name\":\"$tag $i\",\"criteria_set\":3}" \
            "$url" 2>/dev/null)
        read -r code secs <<<"$(tail -1 <<<"$resp")"
        id=-
        [[ $code == 201 ]] && id=$(head -n -1 <<<"$resp" | jq -r '.id // "-"' 2>/dev/null)
        echo "$i ${code:-000} ${secs:-0} $id $sent" >>"$out"
        sleep "$gap"
    done
}

# f_load_summary OUT: sets F_LOAD to "N sent: C 201, R refused or 5xx, O other", and F_SENT
# F_CREATED F_REFUSED F_OTHER.
f_load_summary() {
    F_SENT=$(wc -l <"$1")
    F_CREATED=$(awk '$2 == 201' "$1" | wc -l)
    F_REFUSED=$(awk '$2 == "000" || $2 ~ /^5/' "$1" | wc -l)
    F_OTHER=$((F_SENT - F_CREATED - F_REFUSED))
    F_LOAD="$F_SENT sent: $F_CREATED 201, $F_REFUSED refused or 5xx, $F_OTHER other"
}

# f_persisted TAG: ids of registration's products named "TAG %", sorted.
f_persisted() {
    t_sql registration "SELECT id FROM products WHERE name LIKE '$1 %' ORDER BY id"
}

# f_missing TAG SERVICE...: prints how many of registration's products named "TAG %" are
# missing from the read model of some SERVICE (0 when all arrived).
f_missing() {
    local tag=$1 svc missing=0
    shift
    f_persisted "$tag" >"$T_DIR/persisted.ids"
    for svc in "$@"; do
        t_sql "$svc" "SELECT product_id FROM products ORDER BY product_id" >"$T_DIR/$svc.ids"
        missing=$((missing + $(comm -23 <(sort "$T_DIR/persisted.ids") <(sort "$T_DIR/$svc.ids") | wc -l)))
    done
    echo "$missing"
}

# f_arrived TAG SERVICE...: 0 once every product named "TAG %" is in each SERVICE's read model.
f_arrived() { [[ $(f_missing "$@") == 0 ]]; }

# f_lost TAG OUT SERVICE...: 201s of OUT not persisted plus persisted products missing downstream.
f_lost() {
    local tag=$1 out=$2 gone
    shift 2
    f_persisted "$tag" >"$T_DIR/persisted.ids"
    gone=$(comm -23 <(awk '$2 == 201 {print $4}' "$out" | sort) <(sort "$T_DIR/persisted.ids") | wc -l)
    echo $((gone + $(f_missing "$tag" "$@")))
}

# f_duplicates SERVICE...: effects recorded twice for one event by one service (ledger).
f_duplicates() {
    local in
    in=$(printf "'%s'," "$@")
    t_psql_admin -d "$T_DB" -At -c "SELECT count(*) - count(DISTINCT (service, event_id))
        FROM public.fault_effects WHERE service IN (${in%,})"
}

# f_ledger_count SERVICE: effects the ledger holds for SERVICE (a checker that sees nothing
# proves nothing: tests check it saw every product).
f_ledger_count() {
    t_psql_admin -d "$T_DB" -At -c "SELECT count(DISTINCT event_id) FROM public.fault_effects
        WHERE service = '$1'"
}

# f_result FAULT LOAD LOST DUPLICATES RECOVERY_MS: checks lost = duplicates = 0 and prints
# the test's one-line result (also appended, with the time, to $OCOP_TEST_RUN/fault-results.tsv).
f_result() {
    check_eq "no event lost ($1)" 0 "$3"
    check_eq "no duplicate effect ($1)" 0 "$4"
    printf 'RESULT fault: %s | load held: %s | events lost: %s | duplicate effects: %s | recovery: %s ms\n' \
        "$1" "$2" "$3" "$4" "$5"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$T_NAME" "$1" "$2" "$3" "$4" "$5" \
        >>"$F_RESULTS"
}

# f_start_quick SERVICE [VAR=VALUE...]: starts SERVICE (again on its port, or on a free one)
# and waits only for F_UP_PATH (/ready by default; /health for a service that is expected
# not to be ready), not for its consumer's partitions: after a crash the group waits out the
# dead member's session first. Returns 1 when it did not come up in 30 s.
f_start_quick() {
    local svc=$1
    shift
    T_PORTS[$svc]=${T_PORTS[$svc]:-$(ocop_free_port)}
    t_env "$svc"
    env OCOP_HTTP_PORT="${T_PORTS[$svc]}" "${T_ENV[@]}" "$@" \
        "$OCOP_BUILD_DIR/services/$svc/ocop-$svc" </dev/null 2>>"$T_DIR/logs/$svc.log" &
    T_PIDS[$svc]=$!
    t_wait_up "${T_PIDS[$svc]}" "$(t_url "$svc")${F_UP_PATH:-/ready}" 30
}

# f_gone PID: 0 when the process has exited (reaped, or a zombie not yet reaped).
f_gone() { ! kill -0 "$1" 2>/dev/null || [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]]; }

# f_await_death SERVICE SECONDS: 0 once SERVICE's process has exited (then reaped; its
# status in F_STATUS, 137 for SIGKILL), 1 when it still runs after SECONDS.
f_await_death() {
    local pid=${T_PIDS[$1]}
    t_until "$2" f_gone "$pid" || return 1
    wait "$pid" 2>/dev/null
    F_STATUS=$?
    unset "T_PIDS[$1]"
}

# f_start_twin SERVICE NAME [VAR=VALUE...]: starts another instance of SERVICE on the same
# database and topics (its consumer in the same group), known as NAME to T_PIDS, T_PORTS,
# t_url, t_stop and f_await_death, logging to logs/NAME.log; t_settle awaits its partitions.
# A port taken meanwhile (tests run in parallel) is retried on another one, as t_start does.
# Returns 1 when it did not become ready in 60 s.
f_start_twin() {
    local svc=$1 name=$2 try
    shift 2
    for try in 1 2 3; do
        T_PORTS[$name]=$(ocop_free_port)
        t_env "$svc"
        env OCOP_HTTP_PORT="${T_PORTS[$name]}" "${T_ENV[@]}" "$@" \
            "$OCOP_BUILD_DIR/services/$svc/ocop-$svc" </dev/null 2>>"$T_DIR/logs/$name.log" &
        T_PIDS[$name]=$!
        if t_wait_up "${T_PIDS[$name]}" "$(t_url "$name")/ready" 60; then
            T_PENDING+=("$name")
            return 0
        fi
        tail -3 "$T_DIR/logs/$name.log" | grep -q "could not listen on 127.0.0.1:${T_PORTS[$name]}" ||
            return 1
        wait "${T_PIDS[$name]}" 2>/dev/null
    done
    return 1
}

# f_assigned NAME: the partition count of the last assignment NAME's consumer logged (0: none).
f_assigned() {
    grep -o 'consumer assigned [0-9]* partitions' "$T_DIR/logs/$1.log" 2>/dev/null | tail -1 |
        awk '{print $3} END {if (NR == 0) print 0}'
}

# f_topic_ids SERVICE: the ce_id of every record on SERVICE's events topic now, one a line.
f_topic_ids() {
    kcat -C -b "$OCOP_KAFKA_BOOTSTRAP" -t "$T_PREFIX.$1.events" -o beginning -e -q \
        -f '%h\n' 2>/dev/null | grep -o 'ce_id=[^,]*' | cut -d= -f2
}

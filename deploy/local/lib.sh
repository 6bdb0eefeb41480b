# Shared shell functions of the local stack (deploy/local/run) and the test
# runner (tests/run): install what is missing, build, and start or stop a
# private PostgreSQL cluster, the embedded Kafka broker and the services.
# Source it; it sets no shell options of its own.

OCOP_ROOT=${OCOP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
OCOP_PG_BIN=${OCOP_PG_BIN:-/usr/lib/postgresql/15/bin}
OCOP_SERVICES=(registration evaluation promotion notification)
# The local stack's token issuer and audience (deploy/local/run, deploy/local/token).
OCOP_LOCAL_ISSUER=${OCOP_LOCAL_ISSUER:-http://127.0.0.1/ocop-local-idp}
OCOP_LOCAL_AUDIENCE=${OCOP_LOCAL_AUDIENCE:-ocop-platform}

ocop_log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
ocop_die() { ocop_log "error: $*"; exit 1; }

# Installs the Debian packages the build, the stack and the tests need.
ocop_install_deps() {
    local pkgs=(build-essential cmake pkg-config libulfius-dev libjansson-dev libpq-dev
        librdkafka-dev uuid-dev librhonabwy-dev libgnutls28-dev libcurl4-gnutls-dev libqrencode-dev
        libpng-dev python3-aiosmtpd postgresql postgresql-contrib curl jq iproute2)
    [[ ${1:-} == --tests ]] && pkgs+=(openssl clang libclang-rt-14-dev python3 python3-jsonschema kcat cppcheck clang-tidy wrk)
    # the public face's checks: pages rendered in a headless browser, QR codes decoded
    [[ ${1:-} == --tests ]] && pkgs+=(chromium python3-pil zbar-tools)
    local missing=() p
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0
    [[ $(id -u) == 0 ]] || ocop_die "missing packages (${missing[*]}); run as root to install them"
    ocop_log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null || ocop_die "apt-get install failed"
}

# ocop_build DIR [cmake options...]: configures and builds into DIR.
ocop_build() {
    local dir=$1
    shift
    cmake -S "$OCOP_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null ||
        ocop_die "cmake configure failed for $dir"
    cmake --build "$dir" -j "$(nproc)" >/dev/null || {
        cmake --build "$dir" -j1 2>&1 | tail -40 >&2
        ocop_die "build failed in $dir"
    }
}

# Prints a TCP port on 127.0.0.1 that nothing listens on.
ocop_free_port() {
    local port tries=0
    while ((tries++ < 200)); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    ocop_die "no free port found"
}

# The PostgreSQL data folder: under RUN when the postgres user can reach it,
# else in a private folder under /tmp linked from RUN.
ocop_pg_dir() {
    local run=$1
    if [[ -L $run/pg ]]; then readlink "$run/pg"; return; fi
    if [[ -d $run/pg ]]; then echo "$run/pg"; return; fi
    mkdir -p "$run/pg"
    chown postgres: "$run/pg" 2>/dev/null
    if runuser -u postgres -- test -w "$run/pg" 2>/dev/null; then
        echo "$run/pg"
    else
        rmdir "$run/pg"
        local tmp
        tmp=$(mktemp -d /tmp/ocop-pg.XXXXXX)
        chown postgres: "$tmp"
        ln -s "$tmp" "$run/pg"
        echo "$tmp"
    fi
}

# ocop_pg_start RUN: starts (creating if needed) a private cluster on a free
# port of 127.0.0.1 and exports OCOP_PG_PORT, OCOP_PG_SOCKDIR and PGPASSFILE.
ocop_pg_start() {
    local run=$1 pg
    pg=$(ocop_pg_dir "$run")
    if [[ ! -f $pg/data/PG_VERSION ]]; then
        runuser -u postgres -- "$OCOP_PG_BIN/initdb" -D "$pg/data" -U postgres -E UTF8 \
            --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 --data-checksums \
            >"$pg/initdb.log" 2>&1 || { cat "$pg/initdb.log" >&2; ocop_die "initdb failed"; }
    fi
    OCOP_PG_PORT=$(ocop_free_port)
    OCOP_PG_SOCKDIR=$pg
    runuser -u postgres -- "$OCOP_PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 60 \
        -o "-p $OCOP_PG_PORT -k $pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" \
        start >/dev/null || { tail -20 "$pg/server.log" >&2; ocop_die "PostgreSQL did not start"; }
    ocop_pg_secrets "$run"
    export OCOP_PG_PORT OCOP_PG_SOCKDIR
    ocop_log "PostgreSQL on 127.0.0.1:$OCOP_PG_PORT (data in $pg/data)"
}

# Generates the service roles' passwords once and writes RUN/pgpass for libpq.
ocop_pg_secrets() {
    local run=$1 svc
    mkdir -p "$run/secrets"
    chmod 700 "$run/secrets"
    for svc in "${OCOP_SERVICES[@]}"; do
        [[ -s $run/secrets/$svc ]] ||
            (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$run/secrets/$svc")
    done
    (
        umask 077
        for svc in "${OCOP_SERVICES[@]}"; do
            printf '127.0.0.1:%s:*:ocop_%s:%s\n' "$OCOP_PG_PORT" "$svc" "$(cat "$run/secrets/$svc")"
        done >"$run/pgpass"
    )
    export PGPASSFILE=$run/pgpass
}

# ocop_pg_stop RUN: fast shutdown of the private cluster.
ocop_pg_stop() {
    local pg
    pg=$(ocop_pg_dir "$1")
    [[ -f $pg/data/postmaster.pid ]] &&
        runuser -u postgres -- "$OCOP_PG_BIN/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null
    return 0
}

# ocop_db_create RUN NAME: database NAME with a role and schema per service
# (deploy/docker/initdb/10-ocop-roles.sh, the script the containers use).
ocop_db_create() {
    local run=$1 name=$2
    (
        # Roles are cluster-wide: one creation at a time (tests run in parallel).
        exec 9>"$run/db.lock"
        flock 9
        cd /tmp || exit 1
        export PGHOST=$OCOP_PG_SOCKDIR PGPORT=$OCOP_PG_PORT POSTGRES_USER=postgres \
            POSTGRES_DB=postgres OCOP_DB_NAME=$name
        OCOP_REGISTRATION_DB_PASSWORD=$(cat "$run/secrets/registration")
        OCOP_EVALUATION_DB_PASSWORD=$(cat "$run/secrets/evaluation")
        OCOP_PROMOTION_DB_PASSWORD=$(cat "$run/secrets/promotion")
        OCOP_NOTIFICATION_DB_PASSWORD=$(cat "$run/secrets/notification")
        export OCOP_REGISTRATION_DB_PASSWORD OCOP_EVALUATION_DB_PASSWORD OCOP_PROMOTION_DB_PASSWORD \
            OCOP_NOTIFICATION_DB_PASSWORD
        runuser -u postgres --preserve-environment -- \
            bash -s <"$OCOP_ROOT/deploy/docker/initdb/10-ocop-roles.sh" >/dev/null
    ) || ocop_die "could not create database $name"
}

# ocop_db_url NAME SERVICE: the libpq connection string of SERVICE in database NAME.
ocop_db_url() {
    printf 'host=127.0.0.1 port=%s dbname=%s user=ocop_%s' "$OCOP_PG_PORT" "$1" "$2"
}

# ocop_broker_start RUN BUILD PREFIX: starts the embedded broker with the
# topics of PREFIX and exports OCOP_KAFKA_BOOTSTRAP, OCOP_BROKER_CONTROL,
# OCOP_BROKER_PID and OCOP_BROKER_OUT (its answers to control commands).
ocop_broker_start() {
    local run=$1 build=$2 prefix=$3 svc args=()
    mkdir -p "$run/broker"
    rm -f "$run/broker/bootstrap" "$run/broker/control"
    for svc in "${OCOP_SERVICES[@]}"; do
        args+=(--topic "$prefix.$svc.events" --topic "$prefix.$svc.dlq")
    done
    OCOP_BROKER_OUT=$run/broker/answers
    setsid "$build/services/broker/ocop-broker" --brokers 3 --partitions 3 \
        --bootstrap-file "$run/broker/bootstrap" --control "$run/broker/control" "${args[@]}" \
        </dev/null >"$OCOP_BROKER_OUT" 2>"$run/broker/broker.log" &
    OCOP_BROKER_PID=$!
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -s $run/broker/bootstrap ]] && break
        kill -0 "$OCOP_BROKER_PID" 2>/dev/null || ocop_die "the broker exited: $(tail -3 "$run/broker/broker.log")"
        sleep 0.1
    done
    [[ -s $run/broker/bootstrap ]] || ocop_die "the broker did not write its bootstrap address"
    OCOP_KAFKA_BOOTSTRAP=$(head -1 "$run/broker/bootstrap")
    OCOP_BROKER_CONTROL=$run/broker/control
    # librdkafka's mock broker holds an empty fetch for the whole fetch.wait.max.ms, even when
    # data arrives meanwhile (Apache Kafka answers at once), so its consumers wait 5 ms, not
    # the 500 ms default that keeps idle services quiet against a real broker.
    OCOP_CONSUMER_FETCH_WAIT_MS=${OCOP_CONSUMER_FETCH_WAIT_MS:-5}
    export OCOP_KAFKA_BOOTSTRAP OCOP_BROKER_CONTROL OCOP_BROKER_PID OCOP_BROKER_OUT OCOP_CONSUMER_FETCH_WAIT_MS
    ocop_log "embedded Kafka broker at $OCOP_KAFKA_BOOTSTRAP"
}

# ocop_stop_pid PID [SECONDS]: SIGTERM, wait, then SIGKILL; returns the exit status.
ocop_stop_pid() {
    local pid=$1 secs=${2:-15} i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < secs * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        return 137
    fi
    wait "$pid" 2>/dev/null
}

# ocop_wait_ready URL [SECONDS]: waits for 200 from URL.
ocop_wait_ready() {
    local url=$1 secs=${2:-60} i
    for ((i = 0; i < secs * 10; i++)); do
        curl -fs -o /dev/null --max-time 2 "$url" && return 0
        sleep 0.1
    done
    return 1
}

#!/usr/bin/env bash
# PostgreSQL over TLS with the server's certificate verified (sslmode=verify-full
# and a CA file in OCOP_DATABASE_URL), against a private cluster of this test
# that takes TLS connections only: a service connects, its connections are
# encrypted, and it works; a service given another CA, or a host name the
# certificate does not name, does not connect (fails closed, says why in its
# log) and is never ready.
source "$(dirname "$0")/lib.sh"
t_init database_tls
PKI=$T_DIR/pki
mkdir -p "$PKI"

# --- a CA, a server certificate for localhost / 127.0.0.1, and another CA ----------------------
ca() { # ca NAME: a self-signed CA in $PKI/NAME.{key,pem}
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
        -subj "/CN=OCOP test $1" -keyout "$PKI/$1.key" -out "$PKI/$1.pem" 2>/dev/null
}
ca ca && ca other-ca
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
    -keyout "$PKI/server.key" -out "$PKI/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$PKI/san.ext"
openssl x509 -req -in "$PKI/server.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 2 -extfile "$PKI/san.ext" -out "$PKI/server.pem" 2>/dev/null
check "the test PKI is made" test -s "$PKI/server.pem"

# --- the cluster: TLS only (hostssl), on a free port ----------------------------------------------
PGD=$(mktemp -d /tmp/ocop-pgtls.XXXXXX)
chown postgres: "$PGD"
cp "$PKI/server.pem" "$PKI/server.key" "$PGD/" && chown postgres: "$PGD"/server.* && chmod 600 "$PGD/server.key"
stop_cluster() {
    runuser -u postgres -- "$OCOP_PG_BIN/pg_ctl" -D "$PGD/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$PGD"
}
trap 't_cleanup; stop_cluster' EXIT
runuser -u postgres -- "$OCOP_PG_BIN/initdb" -D "$PGD/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$T_DIR/logs/initdb.log" 2>&1
printf 'local all all peer\nhostssl all all 127.0.0.1/32 scram-sha-256\nhost all all 127.0.0.1/32 reject\n' \
    >"$PGD/data/pg_hba.conf"
PORT=$(ocop_free_port)
runuser -u postgres -- "$OCOP_PG_BIN/pg_ctl" -D "$PGD/data" -l "$PGD/server.log" -w -t 60 \
    -o "-p $PORT -k $PGD -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$PGD/server.pem -c ssl_key_file=$PGD/server.key" \
    start >/dev/null
check "a TLS-only PostgreSQL runs" test -f "$PGD/data/postmaster.pid"
(OCOP_PG_PORT=$PORT OCOP_PG_SOCKDIR=$PGD ocop_db_create "$OCOP_TEST_RUN" ocop_tls)
PASS=$T_DIR/pgpass
(umask 077 && printf 'localhost:%s:ocop_tls:ocop_registration:%s\nocop-db.invalid:%s:ocop_tls:ocop_registration:%s\n' \
    "$PORT" "$(cat "$OCOP_TEST_RUN/secrets/registration")" "$PORT" "$(cat "$OCOP_TEST_RUN/secrets/registration")" >"$PASS")
url() { # url HOST CA
    printf 'host=%s hostaddr=127.0.0.1 port=%s dbname=ocop_tls user=ocop_registration sslmode=verify-full sslrootcert=%s' \
        "$1" "$PORT" "$2"
}
psql_tls() { PGPASSFILE=$PASS psql -X -At "$(url localhost "$PKI/ca.pem")" -c "$1"; }
check_eq "plain TCP is refused by the cluster" "" \
    "$(PGPASSFILE=$PASS psql -X -At "host=localhost hostaddr=127.0.0.1 port=$PORT dbname=ocop_tls user=ocop_registration sslmode=disable" -c 'SELECT 1' 2>/dev/null)"

# --- the service verifies the server and works -------------------------------------------------
t_start registration PGPASSFILE="$PASS" OCOP_DATABASE_URL="$(url localhost "$PKI/ca.pem")"
R=$(t_url registration)
t_http POST "$R/v1/producers" '{"type":"cooperative","identifier":"2101700001","name":"Hợp tác xã Kết nối an toàn","representative":"Nguyễn Văn An","commune_code":"29242"}'
check_eq "it registers a producer over TLS" 201 "$T_STATUS"
P=$(j .id)
check_eq "its connections are encrypted (pg_stat_ssl)" "t" \
    "$(psql_tls "SELECT bool_and(s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.usename = 'ocop_registration' AND a.application_name <> 'psql'")"
check_eq "the producer is in the TLS cluster's database" 1 \
    "$(psql_tls "SELECT count(*) FROM registration.producers WHERE id = '$P'")"
t_stop registration

# --- fails closed: another CA, a host name the certificate does not name ----------------------
refused() { # refused NAME URL: the service never becomes ready and logs why
    local port log=$T_DIR/logs/$1.log pid i ready=0
    port=$(ocop_free_port)
    t_env registration
    env OCOP_HTTP_PORT="$port" "${T_ENV[@]}" PGPASSFILE="$PASS" OCOP_DATABASE_URL="$2" \
        "$OCOP_BUILD_DIR/services/registration/ocop-registration" </dev/null 2>"$log" &
    pid=$!
    for ((i = 0; i < 40; i++)); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/ready") == 200 ]] && ready=1
        sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    check_eq "$1: never ready" 0 "$ready"
    check "$1: its log says why" grep -qiE "$3" "$log"
}
refused other-ca "$(url localhost "$PKI/other-ca.pem")" "certificate verify failed"
refused wrong-name "$(url ocop-db.invalid "$PKI/ca.pem")" "does not match host name|server certificate for"

t_drop_db_tls() { runuser -u postgres -- psql -X -q -h "$PGD" -p "$PORT" -d postgres -c 'DROP DATABASE IF EXISTS ocop_tls' >/dev/null 2>&1; }
t_drop_db_tls
t_done

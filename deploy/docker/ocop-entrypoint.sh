#!/bin/sh
# Container entrypoint for the OCOP services (installed as
# /usr/local/bin/ocop-entrypoint by deploy/docker/Dockerfile).
#
# 1. Picks the binary from OCOP_SERVICE (set by the image).
# 2. If OCOP_DB_PASSWORD_FILE names a readable file (a docker secret, e.g.
#    /run/secrets/ocop_registration_db_password), writes the password into a
#    private libpq password file (mode 0600, on the /run/ocop tmpfs when
#    compose provides one) and exports PGPASSFILE. The password never goes
#    into the image, the compose file, a command line or the environment.
# 3. Execs the service, so it is the process that receives SIGTERM.
#
# Connection parameters otherwise come from OCOP_DATABASE_URL or, when that is
# empty, from libpq's PGHOST/PGPORT/PGDATABASE/PGUSER.
set -eu

log() {
    # One JSON object per line on stderr, like the services. Messages are
    # fixed strings without quotes or backslashes.
    printf '{"ts":"%s","level":"%s","service":"%s","component":"entrypoint","msg":"%s"}\n' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "${OCOP_SERVICE:-unknown}" "$2" >&2
}

die() {
    log fatal "$1"
    exit 1
}

case "${OCOP_SERVICE:-}" in
    registration | evaluation | promotion | notification) ;;
    *) die "OCOP_SERVICE must be registration, evaluation, promotion or notification" ;;
esac

bin="/usr/local/bin/ocop-${OCOP_SERVICE}"
[ -x "$bin" ] || die "service binary missing from the image"

umask 077

if [ -n "${OCOP_DB_PASSWORD_FILE:-}" ]; then
    if [ ! -f "$OCOP_DB_PASSWORD_FILE" ] || [ ! -r "$OCOP_DB_PASSWORD_FILE" ]; then
        die "OCOP_DB_PASSWORD_FILE is not a readable file (is the secret mounted and readable by this uid?)"
    fi

    # $(...) drops trailing newlines; also drop one trailing CR (file edited on Windows).
    pw=$(cat -- "$OCOP_DB_PASSWORD_FILE")
    cr=$(printf '\r')
    pw=${pw%"$cr"}
    nl='
'
    case "$pw" in
        "") die "database password file is empty" ;;
        *"$nl"* | *"$cr"*) die "database password file must hold one line" ;;
    esac

    dir=${OCOP_RUNTIME_DIR:-/run/ocop}
    if [ ! -d "$dir" ] || [ ! -w "$dir" ]; then
        dir=$(mktemp -d 2>/dev/null) || die "no writable directory for the libpq password file (mount a tmpfs on /run/ocop)"
    fi
    passfile="$dir/pgpass"
    rm -f -- "$passfile"
    # .pgpass format host:port:db:user:password; backslash and colon are
    # escaped with a backslash. printf is a shell builtin, so the password is
    # not on any command line.
    esc=$(printf '%s' "$pw" | sed -e 's/[\\:]/\\&/g')
    printf '*:*:*:*:%s\n' "$esc" >"$passfile"
    chmod 0600 "$passfile"
    unset pw esc OCOP_DB_PASSWORD_FILE
    PGPASSFILE=$passfile
    export PGPASSFILE
fi

exec "$bin" "$@"

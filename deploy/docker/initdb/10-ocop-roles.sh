#!/usr/bin/env bash
# Creates the OCOP database, one login role and one schema per service, and
# locks everything else down. Run by the postgres image's docker-entrypoint
# from /docker-entrypoint-initdb.d on the first start with an empty data
# directory (as OS user postgres, against the temporary socket-only server).
#
# Idempotent: it can be run again to rotate passwords after new secret files
# were made (see deploy/docker/README.md):
#   docker compose exec -u postgres postgres bash /docker-entrypoint-initdb.d/10-ocop-roles.sh
#
# Inputs (environment):
#   OCOP_REGISTRATION_DB_PASSWORD / OCOP_REGISTRATION_DB_PASSWORD_FILE
#   OCOP_EVALUATION_DB_PASSWORD   / OCOP_EVALUATION_DB_PASSWORD_FILE
#   OCOP_PROMOTION_DB_PASSWORD    / OCOP_PROMOTION_DB_PASSWORD_FILE
#   OCOP_NOTIFICATION_DB_PASSWORD / OCOP_NOTIFICATION_DB_PASSWORD_FILE
#       exactly one of each pair; *_FILE is for docker secrets.
#   OCOP_DB_NAME          database to create and use (default ocop)
#   OCOP_DB_EXTENSIONS    extensions the superuser creates in schema public,
#                         because the service roles may not create any
#                         (default "unaccent pg_trgm"; empty for none)
#   POSTGRES_USER, POSTGRES_DB   set by the postgres image
#
# Passwords reach psql only through its environment (\getenv) and are quoted
# by psql itself (:'pw'); they are never pasted into SQL text or put on a
# command line, and statement logging is switched off for those sessions.
#
# The postgres entrypoint sources *.sh files that are not executable, so all
# work happens in a subshell function: no shell options or variables leak
# into the entrypoint, and a failure makes the entrypoint stop.

ocop_initdb_main() (
    set -Eeuo pipefail

    die() {
        printf '10-ocop-roles.sh: %s\n' "$*" >&2
        exit 1
    }

    # read_secret DEST NAME: DEST := $NAME, or the contents of file $NAME_FILE.
    read_secret() {
        local dest=$1 name=$2
        local file_name="${name}_FILE"
        local value="${!name:-}" file="${!file_name:-}"
        if [[ -n $value && -n $file ]]; then
            die "both $name and $file_name are set; use one"
        fi
        if [[ -n $file ]]; then
            [[ -f $file && -r $file ]] || die "$file_name=$file is not a readable file"
            value=$(<"$file")
        fi
        value=${value%$'\r'}
        [[ -n $value ]] || die "$name (or $file_name) must be set and not empty"
        [[ $value != *$'\n'* && $value != *$'\r'* ]] || die "$name must be a single line"
        printf -v "$dest" '%s' "$value"
    }

    local db="${OCOP_DB_NAME:-ocop}"
    local extensions="${OCOP_DB_EXTENSIONS-unaccent pg_trgm}"
    # Keep the log to warnings: re-runs would otherwise print "already exists" notices.
    export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
    local -a psql_cmd=(psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --quiet
        --username "${POSTGRES_USER:-postgres}")

    # Read every secret first, so a missing one fails before any change.
    local -a services=(registration evaluation promotion notification)
    local -A pw=()
    local svc
    for svc in "${services[@]}"; do
        read_secret "pw[$svc]" "OCOP_${svc^^}_DB_PASSWORD"
    done

    local ext
    for ext in $extensions; do
        [[ $ext =~ ^[a-z][a-z0-9_]*$ ]] || die "bad extension name in OCOP_DB_EXTENSIONS: $ext"
    done

    # 1. The database (POSTGRES_DB=ocop in compose already made it).
    "${psql_cmd[@]}" --dbname "${POSTGRES_DB:-postgres}" --set=db="$db" <<'EOSQL'
SELECT format('CREATE DATABASE %I', :'db')
 WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = :'db')
\gexec
EOSQL

    # 2. Lock down the database, the public schema and every other database.
    "${psql_cmd[@]}" --single-transaction --dbname "$db" --set=db="$db" <<'EOSQL'
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', datname)
  FROM pg_catalog.pg_database
 WHERE datname <> :'db' AND datallowconn
\gexec
EOSQL

    # 3. Extensions, owned by the superuser, usable by all through public.
    for ext in $extensions; do
        "${psql_cmd[@]}" --dbname "$db" --set=ext="$ext" <<'EOSQL'
CREATE EXTENSION IF NOT EXISTS :"ext" WITH SCHEMA public;
EOSQL
    done

    # 4. The maintenance role: no login; an operator connected as the superuser
    #    takes it (SET ROLE) to purge audit rows past their retention
    #    (ocop-audit purge). The services' migrations grant it what it needs.
    "${psql_cmd[@]}" --dbname "$db" --set=db="$db" <<'EOSQL'
SELECT NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'ocop_maintenance') AS m_missing
\gset
\if :m_missing
CREATE ROLE ocop_maintenance WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
\endif
GRANT CONNECT ON DATABASE :"db" TO ocop_maintenance;
EOSQL

    # 5. One role and one schema per service.
    for svc in "${services[@]}"; do
        OCOP_INITDB_PW="${pw[$svc]}" "${psql_cmd[@]}" --single-transaction --dbname "$db" \
            --set=db="$db" --set=role="ocop_${svc}" --set=schema="$svc" <<'EOSQL'
SET LOCAL log_statement = 'none';
SET LOCAL log_min_error_statement = 'panic';
\getenv pw OCOP_INITDB_PW
SELECT NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = :'role') AS role_missing
\gset
\if :role_missing
CREATE ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT
    NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
\else
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT
    NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
\endif
\unset pw
GRANT CONNECT ON DATABASE :"db" TO :"role";
-- Session-private temporary tables: ocopctl rebuilds a read model in them (README).
GRANT TEMPORARY ON DATABASE :"db" TO :"role";
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
ALTER SCHEMA :"schema" OWNER TO :"role";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
ALTER ROLE :"role" IN DATABASE :"db" SET search_path = :"schema", public;
EOSQL
        printf '10-ocop-roles.sh: role ocop_%s owns schema %s in database %s\n' "$svc" "$svc" "$db"
    done
)

ocop_initdb_main

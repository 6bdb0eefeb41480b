#!/usr/bin/env bash
# SQL reaches PostgreSQL only as constant text with $n parameters:
# - PQexec appears only in the migration runner (whole trusted files);
# - no SQL keyword is ever formatted with printf-style functions.
root=${1:?usage: sql.sh ROOT}
passed=0 failed=0
result() { if [[ -z $2 ]]; then passed=$((passed + 1)); else echo "FAIL $1:"; echo "$2"; failed=$((failed + 1)); fi; }
result "PQexec( outside migrate.c" \
    "$(grep -rn 'PQexec(' "$root/services" --include='*.c' | grep -v 'services/common/migrate.c')"
result "SQL built with printf" \
    "$(grep -rnE '(s?n?printf|asprintf)\(.*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE) ' "$root/services" --include='*.c')"
result "PQexecParams outside db.c and the standalone commands' stores" \
    "$(grep -rn 'PQexecParams(' "$root/services" --include='*.c' | grep -v -e 'services/common/db.c' -e 'services/tools/[a-z_]*_store.c')"
echo "$passed passed, $failed failed"
((failed == 0))

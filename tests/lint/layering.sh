#!/usr/bin/env bash
# Domain modules (pure rules) must not include ulfius, libpq or librdkafka
# (and no service file but common/config.c reads the environment):
# a rule is testable without a socket or a database (style guide rule 2).
# The domain modules are every source of a service's <service>_domain library
# (read from services/*/CMakeLists.txt, so a new module is checked without
# listing it here) with its header, and the pure modules of the common library; each
# is checked with every project header it includes, transitively. Last, SQL text and
# libpq result reading stay in the stores.
root=${1:?usage: layering.sh ROOT}
domain=(services/common/date.c services/common/date.h
    services/common/clock.c services/common/clock.h
    services/common/event.c services/common/event.h
    services/common/event_build.c services/common/event_build.h
    services/common/validate.c services/common/validate.h
    services/common/contracts.c services/common/contracts.h)
for cml in "$root"/services/*/CMakeLists.txt; do
    dir=services/$(basename "$(dirname "$cml")")
    # the words of the add_library(<x>_domain STATIC ...) call, which may span lines
    for src in $(tr '\n' ' ' <"$cml" | grep -oE 'add_library\([a-z]+_domain STATIC [^)]*\)' |
        sed -E 's/add_library\([a-z]+_domain STATIC //; s/\)//'); do
        domain+=("$dir/$src")
        [[ -f $root/$dir/${src%.c}.h ]] && domain+=("$dir/${src%.c}.h")
    done
done
# includes FILE: prints FILE and every project header it includes, transitively
# ("dir/x.h" resolves under services/, "x.h" beside the including file).
includes() {
    local -A seen=()
    local queue=("$1") f inc dir path
    while ((${#queue[@]})); do
        f=${queue[0]}
        queue=("${queue[@]:1}")
        [[ -n ${seen[$f]:-} || ! -f $root/$f ]] && continue
        seen[$f]=1
        echo "$f"
        dir=$(dirname "$f")
        for inc in $(sed -nE 's/^ *# *include *"([^"]+)".*/\1/p' "$root/$f"); do
            if [[ -f $root/services/$inc ]]; then path=services/$inc; else path=$dir/$inc; fi
            queue+=("$path")
        done
    done
}
passed=0 failed=0
for f in "${domain[@]}"; do
    if [[ ! -f $root/$f ]]; then
        echo "FAIL $f is missing"
        failed=$((failed + 1))
        continue
    fi
    bad=0
    for g in $(includes "$f"); do
        if grep -nE '#include *[<"](ulfius|libpq-fe|librdkafka/rdkafka)\.h[>"]' "$root/$g"; then
            if [[ $g == "$f" ]]; then echo "FAIL $f includes an I/O library"; else echo "FAIL $f includes an I/O library through $g"; fi
            bad=1
        fi
    done
    if ((bad)); then failed=$((failed + 1)); else passed=$((passed + 1)); fi
done
# A service's settings are rows of a settings table (common/config.h): only config.c reads the
# environment.
while IFS= read -r hit; do
    echo "FAIL $hit: a setting outside common/config.c (declare it as a row of a settings table)"
    failed=$((failed + 1))
done < <(cd "$root" && grep -nE '\bgetenv *\(' services/*/*.c |
    grep -vE '^services/(common/config\.c|tools/)')
# SQL lives in the stores (style guide rule 14): outside services/common, a *_store.c and the
# stores' shared fragments (*_sql.h, registration's store_util.h), no code reads a libpq result
# or holds SQL text; it calls a store function that hands back plain C structs.
# outside_stores REGEX WHAT: one failure per line of services/ matching REGEX outside the stores.
outside_stores() {
    while IFS= read -r hit; do
        echo "FAIL $hit: $2 outside a store (move it into a *_store.c that returns a struct)"
        failed=$((failed + 1))
    done < <(cd "$root" && grep -rnE --include='*.c' --include='*.h' "$1" services |
        grep -vE '^services/common/|_store\.c:|_sql\.h:|/store_util\.h:')
}
outside_stores '\bPQ(getvalue|getisnull|getlength|ntuples|nfields|fname|fnumber|ftype|resultStatus|resultErrorMessage|resultErrorField|cmdTuples|exec|execParams|prepare|execPrepared) *\(' \
    "a libpq result read"
outside_stores '"[^"]*\b(SELECT|INSERT INTO|UPDATE [a-z_.]+( [a-z])? SET|DELETE FROM|CREATE (TEMP )?TABLE|LOCK TABLE|SET (LOCAL|ROLE)|SAVEPOINT|ROLLBACK|BEGIN|COMMIT|ON CONFLICT|RETURNING)\b' \
    "SQL text"
echo "$passed passed, $failed failed"
((failed == 0 && passed > 20))

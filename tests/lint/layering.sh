#!/usr/bin/env bash
# Domain modules (pure rules) must not include ulfius, libpq or librdkafka:
# a rule is testable without a socket or a database (style guide rule 2).
# The domain modules are every source of a service's <service>_domain library
# (read from services/*/CMakeLists.txt, so a new module is checked without
# listing it here) with its header, and the pure modules of the common library.
root=${1:?usage: layering.sh ROOT}
domain=(services/common/date.c services/common/date.h
    services/common/clock.c services/common/clock.h
    services/common/event.c services/common/event.h
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
passed=0 failed=0
for f in "${domain[@]}"; do
    if grep -nE '#include *[<"](ulfius|libpq-fe|librdkafka/rdkafka)\.h[>"]' "$root/$f"; then
        echo "FAIL $f includes an I/O library"
        failed=$((failed + 1))
    elif [[ ! -f $root/$f ]]; then
        echo "FAIL $f is missing"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
done
echo "$passed passed, $failed failed"
((failed == 0 && passed > 20))

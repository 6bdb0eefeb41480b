#!/usr/bin/env bash
# Domain modules (pure rules) must not include ulfius, libpq or librdkafka:
# a rule is testable without a socket or a database (style guide rule 2).
root=${1:?usage: layering.sh ROOT}
domain=(services/registration/producer.c services/registration/producer.h
    services/registration/product.c services/registration/product.h
    services/registration/trademark.c services/registration/trademark.h
    services/registration/plan.c services/registration/plan.h
    services/registration/statistics.c services/registration/statistics.h
    services/registration/admin_unit.c services/registration/admin_unit.h
    services/promotion/listing.c services/promotion/listing.h
    services/evaluation/rule_set.c services/evaluation/rule_set.h
    services/common/date.c services/common/date.h
    services/common/event.c services/common/event.h
    services/common/validate.c services/common/validate.h
    services/common/contracts.c services/common/contracts.h)
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
((failed == 0))

/* SQL fragments shared by the promotion stores. */
#ifndef PROMO_STORE_UTIL_H
#define PROMO_STORE_UTIL_H

#include "common/sql.h"

/* A LIKE pattern matching text that contains param, folded (case, diacritics), wildcards escaped.
 */
#define SQL_CONTAINS(param)                                                                        \
    "'%' || replace(replace(replace(lower(public.unaccent(" param                                  \
    ")), '\\', '\\\\'), '%', '\\%'),"                                                              \
    " '_', '\\_') || '%'"

#endif

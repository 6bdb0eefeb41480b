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

/* A view (json) of the one row of from (a table, its alias and joins) whose alias.id is $1. */
#define SQL_BY_ID(json, from, alias) "SELECT " json " FROM " from " WHERE " alias ".id = $1::uuid"

#endif

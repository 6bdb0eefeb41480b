#include "promotion/commune_store.h"

#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/db.h"

/* $1 and $2 are text arrays of 5-digit codes, the same length. */
static const char SQL_COMMUNES_UPSERT[] =
    "INSERT INTO communes (code, current_code)"
    " SELECT * FROM unnest($1::text[], $2::text[])"
    " ON CONFLICT (code) DO UPDATE SET current_code = EXCLUDED.current_code"
    " WHERE communes.current_code <> EXCLUDED.current_code";
static const char SQL_COMMUNES_PRUNE[] = "DELETE FROM communes WHERE code <> ALL ($1::text[])";

/* The array literal {a,b,...} of one member of codes (caller frees); codes are digits only. */
static char *array_literal(const struct commune_code *codes, size_t n, int current)
{
    char *text = oc_xmalloc(n * 6 + 3);
    size_t at = 0;
    text[at++] = '{';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            text[at++] = ',';
        memcpy(text + at, current ? codes[i].current : codes[i].code, 5);
        at += 5;
    }
    text[at++] = '}';
    text[at] = '\0';
    return text;
}

enum oc_err commune_store_replace(PGconn *conn, const struct commune_code *codes, size_t n)
{
    char *code = array_literal(codes, n, 0);
    char *current = array_literal(codes, n, 1);
    const char *params[] = {code, current};
    enum oc_err rc = oc_db_exec(conn, SQL_COMMUNES_UPSERT, 2, params, NULL);
    if (rc == OC_OK)
        rc = oc_db_exec(conn, SQL_COMMUNES_PRUNE, 1, params, NULL);
    free(code);
    free(current);
    return rc;
}

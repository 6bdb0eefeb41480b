/*
 * The read side of handlers: fetch one resource by its UUID path parameter,
 * and keyset pagination with an opaque cursor ({"items": [...], "next_cursor"}).
 */
#ifndef OC_READ_H
#define OC_READ_H

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

#include "common/err.h"
#include "common/service.h"

/*
 * Serves GET .../:id: a malformed id or a missing row is 404 naming the kind
 * ("product"), a found row is 200 with its ETag. Returns U_CALLBACK_COMPLETE.
 */
int oc_read_by_id(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                  const char *kind, oc_get_fn fn);

/* A page request. */
struct oc_page {
    int limit;      /* items wanted, 1..OC_LIST_LIMIT_MAX */
    json_t *cursor; /* decoded cursor object, or NULL for the first page (owned) */
};

/*
 * Reads limit and cursor from the query string. A cursor's "t" must be 1 to 18 digits
 * and its "id" a UUID. Returns 1, or 0 with the problems appended to errors.
 */
int oc_page_begin(const struct _u_request *req, struct oc_page *page, json_t *errors);

/* A cursor member (validated by oc_page_begin), or NULL on the first page. */
const char *oc_page_after(const struct oc_page *page, const char *key);

/* Sends {"items": items, "next_cursor": encoded next or null}; steals both. */
int oc_page_respond(struct _u_response *resp, json_t *items, json_t *next);

/*
 * Reads one page: up to limit items after after into *items, and the cursor
 * object of the next page into *next, or NULL on the last page (both owned by
 * the caller). filter is the handler's own filter struct.
 */
typedef enum oc_err (*oc_list_fn)(PGconn *conn, const void *filter, const struct oc_after *after,
                                  int limit, json_t **items, json_t **next);

/*
 * Serves a listing: errors (stolen) already holds the filters' problems;
 * limit and cursor are read here; any problem is one 422; otherwise fn reads
 * the page and it is sent as {"items", "next_cursor"}. Returns
 * U_CALLBACK_COMPLETE.
 */
int oc_list_serve(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                  json_t *errors, oc_list_fn fn, const void *filter);

/*
 * Query-string filters. Each returns the parameter (borrowed from req) when
 * present and well-formed, NULL when absent; a malformed value appends a
 * field error to errors and returns NULL.
 */
const char *oc_query_digits(const struct _u_request *req, const char *name, size_t len,
                            json_t *errors);
const char *oc_query_uuid(const struct _u_request *req, const char *name, json_t *errors);
const char *oc_query_enum(const struct _u_request *req, const char *name,
                          const char *const *allowed, json_t *errors);
/* Free text of 1..max characters without control characters. */
const char *oc_query_text(const struct _u_request *req, const char *name, size_t max,
                          json_t *errors);
/* A calendar date YYYY-MM-DD that exists (2025-02-30 does not). */
const char *oc_query_date(const struct _u_request *req, const char *name, json_t *errors);

/* Frees the decoded cursor. */
void oc_page_clean(struct oc_page *page);

#endif

#include <string.h>

#include "common/http.h"
#include "common/read.h"
#include "evaluation/handlers.h"
#include "evaluation/rule_set.h"
#include "evaluation/rule_set_store.h"

#define POSITION_DIGITS_MAX 9 /* a listing position in a cursor */
#define CRITERIA_SET_ID_MAX (RULE_SET_ID_MAX + 16)

/* Reads one page of a listing filtered by filter (see rule_set_store.h). */
typedef enum oc_err (*position_list_fn)(PGconn *conn, const void *filter, int limit, json_t **items,
                                        json_t **next);

static void query_error(json_t *errors, const char *field, const char *message)
{
    json_array_append_new(
        errors, json_pack("{s:s,s:s,s:s}", "field", field, "code", "format", "message", message));
}

/*
 * Serves a listing keyed by position: errors (stolen) holds the filters'
 * problems; limit and the cursor {"p"} are read here into *after (which the
 * filter points to); any problem is one 422.
 */
static int list_serve(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc, json_t *errors, position_list_fn fn,
                      const void *filter, const char **after)
{
    struct oc_page page;
    if (!oc_page_begin(req, &page, errors))
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    *after = oc_page_after(&page, "p");
    if (page.cursor != NULL &&
        (json_object_size(page.cursor) != 1 || *after == NULL || strlen(*after) == 0 ||
         strlen(*after) > POSITION_DIGITS_MAX || strspn(*after, "0123456789") != strlen(*after))) {
        oc_page_clean(&page);
        query_error(errors, "cursor", "is not a cursor this service issued");
        return oc_http_problem(resp, OC_INVALID, "the query is not valid", errors);
    }
    json_decref(errors);
    PGconn *conn = oc_db_acquire(svc->pool);
    json_t *items = NULL, *next = NULL;
    enum oc_err rc = conn ? fn(conn, filter, page.limit, &items, &next) : OC_DB;
    oc_db_release(svc->pool, conn);
    int ret =
        rc == OC_OK ? oc_page_respond(resp, items, next) : oc_http_problem(resp, rc, NULL, NULL);
    oc_page_clean(&page);
    return ret;
}

/* Serves GET .../:id for an id of rule-set shape (else 404, like an unknown one). */
static int get_serve(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc,
                     size_t max, oc_get_fn fn, const char *detail)
{
    const char *id = u_map_get(req->map_url, "id");
    json_t *out = NULL;
    if (id == NULL || strlen(id) > max ||
        strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(id))
        return oc_http_problem(resp, OC_NOT_FOUND, detail, NULL);
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? fn(conn, id, &out) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? detail : NULL, NULL);
    return oc_http_json(resp, 200, out);
}

int rule_set_list(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    struct rule_set_filter f;
    json_t *errors = json_array();
    memset(&f, 0, sizeof(f));
    f.valid_on = oc_query_date(req, "valid_on", errors);
    return list_serve(req, resp, svc, errors, rule_set_store_list, &f, &f.after);
}

int rule_set_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    return get_serve(req, resp, svc, RULE_SET_ID_MAX, rule_set_store_get,
                     "no rule set has this id");
}

int criteria_set_list(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    static const char *const booleans[] = {"true", "false", NULL};
    struct criteria_set_filter f;
    json_t *errors = json_array();
    memset(&f, 0, sizeof(f));
    f.rule_set = u_map_get(req->map_url, "rule_set");
    if (f.rule_set != NULL && !rule_set_id_ok(f.rule_set)) {
        query_error(errors, "rule_set", "must be a rule set id such as qd148-2023");
        f.rule_set = NULL;
    }
    f.detailed = oc_query_enum(req, "detailed", booleans, errors);
    return list_serve(req, resp, svc, errors, criteria_set_store_list, &f, &f.after);
}

int criteria_set_get(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    return get_serve(req, resp, svc, CRITERIA_SET_ID_MAX, criteria_set_store_get,
                     "no criteria set has this id");
}

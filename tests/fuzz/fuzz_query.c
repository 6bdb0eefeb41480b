/*
 * What a request carries besides its JSON members: query parameters, the
 * headers the handlers read, and the body as oc_http_body reads it. The
 * input is lines: limit, cursor, a 5-digit code, a UUID, an enum value, free
 * text, a date, If-Match, traceparent, Accept, the statistics year and
 * Content-Type; the rest is the body. An empty line is an absent parameter.
 * Values need not be UTF-8 here, though ulfius (check_utf8) drops query
 * values and headers that are not before a handler sees them.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <ulfius.h>

#include "common/http.h"
#include "common/read.h"
#include "fuzz/fuzz.h"
#include "registration/statistics.h"

enum {
    Q_LIMIT,
    Q_CURSOR,
    Q_DIGITS,
    Q_UUID,
    Q_ENUM,
    Q_TEXT,
    Q_DATE,
    H_IF_MATCH,
    H_TRACEPARENT,
    H_ACCEPT,
    Q_YEAR,
    H_CONTENT_TYPE,
    BODY,
    NPARTS
};

static void put(struct _u_map *map, const char *name, const char *value)
{
    if (value[0] != '\0')
        u_map_put(map, name, value);
}

static void query(const struct _u_request *req)
{
    static const char *const levels[] = {"province", "district", "commune", NULL};
    json_t *errors = json_array();
    struct oc_page page;
    long long version;
    (void)oc_query_digits(req, "commune_code", 5, errors);
    (void)oc_query_uuid(req, "product_id", errors);
    (void)oc_query_enum(req, "level", levels, errors);
    (void)oc_query_text(req, "q", 100, errors);
    const char *from = oc_query_date(req, "from", errors);
    const char *year = oc_query_digits(req, "year", 4, errors);
    struct statistics_period period;
    (void)statistics_period_init(&period, year, from, from, errors);
    if (oc_page_begin(req, &page, errors))
        oc_page_clean(&page);
    (void)oc_http_if_match(req, &version);
    (void)oc_http_traceparent(req);
    (void)statistics_wants_csv(u_map_get_case(req->map_header, "Accept"));
    json_decref(errors);
}

static void body(const struct _u_request *req)
{
    json_t *out = NULL;
    char detail[256];
    (void)oc_http_body(req, &out, detail, sizeof(detail));
    json_decref(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_parts in;
    struct _u_request req;
    fuzz_parts_split(&in, data, size, '\n', NPARTS);
    ulfius_init_request(&req);
    put(req.map_url, "limit", in.p[Q_LIMIT]);
    put(req.map_url, "cursor", in.p[Q_CURSOR]);
    put(req.map_url, "commune_code", in.p[Q_DIGITS]);
    put(req.map_url, "product_id", in.p[Q_UUID]);
    put(req.map_url, "level", in.p[Q_ENUM]);
    put(req.map_url, "q", in.p[Q_TEXT]);
    put(req.map_url, "from", in.p[Q_DATE]);
    put(req.map_url, "year", in.p[Q_YEAR]);
    put(req.map_header, "If-Match", in.p[H_IF_MATCH]);
    put(req.map_header, "traceparent", in.p[H_TRACEPARENT]);
    put(req.map_header, "Accept", in.p[H_ACCEPT]);
    put(req.map_header, "Content-Type", in.p[H_CONTENT_TYPE]);
    query(&req);
    /* the body is the input's bytes after the last separator, NULs included */
    size_t at = (size_t)(in.p[BODY] - in.buf);
    if (in.n == NPARTS && at <= size) {
        req.binary_body = (void *)(uintptr_t)(data + at);
        req.binary_body_length = size - at;
        body(&req);
        req.binary_body = NULL;
        req.binary_body_length = 0;
    }
    ulfius_clean_request(&req);
    fuzz_parts_clean(&in);
    return 0;
}

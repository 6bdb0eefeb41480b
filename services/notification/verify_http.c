/*
 * Verification routes: a certificate's public record as JSON, the Vietnamese
 * page a phone opens from the label, and the label's QR codes (SVG, PNG).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/db.h"
#include "common/http.h"
#include "notification/handlers.h"
#include "notification/public_http.h"
#include "notification/qr.h"
#include "notification/verify.h"
#include "notification/verify_page.h"
#include "notification/verify_store.h"

#define VERIFY_MAX_AGE 60    /* seconds a verification answer may be cached: status can change */
#define QR_MAX_AGE     86400 /* a QR code changes only with the base URL */

static const char NOT_FOUND_DETAIL[] = "no certificate has this number";

/* Reads the certificate of the path's number and its public view into *view (caller owns). */
static enum oc_err view_read(const struct _u_request *req, struct oc_service *svc, json_t **view)
{
    const char *number = u_map_get(req->map_url, "number");
    const struct public_settings *s = public_settings_of(svc);
    json_t *row = NULL;
    *view = NULL;
    if (!verify_number_ok(number))
        return OC_NOT_FOUND;
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? verify_store_get(conn, number, &row) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc != OC_OK)
        return rc;
    char today[11];
    public_today(s, today, sizeof(today));
    *view = verify_view(row, today, s->expiring_days, s->base_url);
    json_decref(row);
    return OC_OK;
}

int public_verify_get(const struct _u_request *req, struct _u_response *resp,
                      struct oc_service *svc)
{
    json_t *view = NULL;
    enum oc_err rc = view_read(req, svc, &view);
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? NOT_FOUND_DETAIL : NULL, NULL);
    public_validators(resp, NULL, 0, VERIFY_MAX_AGE);
    return oc_http_json(resp, 200, view);
}

/* Sends an HTML page (taken) with the pages' security headers. */
static int send_page(struct _u_response *resp, unsigned int status, char *html)
{
    public_send(resp, status, "text/html; charset=utf-8", html, strlen(html));
    free(html);
    u_map_put(resp->map_header, "Content-Security-Policy", VERIFY_PAGE_CSP);
    u_map_put(resp->map_header, "X-Content-Type-Options", "nosniff");
    u_map_put(resp->map_header, "Referrer-Policy", "no-referrer");
    return U_CALLBACK_COMPLETE;
}

int public_verify_page(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc)
{
    json_t *view = NULL;
    enum oc_err rc = view_read(req, svc, &view);
    if (rc == OC_NOT_FOUND)
        return send_page(resp, 404, verify_page_not_found(u_map_get(req->map_url, "number")));
    if (rc != OC_OK) {
        u_map_put(resp->map_header, "Retry-After", "1");
        return send_page(resp, oc_err_status(rc), verify_page_unavailable());
    }
    public_validators(resp, NULL, 0, VERIFY_MAX_AGE);
    send_page(resp, 200, verify_page_render(view));
    json_decref(view);
    return U_CALLBACK_COMPLETE;
}

/* FNV-1a of the parts, for the QR codes' ETags (the image depends only on them). */
static unsigned long long fnv(const char *url, int size)
{
    unsigned long long h = 1469598103934665603ULL;
    char tail[16];
    snprintf(tail, sizeof(tail), "|%d", size);
    for (const char *const *part = (const char *const[]){url, tail, NULL}; *part; part++)
        for (const char *c = *part; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ULL;
    return h;
}

/*
 * Checks the path's number names a certificate and writes its verification
 * URL into url. Returns OC_OK, OC_NOT_FOUND or a database error.
 */
static enum oc_err qr_target(const struct _u_request *req, struct oc_service *svc, char *url,
                             size_t len)
{
    const char *number = u_map_get(req->map_url, "number");
    int found = 0;
    if (!verify_number_ok(number))
        return OC_NOT_FOUND;
    PGconn *conn = oc_db_acquire(svc->pool);
    enum oc_err rc = conn ? verify_store_exists(conn, number, &found) : OC_DB;
    oc_db_release(svc->pool, conn);
    if (rc == OC_OK && !found)
        rc = OC_NOT_FOUND;
    char *link = verify_url_new(public_settings_of(svc)->base_url, number);
    snprintf(url, len, "%s", link);
    free(link);
    return rc;
}

int public_qr_svg(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    char url[PUBLIC_BASE_URL_MAX + 3 * VERIFY_NUMBER_MAX + 16], etag[48];
    enum oc_err rc = qr_target(req, svc, url, sizeof(url));
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? NOT_FOUND_DETAIL : NULL, NULL);
    snprintf(etag, sizeof(etag), "\"qr-svg-%016llx\"", fnv(url, 0));
    public_validators(resp, etag, 0, QR_MAX_AGE);
    if (public_not_modified(req, etag, 0))
        return public_send_304(resp);
    char *svg = qr_svg(url);
    if (svg == NULL)
        return oc_http_problem(resp, OC_INTERNAL, "could not encode the QR code", NULL);
    public_send(resp, 200, "image/svg+xml", svg, strlen(svg));
    free(svg);
    return U_CALLBACK_COMPLETE;
}

/* ?size=: pixels per module, 1..QR_PNG_SIZE_MAX (QR_PNG_SIZE_DEFAULT when absent); -1 when bad. */
static int png_size(const struct _u_request *req)
{
    const char *size = u_map_get(req->map_url, "size");
    if (size == NULL)
        return QR_PNG_SIZE_DEFAULT;
    size_t n = strlen(size);
    if (n < 1 || n > 2 || strspn(size, "0123456789") != n)
        return -1;
    long v = strtol(size, NULL, 10); /* 1 or 2 digits: no overflow */
    return v >= 1 && v <= QR_PNG_SIZE_MAX ? (int)v : -1;
}

int public_qr_png(const struct _u_request *req, struct _u_response *resp, struct oc_service *svc)
{
    char url[PUBLIC_BASE_URL_MAX + 3 * VERIFY_NUMBER_MAX + 16], etag[48];
    int size = png_size(req);
    if (size < 0)
        return oc_http_problem(resp, OC_INVALID, NULL,
                               json_pack("[{s:s,s:s,s:s}]", "field", "size", "code", "range",
                                         "message", "must be a whole number from 1 to 32"));
    enum oc_err rc = qr_target(req, svc, url, sizeof(url));
    if (rc != OC_OK)
        return oc_http_problem(resp, rc, rc == OC_NOT_FOUND ? NOT_FOUND_DETAIL : NULL, NULL);
    snprintf(etag, sizeof(etag), "\"qr-png-%016llx\"", fnv(url, size));
    public_validators(resp, etag, 0, QR_MAX_AGE);
    if (public_not_modified(req, etag, 0))
        return public_send_304(resp);
    unsigned char *png = NULL;
    size_t len = 0;
    if (qr_png(url, size, &png, &len) != 0)
        return oc_http_problem(resp, OC_INTERNAL, "could not encode the QR code", NULL);
    public_send(resp, 200, "image/png", png, len);
    free(png);
    return U_CALLBACK_COMPLETE;
}

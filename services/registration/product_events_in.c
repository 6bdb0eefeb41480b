#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/validate.h"
#include "registration/handlers.h"
#include "registration/product_store.h"

/* A calendar date YYYY-MM-DD with plausible month and day. */
static int date_ok(const char *s)
{
    return s != NULL && strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
           strspn(s, "0123456789") == 4 && strspn(s + 5, "0123456789") == 2 &&
           strspn(s + 8, "0123456789") == 2 && atoi(s + 5) >= 1 && atoi(s + 5) <= 12 &&
           atoi(s + 8) >= 1 && atoi(s + 8) <= 31;
}

/* YYYY-MM-DDTHH:MM:SS[.fraction]Z, as our relay writes ce_time. */
static int rfc3339_ok(const char *s)
{
    size_t n = strlen(s);
    char date[11];
    if (n < 20 || s[10] != 'T' || s[n - 1] != 'Z' || s[13] != ':' || s[16] != ':')
        return 0;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!date_ok(date) || strspn(s + 11, "0123456789") != 2 || strspn(s + 14, "0123456789") != 2 ||
        strspn(s + 17, "0123456789") != 2)
        return 0;
    return n == 20 || (s[19] == '.' && strspn(s + 20, "0123456789") == n - 21 && n > 21);
}

/* Keeps one fact about a product from an event whose data names product_id and idkey. */
static enum oc_err keep_fact(PGconn *conn, const struct oc_event_in *ev, const char *kind,
                             const char *idkey, int issued, char *err, size_t errlen)
{
    const char *product = json_string_value(json_object_get(ev->data, "product_id"));
    const char *id = json_string_value(json_object_get(ev->data, idkey));
    if (!oc_uuid_ok(product) || id == NULL || ev->time[0] == '\0') {
        snprintf(err, errlen, "%s: needs product_id (UUID), %s and ce_time", ev->type, idkey);
        return OC_INVALID;
    }
    if (!rfc3339_ok(ev->time)) {
        snprintf(err, errlen, "%s: ce_time \"%s\" is not an RFC 3339 UTC time", ev->type, ev->time);
        return OC_INVALID;
    }
    if (strcmp(kind, "certificate") == 0) {
        json_int_t stars = json_integer_value(json_object_get(ev->data, "stars"));
        const char *status = json_string_value(json_object_get(ev->data, "status"));
        json_t *issued_on = json_object_get(ev->data, "issued_on");
        if (status == NULL || stars < 1 || stars > 5 ||
            (issued_on != NULL && !date_ok(json_string_value(issued_on)))) {
            snprintf(err, errlen, "%s: needs status, stars 1-5 and issued_on as YYYY-MM-DD",
                     ev->type);
            return OC_INVALID;
        }
    }
    struct product_fact f = {product, kind, ev->data, ev->time, issued};
    int found = 0;
    enum oc_err rc = product_store_fact(conn, &f, &found);
    if (rc == OC_OK && !found) {
        snprintf(err, errlen, "%s: no product %s", ev->type, product);
        return OC_INVALID;
    }
    return rc;
}

enum oc_err on_certificate_issued(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                  size_t errlen)
{
    (void)ctx;
    return keep_fact(conn, ev, "certificate", "certificate_id", 1, err, errlen);
}

enum oc_err on_certificate_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                   size_t errlen)
{
    (void)ctx;
    return keep_fact(conn, ev, "certificate", "certificate_id", 0, err, errlen);
}

enum oc_err on_inspection_recorded(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                                   size_t errlen)
{
    (void)ctx;
    return keep_fact(conn, ev, "inspection", "inspection_id", 0, err, errlen);
}

enum oc_err on_linkage_changed(PGconn *conn, const struct oc_event_in *ev, void *ctx, char *err,
                               size_t errlen)
{
    (void)ctx;
    return keep_fact(conn, ev, "linkage", "linkage_id", 0, err, errlen);
}

#include "notification/public_events.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/db.h"
#include "common/validate.h"
#include "notification/read_model.h"

/* Newest by ce_time wins; in_force_since moves only when the certificate comes (back) in force. */
/*
 * The decision's date follows its number as the read model keeps it: an event
 * with a decision ($5 = '1') replaces it, one without leaves the last one.
 */
static const char SQL_FORCE[] =
    "INSERT INTO public_certificate_force AS c (certificate_id, status, in_force_since,"
    " change_decision_date, event_time)"
    " VALUES ($1, $2, CASE WHEN $2 IN ('valid', 'expiring') THEN $3::timestamptz END,"
    " $4::date, $3::timestamptz) ON CONFLICT (certificate_id) DO UPDATE SET"
    " status = EXCLUDED.status, in_force_since = CASE WHEN EXCLUDED.in_force_since IS NOT NULL"
    " AND c.status NOT IN ('valid', 'expiring') THEN EXCLUDED.in_force_since"
    " ELSE c.in_force_since END, change_decision_date = CASE WHEN $5 = '1'"
    " THEN EXCLUDED.change_decision_date ELSE c.change_decision_date END,"
    " event_time = EXCLUDED.event_time WHERE c.event_time < EXCLUDED.event_time";

static const char SQL_INSPECTION[] =
    "INSERT INTO public_inspections AS i (inspection_id, product_id, outcome, event_time)"
    " VALUES ($1, $2, $3, $4::timestamptz) ON CONFLICT (inspection_id) DO UPDATE SET"
    " product_id = EXCLUDED.product_id, outcome = EXCLUDED.outcome,"
    " event_time = EXCLUDED.event_time WHERE i.event_time < EXCLUDED.event_time";

static const char *const outcomes[] = {"compliant",  "guidance",   "fine", "recall",
                                       "suspension", "revocation", NULL};

static enum oc_err inspection(PGconn *conn, const struct oc_event_in *ev, char *err, size_t errlen)
{
    json_t *id = json_object_get(ev->data, "inspection_id");
    const char *product = json_string_value(json_object_get(ev->data, "product_id"));
    const char *outcome = json_string_value(json_object_get(ev->data, "outcome"));
    const char *inspection_id = json_string_value(id);
    if (inspection_id == NULL || *inspection_id == '\0' || strlen(inspection_id) > 200 ||
        !oc_uuid_ok(product)) {
        snprintf(err, errlen, "inspection event: no inspection_id or product_id");
        return OC_INVALID;
    }
    const char *known = NULL;
    for (const char *const *o = outcomes; outcome != NULL && *o; o++)
        if (strcmp(*o, outcome) == 0)
            known = *o;
    const char *params[] = {inspection_id, product, known, ev->time};
    return oc_db_exec(conn, SQL_INSPECTION, 4, params, NULL);
}

enum oc_err public_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                            char *err, size_t errlen)
{
    (void)svc;
    if (strcmp(ev->type, "ocop.evaluation.inspection.recorded.v1") == 0)
        return inspection(conn, ev, err, errlen);
    if (strncmp(ev->type, "ocop.evaluation.certificate.", 28) != 0)
        return OC_OK;
    struct rm_certificate c;
    enum oc_err rc = rm_certificate_parse(ev->data, &c, err, errlen);
    if (rc != OC_OK)
        return rc;
    /* rm_certificate_parse checked change_decision is null or an object with a number */
    json_t *decision = json_object_get(ev->data, "change_decision");
    const char *date = json_string_value(json_object_get(decision, "date"));
    long day;
    if (date != NULL && (strlen(date) != 10 || !oc_date_parse(date, &day)))
        date = NULL;
    const char *params[] = {c.certificate_id, c.status, ev->time, date,
                            json_is_object(decision) ? "1" : "0"};
    return oc_db_exec(conn, SQL_FORCE, 5, params, NULL);
}

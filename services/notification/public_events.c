#include "notification/public_events.h"

#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/validate.h"
#include "notification/public_store.h"
#include "notification/read_model.h"

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
    return public_store_inspection(conn, inspection_id, product, known, ev->time);
}

enum oc_err public_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                            char *err, size_t errlen)
{
    (void)svc;
    if (strcmp(ev->type, "ocop.evaluation.inspection.recorded.v1") == 0)
        return inspection(conn, ev, err, errlen);
    if (strncmp(ev->type, "ocop.evaluation.certificate.", 28) != 0)
        return OC_OK;
    struct read_model_certificate c;
    enum oc_err rc = read_model_certificate_parse(ev->data, &c, err, errlen);
    if (rc != OC_OK)
        return rc;
    /* read_model_certificate_parse checked change_decision is null or an object with a number */
    json_t *decision = json_object_get(ev->data, "change_decision");
    const char *date = json_string_value(json_object_get(decision, "date"));
    long day;
    if (date != NULL && (strlen(date) != 10 || !oc_date_parse(date, &day)))
        date = NULL;
    return public_store_force(conn, c.certificate_id, c.status, ev->time, date,
                              json_is_object(decision));
}

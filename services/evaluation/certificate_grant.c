#include "evaluation/certificate_grant.h"

#include <stdio.h>
#include <string.h>

#include "evaluation/certificate_change.h"

enum oc_err certificate_grant(PGconn *conn, struct oc_service *svc,
                              const struct certificate_grant *grant, const char *traceparent,
                              json_t **view, char *detail, size_t detaillen)
{
    struct certificate_fields f = {grant->product_id, grant->stars,           grant->rule_set,
                                   grant->level,      grant->decision_number, grant->issued_on,
                                   grant->result_id,  grant->application_id,  grant->number};
    struct certificate_issue in = {&f, grant->actor != NULL ? grant->actor : "evaluation", 0};
    struct oc_write_result out = {NULL, "", NULL};
    *view = NULL;
    enum oc_err rc = certificate_issue(conn, svc, &in, traceparent, &out);
    if (rc == OC_OK) {
        *view = out.view;
        out.view = NULL;
    } else if (rc == OC_INVALID && json_array_size(out.errors) > 0) {
        /* name the first bad member: the caller has no field list to show */
        const json_t *e = json_array_get(out.errors, 0);
        const char *field = json_string_value(json_object_get(e, "field"));
        snprintf(detail, detaillen, "%s: %s",
                 strcmp(field, "number") == 0 ? "certificate_number" : field,
                 json_string_value(json_object_get(e, "message")));
    } else {
        snprintf(detail, detaillen, "%s", out.detail[0] ? out.detail : "certificate not issued");
    }
    json_decref(out.view);
    json_decref(out.errors);
    return rc;
}

/*
 * The screened records' (an idea's, a business plan's) status_changed event:
 * the data the kind's store function reads for the record as it now is
 * (struct cycle_kind's event), with the move that was made. Keyed by the
 * record's id.
 */
#ifndef REG_CYCLE_EVENTS_H
#define REG_CYCLE_EVENTS_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "common/service.h"
#include "registration/cycle_http.h"

#define EVENT_IDEA_STATUS_CHANGED          "ocop.registration.idea.status_changed.v1"
#define EVENT_BUSINESS_PLAN_STATUS_CHANGED "ocop.registration.business_plan.status_changed.v1"

/*
 * Adds k's status_changed event for record id as it now is, in conn's
 * transaction; from is NULL when it was just registered; reasons may be NULL.
 */
enum oc_err cycle_emit(PGconn *conn, struct oc_service *svc, const struct cycle_kind *k,
                       const char *id, const char *from, const char *role, const json_t *reasons,
                       const char *traceparent);

#endif

/*
 * The application's events (submitted, status_changed): the data the store
 * reads for the application as it now is (application_store_event), with
 * the change that was made. Keyed by the application's id.
 */
#ifndef REG_APPLICATION_EVENTS_H
#define REG_APPLICATION_EVENTS_H

#include <libpq-fe.h>

#include "common/err.h"
#include "common/service.h"

#define EVENT_APPLICATION_SUBMITTED      "ocop.registration.application.submitted.v1"
#define EVENT_APPLICATION_STATUS_CHANGED "ocop.registration.application.status_changed.v1"

struct application_change;

/*
 * Adds an application event (submitted or status changed) for change c, in
 * the caller's transaction; the data describes the application as it now is.
 */
enum oc_err application_emit(PGconn *conn, struct oc_service *svc, const char *id, const char *type,
                             const struct application_change *c, const char *traceparent);

#endif

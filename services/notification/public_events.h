/*
 * What the public face keeps from consumed events beyond the read model (in
 * the consumer's transaction): when each certificate was last put in force,
 * and the outcome of each post-certification inspection, so that open data
 * lists exactly the products of promotion's public catalogue.
 */
#ifndef NOTIF_PUBLIC_EVENTS_H
#define NOTIF_PUBLIC_EVENTS_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/event.h"
#include "common/service.h"

/*
 * Keeps what ev carries for the catalogue rule (certificate and inspection
 * events; nothing for other types). OC_INVALID with the reason in err when an
 * inspection event lacks its ids.
 */
enum oc_err public_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                            char *err, size_t errlen);

#endif

/*
 * The public face's own facts, kept from consumed events: when a certificate
 * came in force (public_certificate_force) and the inspections' outcomes
 * (public_inspections). verify_store.c and open_data_store.c read them.
 */
#ifndef NOTIF_PUBLIC_STORE_H
#define NOTIF_PUBLIC_STORE_H

#include <libpq-fe.h>

#include "common/err.h"

/*
 * Records certificate_id's status as of event_time (newer events win).
 * decision_date (YYYY-MM-DD or NULL) replaces the kept one when has_decision.
 */
enum oc_err public_store_force(PGconn *conn, const char *certificate_id, const char *status,
                               const char *event_time, const char *decision_date, int has_decision);

/* Records an inspection's outcome (NULL when not one we publish) as of event_time. */
enum oc_err public_store_inspection(PGconn *conn, const char *inspection_id, const char *product_id,
                                    const char *outcome, const char *event_time);

#endif

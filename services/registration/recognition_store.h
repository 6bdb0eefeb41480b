/*
 * Every SQL statement about a product's recognitions and the evaluation
 * rounds' read model (migration 0011).
 */
#ifndef REG_RECOGNITION_STORE_H
#define REG_RECOGNITION_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "common/err.h"
#include "registration/recognition.h"
#include "registration/scope.h"

/*
 * Keeps recognition r of an existing product, once per certificate (a second
 * event for the same certificate changes nothing), and moves the product's
 * first_recognised_on back when r is earlier. event_id and event_time are
 * the event's ce_id and ce_time.
 */
enum oc_err recognition_store_add(PGconn *conn, const struct recognition *r, const char *event_id,
                                  const char *event_time);

/*
 * The recognitions of product id in the caller's scope, oldest first, as
 * {"product_id", "first_recognised_on", "items": [...]} (caller owns), or
 * OC_NOT_FOUND.
 */
enum oc_err recognition_store_list(PGconn *conn, const struct reg_scope *scope, const char *id,
                                   json_t **out);

/* Keeps round move m (event event_id) unless a newer move of the round is kept. */
enum oc_err round_model_store_apply(PGconn *conn, const struct round_move_in *m,
                                    const char *event_id);

/*
 * Keeps inspection in of an existing product once per inspection id (the
 * read model of migration 0016); event_id and event_time are the event's
 * ce_id and ce_time.
 */
/* Records a revocation once (a second event for the same certificate changes nothing). */
enum oc_err revocation_store_add(PGconn *conn, const struct revocation_in *in, const char *event_id,
                                 const char *event_time);

enum oc_err inspection_store_add(PGconn *conn, const struct inspection_in *in, const char *event_id,
                                 const char *event_time);

#endif

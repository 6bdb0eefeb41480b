/*
 * Carries out a reaction (reaction.h says when one is due) inside the
 * consumer's transaction: suspends the product's signed and active market
 * linkages, withdraws its participations in trade-promotion events that have
 * not ended, ends its listings at points of sale, each recorded with the
 * reason and the causing event's id and each emitted as an event; then
 * records the reaction itself. Nothing is ever re-activated here.
 */
#ifndef PROMO_REACTION_RUN_H
#define PROMO_REACTION_RUN_H

#include <libpq-fe.h>

#include "common/err.h"
#include "common/event.h"
#include "common/service.h"
#include "promotion/participation_store.h"
#include "promotion/point_of_sale_store.h"

/*
 * Reacts for product_id to cause with reason; today decides which events have
 * ended. left_catalogue says whether the event also took the product out of
 * the catalogue. A reaction that took nothing away (an earlier one did) is
 * not recorded.
 */
enum oc_err reaction_run(PGconn *conn, struct oc_service *svc, const char *product_id,
                         const struct oc_event_in *cause, const char *reason, const char *today,
                         int left_catalogue);

/*
 * Withdraws the participations of scope and emits one event for each
 * (traceparent may be NULL); *count (may be NULL) says how many.
 */
enum oc_err withdraw_participations(PGconn *conn, struct oc_service *svc,
                                    const struct participation_scope *scope,
                                    const char *traceparent, int *count);

/*
 * Ends the listings of scope and emits one event for each (traceparent may be
 * NULL); *count (may be NULL) says how many.
 */
enum oc_err delist_products(PGconn *conn, struct oc_service *svc, const struct delist_scope *scope,
                            const char *traceparent, int *count);

#endif

#include "promotion/reaction_store.h"

#include <stdio.h>

#include "common/db.h"

static const char SQL_REACTION_INSERT[] =
    "INSERT INTO reactions (product_id, cause_event_id, cause_type, reason, linkages_suspended,"
    " participations_withdrawn, listings_delisted)"
    " VALUES ($1::uuid, $2, $3, $4, $5::int, $6::int, $7::int)";
static const char SQL_CATALOGUE_INSERT[] =
    "INSERT INTO catalogue_changes (product_id, promotable, reason, cause_event_id, cause_type)"
    " VALUES ($1::uuid, $2::boolean, $3, $4, $5)";

enum oc_err reaction_store_record(PGconn *conn, const struct reaction_record *r)
{
    char linkages[16], participations[16], listings[16];
    snprintf(linkages, sizeof(linkages), "%d", r->linkages);
    snprintf(participations, sizeof(participations), "%d", r->participations);
    snprintf(listings, sizeof(listings), "%d", r->listings);
    const char *params[] = {r->product_id, r->cause_event_id, r->cause_type, r->reason,
                            linkages,      participations,    listings};
    return oc_db_exec(conn, SQL_REACTION_INSERT, 7, params, NULL);
}

enum oc_err reaction_store_catalogue(PGconn *conn, const char *product_id, int promotable,
                                     const char *reason, const char *cause_event_id,
                                     const char *cause_type)
{
    const char *params[] = {product_id, promotable ? "true" : "false", reason, cause_event_id,
                            cause_type};
    return oc_db_exec(conn, SQL_CATALOGUE_INSERT, 5, params, NULL);
}

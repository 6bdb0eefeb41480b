/* Every SQL statement about the records of reactions and of catalogue changes. */
#ifndef PROMO_REACTION_STORE_H
#define PROMO_REACTION_STORE_H

#include <libpq-fe.h>

#include "common/err.h"

/* What one reaction did. */
struct reaction_record {
    const char *product_id;     /* UUID */
    const char *cause_event_id; /* ce_id of the causing event */
    const char *cause_type;     /* its ce_type */
    const char *reason;         /* why */
    int linkages;               /* linkages suspended */
    int participations;         /* participations withdrawn */
    int listings;               /* point-of-sale listings ended */
};

/* Records a reaction. */
enum oc_err reaction_store_record(PGconn *conn, const struct reaction_record *r);

/* Records a change of a product's place in the catalogue caused by an event. */
enum oc_err reaction_store_catalogue(PGconn *conn, const char *product_id, int promotable,
                                     const char *reason, const char *cause_event_id,
                                     const char *cause_type);

#endif

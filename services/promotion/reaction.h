/*
 * When promotion reacts to an evaluation event, pure C: a certificate that
 * becomes suspended, revoked or expired, or an inspection that ends in recall,
 * suspension or revocation, takes the product's promotion away. Reactions
 * look at the product's view after the event was recorded, so a late event,
 * or one about a certificate that is no longer the product's current one,
 * causes none.
 */
#ifndef PROMO_REACTION_H
#define PROMO_REACTION_H

#include <stddef.h>

#include <jansson.h>

#include "promotion/standing.h"

/*
 * Returns 1 when the certificate event f, now recorded, calls for a reaction
 * on the product whose view (listing_store_get) is after: f names the
 * product's current certificate and its status is suspended, revoked or
 * expired. Writes the reason (naming the certificate, its status and the
 * event's reason) into reason.
 */
int reaction_for_certificate(const json_t *after, const struct certificate_fact *f, char *reason,
                             size_t len);

/*
 * Returns 1 when the inspection event f, now recorded, calls for a reaction:
 * f is the product's newest inspection and its outcome (recall, suspension,
 * revocation) is outstanding against the current certificate. Writes the
 * reason (naming the inspection, its kind, day and outcome).
 */
int reaction_for_inspection(const json_t *after, const struct inspection_fact *f, char *reason,
                            size_t len);

#endif

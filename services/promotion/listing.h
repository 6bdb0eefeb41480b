/*
 * Promotion rules about what of a product may be shown to the public, and
 * whether it may be promoted today. Pure C.
 */
#ifndef PROMO_LISTING_H
#define PROMO_LISTING_H

#include <jansson.h>

#include "promotion/standing.h"

/*
 * Reads the standing of a product view (its "certificate" and
 * "latest_inspection" objects, as listing_store_get gives them) into out;
 * strings are borrowed from view.
 */
void listing_standing(const json_t *view, struct standing *out);

/*
 * Adds to a product view whether the product may be promoted today:
 * "promotable" (boolean), "promotable_reason" (a sentence) and "stars" (the
 * current certificate's stars while it is in force, else null). Returns the
 * verdict.
 */
enum standing_verdict listing_decorate(json_t *view, const char *today);

#endif

/* Promotion rules about what of a product may be shown to the public. Pure C. */
#ifndef PROMO_LISTING_H
#define PROMO_LISTING_H

/*
 * The producer name the public may see: the registered name of an
 * organisation (enterprise, cooperative, cooperative group), or NULL for a
 * household business, whose name is a person's (Law 91/2025 on personal data
 * protection), and for any type not known to be an organisation.
 */
const char *listing_public_name(const char *producer_type, const char *producer_name);

#endif

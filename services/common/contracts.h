/*
 * The data of events that several services consume, parsed and checked once
 * here (the JSON Schemas in schemas/events/ say the same). Strings are
 * borrowed from the event's data and live as long as it.
 */
#ifndef OC_CONTRACTS_H
#define OC_CONTRACTS_H

#include <stddef.h>

#include <jansson.h>

#include "common/err.h"

/*
 * The default code of the province's OCOP agency (OCOP_AGENCY_CODE, and
 * OCOP_PORTAL_AGENCY_CODE in notification): the receiving agency in dossier
 * codes and portal bodies and the issuer in certificate numbers. Vĩnh Long
 * (code 86) since the merger of 2025-07-01; the former Trà Vinh's OCOP.TV
 * stays in numbers issued before.
 */
#define OC_AGENCY_CODE_DEFAULT "OCOP.VL"

/* ocop.registration.producer.registered.v1 */
struct oc_producer_registered {
    const char *producer_id;  /* UUID */
    const char *type;         /* enterprise, cooperative, cooperative_group, household */
    const char *name;         /* registered name (a person's name for households) */
    const char *commune_code; /* 5 digits */
    long long version;        /* aggregate version, >= 1 */
};

/* ocop.registration.product.registered.v1 */
struct oc_product_registered {
    const char *product_id;    /* UUID */
    const char *code;          /* human product code */
    const char *name;          /* product name */
    const char *producer_id;   /* UUID */
    const char *producer_name; /* producer's registered name */
    const char *producer_type; /* as in oc_producer_registered */
    const char *rule_set;      /* "qd148-2023" or "qd1048-2019" */
    long long criteria_set;    /* 1..26, or 0 when the product has none */
    const char *sector;        /* "I".."VI", or NULL */
    const char *commune_code;  /* 5 digits */
    /* 3 digits: the district of commune_code until 2025-06-30, or NULL */
    const char *legacy_district_code;
    /* 5 digits: the unit commune_code names today, or NULL */
    const char *current_commune_code;
    const char *status; /* OCOP cycle status */
    long long version;  /* aggregate version, >= 1 */
};

/* Parses data; OC_INVALID with the reason in err when it breaks the contract. */
enum oc_err oc_producer_registered_parse(json_t *data, struct oc_producer_registered *out,
                                         char *err, size_t errlen);

/* Parses data; OC_INVALID with the reason in err when it breaks the contract. */
enum oc_err oc_product_registered_parse(json_t *data, struct oc_product_registered *out, char *err,
                                        size_t errlen);

/*
 * The producer name the public may see: the registered name of an
 * organisation (enterprise, cooperative, cooperative group), or NULL for a
 * household business, whose name is a person's (Law 91/2025 on personal data
 * protection), and for any type not known to be an organisation (or NULL).
 */
const char *oc_producer_public_name(const char *producer_type, const char *producer_name);

#endif

/*
 * Producer rules (chủ thể OCOP), pure C: which identifier each kind of
 * producer must carry and the shape of a valid producer. No I/O.
 */
#ifndef REG_PRODUCER_H
#define REG_PRODUCER_H

/* The first year a producer may have joined the programme (the national OCOP programme began in
 * 2018). */
#define PRODUCER_REGISTERED_YEAR_MIN 2018

#include <jansson.h>

#include "common/auth.h"
#include "common/fields.h"

/* Producer types, as sent on the wire. */
extern const char *const producer_types[];

/*
 * The members of a producer, in this order (also the SQL parameters' order of
 * producer_store_insert). A validated producer or patch is an array of
 * PRODUCER_N values, strings borrowed from the request body. type and
 * identifier never change: a producer with another legal identity is another
 * producer.
 */
enum {
    PRODUCER_TYPE,           /* one of producer_types; fixed */
    PRODUCER_NAME,           /* registered name */
    PRODUCER_IDENTIFIER,     /* as producer_identifier_problem accepts for type; fixed */
    PRODUCER_REPRESENTATIVE, /* legal representative */
    PRODUCER_COMMUNE_CODE,   /* 5-digit commune code */
    PRODUCER_ADDRESS,        /* or unset */
    PRODUCER_PHONE,          /* or unset */
    PRODUCER_EMAIL,          /* or unset */
    PRODUCER_REGISTERED_ON,  /* YYYY-MM-DD: the day it joined the programme, for a producer
                              * recorded from before the platform; unset: today. POST only */
    PRODUCER_N
};
extern const struct oc_field producer_fields[PRODUCER_N];

/*
 * Returns NULL when identifier suits type, otherwise a message saying what is
 * expected. enterprise and cooperative: the 10-digit enterprise (tax) code with
 * an optional "-" and 3-digit branch suffix; household: the household business
 * code, 6-20 upper-case letters and digits; cooperative_group: the reference of
 * its cooperation contract, 3-64 characters.
 */
const char *producer_identifier_problem(const char *type, const char *identifier);

/* Validates body into out[PRODUCER_N], recording every field error in v. Returns 1 when valid. */
int producer_from_json(struct oc_v *v, struct oc_field_value *out);

/*
 * Validates a merge-patch body into out[PRODUCER_N]: set members change,
 * cleared ones (address, phone, email) become null. Returns 1 when valid and
 * not empty.
 */
int producer_patch_from_json(struct oc_v *v, struct oc_field_value *out);

/*
 * The members of a producer's view that are a household's personal data
 * (identifier, representative, address, phone, email), NULL-terminated.
 */
extern const char *const producer_personal_fields[];

/*
 * Returns 1 when caller p may see the personal data of the producer shown in
 * view (a producer's view as the store makes it, with id, type and
 * current_commune_code): always when it is not a household; for a household,
 * when p acts as province_officer, as commune_officer of the producer's
 * current commune, or as producer for it (its id among producer_ids).
 */
int producer_personal_visible(const json_t *view, const struct oc_principal *p);

/* Removes producer_personal_fields from view unless producer_personal_visible. */
void producer_view_redact(json_t *view, const struct oc_principal *p);

#endif

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
#include "common/validate.h"

/* Producer types, as sent on the wire. */
extern const char *const producer_types[];

/* A validated producer to create; strings are borrowed from the request body. */
struct producer_new {
    const char *type;           /* one of producer_types */
    const char *name;           /* registered name */
    const char *identifier;     /* as producer_identifier_ok accepts for type */
    const char *representative; /* legal representative */
    const char *commune_code;   /* 5-digit commune code */
    const char *address;        /* NULL when absent */
    const char *phone;          /* NULL when absent */
    const char *email;          /* NULL when absent */
    const char *registered_on;  /* YYYY-MM-DD: the day it joined the programme, for a producer
                                 * recorded from before the platform; NULL: today */
};

/*
 * Returns NULL when identifier suits type, otherwise a message saying what is
 * expected. enterprise and cooperative: the 10-digit enterprise (tax) code with
 * an optional "-" and 3-digit branch suffix; household: the household business
 * code, 6-20 upper-case letters and digits; cooperative_group: the reference of
 * its cooperation contract, 3-64 characters.
 */
const char *producer_identifier_problem(const char *type, const char *identifier);

/* Validates body into out, recording every field error in v. Returns 1 when valid. */
int producer_from_json(struct oc_v *v, struct producer_new *out);

/*
 * A validated change to a producer (JSON merge patch): a NULL member is left
 * as it is; a member in clear_* is set to NULL. type and identifier never
 * change: a producer with another legal identity is another producer.
 */
struct producer_patch {
    const char *name;           /* new registered name, or NULL */
    const char *representative; /* new legal representative, or NULL */
    const char *commune_code;   /* new commune, or NULL */
    const char *address;        /* new address, or NULL */
    const char *phone;          /* new phone, or NULL */
    const char *email;          /* new e-mail, or NULL */
    int clear_address;          /* 1: address becomes NULL */
    int clear_phone;            /* 1: phone becomes NULL */
    int clear_email;            /* 1: email becomes NULL */
};

/* Validates a merge-patch body into out. Returns 1 when valid and not empty. */
int producer_patch_from_json(struct oc_v *v, struct producer_patch *out);

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

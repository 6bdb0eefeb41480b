/*
 * The read model's facts, read from the events that carry them: a product
 * (registration), a producer (registration) and a certificate (evaluation).
 * Strings are borrowed from the event's data.
 */
#ifndef NOTIF_READ_MODEL_H
#define NOTIF_READ_MODEL_H

#include <stddef.h>

#include <jansson.h>

#include "common/err.h"

struct read_model_certificate {
    const char *certificate_id, *number, *product_id, *product_code, *status, *rule_set, *level;
    const char *decision_number, *issued_on, *expires_on;
    const char *reason, *change_decision, *changed_on; /* NULL in an issued event */
    long long stars, version;
};

#define RM_NUMBER_MAX 64 /* a certificate number's longest length, in characters */

/*
 * Returns 1 when number can be a certificate's number as evaluation keeps it
 * (its certificate_number_problem): 1..RM_NUMBER_MAX characters of UTF-8
 * without control characters, without < > " ' ` \ & and without leading or
 * trailing spaces: TV-CN-2025-00001 from the pattern, 123/QĐ-UBND printed
 * before the platform. NULL is 0.
 */
int read_model_number_ok(const char *number);

/*
 * Reads a certificate event's data (issued, status_changed or expiry_notice):
 * the members the three share, checked against their schemas. OC_INVALID with
 * the reason in err when it breaks the contract.
 */
enum oc_err read_model_certificate_parse(json_t *data, struct read_model_certificate *out,
                                         char *err, size_t errlen);

/* The certificate statuses, NULL-terminated. */
extern const char *const read_model_certificate_statuses[];

/*
 * The status a certificate has on day today (YYYY-MM-DD): its recorded
 * status, except that one in force (valid or expiring) whose expires_on is
 * before today is expired. Returns a static string.
 */
const char *read_model_status_on(const char *status, const char *expires_on, const char *today);

#endif

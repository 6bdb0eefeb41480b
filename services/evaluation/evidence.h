/*
 * Market evidence, pure C: the data of ocop.promotion.linkage.changed.v1
 * as the evaluation service keeps it (schemas/events). No I/O.
 */
#ifndef EVAL_EVIDENCE_H
#define EVAL_EVIDENCE_H

#include <stddef.h>

#include <jansson.h>

#include "common/err.h"

/* Linkage statuses, NULL-terminated. */
extern const char *const evidence_linkage_statuses[];

/* A linkage event's data; strings borrowed from it. */
struct evidence_linkage {
    const char *linkage_id;   /* 1..200 characters */
    const char *product_id;   /* lower-case UUID */
    const char *status;       /* one of evidence_linkage_statuses */
    const char *partner_name; /* or NULL */
    const char *channel;      /* or NULL */
    long long version;        /* the linkage's version (>= 1), or 0 when the event has none */
};

/*
 * Parses a linkage event's data and its ce_time (time). Returns OC_OK, or
 * OC_INVALID with the reason in err when it breaks the contract: product_id,
 * linkage_id and status are required, partner_name and channel are strings
 * when present, version a positive integer when present, and the event needs
 * an RFC 3339 UTC ce_time ("...Z"), which orders events without a version.
 */
enum oc_err evidence_linkage_parse(const json_t *data, const char *time,
                                   struct evidence_linkage *out, char *err, size_t errlen);

#endif

/*
 * Members of a resource as a table, pure C. A resource describes its members
 * once, as a static const array of struct oc_field in its domain file, and the
 * same code validates a POST body, a merge-patch body and a stored view,
 * merges a patch into a record, and turns a record into SQL parameters in
 * table order. Rules between members (dates in order, status moves) stay with
 * each resource.
 *
 * This is the model for a new resource: declare its table (an enum of member
 * indexes, then the array with designated initialisers), call oc_fields_create
 * and oc_fields_patch from its *_from_json functions, and add the table to
 * tests/unit/common/test_fields_openapi.c, which keeps each table equal to the
 * component schemas of its service's OpenAPI document (names, required set,
 * kinds, bounds, what a patch may carry or null), so a bound is said once.
 * Written this way: promotion's trade events, participations, linkages and
 * points of sale, registration's producers and trademarks, evaluation's market findings and
 * inspection plan items, councils, their members and conflicts, entries,
 * results and withdrawals; tests/unit/common/test_fields.c shows every kind.
 */
#ifndef OC_FIELDS_H
#define OC_FIELDS_H

#include <stddef.h>

#include <jansson.h>

#include "common/validate.h"

/* What a member holds. */
enum oc_field_kind {
    OC_FIELD_TEXT,   /* a string of min..max characters (oc_v_string) */
    OC_FIELD_ENUM,   /* one of allowed */
    OC_FIELD_DIGITS, /* exactly min..max ASCII digits */
    OC_FIELD_DATE, /* a calendar date YYYY-MM-DD that exists (of the years min..max unless max 0) */
    OC_FIELD_UUID, /* a lower-case UUID */
    OC_FIELD_INT,  /* a JSON integer min..max */
    OC_FIELD_NUMBER, /* a JSON number (integer or not) greater than 0 and at most max */
    OC_FIELD_BOOL    /* true or false (n is 1 or 0) */
};

/* How a member may be written. */
enum oc_field_flag {
    OC_FIELD_REQUIRED = 1,  /* a POST must give it */
    OC_FIELD_CLEARABLE = 2, /* a PATCH may set it to null */
    OC_FIELD_FIXED = 4,     /* set by the POST, never changed by a PATCH */
    OC_FIELD_SERVER = 8,    /* never in a POST: set by the service or a later PATCH (status) */
    OC_FIELD_MOVES = 16,    /* changed only by a transition: refused in a PATCH too */
    OC_FIELD_NEW_ONLY = 32, /* only in a POST: unknown to a PATCH */
    OC_FIELD_OWN = 64       /* a known member the resource's own rule reads (never read here) */
};

/* One member. */
struct oc_field {
    const char *name;           /* member name on the wire and column order in SQL */
    enum oc_field_kind kind;    /* what it holds */
    long long min, max;         /* bounds: characters, digits, value or years */
    const char *const *allowed; /* OC_FIELD_ENUM: NULL-terminated allowed values */
    unsigned flags;             /* enum oc_field_flag bits */
};

/* One member's value in a record or a patch. */
struct oc_field_value {
    const char *s; /* text members (borrowed from a body or view), else NULL */
    long long n;   /* OC_FIELD_INT, OC_FIELD_BOOL (1 or 0) */
    double d;      /* OC_FIELD_NUMBER */
    int set;       /* 1 when the member has a value */
    int clear;     /* in a patch: 1 when it is set to null */
};

/*
 * Validates a POST body against the n fields into out[n]: unknown members,
 * missing required ones, OC_FIELD_SERVER ones and bad values are field errors in
 * v. extra (NULL-terminated, may be NULL) names members the caller reads
 * itself. Returns 1 when there is none.
 */
int oc_fields_create(struct oc_v *v, const struct oc_field *f, size_t n, const char *const *extra,
                     struct oc_field_value *out);

/*
 * Validates a merge-patch body into out[n]: null clears a OC_FIELD_CLEARABLE
 * member (other members may not be null), a OC_FIELD_FIXED member is refused as
 * "immutable", a OC_FIELD_MOVES one as "not_allowed", a OC_FIELD_NEW_ONLY one as
 * "unknown", an empty patch is an error. extra
 * (NULL-terminated, may be NULL) names members the caller reads itself. Returns 1 when valid.
 */
int oc_fields_patch(struct oc_v *v, const struct oc_field *f, size_t n, const char *const *extra,
                    struct oc_field_value *out);

/* Reads a stored view's members into out[n] (strings borrowed from view). */
void oc_fields_from_view(const json_t *view, const struct oc_field *f, size_t n,
                         struct oc_field_value *out);

/* Writes before with patch applied into after (all n long; strings borrowed). */
void oc_fields_merge(const struct oc_field_value *before, const struct oc_field_value *patch,
                     size_t n, struct oc_field_value *after);

/* Room for one member's SQL parameter text. */
struct oc_field_param {
    char text[40]; /* a number printed */
};

/*
 * Fills params[n] with the SQL parameter of each value (text members as
 * they are, numbers printed into buf[n]; NULL when not set).
 */
void oc_fields_params(const struct oc_field *f, size_t n, const struct oc_field_value *values,
                      struct oc_field_param *buf, const char **params);

#endif

/*
 * Members of a resource as a table, pure C: each resource of the promotion
 * service (trade-promotion events, participations, market linkages, points of
 * sale) describes its members once, and the same code validates a POST body,
 * a merge-patch body and a stored view, merges a patch into a record, and
 * turns a record into SQL parameters in table order. Rules between members
 * (dates in order, status moves) stay with each resource.
 */
#ifndef PROMO_FIELDS_H
#define PROMO_FIELDS_H

#include <stddef.h>

#include <jansson.h>

#include "common/validate.h"

/* What a member holds. */
enum field_kind {
    FIELD_TEXT,   /* a string of min..max characters (oc_v_string) */
    FIELD_ENUM,   /* one of allowed */
    FIELD_DIGITS, /* exactly min..max ASCII digits */
    FIELD_DATE,   /* a calendar date YYYY-MM-DD that exists */
    FIELD_UUID,   /* a lower-case UUID */
    FIELD_INT,    /* a JSON integer min..max */
    FIELD_NUMBER  /* a JSON number (integer or not) greater than 0 and at most max */
};

/* How a member may be written. */
enum field_flag {
    FIELD_REQUIRED = 1,  /* a POST must give it */
    FIELD_CLEARABLE = 2, /* a PATCH may set it to null */
    FIELD_FIXED = 4,     /* set by the POST, never changed by a PATCH */
    FIELD_SERVER = 8,    /* set only by the service (e.g. status): refused in a POST */
    FIELD_MOVES = 16     /* changed only by a transition: refused in a PATCH too */
};

/* One member. */
struct field {
    const char *name;           /* member name on the wire and column order in SQL */
    enum field_kind kind;       /* what it holds */
    long long min, max;         /* bounds: characters, digits or value */
    const char *const *allowed; /* FIELD_ENUM: NULL-terminated allowed values */
    unsigned flags;             /* enum field_flag bits */
};

/* One member's value in a record or a patch. */
struct value {
    const char *s; /* text members (borrowed from a body or view), else NULL */
    long long n;   /* FIELD_INT */
    double d;      /* FIELD_NUMBER */
    int set;       /* 1 when the member has a value */
    int clear;     /* in a patch: 1 when it is set to null */
};

/*
 * Validates a POST body against the n fields into out[n]: unknown members,
 * missing required ones, FIELD_SERVER ones and bad values are field errors in
 * v. extra (NULL-terminated, may be NULL) names members the caller reads
 * itself. Returns 1 when there is none.
 */
int fields_create(struct oc_v *v, const struct field *f, size_t n, const char *const *extra,
                  struct value *out);

/*
 * Validates a merge-patch body into out[n]: null clears a FIELD_CLEARABLE
 * member (other members may not be null), a FIELD_FIXED member is refused as
 * "immutable", a FIELD_MOVES one as "not_allowed", an empty patch is an error. extra
 * (NULL-terminated, may be NULL) names members the caller reads itself. Returns 1 when valid.
 */
int fields_patch(struct oc_v *v, const struct field *f, size_t n, const char *const *extra,
                 struct value *out);

/* Reads a stored view's members into out[n] (strings borrowed from view). */
void fields_from_view(const json_t *view, const struct field *f, size_t n, struct value *out);

/* Writes before with patch applied into after (all n long; strings borrowed). */
void fields_merge(const struct value *before, const struct value *patch, size_t n,
                  struct value *after);

/* Room for one member's SQL parameter text. */
struct field_param {
    char text[40]; /* a number printed */
};

/*
 * Fills params[n] with the SQL parameter of each value (text members as
 * they are, numbers printed into buf[n]; NULL when not set).
 */
void fields_params(const struct field *f, size_t n, const struct value *values,
                   struct field_param *buf, const char **params);

#endif

/*
 * Reading the rule set and criteria files' JSON members, pure C, shared by
 * rule_set.c (one rule set, the sets together), criteria_index.c and
 * criteria_detail.c: each reader checks one member's type and bounds and,
 * on a problem, writes the message naming where it is into msg and returns 0.
 * No I/O.
 */
#ifndef EVAL_RULE_SET_JSON_H
#define EVAL_RULE_SET_JSON_H

#include <stddef.h>

#include <jansson.h>

#define RSJ_TEXT_MAX      4000 /* bytes of a free-text member */
#define RSJ_NAME_MAX_LEN  500  /* bytes of a name */
#define RSJ_TITLE_MAX     1000 /* bytes of a title */
#define RSJ_CODE_MAX      16   /* bytes of a part, group or criterion code */
#define RSJ_FILE_NAME_MAX 100  /* bytes of a file name under criteria/ */
#define RSJ_GROUPS_MAX    100  /* groups in one criteria set */
#define RSJ_CRITERIA_MAX  500  /* criteria in one criteria set */
#define RSJ_OPTIONS_MAX   20   /* options of one criterion */

/* Whether s is one of allowed (NULL-terminated). */
int rsj_one_of(const char *const *allowed, const char *s);

/* Whether a and b are both set and equal. */
int rsj_same(const char *a, const char *b);

/* A plain file name under criteria/: [a-z0-9][a-z0-9.-]*.json, no path. */
int rsj_file_name_ok(const char *s);

/* Writes the name of member key of the object at where ("parts[1].code", or "code" at the top). */
const char *rsj_member(char *buf, size_t len, const char *where, const char *key);

/* Refuses members of obj not named in allowed (NULL-terminated). */
int rsj_only(json_t *obj, const char *where, const char *const *allowed, char *msg, size_t len);

/*
 * Reads string member key (1..max bytes, no NUL) into *out. An absent or null
 * member is refused when required, else gives NULL.
 */
int rsj_text_at(json_t *obj, const char *where, const char *key, int required, size_t max,
                const char **out, char *msg, size_t len);

/*
 * Reads whole-number member key within min..max into *out. An absent or null
 * member is refused when required, else leaves *out alone.
 */
int rsj_int_at(json_t *obj, const char *where, const char *key, int required, long min, long max,
               long *out, char *msg, size_t len);

/* Reads an optional date member; *day is left alone when it is absent or null. */
int rsj_date_at(json_t *obj, const char *key, const char **out, long *day, char *msg, size_t len);

/* Reads boolean member key into *out; absent or null is refused when required. */
int rsj_bool_at(json_t *obj, const char *where, const char *key, int required, int *out, char *msg,
                size_t len);

/* Reads array member key of min..max items into *out (borrowed); absent counts as empty. */
int rsj_array_at(json_t *obj, const char *where, const char *key, size_t min, size_t max,
                 json_t **out, char *msg, size_t len);

/* Checks that item i of an array (named at) is an object of the allowed members. */
int rsj_item_ok(json_t *item, const char *at, const char *const *allowed, char *msg, size_t len);

struct rule_set_part;

/*
 * Reads the heading a part or a group of points has, item i of an array (named
 * at), an object of the allowed members: code, name_vi, optional name_en and
 * max_points 1..100, into *out (strings borrowed from item).
 */
int rsj_heading_at(json_t *item, const char *at, const char *const *allowed,
                   struct rule_set_part *out, char *msg, size_t len);

/* An optional array of strings (notes, known issues), member key of the object at where. */
int rsj_texts_ok(json_t *obj, const char *where, const char *key, char *msg, size_t len);

/*
 * Checks "sources": 1 or more objects, each with a unique "id" and where it
 * came from ("url", "repo" or "document"); other members are free.
 */
int rsj_sources_ok(json_t *doc, char *msg, size_t len);

/* Checks "confidence" of a rule set: an object of one or more non-empty strings. */
int rsj_confidence_ok(json_t *doc, char *msg, size_t len);

#endif

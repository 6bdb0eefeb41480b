#include "registration/admin_unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/date.h"
#include "common/err.h"

#define CSV_FIELDS        8
#define NAME_MAX_BYTES    200
#define RESOLVE_MAX_STEPS 32
#define DAY_MIN           (-100000000L) /* an unknown valid_from: before any date */
#define DAY_MAX           100000000L    /* an unknown valid_to: after any date */

const char *const admin_unit_levels[] = {"province", "district", "commune", NULL};

/* Each level: its code length and the unit types it may have (NULL-terminated). */
static const struct {
    const char *level;    /* as in admin_unit_levels */
    size_t code_len;      /* digits of a code at this level */
    const char *types[4]; /* lower-case Vietnamese unit types */
} level_table[] = {
    {"province", 2, {"tỉnh", "thành phố", NULL}},
    {"district", 3, {"huyện", "thị xã", "thành phố", NULL}},
    {"commune", 5, {"xã", "phường", "thị trấn", NULL}},
};

#define LEVELS (sizeof(level_table) / sizeof(level_table[0]))

/* ---- CSV ------------------------------------------------------------------------------------ */

/* Reads a split commune's "first;second" successor field into successor_code and split_code. */
static int split_read(struct admin_unit *u, size_t lineno, char *msg, size_t len)
{
    char *semi = u->successor_code != NULL ? strchr(u->successor_code, ';') : NULL;
    u->split_code = NULL;
    if (semi == NULL)
        return 1;
    *semi = '\0';
    if (strchr(semi + 1, ';') != NULL)
        return oc_say(msg, len, "line %zu: a commune is split between at most two units", lineno);
    u->split_code = semi + 1;
    if (u->code != NULL && strcmp(u->split_code, u->code) == 0) {
        /* the part that keeps the code comes first: a code leads to the unit reusing it */
        u->split_code = u->successor_code;
        u->successor_code = semi + 1;
    }
    return 1;
}

/* Splits line into exactly CSV_FIELDS fields of u (empty ones NULL). Returns 1, or 0 with msg. */
static int csv_record(char *line, size_t lineno, struct admin_unit *u, char *msg, size_t len)
{
    const char **fields[CSV_FIELDS] = {&u->level,    &u->code,          &u->name,
                                       &u->type,     &u->parent_code,   &u->valid_from,
                                       &u->valid_to, &u->successor_code};
    if (strchr(line, '"') != NULL)
        return oc_say(msg, len, "line %zu: quoted fields are not supported (found '\"')", lineno);
    if (*line == '\0')
        return oc_say(msg, len, "line %zu is empty", lineno);
    size_t i = 0;
    for (char *p = line; p != NULL && i < CSV_FIELDS; i++) {
        char *comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        *fields[i] = *p != '\0' ? p : NULL;
        p = comma != NULL ? comma + 1 : NULL;
        if (i == CSV_FIELDS - 1 && p != NULL)
            return oc_say(msg, len, "line %zu has more than %d fields", lineno, CSV_FIELDS);
        if (p == NULL && i < CSV_FIELDS - 1)
            return oc_say(msg, len, "line %zu has %zu fields; expected %d", lineno, i + 1,
                          CSV_FIELDS);
    }
    return split_read(u, lineno, msg, len);
}

/* Cuts the next line off *rest (LF or CRLF), or returns NULL at the end of the text. */
static char *next_line(char **rest)
{
    char *line = *rest;
    if (line == NULL || *line == '\0')
        return NULL;
    char *nl = strchr(line, '\n');
    *rest = nl != NULL ? nl + 1 : NULL;
    if (nl != NULL)
        *nl = '\0';
    size_t n = strlen(line);
    if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
    return line;
}

int admin_unit_csv_parse(char *text, struct admin_unit **units, size_t *n, char *msg, size_t len)
{
    char *rest = text;
    char *line = next_line(&rest);
    struct admin_unit *out = NULL;
    size_t count = 0;
    *units = NULL;
    *n = 0;
    if (line == NULL || strcmp(line, ADMIN_UNIT_CSV_HEADER) != 0)
        return oc_say(msg, len, "line 1 must be the header \"%s\"", ADMIN_UNIT_CSV_HEADER);
    while ((line = next_line(&rest)) != NULL) {
        out = oc_xrealloc(out, (count + 1) * sizeof(*out));
        if (!csv_record(line, count + 2, &out[count], msg, len))
            goto out_free;
        count++;
    }
    if (count == 0) {
        oc_say(msg, len, "the file holds no records");
        goto out_free;
    }
    *units = out;
    *n = count;
    return 1;
out_free:
    free(out);
    return 0;
}

/* ---- one record ----------------------------------------------------------------------------- */

static int level_index(const char *level)
{
    for (size_t i = 0; i < LEVELS; i++)
        if (level != NULL && strcmp(level_table[i].level, level) == 0)
            return (int)i;
    return -1;
}

static int code_ok(const char *code, size_t n)
{
    return code != NULL && strlen(code) == n && strspn(code, "0123456789") == n;
}

static int code_any_level(const char *code)
{
    for (size_t i = 0; i < LEVELS; i++)
        if (code_ok(code, level_table[i].code_len))
            return 1;
    return 0;
}

/* The name must read "<Type> ...": the type with its first (ASCII) letter in upper case. */
static int name_has_type(const char *name, const char *type)
{
    size_t n = strlen(type);
    return name[0] == type[0] - 'a' + 'A' && strncmp(name + 1, type + 1, n - 1) == 0 &&
           name[n] == ' ' && name[n + 1] != '\0';
}

static int name_ok(const struct admin_unit *u, int lv, char *msg, size_t len)
{
    int known = 0;
    for (const char *const *t = level_table[lv].types; *t != NULL && !known; t++)
        known = u->type != NULL && strcmp(*t, u->type) == 0;
    if (!known)
        return oc_say(msg, len, "type \"%s\" is not a unit type of a %s", u->type ? u->type : "",
                      u->level);
    if (u->name == NULL || *u->name == '\0' || strlen(u->name) > NAME_MAX_BYTES)
        return oc_say(msg, len, "name must be 1 to %d bytes", NAME_MAX_BYTES);
    for (const char *p = u->name; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return oc_say(msg, len, "name holds a control character");
    if (u->name[strlen(u->name) - 1] == ' ')
        return oc_say(msg, len, "name \"%s\" ends with a space", u->name);
    if (!name_has_type(u->name, u->type))
        return oc_say(msg, len, "name \"%s\" must start with its type (\"%s ...\")", u->name,
                      u->type);
    return 1;
}

static int dates_ok(const struct admin_unit *u, char *msg, size_t len)
{
    long from = 0, to = 0;
    if (u->valid_from != NULL && !oc_date_parse(u->valid_from, &from))
        return oc_say(msg, len, "valid_from \"%s\" is not a YYYY-MM-DD date", u->valid_from);
    if (u->valid_to != NULL && !oc_date_parse(u->valid_to, &to))
        return oc_say(msg, len, "valid_to \"%s\" is not a YYYY-MM-DD date", u->valid_to);
    if (u->valid_from != NULL && u->valid_to != NULL && from > to)
        return oc_say(msg, len, "valid_from %s is after valid_to %s", u->valid_from, u->valid_to);
    if (u->successor_code != NULL && u->valid_to == NULL)
        return oc_say(msg, len, "a unit with a successor must have a valid_to");
    return 1;
}

int admin_unit_check(const struct admin_unit *u, char *msg, size_t len)
{
    int lv = level_index(u->level);
    if (lv < 0)
        return oc_say(msg, len, "level \"%s\" is not province, district or commune",
                      u->level ? u->level : "");
    if (!code_ok(u->code, level_table[lv].code_len))
        return oc_say(msg, len, "code \"%s\" must be %zu digits for a %s", u->code ? u->code : "",
                      level_table[lv].code_len, u->level);
    if (!name_ok(u, lv, msg, len))
        return 0;
    if (lv == 0 && u->parent_code != NULL)
        return oc_say(msg, len, "a province has no parent_code");
    if (lv > 0 && !code_any_level(u->parent_code))
        return oc_say(msg, len, "parent_code \"%s\" must be a 2- or 3-digit code",
                      u->parent_code ? u->parent_code : "");
    if (u->successor_code != NULL && !code_any_level(u->successor_code))
        return oc_say(msg, len, "successor_code \"%s\" must be a 2-, 3- or 5-digit code",
                      u->successor_code);
    if (u->split_code != NULL && (lv != 2 || !code_ok(u->split_code, level_table[lv].code_len) ||
                                  strcmp(u->split_code, u->successor_code) == 0))
        return oc_say(msg, len, "a split (\"%s;%s\") is of a commune into two different communes",
                      u->successor_code, u->split_code);
    return dates_ok(u, msg, len);
}

/* ---- the set -------------------------------------------------------------------------------- */

/* The first and last day of u (which passed admin_unit_check); unknown bounds are open. */
static void unit_span(const struct admin_unit *u, long *from, long *to)
{
    if (!oc_date_parse(u->valid_from, from))
        *from = DAY_MIN;
    if (!oc_date_parse(u->valid_to, to))
        *to = DAY_MAX;
}

int admin_unit_valid_on(const struct admin_unit *u, long day)
{
    long from, to;
    unit_span(u, &from, &to);
    return from <= day && day <= to;
}

/* The version of code valid on day, or NULL. */
static const struct admin_unit *version_on(const struct admin_unit *units, size_t n,
                                           const char *code, long day)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(units[i].code, code) == 0 && admin_unit_valid_on(&units[i], day))
            return &units[i];
    return NULL;
}

/* Among the versions of code that began on or before day, the one that ends last, or NULL. */
static const struct admin_unit *version_begun(const struct admin_unit *units, size_t n,
                                              const char *code, long day)
{
    const struct admin_unit *best = NULL;
    long best_to = DAY_MIN, from, to;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(units[i].code, code) != 0)
            continue;
        unit_span(&units[i], &from, &to);
        if (from <= day && (best == NULL || to > best_to)) {
            best = &units[i];
            best_to = to;
        }
    }
    return best;
}

const struct admin_unit *admin_unit_resolve(const struct admin_unit *units, size_t n,
                                            const char *code, long day)
{
    const struct admin_unit *u = version_begun(units, n, code, day);
    for (int step = 0; u != NULL && step < RESOLVE_MAX_STEPS; step++) {
        long from, to;
        unit_span(u, &from, &to);
        if (to >= day)
            return u;
        if (u->successor_code == NULL)
            return NULL;
        u = version_on(units, n, u->successor_code, to + 1);
    }
    return NULL;
}

/* Checks u's successor: a version of the same level valid on the day after u ends. */
static int successor_ok(const struct admin_unit *units, size_t n, const struct admin_unit *u,
                        const char *code, char *msg, size_t len)
{
    long from, to;
    char next[16];
    unit_span(u, &from, &to);
    oc_day_format(to + 1, next, sizeof(next));
    const struct admin_unit *s = version_on(units, n, code, to + 1);
    if (s == NULL)
        return oc_say(msg, len, "successor %s has no version valid on %s (valid_to + 1)", code,
                      next);
    if (strcmp(s->level, u->level) != 0)
        return oc_say(msg, len, "successor %s is a %s, not a %s", code, s->level, u->level);
    return 1;
}

/* Checks u against another version v of the same code. */
static int versions_ok(const struct admin_unit *u, const struct admin_unit *v, char *msg,
                       size_t len)
{
    long uf, ut, vf, vt;
    unit_span(u, &uf, &ut);
    unit_span(v, &vf, &vt);
    if (uf <= vt && vf <= ut)
        return oc_say(msg, len, "code %s has another version (%s) whose dates overlap this one's",
                      u->code, v->name);
    if (vf > ut && (u->successor_code == NULL || strcmp(u->successor_code, u->code) != 0))
        return oc_say(msg, len, "code %s is reused by %s from %s, so its successor_code must be %s",
                      u->code, v->name, v->valid_from, u->code);
    return 1;
}

/* Checks u's parent: the code of some unit of a higher level. */
static int parent_ok(const struct admin_unit *units, size_t n, const struct admin_unit *u,
                     char *msg, size_t len)
{
    int lv = level_index(u->level);
    for (size_t i = 0; i < n; i++)
        if (strcmp(units[i].code, u->parent_code) == 0 && level_index(units[i].level) < lv)
            return 1;
    return oc_say(msg, len, "parent_code %s is not the code of a unit of a higher level",
                  u->parent_code);
}

/* Checks record i against the whole set. */
static int record_fits(const struct admin_unit *units, size_t n, size_t i, char *msg, size_t len)
{
    const struct admin_unit *u = &units[i];
    if (u->parent_code != NULL && !parent_ok(units, n, u, msg, len))
        return 0;
    if (u->successor_code != NULL && !successor_ok(units, n, u, u->successor_code, msg, len))
        return 0;
    if (u->split_code != NULL && !successor_ok(units, n, u, u->split_code, msg, len))
        return 0;
    for (size_t j = 0; j < n; j++)
        if (j != i && strcmp(units[j].code, u->code) == 0 && !versions_ok(u, &units[j], msg, len))
            return 0;
    return 1;
}

size_t admin_unit_check_set(const struct admin_unit *units, size_t n, char *msg, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (!record_fits(units, n, i, msg, len))
            return i;
    return n;
}

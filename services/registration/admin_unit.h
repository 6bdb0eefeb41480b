/*
 * Administrative units, then and now (domain §8), pure C: the reader of the
 * reference CSV, the shape of one unit record, the rules the whole set of
 * records must follow, and how a code resolves to the unit that carries it on
 * a given day. No I/O.
 *
 * A record is a GSO code together with its validity: the 2025 reform reused
 * codes, so 29242 is Phường 3 until 2025-06-30 and Phường Trà Vinh from
 * 2025-07-01. Dates are inclusive; a missing valid_from means "since before
 * our sources", a missing valid_to "still valid".
 */
#ifndef REG_ADMIN_UNIT_H
#define REG_ADMIN_UNIT_H

#include <stddef.h>

/* The header line the reference CSV must start with. */
#define ADMIN_UNIT_CSV_HEADER "level,code,name,type,parent_code,valid_from,valid_to,successor_code"

/* Levels, highest first, as stored and sent on the wire (NULL-terminated). */
extern const char *const admin_unit_levels[];

/* One version of a unit. Strings are borrowed (from the parsed CSV text). */
struct admin_unit {
    const char *level;          /* "province", "district" or "commune" */
    const char *code;           /* GSO code: 2 digits (province), 3 (district), 5 (commune) */
    const char *name;           /* full name starting with its type, e.g. "Xã Phú Cần" */
    const char *type;           /* "tỉnh", "huyện", "xã", ... as admin_unit_check allows */
    const char *parent_code;    /* the unit above; NULL for a province */
    const char *valid_from;     /* first day, YYYY-MM-DD; NULL when not known */
    const char *valid_to;       /* last day, YYYY-MM-DD, inclusive; NULL while valid */
    const char *successor_code; /* the unit it became on valid_to + 1; NULL when none; for a
                                 * split commune, the unit reusing its code if one does, else
                                 * the unit that received a part first */
    const char *split_code;     /* a commune split between two units (NQ 1687/NQ-UBTVQH15):
                                 * the unit that received the remainder; else NULL */
};

/*
 * Splits text (modified in place; it must outlive *units) into records. The
 * first line must be ADMIN_UNIT_CSV_HEADER; lines end in LF or CRLF; record i
 * comes from line i + 2; empty fields become NULL. Quoted fields are not
 * supported and a quote character is refused rather than mis-read, as are
 * empty lines and lines without exactly 8 fields. A split commune's
 * successor_code holds its two successors separated by ';' ("29767;29770"):
 * the first becomes successor_code, the second split_code, except that a
 * successor reusing the split commune's own code always becomes
 * successor_code ("29836;29719" for 29719: successor 29719, split 29836). Returns 1 with the
 * records in *units (caller frees the array) and their number in *n, or 0 with *units NULL and a
 * message naming the line in msg.
 */
int admin_unit_csv_parse(char *text, struct admin_unit **units, size_t *n, char *msg, size_t len);

/*
 * Checks one record by itself: a known level; a code of the level's length;
 * a type suiting the level and a name starting with it ("Xã ..." for "xã");
 * a parent for every unit but a province; dates that are calendar dates with
 * valid_from <= valid_to; a successor only for a unit that ended; a split
 * only for a commune, into two different units. Returns 1,
 * or 0 with what is wrong in msg.
 */
int admin_unit_check(const struct admin_unit *u, char *msg, size_t len);

/*
 * Checks the records as a whole; each must already pass admin_unit_check.
 * No two versions of a code overlap in time (so (code, valid_from) is
 * unique). A parent is the code of a unit of a higher level. A successor (and
 * the second unit of a split) has a version of the same level valid on the
 * day after valid_to. A code reused
 * by a later version is the successor of its earlier version, which is what
 * lets admin_unit_resolve start from a code without the date it was recorded.
 * Returns n when all is well, else the index of the first offending record
 * with a message in msg. Quadratic: fine for the few thousand units of a
 * country.
 */
size_t admin_unit_check_set(const struct admin_unit *units, size_t n, char *msg, size_t len);

/* Returns 1 when u is valid on day (days since 1970-01-01). */
int admin_unit_valid_on(const struct admin_unit *u, long day);

/*
 * The unit that code has become on day: the version of code valid on day when
 * there is one; otherwise the version of code that ended last before day,
 * followed through its successors (each taken on the day after its
 * predecessor's valid_to) to the one valid on day. Returns a pointer into
 * units, or NULL when code is unknown, begins after day, or its chain ends
 * without a successor (a district after 2025-06-30). A split commune
 * resolves to successor_code (the unit reusing its code, else the unit that
 * received a part first): the resolution does not say where the parts
 * divide, so a record under a split code is attributed to that unit. The SQL function
 * admin_unit_resolve (migration 0002) applies the same rule in the database.
 */
const struct admin_unit *admin_unit_resolve(const struct admin_unit *units, size_t n,
                                            const char *code, long day);

#endif

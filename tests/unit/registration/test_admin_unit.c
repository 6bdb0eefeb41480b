/*
 * Administrative units: dates, the CSV reader, the rules for one record and
 * for the whole set, resolution to the unit a code has become, and the
 * reference file itself (schemas/reference/admin-units-tra-vinh.csv, from
 * OCOP_TEST_SCHEMA_DIR or the source tree).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/validate.h"
#include "registration/admin_unit.h"
#include "unit/test.h"

#define HEADER ADMIN_UNIT_CSV_HEADER "\r\n"

static long day_of(const char *s)
{
    long day = 0;
    CHECK(oc_date_parse(s, &day));
    return day;
}

static void test_dates(void)
{
    static const char *const good[] = {"1970-01-01", "2024-02-29", "2025-06-30", "2025-07-01",
                                       "2000-02-29", "0001-01-01", "9999-12-31"};
    static const char *const bad[] = {"2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10",
                                      "2025-04-31", "2025-6-30",  "2025/06/30", "20250630",
                                      "",           "0000-01-01", "2025-06-3x", "2025-06-300"};
    char buf[16];
    long day = 0;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        CHECK(oc_date_parse(good[i], &day));
        oc_day_format(day, buf, sizeof(buf));
        CHECK_STR_EQ(buf, good[i]);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (oc_date_parse(bad[i], &day))
            CHECK_STR_EQ(bad[i], "(refused)");
    CHECK(!oc_date_parse(NULL, &day));
    CHECK_INT_EQ(day_of("1970-01-01"), 0);
    CHECK_INT_EQ(day_of("2025-07-01") - day_of("2025-06-30"), 1);
    CHECK_INT_EQ(day_of("2025-01-01") - day_of("2024-12-31"), 1);
    CHECK_INT_EQ(day_of("2025-03-01") - day_of("2024-02-29"), 366);
}

static void test_utf8(void)
{
    static const char vi[] = "Xã Phú Cần, Phường Trà Vinh, Đông Hải";
    CHECK(oc_utf8_ok(vi, strlen(vi)));
    CHECK(oc_utf8_ok("", 0));
    CHECK(!oc_utf8_ok("a\0b", 3));             /* a NUL byte */
    CHECK(!oc_utf8_ok("\xC3", 1));             /* cut short */
    CHECK(!oc_utf8_ok("\xC3(", 2));            /* bad continuation */
    CHECK(!oc_utf8_ok("\xC0\x80", 2));         /* overlong NUL */
    CHECK(!oc_utf8_ok("\xE0\x80\xAF", 3));     /* overlong '/' */
    CHECK(!oc_utf8_ok("\xED\xA0\x80", 3));     /* a UTF-16 surrogate */
    CHECK(!oc_utf8_ok("\xF4\x90\x80\x80", 4)); /* beyond U+10FFFF */
    CHECK(!oc_utf8_ok("\xFF", 1));
    CHECK(oc_utf8_ok("\xF0\x9F\x98\x80", 4)); /* U+1F600 */
}

/* Parses text (copied); returns the record count, or -1 with the message in msg. */
static long parse(const char *text, struct admin_unit **units, char **copy, char *msg, size_t len)
{
    size_t n = 0;
    *copy = strdup(text);
    msg[0] = '\0';
    return admin_unit_csv_parse(*copy, units, &n, msg, len) ? (long)n : -1;
}

/* Expects text to be refused with a message containing want. */
static void parse_refused(const char *text, const char *want)
{
    struct admin_unit *units = NULL;
    char *copy = NULL, msg[256];
    CHECK_INT_EQ(parse(text, &units, &copy, msg, sizeof(msg)), -1);
    CHECK(units == NULL);
    if (strstr(msg, want) == NULL)
        CHECK_STR_EQ(msg, want);
    free(copy);
}

static void test_csv(void)
{
    struct admin_unit *units = NULL;
    char *copy = NULL, msg[256];
    CHECK_INT_EQ(parse(HEADER "province,84,Tỉnh Trà Vinh,tỉnh,,,2025-06-30,86\r\n"
                              "commune,29242,Phường Trà Vinh,phường,86,2025-07-01,,\r\n",
                       &units, &copy, msg, sizeof(msg)),
                 2);
    CHECK_STR_EQ(units[0].code, "84");
    CHECK_STR_EQ(units[0].name, "Tỉnh Trà Vinh");
    CHECK(units[0].parent_code == NULL && units[0].valid_from == NULL);
    CHECK_STR_EQ(units[0].valid_to, "2025-06-30");
    CHECK_STR_EQ(units[0].successor_code, "86");
    CHECK_STR_EQ(units[1].valid_from, "2025-07-01");
    CHECK(units[1].valid_to == NULL && units[1].successor_code == NULL);
    free(units);
    free(copy);

    /* LF line endings and no final newline */
    CHECK_INT_EQ(parse(ADMIN_UNIT_CSV_HEADER "\nprovince,84,Tỉnh Trà Vinh,tỉnh,,,2025-06-30,86",
                       &units, &copy, msg, sizeof(msg)),
                 1);
    CHECK_STR_EQ(units[0].successor_code, "86");
    free(units);
    free(copy);

    parse_refused("", "line 1 must be the header");
    parse_refused("level,code,name\r\n", "line 1 must be the header");
    parse_refused(HEADER, "no records");
    parse_refused(HEADER "commune,29242,\"Phường 3\",phường,842,,2025-06-30,29242\r\n",
                  "line 2: quoted fields are not supported");
    parse_refused(HEADER "province,84,Tỉnh Trà Vinh,tỉnh,,,2025-06-30,86\r\n\r\n"
                         "province,86,Tỉnh Vĩnh Long,tỉnh,,2025-07-01,,\r\n",
                  "line 3 is empty");
    parse_refused(HEADER "province,84,Tỉnh Trà Vinh,tỉnh,,,2025-06-30\r\n",
                  "line 2 has 7 fields; expected 8");
    parse_refused(HEADER "province,84,Tỉnh Trà Vinh,tỉnh,,,2025-06-30,86,x\r\n",
                  "line 2 has more than 8 fields");
}

/* A record from its 8 fields; "" stands for an empty field. */
static struct admin_unit unit(const char *level, const char *code, const char *name,
                              const char *type, const char *parent, const char *from,
                              const char *to, const char *successor)
{
    struct admin_unit u = {level, code, name, type, parent, from, to, successor, NULL};
    const char **fields[] = {&u.parent_code, &u.valid_from, &u.valid_to, &u.successor_code};
    for (size_t i = 0; i < 4; i++)
        if (**fields[i] == '\0')
            *fields[i] = NULL;
    return u;
}

static void test_record(void)
{
    static const struct {
        struct admin_unit u; /* the record */
        const char *want;    /* NULL when valid, else part of the message */
    } cases[] = {
        {{"province", "84", "Tỉnh Trà Vinh", "tỉnh", NULL, NULL, "2025-06-30", "86", NULL}, NULL},
        {{"district", "842", "Thành phố Trà Vinh", "thành phố", "84", "2010-03-05", "2025-06-30",
          NULL, NULL},
         NULL},
        {{"commune", "29263", "Phường Long Đức", "phường", "86", "2025-07-01", NULL, NULL, NULL},
         NULL},
        {{"commune", "29462", "Thị trấn Định An", "thị trấn", "849", "2008-08-16", "2025-06-30",
          "29462", NULL},
         NULL},
        {{"ward", "29242", "Phường 3", "phường", "842", NULL, NULL, NULL, NULL}, "level \"ward\""},
        {{"commune", "2924", "Phường 3", "phường", "842", NULL, NULL, NULL, NULL},
         "must be 5 digits"},
        {{"district", "84", "Huyện Càng Long", "huyện", "84", NULL, NULL, NULL, NULL},
         "must be 3 digits"},
        {{"province", "8A", "Tỉnh Trà Vinh", "tỉnh", NULL, NULL, NULL, NULL, NULL},
         "must be 2 digits"},
        {{"commune", "29242", "Phường 3", "huyện", "842", NULL, NULL, NULL, NULL},
         "not a unit type"},
        {{"commune", "29242", "Xã 3", "phường", "842", NULL, NULL, NULL, NULL}, "must start with"},
        {{"commune", "29242", "Phường", "phường", "842", NULL, NULL, NULL, NULL},
         "must start with"},
        {{"commune", "29242", "Phường 3 ", "phường", "842", NULL, NULL, NULL, NULL},
         "ends with a space"},
        {{"commune", "29242", "Phường\t3", "phường", "842", NULL, NULL, NULL, NULL}, "control"},
        {{"commune", "29242", "Phường 3", "phường", NULL, NULL, NULL, NULL, NULL}, "parent_code"},
        {{"commune", "29242", "Phường 3", "phường", "84x", NULL, NULL, NULL, NULL}, "parent_code"},
        {{"province", "84", "Tỉnh Trà Vinh", "tỉnh", "86", NULL, NULL, NULL, NULL},
         "no parent_code"},
        {{"commune", "29242", "Phường 3", "phường", "842", "2025-7-1", NULL, NULL, NULL},
         "valid_from"},
        {{"commune", "29242", "Phường 3", "phường", "842", NULL, "2025-02-30", NULL, NULL},
         "valid_to"},
        {{"commune", "29242", "Phường 3", "phường", "842", "2025-07-01", "2025-06-30", NULL, NULL},
         "is after valid_to"},
        {{"commune", "29242", "Phường 3", "phường", "842", NULL, NULL, "29242", NULL},
         "must have a valid_to"},
        {{"commune", "29242", "Phường 3", "phường", "842", NULL, "2025-06-30", "2924", NULL},
         "successor_code"},
    };
    char msg[256];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        msg[0] = '\0';
        int ok = admin_unit_check(&cases[i].u, msg, sizeof(msg));
        CHECK_INT_EQ(ok, cases[i].want == NULL);
        if (cases[i].want != NULL && strstr(msg, cases[i].want) == NULL)
            CHECK_STR_EQ(msg, cases[i].want);
        if (ok != (cases[i].want == NULL))
            fprintf(stderr, "    case %zu: %s\n", i, msg);
    }
}

/* A small history shaped like the real one around 29242. */
static struct admin_unit history[] = {
    {"province", "84", "Tỉnh Trà Vinh", "tỉnh", NULL, NULL, "2025-06-30", "86", NULL},
    {"province", "86", "Tỉnh Vĩnh Long", "tỉnh", NULL, "2025-07-01", NULL, NULL, NULL},
    {"district", "842", "Thành phố Trà Vinh", "thành phố", "84", "2010-03-05", "2025-06-30", NULL,
     NULL},
    {"commune", "29239", "Phường 1", "phường", "842", NULL, "2025-06-30", "29242", NULL},
    {"commune", "29242", "Phường 3", "phường", "842", NULL, "2025-06-30", "29242", NULL},
    {"commune", "29245", "Phường 2", "phường", "842", NULL, "2024-12-31", "29242", NULL},
    {"commune", "29242", "Phường Trà Vinh", "phường", "86", "2025-07-01", NULL, NULL, NULL},
};
#define HISTORY (sizeof(history) / sizeof(history[0]))

static const char *resolve(const char *code, const char *on)
{
    const struct admin_unit *u = admin_unit_resolve(history, HISTORY, code, day_of(on));
    return u != NULL ? u->name : NULL;
}

static void test_resolve(void)
{
    CHECK_STR_EQ(resolve("29245", "2024-12-31"), "Phường 2");
    CHECK_STR_EQ(resolve("29245", "2025-01-01"), "Phường 3"); /* merged into Phường 3 */
    CHECK_STR_EQ(resolve("29245", "2025-06-30"), "Phường 3");
    CHECK_STR_EQ(resolve("29245", "2025-07-01"), "Phường Trà Vinh"); /* two steps */
    CHECK_STR_EQ(resolve("29245", "2030-01-01"), "Phường Trà Vinh");
    CHECK_STR_EQ(resolve("29239", "2025-06-30"), "Phường 1");
    CHECK_STR_EQ(resolve("29239", "2025-07-01"), "Phường Trà Vinh");
    CHECK_STR_EQ(resolve("29242", "2025-06-30"), "Phường 3"); /* a reused code, by date */
    CHECK_STR_EQ(resolve("29242", "2025-07-01"), "Phường Trà Vinh");
    CHECK_STR_EQ(resolve("29242", "1990-01-01"), "Phường 3"); /* unknown valid_from: always */
    CHECK_STR_EQ(resolve("84", "2026-01-01"), "Tỉnh Vĩnh Long");
    CHECK_STR_EQ(resolve("842", "2025-06-30"), "Thành phố Trà Vinh");
    CHECK_STR_EQ(resolve("842", "2025-07-01"), NULL); /* districts were abolished */
    CHECK_STR_EQ(resolve("86", "2025-06-30"), NULL);  /* not yet begun in this data */
    CHECK_STR_EQ(resolve("99999", "2025-07-01"), NULL);
    CHECK(admin_unit_valid_on(&history[4], day_of("2025-06-30")));
    CHECK(!admin_unit_valid_on(&history[4], day_of("2025-07-01")));
    CHECK(admin_unit_valid_on(&history[6], day_of("2099-12-31")));
}

/* Expects history with record i replaced by (or, at HISTORY, added) u to be refused. */
static void set_refused(size_t i, struct admin_unit u, const char *want)
{
    struct admin_unit units[HISTORY + 1];
    char msg[256] = "";
    memcpy(units, history, sizeof(history));
    units[i] = u;
    size_t n = i < HISTORY ? HISTORY : HISTORY + 1;
    CHECK(admin_unit_check_set(units, n, msg, sizeof(msg)) < n);
    if (strstr(msg, want) == NULL)
        CHECK_STR_EQ(msg, want);
}

static void test_set(void)
{
    char msg[256];
    CHECK_INT_EQ(admin_unit_check_set(history, HISTORY, msg, sizeof(msg)), HISTORY);
    /* a successor that does not exist the day after valid_to */
    set_refused(5, unit("commune", "29245", "Phường 2", "phường", "842", "", "2024-12-31", "29999"),
                "successor 29999 has no version valid on 2025-01-01");
    set_refused(3, unit("commune", "29239", "Phường 1", "phường", "842", "", "2025-06-30", "842"),
                "no version valid on 2025-07-01");
    /* a successor of another level */
    set_refused(3, unit("commune", "29239", "Phường 1", "phường", "842", "", "2025-06-30", "86"),
                "successor 86 is a province, not a commune");
    /* two versions of a code overlapping (also: the same valid_from twice) */
    set_refused(HISTORY,
                unit("commune", "29242", "Phường 3", "phường", "842", "2020-01-01", "", ""),
                "overlap");
    /* a reused code whose earlier version does not lead to it */
    set_refused(4, unit("commune", "29242", "Phường 3", "phường", "842", "", "2025-06-30", ""),
                "reused by Phường Trà Vinh from 2025-07-01");
    /* a parent that is not a unit of a higher level */
    set_refused(3, unit("commune", "29239", "Phường 1", "phường", "843", "", "2025-06-30", "29242"),
                "parent_code 843");
    set_refused(HISTORY, unit("district", "843", "Huyện Mới", "huyện", "842", "2020-01-01", "", ""),
                "parent_code 842");
}

/* Reads reference/<name> into *text (caller frees). Returns its length, or 0. */
static size_t read_reference(const char *name, char **text)
{
    const char *dir = getenv("OCOP_TEST_SCHEMA_DIR");
    char path[1024];
    snprintf(path, sizeof(path), "%s/reference/%s",
             dir != NULL ? dir : OCOP_TEST_DEFAULT_SCHEMA_DIR, name);
    FILE *f = fopen(path, "rb");
    *text = calloc(1, 1 << 20);
    size_t n = f != NULL ? fread(*text, 1, (1 << 20) - 1, f) : 0;
    if (f != NULL)
        (void)fclose(f);
    CHECK(n > 0);
    return n;
}

static void test_reference_file(void)
{
    char *text = NULL, msg[512] = "";
    struct admin_unit *units = NULL;
    size_t n = 0, len = read_reference("admin-units-tra-vinh.csv", &text);
    CHECK(oc_utf8_ok(text, len));
    CHECK(admin_unit_csv_parse(text, &units, &n, msg, sizeof(msg)));
    CHECK_INT_EQ(n, 158);
    for (size_t i = 0; i < n; i++)
        if (!admin_unit_check(&units[i], msg, sizeof(msg)))
            CHECK_STR_EQ(msg, "(valid)");
    CHECK_INT_EQ(admin_unit_check_set(units, n, msg, sizeof(msg)), n);
    long before = day_of("2025-06-30"), after = day_of("2025-07-01");
    int legacy = 0, current = 0, resolved = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(units[i].level, "commune") != 0)
            continue;
        legacy += admin_unit_valid_on(&units[i], before);
        current += admin_unit_valid_on(&units[i], after) && strcmp(units[i].parent_code, "86") == 0;
        const struct admin_unit *r = admin_unit_resolve(units, n, units[i].code, after);
        resolved += r != NULL && strcmp(r->parent_code, "86") == 0;
    }
    CHECK_INT_EQ(legacy, 104);
    CHECK_INT_EQ(current, 41);
    CHECK_INT_EQ(resolved, 147); /* every commune record, legacy or current */
    const struct admin_unit *r = admin_unit_resolve(units, n, "29347", after);
    CHECK_STR_EQ(r != NULL ? r->name : NULL, "Xã Tiểu Cần"); /* Phú Cần */
    r = admin_unit_resolve(units, n, "29251", after);
    CHECK_STR_EQ(r != NULL ? r->name : NULL, "Phường Trà Vinh"); /* Phường 6, via Phường 3 */
    free(units);
    free(text);
}

/* Parses and checks a reference file whole; returns its records (caller frees *text too). */
static struct admin_unit *reference_units(const char *name, char **text, size_t *n)
{
    char msg[512] = "";
    struct admin_unit *units = NULL;
    size_t len = read_reference(name, text);
    CHECK(oc_utf8_ok(*text, len));
    CHECK(admin_unit_csv_parse(*text, &units, n, msg, sizeof(msg)));
    for (size_t i = 0; i < *n; i++)
        if (!admin_unit_check(&units[i], msg, sizeof(msg)))
            CHECK_STR_EQ(msg, "(valid)");
    CHECK_INT_EQ(admin_unit_check_set(units, *n, msg, sizeof(msg)), *n);
    return units;
}

/* The name of the unit code resolves to on day, or NULL. */
static const char *resolved_name(const struct admin_unit *units, size_t n, const char *code,
                                 const char *day)
{
    const struct admin_unit *r = admin_unit_resolve(units, n, code, day_of(day));
    return r != NULL ? r->name : NULL;
}

/* The whole merged Vĩnh Long province: three former provinces, splits and reused codes. */
static void test_merged_province(void)
{
    char *text = NULL;
    size_t n = 0;
    struct admin_unit *units = reference_units("admin-units-vinh-long-2025.csv", &text, &n);
    long before = day_of("2025-06-30"), after = day_of("2025-07-01");
    int legacy = 0, current = 0, districts = 0, splits = 0;
    for (size_t i = 0; i < n; i++) {
        int commune = strcmp(units[i].level, "commune") == 0;
        legacy += commune && admin_unit_valid_on(&units[i], before);
        current += commune && admin_unit_valid_on(&units[i], after);
        districts += strcmp(units[i].level, "district") == 0;
        splits += units[i].split_code != NULL;
    }
    CHECK_INT_EQ(legacy, 354); /* Bến Tre 148, Trà Vinh 104, Vĩnh Long 102 */
    CHECK_INT_EQ(current, 124);
    CHECK_INT_EQ(districts, 26);
    CHECK_INT_EQ(splits, 5);
    /* a commune of each former province, and a split one (to the unit that took a part first) */
    CHECK_STR_EQ(resolved_name(units, n, "29347", "2025-07-01"), "Xã Tiểu Cần");
    CHECK_STR_EQ(resolved_name(units, n, "28810", "2024-11-30"), "Xã An Khánh");
    CHECK_STR_EQ(resolved_name(units, n, "28855", "2026-01-01"), "Xã Phú Túc");
    CHECK_STR_EQ(resolved_name(units, n, "29548", "2026-01-01"), "Phường Long Châu");
    CHECK_STR_EQ(resolved_name(units, n, "29764", "2025-06-30"), "Xã Ngãi Tứ");
    CHECK_STR_EQ(resolved_name(units, n, "29764", "2025-07-01"), "Xã Ngãi Tứ");
    CHECK_STR_EQ(resolved_name(units, n, "29821", "2025-07-01"), "Xã Trà Ôn");
    CHECK_STR_EQ(resolved_name(units, n, "86", "2025-06-30"), "Tỉnh Vĩnh Long");
    CHECK_STR_EQ(resolved_name(units, n, "83", "2025-07-01"), "Tỉnh Vĩnh Long");
    free(units);
    free(text);
}

/* A split commune's successor field: two different communes, each valid the next day. */
static void test_split(void)
{
    char text[] = ADMIN_UNIT_CSV_HEADER "\n"
                                        "province,86,Tỉnh Vĩnh Long,tỉnh,,,,\n"
                                        "district,860,Huyện Vũng Liêm,huyện,86,,2025-06-30,\n"
                                        "commune,29764,Xã Ngãi Tứ,xã,860,,2025-06-30,29767;29770\n"
                                        "commune,29767,Xã Ngãi Tứ,xã,86,2025-07-01,,\n"
                                        "commune,29770,Phường Cái Vồn,phường,86,2025-07-01,,\n";
    char msg[256] = "";
    struct admin_unit *units = NULL;
    size_t n = 0;
    CHECK(admin_unit_csv_parse(text, &units, &n, msg, sizeof(msg)));
    CHECK_INT_EQ(n, 5);
    CHECK_STR_EQ(units[2].successor_code, "29767");
    CHECK_STR_EQ(units[2].split_code, "29770");
    CHECK(admin_unit_check(&units[2], msg, sizeof(msg)));
    CHECK_INT_EQ(admin_unit_check_set(units, n, msg, sizeof(msg)), n);
    units[2].split_code = "29999"; /* no such unit the next day */
    CHECK_INT_EQ(admin_unit_check_set(units, n, msg, sizeof(msg)), 2);
    CHECK(strstr(msg, "successor 29999 has no version valid on 2025-07-01") != NULL);
    units[2].split_code = "29767"; /* the same unit twice */
    CHECK(!admin_unit_check(&units[2], msg, sizeof(msg)));
    free(units);
    char three[] =
        ADMIN_UNIT_CSV_HEADER "\ncommune,29764,Xã Ngãi Tứ,xã,860,,2025-06-30,29767;29770;29771\n";
    CHECK(!admin_unit_csv_parse(three, &units, &n, msg, sizeof(msg)));
    CHECK(strstr(msg, "at most two") != NULL);
}

int main(void)
{
    test_dates();
    test_utf8();
    test_csv();
    test_record();
    test_resolve();
    test_set();
    test_reference_file();
    test_merged_province();
    test_split();
    TEST_DONE();
}

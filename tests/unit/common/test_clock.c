/* The calendar clock: parsing a clock file's text, the day arithmetic, and reading the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "unit/test.h"

/* The day a clock text names, formatted, or "invalid". */
static const char *parsed(const char *text)
{
    static char buf[16];
    long day;
    if (!oc_clock_parse(text, &day))
        return "invalid";
    oc_day_format(day, buf, sizeof(buf));
    return buf;
}

static void test_parse(void)
{
    CHECK_STR_EQ(parsed("2025-09-15"), "2025-09-15");
    CHECK_STR_EQ(parsed("  2025-09-15\n"), "2025-09-15");
    CHECK_STR_EQ(parsed("2024-02-29"), "2024-02-29");
    /* a time in UTC or with an offset is the day it is in Asia/Ho_Chi_Minh (+07:00) */
    CHECK_STR_EQ(parsed("2025-09-15T16:59:59Z"), "2025-09-15");
    CHECK_STR_EQ(parsed("2025-09-15T17:00:00Z"), "2025-09-16");
    CHECK_STR_EQ(parsed("2025-12-31T17:00:00.250Z"), "2026-01-01");
    CHECK_STR_EQ(parsed("2025-09-16T06:59:00+07:00"), "2025-09-16");
    CHECK_STR_EQ(parsed("2025-09-16T00:30:00+09:00"), "2025-09-15");
    CHECK_STR_EQ(parsed("2025-09-15T20:00:00-05:00"), "2025-09-16");
    CHECK_STR_EQ(parsed("2025-01-01T00:00:00+14:00"), "2024-12-31");
    /* not times */
    CHECK_STR_EQ(parsed(""), "invalid");
    CHECK_STR_EQ(parsed("2025-02-29"), "invalid");
    CHECK_STR_EQ(parsed("2025-9-15"), "invalid");
    CHECK_STR_EQ(parsed("2025-09-15T10:00:00"), "invalid"); /* no offset */
    CHECK_STR_EQ(parsed("2025-09-15T25:00:00Z"), "invalid");
    CHECK_STR_EQ(parsed("2025-09-15 10:00:00Z"), "invalid");
    CHECK_STR_EQ(parsed("2025-09-15T10:00:00.Z"), "invalid");
    CHECK_STR_EQ(parsed("2025-09-15T10:00:00+7"), "invalid");
    CHECK_STR_EQ(parsed("tomorrow"), "invalid");
}

static void test_days(void)
{
    int y, m, d;
    char buf[16];
    CHECK_INT_EQ(oc_day_of(1970, 1, 1), 0);
    CHECK_INT_EQ(oc_day_of(2000, 3, 1) - oc_day_of(2000, 2, 28), 2);
    CHECK_INT_EQ(oc_day_of(1900, 3, 1) - oc_day_of(1900, 2, 28), 1);
    oc_day_split(oc_day_of(2028, 2, 29), &y, &m, &d);
    CHECK(y == 2028 && m == 2 && d == 29);
    oc_day_split(-1, &y, &m, &d);
    CHECK(y == 1969 && m == 12 && d == 31);
    oc_day_format(oc_day_of(2025, 10, 20) - 90, buf, sizeof(buf));
    CHECK_STR_EQ(buf, "2025-07-22");
    /* every day of four centuries survives the round trip */
    int ok = 1;
    for (long day = oc_day_of(1900, 1, 1); day <= oc_day_of(2300, 1, 1); day++) {
        oc_day_split(day, &y, &m, &d);
        ok &= oc_day_of(y, m, d) == day;
    }
    CHECK(ok);
}

static void test_file(void)
{
    char path[] = "/tmp/ocop-clock-XXXXXX", err[256];
    long day = 0, real = 0;
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, "2026-11-20\n", 11) == 11);
    close(fd);
    CHECK_INT_EQ(oc_clock_today(path, &day, err, sizeof(err)), 0);
    CHECK_INT_EQ(day, oc_day_of(2026, 11, 20));
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f != NULL) {
        fputs("soon", f);
        fclose(f);
    }
    CHECK_INT_EQ(oc_clock_today(path, &day, err, sizeof(err)), -1);
    CHECK(strstr(err, path) != NULL);
    unlink(path);
    CHECK_INT_EQ(oc_clock_today(path, &day, err, sizeof(err)), -1);
    /* no file: the real clock, some day after 2025 */
    CHECK_INT_EQ(oc_clock_today("", &real, err, sizeof(err)), 0);
    CHECK(real > oc_day_of(2025, 1, 1));
    CHECK_INT_EQ(oc_clock_today(NULL, &real, err, sizeof(err)), 0);
}

/* The dates the platform takes: a day that exists, years 1900 to 2999 (oc_date_read, oc_date_ok).
 */
static void test_read(void)
{
    static const struct {
        const char *s;
        int ok;
    } cases[] = {
        {"1900-01-01", 1}, {"1899-12-31", 0},  {"2999-12-31", 1}, {"3000-01-01", 0},
        {"2024-02-29", 1}, {"2025-02-29", 0},  {"2026-04-31", 0}, {"2026-13-01", 0},
        {"2026-1-01", 0},  {"2026-01-01 ", 0}, {"", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        long day = -1;
        CHECK_INT_EQ(oc_date_ok(cases[i].s), cases[i].ok);
        CHECK_INT_EQ(oc_date_read(cases[i].s, &day), cases[i].ok);
        if (cases[i].ok)
            CHECK(day != -1);
        else
            CHECK_INT_EQ(day, -1); /* untouched */
    }
    CHECK(!oc_date_ok(NULL));
    long day = 0;
    CHECK(oc_date_read("1970-01-02", &day) && day == 1);
}

int main(void)
{
    test_read();
    test_parse();
    test_days();
    test_file();
    TEST_DONE();
}

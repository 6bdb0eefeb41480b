/*
 * The clock of a production build: common/clock.c compiled here without
 * OCOP_TEST_CLOCK (tests/unit/CMakeLists.txt). A clock file is not honoured
 * (the real day is read) and configuration is told to refuse one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "unit/test.h"

int main(void)
{
    char path[] = "/tmp/ocop-clock-production-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f != NULL) {
        fputs("2001-02-03\n", f);
        fclose(f);
    }
    char err[256] = "";
    long with_file = -1, real = -2;
    CHECK_INT_EQ(oc_clock_file_allowed(), 0);
    CHECK_INT_EQ(oc_clock_today(path, &with_file, err, sizeof(err)), 0);
    CHECK_INT_EQ(oc_clock_today(NULL, &real, err, sizeof(err)), 0);
    /* the real day, not 2001-02-03 (the two calls may straddle midnight) */
    CHECK(with_file == real || with_file + 1 == real);
    CHECK(with_file > oc_day_of(2020, 1, 1));
    unlink(path);
    TEST_DONE();
}

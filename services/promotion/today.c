#include "promotion/today.h"

#include <stdio.h>

#include "common/clock.h"
#include "common/log.h"

static const char *clock_file; /* set once at start, before any thread asks */

void promo_today_init(const char *file)
{
    clock_file = file;
}

void promo_today(char *out, size_t len)
{
    long day = 0;
    char err[256];
    if (oc_clock_today(clock_file, &day, err, sizeof(err)) != 0) {
        oc_log(OC_LOG_ERROR, "%s; using the real clock", err);
        if (oc_clock_today(NULL, &day, err, sizeof(err)) != 0)
            day = 0; /* the real clock always reads */
    }
    char text[11];
    oc_day_format(day, text, sizeof(text));
    snprintf(out, len, "%s", text);
}

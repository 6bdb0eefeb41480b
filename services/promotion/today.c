#include "promotion/today.h"

#include <stdio.h>
#include <time.h>

/* Asia/Ho_Chi_Minh is UTC+7 all year. */
#define LOCAL_OFFSET_S (7 * 3600)

void promo_today(char *out, size_t len)
{
    time_t now = time(NULL) + LOCAL_OFFSET_S;
    struct tm day;
    if (gmtime_r(&now, &day) == NULL || strftime(out, len, "%Y-%m-%d", &day) == 0)
        snprintf(out, len, "%s", "1970-01-01"); /* unreachable for any clock of this era */
}

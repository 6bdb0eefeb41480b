#include "common/date.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static long digits_value(const char *s, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int oc_date_parse(const char *s, long *day)
{
    static const long month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    long y = digits_value(s, 4), m = digits_value(s + 5, 2), d = digits_value(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return 0;
    *day = oc_day_of((int)y, (int)m, (int)d);
    return 1;
}

int oc_date_read(const char *s, long *day)
{
    long d;
    if (s == NULL || !oc_date_parse(s, &d))
        return 0;
    long y = digits_value(s, 4);
    if (y < OC_DATE_YEAR_MIN || y > OC_DATE_YEAR_MAX)
        return 0;
    *day = d;
    return 1;
}

int oc_date_ok(const char *s)
{
    long day;
    return oc_date_read(s, &day);
}

/* H. Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
long oc_day_of(int year, int month, int dom)
{
    long y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + dom - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* H. Hinnant's civil_from_days. */
void oc_day_split(long day, int *year, int *month, int *dom)
{
    long z = day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = (int)m;
    *dom = (int)d;
}

void oc_day_format(long day, char *buf, size_t len)
{
    int y, m, d;
    oc_day_split(day, &y, &m, &d);
    snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
}

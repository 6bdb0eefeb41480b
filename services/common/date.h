/* Calendar dates as days since 1970-01-01 (proleptic Gregorian). Pure C. */
#ifndef OC_DATE_H
#define OC_DATE_H

#include <stddef.h>

/* Parses "YYYY-MM-DD" (a day that exists) into *day. Returns 1, or 0 when malformed. */
int oc_date_parse(const char *s, long *day);

/* Writes day (days since 1970-01-01) as "YYYY-MM-DD" into buf (at least 11 bytes). */
void oc_day_format(long day, char *buf, size_t len);

/* The calendar parts of day. */
void oc_day_split(long day, int *year, int *month, int *dom);

/* The day of year-month-dom (a valid date) in days since 1970-01-01. */
long oc_day_of(int year, int month, int dom);

#endif

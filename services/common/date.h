/* Calendar dates as days since 1970-01-01 (proleptic Gregorian). Pure C. */
#ifndef OC_DATE_H
#define OC_DATE_H

#include <stddef.h>

/* Parses "YYYY-MM-DD" (a day that exists) into *day. Returns 1, or 0 when malformed. */
int oc_date_parse(const char *s, long *day);

/* The years of the dates the platform takes in a request, an event or a reference file. */
#define OC_DATE_YEAR_MIN 1900
#define OC_DATE_YEAR_MAX 2999

/*
 * Parses a date the platform takes (s NULL: no): oc_date_parse's, in the
 * years OC_DATE_YEAR_MIN to OC_DATE_YEAR_MAX. Returns 1, or 0.
 */
int oc_date_read(const char *s, long *day);

/* 1 when s is a date oc_date_read takes. */
int oc_date_ok(const char *s);

/* Writes day (days since 1970-01-01) as "YYYY-MM-DD" into buf (at least 11 bytes). */
void oc_day_format(long day, char *buf, size_t len);

/* The calendar parts of day. */
void oc_day_split(long day, int *year, int *month, int *dom);

/* The day of year-month-dom (a valid date) in days since 1970-01-01. */
long oc_day_of(int year, int month, int dom);

#endif

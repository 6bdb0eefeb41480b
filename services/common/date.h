/* Calendar dates as days since 1970-01-01 (proleptic Gregorian). Pure C. */
#ifndef OC_DATE_H
#define OC_DATE_H

/* Parses "YYYY-MM-DD" (a day that exists) into *day. Returns 1, or 0 when malformed. */
int oc_date_parse(const char *s, long *day);

#endif

/* SQL fragments every service's stores share (string literals to paste into statements). */
#ifndef OC_SQL_H
#define OC_SQL_H

/* RFC 3339 UTC text of a timestamptz column expression, for json_build_object. */
#define SQL_TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

#endif

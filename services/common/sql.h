/* SQL fragments every service's stores share (string literals to paste into statements). */
#ifndef OC_SQL_H
#define OC_SQL_H

/* RFC 3339 UTC text of a timestamptz column expression, for json_build_object. */
#define SQL_TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

/* The same to the microsecond (audit entries, outbox rows, evidence: ordered by it). */
#define SQL_TS_US(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

#endif

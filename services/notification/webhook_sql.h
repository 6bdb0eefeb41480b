/* SQL fragments shared by the webhook stores. */
#ifndef NOTIF_WEBHOOK_SQL_H
#define NOTIF_WEBHOOK_SQL_H

/* RFC 3339 UTC text of a timestamptz column expression, for json_build_object. */
#define WH_TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

#endif

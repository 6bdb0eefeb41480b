/*
 * Schema migrations. Numbered files NNNN_name.sql are applied in order, first
 * from <schema_dir>/sql/common/ (the outbox, inbox and idempotency tables every
 * service has), then from <schema_dir>/sql/<service>/, each in its own
 * transaction and recorded with its checksum in schema_migrations. A cluster-
 * wide advisory lock makes concurrent starts apply each file once. A file that
 * changed after it was applied stops the start.
 */
#ifndef OC_MIGRATE_H
#define OC_MIGRATE_H

#include <stddef.h>

#include <libpq-fe.h>

#include "common/err.h"

/*
 * Applies pending migrations on conn (a connection whose search_path is the
 * service's schema). Returns OC_OK; OC_DB when the database could not be
 * reached (worth retrying); OC_INTERNAL for a bad file or a failed migration,
 * with a message in err.
 */
enum oc_err oc_migrate(PGconn *conn, const char *schema_dir, const char *service, char *err,
                       size_t errlen);

#endif

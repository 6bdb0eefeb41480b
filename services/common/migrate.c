#include "common/migrate.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/db.h"
#include "common/file.h"
#include "common/log.h"

#define MIGRATION_MAX_BYTES (1 << 20)
#define MIGRATION_MAX_FILES 1000

static const char SQL_LOCK[] = "SELECT pg_advisory_lock(hashtext('ocop.migrate.' || "
                               "current_schema()))";
static const char SQL_UNLOCK[] = "SELECT pg_advisory_unlock(hashtext('ocop.migrate.' || "
                                 "current_schema()))";
static const char SQL_TABLE[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " migration_set text NOT NULL, version integer NOT NULL, name text NOT NULL,"
    " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
    " PRIMARY KEY (migration_set, version))";
static const char SQL_APPLIED[] = "SELECT checksum = md5($3) FROM schema_migrations "
                                  "WHERE migration_set = $1 AND version = $2";
static const char SQL_RECORD[] = "INSERT INTO schema_migrations "
                                 "(migration_set, version, name, checksum) "
                                 "VALUES ($1, $2, $4, md5($3))";

static int migration_name_ok(const char *name)
{
    size_t len = strlen(name);
    if (len < 10 || strcmp(name + len - 4, ".sql") != 0 || name[4] != '_')
        return 0;
    for (int i = 0; i < 4; i++)
        if (name[i] < '0' || name[i] > '9')
            return 0;
    return 1;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists migration file names in dir, sorted; *count gets their number. Caller frees. */
static char **migration_list(const char *dir, size_t *count)
{
    char **names = NULL;
    size_t n = 0;
    DIR *d = opendir(dir);
    *count = 0;
    if (d == NULL)
        return NULL;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL && n < MIGRATION_MAX_FILES) {
        if (!migration_name_ok(ent->d_name))
            continue;
        names = oc_xrealloc(names, (n + 1) * sizeof(char *));
        names[n++] = oc_xstrdup(ent->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof(char *), compare_names);
    *count = n;
    return names;
}

static void migration_list_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* A migration's text (caller frees); NULL with a message when it cannot be read. */
static char *file_read(const char *path, char *err, size_t errlen)
{
    char why[64];
    char *sql = oc_file_read(path, MIGRATION_MAX_BYTES, NULL, why, sizeof(why));
    if (sql == NULL)
        snprintf(err, errlen, "migration \"%s\" %s", path, why);
    return sql;
}

/* Runs the whole file (trusted, from the repository) and records it, in one transaction. */
static enum oc_err migration_apply(PGconn *conn, const char *set, const char *name, const char *sql,
                                   char *err, size_t errlen)
{
    char version[8];
    snprintf(version, sizeof(version), "%.4s", name);
    const char *params[] = {set, version, sql, name};
    enum oc_err rc = oc_db_begin(conn);
    if (rc != OC_OK)
        return rc;
    PGresult *res = PQexec(conn, sql); /* multi-statement file: the one allowed PQexec */
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "migration %s/%s failed: %s", set, name, PQresultErrorMessage(res));
        rc = PQstatus(conn) == CONNECTION_OK ? OC_INTERNAL : OC_DB;
        PQclear(res);
        oc_db_rollback(conn);
        return rc;
    }
    PQclear(res);
    rc = oc_db_exec(conn, SQL_RECORD, 4, params, NULL);
    if (rc == OC_OK)
        rc = oc_db_commit(conn);
    if (rc != OC_OK) {
        oc_db_rollback(conn);
        snprintf(err, errlen, "could not record migration %s/%s", set, name);
        return rc;
    }
    oc_log(OC_LOG_INFO, "applied migration %s/%s", set, name);
    return OC_OK;
}

/* Applies or verifies one file. */
static enum oc_err migration_step(PGconn *conn, const char *dir, const char *set, const char *name,
                                  char *err, size_t errlen)
{
    char *path = oc_xasprintf("%s/%s", dir, name);
    char *sql = file_read(path, err, errlen);
    free(path);
    if (sql == NULL)
        return OC_INTERNAL;
    char version[8];
    snprintf(version, sizeof(version), "%.4s", name);
    const char *params[] = {set, version, sql};
    PGresult *res = NULL;
    enum oc_err rc = oc_db_exec(conn, SQL_APPLIED, 3, params, &res);
    if (rc == OC_OK && PQntuples(res) == 0)
        rc = migration_apply(conn, set, name, sql, err, errlen);
    else if (rc == OC_OK && strcmp(PQgetvalue(res, 0, 0), "t") != 0) {
        snprintf(err, errlen, "migration %s/%s changed after it was applied", set, name);
        rc = OC_INTERNAL;
    } else if (rc != OC_OK)
        snprintf(err, errlen, "could not read schema_migrations");
    PQclear(res);
    free(sql);
    return rc;
}

static enum oc_err migrate_set(PGconn *conn, const char *schema_dir, const char *set, char *err,
                               size_t errlen)
{
    char *dir = oc_xasprintf("%s/sql/%s", schema_dir, set);
    size_t count = 0;
    char **names = migration_list(dir, &count);
    enum oc_err rc = OC_OK;
    if (names == NULL) {
        snprintf(err, errlen, "no migrations found in \"%s\"", dir);
        rc = OC_INTERNAL;
    }
    for (size_t i = 0; i < count && rc == OC_OK; i++)
        rc = migration_step(conn, dir, set, names[i], err, errlen);
    migration_list_free(names, count);
    free(dir);
    return rc;
}

enum oc_err oc_migrate(PGconn *conn, const char *schema_dir, const char *service, char *err,
                       size_t errlen)
{
    enum oc_err rc = oc_db_exec(conn, SQL_LOCK, 0, NULL, NULL);
    if (rc != OC_OK) {
        snprintf(err, errlen, "could not take the migration lock");
        return rc;
    }
    rc = oc_db_exec(conn, SQL_TABLE, 0, NULL, NULL);
    if (rc != OC_OK)
        snprintf(err, errlen, "could not create schema_migrations");
    if (rc == OC_OK)
        rc = migrate_set(conn, schema_dir, "common", err, errlen);
    if (rc == OC_OK)
        rc = migrate_set(conn, schema_dir, service, err, errlen);
    (void)oc_db_exec(conn, SQL_UNLOCK, 0, NULL, NULL);
    return rc;
}

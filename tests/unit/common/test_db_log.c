/*
 * What a failed statement leaves in the log, against a real PostgreSQL
 * (OCOP_TEST_DATABASE_URL; unset: skipped, 77): the ERROR line names the
 * SQLSTATE and the statement, carries the request id of the thread's request,
 * and never the values sent, which PostgreSQL's own message repeats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "common/db.h"
#include "common/log.h"
#include "unit/test.h"

#define SECRET "0912-345-678-secret"

/* Runs a statement that fails on SECRET with stderr sent to a file; returns what was logged. */
static char *failing_statement_log(PGconn *conn, enum oc_log_level level, enum oc_err *rc)
{
    char path[] = "/tmp/ocop-db-log-XXXXXX";
    int fd = mkstemp(path), saved = dup(2);
    const char *params[] = {SECRET};
    fflush(stderr);
    dup2(fd, 2);
    oc_log_init("unit", level);
    oc_log_request_set("req-db-log-1");
    *rc = oc_db_exec(conn, "SELECT $1::integer AS phone_digits", 1, params, NULL);
    oc_log_request_set(NULL);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char *text = calloc(1, 8192);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, text, 8191);
    text[n > 0 ? n : 0] = '\0';
    close(fd);
    unlink(path);
    return text;
}

int main(void)
{
    const char *url = getenv("OCOP_TEST_DATABASE_URL");
    if (url == NULL || url[0] == '\0') {
        printf("skipped: set OCOP_TEST_DATABASE_URL to a libpq conninfo to run this test\n");
        return 77;
    }
    PGconn *conn = PQconnectdb(url);
    CHECK_INT_EQ(PQstatus(conn), CONNECTION_OK);
    enum oc_err rc = OC_OK;

    char *text = failing_statement_log(conn, OC_LOG_INFO, &rc);
    CHECK_INT_EQ(rc, OC_INTERNAL);
    json_t *line = json_loads(text, JSON_DISABLE_EOF_CHECK, NULL);
    CHECK_STR_EQ(json_string_value(json_object_get(line, "level")), "error");
    CHECK_STR_EQ(json_string_value(json_object_get(line, "sqlstate")), "22P02");
    CHECK_STR_EQ(json_string_value(json_object_get(line, "request_id")), "req-db-log-1");
    const char *statement = json_string_value(json_object_get(line, "statement"));
    CHECK(statement != NULL && strncmp(statement, "SELECT $1::integer", 18) == 0);
    CHECK(strstr(text, SECRET) == NULL);              /* PostgreSQL's message holds it */
    CHECK(strchr(text, '\n') == strrchr(text, '\n')); /* one line: the debug one is off */
    json_decref(line);
    free(text);

    /* at debug level the whole message is there, on its own debug line */
    text = failing_statement_log(conn, OC_LOG_DEBUG, &rc);
    char *error_line = strstr(text, "\"level\":\"error\"");
    CHECK(strstr(text, SECRET) != NULL);
    CHECK(error_line != NULL);
    if (error_line != NULL) {
        char *end = strchr(error_line, '\n');
        if (end != NULL)
            *end = '\0';
        CHECK(strstr(error_line, SECRET) == NULL);
    }
    free(text);
    PQfinish(conn);
    oc_log_clean();
    TEST_DONE();
}

/*
 * ocopctl: the operator's tool. Reads the same configuration as a service
 * (OCOP_DATABASE_URL, OCOP_DB_SCHEMA, OCOP_KAFKA_BOOTSTRAP, OCOP_TOPIC_PREFIX,
 * ...) for the service named by --service and acts on its schema, topics and
 * consumer group: backlog and lag, dead letters (list, redrive, discard), a
 * read model rebuilt from the topics, the audit chain checked. Every action
 * is recorded in operator_actions and in the service's audit trail. Exit 0
 * done, 1 refused or found wrong, 2 usage or connection error.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/alloc.h"
#include "common/log.h"
#include "tools/audit_chain.h"
#include "tools/ctl.h"
#include "tools/ctl_store.h"

void ctl_print_json(json_t *doc)
{
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (text != NULL)
        printf("%s\n", text);
    free(text);
    json_decref(doc);
}

static int audit_verify(struct ctl *c)
{
    struct audit_chain_result r;
    int rc = audit_chain_verify(c->conn, "ocopctl", &r);
    if (rc == 2)
        return CTL_ERROR;
    if (c->args->json)
        ctl_print_json(json_pack("{s:s,s:i,s:b,s:s?,s:s?,s:s?}", "service", c->args->service,
                                 "rows", r.rows, "intact", rc == 0, "broken_at",
                                 rc ? r.broken_at : NULL, "after", rc ? r.after : NULL, "why",
                                 r.why));
    else if (rc == 0)
        printf("audit chain of %s: %d rows, intact\n", c->args->service, r.rows);
    else
        printf("audit chain of %s: broken at row %s (after row %s): %s\n", c->args->service,
               r.broken_at, r.after, r.why);
    return rc;
}

/* "ocopctl:" and --actor, else the OS user. */
static void actor_set(struct ctl *c)
{
    const char *who = c->args->actor;
    const struct passwd *pw = who == NULL ? getpwuid(geteuid()) : NULL;
    if (who == NULL)
        who = pw != NULL ? pw->pw_name : getenv("USER");
    snprintf(c->actor, sizeof(c->actor), "ocopctl:%s", who != NULL ? who : "unknown");
}

/* The server's notices (a ROLLBACK with no transaction open, ...) are not the operator's business.
 */
static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int connect_db(struct ctl *c)
{
    c->conn = PQconnectdb(c->cfg.database_url);
    PQsetNoticeProcessor(c->conn, quiet, NULL);
    if (PQstatus(c->conn) != CONNECTION_OK) {
        fprintf(stderr, "ocopctl: cannot connect to the database: %s", PQerrorMessage(c->conn));
        return -1;
    }
    return ctl_store_search_path(c->conn, c->cfg.db_schema);
}

static int run(struct ctl *c)
{
    switch (c->args->cmd) {
    case CTL_STATUS:
        return ctl_status(c);
    case CTL_DLQ_LIST:
        return ctl_dlq_list(c);
    case CTL_DLQ_REDRIVE:
        return ctl_dlq_redrive(c);
    case CTL_DLQ_DISCARD:
        return ctl_dlq_discard(c);
    case CTL_REBUILD:
        return ctl_rebuild(c);
    case CTL_AUDIT_VERIFY:
        return audit_verify(c);
    }
    return CTL_ERROR;
}

int main(int argc, char **argv)
{
    struct ctl_args args;
    struct ctl c;
    char err[512];
    int rc = CTL_ERROR;
    memset(&c, 0, sizeof(c));
    if (ctl_args_parse(argc, argv, &args, err, sizeof(err)) != 0) {
        fprintf(stderr, "ocopctl: %s\n%s", err, ctl_usage);
        return CTL_ERROR;
    }
    c.args = &args;
    oc_alloc_install();
    if (oc_config_load(&c.cfg, args.service, 8080, err, sizeof(err)) != 0) {
        fprintf(stderr, "ocopctl: %s\n", err);
        return CTL_ERROR;
    }
    oc_log_init("ocopctl", OC_LOG_ERROR);
    actor_set(&c);
    if (connect_db(&c) == 0)
        rc = run(&c);
    PQfinish(c.conn);
    oc_config_clean(&c.cfg);
    oc_log_clean();
    return rc;
}

/*
 * The service runtime every OCOP service shares: configuration, logging, the
 * database pool, migrations, the HTTP server with /health, /ready, /metrics
 * and /openapi.json, the outbox relay and the event consumer, started in that
 * order and stopped in reverse on SIGTERM or SIGINT.
 */
#ifndef OC_SERVICE_H
#define OC_SERVICE_H

#include <stdatomic.h>
#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>
#include <ulfius.h>

#include "common/config.h"
#include "common/consumer.h"
#include "common/db.h"
#include "common/outbox.h"
#include "common/readiness.h"
#include "common/relay.h"

struct oc_service;

/*
 * A service's own data: settings read at start and what its threads share.
 * Each service that has any defines struct oc_app in its own header and sets
 * svc->app before oc_service_run; common never looks inside.
 */
struct oc_app;

/*
 * A route handler: an adapter of a few lines that returns U_CALLBACK_COMPLETE.
 * Headers declare handlers with the function type: oc_handler product_post, product_list;
 */
typedef int oc_handler(const struct _u_request *req, struct _u_response *resp,
                       struct oc_service *svc);
typedef oc_handler *oc_handler_fn;

/*
 * Reads one resource by id into *out (caller owns), or OC_NOT_FOUND. Headers
 * declare readers with the function type: oc_reader product_view;
 */
typedef enum oc_err oc_reader(PGconn *conn, const char *id, json_t **out);
typedef oc_reader *oc_get_fn;

/* What a route that reads one resource by its path's {id} needs (see oc_read_by_id). */
struct oc_route_read {
    const char *what; /* the resource as a 404 names it: "no <what> has this id" */
    oc_get_fn get;    /* reads it */
};

/*
 * One entry of a service's route table, written with designated initialisers,
 * one route a line or block. roles is the operation's x-roles in its OpenAPI
 * document, word for word (the server refuses to start when they differ): a
 * route whose roles are only "public" needs no token; any other needs a bearer
 * token granting one of them (401 without, 403 otherwise). A route is one of
 * two kinds: a read of one resource by id (.read: served by oc_read_by_id,
 * no handler of its own), or any other (.fn: its handler). The metrics and
 * access-log label is the path.
 */
struct oc_route {
    const char *method;        /* "GET", "POST", ... */
    const char *path;          /* as in the OpenAPI document, e.g. "/v1/products/{id}" */
    const char *roles;         /* space-separated role names allowed, e.g. "admin portal" */
    oc_handler_fn fn;          /* the handler, or NULL for a read */
    struct oc_route_read read; /* a read by id, when fn is NULL */
    int upload;                /* 1: the body may be a file upload up to OCOP_MAX_UPLOAD_BYTES */
};

struct route_slot;
struct oc_gate;

/*
 * Runs once at start-up after the migrations, on a dedicated connection (for
 * loading reference data, say). A non-OK result stops the start: OC_DB is
 * retried like the migrations, anything else exits with err logged.
 */
typedef enum oc_err (*oc_startup_fn)(PGconn *conn, struct oc_service *svc, char *err,
                                     size_t errlen);

struct oc_service {
    struct oc_config cfg;          /* read once at start */
    struct oc_db_pool *pool;       /* shared connections */
    struct oc_relay *relay;        /* outbox publisher */
    struct oc_auth *auth;          /* access-token verifier (common/auth.h) */
    struct oc_consumer *consumer;  /* NULL when the service consumes nothing */
    struct oc_emitter emitter;     /* this service's topic and ce_source */
    struct _u_instance http;       /* ulfius instance */
    struct route_slot *slots;      /* one per registered route (owned) */
    struct oc_gate *gate;          /* limits and deadline of the gate (common/gate.h; owned) */
    size_t nslots;                 /* entries in slots */
    char *openapi;                 /* OpenAPI document text (owned) */
    const struct oc_route *routes; /* the service's table (borrowed) */
    size_t nroutes;                /* entries in routes */
    const char *const *consumes;   /* services whose topics are consumed (borrowed) */
    size_t nconsumes;              /* entries in consumes */
    const struct oc_event_route *events;       /* consumed event types (borrowed) */
    size_t nevents;                            /* entries in events */
    struct oc_app *app;                        /* the service's own data, or NULL (borrowed) */
    oc_startup_fn startup;                     /* optional start-up step after migrations */
    void (*on_commit)(struct oc_service *svc); /* after consumed events commit (optional) */
    atomic_int migrated;                       /* 1 once migrations are applied */
    atomic_int draining;                       /* 1 once shutdown began */
    atomic_int in_flight;                      /* requests in handlers now */
    struct oc_readiness readiness;             /* checks kept by a background thread */
};

/*
 * Reads the configuration, installs the allocator and logging, blocks the stop
 * signals for every thread and opens the database pool and relay. Returns 0,
 * or -1 after logging why (svc then needs only oc_service_clean).
 */
int oc_service_init(struct oc_service *svc, const char *name, int default_port);

/* The number of elements of an array. */
#define OC_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * A service's tables, declared once in its routes.c (one extern line in its
 * handlers.h): the routes it serves, the services whose events topics it
 * reads and its handlers by event type.
 */
struct oc_service_tables {
    const struct oc_route *routes;       /* the route table */
    size_t nroutes;                      /* its rows */
    const char *const *sources;          /* services whose events it consumes, or NULL */
    size_t nsources;                     /* their number */
    const struct oc_event_route *events; /* its handlers by consumed event type, or NULL */
    size_t nevents;                      /* their number */
};

/*
 * Sets the service's route table and what it consumes, from t (borrowed for
 * the service's life): the events topics of the named services and the
 * handlers by event type. Every handler receives the service itself (its own
 * data in svc->app).
 */
void oc_service_set_tables(struct oc_service *svc, const struct oc_service_tables *t);

/*
 * Sets a function the consumer calls with the service after each transaction
 * of applied events commits (see oc_consumer_on_commit).
 */
void oc_service_on_commit(struct oc_service *svc, void (*fn)(struct oc_service *svc));

/* Sets a start-up step to run after the migrations (see oc_startup_fn). */
void oc_service_startup(struct oc_service *svc, oc_startup_fn fn);

/* Runs until SIGTERM or SIGINT, then drains. Returns the process exit code. */
int oc_service_run(struct oc_service *svc);

/* Frees everything; safe after a failed init. */
void oc_service_clean(struct oc_service *svc);

#endif

/*
 * E-mail to producers: settings, queueing in the consumer's transaction and
 * the sender thread (claim due messages, resolve the producer, honour an
 * opt-out, fetch the address from registration, render, send, record).
 */
#include "notification/mail.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/alloc.h"
#include "common/config.h"
#include "common/db.h"
#include "common/file.h"
#include "common/log.h"
#include "common/waiter.h"
#include "notification/app.h"
#include "notification/contact.h"
#include "notification/mail_compose.h"
#include "notification/mail_store.h"
#include "notification/read_model_store.h"
#include "notification/smtp.h"

#define MAIL_BATCH     10        /* messages claimed at once */
#define MAIL_FILE_MAX  (1 << 20) /* a template file or a password file, at most */
#define MAIL_LEASE_PAD 30000     /* lease beyond the two network timeouts, ms */

/* ---- settings ------------------------------------------------------------ */

#define MS(field) offsetof(struct mail_settings, field)

/* The settings; an empty value counts as unset. */
static const struct oc_setting mail_setting_rows[] = {
    {"OCOP_SMTP_URL", OC_SETTING_TEXT, MS(smtp_url), NULL, 0, 4096, NULL, OC_SETTING_EMPTY_UNSET},
    {"OCOP_SMTP_FROM", OC_SETTING_TEXT, MS(from), "no-reply@ocop.travinh.gov.vn", 0, 320, NULL,
     OC_SETTING_EMPTY_UNSET},
    {"OCOP_SMTP_FROM_NAME", OC_SETTING_TEXT, MS(from_name), "Chương trình OCOP tỉnh Vĩnh Long", 0,
     400, NULL, OC_SETTING_EMPTY_UNSET},
    {"OCOP_SMTP_USERNAME", OC_SETTING_TEXT, MS(username), NULL, 0, 512, NULL,
     OC_SETTING_EMPTY_UNSET},
    {"OCOP_SMTP_PASSWORD_FILE", OC_SETTING_TEXT, MS(password_file), NULL, 0, 4096, NULL,
     OC_SETTING_EMPTY_UNSET},
    {"OCOP_REGISTRATION_URL", OC_SETTING_TEXT, MS(registration_url), "http://127.0.0.1:8081", 0,
     4096, NULL, OC_SETTING_EMPTY_UNSET},
    {"OCOP_MAIL_TEMPLATE_DIR", OC_SETTING_TEXT, MS(template_dir), NULL, 0, 4096, NULL,
     OC_SETTING_EMPTY_UNSET},
    {"OCOP_NOTIFICATION_TOKEN_FILE", OC_SETTING_TEXT, MS(token_file), NULL, 0, 4096, NULL,
     OC_SETTING_EMPTY_UNSET},
    {"OCOP_SMTP_TIMEOUT_MS", OC_SETTING_INT, MS(smtp_timeout_ms), "30000", 100, 600000, NULL, 0},
    {"OCOP_MAIL_MAX_ATTEMPTS", OC_SETTING_INT, MS(max_attempts), "10", 1, 1000, NULL, 0},
    {"OCOP_MAIL_RETRY_BASE_MS", OC_SETTING_INT, MS(retry_base_ms), "60000", 10, 86400000, NULL, 0},
    {"OCOP_MAIL_RETRY_MAX_MS", OC_SETTING_INT, MS(retry_max_ms), "3600000", 10, 604800000, NULL, 0},
    {"OCOP_MAIL_POLL_MS", OC_SETTING_INT, MS(poll_ms), "1000", 10, 3600000, NULL, 0},
};

#define MAIL_ROWS OC_SETTINGS_COUNT(mail_setting_rows)

/* Reads a whole small file (caller frees), or NULL. */
static char *read_file(const char *path)
{
    char why[64];
    return oc_file_read(path, MAIL_FILE_MAX, NULL, why, sizeof(why));
}

static int smtp_settings(struct mail_settings *s, char *err, size_t errlen)
{
    if (strncmp(s->smtp_url, "smtp://", 7) != 0 && strncmp(s->smtp_url, "smtps://", 8) != 0) {
        snprintf(err, errlen, "OCOP_SMTP_URL must begin with smtp:// or smtps://");
        return -1;
    }
    if (!mail_address_ok(s->from)) {
        snprintf(err, errlen, "OCOP_SMTP_FROM must be an e-mail address");
        return -1;
    }
    if (s->token_file == NULL) {
        snprintf(err, errlen, "OCOP_NOTIFICATION_TOKEN_FILE is required with OCOP_SMTP_URL");
        return -1;
    }
    if (s->password_file != NULL) {
        s->password = read_file(s->password_file);
        if (s->password == NULL) {
            snprintf(err, errlen, "OCOP_SMTP_PASSWORD_FILE cannot be read");
            return -1;
        }
        s->password[strcspn(s->password, "\r\n")] = '\0';
    }
    return 0;
}

int mail_settings_load(struct mail_settings *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof(*s));
    if (oc_settings_load(mail_setting_rows, MAIL_ROWS, s, err, errlen) != 0)
        return -1;
    size_t n = strlen(s->registration_url);
    while (n > 0 && s->registration_url[n - 1] == '/')
        s->registration_url[--n] = '\0';
    if (strncmp(s->registration_url, "http://", 7) != 0 &&
        strncmp(s->registration_url, "https://", 8) != 0) {
        snprintf(err, errlen, "OCOP_REGISTRATION_URL must begin with http:// or https://");
        return -1;
    }
    return s->smtp_url != NULL ? smtp_settings(s, err, errlen) : 0;
}

void mail_settings_clean(struct mail_settings *s)
{
    if (s->password != NULL)
        memset(s->password, 0, strlen(s->password));
    free(s->password);
    oc_settings_clean(mail_setting_rows, MAIL_ROWS, s);
    memset(s, 0, sizeof(*s));
}

/* ---- queueing ------------------------------------------------------------ */

enum oc_err mail_on_event(PGconn *conn, const struct oc_event_in *ev, struct oc_service *svc,
                          char *err, size_t errlen)
{
    (void)svc;
    struct mail_item item;
    char producer[37] = "";
    int found = 0, inserted = 0;
    int r = mail_compose(ev->type, ev->data, &item, err, errlen);
    if (r <= 0)
        return r == 0 ? OC_OK : OC_INVALID;
    enum oc_err rc = OC_OK;
    if (item.producer_id == NULL && item.product_id != NULL) {
        rc = read_model_store_product_producer(conn, item.product_id, producer, &found);
        if (found)
            item.producer_id = producer; /* else the sender resolves it later */
    }
    struct mail_to_queue m = {
        ev->id,           mail_kind_name(item.kind), mail_kind_mandatory(item.kind),
        item.producer_id, item.product_id,           NULL,
        item.vars};
    if (rc == OC_OK)
        rc = mail_store_queue(conn, &m, &inserted);
    if (rc == OC_OK && inserted)
        oc_log(OC_LOG_INFO, "mail %s queued for event %s", m.kind, ev->id);
    json_decref(item.vars);
    return rc;
}

enum oc_err mail_queue_address(PGconn *conn, const char *key, const char *to,
                               const char *template_name, const json_t *vars)
{
    int kind = mail_kind_find(template_name), inserted = 0;
    if (kind < 0 || key == NULL || key[0] == '\0' || !mail_address_ok(to))
        return OC_INVALID;
    json_t *empty = json_object();
    struct mail_to_queue m = {
        key, template_name, 1, NULL, NULL, to, json_is_object(vars) ? vars : empty};
    enum oc_err rc = mail_store_queue(conn, &m, &inserted);
    if (rc == OC_OK && inserted)
        oc_log(OC_LOG_INFO, "mail %s queued for key %s", template_name, key);
    json_decref(empty);
    return rc;
}

/* ---- the sender ---------------------------------------------------------- */

struct mail_sender {
    struct oc_service *svc;                          /* borrowed */
    const struct mail_settings *cfg;                 /* borrowed from svc */
    struct mail_template templates[MAIL_KIND_COUNT]; /* one per kind */
    struct contact_client *contact;                  /* registration client, NULL when off */
    int running;                                     /* 1 when the thread runs */
    pthread_t thread;                                /* the sending thread */
    struct oc_waiter waiter;                         /* its sleep: kicked by new mail, stop */
    unsigned long seen;                              /* the kicks it has seen */
};

/* One claimed message (strings borrowed from the claim's result). */
struct mail_job {
    const char *id, *kind_name, *producer_id, *product_id, *to, *event_id;
    int kind, mandatory, attempts;
    json_t *vars; /* borrowed from the claimed row (amended in place) */
};

/* Waits up to ms, until new mail is committed or until stopped. Returns 1 when stopped. */
static int sender_wait(struct mail_sender *s, int ms)
{
    return oc_waiter_wait(&s->waiter, ms, &s->seen);
}

/* Settles a message for good (status sent, no_address, opted_out or failed) and logs it. */
static enum oc_err job_finish(struct mail_sender *s, const struct mail_job *j, const char *status,
                              const char *message_id, const char *error)
{
    PGconn *conn = oc_db_acquire(s->svc->pool);
    enum oc_err rc = conn ? mail_store_finish(conn, j->id, status, message_id, error) : OC_DB;
    oc_db_release(s->svc->pool, conn);
    oc_log(OC_LOG_INFO, "mail %s %s of event %s to producer %s: %s%s%s", j->id, j->kind_name,
           j->event_id, j->producer_id ? j->producer_id : "(operator)", status, error ? ": " : "",
           error ? error : "");
    return rc;
}

static void job_retry(struct mail_sender *s, const struct mail_job *j, const char *error)
{
    long delay = s->cfg->retry_base_ms;
    for (int i = 1; i < j->attempts && delay < s->cfg->retry_max_ms; i++)
        delay *= 2;
    if (delay > s->cfg->retry_max_ms)
        delay = s->cfg->retry_max_ms;
    PGconn *conn = oc_db_acquire(s->svc->pool);
    if (conn != NULL)
        mail_store_retry(conn, j->id, delay, s->cfg->max_attempts, error);
    oc_db_release(s->svc->pool, conn);
    oc_log(j->attempts >= s->cfg->max_attempts ? OC_LOG_ERROR : OC_LOG_WARN,
           "mail %s %s of event %s, try %d of %d: %s", j->id, j->kind_name, j->event_id,
           j->attempts, s->cfg->max_attempts, error);
}

/*
 * Finds the producer of a producer message and the product's name for the
 * template. Returns 1 to go on, 0 when the message was settled or put back.
 */
static int job_resolve(struct mail_sender *s, struct mail_job *j, char *producer)
{
    json_t *product = NULL;
    int found = 0, opt_out = 0;
    PGconn *conn = oc_db_acquire(s->svc->pool);
    enum oc_err rc = conn ? OC_OK : OC_DB;
    if (rc == OC_OK && j->product_id != NULL)
        rc = mail_store_product(conn, j->product_id, producer, &product, &found);
    if (rc == OC_OK && found && j->producer_id == NULL) {
        rc = mail_store_set_producer(conn, j->id, producer);
        j->producer_id = producer;
    }
    if (rc == OC_OK && found && json_object_get(j->vars, "product_name") == NULL)
        json_object_update_missing(j->vars, product);
    if (rc == OC_OK && j->producer_id != NULL && !j->mandatory)
        rc = mail_store_opted_out(conn, j->producer_id, &opt_out);
    oc_db_release(s->svc->pool, conn);
    json_decref(product);
    if (rc != OC_OK) {
        job_retry(s, j, "the database could not be read");
        return 0;
    }
    if (j->producer_id == NULL) {
        job_retry(s, j, "the product is not known here yet");
        return 0;
    }
    if (opt_out) {
        job_finish(s, j, "opted_out", NULL, "the producer opted out of this kind of mail");
        return 0;
    }
    return 1;
}

/* Renders and sends to to; greeting is the name for {{producer_name}}. */
static void job_send(struct mail_sender *s, struct mail_job *j, const char *to,
                     const char *greeting)
{
    const struct mail_template *t = &s->templates[j->kind];
    char message_id[160], boundary[64], err[256] = "";
    const char *at = strrchr(s->cfg->from, '@');
    snprintf(message_id, sizeof(message_id), "<%s.%d@%s>", j->id, j->attempts, at + 1);
    snprintf(boundary, sizeof(boundary), "ocop-%s", j->id);
    json_object_set_new(j->vars, "producer_name", json_string(greeting));
    char *subject = mail_render(t->subject, j->vars, 0, 1);
    char *text = mail_render(t->text, j->vars, 0, 0);
    char *html = mail_render(t->html, j->vars, 1, 0);
    struct mail_message m = {s->cfg->from, s->cfg->from_name, to,       subject,   text,
                             html,         message_id,        boundary, time(NULL)};
    char *message = mail_message_build(&m);
    struct smtp_options o = {s->cfg->smtp_url, s->cfg->username, s->cfg->password,
                             s->cfg->smtp_timeout_ms};
    if (smtp_send(&o, s->cfg->from, to, message, err, sizeof(err)) == 0)
        job_finish(s, j, "sent", message_id, NULL);
    else
        job_retry(s, j, err);
    free(message);
    free(html);
    free(text);
    free(subject);
}

static void job_run(struct mail_sender *s, struct mail_job *j)
{
    char producer[37] = "", email[256] = "", name[256] = "", err[256] = "";
    if (j->to != NULL) {
        job_send(s, j, j->to, "");
        return;
    }
    if (!job_resolve(s, j, producer))
        return;
    switch (contact_fetch(s->contact, j->producer_id, email, sizeof(email), name, sizeof(name), err,
                          sizeof(err))) {
    case CONTACT_OK:
        job_send(s, j, email, name[0] ? name : "Quý cơ sở");
        break;
    case CONTACT_NONE:
        job_finish(s, j, "no_address", NULL, err);
        break;
    case CONTACT_FAILURE:
        job_retry(s, j, err);
        break;
    }
    memset(email, 0, sizeof(email));
    memset(name, 0, sizeof(name));
}

/* Claims and sends one batch. Returns how many were claimed. */
static int sender_batch(struct mail_sender *s)
{
    struct mail_claimed *rows = NULL;
    int n = 0, lease = 2 * s->cfg->smtp_timeout_ms + MAIL_LEASE_PAD;
    PGconn *conn = oc_db_acquire(s->svc->pool);
    enum oc_err rc = conn ? mail_store_claim(conn, MAIL_BATCH, lease, &rows, &n) : OC_DB;
    oc_db_release(s->svc->pool, conn);
    if (rc != OC_OK)
        return 0;
    for (int i = 0; i < n && !atomic_load(&s->svc->draining); i++) {
        const struct mail_claimed *m = &rows[i];
        struct mail_job j = {m->id,         m->kind,     m->producer_id,          m->product_id,
                             m->to_address, m->event_id, mail_kind_find(m->kind), m->mandatory,
                             m->attempts,   m->vars};
        if (j.kind < 0 || !json_is_object(j.vars))
            job_finish(s, &j, "failed", NULL, "unknown kind of mail or broken values");
        else
            job_run(s, &j);
    }
    mail_claimed_free(rows, n);
    return n;
}

static void *sender_main(void *arg)
{
    struct mail_sender *s = arg;
    while (!atomic_load(&s->svc->migrated))
        if (sender_wait(s, 100))
            return NULL;
    do {
        while (!atomic_load(&s->svc->draining) && sender_batch(s) == MAIL_BATCH)
            ;
    } while (!sender_wait(s, s->cfg->poll_ms));
    return NULL;
}

/* Loads every kind's template. Returns 0, or -1 after logging why. */
static int templates_load(struct mail_sender *s)
{
    char dir[4096], path[4200], err[256];
    if (s->cfg->template_dir != NULL)
        snprintf(dir, sizeof(dir), "%s", s->cfg->template_dir);
    else
        snprintf(dir, sizeof(dir), "%s/templates/mail", s->svc->cfg.schema_dir);
    for (int k = 0; k < MAIL_KIND_COUNT; k++) {
        snprintf(path, sizeof(path), "%s/%s.txt", dir, mail_kind_name((enum mail_kind)k));
        char *txt = read_file(path);
        snprintf(path, sizeof(path), "%s/%s.html", dir, mail_kind_name((enum mail_kind)k));
        char *html = read_file(path);
        int rc =
            txt && html ? mail_template_parse(txt, html, &s->templates[k], err, sizeof(err)) : -1;
        if (txt == NULL || html == NULL)
            snprintf(err, sizeof(err), "missing or unreadable");
        free(txt);
        free(html);
        if (rc != 0) {
            oc_log(OC_LOG_ERROR, "mail template %s in %s: %s", mail_kind_name((enum mail_kind)k),
                   dir, err);
            return -1;
        }
    }
    return 0;
}

static void sender_free(struct mail_sender *s)
{
    for (int k = 0; k < MAIL_KIND_COUNT; k++)
        mail_template_clean(&s->templates[k]);
    contact_client_free(s->contact);
    oc_waiter_destroy(&s->waiter);
    free(s);
}

struct mail_sender *mail_sender_start(struct oc_service *svc)
{
    struct mail_sender *s = oc_xcalloc(1, sizeof(*s));
    s->svc = svc;
    s->cfg = &svc->app->mail;
    oc_waiter_init(&s->waiter);
    if (templates_load(s) != 0) {
        sender_free(s);
        return NULL;
    }
    if (s->cfg->smtp_url == NULL) {
        oc_log(OC_LOG_WARN, "OCOP_SMTP_URL is not set: mail is queued but not sent");
        return s;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    s->contact =
        contact_client_new(s->cfg->registration_url, s->cfg->token_file, s->cfg->smtp_timeout_ms);
    if (pthread_create(&s->thread, NULL, sender_main, s) != 0) {
        oc_log(OC_LOG_ERROR, "could not start the mail sender thread");
        curl_global_cleanup();
        sender_free(s);
        return NULL;
    }
    s->running = 1;
    return s;
}

void mail_sender_kick(struct mail_sender *s)
{
    if (s != NULL)
        oc_waiter_kick(&s->waiter);
}

void mail_sender_stop(struct mail_sender *s)
{
    if (s == NULL)
        return;
    if (s->running) {
        oc_waiter_stop(&s->waiter);
        pthread_join(s->thread, NULL);
        curl_global_cleanup();
    }
    sender_free(s);
}

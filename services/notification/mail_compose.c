#include "notification/mail_compose.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "common/base64.h"
#include "common/event.h"
#include "common/validate.h"

/* ---- kinds ------------------------------------------------------------- */

static const struct {
    const char *name;
    int mandatory;
    int producer;
} kinds[] = {
#define XX(id, name, mandatory, producer) {name, mandatory, producer},
    MAIL_KIND_MAP(XX)
#undef XX
};

const char *const mail_kind_names[] = {
#define XX(id, name, mandatory, producer) name,
    MAIL_KIND_MAP(XX)
#undef XX
        NULL};

const char *const mail_statuses[] = {"pending", "sent", "failed", "no_address", "opted_out", NULL};

const char *mail_kind_name(enum mail_kind kind)
{
    return kinds[kind].name;
}

int mail_kind_mandatory(enum mail_kind kind)
{
    return kinds[kind].mandatory;
}

int mail_kind_to_producer(enum mail_kind kind)
{
    return kinds[kind].producer;
}

int mail_kind_find(const char *name)
{
    for (int i = 0; i < MAIL_KIND_COUNT; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return i;
    return -1;
}

/* ---- growing buffer ---------------------------------------------------- */

struct buf {
    char *p;    /* text, NUL-terminated (owned) */
    size_t n;   /* bytes used, without the NUL */
    size_t cap; /* bytes allocated */
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2 + 64;
        b->p = oc_xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void buf_str(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static char *buf_take(struct buf *b)
{
    if (b->p == NULL)
        return oc_xstrdup("");
    return b->p;
}

/* ---- values an event gives its template -------------------------------- */

void mail_day_vi(const char *day, char *buf, size_t len)
{
    if (day != NULL && strlen(day) == 10 && day[4] == '-' && day[7] == '-')
        snprintf(buf, len, "%.2s/%.2s/%.4s", day + 8, day + 5, day);
    else
        snprintf(buf, len, "%s", day ? day : "");
}

/* The string member key of data, or NULL when absent, null or not a string. */
static const char *opt_str(const json_t *data, const char *key)
{
    return json_string_value(json_object_get(data, key));
}

/* Sets vars[key] to a day in Vietnamese order; "" when day is NULL. */
static void set_day(json_t *vars, const char *key, const char *day)
{
    char vi[32];
    mail_day_vi(day, vi, sizeof(vi));
    json_object_set_new(vars, key, json_string(vi));
}

static void set_opt(json_t *vars, const char *key, const char *value)
{
    json_object_set_new(vars, key, json_string(value ? value : ""));
}

/* The day (Asia/Ho_Chi_Minh, UTC+7) of an RFC 3339 time, DD/MM/YYYY; the text as is if malformed.
 */
static void set_local_day(json_t *vars, const char *key, const char *rfc3339)
{
    long long secs;
    if (oc_event_time_parse(rfc3339, &secs)) {
        char day[16];
        time_t t = (time_t)(secs + 7 * 3600);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(day, sizeof(day), "%d/%m/%Y", &tm);
        set_opt(vars, key, day);
    } else {
        set_opt(vars, key, rfc3339);
    }
}

/* A score as Vietnamese write it: decimal comma, no trailing zeros (78,5). */
static void set_score(json_t *vars, double score)
{
    char text[32];
    snprintf(text, sizeof(text), "%.2f", score);
    char *dot = strchr(text, '.');
    if (dot != NULL) {
        size_t n = strlen(text);
        while (n > 0 && text[n - 1] == '0')
            text[--n] = '\0';
        if (text[n - 1] == '.')
            text[n - 1] = '\0';
        else
            *dot = ',';
    }
    set_opt(vars, "score", text);
}

/* A word from a table of {code, words} pairs; the code itself when not listed. */
static const char *words(const char *const (*table)[2], const char *code)
{
    for (size_t i = 0; table[i][0] != NULL; i++)
        if (strcmp(table[i][0], code) == 0)
            return table[i][1];
    return code;
}

static const char *const level_words[][2] = {{"district", "cấp huyện"},
                                             {"province", "cấp tỉnh"},
                                             {"central", "cấp trung ương"},
                                             {NULL, NULL}};
static const char *const outcome_words[][2] = {
    {"recognised", "được công nhận là sản phẩm OCOP"},
    {"not_recognised", "chưa đạt hạng OCOP (dưới 3 sao)"},
    {NULL, NULL}};
static const char *const application_kind_words[][2] = {{"first_time", "đánh giá lần đầu"},
                                                        {"upgrade", "nâng hạng sao"},
                                                        {"re_recognition", "công nhận lại"},
                                                        {NULL, NULL}};

/* Unpacks the members an event must have; -1 with err naming what broke. */
static int need(json_t *data, char *err, size_t errlen, const char *fmt, ...)
{
    json_error_t jerr;
    va_list ap;
    va_start(ap, fmt);
    int rc = json_vunpack_ex(data, &jerr, 0, fmt, ap);
    va_end(ap);
    if (rc != 0)
        snprintf(err, errlen, "%s", jerr.text);
    return rc == 0 ? 0 : -1;
}

static int uuid_member(const char *id, const char *name, char *err, size_t errlen)
{
    if (oc_uuid_ok(id))
        return 0;
    snprintf(err, errlen, "%s is not a UUID", name);
    return -1;
}

static int compose_expiry_notice(json_t *data, struct mail_item *out, char *err, size_t errlen)
{
    const char *number, *product_id, *code, *name, *expires_on, *decision;
    json_int_t stars, days_left;
    if (need(data, err, errlen, "{s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:I}", "number", &number,
             "product_id", &product_id, "product_code", &code, "product_name", &name, "stars",
             &stars, "expires_on", &expires_on, "decision_number", &decision, "days_left",
             &days_left) != 0 ||
        uuid_member(product_id, "product_id", err, errlen) != 0)
        return -1;
    out->kind = MAIL_CERTIFICATE_EXPIRING;
    out->product_id = product_id;
    out->vars = json_pack("{s:s, s:s, s:s, s:I, s:s, s:I}", "certificate_number", number,
                          "product_code", code, "product_name", name, "stars", stars,
                          "decision_number", decision, "days_left", days_left);
    set_day(out->vars, "expires_on", expires_on);
    return 1;
}

static int compose_certificate_status(json_t *data, struct mail_item *out, char *err, size_t errlen)
{
    const char *number, *product_id, *code, *status, *expires_on, *changed_on;
    json_int_t stars;
    if (need(data, err, errlen, "{s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "number", &number,
             "product_id", &product_id, "product_code", &code, "stars", &stars, "status", &status,
             "expires_on", &expires_on, "changed_on", &changed_on) != 0 ||
        uuid_member(product_id, "product_id", err, errlen) != 0)
        return -1;
    if (strcmp(status, "expired") == 0)
        out->kind = MAIL_CERTIFICATE_EXPIRED;
    else if (strcmp(status, "suspended") == 0)
        out->kind = MAIL_CERTIFICATE_SUSPENDED;
    else if (strcmp(status, "revoked") == 0)
        out->kind = MAIL_CERTIFICATE_REVOKED;
    else
        return 0;
    out->product_id = product_id;
    out->vars = json_pack("{s:s, s:s, s:I}", "certificate_number", number, "product_code", code,
                          "stars", stars);
    set_opt(out->vars, "reason", opt_str(data, "reason"));
    set_opt(out->vars, "change_decision",
            opt_str(json_object_get(data, "change_decision"), "number"));
    set_day(out->vars, "expires_on", expires_on);
    set_day(out->vars, "changed_on", changed_on);
    return 1;
}

static int compose_application(json_t *data, struct mail_item *out, char *err, size_t errlen)
{
    const char *id, *product_id, *producer_id, *name, *code, *status, *kind, *changed_at;
    if (need(data, err, errlen, "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "application_id", &id,
             "product_id", &product_id, "producer_id", &producer_id, "product_name", &name,
             "product_code", &code, "status", &status, "kind", &kind, "changed_at",
             &changed_at) != 0 ||
        uuid_member(product_id, "product_id", err, errlen) != 0 ||
        uuid_member(producer_id, "producer_id", err, errlen) != 0)
        return -1;
    if (strcmp(status, "accepted") == 0)
        out->kind = MAIL_DOSSIER_ACCEPTED;
    else if (strcmp(status, "supplement_requested") == 0)
        out->kind = MAIL_DOSSIER_SUPPLEMENT;
    else
        return 0;
    out->product_id = product_id;
    out->producer_id = producer_id;
    out->vars = json_pack("{s:s, s:s, s:s}", "product_name", name, "product_code", code,
                          "application_kind", words(application_kind_words, kind));
    set_opt(out->vars, "dossier_code", opt_str(data, "dossier_code"));
    set_opt(out->vars, "reason", opt_str(data, "reason"));
    set_local_day(out->vars, "changed_on", changed_at);
    return 1;
}

static int compose_evaluation(json_t *data, struct mail_item *out, char *err, size_t errlen)
{
    const char *product_id, *level, *outcome, *decision, *decided_on;
    json_int_t stars;
    double score;
    if (need(data, err, errlen, "{s:s, s:s, s:F, s:I, s:s, s:s, s:s}", "product_id", &product_id,
             "level", &level, "score", &score, "stars", &stars, "outcome", &outcome,
             "decision_number", &decision, "decided_on", &decided_on) != 0 ||
        uuid_member(product_id, "product_id", err, errlen) != 0)
        return -1;
    out->kind = MAIL_EVALUATION_RESULT;
    out->product_id = product_id;
    out->vars =
        json_pack("{s:I, s:s, s:s, s:s}", "stars", stars, "outcome", words(outcome_words, outcome),
                  "level", words(level_words, level), "decision_number", decision);
    set_score(out->vars, score);
    set_day(out->vars, "decided_on", decided_on);
    return 1;
}

static int compose_participation(json_t *data, struct mail_item *out, char *err, size_t errlen)
{
    const char *product_id, *status;
    if (need(data, err, errlen, "{s:s, s:s}", "product_id", &product_id, "status", &status) != 0 ||
        uuid_member(product_id, "product_id", err, errlen) != 0)
        return -1;
    const char *from = opt_str(data, "from_status");
    if (strcmp(status, "registered") == 0 && from == NULL)
        out->kind = MAIL_PARTICIPATION_ACCEPTED;
    else if (strcmp(status, "withdrawn") == 0 && (from == NULL || strcmp(from, status) != 0))
        out->kind = MAIL_PARTICIPATION_WITHDRAWN;
    else
        return 0;
    out->product_id = product_id;
    out->vars = json_object();
    set_opt(out->vars, "event_name", opt_str(data, "event_name"));
    set_opt(out->vars, "booth", opt_str(data, "booth"));
    set_opt(out->vars, "reason", opt_str(data, "reason"));
    set_day(out->vars, "starts_on", opt_str(data, "starts_on"));
    set_day(out->vars, "ends_on", opt_str(data, "ends_on"));
    return 1;
}

int mail_compose(const char *type, json_t *data, struct mail_item *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (strcmp(type, "ocop.evaluation.certificate.expiry_notice.v1") == 0)
        return compose_expiry_notice(data, out, err, errlen);
    if (strcmp(type, "ocop.evaluation.certificate.status_changed.v1") == 0)
        return compose_certificate_status(data, out, err, errlen);
    if (strcmp(type, "ocop.registration.application.status_changed.v1") == 0)
        return compose_application(data, out, err, errlen);
    if (strcmp(type, "ocop.evaluation.evaluation.completed.v1") == 0)
        return compose_evaluation(data, out, err, errlen);
    if (strcmp(type, "ocop.promotion.participation.changed.v1") == 0)
        return compose_participation(data, out, err, errlen);
    return 0;
}

/* ---- templates --------------------------------------------------------- */

/* Length of the {{name}} at s (s starts with "{{"), or 0 when it is not one. */
static size_t placeholder(const char *s, char *name, size_t namelen)
{
    size_t i = 2;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')
        i++;
    if (i == 2 || i - 2 >= namelen || s[i] != '}' || s[i + 1] != '}')
        return 0;
    memcpy(name, s + 2, i - 2);
    name[i - 2] = '\0';
    return i + 2;
}

/* -1 with err when some "{{" in s opens no well-formed placeholder. */
static int placeholders_ok(const char *s, const char *part, char *err, size_t errlen)
{
    char name[64];
    for (const char *p = strstr(s, "{{"); p != NULL; p = strstr(p + 2, "{{")) {
        if (placeholder(p, name, sizeof(name)) == 0) {
            snprintf(err, errlen, "the %s has a malformed placeholder near \"%.20s\"", part, p);
            return -1;
        }
    }
    return 0;
}

int mail_template_parse(const char *txt, const char *html, struct mail_template *out, char *err,
                        size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (strncmp(txt, "Subject: ", 9) != 0) {
        snprintf(err, errlen, "the text file must begin with \"Subject: \"");
        return -1;
    }
    const char *eol = strchr(txt, '\n');
    if (eol == NULL || eol[1] != '\n' || eol == txt + 9) {
        snprintf(err, errlen, "the subject line must be followed by a blank line");
        return -1;
    }
    if (!oc_utf8_ok(txt, strlen(txt)) || !oc_utf8_ok(html, strlen(html))) {
        snprintf(err, errlen, "the template is not UTF-8");
        return -1;
    }
    size_t n = (size_t)(eol - txt) - 9;
    if (n > 0 && txt[9 + n - 1] == '\r')
        n--;
    out->subject = oc_xmalloc(n + 1);
    memcpy(out->subject, txt + 9, n);
    out->subject[n] = '\0';
    out->text = oc_xstrdup(eol + 2);
    out->html = oc_xstrdup(html);
    if (placeholders_ok(out->subject, "subject", err, errlen) != 0 ||
        placeholders_ok(out->text, "text", err, errlen) != 0 ||
        placeholders_ok(out->html, "HTML", err, errlen) != 0) {
        mail_template_clean(out);
        return -1;
    }
    return 0;
}

void mail_template_clean(struct mail_template *t)
{
    free(t->subject);
    free(t->text);
    free(t->html);
    memset(t, 0, sizeof(*t));
}

static void add_escaped(struct buf *b, const char *s, int html, int oneline)
{
    for (; *s; s++) {
        char c = *s;
        if (oneline && (c == '\r' || c == '\n' || c == '\t'))
            buf_add(b, " ", 1);
        else if (html && c == '&')
            buf_str(b, "&amp;");
        else if (html && c == '<')
            buf_str(b, "&lt;");
        else if (html && c == '>')
            buf_str(b, "&gt;");
        else if (html && c == '"')
            buf_str(b, "&quot;");
        else if (html && c == '\'')
            buf_str(b, "&#39;");
        else
            buf_add(b, s, 1);
    }
}

static void add_value(struct buf *b, const json_t *v, int html, int oneline)
{
    char num[64];
    if (json_is_string(v)) {
        add_escaped(b, json_string_value(v), html, oneline);
    } else if (json_is_integer(v)) {
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        buf_str(b, num);
    } else if (json_is_real(v)) {
        snprintf(num, sizeof(num), "%g", json_real_value(v));
        buf_str(b, num);
    } else if (json_is_boolean(v)) {
        buf_str(b, json_is_true(v) ? "có" : "không");
    }
}

char *mail_render(const char *tpl, const json_t *vars, int html, int oneline)
{
    struct buf b = {NULL, 0, 0};
    char name[64];
    const char *p = tpl;
    buf_add(&b, "", 0);
    for (const char *open = strstr(p, "{{"); open != NULL; open = strstr(p, "{{")) {
        size_t n = placeholder(open, name, sizeof(name));
        buf_add(&b, p, (size_t)(open - p) + (n ? 0 : 2));
        if (n)
            add_value(&b, json_object_get(vars, name), html, oneline);
        p = open + (n ? n : 2);
    }
    buf_str(&b, p);
    return buf_take(&b);
}

/* ---- the message ------------------------------------------------------- */

int mail_address_ok(const char *s)
{
    size_t n = strlen(s);
    const char *at = strrchr(s, '@');
    if (n < 3 || n > 254 || at == NULL || at == s || at[1] == '\0')
        return 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' ||
            c == ';' || c == '"' || c == '\\')
            return 0;
    }
    return 1;
}

/* Appends the base64 of s[0..n); wrap 1 breaks lines at 76 characters with CRLF. */
static void add_base64(struct buf *b, const unsigned char *s, size_t n, int wrap)
{
    char *text = oc_xmalloc((n + 2) / 3 * 4 + 1);
    oc_base64(s, n, text);
    size_t len = strlen(text);
    for (size_t at = 0; at < len; at += 76) {
        if (wrap && at > 0)
            buf_add(b, "\r\n", 2);
        buf_add(b, text + at, wrap && len - at > 76 ? 76 : len - at);
        if (!wrap)
            break;
    }
    free(text);
}

char *mail_header_encode(const char *text)
{
    struct buf b = {NULL, 0, 0};
    size_t n = strlen(text), i = 0;
    buf_add(&b, "", 0);
    while (i < n) {
        size_t len = n - i > 45 ? 45 : n - i;
        /* never split a UTF-8 sequence: back up to the start of a character */
        while (i + len < n && len > 0 && ((unsigned char)text[i + len] & 0xC0) == 0x80)
            len--;
        if (i > 0)
            buf_str(&b, "\r\n ");
        buf_str(&b, "=?UTF-8?B?");
        add_base64(&b, (const unsigned char *)text + i, len, 0);
        buf_str(&b, "?=");
        i += len;
    }
    return buf_take(&b);
}

/* Appends a body part: its text with bare LF made CRLF, in wrapped base64. */
static void add_part(struct buf *b, const char *boundary, const char *type, const char *body)
{
    struct buf crlf = {NULL, 0, 0};
    buf_add(&crlf, "", 0);
    for (const char *p = body; *p; p++) {
        if (*p == '\n' && (p == body || p[-1] != '\r'))
            buf_add(&crlf, "\r", 1);
        buf_add(&crlf, p, 1);
    }
    buf_str(b, "--");
    buf_str(b, boundary);
    buf_str(b, "\r\nContent-Type: ");
    buf_str(b, type);
    buf_str(b, "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    add_base64(b, (const unsigned char *)crlf.p, crlf.n, 1);
    buf_str(b, "\r\n");
    free(crlf.p);
}

char *mail_message_build(const struct mail_message *m)
{
    struct buf b = {NULL, 0, 0};
    char date[64];
    struct tm tm;
    gmtime_r(&m->date, &tm);
    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
    char *subject = mail_header_encode(m->subject);
    buf_str(&b, "From: ");
    if (m->from_name != NULL && m->from_name[0] != '\0') {
        char *name = mail_header_encode(m->from_name);
        buf_str(&b, name);
        buf_str(&b, " ");
        free(name);
    }
    buf_str(&b, "<");
    buf_str(&b, m->from);
    buf_str(&b, ">\r\nTo: <");
    buf_str(&b, m->to);
    buf_str(&b, ">\r\nSubject: ");
    buf_str(&b, subject);
    buf_str(&b, "\r\nDate: ");
    buf_str(&b, date);
    buf_str(&b, "\r\nMessage-ID: ");
    buf_str(&b, m->message_id);
    buf_str(&b, "\r\nMIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
                "Content-Type: multipart/alternative; boundary=\"");
    buf_str(&b, m->boundary);
    buf_str(&b, "\"\r\n\r\n");
    add_part(&b, m->boundary, "text/plain", m->text);
    add_part(&b, m->boundary, "text/html", m->html);
    buf_str(&b, "--");
    buf_str(&b, m->boundary);
    buf_str(&b, "--\r\n");
    free(subject);
    return buf_take(&b);
}

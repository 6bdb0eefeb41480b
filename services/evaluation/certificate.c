#include "evaluation/certificate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/date.h"

const char *const certificate_statuses[] = {"valid",   "expiring",   "suspended", "revoked",
                                            "expired", "superseded", NULL};
const char *const certificate_levels[] = {"district", "province", "central", NULL};
const char *const certificate_grounds[] = {"not_following_declared_process",
                                           "food_safety_failure",
                                           "below_certified_quality_or_packaging",
                                           "no_quality_or_traceability_records",
                                           "producer_stopped_operating",
                                           "not_re_evaluated_in_time",
                                           "failed_mandatory_criteria",
                                           "other",
                                           NULL};

/* The moves a certificate may make; anything else is refused. */
static const struct {
    const char *from; /* status before */
    const char *to;   /* status after */
} transitions[] = {
    {"valid", "expiring"},    {"valid", "suspended"},      {"valid", "revoked"},
    {"valid", "expired"},     {"valid", "superseded"},     {"expiring", "suspended"},
    {"expiring", "revoked"},  {"expiring", "expired"},     {"expiring", "superseded"},
    {"suspended", "valid"},   {"suspended", "expiring"},   {"suspended", "revoked"},
    {"suspended", "expired"}, {"suspended", "superseded"}, {"expired", "revoked"},
};

/* ---- numbers -------------------------------------------------------------------------------- */

/* The tokens of a number pattern. */
enum token { TOK_NONE, TOK_AGENCY, TOK_YYYY, TOK_YY, TOK_SEQ, TOK_STARS };

/* Length of the token at p and its kind (and width for SEQ); 0 when p is not at a token. */
static size_t number_token(const char *p, enum token *kind, int *width)
{
    static const struct {
        const char *text; /* as written in a pattern */
        enum token kind;  /* what it becomes */
    } tokens[] = {{"{AGENCY}", TOK_AGENCY},
                  {"{YYYY}", TOK_YYYY},
                  {"{YY}", TOK_YY},
                  {"{SEQ}", TOK_SEQ},
                  {"{STARS}", TOK_STARS}};
    *width = 5;
    for (size_t i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
        size_t n = strlen(tokens[i].text);
        if (strncmp(p, tokens[i].text, n) == 0) {
            *kind = tokens[i].kind;
            return n;
        }
    }
    if (strncmp(p, "{SEQ:", 5) == 0 && p[5] >= '1' && p[5] <= '9' && p[6] == '}') {
        *kind = TOK_SEQ;
        *width = p[5] - '0';
        return 7;
    }
    *kind = TOK_NONE;
    return 0;
}

static int literal_ok(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/';
}

const char *certificate_number_pattern_problem(const char *pattern)
{
    int seq = 0, year = 0;
    size_t longest = 0;
    size_t len = strlen(pattern);
    if (len == 0 || len > 64)
        return "must be 1 to 64 characters";
    for (const char *p = pattern; *p;) {
        enum token kind;
        int width;
        size_t n = number_token(p, &kind, &width);
        if (n == 0 && !literal_ok(*p))
            return "may hold only A-Z, 0-9, '-', '.', '/' and the tokens {AGENCY}, {YYYY}, {YY}, "
                   "{SEQ}, {SEQ:n}, {STARS}";
        seq |= kind == TOK_SEQ;
        year |= kind == TOK_YYYY || kind == TOK_YY;
        /* the longest text a token can become: a running number is never cut */
        longest += kind == TOK_NONE     ? 1
                   : kind == TOK_AGENCY ? 32
                   : kind == TOK_YYYY   ? 4
                   : kind == TOK_YY     ? 2
                   : kind == TOK_STARS  ? 1
                                        : (size_t)(width > 10 ? width : 10);
        p += n > 0 ? n : 1;
    }
    if (!seq)
        return "must contain {SEQ} so that numbers are unique";
    if (!year)
        return "must contain {YYYY} or {YY}: the sequence starts again every year";
    if (longest > CERTIFICATE_NUMBER_MAX)
        return "makes numbers longer than 64 characters";
    return NULL;
}

int certificate_agency_ok(const char *agency)
{
    size_t n = strlen(agency);
    return n >= 1 && n <= 32 && strspn(agency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.") == n;
}

int certificate_number_format(char *buf, size_t len, const char *pattern, const char *agency,
                              int year, long seq, int stars)
{
    size_t pos = 0;
    for (const char *p = pattern; *p;) {
        enum token kind;
        int width;
        char piece[40];
        size_t n = number_token(p, &kind, &width);
        switch (kind) {
        case TOK_AGENCY:
            snprintf(piece, sizeof(piece), "%s", agency);
            break;
        case TOK_YYYY:
            snprintf(piece, sizeof(piece), "%04d", year);
            break;
        case TOK_YY:
            snprintf(piece, sizeof(piece), "%02d", year % 100);
            break;
        case TOK_SEQ:
            snprintf(piece, sizeof(piece), "%0*ld", width, seq);
            break;
        case TOK_STARS:
            snprintf(piece, sizeof(piece), "%d", stars);
            break;
        default:
            piece[0] = *p;
            piece[1] = '\0';
            n = 1;
        }
        p += n;
        size_t pl = strlen(piece);
        if (pos + pl + 1 > len)
            return -1;
        memcpy(buf + pos, piece, pl + 1);
        pos += pl;
    }
    if (pos == 0 && len > 0)
        buf[0] = '\0';
    return 0;
}

const char *certificate_number_problem(const char *number)
{
    size_t len = strlen(number);
    if (len == 0)
        return "must not be empty";
    if (!oc_utf8_ok(number, len))
        return "must be UTF-8 text";
    for (const unsigned char *p = (const unsigned char *)number; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return "must hold printable characters only";
    /* C1 controls (U+0080..U+009F) are 0xC2 0x80..0x9F in UTF-8 */
    for (const unsigned char *p = (const unsigned char *)number; p[0] && p[1]; p++)
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return "must hold printable characters only";
    if (strstr(number, "\xef\xbb\xbf") != NULL) /* U+FEFF: invisible, a stray byte-order mark */
        return "must hold printable characters only";
    if (strpbrk(number, "<>\"'`\\&") != NULL)
        return "must not hold < > \" ' ` \\ or &";
    if (number[0] == ' ' || number[len - 1] == ' ')
        return "must not begin or end with a space";
    if (oc_utf8_len(number) > CERTIFICATE_NUMBER_MAX)
        return "must be at most 64 characters";
    return NULL;
}

int certificate_number_trim(const char *in, char *out, size_t outlen)
{
    size_t start = strspn(in, " \t"), end = strlen(in);
    while (end > start && (in[end - 1] == ' ' || in[end - 1] == '\t'))
        end--;
    if (end - start + 1 > outlen)
        return -1;
    memcpy(out, in + start, end - start);
    out[end - start] = '\0';
    return 0;
}

const char *certificate_number_required(const char *level, const char *issued_on,
                                        const char *platform_start)
{
    if (level != NULL && strcmp(level, "central") == 0)
        return "central";
    if (platform_start != NULL && platform_start[0] != '\0' && issued_on != NULL &&
        strcmp(issued_on, platform_start) < 0)
        return "before_platform";
    return NULL;
}

/* ---- dates ---------------------------------------------------------------------------------- */

long certificate_expiry(long issued, long months)
{
    int y, m, d;
    oc_day_split(issued, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) + months;
    int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
    long first = oc_day_of(ny, nm, 1);
    long next = nm == 12 ? oc_day_of(ny + 1, 1, 1) : oc_day_of(ny, nm + 1, 1);
    long last_dom = next - first;
    return first + (d < last_dom ? d : last_dom) - 1;
}

/* ---- statuses ------------------------------------------------------------------------------- */

int certificate_is_current(const char *status)
{
    return strcmp(status, "valid") == 0 || strcmp(status, "expiring") == 0 ||
           strcmp(status, "suspended") == 0;
}

int certificate_is_final(const char *status)
{
    return strcmp(status, "revoked") == 0 || strcmp(status, "superseded") == 0;
}

const char *certificate_revocation_problem(const char *from, const char *grounds)
{
    if (grounds != NULL && strcmp(grounds, "not_re_evaluated_in_time") == 0 &&
        strcmp(from, "expired") != 0)
        return "the grounds not_re_evaluated_in_time apply to an expired certificate only";
    return NULL;
}

int certificate_transition_ok(const char *from, const char *to)
{
    for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
        if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0)
            return 1;
    return 0;
}

const char *certificate_reinstated_status(int notice_sent)
{
    return notice_sent ? "expiring" : "valid";
}

/* ---- expiry notices ------------------------------------------------------------------------- */

static int descending(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

const char *certificate_notice_days_parse(const char *text, struct certificate_notice_days *out)
{
    memset(out, 0, sizeof(*out));
    if (text == NULL || text[0] == '\0')
        return "must list at least one number of days, e.g. 180,90,30";
    int legal = 0;
    for (const char *p = text;;) {
        size_t n = strspn(p, "0123456789");
        if (n == 0 || n > 4 || (p[n] != ',' && p[n] != '\0'))
            return "must be whole numbers of days separated by commas, e.g. 180,90,30";
        int d = (int)strtol(p, NULL, 10);
        if (d < 1 || d > CERTIFICATE_NOTICE_DAYS_MAX)
            return "must hold numbers of days from 1 to 3650";
        for (size_t i = 0; i < out->n; i++)
            if (out->days[i] == d)
                return "must not repeat a number of days";
        if (out->n == CERTIFICATE_NOTICES_MAX)
            return "must hold at most 8 numbers of days";
        out->days[out->n++] = d;
        legal |= d >= CERTIFICATE_NOTICE_LEGAL_MIN;
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    if (!legal)
        return "must hold one number of at least 30: the producer must be notified at least 30 "
               "days before expiry";
    qsort(out->days, out->n, sizeof(out->days[0]), descending);
    return NULL;
}

int certificate_notice_due(const struct certificate_notice_days *nd, long expires, long today,
                           int handled)
{
    long left = expires - today;
    int due = 0;
    if (left < 0)
        return 0;
    for (size_t i = 0; i < nd->n; i++)
        if (nd->days[i] >= left)
            due = nd->days[i]; /* descending: the last one that qualifies is the smallest */
    if (due == 0 || (handled > 0 && handled <= due))
        return 0;
    return due;
}

size_t certificate_notice_skipped(const struct certificate_notice_days *nd, int due, int handled,
                                  int *out)
{
    size_t n = 0;
    for (size_t i = 0; i < nd->n; i++)
        if (nd->days[i] > due && (handled == 0 || nd->days[i] < handled))
            out[n++] = nd->days[i];
    return n;
}

/* ---- suspension policy ---------------------------------------------------------------------- */

int certificate_suspension_check(struct oc_v *v, const struct certificate_suspension_policy *p,
                                 const char *day, const char *fix_deadline)
{
    long from, until;
    if (!p->allowed) {
        oc_v_error(v, "outcome", "not_allowed",
                   "certificates are not suspended here (OCOP_CERTIFICATE_SUSPENSION=disabled): "
                   "revoke the certificate or give guidance");
        return 0;
    }
    if (p->max_days == 0)
        return 1;
    if (fix_deadline == NULL) {
        oc_v_error(v, "fix_deadline", "required",
                   "a suspension lasts at most %d days here: give its fix_deadline", p->max_days);
        return 0;
    }
    if (oc_date_read(day, &from) && oc_date_read(fix_deadline, &until) &&
        until - from > p->max_days) {
        oc_v_error(v, "fix_deadline", "range",
                   "a suspension lasts at most %d days here: fix_deadline must be on or before "
                   "%d days after %s",
                   p->max_days, p->max_days, day);
        return 0;
    }
    return 1;
}

/* ---- requests ------------------------------------------------------------------------------- */

const char *certificate_date_member(struct oc_v *v, const char *field, int required)
{
    long day;
    json_t *member = json_is_object(v->body) ? json_object_get(v->body, field) : NULL;
    if (json_is_string(member) && !oc_date_read(json_string_value(member), &day)) {
        oc_v_error(v, field, "format", "must be a date YYYY-MM-DD");
        return NULL;
    }
    return oc_v_string(v, field, required, 10, 10);
}

/* Returns 1 when s is a string of min..max code points without control characters. */
static int text_ok(const char *s, size_t min, size_t max)
{
    if (s == NULL)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    size_t n = oc_utf8_len(s);
    return n >= min && n <= max;
}

int certificate_fields_check(struct oc_v *v, const struct certificate_fields *f)
{
    long day;
    int level = 0;
    for (const char *const *l = certificate_levels; f->level && *l; l++)
        level |= strcmp(*l, f->level) == 0;
    if (!oc_uuid_ok(f->product_id))
        oc_v_error(v, "product_id", "format", "must be a lower-case UUID");
    if (f->stars < 3 || f->stars > 5)
        oc_v_error(v, "stars", "range",
                   "must be 3, 4 or 5: only OCOP products (3 stars and up) get a certificate");
    if (!text_ok(f->rule_set, 1, 40))
        oc_v_error(v, "rule_set", "format", "must name a rule set");
    if (!level)
        oc_v_error(v, "level", "enum", "must be one of: district, province, central");
    if (!text_ok(f->decision_number, 1, 100))
        oc_v_error(v, "decision_number", "format", "must be 1 to 100 characters of text");
    if (!oc_date_read(f->issued_on, &day))
        oc_v_error(v, "issued_on", "format", "must be a date YYYY-MM-DD");
    if (f->result_id != NULL && !oc_uuid_ok(f->result_id))
        oc_v_error(v, "result_id", "format", "must be a lower-case UUID");
    if (f->application_id != NULL && !oc_uuid_ok(f->application_id))
        oc_v_error(v, "application_id", "format", "must be a lower-case UUID");
    const char *problem = f->number != NULL ? certificate_number_problem(f->number) : NULL;
    if (problem != NULL)
        oc_v_error(v, "number", "format", "%s", problem);
    return oc_v_ok(v);
}

/* The printed number, trimmed into out->number (fields.number stays NULL when absent). */
static void record_number(struct oc_v *v, struct certificate_record *out)
{
    const json_t *member = json_is_object(v->body) ? json_object_get(v->body, "number") : NULL;
    const char *problem;
    if (member == NULL)
        return;
    if (!json_is_string(member)) {
        oc_v_error(v, "number", "type", "must be a string");
        return;
    }
    if (certificate_number_trim(json_string_value(member), out->number, sizeof(out->number)) != 0)
        problem = "must be at most 64 characters";
    else
        problem = certificate_number_problem(out->number);
    if (problem != NULL)
        oc_v_error(v, "number", "format", "%s", problem);
    else
        out->fields.number = out->number;
}

int certificate_record_from_json(struct oc_v *v, struct certificate_record *out)
{
    static const char *const fields[] = {"product_id",     "stars",           "rule_set",
                                         "level",          "decision_number", "issued_on",
                                         "application_id", "number",          NULL};
    struct certificate_fields *f = &out->fields;
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    record_number(v, out);
    f->product_id = oc_v_uuid(v, "product_id", 1);
    oc_v_int(v, "stars", 1, 3, 5, &f->stars);
    f->rule_set = oc_v_string(v, "rule_set", 1, 1, 40);
    f->level = oc_v_enum(v, "level", 1, certificate_levels);
    f->decision_number = oc_v_string(v, "decision_number", 1, 1, 100);
    f->issued_on = certificate_date_member(v, "issued_on", 1);
    f->application_id = oc_v_uuid(v, "application_id", 0);
    return oc_v_ok(v);
}

/* The members every status change by a person carries. */
static void why_common(struct oc_v *v, struct certificate_why *out, int decision_required)
{
    out->decision_number = oc_v_string(v, "decision_number", decision_required, 1, 100);
    out->decided_on = certificate_date_member(v, "decided_on", decision_required);
    if (!decision_required && (out->decision_number == NULL) != (out->decided_on == NULL) &&
        oc_v_ok(v))
        oc_v_error(v, out->decision_number == NULL ? "decision_number" : "decided_on", "required",
                   "decision_number and decided_on go together");
}

int certificate_revocation_from_json(struct oc_v *v, struct certificate_why *out)
{
    static const char *const fields[] = {"grounds", "reason", "decision_number", "decided_on",
                                         NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->grounds = oc_v_enum(v, "grounds", 1, certificate_grounds);
    int other = out->grounds != NULL && strcmp(out->grounds, "other") == 0;
    out->reason = oc_v_string(v, "reason", other, 1, 2000);
    why_common(v, out, 1);
    return oc_v_ok(v);
}

int certificate_reinstatement_from_json(struct oc_v *v, struct certificate_why *out)
{
    static const char *const fields[] = {"reason", "decision_number", "decided_on", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->reason = oc_v_string(v, "reason", 1, 1, 2000);
    why_common(v, out, 0);
    return oc_v_ok(v);
}

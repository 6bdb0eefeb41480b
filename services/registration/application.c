#include "registration/application.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/date.h"
#include "registration/rule_sets.h"
#include "registration/trademark.h"

const char *const application_kinds[] = {"first_time", "upgrade", "re_recognition", NULL};

const struct application_role application_roles[] = {
    {"producer", OC_ROLE_PRODUCER},
    {"portal", OC_ROLE_PORTAL},
    {"commune_officer", OC_ROLE_COMMUNE_OFFICER},
    {"province_officer", OC_ROLE_PROVINCE_OFFICER},
    {"admin", OC_ROLE_ADMIN},
    {"system", 0},
    {NULL, 0},
};

/*
 * The portal's status list (TrangThaiHoSo of the national public-service
 * portal's dossier synchronisation). Code 6, "financial obligation", does not
 * occur in OCOP. Verify against the integration document before go-live.
 */
static const struct application_status status_table[] = {
    {"draft", 0, "Đang soạn (chưa nộp)"},
    {"new", 1, "Mới đăng ký"},
    {"accepted", 2, "Được tiếp nhận"},
    {"rejected_at_intake", 3, "Không được tiếp nhận"},
    {"processing", 4, "Đang xử lý"},
    {"supplement_requested", 5, "Yêu cầu bổ sung giấy tờ"},
    {"withdrawn", 7, "Công dân yêu cầu rút hồ sơ"},
    {"stopped", 8, "Dừng xử lý"},
    {"processed", 9, "Đã xử lý xong"},
    {"result_returned", 10, "Đã trả kết quả"},
};

int application_editable(const char *status)
{
    return strcmp(status, "draft") == 0 || strcmp(status, "supplement_requested") == 0;
}

const struct application_status *application_status_find(const char *name)
{
    for (size_t i = 0; i < sizeof(status_table) / sizeof(status_table[0]); i++)
        if (strcmp(status_table[i].name, name) == 0)
            return &status_table[i];
    return NULL;
}

/*
 * Who may act, in order: a caller holding several of a transition's roles
 * acts as the first (an all-roles officer submits as the producer and accepts
 * as the commune officer). "system": the service itself, on an event.
 */
#define BY_PRODUCER "producer,portal,admin"
#define BY_OFFICER  "commune_officer,province_officer,admin"
#define BY_PROVINCE "province_officer,admin"
#define BY_RESULT   "province_officer,admin,system"
/*
 * The evaluation's commune check-and-propose step (QĐ 1489) moves an
 * application by event, as "system": a dossier the commune council returns
 * goes to supplement_requested with its reasons (the producer supplements and
 * resubmits it: supplement_requested -> processing); one a council forwards
 * goes from accepted (intake only: tiếp nhận) to processing.
 */
#define BY_OFFICER_OR_EVAL  "commune_officer,province_officer,admin,system"
#define BY_PROVINCE_OR_EVAL "province_officer,admin,system"

static const struct {
    const char *from;  /* status before */
    const char *to;    /* status after */
    const char *roles; /* comma-separated roles allowed */
    int reason;        /* 1 when a reason is required */
} transition_table[] = {
    {"draft", "new", BY_PRODUCER, 0},
    {"draft", "withdrawn", BY_PRODUCER, 0},
    {"new", "accepted", BY_OFFICER, 0},
    {"new", "rejected_at_intake", BY_OFFICER, 1},
    {"new", "withdrawn", BY_PRODUCER, 0},
    {"accepted", "processing", BY_PROVINCE_OR_EVAL, 0},
    {"accepted", "supplement_requested", BY_OFFICER_OR_EVAL, 1},
    {"accepted", "withdrawn", BY_PRODUCER, 0},
    {"accepted", "stopped", BY_PROVINCE, 1},
    {"processing", "supplement_requested", BY_PROVINCE_OR_EVAL, 1},
    {"processing", "withdrawn", BY_PRODUCER, 0},
    {"processing", "stopped", BY_PROVINCE, 1},
    {"processing", "processed", BY_RESULT, 0},
    {"supplement_requested", "processing", BY_PRODUCER, 0},
    {"supplement_requested", "withdrawn", BY_PRODUCER, 0},
    {"supplement_requested", "stopped", BY_PROVINCE, 1},
    {"processed", "result_returned", BY_PROVINCE, 0},
};

static int role_in(const char *roles, const char *role)
{
    size_t n = strlen(role);
    for (const char *p = roles; p != NULL; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (strncmp(p, role, n) == 0 && (p[n] == ',' || p[n] == '\0'))
            return 1;
    return 0;
}

/* The first role of roles (comma-separated, in order) that acting holds, or NULL. */
const char *application_first_role(const char *roles, unsigned acting)
{
    for (const char *p = roles; p != NULL; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        size_t n = strcspn(p, ",");
        for (const struct application_role *r = application_roles; r->name; r++)
            if ((r->mask & acting) != 0 && strlen(r->name) == n && strncmp(p, r->name, n) == 0)
                return r->name;
    }
    return NULL;
}

const char *application_transition_problem(const char *from, const char *to, unsigned acting,
                                           const char **role, int *forbidden, int *needs_reason)
{
    *role = NULL;
    *forbidden = 0;
    *needs_reason = 0;
    for (size_t i = 0; i < sizeof(transition_table) / sizeof(transition_table[0]); i++) {
        if (strcmp(transition_table[i].from, from) != 0 || strcmp(transition_table[i].to, to) != 0)
            continue;
        *needs_reason = transition_table[i].reason;
        *role = application_first_role(transition_table[i].roles, acting);
        if (*role != NULL)
            return NULL;
        *forbidden = 1;
        return "this role may not make this transition";
    }
    return "an application cannot move between these states";
}

int application_system_moves(const char *from, const char *to)
{
    for (size_t i = 0; i < sizeof(transition_table) / sizeof(transition_table[0]); i++)
        if (strcmp(transition_table[i].from, from) == 0 && strcmp(transition_table[i].to, to) == 0)
            return role_in(transition_table[i].roles, "system");
    return 0;
}

const struct dossier_item dossier_items[] = {
    {"registration_form", "Phiếu đăng ký sản phẩm"},
    {"self_assessment", "Báo cáo tự đánh giá sản phẩm"},
    {"business_plan", "Phương án/kế hoạch kinh doanh"},
    {"organisation_profile", "Thông tin chung về chủ thể"},
    {"business_registration", "Bản sao giấy đăng ký kinh doanh"},
    {"three_year_report", "Báo cáo tình hình ba năm (công nhận lại)"},
    {"food_safety_certificate", "Giấy chứng nhận an toàn thực phẩm"},
    {"quality_certificate", "Chứng nhận chất lượng, tiêu chuẩn"},
    {"lab_test", "Phiếu kết quả kiểm nghiệm"},
    {"barcode_traceability", "Mã vạch, truy xuất nguồn gốc"},
    {"trademark", "Nhãn hiệu, chỉ dẫn địa lý"},
    {"raw_material_origin", "Nguồn gốc nguyên liệu"},
    {"product_story", "Câu chuyện sản phẩm"},
    {"awards", "Giải thưởng, chứng nhận khác"},
    {NULL, NULL},
};

int dossier_item_known(const char *code)
{
    for (const struct dossier_item *d = dossier_items; d->code; d++)
        if (strcmp(d->code, code) == 0)
            return 1;
    return 0;
}

/*
 * Required items by rule set and kind. QĐ 1048: form, business plan,
 * organisation profile, business registration. QĐ 148 centres the dossier on
 * the self-assessment report. Re-recognition: the form and a report on the
 * three years since recognition. "*" matches any checklist or kind. A rule
 * set uses the checklist its rule_sets_table row names (QĐ 1489 uses 148's);
 * one without a row here (QĐ 26/2026, unconfirmed) requires only what "*"
 * rows require.
 */
static const struct {
    const char *rule_set; /* a checklist (rule_sets_entry.checklist) or "*" */
    const char *kind;     /* kind or "*" */
    const char *items;    /* comma-separated required items */
} required_table[] = {
    {"*", "re_recognition", "registration_form,three_year_report"},
    {"qd148-2023", "*", "registration_form,self_assessment,business_registration"},
    {"qd1048-2019", "*",
     "registration_form,business_plan,organisation_profile,business_registration"},
};

int dossier_item_required(const char *rule_set, const char *kind, const char *item)
{
    const struct rule_sets_entry *entry = rule_sets_find(rule_set);
    const char *checklist = entry != NULL ? entry->checklist : "";
    for (size_t i = 0; i < sizeof(required_table) / sizeof(required_table[0]); i++) {
        int rs = strcmp(required_table[i].rule_set, "*") == 0 ||
                 strcmp(required_table[i].rule_set, checklist) == 0;
        int k =
            strcmp(required_table[i].kind, "*") == 0 || strcmp(required_table[i].kind, kind) == 0;
        if (rs && k)
            return role_in(required_table[i].items, item);
    }
    return 0;
}

int dossier_samples_required(const char *kind, long long criteria_set)
{
    return strcmp(kind, "re_recognition") == 0 || criteria_set == 26 ? 0 : 5;
}

json_t *dossier_checklist(const char *rule_set, const char *kind, long long criteria_set,
                          long long samples_count, const json_t *present)
{
    json_t *items = json_array(), *missing = json_array();
    for (const struct dossier_item *d = dossier_items; d->code; d++) {
        int required = dossier_item_required(rule_set, kind, d->code);
        json_int_t count = json_integer_value(json_object_get(present, d->code));
        json_array_append_new(items, json_pack("{s:s,s:s,s:b,s:I}", "item", d->code, "label",
                                               d->label, "required", required, "documents", count));
        if (required && count == 0)
            json_array_append_new(missing, json_string(d->code));
    }
    int samples = dossier_samples_required(kind, criteria_set);
    if (samples_count < samples)
        json_array_append_new(missing, json_string("samples"));
    int complete = json_array_size(missing) == 0;
    return json_pack("{s:b,s:o,s:o,s:{s:i,s:I}}", "complete", complete, "missing", missing, "items",
                     items, "samples", "required", samples, "handed_in", (json_int_t)samples_count);
}

int dossier_code_format(char *buf, size_t len, const char *agency, const char *day, long seq)
{
    if (seq < 1 || seq > 9999 || strlen(day) != 10)
        return -1;
    snprintf(buf, len, "%s-%.2s%.2s%.2s-%04ld", agency, day + 2, day + 5, day + 8, seq);
    return 0;
}

int dossier_agency_ok(const char *code)
{
    size_t n = strlen(code);
    return n >= 1 && n <= 32 && strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.") == n;
}

const char *dossier_sniff(const unsigned char *data, size_t len)
{
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        return "application/pdf";
    if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return "image/jpeg";
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    return NULL;
}

int application_from_json(struct oc_v *v, struct application_input *out)
{
    static const char *const fields[] = {
        "product_id", "kind", "samples_count", "note", "idea_id", "business_plan_id", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->product_id = oc_v_uuid(v, "product_id", 1);
    out->kind = oc_v_enum(v, "kind", 1, application_kinds);
    oc_v_int(v, "samples_count", 0, 0, 1000, &out->samples_count);
    out->note = oc_v_string(v, "note", 0, 1, 2000);
    out->idea_id = oc_v_uuid(v, "idea_id", 0);
    out->business_plan_id = oc_v_uuid(v, "business_plan_id", 0);
    return oc_v_ok(v);
}

int application_move_from_json(struct oc_v *v, struct application_move *out)
{
    static const char *const fields[] = {"to", "reason", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->to = oc_v_string(v, "to", 1, 1, 32);
    out->reason = oc_v_string(v, "reason", 0, 3, 2000);
    if (out->to != NULL && application_status_find(out->to) == NULL)
        oc_v_error(v, "to", "enum", "is not an application status");
    return oc_v_ok(v);
}

int application_patch_from_json(struct oc_v *v, struct application_patch *out)
{
    static const char *const fields[] = {"samples_count", "note", NULL};
    memset(out, 0, sizeof(*out));
    oc_v_only(v, fields);
    out->has_samples = oc_v_int(v, "samples_count", 0, 0, 1000, &out->samples_count);
    out->clear_note = json_is_null(json_object_get(v->body, "note"));
    if (!out->clear_note)
        out->note = oc_v_string(v, "note", 0, 1, 2000);
    if (oc_v_ok(v) && json_object_size(v->body) == 0)
        oc_v_error(v, "", "empty", "the patch changes nothing");
    return oc_v_ok(v);
}

enum oc_err application_result_parse(json_t *data, const char **id, long long *stars, char *err,
                                     size_t errlen)
{
    json_error_t jerr;
    json_int_t n = 0;
    *id = NULL;
    if (json_unpack_ex(data, &jerr, 0, "{s:s,s:I}", "application_id", id, "stars", &n) != 0 ||
        !oc_uuid_ok(*id) || n < 1 || n > 5) {
        snprintf(err, errlen, "evaluation completed: %s",
                 *id == NULL ? jerr.text : "bad application_id or stars");
        return OC_INVALID;
    }
    *stars = (long long)n;
    return OC_OK;
}

const char *dossier_upload_check(const char *item, const char *filename, const char *declared,
                                 const unsigned char *data, size_t len, json_t *errors)
{
    if (item == NULL || !dossier_item_known(item))
        json_array_append_new(errors, json_pack("{s:s,s:s,s:s}", "field", "item", "code",
                                                item ? "enum" : "required", "message",
                                                "must name a dossier item"));
    if (data == NULL || len == 0) {
        json_array_append_new(errors,
                              json_pack("{s:s,s:s,s:s}", "field", "file", "code", "required",
                                        "message", "send the file as a multipart part named file"));
        return NULL;
    }
    if (filename == NULL || filename[0] == '\0' || !oc_utf8_ok(filename, strlen(filename)) ||
        oc_utf8_len(filename) > 200 || strpbrk(filename, "/\\\"\r\n") != NULL)
        json_array_append_new(
            errors, json_pack("{s:s,s:s,s:s}", "field", "file", "code", "format", "message",
                              "needs a plain file name of at most 200 characters"));
    const char *media_type = dossier_sniff(data, len);
    if (media_type == NULL || (declared != NULL && declared[0] != '\0' &&
                               strcasecmp(declared, "application/octet-stream") != 0 &&
                               strcasecmp(declared, media_type) != 0))
        json_array_append_new(errors,
                              json_pack("{s:s,s:s,s:s}", "field", "file", "code", "media_type",
                                        "message", "must be a PDF, JPEG or PNG file, as declared"));
    return media_type;
}

/* The string value of a nullable member, into *out; 0 when it is neither a string nor null. */
static int nullable_string(const json_t *m, const char **out)
{
    *out = json_string_value(m);
    return m == NULL || json_is_null(m) || json_is_string(m);
}

enum oc_err application_level_event_parse(json_t *data, struct application_level_event *out,
                                          char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *potential = NULL, *score = NULL, *to = NULL, *reason = NULL, *decided = NULL;
    json_t *at = NULL, *returned = NULL;
    memset(out, 0, sizeof(*out));
    /* the members this service acts on; others are ignored */
    if (json_unpack_ex(data, &jerr, 0, "{s:s,s:s,s:s,s?o,s?o,s?o,s?o,s?o,s?o,s?o}",
                       "application_id", &out->application_id, "entry_id", &out->entry_id, "level",
                       &out->level, "forwarded_to", &to, "reason", &reason, "score", &score,
                       "potential_5_star", &potential, "decided_on", &decided, "forwarded_at", &at,
                       "returned_at", &returned) != 0) {
        snprintf(err, errlen, "evaluation level event: %s", jerr.text);
        return OC_INVALID;
    }
    int ok = nullable_string(to, &out->forwarded_to) && nullable_string(reason, &out->reason) &&
             nullable_string(decided, &out->decided_on) && nullable_string(at, &out->at) &&
             nullable_string(returned, &out->returned_at) &&
             (potential == NULL || json_is_boolean(potential)) &&
             (score == NULL || json_is_null(score) || json_is_number(score));
    out->potential_5_star = json_is_true(potential);
    if (json_is_number(score))
        snprintf(out->score, sizeof(out->score), "%.2f", json_number_value(score));
    if (out->at == NULL)
        out->at = out->returned_at;
    if (!ok || !oc_uuid_ok(out->application_id) || !oc_uuid_ok(out->entry_id) ||
        (out->reason != NULL && oc_utf8_len(out->reason) > 2000) ||
        (out->decided_on != NULL && !oc_date_ok(out->decided_on)) ||
        (json_is_number(score) &&
         (json_number_value(score) < 0 || json_number_value(score) > 100)) ||
        (out->potential_5_star && out->score[0] == '\0')) {
        snprintf(err, errlen,
                 "evaluation level event: bad application_id, entry_id, reason, "
                 "decided_on, score or potential_5_star");
        return OC_INVALID;
    }
    return OC_OK;
}

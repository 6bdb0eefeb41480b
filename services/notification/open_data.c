#include "notification/open_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

const struct open_data_file open_data_files[] = {
    {"products.json", "application/json", OPEN_DATA_PRODUCTS, 0},
    {"products.csv", "text/csv; charset=utf-8", OPEN_DATA_PRODUCTS, 1},
    {"revocations.json", "application/json", OPEN_DATA_REVOCATIONS, 0},
    {"revocations.csv", "text/csv; charset=utf-8", OPEN_DATA_REVOCATIONS, 1},
};

static const struct open_data_field product_fields[] = {
    {"number", "string", 0, "Số giấy chứng nhận OCOP", "OCOP certificate number"},
    {"product_code", "string", 0, "Mã sản phẩm", "Product code"},
    {"product_name", "string", 0, "Tên sản phẩm", "Product name"},
    {"producer_public_name", "string", 1,
     "Tên chủ thể sản xuất là tổ chức (để trống với hộ sản xuất)",
     "Producer's name when an organisation (empty for a household)"},
    {"sector", "string", 1, "Nhóm ngành sản phẩm (I–VI)", "Product sector (I-VI)"},
    {"commune_code", "string", 0, "Mã đơn vị hành chính cấp xã", "Commune code"},
    {"stars", "integer", 0, "Hạng sao (3–5)", "Stars (3-5)"},
    {"level", "string", 0, "Cấp đánh giá: district (huyện), province (tỉnh), central (trung ương)",
     "Level of recognition: district, province or central"},
    {"decision_number", "string", 0, "Số quyết định công nhận", "Recognition decision number"},
    {"issued_on", "date", 0, "Ngày cấp (YYYY-MM-DD)", "Issued on (YYYY-MM-DD)"},
    {"expires_on", "date", 0, "Ngày hết hiệu lực (YYYY-MM-DD)", "Expires on (YYYY-MM-DD)"},
    {"status", "string", 0, "Tình trạng: valid (còn hiệu lực), expiring (sắp hết hạn)",
     "Status: valid or expiring"},
    {NULL, NULL, 0, NULL, NULL},
};

static const struct open_data_field revocation_fields[] = {
    {"number", "string", 0, "Số giấy chứng nhận OCOP", "OCOP certificate number"},
    {"product_code", "string", 0, "Mã sản phẩm", "Product code"},
    {"status", "string", 0, "Tình trạng: revoked (đã thu hồi), suspended (tạm đình chỉ)",
     "Status: revoked or suspended"},
    {"changed_on", "date", 1, "Ngày thay đổi tình trạng (YYYY-MM-DD)",
     "Day the status changed (YYYY-MM-DD)"},
    {"reason", "string", 1, "Lý do", "Reason"},
    {"change_decision", "string", 1, "Số quyết định thu hồi hoặc đình chỉ",
     "Number of the revocation or suspension decision"},
    {NULL, NULL, 0, NULL, NULL},
};

const struct open_data_file *open_data_file_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < OPEN_DATA_FILES; i++)
        if (strcmp(open_data_files[i].name, name) == 0)
            return &open_data_files[i];
    return NULL;
}

const struct open_data_field *open_data_fields(enum open_data_set set)
{
    return set == OPEN_DATA_PRODUCTS ? product_fields : revocation_fields;
}

/* ---- text ----------------------------------------------------------------------------------- */

struct text {
    char *s;
    size_t len, cap;
};

static void put(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        while (t->len + n + 1 > t->cap)
            t->cap = t->cap ? t->cap * 2 : 4096;
        t->s = oc_xrealloc(t->s, t->cap);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void puts_(struct text *t, const char *s)
{
    put(t, s, strlen(s));
}

static void cell(struct text *t, const char *s)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        puts_(t, s);
        return;
    }
    put(t, "\"", 1);
    for (const char *c = s; *c; c++) {
        if (*c == '"')
            put(t, "\"\"", 2);
        else
            put(t, c, 1);
    }
    put(t, "\"", 1);
}

char *open_data_csv_cell(const char *s)
{
    struct text t = {0};
    puts_(&t, "");
    cell(&t, s);
    return t.s;
}

/* A row's value of a field as text (NULL for null or absent); integers into buf. */
static const char *value_text(const json_t *v, char *buf, size_t len)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, len, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    return NULL;
}

static char *render_csv(const struct open_data_field *fields, const json_t *rows)
{
    struct text t = {0};
    for (const struct open_data_field *f = fields; f->name; f++) {
        if (f != fields)
            put(&t, ",", 1);
        cell(&t, f->name);
    }
    puts_(&t, "\r\n");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        const json_t *row = json_array_get(rows, i);
        for (const struct open_data_field *f = fields; f->name; f++) {
            char buf[32];
            if (f != fields)
                put(&t, ",", 1);
            cell(&t, value_text(json_object_get(row, f->name), buf, sizeof(buf)));
        }
        puts_(&t, "\r\n");
    }
    return t.s;
}

/* A row cut to the allow-listed fields (absent ones as null). */
static json_t *allowed(const struct open_data_field *fields, const json_t *row)
{
    json_t *out = json_object();
    for (const struct open_data_field *f = fields; f->name; f++) {
        json_t *v = json_object_get(row, f->name);
        json_object_set_new(out, f->name,
                            json_is_string(v) || json_is_integer(v) ? json_copy(v) : json_null());
    }
    return out;
}

char *open_data_render(const struct open_data_file *f, const json_t *rows, const char *day,
                       const char *licence)
{
    const struct open_data_field *fields = open_data_fields(f->set);
    if (f->csv)
        return render_csv(fields, rows);
    json_t *items = json_array(), *names = json_array();
    for (const struct open_data_field *fd = fields; fd->name; fd++)
        json_array_append_new(names, json_string(fd->name));
    for (size_t i = 0; i < json_array_size(rows); i++)
        json_array_append_new(items, allowed(fields, json_array_get(rows, i)));
    json_t *doc =
        json_pack("{s:s,s:s,s:s,s:s,s:I,s:o,s:o}", "dataset",
                  f->set == OPEN_DATA_PRODUCTS ? "ocop-products" : "ocop-revocations", "title",
                  f->set == OPEN_DATA_PRODUCTS
                      ? "Sản phẩm OCOP đang có giấy chứng nhận còn hiệu lực (3 sao trở lên)"
                      : "Giấy chứng nhận OCOP bị thu hồi hoặc tạm đình chỉ",
                  "date", day, "licence", licence, "count", (json_int_t)json_array_size(items),
                  "fields", names, "items", items);
    char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(doc);
    size_t n = strlen(text);
    char *out = oc_xmalloc(n + 2);
    memcpy(out, text, n);
    out[n] = '\n';
    out[n + 1] = '\0';
    free(text);
    return out;
}

static json_t *dictionary_of(const struct open_data_field *fields)
{
    json_t *out = json_array();
    for (const struct open_data_field *f = fields; f->name; f++)
        json_array_append_new(out,
                              json_pack("{s:s,s:s,s:b,s:s,s:s}", "name", f->name, "type", f->type,
                                        "nullable", f->nullable, "vi", f->vi, "en", f->en));
    return out;
}

json_t *open_data_dictionary(void)
{
    return json_pack("{s:o,s:o}", "products", dictionary_of(product_fields), "revocations",
                     dictionary_of(revocation_fields));
}

#include "registration/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registration/plan.h"
#include "registration/render.h"

enum report_format report_format_of(const char *accept)
{
    double json = statistics_accept_q(accept, "application/json");
    double html = statistics_accept_q(accept, "text/html");
    double csv = statistics_accept_q(accept, "text/csv");
    if (accept == NULL || (json >= html && json >= csv))
        return REPORT_JSON;
    return html >= csv ? REPORT_HTML : REPORT_CSV;
}

int report_is_partial(const struct statistics_period *p)
{
    return strcmp(p->from + 4, "-01-01") != 0 || strcmp(p->to + 4, "-12-31") != 0;
}

void report_title(const struct statistics_period *p, char *buf, size_t len)
{
    snprintf(buf, len, "Báo cáo %s Chương trình OCOP năm %d",
             report_is_partial(p) ? "sơ kết" : "tổng kết", p->year);
}

int report_by_district(int year)
{
    return year < PLAN_MERGER_YEAR;
}

json_t *report_document(const struct statistics_period *p, const json_t *locality,
                        json_t *indicators, json_t *figures)
{
    char title[128];
    size_t i;
    json_t *item;
    report_title(p, title, sizeof(title));
    json_array_foreach(indicators, i, item)
    {
        json_object_del(item, "breakdown"); /* the statistics' own: per level, by kind */
    }
    json_t *doc = json_pack("{s:i,s:s,s:s,s:{s:s,s:s},s:O,s:s,s:o}", "year", p->year, "kind",
                            report_is_partial(p) ? "so_ket" : "tong_ket", "title", title, "period",
                            "from", p->from, "to", p->to, "locality",
                            locality ? locality : json_null(), "locality_grouping",
                            report_by_district(p->year) ? "legacy_district" : "current_commune",
                            "indicators", indicators);
    json_object_update(doc, figures);
    json_decref(figures);
    return doc;
}

/* The members of a listed product, in the order CSV and HTML show them. */
static const char *const recognised_fields[] = {
    "code", "name", "stars", "kind", "certificate_number", "recognised_on", "level", NULL};
static const char *const revoked_fields[] = {"code",       "name",    "stars", "certificate_number",
                                             "revoked_on", "grounds", NULL};

/* The groupings of recognitions, in the order CSV and HTML show them. */
static const char *const groupings[] = {"by_locality", "by_sector", "by_stars", "by_kind", NULL};

/* The CSV rows of the report's head, of its period and of each indicator, in order. */
static const char *const report_head[] = {"title", "kind", NULL};
static const char *const period_bounds[] = {"from", "to", NULL};
static const char *const indicator_figures[] = {"target",      "actual", "status",
                                                "target_year", "basis",  NULL};

/* ---- CSV ---- */

/* Rows "<list>.<n>,<field>,<value>" of each item of a list, n from 1. */
static void csv_list(struct render_buf *b, const char *list, const json_t *items,
                     const char *const *fields)
{
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        char section[64];
        snprintf(section, sizeof(section), "%s.%zu", list, i + 1);
        render_csv_members(b, section, item, fields);
    }
}

char *report_csv(const json_t *doc)
{
    struct render_buf b = {NULL, 0, 0};
    const json_t *locality = json_object_get(doc, "locality");
    size_t i;
    json_t *item;
    render_puts(&b, "section,key,value\r\n");
    render_csv_members(&b, "report", doc, report_head);
    render_csv_named(&b, "period", "year", json_object_get(doc, "year"));
    render_csv_members(&b, "period", json_object_get(doc, "period"), period_bounds);
    render_csv_named(&b, "locality", "code", json_object_get(locality, "code"));
    render_csv_named(&b, "locality", "name", json_object_get(locality, "name"));
    render_csv_named(&b, "locality", "grouping", json_object_get(doc, "locality_grouping"));
    json_array_foreach(json_object_get(doc, "indicators"), i, item)
    {
        render_csv_keyed(&b, json_object_get(item, "indicator"), item, indicator_figures);
    }
    render_csv_named(&b, "recognitions", "in_period", json_object_get(doc, "in_period"));
    render_csv_groupings(&b, "", doc, groupings);
    csv_list(&b, "recognised", json_object_get(doc, "recognised"), recognised_fields);
    csv_list(&b, "revoked", json_object_get(doc, "revoked"), revoked_fields);
    return b.text;
}

/* ---- HTML ---- */

/* Print CSS: A4, tables with borders, a header row repeated on every page. */
static const char REPORT_STYLE[] =
    "@page{size:A4;margin:18mm 15mm}"
    "body{font-family:'Times New Roman',serif;font-size:13pt;color:#000;background:#fff;"
    "margin:1.5em}"
    "h1{font-size:16pt;text-align:center;text-transform:uppercase;margin:0 0 .3em}"
    "h2{font-size:13pt;margin:1.2em 0 .4em}"
    "p.sub{text-align:center;margin:0 0 1em}"
    "table{border-collapse:collapse;width:100%;margin-bottom:.8em}"
    "th,td{border:1px solid #000;padding:3px 6px;vertical-align:top}"
    "th{background:#e8e8e8}thead{display:table-header-group}tr{page-break-inside:avoid}"
    "td.n{text-align:right}.below_target{font-weight:bold}"
    "footer{margin-top:2em;font-size:10pt;color:#444}"
    "@media print{body{margin:0}th{background:#e8e8e8 !important;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/* A whole number as Vietnamese write it: thousands grouped by dots (8.000.000). */
static void html_integer(struct render_buf *b, long long n)
{
    char digits[32], out[48];
    size_t len = (size_t)snprintf(digits, sizeof(digits), "%llu",
                                  n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n);
    size_t o = 0;
    if (n < 0)
        out[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = '.';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    render_puts(b, out);
}

/*
 * A value as the page shows it: text escaped; numbers as Vietnamese write
 * them (8.000.000; a percentage with one decimal after a comma, 66,7); "–"
 * for null.
 */
static void html_value(struct render_buf *b, const json_t *v)
{
    char text[64];
    if (json_is_string(v)) {
        render_html(b, json_string_value(v));
    } else if (json_is_integer(v)) {
        html_integer(b, (long long)json_integer_value(v));
    } else if (json_is_real(v)) {
        snprintf(text, sizeof(text), "%.1f", json_real_value(v));
        char *dot = strchr(text, '.');
        if (dot != NULL)
            *dot = ',';
        render_puts(b, text);
    } else {
        render_puts(b, "–");
    }
}

/* A YYYY-MM-DD date as dd/mm/yyyy (anything else escaped as it is). */
static void html_date(struct render_buf *b, const json_t *v)
{
    const char *s = json_string_value(v);
    if (s != NULL && strlen(s) == 10 && s[4] == '-' && s[7] == '-')
        render_printf(b, "%.2s/%.2s/%.4s", s + 8, s + 5, s);
    else
        html_value(b, v);
}

/* Vietnamese words for the codes a report holds; the code itself when it has none. */
static const char *words(const char *code)
{
    static const char *const table[][2] = {
        {"met", "Đạt"},
        {"below_target", "Chưa đạt"},
        {"no_target", "Không có chỉ tiêu"},
        {"not_yet_known", "Chưa xác định được"},
        {"new", "Công nhận mới"},
        {"re_recognition", "Công nhận lại"},
        {"upgrade", "Nâng hạng"},
        {"district", "Cấp huyện"},
        {"province", "Cấp tỉnh"},
        {"central", "Cấp trung ương"},
    };
    for (size_t i = 0; code != NULL && i < sizeof(table) / sizeof(table[0]); i++)
        if (strcmp(table[i][0], code) == 0)
            return table[i][1];
    return code;
}

static void html_indicators(struct render_buf *b, const json_t *items)
{
    size_t i;
    json_t *item;
    render_puts(b, "<h2>I. Kết quả thực hiện các chỉ tiêu kế hoạch</h2><table><thead><tr>"
                   "<th>Chỉ tiêu</th><th>Kế hoạch</th><th>Thực hiện</th><th>Đánh giá</th>"
                   "<th>Căn cứ (năm kế hoạch)</th></tr></thead><tbody>");
    json_array_foreach(items, i, item)
    {
        const char *status = json_string_value(json_object_get(item, "status"));
        render_puts(b, "<tr><td>");
        html_value(b, json_object_get(item, "title"));
        render_puts(b, "</td><td class=\"n\">");
        html_value(b, json_object_get(item, "target"));
        render_puts(b, "</td><td class=\"n\">");
        html_value(b, json_object_get(item, "actual"));
        render_puts(b, "</td><td class=\"");
        render_html(b, status);
        render_puts(b, "\">");
        render_html(b, words(status));
        render_puts(b, "</td><td>");
        html_value(b, json_object_get(item, "basis"));
        if (json_is_integer(json_object_get(item, "target_year")))
            render_printf(b, " (%lld)",
                          (long long)json_integer_value(json_object_get(item, "target_year")));
        render_puts(b, "</td></tr>");
    }
    render_puts(b, "</tbody></table>");
}

/* A grouping [{"key", "name"?, "count"}] as a two-column table under heading. */
static void html_grouping(struct render_buf *b, const char *heading, const char *column,
                          const json_t *group, int translate)
{
    size_t i;
    json_t *item;
    render_printf(b,
                  "<h2>%s</h2><table><thead><tr><th>%s</th><th>Số lượt công nhận</th></tr>"
                  "</thead><tbody>",
                  heading, column);
    json_array_foreach(group, i, item)
    {
        const json_t *key = json_object_get(item, "key");
        const json_t *name = json_object_get(item, "name");
        render_puts(b, "<tr><td>");
        if (json_is_string(name)) {
            render_html(b, json_string_value(name));
            render_puts(b, " (");
            html_value(b, key);
            render_puts(b, ")");
        } else if (translate && json_is_string(key)) {
            render_html(b, words(json_string_value(key)));
        } else if (json_is_null(key)) {
            render_puts(b, "Không xác định");
        } else {
            html_value(b, key);
        }
        render_puts(b, "</td><td class=\"n\">");
        html_value(b, json_object_get(item, "count"));
        render_puts(b, "</td></tr>");
    }
    if (json_array_size(group) == 0)
        render_puts(b, "<tr><td colspan=\"2\">Không có</td></tr>");
    render_puts(b, "</tbody></table>");
}

/* A list of products: No., then one column per field, dates as dd/mm/yyyy. */
static void html_list(struct render_buf *b, const char *heading, const json_t *items,
                      const char *const *fields, const char *const *columns)
{
    size_t i;
    json_t *item;
    render_printf(b, "<h2>%s</h2><table><thead><tr><th>STT</th>", heading);
    for (size_t f = 0; fields[f] != NULL; f++)
        render_printf(b, "<th>%s</th>", columns[f]);
    render_puts(b, "</tr></thead><tbody>");
    json_array_foreach(items, i, item)
    {
        render_printf(b, "<tr><td class=\"n\">%zu</td>", i + 1);
        for (size_t f = 0; fields[f] != NULL; f++) {
            const json_t *v = json_object_get(item, fields[f]);
            render_puts(b, "<td>");
            if (strstr(fields[f], "_on") != NULL)
                html_date(b, v);
            else if (strcmp(fields[f], "kind") == 0 || strcmp(fields[f], "level") == 0)
                render_html(b, json_is_string(v) ? words(json_string_value(v)) : "–");
            else
                html_value(b, v);
            render_puts(b, "</td>");
        }
        render_puts(b, "</tr>");
    }
    if (json_array_size(items) == 0)
        render_puts(b, "<tr><td colspan=\"8\">Không có</td></tr>");
    render_puts(b, "</tbody></table>");
}

char *report_html(const json_t *doc)
{
    static const char *const recognised_columns[] = {
        "Mã sản phẩm",        "Tên sản phẩm",   "Hạng sao",     "Hình thức",
        "Số giấy chứng nhận", "Ngày công nhận", "Cấp công nhận"};
    static const char *const revoked_columns[] = {"Mã sản phẩm",  "Tên sản phẩm",
                                                  "Hạng sao",     "Số giấy chứng nhận",
                                                  "Ngày thu hồi", "Căn cứ thu hồi"};
    struct render_buf b = {NULL, 0, 0};
    const json_t *period = json_object_get(doc, "period");
    const json_t *locality = json_object_get(doc, "locality");
    int by_district = strcmp(json_string_value(json_object_get(doc, "locality_grouping")),
                             "legacy_district") == 0;
    render_puts(&b, "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>");
    html_value(&b, json_object_get(doc, "title"));
    render_printf(&b, "</title><style>%s</style></head><body><h1>", REPORT_STYLE);
    html_value(&b, json_object_get(doc, "title"));
    render_puts(&b, "</h1><p class=\"sub\">Kỳ báo cáo: từ ngày ");
    html_date(&b, json_object_get(period, "from"));
    render_puts(&b, " đến ngày ");
    html_date(&b, json_object_get(period, "to"));
    render_puts(&b, " – Địa bàn: ");
    if (json_is_object(locality)) {
        html_value(&b, json_object_get(locality, "name"));
        render_puts(&b, " (");
        html_value(&b, json_object_get(locality, "code"));
        render_puts(&b, ")");
    } else {
        render_puts(&b, "toàn tỉnh");
    }
    render_puts(&b, "</p>");
    html_indicators(&b, json_object_get(doc, "indicators"));
    render_puts(&b, "<h2>Tổng số lượt công nhận trong kỳ: ");
    html_value(&b, json_object_get(doc, "in_period"));
    render_puts(&b, "</h2>");
    html_grouping(&b,
                  by_district ? "II. Theo đơn vị hành chính cấp huyện (trước 01/7/2025)"
                              : "II. Theo đơn vị hành chính cấp xã hiện nay",
                  by_district ? "Huyện, thị xã, thành phố" : "Xã, phường",
                  json_object_get(doc, "by_locality"), 0);
    html_grouping(&b, "III. Theo ngành hàng", "Ngành (QĐ 148)", json_object_get(doc, "by_sector"),
                  0);
    html_grouping(&b, "IV. Theo hạng sao", "Hạng sao", json_object_get(doc, "by_stars"), 0);
    html_grouping(&b, "V. Công nhận mới, công nhận lại, nâng hạng", "Hình thức",
                  json_object_get(doc, "by_kind"), 1);
    html_list(&b, "VI. Danh sách sản phẩm được công nhận trong kỳ",
              json_object_get(doc, "recognised"), recognised_fields, recognised_columns);
    html_list(&b, "VII. Danh sách sản phẩm bị thu hồi giấy chứng nhận trong kỳ",
              json_object_get(doc, "revoked"), revoked_fields, revoked_columns);
    render_puts(&b, "<footer>Số liệu tổng hợp từ hệ thống quản lý Chương trình OCOP "
                    "(GET /v1/reports). Chỉ tiêu chưa có văn bản làm căn cứ được ghi rõ tại "
                    "cột căn cứ.</footer></body></html>\n");
    return b.text;
}

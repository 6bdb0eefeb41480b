#include "notification/verify_page.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "notification/verify.h"

/* ---- a growing text buffer ---------------------------------------------------------------- */

struct page {
    char *text; /* NUL-terminated (owned) */
    size_t len; /* bytes in text */
    size_t cap; /* bytes allocated */
};

static void page_put(struct page *p, const char *s, size_t n)
{
    if (p->len + n + 1 > p->cap) {
        while (p->len + n + 1 > p->cap)
            p->cap = p->cap ? p->cap * 2 : 1024;
        p->text = oc_xrealloc(p->text, p->cap);
    }
    memcpy(p->text + p->len, s, n);
    p->len += n;
    p->text[p->len] = '\0';
}

static void page_str(struct page *p, const char *s)
{
    page_put(p, s, strlen(s));
}

/* Appends s HTML-escaped (NULL appends nothing). */
static void page_esc(struct page *p, const char *s)
{
    for (; s != NULL && *s; s++) {
        switch (*s) {
        case '&':
            page_str(p, "&amp;");
            break;
        case '<':
            page_str(p, "&lt;");
            break;
        case '>':
            page_str(p, "&gt;");
            break;
        case '"':
            page_str(p, "&quot;");
            break;
        case '\'':
            page_str(p, "&#39;");
            break;
        default:
            page_put(p, s, 1);
        }
    }
}

__attribute__((format(printf, 2, 3))) static void page_fmt(struct page *p, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > 0)
        page_put(p, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

char *verify_html_escape(const char *s)
{
    struct page p = {0};
    page_str(&p, "");
    page_esc(&p, s);
    return p.text;
}

/* ---- the page ------------------------------------------------------------------------------- */

static const char STYLE[] =
    "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
    "background:#f4f5f7;color:#1a1a1a;line-height:1.45}"
    "main{max-width:40rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.25rem;margin:.5rem 0 1rem}"
    ".status{border-radius:.6rem;padding:1rem;font-size:1.5rem;font-weight:700;text-align:center;"
    "margin-bottom:1rem}"
    ".card{background:#fff;border-radius:.6rem;padding:.5rem 1rem;box-shadow:0 1px 3px #0002}"
    "dl{margin:0}dt{font-size:.85rem;color:#555;margin-top:.6rem}dd{margin:0 0 .4rem;"
    "font-weight:600;word-wrap:break-word}"
    ".stars{color:#d99a00;letter-spacing:.1rem}"
    "footer{font-size:.8rem;color:#555;margin-top:1rem}a{color:#1e5bb8}";

static void head(struct page *p, const char *title)
{
    page_str(p, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<meta name=\"robots\" content=\"noindex\"><title>");
    page_esc(p, title);
    page_str(p, "</title><style>");
    page_str(p, STYLE);
    page_str(p, "</style></head><body><main>");
}

static void tail(struct page *p)
{
    page_str(p, "<footer>Cổng xác minh sản phẩm OCOP (Chương trình Mỗi xã một sản phẩm). "
                "Thông tin công khai, không chứa dữ liệu cá nhân.</footer></main></body></html>\n");
}

/* "YYYY-MM-DD" as "DD/MM/YYYY"; anything else as it is. */
static void date_vi(struct page *p, const char *iso)
{
    if (iso != NULL && strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-')
        page_fmt(p, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        page_esc(p, iso);
}

static const char *member(const json_t *o, const char *path1, const char *path2)
{
    const json_t *v = json_object_get(o, path1);
    if (path2 != NULL)
        v = json_object_get(v, path2);
    return json_string_value(v);
}

/* One term and its escaped value; nothing when value is NULL. */
static void row(struct page *p, const char *term, const char *value)
{
    if (value == NULL)
        return;
    page_fmt(p, "<dt>%s</dt><dd>", term);
    page_esc(p, value);
    page_str(p, "</dd>");
}

static void row_date(struct page *p, const char *term, const char *value)
{
    if (value == NULL)
        return;
    page_fmt(p, "<dt>%s</dt><dd>", term);
    date_vi(p, value);
    page_str(p, "</dd>");
}

static void facts(struct page *p, const json_t *view)
{
    json_int_t stars = json_integer_value(json_object_get(view, "stars"));
    const char *producer = member(view, "producer", "public_name");
    page_str(p, "<div class=\"card\"><dl>");
    row(p, "Số giấy chứng nhận", member(view, "number", NULL));
    row(p, "Sản phẩm", member(view, "product", "name"));
    row(p, "Mã sản phẩm", member(view, "product", "code"));
    row(p, "Chủ thể sản xuất", producer ? producer : "Hộ sản xuất (tên không công bố)");
    page_fmt(p, "<dt>Hạng</dt><dd><span class=\"stars\">");
    for (json_int_t i = 0; i < stars && i < 5; i++)
        page_str(p, "★");
    page_fmt(p, "</span> %lld sao</dd>", (long long)stars);
    row(p, "Cấp đánh giá", member(view, "level_text", NULL));
    row(p, "Cơ quan công nhận", member(view, "issuing_authority", NULL));
    row(p, "Bộ tiêu chí", member(view, "rule_set", NULL));
    row(p, "Quyết định công nhận số", member(view, "decision_number", NULL));
    row_date(p, "Ngày cấp", member(view, "issued_on", NULL));
    row_date(p, "Có hiệu lực đến", member(view, "expires_on", NULL));
    json_t *days = json_object_get(view, "days_left");
    if (json_is_integer(days))
        page_fmt(p, "<dt>Thời hạn còn lại</dt><dd>%lld ngày</dd>",
                 (long long)json_integer_value(days));
    const json_t *change = json_object_get(view, "change");
    if (json_is_object(change)) {
        row(p, "Lý do", member(change, "reason", NULL));
        row(p, "Quyết định số", member(change, "decision_number", NULL));
        row_date(p, "Ngày quyết định", member(change, "decision_date", NULL));
        row_date(p, "Ngày ghi nhận", member(change, "changed_on", NULL));
    }
    const char *next = member(view, "superseded_by", NULL);
    if (next != NULL) {
        char *href = verify_url_new("", next);
        page_str(p, "<dt>Được thay thế bởi giấy chứng nhận</dt><dd><a href=\"");
        page_esc(p, href);
        free(href);
        page_str(p, "\">");
        page_esc(p, next);
        page_str(p, "</a></dd>");
    }
    page_str(p, "</dl></div>");
}

char *verify_page_render(const json_t *view)
{
    struct page p = {0};
    const char *number = member(view, "number", NULL);
    const struct verify_status *st = verify_status_find(member(view, "status", "code"));
    char title[128];
    snprintf(title, sizeof(title), "Giấy chứng nhận OCOP số %.64s", number ? number : "");
    head(&p, title);
    page_str(&p, "<h1>Xác minh giấy chứng nhận OCOP</h1>");
    if (st != NULL) {
        page_fmt(&p,
                 "<div class=\"status\" id=\"status\" data-status=\"%s\" "
                 "style=\"background:%s;color:%s\">",
                 st->code, st->colour, strcmp(st->code, "expiring") == 0 ? "#1a1a1a" : "#ffffff");
        page_esc(&p, st->words);
        page_str(&p, "</div>");
    }
    facts(&p, view);
    page_str(&p, "<footer>Tra cứu ngày ");
    date_vi(&p, member(view, "checked_on", NULL));
    page_str(&p, ".</footer>");
    tail(&p);
    return p.text;
}

char *verify_page_not_found(const char *number)
{
    struct page p = {0};
    char shown[3 * VERIFY_NUMBER_MAX + 4];
    size_t n = number ? strlen(number) : 0, cut = 0, chars = 0;
    /* Up to 64 characters, never cutting a UTF-8 sequence. */
    while (cut < n && chars < VERIFY_NUMBER_MAX) {
        size_t k = 1;
        while (cut + k < n && ((unsigned char)number[cut + k] & 0xC0) == 0x80)
            k++;
        if (cut + k > sizeof(shown) - 4)
            break;
        cut += k;
        chars++;
    }
    snprintf(shown, sizeof(shown), "%.*s%s", (int)cut, number ? number : "", cut < n ? "…" : "");
    head(&p, "Không tìm thấy giấy chứng nhận OCOP");
    page_str(
        &p,
        "<h1>Xác minh giấy chứng nhận OCOP</h1><div class=\"status\" id=\"status\" "
        "data-status=\"unknown\" style=\"background:#e5e7eb;color:#1a1a1a;font-size:1.15rem\">");
    page_str(&p, "Không tìm thấy giấy chứng nhận số ");
    page_esc(&p, shown);
    page_str(&p, "</div><div class=\"card\"><p>Không có giấy chứng nhận OCOP nào mang số này. "
                 "Hãy kiểm tra lại số in trên nhãn sản phẩm; sản phẩm mang số không có trong "
                 "hệ thống có thể không phải là sản phẩm OCOP.</p></div>");
    tail(&p);
    return p.text;
}

char *verify_page_unavailable(void)
{
    struct page p = {0};
    head(&p, "Tạm thời không tra cứu được");
    page_str(&p, "<h1>Xác minh giấy chứng nhận OCOP</h1><div class=\"card\"><p>Hệ thống tạm thời "
                 "không tra cứu được. Xin vui lòng thử lại sau ít phút.</p></div>");
    tail(&p);
    return p.text;
}

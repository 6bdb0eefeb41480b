/*
 * The verification page a phone opens from a label's QR code: a small
 * Vietnamese HTML document (UTF-8, mobile viewport, inline CSS, no script and
 * nothing loaded from elsewhere) rendered from the public view of a
 * certificate (verify.h). Pure C; every value from data is HTML-escaped.
 */
#ifndef NOTIF_VERIFY_PAGE_H
#define NOTIF_VERIFY_PAGE_H

#include <jansson.h>

/* The Content-Security-Policy the pages are served with: nothing but inline style and data: images.
 */
#define VERIFY_PAGE_CSP "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/*
 * Returns s with & < > " ' replaced by character references (caller frees).
 * NULL gives "".
 */
char *verify_html_escape(const char *s);

/* The page of a certificate from its view (verify_view; borrowed). Caller frees. */
char *verify_page_render(const json_t *view);

/*
 * The page for a number no certificate has: "Không tìm thấy giấy chứng nhận
 * số …" with the number as asked (escaped; cut to 64 characters). Caller frees.
 */
char *verify_page_not_found(const char *number);

/* The page for a moment when the service cannot answer (503). Caller frees. */
char *verify_page_unavailable(void);

#endif

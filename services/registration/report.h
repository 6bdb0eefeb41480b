/*
 * The year-end report (báo cáo tổng kết) and the mid-year one (sơ kết) of
 * GET /v1/reports/{year}, pure C: its title, how it groups localities, the
 * document, and the same document as CSV rows and as a printable Vietnamese
 * HTML page. No I/O.
 */
#ifndef REG_REPORT_H
#define REG_REPORT_H

#include <stddef.h>

#include <jansson.h>

#include "registration/statistics.h"

/* The formats a report is sent in. */
enum report_format {
    REPORT_JSON, /* application/json, the default */
    REPORT_CSV,  /* text/csv: rows "section,key,value" */
    REPORT_HTML  /* text/html: a printable page */
};

/*
 * The format the Accept header (NULL when absent) prefers (RFC 9110 q
 * values, then the most specific range); on a tie JSON, then HTML, then CSV.
 */
enum report_format report_format_of(const char *accept);

/* 1 when p covers less than its whole year (a sơ kết), else 0 (a tổng kết). */
int report_is_partial(const struct statistics_period *p);

/*
 * Writes the title into buf: "Báo cáo tổng kết Chương trình OCOP năm Y", or
 * "Báo cáo sơ kết ..." for a partial year.
 */
void report_title(const struct statistics_period *p, char *buf, size_t len);

/*
 * 1 when the report of year groups localities by legacy district (years
 * before PLAN_MERGER_YEAR: districts were abolished on 2025-07-01), 0 when by
 * current commune.
 */
int report_by_district(int year);

/*
 * Builds the document (caller owns) for period p at locality (borrowed; NULL
 * for the province, else {"code", "name"}), stealing indicators (as
 * statistics_progress returns them) and figures ({"in_period", "by_locality",
 * "by_sector", "by_stars", "by_kind", "recognised", "revoked"}).
 */
json_t *report_document(const struct statistics_period *p, const json_t *locality,
                        json_t *indicators, json_t *figures);

/* The document as CSV rows "section,key,value" (caller frees). */
char *report_csv(const json_t *doc);

/* The document as a UTF-8 HTML page, every value escaped, no external resource (caller frees). */
char *report_html(const json_t *doc);

#endif

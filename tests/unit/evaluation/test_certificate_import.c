/*
 * A province's certificate list as CSV (certificate_import.h): RFC 4180
 * quoting, a byte-order mark, CRLF, empty lines, Vietnamese UTF-8, and every
 * bad line named by line and column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "evaluation/certificate_import.h"
#include "unit/test.h"

#define P1     "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define HEADER "number,product,stars,level,rule_set,decision_number,issued_on\n"

/* The problems as "line:column:code" joined with spaces, in the order found. */
static const char *problems(const struct certificate_import *imp)
{
    static char out[2048];
    size_t pos = 0;
    out[0] = '\0';
    for (size_t i = 0; i < json_array_size(imp->errors); i++) {
        const json_t *e = json_array_get(imp->errors, i);
        pos += (size_t)snprintf(out + pos, sizeof(out) - pos, "%s%lld:%s:%s", i ? " " : "",
                                (long long)json_integer_value(json_object_get(e, "line")),
                                json_string_value(json_object_get(e, "column")),
                                json_string_value(json_object_get(e, "code")));
    }
    return out;
}

/* Parses text into imp (cleaned by the caller). */
static enum oc_err parse(const char *text, struct certificate_import *imp)
{
    return certificate_import_parse(text, strlen(text), imp);
}

static void test_well_formed(void)
{
    struct certificate_import imp;
    /* a BOM, CRLF, an empty line, quoted cells with a comma and a doubled quote, columns in
     * another order, spaces around cells, a product given by its code */
    const char *text =
        "\xef\xbb\xbf"
        "Product,Stars,Level,Rule_Set,Decision_Number,Issued_On,Number,Expires_On,Status\r\n" P1
        ",4,province,qd1048-2019,\"1234/QĐ-UBND, ngày 20/10\",2022-10-20,\"OCOP-TV-2022-015\","
        "2025-10-20,expired\r\n"
        "\r\n"
        " OCOP-TV-2023-00007 , 3 ,district,qd148-2023,\"56/QĐ-UBND \"\"Cầu Kè\"\"\",2024-02-29,"
        ",,\r\n";
    CHECK_INT_EQ(parse(text, &imp), OC_OK);
    CHECK_STR_EQ(problems(&imp), "");
    CHECK_INT_EQ(imp.n, 2);
    const struct certificate_import_row *a = &imp.rows[0], *b = &imp.rows[1];
    CHECK(a->ok && b->ok);
    CHECK_INT_EQ(a->line, 2);
    CHECK_INT_EQ(b->line, 4); /* the empty line 3 counts */
    CHECK_STR_EQ(a->fields.product_id, P1);
    CHECK(a->product_code == NULL);
    CHECK_STR_EQ(a->fields.decision_number, "1234/QĐ-UBND, ngày 20/10");
    CHECK_STR_EQ(a->fields.number, "OCOP-TV-2022-015");
    CHECK_STR_EQ(a->expires_on, "2025-10-20");
    CHECK_STR_EQ(a->status, "expired");
    CHECK_INT_EQ(a->fields.stars, 4);
    CHECK(b->fields.product_id == NULL);
    CHECK_STR_EQ(b->product_code, "OCOP-TV-2023-00007");
    CHECK_STR_EQ(b->fields.decision_number, "56/QĐ-UBND \"Cầu Kè\"");
    CHECK(b->fields.number == NULL && b->expires_on == NULL && b->status == NULL);
    CHECK_INT_EQ(b->fields.stars, 3);
    certificate_import_clean(&imp);

    /* a quoted cell over two lines: the next line's number counts both; no final newline */
    text = HEADER "\"A\n1\"," P1 ",3,district,qd148-2023,1/QĐ,2024-01-02\n"
                  "B2," P1 ",3,district,qd148-2023,2/QĐ,2024-01-03";
    CHECK_INT_EQ(parse(text, &imp), OC_OK);
    CHECK_INT_EQ(imp.n, 2);
    CHECK_STR_EQ(problems(&imp), "2:number:format"); /* a line break is no printable character */
    CHECK_INT_EQ(imp.rows[1].line, 4);
    CHECK(imp.rows[1].ok);
    certificate_import_clean(&imp);
}

static void test_every_bad_line(void)
{
    struct certificate_import imp;
    const char *text =
        HEADER "1/A," P1 ",6,commune,qd148-2023,,2024-02-30\n"         /* line 2: four problems */
               "2/A,,3,district,qd148-2023,9/QĐ,2024-01-01\n"          /* 3: no product */
               "3/A," P1 ",3,district\n"                               /* 4: too few cells */
               "4/A," P1 ",3,district,qd148-2023,5/QĐ,2024-01-01,xx\n" /* 5: too many */
               "5/A,not a code," P1 ",district,qd148-2023,6/QĐ,2024-01-01\n" /* 6: shifted cells */
               "6\"A," P1 ",3,district,qd148-2023,7/QĐ,2024-01-01\n"         /* 7: a bare quote */
               "\"7/A\"x," P1 ",3,district,qd148-2023,8/QĐ,2024-01-01\n" /* 8: text after a quote */
               "8/A," P1 ",3,district,qd148-2023,\xc3\x28,2024-01-01\n"  /* 9: not UTF-8 */
               "9/A," P1 ",3,district,qd148-2023,10/QĐ,2024-01-01\n"     /* 10: good */
               "9/A," P1 ",4,province,qd148-2023,11/QĐ,2024-01-02\n"     /* 11: number of line 10 */
               "10/A," P1 ",4,province,qd148-2023,10/QĐ,2024-01-02\n"; /* 12: decision of line 10 */
    CHECK_INT_EQ(parse(text, &imp), OC_OK);
    CHECK_STR_EQ(problems(&imp),
                 "2:decision_number:required 2:stars:range 2:level:enum 2:issued_on:format "
                 "3:product:required 4::columns 5::columns 6:product:format 6:stars:range "
                 "7::csv 8::csv 9::encoding 11:number:repeated 12:decision_number:repeated");
    CHECK_INT_EQ(imp.n, 8); /* lines 7 to 9 give no row */
    size_t good = 0;
    for (size_t i = 0; i < imp.n; i++)
        good += (size_t)imp.rows[i].ok;
    CHECK_INT_EQ(good, 1);
    const json_t *e = json_array_get(imp.errors, 0);
    CHECK_STR_EQ(json_string_value(json_object_get(e, "field")), "line 2: decision_number");
    certificate_import_clean(&imp);

    /* optional columns are checked too */
    text = "product,stars,level,rule_set,decision_number,issued_on,expires_on,status,"
           "application_id\n" P1 ",3,district,qd148-2023,1/QĐ,2024-01-01,2027-02-30,revoked,x\n";
    CHECK_INT_EQ(parse(text, &imp), OC_OK);
    CHECK_STR_EQ(problems(&imp), "2:application_id:format 2:expires_on:format 2:status:enum");
    certificate_import_clean(&imp);
}

static void test_header_and_limits(void)
{
    struct certificate_import imp;
    CHECK_INT_EQ(parse("number,product,stars,colour,level,level,issued_on\n1,2,3,4,5,6,7\n", &imp),
                 OC_OK);
    CHECK_STR_EQ(
        problems(&imp),
        "1:colour:unknown 1:level:duplicate 1:rule_set:required 1:decision_number:required");
    CHECK_INT_EQ(imp.n, 0); /* no line is read without its columns */
    certificate_import_clean(&imp);
    CHECK_INT_EQ(parse("", &imp), OC_OK);
    CHECK_STR_EQ(problems(&imp), "1::empty");
    certificate_import_clean(&imp);
    CHECK_INT_EQ(parse("\r\n\r\n" HEADER, &imp), OC_OK); /* a header only, after empty lines */
    CHECK_STR_EQ(problems(&imp), "");
    CHECK_INT_EQ(imp.n, 0);
    certificate_import_clean(&imp);
    CHECK_INT_EQ(parse(HEADER "\"1/A," P1 ",3\n", &imp), OC_OK);
    CHECK_STR_EQ(problems(&imp), "2::csv"); /* a quote never closed */
    certificate_import_clean(&imp);

    /* 5000 lines are taken, 5001 are too many */
    const char *line = "," P1 ",3,district,qd148-2023,1/QĐ,2024-01-01\n";
    size_t n = strlen(line), header = strlen(HEADER);
    char *big = malloc(header + n * 5001 + 1);
    memcpy(big, HEADER, header);
    for (size_t i = 0; i < 5001; i++)
        memcpy(big + header + i * n, line, n);
    CHECK_INT_EQ(certificate_import_parse(big, header + n * 5000, &imp), OC_OK);
    CHECK_INT_EQ(imp.n, 5000);
    certificate_import_clean(&imp);
    CHECK_INT_EQ(certificate_import_parse(big, header + n * 5001, &imp), OC_TOO_LARGE);
    certificate_import_clean(&imp);
    free(big);
    big = calloc(1, CERTIFICATE_IMPORT_MAX_BYTES + 1);
    memset(big, '\n', CERTIFICATE_IMPORT_MAX_BYTES + 1);
    CHECK_INT_EQ(certificate_import_parse(big, CERTIFICATE_IMPORT_MAX_BYTES + 1, &imp),
                 OC_TOO_LARGE);
    certificate_import_clean(&imp);
    free(big);
}

/*
 * A header cell of many two-byte characters: its error's "field" ("line 1: <name>") is cut at
 * 96 bytes, once in the middle of a character; the error is still recorded, so the header is
 * refused and no line is read by a column it does not have (found by fuzz.evaluation_body:
 * the unrecorded error let map[] hold -1).
 */
static void test_long_unknown_header(void)
{
    char text[1024];
    size_t pos = 0; /* "line 1: " and 43 Đ fill 94 bytes: the 96-byte field cuts the 44th */
    for (int i = 0; i < 60; i++)
        pos += (size_t)snprintf(text + pos, sizeof(text) - pos, "Đ");
    snprintf(text + pos, sizeof(text) - pos,
             ",number,product,stars,level,rule_set,decision_number,issued_on\n"
             "a,OCOP-TV-2022-015,OCOP-TV-2022-00015,4,province,qd1048-2019,1/QĐ-UBND,2022-10-20\n");
    struct certificate_import imp;
    memset(&imp, 0, sizeof(imp));
    CHECK_INT_EQ(parse(text, &imp), OC_OK);
    CHECK_INT_EQ(json_array_size(imp.errors), 1);
    CHECK_STR_EQ(json_string_value(json_object_get(json_array_get(imp.errors, 0), "code")),
                 "unknown");
    CHECK_INT_EQ(imp.n, 0);
    certificate_import_clean(&imp);
}

/* A loaded certificate's view as the store gives it. */
static json_t *loaded(const char *number, const char *status, const char *expires_on)
{
    return json_pack("{s:s, s:{s:s}, s:i, s:s, s:s, s:s, s:s, s:s, s:s}", "number", number,
                     "product", "id", P1, "stars", 4, "rule_set", "qd1048-2019", "level",
                     "province", "decision_number", "1/QĐ-UBND", "issued_on", "2022-10-20",
                     "status", status, "expires_on", expires_on);
}

/* The same recognition is "unchanged"; one member off is a conflict. */
static void test_same_certificate(void)
{
    struct certificate_fields f = {P1,           4,    "qd1048-2019", "province", "1/QĐ-UBND",
                                   "2022-10-20", NULL, NULL,          NULL};
    json_t *view = loaded("TV-0001", "valid", "2025-10-20");
    CHECK(certificate_import_same(view, &f));
    f.number = "TV-0001";
    CHECK(certificate_import_same(view, &f));
    f.number = "TV-0002";
    CHECK(!certificate_import_same(view, &f));
    f.number = NULL;
    f.stars = 5;
    CHECK(!certificate_import_same(view, &f));
    f.stars = 4;
    f.issued_on = "2022-10-21";
    CHECK(!certificate_import_same(view, &f));
    f.issued_on = "2022-10-20";
    f.level = "district";
    CHECK(!certificate_import_same(view, &f));
    f.level = "province";
    f.decision_number = "2/QĐ-UBND";
    CHECK(!certificate_import_same(view, &f));
    json_object_del(view, "rule_set"); /* a view without the member is never the same */
    f.decision_number = "1/QĐ-UBND";
    CHECK(!certificate_import_same(view, &f));
    json_decref(view);
}

/* expires_on and status given on a line must agree with what was issued. */
static void test_line_agrees(void)
{
    static const struct {
        const char *expires_on, *status; /* the line's, or NULL */
        const char *view_status;         /* the issued certificate's */
        const char *want;                /* the problems' columns */
    } cases[] = {
        {NULL, NULL, "valid", ""},
        {"2025-10-20", "valid", "valid", ""},
        {"2025-10-20", "expiring", "expiring", ""},
        {"2025-10-20", "expired", "expired", ""},
        {"2025-10-21", NULL, "valid", "expires_on"},
        {"2025-10-19", "expired", "valid", "expires_on status"},
        {NULL, "valid", "expired", "status"},
        {NULL, "expired", "expiring", "status"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct certificate_import_row row;
        memset(&row, 0, sizeof(row));
        row.line = 2;
        row.fields.rule_set = "qd1048-2019";
        row.fields.issued_on = "2022-10-20";
        row.expires_on = cases[i].expires_on;
        row.status = cases[i].status;
        json_t *view = loaded("TV-0001", cases[i].view_status, "2025-10-20");
        json_t *errors = json_array();
        int ok = certificate_import_agrees(&row, view, errors);
        char got[64] = "";
        for (size_t k = 0; k < json_array_size(errors); k++)
            snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", k ? " " : "",
                     json_string_value(json_object_get(json_array_get(errors, k), "column")));
        CHECK_STR_EQ(got, cases[i].want);
        CHECK_INT_EQ(ok, cases[i].want[0] == '\0');
        json_decref(errors);
        json_decref(view);
    }
}

/* Loading order: oldest issue first, then file order. */
static void test_load_order(void)
{
    struct certificate_import_row rows[4];
    memset(rows, 0, sizeof(rows));
    const char *issued[] = {"2023-01-05", "2022-10-20", "2023-01-05", "2022-10-19"};
    const struct certificate_import_row *order[4];
    for (size_t i = 0; i < 4; i++) {
        rows[i].line = (long)i + 2;
        rows[i].fields.issued_on = issued[i];
        order[i] = &rows[i];
    }
    certificate_import_order(order, 4);
    CHECK_INT_EQ(order[0]->line, 5);
    CHECK_INT_EQ(order[1]->line, 3);
    CHECK_INT_EQ(order[2]->line, 2);
    CHECK_INT_EQ(order[3]->line, 4);
}

int main(void)
{
    test_well_formed();
    test_long_unknown_header();
    test_every_bad_line();
    test_header_and_limits();
    test_same_certificate();
    test_line_agrees();
    test_load_order();
    TEST_DONE();
}

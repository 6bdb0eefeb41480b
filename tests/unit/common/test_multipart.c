/* oc_multipart_parse: the upload route's form reader, and oc_utf8_ok, one row per case. */
#include <string.h>

#include <jansson.h>

#include "common/multipart.h"
#include "common/validate.h"
#include "unit/test.h"

#define CT "multipart/form-data; boundary=XyZ"
#define PART(name, extra, data)                                                                    \
    "--XyZ\r\nContent-Disposition: form-data; name=\"" name "\"" extra "\r\n\r\n" data "\r\n"

static const struct {
    const char *what;         /* the case */
    const char *content_type; /* the request's Content-Type */
    const char *body;         /* the body */
    enum oc_err rc;           /* the result */
    size_t parts;             /* parts kept */
    const char *error;        /* "field code" of the first error, or NULL */
} rows[] = {
    {"item and file", CT,
     PART("item", "", "lab_test")
         PART("file", "; filename=\"Phiếu.pdf\"", "%PDF-1.4\r\n--X") "--XyZ--",
     OC_OK, 2, NULL},
    {"a preamble and an epilogue", CT, "ignored\r\n" PART("item", "", "x") "--XyZ--\r\nafter",
     OC_OK, 1, NULL},
    {"a quoted boundary", "multipart/form-data; boundary=\"XyZ\"", PART("item", "", "x") "--XyZ--",
     OC_OK, 1, NULL},
    {"two parts named file", CT,
     PART("file", "; filename=\"a.pdf\"", "A") PART("file", "; filename=\"b.pdf\"", "B") "--XyZ--",
     OC_INVALID, 1, "file duplicate"},
    {"nine parts", CT,
     PART("a", "", "") PART("b", "", "") PART("c", "", "") PART("d", "", "") PART("e", "", "")
         PART("f", "", "") PART("g", "", "") PART("h", "", "") PART("i", "", "") "--XyZ--",
     OC_INVALID, 8, "body parts"},
    {"no boundary", "multipart/form-data", PART("item", "", "x") "--XyZ--", OC_BAD_REQUEST, 0,
     NULL},
    {"no closing delimiter", CT, PART("item", "", "x"), OC_BAD_REQUEST, 0, NULL},
    {"no delimiter at all", CT, "garbage", OC_BAD_REQUEST, 0, NULL},
    {"a part without a name", CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
     OC_BAD_REQUEST, 0, NULL},
    {"a part without headers", CT, "--XyZ\r\nx\r\n--XyZ--", OC_BAD_REQUEST, 0, NULL},
};

static void test_rows(void)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct oc_multipart mp;
        char detail[160] = "";
        json_t *errors = json_array();
        enum oc_err rc =
            oc_multipart_parse(rows[i].content_type, rows[i].body, strlen(rows[i].body), &mp,
                               errors, detail, sizeof(detail));
        fprintf(stderr, "case: %s\n", rows[i].what);
        CHECK_INT_EQ(rc, rows[i].rc);
        if (rc == OC_OK || rc == OC_INVALID)
            CHECK_INT_EQ(mp.n, rows[i].parts);
        if (rc == OC_BAD_REQUEST)
            CHECK(detail[0] != '\0');
        if (rows[i].error != NULL) {
            char got[80];
            json_t *e = json_array_get(errors, 0);
            snprintf(got, sizeof(got), "%s %s", json_string_value(json_object_get(e, "field")),
                     json_string_value(json_object_get(e, "code")));
            CHECK_STR_EQ(got, rows[i].error);
        }
        json_decref(errors);
    }
}

static void test_parts(void)
{
    struct oc_multipart mp;
    char detail[160];
    json_t *errors = json_array();
    const char *body = rows[0].body;
    CHECK_INT_EQ(oc_multipart_parse(CT, body, strlen(body), &mp, errors, detail, sizeof(detail)),
                 OC_OK);
    const struct oc_part *file = oc_multipart_get(&mp, "file");
    CHECK(file != NULL && file->is_file);
    CHECK_STR_EQ(file ? file->filename : NULL, "Phiếu.pdf");
    /* The data runs to the CRLF before the delimiter: "--X" inside it is data. */
    CHECK(file != NULL && file->len == 13 && memcmp(file->data, "%PDF-1.4\r\n--X", 13) == 0);
    CHECK(file != NULL && file->data > body && file->data < body + strlen(body)); /* borrowed */
    const struct oc_part *item = oc_multipart_get(&mp, "item");
    CHECK(item != NULL && !item->is_file && item->len == 8);
    CHECK(oc_multipart_get(&mp, "none") == NULL);
    json_decref(errors);
}

static void test_utf8(void)
{
    static const struct {
        const char *s;
        int ok;
    } cases[] = {
        {"", 1},         {"Bến Tre", 1},  {"\xF0\x9F\x8C\xB4", 1}, {"\xFF", 0},
        {"\xC3\x28", 0}, {"\xC0\xAF", 0}, {"\xED\xA0\x80", 0},     {"\xF4\x90\x80\x80", 0},
        {"\xE1\xBA", 0}, {"\x80", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        CHECK_INT_EQ(oc_utf8_ok(cases[i].s, strlen(cases[i].s)), cases[i].ok);
}

int main(void)
{
    test_rows();
    test_parts();
    test_utf8();
    TEST_DONE();
}

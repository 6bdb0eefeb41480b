/* Market evidence: the linkage events the evaluation service keeps, and their ce_time. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "evaluation/evidence.h"
#include "unit/test.h"

#define PRODUCT_ID "8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b"
#define TIME       "2025-03-01T02:00:00.123456Z"

/* The data last parsed: out's strings borrow from it until the next call. */
static json_t *data;

/* Parses the JSON text data with ce_time time; returns the error code. */
static enum oc_err parse(const char *text, const char *time, struct evidence_linkage *out)
{
    char err[256];
    json_decref(data);
    data = json_loads(text, 0, NULL);
    enum oc_err rc = evidence_linkage_parse(data, time, out, err, sizeof(err));
    if (rc != OC_OK && strstr(err, "linkage event") == NULL)
        fprintf(stderr, "    unexpected message: %s\n", err);
    return rc;
}

static void test_parse(void)
{
    struct evidence_linkage l;
    CHECK_INT_EQ(parse("{\"linkage_id\":\"L1\",\"product_id\":\"" PRODUCT_ID
                       "\",\"status\":\"signed\",\"partner_name\":\"Co.opmart\",\"channel\":"
                       "\"supermarket\",\"contract_value_vnd\":1}",
                       TIME, &l),
                 OC_OK);
    CHECK(l.version == 0 && l.partner_name != NULL && strcmp(l.channel, "supermarket") == 0);
    CHECK_INT_EQ(parse("{\"linkage_id\":\"L1\",\"product_id\":\"" PRODUCT_ID
                       "\",\"status\":\"ended\",\"version\":4,\"channel\":null}",
                       TIME, &l),
                 OC_OK);
    CHECK(l.version == 4 && l.partner_name == NULL && l.channel == NULL);
    static const char *const bad[] = {
        "{\"product_id\":\"" PRODUCT_ID "\",\"status\":\"signed\"}",
        "{\"linkage_id\":\"\",\"product_id\":\"" PRODUCT_ID "\",\"status\":\"signed\"}",
        "{\"linkage_id\":\"L1\",\"product_id\":\"x\",\"status\":\"signed\"}",
        "{\"linkage_id\":\"L1\",\"product_id\":\"" PRODUCT_ID "\"}",
        "{\"linkage_id\":\"L1\",\"product_id\":\"" PRODUCT_ID "\",\"status\":\"renegotiating\"}",
        "{\"linkage_id\":\"L1\",\"product_id\":\"" PRODUCT_ID "\",\"status\":\"signed\","
        "\"partner_name\":7}",
        "{\"linkage_id\":\"L1\",\"product_id\":\"" PRODUCT_ID "\",\"status\":\"signed\","
        "\"version\":0}",
        "{\"linkage_id\":\"L1\",\"product_id\":\"" PRODUCT_ID "\",\"status\":\"signed\","
        "\"version\":\"2\"}",
        "{\"linkage_id\":5,\"product_id\":\"" PRODUCT_ID "\",\"status\":\"signed\"}",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        enum oc_err rc = parse(bad[i], TIME, &l);
        CHECK_INT_EQ(rc, OC_INVALID);
        if (rc != OC_INVALID)
            fprintf(stderr, "    accepted: %s\n", bad[i]);
    }
    /* the event needs its ce_time */
    CHECK_INT_EQ(parse("{\"linkage_id\":\"L1\",\"product_id\":\"" PRODUCT_ID
                       "\",\"status\":\"signed\"}",
                       "", &l),
                 OC_INVALID);
}

int main(void)
{
    test_parse();
    json_decref(data);
    TEST_DONE();
}

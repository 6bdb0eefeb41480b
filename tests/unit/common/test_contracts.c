/* oc_product_registered_parse and oc_producer_registered_parse: shared event contracts. */
#include <string.h>

#include <jansson.h>

#include "common/contracts.h"
#include "unit/test.h"

#define PRODUCT_ID  "0b5f6c7e-3a91-4c2d-8e4f-1a2b3c4d5e6f"
#define PRODUCER_ID "7d3c0e9a-1f43-4e51-9a7e-2b1c5d8f0a11"

/* A valid product registered event under QĐ 148 (caller owns). */
static json_t *product_event(void)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:n,s:s,s:s,s:i,s:s}", "product_id",
                     PRODUCT_ID, "code", "OCOP-TV-2025-00001", "name", "Mật ong bạc hà",
                     "producer_id", PRODUCER_ID, "producer_name", "HTX Mật ong Mèo Vạc",
                     "producer_type", "cooperative", "rule_set", "qd148-2023", "criteria_set", 3,
                     "sector", "I", "legacy_group", "commune_code", "02800", "status", "registered",
                     "version", 1, "registered_at", "2025-03-01T08:30:00.000000Z");
}

/* A valid producer registered event (caller owns). */
static json_t *producer_event(void)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:i}", "producer_id", PRODUCER_ID, "type", "household",
                     "name", "Nguyễn Văn An", "commune_code", "26734", "version", 1);
}

/* Parses data after setting key to value (stolen; NULL deletes key). */
static enum oc_err product_with(const char *key, json_t *value, struct oc_product_registered *p,
                                char *err, size_t errlen)
{
    json_t *data = product_event();
    if (value != NULL)
        json_object_set_new(data, key, value);
    else
        json_object_del(data, key);
    err[0] = '\0';
    enum oc_err rc = oc_product_registered_parse(data, p, err, errlen);
    json_decref(data);
    return rc;
}

static enum oc_err producer_with(const char *key, json_t *value, struct oc_producer_registered *p,
                                 char *err, size_t errlen)
{
    json_t *data = producer_event();
    if (value != NULL)
        json_object_set_new(data, key, value);
    else
        json_object_del(data, key);
    err[0] = '\0';
    enum oc_err rc = oc_producer_registered_parse(data, p, err, errlen);
    json_decref(data);
    return rc;
}

static void test_product_valid(void)
{
    struct oc_product_registered p;
    char err[256] = "";
    json_t *data = product_event();
    CHECK_INT_EQ(oc_product_registered_parse(data, &p, err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(p.product_id, PRODUCT_ID);
    CHECK_STR_EQ(p.code, "OCOP-TV-2025-00001");
    CHECK_STR_EQ(p.name, "Mật ong bạc hà");
    CHECK_STR_EQ(p.producer_id, PRODUCER_ID);
    CHECK_STR_EQ(p.producer_name, "HTX Mật ong Mèo Vạc");
    CHECK_STR_EQ(p.producer_type, "cooperative");
    CHECK_STR_EQ(p.rule_set, "qd148-2023");
    CHECK_INT_EQ(p.criteria_set, 3);
    CHECK_STR_EQ(p.sector, "I");
    CHECK_STR_EQ(p.commune_code, "02800");
    CHECK_STR_EQ(p.status, "registered");
    CHECK_INT_EQ(p.version, 1);
    json_decref(data);
}

static void test_product_rejected(void)
{
    struct oc_product_registered p;
    char err[256];
    static const char *const required[] = {
        "product_id",    "code",          "name",     "producer_id",
        "producer_name", "producer_type", "rule_set", "commune_code",
        "status",        "version",       NULL};
    for (const char *const *k = required; *k; k++) {
        CHECK_INT_EQ(product_with(*k, NULL, &p, err, sizeof(err)), OC_INVALID);
        CHECK(strstr(err, *k) != NULL);
    }
    CHECK_INT_EQ(product_with("product_id", json_string("0B5F6C7E-3A91-4C2D-8E4F-1A2B3C4D5E6F"), &p,
                              err, sizeof(err)),
                 OC_INVALID);
    CHECK(strstr(err, "product registered") != NULL);
    CHECK_INT_EQ(product_with("producer_id", json_string("not-a-uuid"), &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(product_with("product_id", json_integer(7), &p, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(product_with("commune_code", json_string("2800"), &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(product_with("commune_code", json_string("0280a"), &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(product_with("version", json_integer(0), &p, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(product_with("version", json_integer(-3), &p, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(product_with("version", json_string("1"), &p, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(product_with("criteria_set", json_integer(27), &p, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(product_with("criteria_set", json_integer(-1), &p, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(product_with("criteria_set", json_string("3"), &p, err, sizeof(err)), OC_INVALID);

    json_t *arr = json_array();
    CHECK_INT_EQ(oc_product_registered_parse(arr, &p, err, sizeof(err)), OC_INVALID);
    json_decref(arr);
    /* the commune's legacy district (3 digits) and today's commune (5 digits): optional */
    CHECK_INT_EQ(product_with("legacy_district_code", json_string("8460"), &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(product_with("legacy_district_code", json_integer(846), &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(product_with("current_commune_code", json_string("2934"), &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(product_with("legacy_district_code", json_string("846"), &p, err, sizeof(err)),
                 OC_OK);
    CHECK_INT_EQ(product_with("current_commune_code", json_string("29341"), &p, err, sizeof(err)),
                 OC_OK);
    CHECK_INT_EQ(product_with("current_commune_code", json_null(), &p, err, sizeof(err)), OC_OK);
    /* version 1 and 2 are fine */
    CHECK_INT_EQ(product_with("version", json_integer(2), &p, err, sizeof(err)), OC_OK);
    CHECK_INT_EQ(p.version, 2);
}

static void test_product_optional(void)
{
    struct oc_product_registered p;
    char err[256];
    json_t *data;

    /* a QĐ 1048 product without criteria set or sector: the members are absent */
    data = product_event();
    json_object_set_new(data, "rule_set", json_string("qd1048-2019"));
    json_object_set_new(data, "legacy_group", json_string("Thực phẩm"));
    json_object_del(data, "criteria_set");
    json_object_del(data, "sector");
    CHECK_INT_EQ(oc_product_registered_parse(data, &p, err, sizeof(err)), OC_OK);
    CHECK_INT_EQ(p.criteria_set, 0);
    CHECK(p.sector == NULL);
    CHECK_STR_EQ(p.rule_set, "qd1048-2019");
    json_decref(data);

    /*
     * ... or JSON null, which is what registration publishes for them
     * (json_build_object in product_store.c turns SQL NULL into null).
     */
    data = product_event();
    json_object_set_new(data, "rule_set", json_string("qd1048-2019"));
    json_object_set_new(data, "legacy_group", json_string("Thực phẩm"));
    json_object_set_new(data, "criteria_set", json_null());
    json_object_set_new(data, "sector", json_null());
    err[0] = '\0';
    CHECK_INT_EQ(oc_product_registered_parse(data, &p, err, sizeof(err)), OC_OK);
    if (err[0] != '\0')
        fprintf(stderr, "    null criteria_set and sector: %s\n", err);
    CHECK_INT_EQ(p.criteria_set, 0);
    CHECK(p.sector == NULL);
    json_decref(data);
}

static void test_producer(void)
{
    struct oc_producer_registered p;
    char err[256] = "";
    json_t *data = producer_event();
    CHECK_INT_EQ(oc_producer_registered_parse(data, &p, err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(p.producer_id, PRODUCER_ID);
    CHECK_STR_EQ(p.type, "household");
    CHECK_STR_EQ(p.name, "Nguyễn Văn An");
    CHECK_STR_EQ(p.commune_code, "26734");
    CHECK_INT_EQ(p.version, 1);
    json_decref(data);

    static const char *const required[] = {"producer_id",  "type",    "name",
                                           "commune_code", "version", NULL};
    for (const char *const *k = required; *k; k++) {
        CHECK_INT_EQ(producer_with(*k, NULL, &p, err, sizeof(err)), OC_INVALID);
        CHECK(strstr(err, *k) != NULL);
    }
    CHECK_INT_EQ(producer_with("producer_id", json_string(PRODUCER_ID "x"), &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(producer_with("producer_id", json_string("7D3C0E9A-1F43-4E51-9A7E-2B1C5D8F0A11"),
                               &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(producer_with("name", json_string(""), &p, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(producer_with("name", json_null(), &p, err, sizeof(err)), OC_INVALID);
    CHECK_INT_EQ(producer_with("commune_code", json_string("267340"), &p, err, sizeof(err)),
                 OC_INVALID);
    CHECK_INT_EQ(producer_with("version", json_integer(0), &p, err, sizeof(err)), OC_INVALID);
    CHECK(strstr(err, "version") != NULL);
    CHECK_INT_EQ(producer_with("version", json_real(1.0), &p, err, sizeof(err)), OC_INVALID);
    /* extra members are ignored: newer producers may add some */
    CHECK_INT_EQ(
        producer_with("registered_at", json_string("2025-03-01T08:30:00Z"), &p, err, sizeof(err)),
        OC_OK);
    CHECK_INT_EQ(producer_with("version", json_integer(5), &p, err, sizeof(err)), OC_OK);
    CHECK_INT_EQ(p.version, 5);
}

int main(void)
{
    test_product_valid();
    test_product_rejected();
    test_product_optional();
    test_producer();
    TEST_DONE();
}

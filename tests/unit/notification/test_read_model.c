/* The read model's certificate facts: the contract checked member by member, and the status now. */
#include <string.h>

#include "notification/read_model.h"
#include "unit/test.h"

static const char issued[] =
    "{\"certificate_id\":\"0f3c2b1a-0000-4000-8000-00000000abcd\",\"number\":\"TV-CN-2025-00042\","
    "\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"product_code\":\"OCOP-TV-2025-"
    "00001\","
    "\"stars\":4,\"status\":\"valid\",\"rule_set\":\"qd1489-2025\",\"level\":\"province\","
    "\"decision_number\":\"15/QĐ-UBND\",\"issued_on\":\"2025-10-01\",\"expires_on\":\"2028-10-01\","
    "\"version\":1,\"result_id\":null,\"application_id\":null,\"supersedes\":null,"
    "\"issued_at\":\"2025-10-01T03:00:00Z\"}";

/* Parses issued with one member replaced by value (JSON text; NULL deletes it). */
static enum oc_err parse_with(const char *member, const char *value,
                              struct read_model_certificate *c, json_t **keep)
{
    char err[256];
    json_t *data = json_loads(issued, 0, NULL);
    if (member != NULL && value == NULL)
        json_object_del(data, member);
    else if (member != NULL)
        json_object_set_new(data, member, json_loads(value, JSON_DECODE_ANY, NULL));
    enum oc_err rc = read_model_certificate_parse(data, c, err, sizeof(err));
    *keep = data;
    return rc;
}

static int refused(const char *member, const char *value)
{
    struct read_model_certificate c;
    json_t *data;
    enum oc_err rc = parse_with(member, value, &c, &data);
    json_decref(data);
    return rc == OC_INVALID;
}

int main(void)
{
    struct read_model_certificate c;
    json_t *data;
    CHECK(parse_with(NULL, NULL, &c, &data) == OC_OK);
    CHECK_STR_EQ(c.number, "TV-CN-2025-00042");
    CHECK_STR_EQ(c.status, "valid");
    CHECK(c.stars == 4 && c.version == 1);
    CHECK(c.reason == NULL && c.change_decision == NULL && c.changed_on == NULL);
    json_decref(data);

    /* a status change: change_decision is an object, reason may be null */
    CHECK(parse_with("change_decision", "{\"number\":\"16/QĐ-UBND\",\"date\":\"2025-11-01\"}", &c,
                     &data) == OC_OK);
    CHECK_STR_EQ(c.change_decision, "16/QĐ-UBND");
    json_decref(data);
    CHECK(parse_with("reason", "null", &c, &data) == OC_OK && c.reason == NULL);
    json_decref(data);
    CHECK(parse_with("change_decision", "null", &c, &data) == OC_OK && c.change_decision == NULL);
    json_decref(data);

    /* each broken member is refused */
    CHECK(refused("stars", "7"));
    CHECK(refused("stars", "2"));
    CHECK(refused("stars", "\"4\""));
    CHECK(refused("status", "\"lost\""));
    CHECK(refused("level", "\"commune\""));
    CHECK(refused("number", "\"TV<1>\""));
    CHECK(refused("number", "\" TV-1\""));
    CHECK(refused("number", "\"\""));
    CHECK(refused("product_id", "\"x\""));
    CHECK(refused("certificate_id", NULL));
    CHECK(refused("issued_on", "\"2025-02-30\""));
    CHECK(refused("expires_on", NULL));
    CHECK(refused("version", "0"));
    CHECK(refused("change_decision", "\"16/QĐ-UBND\""));
    CHECK(refused("change_decision", "{\"date\":\"2025-11-01\"}"));
    CHECK(refused("changed_on", "\"yesterday\""));
    CHECK(refused(NULL, NULL) == 0);

    /* the status now: in force until expires_on, expired the day after */
    CHECK_STR_EQ(read_model_status_on("valid", "2028-10-01", "2028-10-01"), "valid");
    CHECK_STR_EQ(read_model_status_on("expiring", "2028-10-01", "2028-10-01"), "expiring");
    CHECK_STR_EQ(read_model_status_on("valid", "2028-10-01", "2028-10-02"), "expired");
    CHECK_STR_EQ(read_model_status_on("expiring", "2028-10-01", "2029-01-01"), "expired");
    CHECK_STR_EQ(read_model_status_on("revoked", "2028-10-01", "2029-01-01"), "revoked");
    CHECK_STR_EQ(read_model_status_on("suspended", "2028-10-01", "2025-01-01"), "suspended");
    CHECK_STR_EQ(read_model_status_on("superseded", "2028-10-01", "2025-01-01"), "superseded");
    TEST_DONE();
}

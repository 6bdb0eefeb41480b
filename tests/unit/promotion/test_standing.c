/*
 * A product's standing: which certificates and inspections let it be
 * promoted, today and over a span of days, and what certificate and
 * inspection events must carry.
 */
#include <string.h>

#include "promotion/reaction.h"
#include "promotion/standing.h"
#include "unit/test.h"

/* A 4-star certificate valid from 2026-01-10 to 2029-01-09. */
static struct standing valid4(void)
{
    struct standing s = {
        "c-1", "TV-OCOP-2026-0042", "valid", 4, "2026-01-10", "2029-01-09", NULL, NULL, NULL};
    return s;
}

static enum standing_verdict check(const struct standing *s, const char *today, const char *from,
                                   const char *to, char *reason)
{
    return standing_check(s, today, from, to, reason, 512);
}

static void test_today(void)
{
    char reason[512];
    struct standing s = valid4();
    CHECK_INT_EQ(check(&s, "2026-11-30", NULL, NULL, reason), STANDING_OK);
    CHECK_STR_EQ(reason, "its certificate TV-OCOP-2026-0042 (4 stars) is valid until 2029-01-09");
    /* the first and the last day count */
    CHECK_INT_EQ(check(&s, "2026-01-10", NULL, NULL, reason), STANDING_OK);
    CHECK_INT_EQ(check(&s, "2029-01-09", NULL, NULL, reason), STANDING_OK);
    CHECK_INT_EQ(check(&s, "2029-01-10", NULL, NULL, reason), STANDING_EXPIRED);
    CHECK_STR_EQ(reason, "its certificate TV-OCOP-2026-0042 expired on 2029-01-09");
    CHECK_INT_EQ(check(&s, "2026-01-09", NULL, NULL, reason), STANDING_NOT_YET_VALID);
    CHECK_STR_EQ(reason, "its certificate TV-OCOP-2026-0042 is valid only from 2026-01-10");
    s.status = "expiring";
    CHECK_INT_EQ(check(&s, "2026-11-30", NULL, NULL, reason), STANDING_OK);
    static const char *const out[] = {"suspended", "revoked", "expired", "superseded", "unknown"};
    for (size_t i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
        s.status = out[i];
        CHECK_INT_EQ(check(&s, "2026-11-30", NULL, NULL, reason), STANDING_NOT_IN_FORCE);
        CHECK(strstr(reason, out[i]) != NULL);
    }
    s = valid4();
    s.stars = 2;
    CHECK_INT_EQ(check(&s, "2026-11-30", NULL, NULL, reason), STANDING_BELOW_STARS);
    CHECK_STR_EQ(reason, "its certificate TV-OCOP-2026-0042 recognises 2 stars; promotion needs 3 "
                         "or more");
    s.stars = 3;
    CHECK_INT_EQ(check(&s, "2026-11-30", NULL, NULL, reason), STANDING_OK);
    s.number = NULL; /* named by its id when it has no number */
    CHECK_INT_EQ(check(&s, "2030-01-01", NULL, NULL, reason), STANDING_EXPIRED);
    CHECK_STR_EQ(reason, "its certificate c-1 expired on 2029-01-09");
    struct standing none = {0};
    CHECK_INT_EQ(check(&none, "2026-11-30", NULL, NULL, reason), STANDING_NO_CERTIFICATE);
    CHECK_STR_EQ(reason, "no OCOP certificate is known for this product");
}

static void test_blocked(void)
{
    char reason[512];
    struct standing s = valid4();
    s.block_inspection_id = "i-7";
    s.block_outcome = "recall";
    s.block_inspected_on = "2026-11-27";
    CHECK_INT_EQ(check(&s, "2026-11-30", NULL, NULL, reason), STANDING_BLOCKED);
    CHECK_STR_EQ(reason, "inspection i-7 of 2026-11-27 ended in recall, outstanding since its "
                         "certificate TV-OCOP-2026-0042");
    s.block_inspected_on = NULL;
    CHECK_INT_EQ(check(&s, "2026-11-30", "2026-12-01", "2026-12-03", reason), STANDING_BLOCKED);
    CHECK_STR_EQ(reason, "inspection i-7 ended in recall, outstanding since its certificate "
                         "TV-OCOP-2026-0042");
    /* a certificate out of force says so first */
    s.status = "suspended";
    CHECK_INT_EQ(check(&s, "2026-11-30", NULL, NULL, reason), STANDING_NOT_IN_FORCE);
}

/* Eligibility over an event's dates: every day from the first to the last. */
static void test_over_dates(void)
{
    char reason[512];
    struct standing s = valid4();
    CHECK_INT_EQ(check(&s, "2026-11-30", "2026-12-05", "2026-12-08", reason), STANDING_OK);
    CHECK_INT_EQ(check(&s, "2026-11-30", "2029-01-05", "2029-01-09", reason), STANDING_OK);
    CHECK_INT_EQ(check(&s, "2026-11-30", "2029-01-05", "2029-01-10", reason),
                 STANDING_NOT_OVER_DATES);
    CHECK_STR_EQ(reason, "its certificate TV-OCOP-2026-0042 is valid until 2029-01-09, before the "
                         "last day 2029-01-10 of 2029-01-05 to 2029-01-10");
    CHECK_INT_EQ(check(&s, "2026-01-12", "2026-01-09", "2026-01-12", reason),
                 STANDING_NOT_OVER_DATES);
    CHECK_STR_EQ(reason, "its certificate TV-OCOP-2026-0042 is valid from 2026-01-10, after the "
                         "first day 2026-01-09 of 2026-01-09 to 2026-01-12");
    CHECK_INT_EQ(check(&s, "2026-01-10", "2026-01-10", "2026-01-10", reason), STANDING_OK);
    /* expired today is refused whatever the dates asked */
    CHECK_INT_EQ(check(&s, "2029-02-01", "2029-01-01", "2029-01-02", reason), STANDING_EXPIRED);
    s.stars = 1;
    CHECK_INT_EQ(check(&s, "2026-11-30", "2026-12-05", "2026-12-08", reason), STANDING_BELOW_STARS);
}

static void test_statuses(void)
{
    CHECK(standing_in_force("valid") && standing_in_force("expiring"));
    CHECK(!standing_in_force("suspended") && !standing_in_force(NULL));
    CHECK(standing_status_reacts("suspended") && standing_status_reacts("revoked") &&
          standing_status_reacts("expired"));
    CHECK(!standing_status_reacts("superseded") && !standing_status_reacts("valid") &&
          !standing_status_reacts("expiring"));
    CHECK(standing_outcome_blocks("recall") && standing_outcome_blocks("suspension") &&
          standing_outcome_blocks("revocation"));
    CHECK(!standing_outcome_blocks("compliant") && !standing_outcome_blocks("guidance") &&
          !standing_outcome_blocks("fine") && !standing_outcome_blocks(NULL));
}

static enum oc_err cert_parse(const char *text, struct certificate_fact *f, json_t **data)
{
    char err[256];
    *data = json_loads(text, 0, NULL);
    return standing_certificate_parse(*data, f, err, sizeof(err));
}

static void test_certificate_parse(void)
{
    static const struct {
        const char *data; /* event data */
        enum oc_err rc;   /* expected */
    } cases[] = {
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"c\","
         "\"status\":\"valid\",\"stars\":4,\"issued_on\":\"2026-11-20\",\"expires_on\":"
         "\"2029-11-20\",\"number\":\"N\",\"extra\":[1]}",
         OC_OK},
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"c\","
         "\"status\":\"revoked\",\"stars\":4,\"reason\":null}",
         OC_OK},
        /* in force without issued_on */
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"c\","
         "\"status\":\"valid\",\"stars\":4}",
         OC_INVALID},
        {"{\"product_id\":\"8D2B7F4E-1A3C-4E5F-9B6A-2C4D6E8F0A1B\",\"certificate_id\":\"c\","
         "\"status\":\"revoked\",\"stars\":4}",
         OC_INVALID},
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"\","
         "\"status\":\"revoked\",\"stars\":4}",
         OC_INVALID},
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"c\","
         "\"status\":\"cancelled\",\"stars\":4}",
         OC_INVALID},
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"c\","
         "\"status\":\"revoked\",\"stars\":4.0}",
         OC_INVALID},
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"c\","
         "\"status\":\"revoked\",\"stars\":6}",
         OC_INVALID},
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"c\","
         "\"status\":\"valid\",\"stars\":4,\"issued_on\":\"2026-02-30\"}",
         OC_INVALID},
        {"{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\",\"certificate_id\":\"c\","
         "\"status\":\"revoked\",\"stars\":4,\"number\":42}",
         OC_INVALID},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct certificate_fact f;
        json_t *data = NULL;
        enum oc_err rc = cert_parse(cases[i].data, &f, &data);
        CHECK_INT_EQ(rc, cases[i].rc);
        if (rc != cases[i].rc)
            fprintf(stderr, "    case %zu\n", i);
        json_decref(data);
    }
    struct certificate_fact f;
    json_t *data = NULL;
    CHECK_INT_EQ(cert_parse("{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\","
                            "\"certificate_id\":\"c\",\"status\":\"expiring\",\"stars\":5,"
                            "\"issued_on\":\"2024-02-29\"}",
                            &f, &data),
                 OC_OK);
    CHECK_STR_EQ(f.issued_on, "2024-02-29");
    CHECK(f.expires_on == NULL && f.number == NULL && f.reason == NULL);
    CHECK_INT_EQ(f.stars, 5);
    json_decref(data);
}

static void test_inspection_parse(void)
{
    char err[256];
    struct inspection_fact f;
    json_t *data = json_loads("{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\","
                              "\"inspection_id\":\"i\",\"outcome\":\"recall\",\"kind\":"
                              "\"market_sample\",\"inspected_on\":\"2026-11-27\"}",
                              0, NULL);
    CHECK_INT_EQ(standing_inspection_parse(data, &f, err, sizeof(err)), OC_OK);
    CHECK_STR_EQ(f.outcome, "recall");
    CHECK_STR_EQ(f.kind, "market_sample");
    json_decref(data);
    data = json_loads("{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\","
                      "\"inspection_id\":\"i\"}",
                      0, NULL);
    CHECK_INT_EQ(standing_inspection_parse(data, &f, err, sizeof(err)), OC_OK);
    CHECK(f.outcome == NULL);
    json_decref(data);
    data = json_loads("{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\","
                      "\"inspection_id\":\"i\",\"outcome\":\"closed\"}",
                      0, NULL);
    CHECK_INT_EQ(standing_inspection_parse(data, &f, err, sizeof(err)), OC_INVALID);
    json_decref(data);
    data = json_loads("{\"product_id\":\"8d2b7f4e-1a3c-4e5f-9b6a-2c4d6e8f0a1b\"}", 0, NULL);
    CHECK_INT_EQ(standing_inspection_parse(data, &f, err, sizeof(err)), OC_INVALID);
    json_decref(data);
}

/* Reactions look at the product's view after the event was recorded. */
static void test_reactions(void)
{
    char reason[512];
    json_t *view = json_loads("{\"certificate\":{\"id\":\"c-1\",\"number\":\"TV-1\",\"status\":"
                              "\"revoked\"},\"latest_inspection\":{\"id\":\"i-1\",\"outstanding\":"
                              "true}}",
                              0, NULL);
    struct certificate_fact c = {.certificate_id = "c-1", .status = "revoked", .reason = "fraud"};
    CHECK(reaction_for_certificate(view, &c, reason, sizeof(reason)));
    CHECK_STR_EQ(reason, "certificate TV-1 revoked: fraud");
    c.certificate_id = "c-0"; /* another certificate than the current one */
    CHECK(!reaction_for_certificate(view, &c, reason, sizeof(reason)));
    struct inspection_fact i = {.inspection_id = "i-1",
                                .outcome = "recall",
                                .kind = "complaint",
                                .inspected_on = "2026-11-27"};
    CHECK(reaction_for_inspection(view, &i, reason, sizeof(reason)));
    CHECK_STR_EQ(reason, "inspection i-1 (complaint) of 2026-11-27 ended in recall");
    i.inspection_id = "i-0"; /* not the newest inspection */
    CHECK(!reaction_for_inspection(view, &i, reason, sizeof(reason)));
    json_object_set_new(json_object_get(view, "certificate"), "status", json_string("expiring"));
    c.certificate_id = "c-1";
    CHECK(!reaction_for_certificate(view, &c, reason, sizeof(reason)));
    json_object_set_new(json_object_get(view, "latest_inspection"), "outstanding", json_false());
    i.inspection_id = "i-1";
    CHECK(!reaction_for_inspection(view, &i, reason, sizeof(reason)));
    json_decref(view);
}

int main(void)
{
    test_today();
    test_blocked();
    test_over_dates();
    test_statuses();
    test_certificate_parse();
    test_inspection_parse();
    test_reactions();
    TEST_DONE();
}

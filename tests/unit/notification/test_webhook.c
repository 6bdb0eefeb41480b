/*
 * Webhooks without I/O: event-type entries and matching, Standard Webhooks
 * signatures (vectors computed with the npm standardwebhooks 1.3.0 package,
 * the implementation the integration tests verify with), secrets, the retry
 * schedule (the shipped file and bad ones), the SSRF guard's address rule,
 * and the bodies sent.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "common/base64.h"
#include "notification/address.h"
#include "notification/delivery.h"
#include "notification/subscription.h"
#include "unit/test.h"

static void test_types(void)
{
    static const char *const good[] = {"ocop.evaluation.certificate.",
                                       "ocop.evaluation.certificate.issued.v1", "ocop.",
                                       "ocop.registration.application.status_changed.v12"};
    static const char *const bad[] = {"ocop",
                                      "evaluation.certificate.",
                                      "ocop.evaluation.certificate",
                                      "ocop.evaluation..issued.v1",
                                      "ocop.Evaluation.",
                                      "ocop.evaluation.*",
                                      "ocop.evaluation.certificate.issued.v",
                                      "ocop.x.v1 "};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        CHECK(subscription_type_problem(good[i]) == NULL);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK(subscription_type_problem(bad[i]) != NULL);
        if (subscription_type_problem(bad[i]) == NULL)
            fprintf(stderr, "    accepted \"%s\"\n", bad[i]);
    }
    const char *issued = "ocop.evaluation.certificate.issued.v1";
    CHECK(subscription_type_matches("ocop.evaluation.certificate.", issued));
    CHECK(subscription_type_matches(issued, issued));
    CHECK(subscription_type_matches("ocop.", issued));
    CHECK(
        subscription_type_matches("ocop.evaluation.certificate.issued.", issued)); /* any version */
    CHECK(!subscription_type_matches("ocop.evaluation.cert", issued)); /* not a prefix entry */
    CHECK(!subscription_type_matches("ocop.evaluation.certificate.issued.v", issued));
    CHECK(
        !subscription_type_matches("ocop.evaluation.certificate.", "ocop.evaluation.certificate."));
    CHECK(!subscription_type_matches("ocop.registration.", issued));
    json_t *types = json_pack("[s,s]", "ocop.registration.product.", issued);
    CHECK(subscription_matches(types, issued));
    CHECK(subscription_matches(types, "ocop.registration.product.updated.v1"));
    CHECK(!subscription_matches(types, "ocop.registration.producer.updated.v1"));
    json_decref(types);
    CHECK(subscription_format_carries("cloudevents", issued));
    CHECK(!subscription_format_carries("dossier_status", issued));
    CHECK(subscription_format_carries("dossier_status",
                                      "ocop.registration.application.status_changed.v1"));
    CHECK(subscription_format_carries("dossier_status",
                                      "ocop.registration.application.submitted.v1"));
}

static void test_base64(void)
{
    unsigned char bytes[40], back[40];
    char text[64];
    for (size_t n = 0; n < sizeof(bytes); n++) {
        for (size_t i = 0; i < n; i++)
            bytes[i] = (unsigned char)(i * 37 + n);
        oc_base64(bytes, n, text);
        CHECK_INT_EQ(strlen(text), (n + 2) / 3 * 4);
        CHECK_INT_EQ(oc_base64_decode(text, back, sizeof(back)), n);
        CHECK(memcmp(bytes, back, n) == 0);
    }
    oc_base64((const unsigned char *)"Mật", 5, text);
    CHECK_STR_EQ(text, "TeG6rXQ=");
    CHECK_INT_EQ(oc_base64_decode("a$bc", back, sizeof(back)), -1);
    CHECK_INT_EQ(oc_base64_decode("abcde", back, sizeof(back)), -1);
    CHECK_INT_EQ(oc_base64_decode("AAAAAAAA", back, 5), -1); /* too long for the room */
}

static void test_signatures(void)
{
    char sig[DELIVERY_SIG_LEN], header[2 * DELIVERY_SIG_LEN + 2];
    const char *body = "{\"test\": 2432232314}";
    CHECK_INT_EQ(delivery_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7fKQTwe4pQk=",
                               "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, strlen(body), sig),
                 0);
    CHECK_STR_EQ(sig, "v1,H5ieLjwm8bLjJZPqNqiR2Y/Uuawx9aAXLqdtW3fwLKc=");
    const char *secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const char *id = "0b7e6c1a-2f3d-4e5a-9b8c-7d6e5f4a3b2c", *utf8 = "{\"a\":\"Mật hoa dừa\"}";
    CHECK_INT_EQ(delivery_sign(secret, id, 1765015200, utf8, strlen(utf8), sig), 0);
    CHECK_STR_EQ(sig, "v1,1TEzF8YVO9CET6Qs/cAHBE1rvvKRmxrHJTzQhXtkzIs=");
    /* Another timestamp, id or body, and the signature changes. */
    char other[DELIVERY_SIG_LEN];
    CHECK_INT_EQ(delivery_sign(secret, id, 1765015201, utf8, strlen(utf8), other), 0);
    CHECK(strcmp(sig, other) != 0);
    CHECK_INT_EQ(delivery_sign(secret, id, 1765015200, utf8, strlen(utf8) - 1, other), 0);
    CHECK(strcmp(sig, other) != 0);
    /* A rotation's overlap: the new secret's signature, then the old one's. */
    CHECK_INT_EQ(delivery_signature_header(secret,
                                           "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7fKQTwe4pQk=",
                                           "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body,
                                           strlen(body), header, sizeof(header)),
                 0);
    CHECK(strstr(header, " v1,H5ieLjwm8bLjJZPqNqiR2Y/Uuawx9aAXLqdtW3fwLKc=") != NULL);
    CHECK(strncmp(header, "v1,", 3) == 0 && strchr(header, ' ') == header + DELIVERY_SIG_LEN - 1);
    CHECK_INT_EQ(delivery_signature_header(secret, NULL, id, 1, "", 0, header, sizeof(header)), 0);
    CHECK(strchr(header, ' ') == NULL);
    /* Malformed secrets sign nothing. */
    CHECK_INT_EQ(delivery_sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7fKQTwe4pQk=", id, 1, "", 0, sig),
                 -1);
    CHECK_INT_EQ(delivery_sign("whsec_", id, 1, "", 0, sig), -1);
    CHECK_INT_EQ(delivery_sign("whsec_***", id, 1, "", 0, sig), -1);
}

static void test_secrets(void)
{
    char a[DELIVERY_SECRET_LEN], b[DELIVERY_SECRET_LEN];
    unsigned char key[64];
    CHECK_INT_EQ(delivery_secret_new(a), 0);
    CHECK_INT_EQ(delivery_secret_new(b), 0);
    CHECK(strncmp(a, "whsec_", 6) == 0);
    CHECK_INT_EQ(strlen(a), DELIVERY_SECRET_LEN - 1);
    CHECK_INT_EQ(oc_base64_decode(a + 6, key, sizeof(key)), 32);
    CHECK(strcmp(a, b) != 0);
}

static void test_schedule(void)
{
    char err[200], path[1024];
    struct delivery_schedule s;
    json_error_t jerr;
    snprintf(path, sizeof(path), "%s/reference/webhook-retry-schedule.json",
             OCOP_TEST_DEFAULT_SCHEMA_DIR);
    json_t *doc = json_load_file(path, 0, &jerr);
    CHECK(doc != NULL);
    CHECK_INT_EQ(delivery_schedule_parse(doc, 1.0, &s, err, sizeof(err)), 0);
    double total = 0, delay = 0;
    for (size_t i = 0; i < s.n; i++)
        total += s.delays_s[i];
    CHECK_INT_EQ(s.n, 11);
    CHECK(total > 2.5 * 86400 && total < 3.5 * 86400); /* "about three days" */
    CHECK(delivery_next(&s, 1, &delay) && delay == 5);
    CHECK(delivery_next(&s, 11, &delay) && delay == 86400);
    CHECK(!delivery_next(&s, 12, &delay)); /* the 12th failed attempt: dead */
    CHECK(!delivery_next(&s, 0, &delay));
    CHECK_INT_EQ(delivery_schedule_parse(doc, 0.001, &s, err, sizeof(err)), 0);
    CHECK(delivery_next(&s, 1, &delay) && delay > 0.0049 && delay < 0.0051);
    CHECK_INT_EQ(delivery_schedule_parse(doc, 0, &s, err, sizeof(err)), -1);
    json_decref(doc);
    static const char *const bad[] = {"{\"delays_s\":[],\"then\":\"dead\"}",
                                      "{\"delays_s\":[5,0],\"then\":\"dead\"}",
                                      "{\"delays_s\":[5,-1],\"then\":\"dead\"}",
                                      "{\"delays_s\":[5,\"30\"],\"then\":\"dead\"}",
                                      "{\"delays_s\":[5,604801],\"then\":\"dead\"}",
                                      "{\"delays_s\":[5],\"then\":\"retry\"}",
                                      "{\"delays_s\":[5]}"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        json_t *d = json_loads(bad[i], 0, NULL);
        CHECK(d != NULL);
        CHECK_INT_EQ(delivery_schedule_parse(d, 1.0, &s, err, sizeof(err)), -1);
        json_decref(d);
    }
}

static const char *why(const char *text)
{
    struct address a;
    if (!address_parse(text, &a))
        return "unparsed";
    return address_forbidden(&a);
}

static void test_addresses(void)
{
    static const char *const forbidden[] = {"127.0.0.1",
                                            "127.255.0.3",
                                            "10.1.2.3",
                                            "172.16.0.1",
                                            "172.31.255.255",
                                            "192.168.1.1",
                                            "169.254.169.254",
                                            "169.254.0.1",
                                            "100.64.0.1",
                                            "100.127.255.255",
                                            "0.0.0.0",
                                            "224.0.0.1",
                                            "255.255.255.255",
                                            "::1",
                                            "::",
                                            "fc00::1",
                                            "fd00:ec2::254",
                                            "fe80::1",
                                            "ff02::1",
                                            "::ffff:127.0.0.1",
                                            "::ffff:10.0.0.1",
                                            "::ffff:169.254.169.254"};
    static const char *const public_[] = {"93.184.216.34", "8.8.8.8",  "172.32.0.1",
                                          "100.128.0.1",   "11.0.0.1", "2606:4700::1111",
                                          "::ffff:8.8.8.8"};
    for (size_t i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
        CHECK(why(forbidden[i]) != NULL);
        if (why(forbidden[i]) == NULL)
            fprintf(stderr, "    allowed %s\n", forbidden[i]);
    }
    for (size_t i = 0; i < sizeof(public_) / sizeof(public_[0]); i++) {
        CHECK(why(public_[i]) == NULL);
        if (why(public_[i]) != NULL)
            fprintf(stderr, "    refused %s: %s\n", public_[i], why(public_[i]));
    }
    CHECK_STR_EQ(why("169.254.169.254"), "cloud metadata");
    CHECK_STR_EQ(why("fd00:ec2::254"), "cloud metadata");
    CHECK_STR_EQ(why("127.0.0.1"), "loopback");

    struct address_allow allow;
    struct address a;
    char err[128];
    CHECK_INT_EQ(address_allow_parse("", &allow, err, sizeof(err)), 0);
    CHECK_INT_EQ(allow.n, 0);
    CHECK_INT_EQ(address_allow_parse("127.0.0.1,::1", &allow, err, sizeof(err)), 0);
    CHECK_INT_EQ(allow.n, 2);
    address_parse("127.0.0.1", &a);
    CHECK(address_allowed(&allow, &a));
    address_parse("::ffff:127.0.0.1", &a);
    CHECK(address_allowed(&allow, &a));
    address_parse("127.0.0.2", &a);
    CHECK(!address_allowed(&allow, &a));
    CHECK_INT_EQ(address_allow_parse("localhost", &allow, err, sizeof(err)), -1);
    CHECK_INT_EQ(address_allow_parse("127.0.0.1,", &allow, err, sizeof(err)), -1);
    CHECK_INT_EQ(address_allow_parse(",127.0.0.1", &allow, err, sizeof(err)), -1);
    CHECK_INT_EQ(address_allow_parse("10.0.0.0/8", &allow, err, sizeof(err)), -1);
}

static void test_bodies(void)
{
    struct oc_event_in ev;
    memset(&ev, 0, sizeof(ev));
    snprintf(ev.id, sizeof(ev.id), "0b7e6c1a-2f3d-4e5a-9b8c-7d6e5f4a3b2c");
    snprintf(ev.type, sizeof(ev.type), "ocop.registration.application.status_changed.v1");
    snprintf(ev.source, sizeof(ev.source), "/ocop/registration");
    snprintf(ev.subject, sizeof(ev.subject), "5b9e2c71-3d4a-4f6b-8c2d-1e0f9a8b7c6d");
    snprintf(ev.time, sizeof(ev.time), "2026-12-06T10:00:00.000001Z");
    ev.data =
        json_pack("{s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:n}", "dossier_code", "OCOP.TV-261206-0001",
                  "status", "new", "portal_status_code", 1, "received_on", "2026-12-06",
                  "changed_at", "2026-12-06T10:00:00.000Z", "product_code", "OCOP-TV-2026-00042",
                  "product_name", "Mật hoa dừa", "producer_name", "Nguyễn Văn An", "reason");
    char *ce = delivery_cloudevent(&ev);
    json_t *j = json_loads(ce, 0, NULL);
    CHECK_STR_EQ(json_string_value(json_object_get(j, "specversion")), "1.0");
    CHECK_STR_EQ(json_string_value(json_object_get(j, "id")), ev.id);
    CHECK_STR_EQ(json_string_value(json_object_get(j, "subject")), ev.subject);
    CHECK_STR_EQ(json_string_value(json_object_get(j, "datacontenttype")), "application/json");
    CHECK(json_equal(json_object_get(j, "data"), ev.data));
    CHECK(json_object_get(j, "traceparent") == NULL);
    json_decref(j);
    free(ce);
    char *ds = delivery_dossier_status(&ev, "000.00.31.H60");
    j = json_loads(ds, 0, NULL);
    CHECK_STR_EQ(json_string_value(json_object_get(j, "dossier_code")), "OCOP.TV-261206-0001");
    CHECK_INT_EQ(json_integer_value(json_object_get(j, "status_code")), 1);
    CHECK_STR_EQ(json_string_value(json_object_get(j, "receiving_agency")), "000.00.31.H60");
    CHECK_STR_EQ(json_string_value(json_object_get(j, "product_name")), "Mật hoa dừa");
    CHECK(json_is_null(json_object_get(j, "reason")));
    CHECK(json_object_get(j, "producer_name") == NULL); /* a person's name never leaves */
    CHECK_INT_EQ(json_object_size(j), 9);
    json_decref(j);
    free(ds);
    json_object_set_new(ev.data, "dossier_code", json_null()); /* a withdrawn draft */
    CHECK(delivery_dossier_status(&ev, "OCOP.TV") == NULL);
    json_object_set_new(ev.data, "dossier_code", json_string("X"));
    json_object_set_new(ev.data, "portal_status_code", json_integer(0));
    CHECK(delivery_dossier_status(&ev, "OCOP.TV") == NULL);
    json_decref(ev.data);
}

int main(void)
{
    test_types();
    test_base64();
    test_signatures();
    test_secrets();
    test_schedule();
    test_addresses();
    test_bodies();
    TEST_DONE();
}
